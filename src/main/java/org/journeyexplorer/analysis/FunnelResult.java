package org.journeyexplorer.analysis;

import java.util.List;

/**
 * A computed funnel.
 *
 * @param query         the query
 * @param units         units with at least one included event (the population the funnel is drawn from)
 * @param steps         one entry per funnel step
 * @param timeToConvert time from the first step to the last step, over the units that completed the funnel
 */
public record FunnelResult(FunnelQuery query, int units, List<Step> steps, TimeDistribution timeToConvert) {

    /** Label used in {@link Step#dropoffNext} for journeys with no further event. */
    public static final String END = "(end)";

    public FunnelResult {
        steps = List.copyOf(steps);
    }

    /**
     * One funnel step.
     *
     * @param index                    0-based position
     * @param label                    the event label
     * @param count                    units that reached this step
     * @param fromStart                count / count of the first step (1 for the first step, 0 when nobody entered)
     * @param fromPrevious             count / count of the previous step (1 for the first step)
     * @param dropoff                  units that reached this step but not the next (0 for the last step)
     * @param medianFromPreviousMicros nearest-rank median time from the previous step's event (0 for the first)
     * @param dropoffNext              for the units that dropped off here: the next event after this step's
     *                                 event (or {@link #END}), top {@code topNext} by count descending
     */
    public record Step(int index, String label, int count, double fromStart, double fromPrevious, int dropoff,
                       long medianFromPreviousMicros, List<Next> dropoffNext) {
        public Step {
            dropoffNext = List.copyOf(dropoffNext);
        }

        /**
         * Whether the step has a gap from the previous one to show: not the first step, and reached by someone (a
         * step nobody reached has no gaps, and its median of none reads as "0 ms").
         */
        public boolean hasGap() {
            return index > 0 && count > 0;
        }
    }

    /** A next event and how many dropped-off units did it. */
    public record Next(String label, int count) {
    }

    /** Units that completed every step. */
    public int converted() {
        return steps.get(steps.size() - 1).count();
    }

    /** Converted / entered, 0 when nobody entered. */
    public double conversion() {
        int entered = steps.get(0).count();
        return entered == 0 ? 0 : (double) converted() / entered;
    }
}
