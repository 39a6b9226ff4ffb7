package org.journeyexplorer.analysis;

import java.util.List;

/**
 * Session variants: distinct full session sequences ranked by how many sessions follow them.
 *
 * @param query    the query
 * @param sessions sessions with at least one included event
 * @param distinct number of distinct sequences among them
 * @param variants the top variants: by count descending, ties by the earliest session that follows them
 */
public record VariantResult(VariantQuery query, int sessions, int distinct, List<Variant> variants) {
    public VariantResult {
        variants = List.copyOf(variants);
    }

    /**
     * One variant.
     *
     * @param steps                the labels in order
     * @param count                sessions following exactly this sequence
     * @param share                count / sessions
     * @param medianDurationMicros nearest-rank median of (last − first included event) over those sessions
     * @param firstSession         the earliest session (frame index) following it, an example to show
     */
    public record Variant(List<String> steps, int count, double share, long medianDurationMicros, int firstSession) {
        public Variant {
            steps = List.copyOf(steps);
        }
    }
}
