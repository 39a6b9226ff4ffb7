package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

import java.util.Locale;

/**
 * How boosted trees ({@link BoostedModel}) are built: which prefix features, how large the trees, how many
 * rounds. The features beyond the last events are fixed: how often each event type occurred so far (the
 * {@link #COUNTED_TYPES} most frequent), the position in the case, the four time features when the data has times,
 * and the event attributes the data carries.
 *
 * @param lastK     how many of the last events are features
 * @param maxLeaves leaves per tree at most
 * @param rounds    boosting rounds; 0 = as many as improve the log-loss on the latest 20% of the sequences (then
 *                  trained again on all of them)
 */
public record BoostConfig(int lastK, int maxLeaves, int rounds) implements Learner {
    /** Learning rate η: 0.1 fits no better on the test logs' validation folds, in twice the rounds. */
    public static final double LEARNING_RATE = 0.2;
    /** L2 penalty λ on leaf outputs, and rows each side of a split needs: tuned on the test logs' validation folds. */
    public static final double LAMBDA = 10;
    public static final int MIN_LEAF_ROWS = 20;
    /** Rounds at most when they are chosen by validation. */
    public static final int MAX_ROUNDS = 300;
    /** Rounds without a better validation log-loss before stopping. */
    public static final int PATIENCE = 10;
    /** Event types whose counts so far are features, the most frequent first. */
    public static final int COUNTED_TYPES = 30;
    /** Boosted trees are not tried with more outcomes (types + end) than this: one tree per outcome and round. */
    public static final int MAX_OUTCOMES = 64;
    /** Most recent training rows (prefixes) learnt from at most, so training stays a matter of seconds. */
    public static final int MAX_ROWS = 100_000;
    /**
     * Rows × outcomes at most: a round grows one tree per outcome over every row, so this bounds a round's work
     * (13,333 rows with 30 outcomes, 40,000 with 10).
     */
    public static final long MAX_ROW_OUTCOMES = 400_000;

    /** Training rows at most for data with this many event types. */
    public static int maxRows(int typeCount) {
        return (int) Math.min(MAX_ROWS, MAX_ROW_OUTCOMES / (typeCount + 1));
    }

    public BoostConfig {
        if (lastK < 1 || lastK > 10 || maxLeaves < 2 || maxLeaves > 256 || rounds < 0) {
            throw new IllegalArgumentException("invalid boosted-trees configuration");
        }
    }

    /** The hyperparameters of the learner for this configuration. */
    GradientBoosting.Params params() {
        return new GradientBoosting.Params(rounds == 0 ? MAX_ROUNDS : rounds, LEARNING_RATE, maxLeaves, 12, LAMBDA,
                1e-3, MIN_LEAF_ROWS, 64, PATIENCE);
    }

    /** The same configuration with a fixed number of rounds. */
    public BoostConfig withRounds(int r) {
        return new BoostConfig(lastK, maxLeaves, r);
    }

    /** Whether boosted trees are tried on data with this many event types. */
    public static boolean applicable(Sequences data) {
        return data.typeCount() + 1 <= MAX_OUTCOMES && data.typeCount() >= 1;
    }

    @Override
    public BoostedModel train(Sequences data, TaskContext ctx) {
        return BoostedModel.train(data, this, ctx);
    }

    @Override
    public boolean isBaseline() {
        return false;
    }

    /** Above every Markov configuration; among boosted ones, more leaves and a longer look-back count more. */
    @Override
    public int complexity() {
        return 20 + lastK + Integer.numberOfTrailingZeros(Integer.highestOneBit(maxLeaves));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "boosted trees (last %d events, counts, position, times; %s, ≤ %d leaves)",
                lastK, rounds == 0 ? "rounds by validation" : rounds + " rounds", maxLeaves);
    }
}
