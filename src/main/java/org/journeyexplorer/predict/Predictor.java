package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.Distribution;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.portable.NextStepScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained next-step model: a Markov model ({@link NextStepModel}) or boosted trees ({@link BoostedModel}). Its
 * scoring half ({@link #scorer()}) is what a model file carries; the rest serves the evaluation and the app.
 */
public interface Predictor {
    /** The learner that built it. */
    Learner config();

    /** The scoring half, as exported. */
    NextStepScorer scorer();

    /** A copy of the event type names, by index; distributions have one more entry, the end. */
    String[] typeNames();

    /** Number of event types. */
    default int typeCount() {
        return typeNames().length;
    }

    /** Name of an outcome ({@link NextStep#END_NAME} for the end). */
    default String typeName(int type) {
        String[] names = typeNames();
        return type < 0 || type == names.length ? NextStep.END_NAME : names[type];
    }

    /**
     * For each event attribute the model reads (in its own order), its index in {@code data}, or −1 where the
     * data lacks it; {@link NextStepModel#attributesOf} turns these into the {@code attrs} of a sequence.
     */
    int[] attributeColumns(Sequences data);

    /** The next-step distribution after {@code seq[0..prefixLength)} (see {@link NextStepScorer#distribution}). */
    default void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, Distribution out,
                              Distribution scratch) {
        scorer().distribution(seq, times, attrs, prefixLength, out, scratch);
    }

    /**
     * How often the longest activity context of the prefix (up to the model's look-back) occurred in training,
     * and its length: {@code [support, length]}; length 0 means even the last event was never followed.
     */
    int[] support(int[] seq, int prefixLength);

    /** Identifier of the activity context made of the last {@code length} events of the prefix (length ≥ 1). */
    long contextKey(int[] seq, int prefixLength, int length);

    /** The {@code n} most probable next steps after a prefix, most probable first (ties: lower type index). */
    default List<NextStep> top(int[] prefix, long[] times, int n) {
        Distribution d = scorer().newDistribution();
        scorer().distribution(prefix, times, null, prefix.length, d, scorer().newDistribution());
        return top(d, n);
    }

    /** The {@code n} largest entries of a distribution as next steps. */
    default List<NextStep> top(Distribution d, int n) {
        String[] names = typeNames();
        List<NextStep> out = new ArrayList<>();
        for (int y : d.top(n)) {
            out.add(y == names.length ? new NextStep(NextStep.END, NextStep.END_NAME, d.get(y))
                    : new NextStep(y, names[y], d.get(y)));
        }
        return out;
    }
}
