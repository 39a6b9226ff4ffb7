package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.Distribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures next-step prediction on held-out sequences, beside the most-frequent-next baseline (order 1, no
 * smoothing) trained on the same data: accuracy, top-3 accuracy, log-loss, accuracy by prefix length, and how
 * much training support the contexts behind the predictions had.
 */
public final class Evaluation {
    /** Contexts seen fewer times than this in training are flagged as thin. */
    public static final int THIN_SUPPORT = 20;
    /** Probability floor in the log-loss, so one impossible outcome does not make it infinite. */
    public static final double LOG_FLOOR = 1e-6;
    /** Prefix lengths at or above this are reported together. */
    public static final int LENGTH_CAP = 10;

    private Evaluation() {
    }

    /**
     * Which positions are predicted, and so what is asked there.
     *
     * @param minPrefix  shortest prefix to predict from (the Tax protocol uses 2)
     * @param includeEnd whether "the case ends" after the last event is a target too (never in the Tax protocol).
     *                   When it is not, a position is only asked about when an activity follows it, so the question
     *                   is "which activity comes next" and "the case ends" is no answer: every model (and the
     *                   baseline) answers with its distribution given that an activity follows ({@link #condition})
     */
    public record Targets(int minPrefix, boolean includeEnd) {
        /** The published protocol: prefixes of length ≥ 2, the end is never a target. */
        public static final Targets TAX = new Targets(2, false);
        /** Every next step of a session including leaving, from the first event on. */
        public static final Targets ALL = new Targets(1, true);
    }

    /** Scores of one model. */
    public record Score(int predictions, int hits, int top3Hits, double logLoss) {
        public double accuracy() {
            return predictions == 0 ? Double.NaN : (double) hits / predictions;
        }

        public double top3Accuracy() {
            return predictions == 0 ? Double.NaN : (double) top3Hits / predictions;
        }
    }

    /** Accuracy of model and baseline for one prefix length (the last row holds all lengths ≥ LENGTH_CAP). */
    public record LengthRow(int prefixLength, boolean andLonger, int predictions, double accuracy,
                            double baselineAccuracy) {
    }

    /**
     * One activity context the model predicted from.
     *
     * @param context  the events of the longest context found, oldest first ("" when none)
     * @param support  how often that context occurred in training
     * @param predictions test predictions made from it
     * @param accuracy share of them that were right
     * @param thin     support below {@link #THIN_SUPPORT}
     */
    public record ContextRow(String context, int support, int predictions, double accuracy, boolean thin) {
    }

    /** Bins of the reliability diagram: equal-width bins of the top prediction's probability. */
    public static final int CALIBRATION_BINS = 10;

    /**
     * How well the top prediction's probability matches how often it is right.
     *
     * @param ece  expected calibration error: over the bins, |accuracy − mean confidence| weighted by their share
     *             of predictions (0 = perfectly calibrated)
     * @param bins {@link #CALIBRATION_BINS} equal-width bins of confidence, empty ones included
     */
    public record Calibration(double ece, List<Bin> bins) {
        public Calibration {
            bins = List.copyOf(bins);
        }

        /** One bin: confidences in [from, to) (the last bin includes 1). */
        public record Bin(double from, double to, int predictions, double meanConfidence, double accuracy) {
        }
    }

    /**
     * Everything the evaluation panel shows.
     *
     * @param hitsIfEndAnswers         where the end is never a target ({@link #condition}): the model's hits had it
     *                                 been allowed to answer "the case ends" (as Tax et al.'s LSTM was), for
     *                                 comparing with figures scored that way; -1 where the end is a target
     * @param baselineHitsIfEndAnswers the same for the baseline
     */
    public record Report(Score model, Score baseline, List<LengthRow> byLength, List<ContextRow> contexts,
                         int thinPredictions, Calibration calibration, Calibration baselineCalibration,
                         int hitsIfEndAnswers, int baselineHitsIfEndAnswers) {
        /**
         * The figures on which the model did worse than the baseline on these predictions ("top3_accuracy",
         * "log_loss"; accuracy is {@link HoldoutEvaluation.Result#beatsBaseline}'s), so they can be said plainly.
         */
        public List<String> secondaryMetricsBelowBaseline() {
            List<String> out = new ArrayList<>();
            if (model.top3Hits() < baseline.top3Hits()) {
                out.add("top3_accuracy");
            }
            if (model.logLoss() > baseline.logLoss() + 1e-12) {
                out.add("log_loss");
            }
            return out;
        }

        /** One line for people naming those figures, or "" when there are none. */
        public String secondaryMetricsNote() {
            List<String> parts = new ArrayList<>();
            for (String metric : secondaryMetricsBelowBaseline()) {
                parts.add(metric.equals("top3_accuracy")
                        ? String.format(java.util.Locale.ROOT, "top-3 accuracy (%.1f %% vs %.1f %%, %d of %d "
                                + "predictions)", 100 * model.top3Accuracy(), 100 * baseline.top3Accuracy(),
                        baseline.top3Hits() - model.top3Hits(), model.predictions())
                        : String.format(java.util.Locale.ROOT, "log-loss (%.3f vs %.3f)", model.logLoss(),
                        baseline.logLoss()));
            }
            return parts.isEmpty() ? "" : "Below the most-frequent-next baseline on the test on "
                    + String.join(" and ", parts) + ".";
        }

        /** Share of predictions made from a thin context. */
        public double thinShare() {
            return model.predictions() == 0 ? 0 : (double) thinPredictions / model.predictions();
        }
    }

    /**
     * The answer to what {@code targets} asks, from a model's distribution {@code p} over the next step: as it is
     * when the end is a target; else given that an activity follows, i.e. without "the case ends" (outcome
     * {@code end}), renormalised. Before, a model whose first choice was the end (after helpdesk's "resolve", most
     * cases close) lost every such position to a miss the protocol guaranteed, and its top-3 and log-loss carried
     * the end's share too.
     */
    static void condition(Distribution p, Targets targets, int end) {
        if (!targets.includeEnd() && end < p.size() && p.get(end) > 0) {
            p.multiply(end, 0);
            p.normalize();
        }
    }

    /** Scores one model alone (used by model selection). */
    public static Score score(Predictor model, Sequences test, Targets targets) {
        return score(model, test, targets, null);
    }

    /**
     * Per test sequence: correct predictions, top-3 hits and summed log-loss, for paired comparisons of two
     * models on the same sequences.
     */
    public record PerSequence(int[] hits, int[] top3, double[] logLoss) {
        public static PerSequence of(int sequences) {
            return new PerSequence(new int[sequences], new int[sequences], new double[sequences]);
        }
    }

    /**
     * As {@link #score(Predictor, Sequences, Targets)}, also adding each test sequence's hits, top-3 hits and
     * log-loss into {@code bySequence} (when not null).
     */
    public static Score score(Predictor model, Sequences test, Targets targets, PerSequence bySequence) {
        Distribution p = model.scorer().newDistribution();
        Distribution scratch = model.scorer().newDistribution();
        Tally tally = new Tally();
        forEachTarget(model, test, targets, (s, seq, times, attrs, i, truth) -> {
            model.distribution(seq, times, attrs, i, p, scratch);
            condition(p, targets, model.typeCount());
            int rank = tally.add(p, truth);
            if (bySequence != null) {
                bySequence.hits()[s] += rank == 0 ? 1 : 0;
                bySequence.top3()[s] += rank < 3 ? 1 : 0;
                bySequence.logLoss()[s] -= Math.log(Math.max(p.get(truth), LOG_FLOOR));
            }
        });
        return tally.score();
    }

    /** One predicted position: sequence {@code s}, the prefix {@code seq[0..i)} and its true next step. */
    interface Target {
        void at(int s, int[] seq, long[] times, int[][] attrs, int i, int truth);
    }

    /**
     * Visits every position {@code targets} predicts in {@code test}, in order, with the attribute values
     * {@code model} reads; the truth after the last event is the end ({@code model.typeCount()}).
     */
    static void forEachTarget(Predictor model, Sequences test, Targets targets, Target visit) {
        int[] columns = model.attributeColumns(test);
        for (int s = 0; s < test.size(); s++) {
            int[] seq = test.types(s);
            long[] times = test.times(s);
            int[][] attrs = NextStepModel.attributesOf(columns, test, s);
            int last = targets.includeEnd() ? seq.length : seq.length - 1;
            for (int i = Math.max(targets.minPrefix(), 0); i <= last; i++) {
                visit.at(s, seq, times, attrs, i, i < seq.length ? seq[i] : model.typeCount());
            }
        }
    }

    /** Running hits, top-3 hits, log-loss and reliability bins of one model's predictions. */
    private static final class Tally {
        private int n;
        private int hits;
        private int top3;
        private double logLoss;
        private final int[] binN = new int[CALIBRATION_BINS];
        private final int[] binHits = new int[CALIBRATION_BINS];
        private final double[] binConfidence = new double[CALIBRATION_BINS];

        /** Counts one prediction and returns the rank of the truth in it. */
        int add(Distribution p, int truth) {
            int rank = p.rank(truth);
            n++;
            hits += rank == 0 ? 1 : 0;
            top3 += rank < 3 ? 1 : 0;
            logLoss -= Math.log(Math.max(p.get(truth), LOG_FLOOR));
            double confidence = rank == 0 ? p.get(truth) : p.max();
            int b = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) (confidence * CALIBRATION_BINS)));
            binN[b]++;
            binHits[b] += rank == 0 ? 1 : 0;
            binConfidence[b] += confidence;
            return rank;
        }

        Calibration calibration() {
            List<Calibration.Bin> bins = new ArrayList<>();
            double ece = 0;
            for (int b = 0; b < CALIBRATION_BINS; b++) {
                double conf = binN[b] == 0 ? Double.NaN : binConfidence[b] / binN[b];
                double acc = binN[b] == 0 ? Double.NaN : (double) binHits[b] / binN[b];
                if (binN[b] > 0) {
                    ece += (double) binN[b] / n * Math.abs(acc - conf);
                }
                bins.add(new Calibration.Bin((double) b / CALIBRATION_BINS, (double) (b + 1) / CALIBRATION_BINS,
                        binN[b], conf, acc));
            }
            return new Calibration(n == 0 ? Double.NaN : ece, bins);
        }

        Score score() {
            return new Score(n, hits, top3, n == 0 ? Double.NaN : logLoss / n);
        }
    }

    /**
     * Number of outcomes ranked strictly before {@code truth}; ties go to the lower index, as in
     * {@link Predictor#top}.
     */
    public static int rank(double[] p, int truth) {
        int r = 0;
        double pt = p[truth];
        for (int y = 0; y < p.length; y++) {
            if (p[y] > pt || (p[y] == pt && y < truth)) {
                r++;
            }
        }
        return r;
    }

    /** Full report: the model beside the baseline, by prefix length and by context. */
    public static Report evaluate(Predictor model, Predictor baseline, Sequences test, Targets targets) {
        Distribution p = model.scorer().newDistribution();
        Distribution q = baseline.scorer().newDistribution();
        Distribution scratch = model.scorer().newDistribution();
        Distribution bScratch = baseline.scorer().newDistribution();
        int[] lenN = new int[LENGTH_CAP + 1];
        int[] lenHits = new int[LENGTH_CAP + 1];
        int[] lenBase = new int[LENGTH_CAP + 1];
        Map<Long, int[]> ctx = new HashMap<>();
        Map<Long, String> labels = new HashMap<>();
        Tally modelTally = new Tally();
        Tally baselineTally = new Tally();
        int[] thin = new int[1];
        int[] ifEndAnswers = new int[2];
        forEachTarget(model, test, targets, (s, seq, times, attrs, i, truth) -> {
            model.distribution(seq, times, attrs, i, p, scratch);
            baseline.distribution(seq, times, null, i, q, bScratch);
            ifEndAnswers[0] += p.rank(truth) == 0 ? 1 : 0;
            ifEndAnswers[1] += q.rank(truth) == 0 ? 1 : 0;
            condition(p, targets, model.typeCount());
            condition(q, targets, baseline.typeCount());
            int rank = modelTally.add(p, truth);
            int bRank = baselineTally.add(q, truth);
            int li = Math.min(i, LENGTH_CAP);
            lenN[li]++;
            lenHits[li] += rank == 0 ? 1 : 0;
            lenBase[li] += bRank == 0 ? 1 : 0;
            int[] sup = model.support(seq, i);
            long key = sup[1] == 0 ? -1 - (i == 0 ? 1 : 0) : model.contextKey(seq, i, sup[1]);
            int[] c = ctx.get(key);
            if (c == null) {
                c = new int[3];
                ctx.put(key, c);
                StringBuilder label = new StringBuilder();
                for (int m = i - sup[1]; m < i; m++) {
                    label.append(label.length() == 0 ? "" : " → ").append(test.typeName(seq[m]));
                }
                labels.put(key, label.toString());
            }
            c[0] = sup[0];
            c[1]++;
            c[2] += rank == 0 ? 1 : 0;
            thin[0] += sup[0] < THIN_SUPPORT ? 1 : 0;
        });
        List<LengthRow> rows = new ArrayList<>();
        for (int li = 0; li <= LENGTH_CAP; li++) {
            if (lenN[li] > 0) {
                rows.add(new LengthRow(li, li == LENGTH_CAP, lenN[li], (double) lenHits[li] / lenN[li],
                        (double) lenBase[li] / lenN[li]));
            }
        }
        List<ContextRow> contexts = new ArrayList<>();
        ctx.forEach((key, c) -> contexts.add(new ContextRow(labels.get(key), c[0], c[1], (double) c[2] / c[1],
                c[0] < THIN_SUPPORT)));
        contexts.sort(Comparator.comparingInt(ContextRow::predictions).reversed()
                .thenComparing(ContextRow::context));
        boolean asked = !targets.includeEnd();
        return new Report(modelTally.score(), baselineTally.score(), rows, contexts, thin[0],
                modelTally.calibration(), baselineTally.calibration(), asked ? ifEndAnswers[0] : -1,
                asked ? ifEndAnswers[1] : -1);
    }
}
