package org.journeyexplorer.predict.portable;

/**
 * The scoring half of a next-step model, as a model file carries it: the distribution over the next step (event
 * types 0..T-1 and the end at T) after a prefix. {@link MarkovScorer} and {@link BoostedScorer} are the two kinds;
 * the desktop app, the CLI and the streaming job all score through this interface, so they agree to the bit.
 */
public interface NextStepScorer {
    /** Number of outcomes: event types plus the end. */
    int outcomes();

    /** A distribution object sized for this model (reuse one per thread). */
    default Distribution newDistribution() {
        return new Distribution(outcomes());
    }

    /**
     * The next-step distribution after the prefix {@code seq[0..prefixLength)}.
     *
     * @param times   event times of {@code seq} (µs since the epoch, UTC), or null when unknown: what depends on
     *                times is then left out
     * @param attrs   per attribute the model uses, its value indices along {@code seq}; null (or null entries)
     *                when unknown
     * @param out     receives the distribution
     * @param scratch working space sized for this model, or null
     */
    void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, Distribution out,
                      Distribution scratch);

    /** The model kind as a model file names it ({@code "markov"}, {@code "boosted"}). */
    String kind();

    /** A size for people: contexts counted, or tree nodes. */
    String sizeDescription();
}
