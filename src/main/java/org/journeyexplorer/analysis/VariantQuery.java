package org.journeyexplorer.analysis;

import java.util.Objects;

/**
 * Which session variants to list.
 *
 * @param top             how many variants to return
 * @param collapseRepeats treat consecutive repeats of a label as one step
 * @param labeling        rename rules and excluded types
 */
public record VariantQuery(int top, boolean collapseRepeats, EventLabeling labeling) {
    public VariantQuery {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        Objects.requireNonNull(labeling);
    }

    /** The top {@code n} variants, no collapsing, no renames. */
    public static VariantQuery top(int n) {
        return new VariantQuery(n, false, EventLabeling.NONE);
    }
}
