package org.journeyexplorer.analysis;

import java.util.Objects;

/**
 * Journey metrics towards a milestone event.
 *
 * @param milestone      the label that completes a journey (e.g. "purchase"), after renaming
 * @param unit           persons (whole history) or sessions
 * @param labeling       rename rules and excluded types
 * @param horizonMicros  the weekly velocity counts a journey as converted only if it reaches the milestone within
 *                       this time after its first touch; a fixed horizon makes early and late cohorts comparable
 */
public record MetricsQuery(String milestone, CountUnit unit, EventLabeling labeling, long horizonMicros) {
    /** 30 days, in µs. */
    public static final long DEFAULT_HORIZON_MICROS = 30L * 86_400_000_000L;

    public MetricsQuery {
        Objects.requireNonNull(milestone);
        Objects.requireNonNull(unit);
        Objects.requireNonNull(labeling);
        if (horizonMicros <= 0) {
            throw new IllegalArgumentException("horizon must be positive: " + horizonMicros);
        }
    }

    /** A query with the default 30-day horizon. */
    public MetricsQuery(String milestone, CountUnit unit, EventLabeling labeling) {
        this(milestone, unit, labeling, DEFAULT_HORIZON_MICROS);
    }

    public static MetricsQuery of(String milestone, CountUnit unit) {
        return new MetricsQuery(milestone, unit, EventLabeling.NONE);
    }

    public MetricsQuery withHorizon(long micros) {
        return new MetricsQuery(milestone, unit, labeling, micros);
    }
}
