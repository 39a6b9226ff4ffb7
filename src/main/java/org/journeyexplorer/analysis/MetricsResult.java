package org.journeyexplorer.analysis;

import java.util.List;

/**
 * Journey metrics. A journey starts at the unit's first included event (first touch) and completes at its first
 * milestone event.
 *
 * @param query          the query
 * @param units          units with at least one included event
 * @param completed      units that reach the milestone
 * @param timeToMilestone time from first touch to the first milestone, over completed units
 * @param velocity       per ISO week of the milestone event, ascending; weeks without completions are left out
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
     * Journey velocity in one ISO week (Monday 00:00 UTC to the next Monday).
     *
     * @param isoWeek      e.g. "2024-W01"
     * @param startMicros  Monday 00:00 UTC of the week
     * @param completions  journeys that reached the milestone in this week
     * @param medianMicros nearest-rank median time from first touch to milestone
     * @param medianSteps  nearest-rank median number of events from first touch to milestone, both included
     */
    public record Week(String isoWeek, long startMicros, int completions, long medianMicros, long medianSteps) {
    }
}
