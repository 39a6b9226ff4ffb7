package org.journeyexplorer.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Variable-order Markov model of the next event in a case or session, with the end of the case ("leaves") as a
 * predictable outcome.
 *
 * <p>The activity part is interpolated from the shortest context up: starting from the (lightly smoothed)
 * overall successor frequencies, each longer context {@code c} seen in training gives
 * {@code p(x|c) = (n(c,x) + α·p(x|shorter)) / (n(c) + α)}. With α = 0 this is pure backoff: the longest context
 * seen decides alone, so order 1 without smoothing is the classic most-frequent-successor chain.
 *
 * <p>Extra context features (time since previous event, time since start, position) are each counted jointly
 * with the last event and combined with the activity part as a product of experts: every feature multiplies in
 * its ratio {@code p(x | last, feature) / p(x | last)}. Each feature expert needs data only for its own pair, so
 * sparse logs still get a sensible answer.
 *
 * <p>Contexts are packed into long keys and counted in primitive hash maps; training is one pass over the events.
 */
public final class NextStepModel {
    private static final long TAG_SHIFT = 59;
    private static final long LEN_SHIFT = 54;
    private static final long TAG_START = 15;
    /** Attribute k of the configuration uses tag ATTRIBUTE_TAG + k (k < 6). */
    private static final int ATTRIBUTE_TAG = 8;
    private static final double ORDER0_PRIOR = 0.5;
    private static final double FLOOR = 1e-9;
    private static final long DAY = 86_400_000_000L;
    private static final long HOUR = 3_600_000_000L;

    private final ModelConfig config;
    private final String[] typeNames;
    private final int typeCount;
    private final int order;
    private final ContextCounts counts;
    private final long[] gapEdges;
    private final long[] elapsedEdges;
    private final boolean useTime;
    private final double[] order0;

    private NextStepModel(ModelConfig config, String[] typeNames, int order, ContextCounts counts, long[] gapEdges,
                          long[] elapsedEdges, boolean useTime) {
        this.config = config;
        this.typeNames = typeNames;
        this.typeCount = typeNames.length;
        this.order = order;
        this.counts = counts;
        this.gapEdges = gapEdges;
        this.elapsedEdges = elapsedEdges;
        this.useTime = useTime;
        this.order0 = counts == null ? null : order0(counts, typeNames.length + 1);
    }

    /** Learns the model from all sequences. Time features are ignored when the sequences carry no times. */
    public static NextStepModel train(Sequences data, ModelConfig config) {
        int t = Math.max(1, data.typeCount());
        int order = Math.max(1, Math.min(config.order(), maxOrder(t)));
        boolean useTime = data.hasTimes();
        long[] gapEdges = useTime && config.has(ContextFeature.GAP) ? quantileEdges(data, true) : new long[0];
        long[] elapsedEdges = useTime && config.has(ContextFeature.ELAPSED) ? quantileEdges(data, false)
                : new long[0];
        NextStepModel shell = new NextStepModel(config, data.typeNames(), order, null, gapEdges, elapsedEdges,
                useTime);
        ContextCounts.Builder b = new ContextCounts.Builder(t + 1, (int) Math.min(Integer.MAX_VALUE,
                data.eventCount() * (order + 2L)));
        int end = data.typeCount();
        ContextFeature[] features = config.features().toArray(new ContextFeature[0]);
        boolean[] on = new boolean[features.length];
        // Occurrences so far of each type in the current sequence, so the repeat feature costs O(1) per event.
        int[] seen = new int[t];
        int[] attrColumns = attributeColumns(config, data);
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            long[] times = data.times(s);
            int[][] attrs = attributesOf(attrColumns, data, s);
            for (int f = 0; f < features.length; f++) {
                on[f] = shell.featureOn(features[f], times);
            }
            b.add(TAG_START << TAG_SHIFT, seq[0]);
            for (int i = 1; i <= seq.length; i++) {
                int target = i < seq.length ? seq[i] : end;
                b.add(0L, target);
                for (int j = 1; j <= Math.min(order, i); j++) {
                    b.add(shell.activityKey(seq, i, j), target);
                }
                int repeat = Math.min(3, seen[seq[i - 1]]);
                for (int f = 0; f < features.length; f++) {
                    if (on[f]) {
                        b.add(shell.featureKey(features[f], seq, times, i, repeat), target);
                    }
                }
                for (int k = 0; k < attrs.length; k++) {
                    if (attrs[k] != null) {
                        b.add(shell.attributeKey(k, seq, attrs[k], i), target);
                    }
                }
                seen[seq[i - 1]]++;
            }
            for (int e : seq) {
                seen[e] = 0;
            }
        }
        return new NextStepModel(config, data.typeNames(), order, b.freeze(), gapEdges, elapsedEdges, useTime);
    }

    /** For each configured attribute (in {@link ModelConfig#attributeList()} order), its index in the data or -1. */
    static int[] attributeColumns(ModelConfig config, Sequences data) {
        List<String> names = config.attributeList();
        int[] out = new int[names.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = -1;
            for (int a = 0; a < data.attributeCount(); a++) {
                if (data.attributeName(a).equals(names.get(k))) {
                    out[k] = a;
                }
            }
        }
        return out;
    }

    /** The configured attributes along sequence {@code s} (null where the data lacks one). */
    static int[][] attributesOf(int[] columns, Sequences data, int s) {
        int[][] out = new int[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            out[k] = columns[k] < 0 ? null : data.attribute(columns[k], s);
        }
        return out;
    }

    /** The configured attributes of the data this model is applied to (see {@link #distribution}). */
    public int[] attributeColumns(Sequences data) {
        return attributeColumns(config, data);
    }

    private long attributeKey(int k, int[] seq, int[] attr, int i) {
        int value = Math.min(62, attr[i - 1]); // -1 (missing) … 62; dictionaries hold at most 40 values
        long tag = (long) (ATTRIBUTE_TAG + k) << TAG_SHIFT;
        if (config.deepFeatures()) {
            long a = activityKey(seq, i, Math.min(order, i)) * 64 + value + 1;
            a *= 0x9E3779B97F4A7C15L;
            a ^= a >>> 29;
            return tag | (a & ((1L << TAG_SHIFT) - 1));
        }
        return tag | ((long) seq[i - 1] << 6) | (value + 1);
    }

    private static int maxOrder(int typeCount) {
        int k = 1;
        double span = typeCount;
        while (k < 12 && span * typeCount < (double) (1L << LEN_SHIFT)) {
            span *= typeCount;
            k++;
        }
        return k;
    }

    /** Quantile edges of the gaps (or of time since start) over all training prefixes. */
    private static long[] quantileEdges(Sequences data, boolean gap) {
        long n = 0;
        for (int s = 0; s < data.size(); s++) {
            n += gap ? data.types(s).length - 1 : data.types(s).length;
        }
        long[] v = new long[(int) n];
        int k = 0;
        for (int s = 0; s < data.size(); s++) {
            long[] t = data.times(s);
            for (int i = gap ? 1 : 0; i < t.length; i++) {
                v[k++] = gap ? t[i] - t[i - 1] : t[i] - t[0];
            }
        }
        if (v.length == 0) {
            return new long[0];
        }
        Arrays.sort(v);
        long[] edges = new long[ContextFeature.TIME_BUCKETS - 1];
        int m = 0;
        for (int q = 1; q < ContextFeature.TIME_BUCKETS; q++) {
            long e = v[(int) ((long) v.length * q / ContextFeature.TIME_BUCKETS)];
            if (m == 0 || edges[m - 1] != e) {
                edges[m++] = e;
            }
        }
        return Arrays.copyOf(edges, m);
    }

    private static int bucket(long v, long[] edges) {
        for (int i = 0; i < edges.length; i++) {
            if (v <= edges[i]) {
                return i;
            }
        }
        return edges.length;
    }

    /** Key of the last {@code j} events of the prefix {@code seq[0..i)}. */
    private long activityKey(int[] seq, int i, int j) {
        long code = 0;
        for (int m = i - j; m < i; m++) {
            code = code * typeCount + seq[m];
        }
        return ((long) j << LEN_SHIFT) | code;
    }

    private boolean featureOn(ContextFeature f, long[] times) {
        return config.has(f) && (!f.needsTime() || (useTime && times != null));
    }

    private long featureKey(ContextFeature f, int[] seq, long[] times, int i) {
        return featureKey(f, seq, times, i, f == ContextFeature.REPEAT ? repeats(seq, i) : 0);
    }

    /** @param repeat the value of {@link ContextFeature#REPEAT} at {@code i}, known to the caller */
    private long featureKey(ContextFeature f, int[] seq, long[] times, int i, int repeat) {
        int value = switch (f) {
            case GAP -> i >= 2 ? bucket(times[i - 1] - times[i - 2], gapEdges) : -1;
            case ELAPSED -> bucket(times[i - 1] - times[0], elapsedEdges);
            case POSITION -> Math.min(i, ContextFeature.POSITION_CAP);
            // 1970-01-01 was a Thursday: +3 makes Monday 0.
            case WEEKDAY -> (int) Math.floorMod(Math.floorDiv(times[i - 1], DAY) + 3, 7L);
            case HOUR -> (int) (Math.floorMod(times[i - 1], DAY) / HOUR / 3);
            case REPEAT -> repeat;
        };
        if (config.deepFeatures()) {
            long a = activityKey(seq, i, Math.min(order, i)) * 64 + value + 1;
            a *= 0x9E3779B97F4A7C15L;
            a ^= a >>> 29;
            return ((long) (f.ordinal() + 1) << TAG_SHIFT) | (a & ((1L << TAG_SHIFT) - 1));
        }
        return ((long) (f.ordinal() + 1) << TAG_SHIFT) | ((long) seq[i - 1] << 6) | (value + 1);
    }

    private static int repeats(int[] seq, int i) {
        int n = 0;
        for (int m = i - 2; m >= 0 && n < 3; m--) {
            if (seq[m] == seq[i - 1]) {
                n++;
            }
        }
        return n;
    }

    public ModelConfig config() {
        return config;
    }

    /** Number of event types; distributions have one more entry, the end, at this index. */
    public int typeCount() {
        return typeCount;
    }

    public String typeName(int type) {
        return type < 0 || type == typeCount ? NextStep.END_NAME : typeNames[type];
    }

    /** The order actually used (the configured order, capped so contexts fit a long key). */
    public int effectiveOrder() {
        return order;
    }

    /** Distinct contexts counted (activity contexts plus feature contexts). */
    public int contextCount() {
        return counts.contextCount();
    }

    /**
     * Fills {@code out} (length typeCount + 1, the last entry being the end) with the next-step distribution after
     * the prefix {@code seq[0..prefixLength)}.
     *
     * @param times event times of {@code seq}, or null when unknown (time features are then left out)
     */
    public void distribution(int[] seq, long[] times, int prefixLength, double[] out) {
        distribution(seq, times, null, prefixLength, out);
    }

    /**
     * As {@link #distribution(int[], long[], int, double[])} with the event attributes of {@code seq}: per
     * configured attribute its values along the sequence, or null (see {@link #attributeColumns(Sequences)}).
     */
    public void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, double[] out) {
        int i = prefixLength;
        order0(out);
        if (i == 0) {
            interpolate(TAG_START << TAG_SHIFT, out, config.alpha());
            return;
        }
        for (int j = 1; j <= Math.min(order, i); j++) {
            interpolate(activityKey(seq, i, j), out, config.alpha());
        }
        boolean any = false;
        for (ContextFeature f : config.features()) {
            any |= featureOn(f, times);
        }
        if (attrs != null) {
            for (int[] a : attrs) {
                any |= a != null;
            }
        }
        if (!any) {
            return;
        }
        double[] p1;
        if (config.deepFeatures()) {
            // Deep experts refine the full activity context, so their ratio is taken against it.
            p1 = out.clone();
        } else {
            p1 = new double[out.length];
            order0(p1);
            interpolate(activityKey(seq, i, 1), p1, config.alpha());
        }
        double alpha = config.alpha();
        double[] dense = alpha > 0 ? null : new double[out.length];
        for (ContextFeature f : config.features()) {
            if (!featureOn(f, times)) {
                continue;
            }
            applyExpert(counts.row(featureKey(f, seq, times, i)), p1, dense, out);
        }
        if (attrs != null) {
            for (int k = 0; k < attrs.length; k++) {
                if (attrs[k] != null) {
                    applyExpert(counts.row(attributeKey(k, seq, attrs[k], i)), p1, dense, out);
                }
            }
        }
        double z = 0;
        for (double v : out) {
            z += v;
        }
        for (int y = 0; y < out.length; y++) {
            out[y] /= z;
        }
    }

    /** Multiplies one expert's ratio to p1 into {@code out} (row -1: unseen context, ratio 1). */
    private void applyExpert(int r, double[] p1, double[] dense, double[] out) {
        if (r < 0) {
            return; // unseen: the expert equals p1, its ratio is 1
        }
        double alpha = config.alpha();
        if (alpha > 0) {
            // Expert / p1 = keep + n(y) / (denom · p1(y)); dividing by the common factor keep = α / denom
            // leaves 1 + n(y) / (α · p1(y)), which differs from 1 only for observed successors.
            for (int k = counts.start(r); k < counts.end(r); k++) {
                int y = counts.symbol(k);
                out[y] *= 1 + counts.count(k) / (alpha * p1[y]);
            }
        } else {
            Arrays.fill(dense, 0);
            for (int k = counts.start(r); k < counts.end(r); k++) {
                dense[counts.symbol(k)] = (double) counts.count(k) / counts.total(r);
            }
            for (int y = 0; y < out.length; y++) {
                out[y] *= Math.max(dense[y], FLOOR) / Math.max(p1[y], FLOOR);
            }
        }
    }

    /** Overall successor frequencies with a small prior so no outcome is impossible. */
    private void order0(double[] p) {
        System.arraycopy(order0, 0, p, 0, p.length);
    }

    private static double[] order0(ContextCounts counts, int symbols) {
        double[] p = new double[symbols];
        int r = counts.row(0L);
        int total = r < 0 ? 0 : counts.total(r);
        double denom = total + ORDER0_PRIOR * p.length;
        Arrays.fill(p, ORDER0_PRIOR / denom);
        if (r >= 0) {
            for (int k = counts.start(r); k < counts.end(r); k++) {
                p[counts.symbol(k)] += counts.count(k) / denom;
            }
        }
        return p;
    }

    private void interpolate(long key, double[] p, double alpha) {
        int r = counts.row(key);
        if (r < 0) {
            return;
        }
        double denom = counts.total(r) + alpha;
        double keep = alpha / denom;
        for (int y = 0; y < p.length; y++) {
            p[y] *= keep;
        }
        for (int k = counts.start(r); k < counts.end(r); k++) {
            p[counts.symbol(k)] += counts.count(k) / denom;
        }
    }

    /** Next-step distribution after a prefix (see {@link #distribution(int[], long[], int, double[])}). */
    public double[] distribution(int[] prefix, long[] times) {
        double[] out = new double[typeCount + 1];
        distribution(prefix, times, prefix.length, out);
        return out;
    }

    /** The {@code n} most probable next steps after a prefix, most probable first (ties: lower type index). */
    public List<NextStep> top(int[] prefix, long[] times, int n) {
        return top(distribution(prefix, times), n);
    }

    /** The {@code n} largest entries of a distribution as next steps. */
    public List<NextStep> top(double[] p, int n) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        List<NextStep> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, idx.length); i++) {
            int y = idx[i];
            if (p[y] <= 0) {
                break;
            }
            out.add(y == typeCount ? new NextStep(NextStep.END, NextStep.END_NAME, p[y])
                    : new NextStep(y, typeNames[y], p[y]));
        }
        return out;
    }

    /** Identifier of the activity context made of the last {@code length} events of the prefix (length ≥ 1). */
    long contextKey(int[] seq, int prefixLength, int length) {
        return activityKey(seq, prefixLength, length);
    }

    /**
     * How often the longest activity context of the prefix (up to the model order) occurred in training, and its
     * length: {@code [support, length]}. Length 0 means even the last event was never followed in training.
     */
    public int[] support(int[] seq, int prefixLength) {
        for (int j = Math.min(order, prefixLength); j >= 1; j--) {
            int r = counts.row(activityKey(seq, prefixLength, j));
            if (r >= 0) {
                return new int[]{counts.total(r), j};
            }
        }
        int r = counts.row(prefixLength == 0 ? TAG_START << TAG_SHIFT : 0L);
        return new int[]{r < 0 ? 0 : counts.total(r), 0};
    }
}
