package org.journeyexplorer.predict.portable;

/**
 * Extra context a {@link NextStepModel} may use beside the preceding events. Each is a small integer computed from
 * the prefix; the time features are bucketed by quantiles of the training data, or by the clock in UTC.
 */
public enum ContextFeature {
    /** Time since the previous event, in {@link #TIME_BUCKETS} training quantiles. */
    GAP("time since previous event"),
    /** Time since the first event of the case / session, in training quantiles. */
    ELAPSED("time since case start"),
    /** Prefix length, capped at {@link #POSITION_CAP}. */
    POSITION("position in case"),
    /** Day of the week of the last event (UTC). */
    WEEKDAY("day of week"),
    /** Three-hour slot of the day of the last event (UTC). */
    HOUR("time of day"),
    /** How often the last event already occurred earlier in the prefix (0, 1, 2, 3 or more): loops. */
    REPEAT("repeats of the last event");

    /** Quantile buckets of the two duration features. */
    public static final int TIME_BUCKETS = 8;
    /** Prefix lengths at or above this share one position value. */
    public static final int POSITION_CAP = 10;

    private final String label;

    ContextFeature(String label) {
        this.label = label;
    }

    /** The name in model files and on the command line: the constant in lower case ("gap", "position"…). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The feature of a {@link #key()}. */
    public static ContextFeature fromKey(String key) {
        for (ContextFeature f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown context feature '" + key + "'");
    }

    /** Words for people. */
    public String label() {
        return label;
    }

    /** Whether the feature needs event times. */
    public boolean needsTime() {
        return this == GAP || this == ELAPSED || this == WEEKDAY || this == HOUR;
    }
}
