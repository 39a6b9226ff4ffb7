package org.journeyexplorer.analysis;

import java.util.List;
import java.util.Objects;

/**
 * An ordered funnel. Each unit ({@link CountUnit}) enters at its <em>first</em> occurrence of the first step (the
 * same anchor {@link Flows} uses); later steps must follow in order, each within {@code windowMicros} of the
 * entry. Matching is greedy (the earliest next occurrence), which finds a completion whenever one exists from
 * that entry.
 *
 * @param steps           event labels in order (after renaming), at least one
 * @param windowMicros    conversion window from the first step; {@link Long#MAX_VALUE} for none
 * @param unit            persons (their whole history across sessions) or sessions
 * @param strict          each step must be the very next event (after exclusions and collapsing); then the funnel
 *                        equals the flow path over the same steps
 * @param collapseRepeats treat consecutive repeats of a label as one event, as in {@link FlowQuery}
 * @param labeling        rename rules and excluded types, applied before everything else
 * @param topNext         how many next events to list per drop-off
 */
public record FunnelQuery(List<String> steps, long windowMicros, CountUnit unit, boolean strict,
                          boolean collapseRepeats, EventLabeling labeling, int topNext) {

    /** No conversion window. */
    public static final long NO_WINDOW = Long.MAX_VALUE;

    public FunnelQuery {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a funnel needs at least one step");
        }
        if (windowMicros < 0) {
            throw new IllegalArgumentException("window must not be negative");
        }
        Objects.requireNonNull(unit);
        Objects.requireNonNull(labeling);
    }

    /** Steps in order with other events allowed in between, the given window, by sessions, top 5 next events. */
    public static FunnelQuery of(List<String> steps, long windowMicros) {
        return new FunnelQuery(steps, windowMicros, CountUnit.SESSIONS, false, false, EventLabeling.NONE, 5);
    }

    public FunnelQuery withUnit(CountUnit u) {
        return new FunnelQuery(steps, windowMicros, u, strict, collapseRepeats, labeling, topNext);
    }

    public FunnelQuery withStrict(boolean s) {
        return new FunnelQuery(steps, windowMicros, unit, s, collapseRepeats, labeling, topNext);
    }

    public FunnelQuery withCollapseRepeats(boolean c) {
        return new FunnelQuery(steps, windowMicros, unit, strict, c, labeling, topNext);
    }

    public FunnelQuery withLabeling(EventLabeling l) {
        return new FunnelQuery(steps, windowMicros, unit, strict, collapseRepeats, l, topNext);
    }

    public FunnelQuery withTopNext(int n) {
        return new FunnelQuery(steps, windowMicros, unit, strict, collapseRepeats, labeling, n);
    }
}
