package org.journeyexplorer.predict.portable;

import java.util.List;

/**
 * Everything that shapes a variable-order Markov model except its counts: how prefixes become context keys, and
 * the interpolation strength. Shared by training (which counts successors per key) and scoring (which looks the
 * keys up), so both compute the same keys.
 *
 * <p>Key layout (64-bit): bits 59–62 hold a tag — 0 for activity contexts, {@code f.ordinal() + 1} for context
 * feature {@code f}, {@code 8 + k} for the k-th attribute, 15 for "before the first event"; the key 0 is the
 * order-0 context (every successor). An activity context of the last j events e1..ej is
 * {@code j << 54 | (((e1·T + e2)·T + …)·T + ej)}. A shallow feature key is {@code tag | last << 6 | (value + 1)};
 * a deep one (joint with the whole order-k context) hashes {@code activityKey·64 + value + 1}
 * (× 0x9E3779B97F4A7C15, xor-shift by 29) into the low 59 bits. Attribute keys follow the feature rule with the
 * value index (capped at 62, -1 = missing).
 *
 * @param typeCount    event types T (outcomes are 0..T-1 and the end, T)
 * @param order        longest activity context
 * @param alpha        interpolation strength (0: backoff only)
 * @param features     context features, in enum order
 * @param deep         whether features and attributes are joint with the whole order-k context
 * @param attributes   number of attribute experts
 * @param useTime      whether the training data had times (time features are used only then)
 * @param gapEdges     bucket edges (µs) of the time since the previous event
 * @param elapsedEdges bucket edges (µs) of the time since the first event
 */
public record MarkovSpec(int typeCount, int order, double alpha, List<ContextFeature> features, boolean deep,
                         int attributes, boolean useTime, long[] gapEdges, long[] elapsedEdges) {
    static final long TAG_SHIFT = 59;
    static final long LEN_SHIFT = 54;
    static final long TAG_START = 15;
    static final int ATTRIBUTE_TAG = 8;
    /** Attribute experts a key layout can hold. */
    public static final int MAX_ATTRIBUTES = 6;
    private static final long DAY = 86_400_000_000L;
    private static final long HOUR = 3_600_000_000L;

    public MarkovSpec {
        if (typeCount < 1 || order < 1 || order > maxOrder(typeCount)) {
            throw new IllegalArgumentException("order " + order + " does not fit " + typeCount + " event types");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be ≥ 0");
        }
        if (attributes < 0 || attributes > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("at most " + MAX_ATTRIBUTES + " attributes");
        }
        features = List.copyOf(features.stream().sorted().distinct().toList());
    }

    /** Longest context whose key fits: T^k < 2^54 (at most 12). */
    public static int maxOrder(int typeCount) {
        int k = 1;
        double span = Math.max(1, typeCount);
        while (k < 12 && span * Math.max(1, typeCount) < (double) (1L << LEN_SHIFT)) {
            span *= typeCount;
            k++;
        }
        return k;
    }

    /** Key of the order-0 context (all successors). */
    public static long order0Key() {
        return 0L;
    }

    /** Key of the context before the first event. */
    public static long startKey() {
        return TAG_START << TAG_SHIFT;
    }

    /** Key of the last {@code j} events of the prefix {@code seq[0..i)}. */
    public long activityKey(int[] seq, int i, int j) {
        long code = 0;
        for (int m = i - j; m < i; m++) {
            code = code * typeCount + seq[m];
        }
        return ((long) j << LEN_SHIFT) | code;
    }

    /** Whether feature {@code f} applies to a sequence with these times (null: unknown). */
    public boolean featureOn(ContextFeature f, long[] times) {
        return !f.needsTime() || (useTime && times != null);
    }

    /** Key of feature {@code f} after the prefix {@code seq[0..i)}; {@code repeat} as {@link #repeats}. */
    public long featureKey(ContextFeature f, int[] seq, long[] times, int i, int repeat) {
        int value = switch (f) {
            case GAP -> i >= 2 ? bucket(times[i - 1] - times[i - 2], gapEdges) : -1;
            case ELAPSED -> bucket(times[i - 1] - times[0], elapsedEdges);
            case POSITION -> Math.min(i, ContextFeature.POSITION_CAP);
            // 1970-01-01 was a Thursday: +3 makes Monday 0.
            case WEEKDAY -> (int) Math.floorMod(Math.floorDiv(times[i - 1], DAY) + 3, 7L);
            case HOUR -> (int) (Math.floorMod(times[i - 1], DAY) / HOUR / 3);
            case REPEAT -> repeat;
        };
        return expertKey(f.ordinal() + 1, seq, i, value);
    }

    /** Key of attribute expert {@code k} after {@code seq[0..i)}, from the attribute's value at the last event. */
    public long attributeKey(int k, int[] seq, int[] attr, int i) {
        // -1 (missing) … 62; dictionaries hold at most 40 values
        return expertKey(ATTRIBUTE_TAG + k, seq, i, Math.min(62, attr[i - 1]));
    }

    private long expertKey(int tag, int[] seq, int i, int value) {
        long t = (long) tag << TAG_SHIFT;
        if (deep) {
            long a = activityKey(seq, i, Math.min(order, i)) * 64 + value + 1;
            a *= 0x9E3779B97F4A7C15L;
            a ^= a >>> 29;
            return t | (a & ((1L << TAG_SHIFT) - 1));
        }
        return t | ((long) seq[i - 1] << 6) | (value + 1);
    }

    /** How often the last event of {@code seq[0..i)} already occurred before it (0–3, 3 meaning 3 or more). */
    public static int repeats(int[] seq, int i) {
        int n = 0;
        for (int m = i - 2; m >= 0 && n < 3; m--) {
            if (seq[m] == seq[i - 1]) {
                n++;
            }
        }
        return n;
    }

    static int bucket(long v, long[] edges) {
        for (int i = 0; i < edges.length; i++) {
            if (v <= edges[i]) {
                return i;
            }
        }
        return edges.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarkovSpec s && typeCount == s.typeCount && order == s.order
                && Double.compare(alpha, s.alpha) == 0 && features.equals(s.features) && deep == s.deep
                && attributes == s.attributes && useTime == s.useTime
                && java.util.Arrays.equals(gapEdges, s.gapEdges) && java.util.Arrays.equals(elapsedEdges, s.elapsedEdges);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(typeCount, order, alpha, features, deep, attributes, useTime,
                java.util.Arrays.hashCode(gapEdges), java.util.Arrays.hashCode(elapsedEdges));
    }
}
