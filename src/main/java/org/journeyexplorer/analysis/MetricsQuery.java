package org.journeyexplorer.analysis;

import java.util.Objects;

/**
 * Journey metrics towards a milestone event.
 *
 * @param milestone the label that completes a journey (e.g. "purchase"), after renaming
 * @param unit      persons (whole history) or sessions
 * @param labeling  rename rules and excluded types
 */
public record MetricsQuery(String milestone, CountUnit unit, EventLabeling labeling) {
    public MetricsQuery {
        Objects.requireNonNull(milestone);
        Objects.requireNonNull(unit);
        Objects.requireNonNull(labeling);
    }

    public static MetricsQuery of(String milestone, CountUnit unit) {
        return new MetricsQuery(milestone, unit, EventLabeling.NONE);
    }
}
