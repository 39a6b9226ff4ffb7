package org.journeyexplorer.analysis;

import java.util.Objects;

/**
 * What a Sankey flow shows. Every unit ({@link CountUnit}) that contains the anchor event contributes one
 * journey, anchored at the unit's <em>first</em> occurrence of the anchor:
 * <ul>
 *   <li>{@link Direction#FORWARD}: the start event and the next {@code steps} events after it;</li>
 *   <li>{@link Direction#BACKWARD}: the {@code steps} events before the first occurrence of the end event, and
 *       the end event itself;</li>
 *   <li>{@link Direction#BETWEEN}: from the first start event to the first end event after it, shown for at most
 *       {@code steps} steps; units where no end event follows the start are not counted.</li>
 * </ul>
 * With {@link CountUnit#PERSONS} the journey runs over the person's whole event sequence across sessions, so each
 * person counts once; {@link Funnels} uses the same definition, which makes flow paths and strict funnels agree.
 *
 * @param direction       forward, backward or between
 * @param start           anchor label for forward and between (after renaming), or {@link #JOURNEY_START}; else
 *                        ignored
 * @param end             anchor label for backward and between, else ignored
 * @param steps           number of steps after (before) the anchor, 1..{@link #MAX_STEPS}
 * @param topK            nodes shown per step, 1..{@link #MAX_TOP_K}; the rest are grouped into one "Other" node
 * @param unit            persons or sessions
 * @param collapseRepeats treat consecutive repeats of a label as one step (represented by its first event)
 * @param labeling        rename rules and excluded types, applied before everything else
 */
public record FlowQuery(Direction direction, String start, String end, int steps, int topK, CountUnit unit,
                        boolean collapseRepeats, EventLabeling labeling) {

    /**
     * The start "event" that anchors every journey at its beginning, whatever its first event is. Its node is the
     * single node of the first column; the journey's first event is step 1. Usable as {@link #start} going forward
     * and between; parentheses keep it apart from real event names.
     */
    public static final String JOURNEY_START = "(journey start)";

    /** Most steps a flow shows; beyond this a Sankey is unreadable and the journey table grows needlessly. */
    public static final int MAX_STEPS = 50;
    /** Most nodes per step before "Other"; link counters grow with its square. */
    public static final int MAX_TOP_K = 500;

    /** Where the journeys are anchored. */
    public enum Direction {
        FORWARD,
        BACKWARD,
        BETWEEN
    }

    public FlowQuery {
        Objects.requireNonNull(direction);
        Objects.requireNonNull(unit);
        Objects.requireNonNull(labeling);
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be between 1 and " + MAX_STEPS);
        }
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K);
        }
        if (direction != Direction.BACKWARD) {
            Objects.requireNonNull(start, "start");
        }
        if (direction != Direction.FORWARD) {
            Objects.requireNonNull(end, "end");
        }
    }

    /** Forward from {@code start}: top 10 per step, by sessions, no collapsing, no renames. */
    public static FlowQuery forward(String start, int steps) {
        return new FlowQuery(Direction.FORWARD, start, null, steps, 10, CountUnit.SESSIONS, false,
                EventLabeling.NONE);
    }

    /** Backward to {@code end}, same defaults as {@link #forward}. */
    public static FlowQuery backward(String end, int steps) {
        return new FlowQuery(Direction.BACKWARD, null, end, steps, 10, CountUnit.SESSIONS, false,
                EventLabeling.NONE);
    }

    /** From {@code start} to {@code end}, same defaults as {@link #forward}. */
    public static FlowQuery between(String start, String end, int steps) {
        return new FlowQuery(Direction.BETWEEN, start, end, steps, 10, CountUnit.SESSIONS, false,
                EventLabeling.NONE);
    }

    public FlowQuery withTopK(int k) {
        return new FlowQuery(direction, start, end, steps, k, unit, collapseRepeats, labeling);
    }

    public FlowQuery withUnit(CountUnit u) {
        return new FlowQuery(direction, start, end, steps, topK, u, collapseRepeats, labeling);
    }

    public FlowQuery withCollapseRepeats(boolean collapse) {
        return new FlowQuery(direction, start, end, steps, topK, unit, collapse, labeling);
    }

    public FlowQuery withLabeling(EventLabeling l) {
        return new FlowQuery(direction, start, end, steps, topK, unit, collapseRepeats, l);
    }

    /** True when journeys are anchored at their beginning ({@link #JOURNEY_START}) rather than at an event. */
    public boolean fromJourneyStart() {
        return direction != Direction.BACKWARD && JOURNEY_START.equals(start);
    }

    /**
     * A short description for captions and file names, the same in the app and the CLI: e.g. "Flows starting at
     * search · 5 steps · top 10 · sessions · repeats collapsed · hidden: a, b".
     */
    public String title() {
        String from = JOURNEY_START.equals(start) ? "the journey start" : start;
        String anchor = switch (direction) {
            case FORWARD -> "Flows starting at " + from;
            case BACKWARD -> "Flows ending at " + end;
            case BETWEEN -> "Flows from " + from + " to " + end;
        };
        StringBuilder t = new StringBuilder(anchor).append(" · ").append(steps).append(" steps · top ").append(topK)
                .append(" · ").append(unit.label());
        if (collapseRepeats) {
            t.append(" · repeats collapsed");
        }
        if (!labeling.excluded().isEmpty()) {
            t.append(" · hidden: ").append(String.join(", ", labeling.excluded().stream().sorted().toList()));
        }
        return t.toString();
    }

    /** Number of columns of the Sankey: the anchor plus {@link #steps}. */
    public int columns() {
        return steps + 1;
    }
}
