package org.journeyexplorer.analysis;

import java.util.List;

/**
 * Journey metrics. A journey starts at the unit's first included event (first touch) and completes at its first
 * milestone event.
 *
 * <p>The weekly velocity is by cohort: journeys are grouped by the ISO week of their first touch and count as
 * converted only within the query's horizon H. Grouping by the week of the milestone instead would be biased by
 * censoring: early in the data only journeys that started recently can complete, so they look fast. For the
 * same reason only cohort weeks that are fully observable are reported (week end + H ≤ the last included event).
 *
 * @param query           the query
 * @param units           units with at least one included event
 * @param completed       units that reach the milestone (at any time)
 * @param timeToMilestone time from first touch to the first milestone, over completed units
 * @param velocity        per ISO week of first touch, ascending; only fully observable weeks that have journeys
 */
public record MetricsResult(MetricsQuery query, int units, int completed, TimeDistribution timeToMilestone,
                            List<Week> velocity) {
    public MetricsResult {
        velocity = List.copyOf(velocity);
    }

    /** Completed / units, 0 when there are none. */
    public double completionRate() {
        return units == 0 ? 0 : (double) completed / units;
    }

    /**
     * One cohort: the journeys whose first touch falls in one ISO week (Monday 00:00 UTC to the next Monday).
     *
     * @param isoWeek      e.g. "2024-W01"
     * @param startMicros  Monday 00:00 UTC of the week
     * @param started      journeys whose first touch is in this week
     * @param completions  of those, journeys that reached the milestone within the horizon after their first touch
     * @param medianMicros nearest-rank median time from first touch to milestone over {@code completions}; 0 if none
     * @param medianSteps  nearest-rank median number of events from first touch to milestone, both included, over
     *                     {@code completions}; 0 if none
     */
    public record Week(String isoWeek, long startMicros, int started, int completions, long medianMicros,
                       long medianSteps) {
        /** Completions / started: the conversion rate within the horizon. */
        public double conversionRate() {
            return started == 0 ? 0 : (double) completions / started;
        }
    }
}
