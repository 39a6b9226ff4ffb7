package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.BoostedScorer;
import org.journeyexplorer.predict.portable.PrefixFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted trees over prefix features ({@link PrefixFeatures}) predicting the next step, trained by
 * {@link GradientBoosting} on every prefix of the sequences (the start and the end included, as the Markov model
 * counts them), the most recent {@link BoostConfig#maxRows} at most. Scoring is {@link BoostedScorer}'s, the code
 * an exported model is scored with. Context support (for the evaluation and the app) comes from an unsmoothed
 * Markov count of the same look-back, trained beside it and not exported.
 */
public final class BoostedModel implements Predictor {
    private final BoostConfig config;
    private final String[] typeNames;
    private final List<String> attributes;
    private final BoostedScorer scorer;
    private final NextStepModel support;
    private final GradientBoosting.Trained trained;

    private BoostedModel(BoostConfig config, String[] typeNames, List<String> attributes, BoostedScorer scorer,
                         NextStepModel support, GradientBoosting.Trained trained) {
        this.config = config;
        this.typeNames = typeNames;
        this.attributes = List.copyOf(attributes);
        this.scorer = scorer;
        this.support = support;
        this.trained = trained;
    }

    /**
     * Learns from all the sequences. With {@code rounds} 0 the rounds are first found on the latest 20% of the
     * sequences (trained on the rest), then the model is trained on all of them with that many rounds.
     */
    public static BoostedModel train(Sequences data, BoostConfig config, TaskContext ctx) {
        if (config.rounds() == 0) {
            int nv = ModelSelection.validationCount(data.size());
            if (nv > 0 && nv < data.size()) {
                BoostedModel probe = fit(data.slice(0, data.size() - nv), data.slice(data.size() - nv, data.size()),
                        Evaluation.Targets.ALL, config, false, ctx);
                config = probe.config();
            } else {
                config = config.withRounds(BoostConfig.PATIENCE);
            }
        }
        return fit(data, null, null, config, true, ctx);
    }

    /**
     * Learns from {@code data}; with validation sequences, stops once their log-loss (on {@code targets}) stops
     * improving and records the rounds kept in the model's configuration.
     */
    static BoostedModel fit(Sequences data, Sequences validation, Evaluation.Targets targets, BoostConfig config,
                            TaskContext ctx) {
        return fit(data, validation, targets, config, true, ctx);
    }

    /**
     * @param withSupport whether to count the context support beside the trees (a probe for the rounds, whose
     *                    model is only asked for its configuration, skips that pass over all the data)
     */
    private static BoostedModel fit(Sequences data, Sequences validation, Evaluation.Targets targets,
                                    BoostConfig config, boolean withSupport, TaskContext ctx) {
        PrefixFeatures spec = features(data, config);
        int[] columns = allAttributes(data);
        GradientBoosting.Rows rows = rows(spec, data, columns, null, BoostConfig.maxRows(data.typeCount()));
        // The validation rows only decide when to stop, and every round scores them all: the most recent ones,
        // as many as the training rows at most (all 200,000 of a 1 M-event log's latest 20% made training 10×
        // slower than the training rows did).
        GradientBoosting.Rows vRows = validation == null ? null
                : rows(spec, validation, attributeColumns(names(data), validation), targets,
                BoostConfig.maxRows(data.typeCount()));
        GradientBoosting.Params p = config.params();
        if (validation == null && config.rounds() == 0) {
            throw new IllegalArgumentException("rounds must be fixed without validation");
        }
        GradientBoosting.Trained t = GradientBoosting.train(spec, rows, vRows, p, ctx);
        NextStepModel support = withSupport ? NextStepModel.train(data, ModelConfig.markov(config.lastK(), 0)) : null;
        return new BoostedModel(validation == null ? config : config.withRounds(Math.max(1, t.rounds())),
                data.typeNames(), names(data), t.scorer(), support, t);
    }

    /** The features of {@code config} on this data: counts of the most frequent types, times when known. */
    static PrefixFeatures features(Sequences data, BoostConfig config) {
        int t = Math.max(1, data.typeCount());
        long[] freq = new long[t];
        for (int s = 0; s < data.size(); s++) {
            for (int e : data.types(s)) {
                freq[e]++;
            }
        }
        Integer[] order = new Integer[t];
        for (int i = 0; i < t; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> freq[a] != freq[b] ? Long.compare(freq[b], freq[a]) : Integer.compare(a, b));
        int m = 0;
        int[] counted = new int[Math.min(t, BoostConfig.COUNTED_TYPES)];
        for (int i = 0; i < counted.length && freq[order[i]] > 0; i++) {
            counted[m++] = order[i];
        }
        counted = Arrays.copyOf(counted, m);
        Arrays.sort(counted);
        return new PrefixFeatures(t, config.lastK(), counted, true, data.hasTimes(),
                Math.min(data.attributeCount(), ModelConfig.MAX_ATTRIBUTES));
    }

    private static List<String> names(Sequences data) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < Math.min(data.attributeCount(), ModelConfig.MAX_ATTRIBUTES); a++) {
            out.add(data.attributeName(a));
        }
        return out;
    }

    private static int[] allAttributes(Sequences data) {
        int[] c = new int[Math.min(data.attributeCount(), ModelConfig.MAX_ATTRIBUTES)];
        for (int a = 0; a < c.length; a++) {
            c[a] = a;
        }
        return c;
    }

    private static int[] attributeColumns(List<String> names, Sequences data) {
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

    /**
     * The rows of the sequences: with {@code targets} null, every prefix (the start and the end included) of the
     * latest sequences up to {@code maxRows} rows; otherwise the positions {@code targets} predicts.
     */
    static GradientBoosting.Rows rows(PrefixFeatures spec, Sequences data, int[] columns,
                                      Evaluation.Targets targets, int maxRows) {
        int first = data.size();
        long count = 0;
        while (first > 0) {
            int len = data.types(first - 1).length;
            long add = targets == null ? len + 1 : targetCount(len, targets);
            if (count + add > maxRows && count > 0) {
                break;
            }
            count += add;
            first--;
        }
        int nf = spec.size();
        int n = (int) Math.min(count, maxRows);
        double[] x = new double[n * nf];
        int[] y = new int[n];
        double[] buf = new double[nf];
        int r = 0;
        int end = data.typeCount();
        for (int s = first; s < data.size() && r < n; s++) {
            int[] seq = data.types(s);
            PrefixFeatures.Walker w = spec.walker(seq, data.times(s), NextStepModel.attributesOf(columns, data, s));
            int from = targets == null ? 0 : Math.max(targets.minPrefix(), 0);
            int to = targets == null || targets.includeEnd() ? seq.length : seq.length - 1;
            for (int i = 0; i <= to && r < n; i++) {
                if (i >= from) {
                    w.fill(buf);
                    System.arraycopy(buf, 0, x, r * nf, nf);
                    y[r++] = i < seq.length ? seq[i] : end;
                }
                if (i < seq.length) {
                    w.advance();
                }
            }
        }
        return new GradientBoosting.Rows(Arrays.copyOf(x, r * nf), Arrays.copyOf(y, r));
    }

    private static long targetCount(int len, Evaluation.Targets targets) {
        int to = targets.includeEnd() ? len : len - 1;
        return Math.max(0, to - Math.max(targets.minPrefix(), 0) + 1);
    }

    @Override
    public BoostConfig config() {
        return config;
    }

    @Override
    public BoostedScorer scorer() {
        return scorer;
    }

    @Override
    public String[] typeNames() {
        return typeNames.clone();
    }

    @Override
    public int typeCount() {
        return typeNames.length;
    }

    @Override
    public String typeName(int type) {
        return support.typeName(type);
    }

    /** Names of the event attributes the trees read, in their order. */
    public List<String> attributes() {
        return attributes;
    }

    /** Validation log-loss after each round, when the rounds were chosen by validation (else empty). */
    public double[] validationLogLoss() {
        return trained.validationLogLoss().clone();
    }

    @Override
    public int[] attributeColumns(Sequences data) {
        return attributeColumns(attributes, data);
    }

    @Override
    public int[] support(int[] seq, int prefixLength) {
        return support.support(seq, prefixLength);
    }

    @Override
    public long contextKey(int[] seq, int prefixLength, int length) {
        return support.contextKey(seq, prefixLength, length);
    }
}
