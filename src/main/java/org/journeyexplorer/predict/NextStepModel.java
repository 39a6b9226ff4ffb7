package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.ContextFeature;
import org.journeyexplorer.predict.portable.Distribution;
import org.journeyexplorer.predict.portable.MarkovScorer;
import org.journeyexplorer.predict.portable.MarkovSpec;
import org.journeyexplorer.predict.portable.NextStep;

import java.util.Arrays;
import java.util.List;

/**
 * Variable-order Markov model of the next event in a case or session, with the end of the case ("leaves") as a
 * predictable outcome. Training counts successors per context in one pass over the events; scoring is
 * {@link MarkovScorer}'s (see there for the arithmetic), the same code the exported model is scored with.
 */
public final class NextStepModel implements Predictor {
    private final ModelConfig config;
    private final String[] typeNames;
    private final MarkovScorer scorer;

    private NextStepModel(ModelConfig config, String[] typeNames, MarkovScorer scorer) {
        this.config = config;
        this.typeNames = typeNames;
        this.scorer = scorer;
    }

    /** Learns the model from all sequences. Time features are ignored when the sequences carry no times. */
    public static NextStepModel train(Sequences data, ModelConfig config) {
        int t = Math.max(1, data.typeCount());
        MarkovSpec spec = spec(data, config);
        ContextCounts b = new ContextCounts(t + 1, (int) Math.min(Integer.MAX_VALUE,
                data.eventCount() * (spec.order() + 2L)));
        int end = data.typeCount();
        List<ContextFeature> features = spec.features();
        boolean[] on = new boolean[features.size()];
        // Occurrences so far of each type in the current sequence, so the repeat feature costs O(1) per event.
        int[] seen = new int[t];
        int[] attrColumns = attributeColumns(config, data);
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            long[] times = data.times(s);
            int[][] attrs = attributesOf(attrColumns, data, s);
            for (int f = 0; f < on.length; f++) {
                on[f] = spec.featureOn(features.get(f), times);
            }
            b.add(MarkovSpec.startKey(), seq[0]);
            for (int i = 1; i <= seq.length; i++) {
                int target = i < seq.length ? seq[i] : end;
                b.add(MarkovSpec.order0Key(), target);
                for (int j = 1; j <= Math.min(spec.order(), i); j++) {
                    b.add(spec.activityKey(seq, i, j), target);
                }
                int repeat = Math.min(3, seen[seq[i - 1]]);
                for (int f = 0; f < on.length; f++) {
                    if (on[f]) {
                        b.add(spec.featureKey(features.get(f), seq, times, i, repeat), target);
                    }
                }
                for (int k = 0; k < attrs.length; k++) {
                    if (attrs[k] != null) {
                        b.add(spec.attributeKey(k, seq, attrs[k], i), target);
                    }
                }
                seen[seq[i - 1]]++;
            }
            for (int e : seq) {
                seen[e] = 0;
            }
        }
        return new NextStepModel(config, data.typeNames(), new MarkovScorer(spec, b.freeze()));
    }

    /** Longest order a shared count table covers for shallow configurations (the default search's longest). */
    static final int COVER_ORDER = 3;

    /**
     * A configuration whose counts include every count {@code config} makes, under the same keys: the counts do
     * not depend on α, shallow experts and activity contexts not on the order (a longer order only adds rows),
     * and each expert adds rows of its own tag. Only deep experts depend on the order and the attributes' tags
     * on the attribute set, so those stay. Model selection counts a fold once per cover and scores each
     * configuration on the cover's table ({@link #sharing}), with exactly the numbers training it alone gives.
     *
     * @param allFeatures whether the cover counts every context feature (worth it when many feature sets will be
     *                    scored), or only {@code config}'s
     */
    static ModelConfig countsCover(ModelConfig config, boolean allFeatures) {
        boolean deep = config.deepFeatures() && config.hasExtras();
        java.util.Set<ContextFeature> features = allFeatures ? java.util.EnumSet.allOf(ContextFeature.class)
                : config.features();
        return new ModelConfig(deep ? config.order() : Math.max(COVER_ORDER, config.order()), 1, features, deep,
                config.attributes());
    }

    /**
     * The model of {@code config} scored on the counts of {@code cover}, a model trained on the same data with
     * {@link #countsCover}'s configuration: its distributions equal those of {@code train(data, config)} to the
     * bit (what it reports as its context count does not).
     */
    static NextStepModel sharing(NextStepModel cover, ModelConfig config, Sequences data) {
        return new NextStepModel(config, data.typeNames(), new MarkovScorer(spec(data, config),
                cover.scorer().table()));
    }

    /** The key layout and smoothing of {@code config} on this data (order capped so contexts fit a key). */
    static MarkovSpec spec(Sequences data, ModelConfig config) {
        int t = Math.max(1, data.typeCount());
        int order = Math.max(1, Math.min(config.order(), MarkovSpec.maxOrder(t)));
        boolean useTime = data.hasTimes();
        long[] gapEdges = useTime && config.has(ContextFeature.GAP) ? data.timeEdges(true) : new long[0];
        long[] elapsedEdges = useTime && config.has(ContextFeature.ELAPSED) ? data.timeEdges(false)
                : new long[0];
        return new MarkovSpec(t, order, config.alpha(), List.copyOf(config.features()), config.deepFeatures(),
                config.attributes().size(), useTime, gapEdges, elapsedEdges);
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
    @Override
    public int[] attributeColumns(Sequences data) {
        return attributeColumns(config, data);
    }

    /** Quantile edges of the gaps (or of time since start) over all training prefixes. */
    static long[] quantileEdges(Sequences data, boolean gap) {
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

    @Override
    public ModelConfig config() {
        return config;
    }

    /** The scoring half, as exported. */
    @Override
    public MarkovScorer scorer() {
        return scorer;
    }

    /** Number of event types; distributions have one more entry, the end, at this index. */
    @Override
    public int typeCount() {
        return typeNames.length;
    }

    @Override
    public String typeName(int type) {
        return type < 0 || type == typeNames.length ? NextStep.END_NAME : typeNames[type];
    }

    /** A copy of the event type names, by index. */
    @Override
    public String[] typeNames() {
        return typeNames.clone();
    }

    /** The order actually used (the configured order, capped so contexts fit a long key). */
    public int effectiveOrder() {
        return scorer.spec().order();
    }

    /** Distinct contexts counted (activity contexts plus feature contexts). */
    public int contextCount() {
        return scorer.table().size();
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
        Distribution d = scorer.newDistribution();
        scorer.distribution(seq, times, attrs, prefixLength, d, null);
        d.toArray(out);
    }

    /** Next-step distribution after a prefix (see {@link #distribution(int[], long[], int, double[])}). */
    public double[] distribution(int[] prefix, long[] times) {
        double[] out = new double[typeNames.length + 1];
        distribution(prefix, times, prefix.length, out);
        return out;
    }

    /** Identifier of the activity context made of the last {@code length} events of the prefix (length ≥ 1). */
    @Override
    public long contextKey(int[] seq, int prefixLength, int length) {
        return scorer.spec().activityKey(seq, prefixLength, length);
    }

    /**
     * How often the longest activity context of the prefix (up to the model order) occurred in training, and its
     * length: {@code [support, length]}. Length 0 means even the last event was never followed in training.
     */
    @Override
    public int[] support(int[] seq, int prefixLength) {
        return scorer.support(seq, prefixLength);
    }
}
