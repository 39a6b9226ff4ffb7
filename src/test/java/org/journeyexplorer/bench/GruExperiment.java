package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.Learner;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.Predictor;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.predict.TaxProtocol;
import org.journeyexplorer.predict.portable.Distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code predict-gru [FILE] [SEEDS] [HIDDEN] [test]}: a small GRU next-step model in pure Java (activity
 * embedding + the time features of Tax et al. 2017: time since the previous event, since the case start, time of
 * day, weekday, position), trained by Adam with early stopping on the latest 10% of each fit part, an ensemble
 * over seeds. It is scored on the validation folds model selection uses (the same slices of the training cases of
 * the Tax protocol) beside the chain model selection chooses, and committees of both (chain weight 0.1…0.9). The
 * decision rule, set before any test figure was seen: the committee weight with the most validation hits, adopted
 * only if it clearly beats the chosen chain there (the one-standard-error rule of {@link ModelSelection}). With
 * {@code test} as the last argument it then trains on all the training cases and tests, for the record.
 *
 * <p>Other modes: {@code predict-gru FILE window [test]} (the chain fit on only the latest share of each fold's
 * cases), {@code predict-gru FILE committee [test]} (equal-weight committees of chain, boosted trees and the GRU
 * ensemble, no weight tuned), {@code predict-gru gradcheck} (the backpropagation against finite differences).
 * An experiment, not part of the product: none of these won on validation (README, "Next-step prediction").
 */
public final class GruExperiment {
    private GruExperiment() {
    }

    static final double[] FOLD_PREFIXES = {1.0, 0.8, 0.6};

    public static void run(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("window")) {
            window(Path.of(args[0]), args.length > 2 && args[2].equals("test"));
            return;
        }
        if (args.length > 1 && args[1].equals("committee")) {
            committee(Path.of(args[0]), args.length > 2 && args[2].equals("test"));
            return;
        }
        if (args.length > 0 && args[0].equals("gradcheck")) {
            gradCheck();
            return;
        }
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/data/helpdesk.csv");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        boolean test = args.length > 3 && args[3].equals("test");
        Sequences cases = CaseLogs.read(file, TaskContext.NONE).sequences();
        int nt = TaxProtocol.trainCount(cases.size());
        Sequences train = cases.slice(0, nt);
        ModelSelection.Result r = ModelSelection.select(train, Evaluation.Targets.TAX, TaskContext.NONE);
        Learner chain = r.topChoice();
        System.out.printf(Locale.ROOT, "%s: chosen %s; GRU H=%d, %d seeds%n", file.getFileName(), chain.describe(),
                hidden, seeds);
        double[] weights = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
        int chainAt = weights.length - 1;
        int[][] hits = new int[weights.length][FOLD_PREFIXES.length];
        int[] n = new int[FOLD_PREFIXES.length];
        List<List<int[]>> perSeq = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            perSeq.add(new ArrayList<>());
        }
        for (int f = 0; f < FOLD_PREFIXES.length; f++) {
            int size = (int) Math.round(train.size() * FOLD_PREFIXES[f]);
            int nv = Math.min(ModelSelection.validationCount(size), 1000);
            int fitFrom = Math.max(0, size - nv - 10_000);
            Sequences fit = train.slice(fitFrom, size - nv);
            Sequences val = train.slice(size - nv, size);
            long t0 = System.nanoTime();
            Ensemble g = Ensemble.train(fit, seeds, hidden);
            double sec = (System.nanoTime() - t0) / 1e9;
            Predictor c = chain.train(fit, TaskContext.NONE);
            int[][] tally = score(g, c, val, weights, perSeq);
            for (int k = 0; k < weights.length; k++) {
                hits[k][f] = tally[k][0];
            }
            n[f] = tally[0][1];
            StringBuilder committees = new StringBuilder();
            for (int k = 1; k < chainAt; k++) {
                committees.append(' ').append(tally[k][0]);
            }
            System.out.printf(Locale.ROOT, "fold %.1f: %d predictions; chain %d, GRU %d, committees (chain weight "
                    + "0.1…0.9)%s (GRU training %.1f s, epochs %s)%n", FOLD_PREFIXES[f], n[f], tally[chainAt][0],
                    tally[0][0], committees, sec, g.epochs);
        }
        int total = 0;
        for (int x : n) {
            total += x;
        }
        for (int k = 0; k < weights.length; k++) {
            int sum = 0;
            for (int x : hits[k]) {
                sum += x;
            }
            String name = weights[k] == 1 ? "chain" : weights[k] == 0 ? "GRU ensemble"
                    : String.format(Locale.ROOT, "committee (chain weight %.1f)", weights[k]);
            System.out.printf(Locale.ROOT, "validation %s: %d / %d%s%n", name, sum, total,
                    k == chainAt ? "" : clearVerdict(perSeq.get(k), perSeq.get(chainAt), hits[k], hits[chainAt], n));
        }
        if (test) {
            Sequences testCases = cases.slice(nt, cases.size());
            Ensemble g = Ensemble.train(train, seeds, hidden);
            Predictor c = chain.train(train, TaskContext.NONE);
            int[][] tally = score(g, c, testCases, weights, null);
            for (int k = 0; k < weights.length; k++) {
                System.out.printf(Locale.ROOT, "test chain weight %.2f: %d / %d = %.4f%n", weights[k], tally[k][0],
                        tally[k][1], (double) tally[k][0] / tally[k][1]);
            }
        }
    }

    /**
     * Recency: the chosen chain trained on only the latest share of each fold's fit cases (drift makes old cases
     * misleading), scored on the same validation folds; the test only with {@code test}.
     */
    private static void window(Path file, boolean test) throws Exception {
        Sequences cases = CaseLogs.read(file, TaskContext.NONE).sequences();
        int nt = TaxProtocol.trainCount(cases.size());
        Sequences train = cases.slice(0, nt);
        ModelSelection.Result r = ModelSelection.select(train, Evaluation.Targets.TAX, TaskContext.NONE);
        Learner chain = r.topChoice();
        double[] shares = {1.0, 0.75, 0.5, 0.33, 0.25};
        System.out.printf(Locale.ROOT, "%s: chosen %s%n", file.getFileName(), chain.describe());
        for (double share : shares) {
            StringBuilder line = new StringBuilder();
            int sum = 0;
            int total = 0;
            for (double prefix : FOLD_PREFIXES) {
                int size = (int) Math.round(train.size() * prefix);
                int nv = Math.min(ModelSelection.validationCount(size), 1000);
                int fitFrom = Math.max(0, size - nv - 10_000);
                int to = size - nv;
                int from = to - (int) Math.round((to - fitFrom) * share);
                Evaluation.Score sc = Evaluation.score(chain.train(train.slice(from, to), TaskContext.NONE),
                        train.slice(to, size), Evaluation.Targets.TAX);
                line.append(' ').append(sc.hits());
                sum += sc.hits();
                total += sc.predictions();
            }
            System.out.printf(Locale.ROOT, "latest %.2f of the fit cases: validation %d / %d (folds%s)%s%n", share, sum,
                    total, line, test ? String.format(Locale.ROOT, "; test %.4f", Evaluation.score(chain.train(
                            train.slice(nt - (int) Math.round(nt * share), nt), TaskContext.NONE),
                            cases.slice(nt, cases.size()), Evaluation.Targets.TAX).accuracy()) : "");
        }
    }

    /**
     * Equal-weight committees, fixed before scoring (no weight tuned): chain + trees + GRU ensemble (5 seeds,
     * H = 32) by thirds, and each pair by halves, beside the chain; validation folds, then the test with
     * {@code test}.
     */
    private static void committee(Path file, boolean test) throws Exception {
        Sequences cases = CaseLogs.read(file, TaskContext.NONE).sequences();
        int nt = TaxProtocol.trainCount(cases.size());
        Sequences train = cases.slice(0, nt);
        ModelSelection.Result r = ModelSelection.select(train, Evaluation.Targets.TAX, TaskContext.NONE);
        Learner chain = r.topChoice();
        Learner trees = ModelSelection.defaultBoosted().get(0);
        // chain, trees, GRU weights per committee
        double[][] mix = {{1, 0, 0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        String[] names = {"chain", "chain + trees + GRU", "chain + trees", "chain + GRU", "trees + GRU"};
        int k = FOLD_PREFIXES.length;
        int[][] hits = new int[mix.length][k];
        int[] n = new int[k];
        List<List<int[]>> perSeq = new ArrayList<>();
        for (int m = 0; m < mix.length; m++) {
            perSeq.add(new ArrayList<>());
        }
        for (int f = 0; f < k; f++) {
            int size = (int) Math.round(train.size() * FOLD_PREFIXES[f]);
            int nv = Math.min(ModelSelection.validationCount(size), 1000);
            int fitFrom = Math.max(0, size - nv - 10_000);
            Sequences fit = train.slice(fitFrom, size - nv);
            Sequences val = train.slice(size - nv, size);
            int[][] tally = score3(chain.train(fit, TaskContext.NONE), trees.train(fit, TaskContext.NONE),
                    Ensemble.train(fit, 5, 32), val, mix, perSeq);
            for (int m = 0; m < mix.length; m++) {
                hits[m][f] = tally[m][0];
            }
            n[f] = tally[0][1];
        }
        for (int m = 0; m < mix.length; m++) {
            int sum = 0;
            for (int x : hits[m]) {
                sum += x;
            }
            System.out.printf(Locale.ROOT, "validation %s: %d (folds %s)%s%n", names[m], sum,
                    java.util.Arrays.toString(hits[m]),
                    m == 0 ? "" : clearVerdict(perSeq.get(m), perSeq.get(0), hits[m], hits[0], n));
        }
        if (test) {
            int[][] tally = score3(chain.train(train, TaskContext.NONE), trees.train(train, TaskContext.NONE),
                    Ensemble.train(train, 5, 32), cases.slice(nt, cases.size()), mix, null);
            for (int m = 0; m < mix.length; m++) {
                System.out.printf(Locale.ROOT, "test %s: %d / %d = %.4f%n", names[m], tally[m][0], tally[m][1],
                        (double) tally[m][0] / tally[m][1]);
            }
        }
    }

    private static int[][] score3(Predictor c, Predictor t, Ensemble g, Sequences data, double[][] mix,
                                  List<List<int[]>> perSeq) {
        int o = c.typeCount() + 1;
        int[][] out = new int[mix.length][2];
        Distribution p = c.scorer().newDistribution();
        Distribution scratch = c.scorer().newDistribution();
        Distribution pt = t.scorer().newDistribution();
        Distribution scratchT = t.scorer().newDistribution();
        double[] pc = new double[o];
        double[] ptr = new double[o];
        double[] q = new double[o];
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            long[] times = data.times(s);
            double[][] pg = g.predictAll(seq, times);
            int[] seqHits = new int[mix.length];
            for (int i = 2; i < seq.length; i++) {
                c.distribution(seq, times, null, i, p, scratch);
                p.toArray(pc);
                t.distribution(seq, times, null, i, pt, scratchT);
                pt.toArray(ptr);
                for (int m = 0; m < mix.length; m++) {
                    for (int y = 0; y < o; y++) {
                        q[y] = mix[m][0] * pc[y] + mix[m][1] * ptr[y] + mix[m][2] * pg[i - 1][y];
                    }
                    int rank = rank(q, seq[i]);
                    out[m][0] += rank == 0 ? 1 : 0;
                    out[m][1]++;
                    seqHits[m] += rank == 0 ? 1 : 0;
                }
            }
            if (perSeq != null) {
                for (int m = 0; m < mix.length; m++) {
                    perSeq.get(m).add(new int[]{seqHits[m]});
                }
            }
        }
        return out;
    }

    private static void gradCheck() {
        Random rnd = new Random(1);
        Gru g = new Gru(4, 3, Features.COUNT, 5, new Features(0, 1, 0, 1), rnd);
        int[] seq = {0, 2, 1, 3, 3};
        long[] times = {0, 5_000_000L, 90_000_000_000L, 90_000_500_000L, 200_000_000_000L};
        double[] grad = new double[g.w.length];
        g.backprop(seq, times, grad);
        double worst = 0;
        for (int i = 0; i < g.w.length; i++) {
            double keep = g.w[i];
            g.w[i] = keep + 1e-5;
            double lp = loss(g, seq, times);
            g.w[i] = keep - 1e-5;
            double lm = loss(g, seq, times);
            g.w[i] = keep;
            double num = (lp - lm) / 2e-5;
            worst = Math.max(worst, Math.abs(num - grad[i]) / Math.max(1e-6, Math.abs(num) + Math.abs(grad[i])));
        }
        System.out.println("worst relative gradient error " + worst);
    }

    private static double loss(Gru g, int[] seq, long[] times) {
        double[][] p = g.predictAll(seq, times);
        double l = 0;
        for (int t = 0; t < seq.length; t++) {
            int y = t + 1 < seq.length ? seq[t + 1] : g.types;
            l -= Math.log(p[t][y]);
        }
        return l;
    }

    /** Per-fold and paired per-sequence standard errors of the gain over the chain, as the selection uses. */
    private static String clearVerdict(List<int[]> a, List<int[]> b, int[] foldA, int[] foldB, int[] n) {
        int k = foldA.length;
        double mean = 0;
        int predictions = 0;
        double[] g = new double[k];
        for (int f = 0; f < k; f++) {
            g[f] = (double) (foldA[f] - foldB[f]) / n[f];
            mean += g[f] / k;
            predictions += n[f];
        }
        double ss = 0;
        for (double x : g) {
            ss += (x - mean) * (x - mean);
        }
        double seFolds = Math.sqrt(ss / (k - 1) / k);
        int m = a.size();
        double pooled = 0;
        for (int i = 0; i < m; i++) {
            pooled += a.get(i)[0] - b.get(i)[0];
        }
        double d = pooled / m;
        double s2 = 0;
        for (int i = 0; i < m; i++) {
            double x = a.get(i)[0] - b.get(i)[0] - d;
            s2 += x * x;
        }
        double seSeq = Math.sqrt(s2 * m / (m - 1)) / predictions;
        double gain = Math.min(mean, pooled / predictions);
        return String.format(Locale.ROOT, " (gain over the chain %+.4f, se folds %.4f, se sequences %.4f: %s)",
                gain, seFolds, seSeq, gain > Math.max(seFolds, seSeq) ? "CLEARLY BETTER" : "not clearly better");
    }

    /**
     * Hits per committee weight (weight of the chain's probabilities): {hits, predictions}; adds each validation
     * sequence's hits per weight to {@code perSeq} when given.
     */
    private static int[][] score(Ensemble g, Predictor c, Sequences data, double[] weights, List<List<int[]>> perSeq) {
        int o = c.typeCount() + 1;
        int[][] out = new int[weights.length][2];
        Distribution p = c.scorer().newDistribution();
        Distribution scratch = c.scorer().newDistribution();
        double[] pc = new double[o];
        double[] q = new double[o];
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            long[] times = data.times(s);
            double[][] pg = g.predictAll(seq, times);
            int[] seqHits = new int[weights.length];
            for (int i = 2; i < seq.length; i++) {
                c.distribution(seq, times, null, i, p, scratch);
                p.toArray(pc);
                int truth = seq[i];
                for (int k = 0; k < weights.length; k++) {
                    for (int y = 0; y < o; y++) {
                        q[y] = weights[k] * pc[y] + (1 - weights[k]) * pg[i - 1][y];
                    }
                    int rank = rank(q, truth);
                    out[k][0] += rank == 0 ? 1 : 0;
                    out[k][1]++;
                    seqHits[k] += rank == 0 ? 1 : 0;
                }
            }
            if (perSeq != null) {
                for (int k = 0; k < weights.length; k++) {
                    perSeq.get(k).add(new int[]{seqHits[k]});
                }
            }
        }
        return out;
    }

    static int rank(double[] p, int truth) {
        return org.journeyexplorer.predict.Evaluation.rank(p, truth);
    }

    /** GRUs trained from different seeds; their probabilities averaged. */
    static final class Ensemble {
        final List<Gru> members = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();

        static Ensemble train(Sequences fit, int seeds, int hidden) {
            Ensemble e = new Ensemble();
            Features feats = Features.of(fit);
            for (int s = 0; s < seeds; s++) {
                Gru g = new Gru(fit.typeCount(), 16, Features.COUNT, hidden, feats, new Random(1000 + s));
                e.epochs.add(g.fit(fit, new Random(2000 + s)));
                e.members.add(g);
            }
            return e;
        }

        /** Row t: the distribution after the prefix seq[0..t] (so the prediction for seq[t+1]). */
        double[][] predictAll(int[] seq, long[] times) {
            double[][] sum = null;
            for (Gru g : members) {
                double[][] p = g.predictAll(seq, times);
                if (sum == null) {
                    sum = p;
                } else {
                    for (int t = 0; t < p.length; t++) {
                        for (int y = 0; y < p[t].length; y++) {
                            sum[t][y] += p[t][y];
                        }
                    }
                }
            }
            for (double[] row : sum) {
                for (int y = 0; y < row.length; y++) {
                    row[y] /= members.size();
                }
            }
            return sum;
        }
    }

    /** Time features per event, standardised by training statistics. */
    record Features(double gapMean, double gapSd, double elapsedMean, double elapsedSd) {
        static final int COUNT = 7;
        private static final double DAY = 86_400e6;

        static Features of(Sequences data) {
            double sg = 0, sg2 = 0, se = 0, se2 = 0;
            long m = 0;
            for (int s = 0; s < data.size(); s++) {
                long[] t = data.times(s);
                if (t == null) {
                    continue;
                }
                for (int i = 0; i < t.length; i++) {
                    double g = Math.log1p(Math.max(0, i == 0 ? 0 : t[i] - t[i - 1]) / 1e6);
                    double e = Math.log1p(Math.max(0, t[i] - t[0]) / 1e6);
                    sg += g;
                    sg2 += g * g;
                    se += e;
                    se2 += e * e;
                    m++;
                }
            }
            if (m == 0) {
                return new Features(0, 1, 0, 1);
            }
            double gm = sg / m;
            double em = se / m;
            return new Features(gm, Math.sqrt(Math.max(1e-9, sg2 / m - gm * gm)), em,
                    Math.sqrt(Math.max(1e-9, se2 / m - em * em)));
        }

        void fill(long[] t, int i, double[] x, int off) {
            if (t == null) {
                for (int k = 0; k < COUNT - 1; k++) {
                    x[off + k] = 0;
                }
            } else {
                x[off] = (Math.log1p(Math.max(0, i == 0 ? 0 : t[i] - t[i - 1]) / 1e6) - gapMean) / gapSd;
                x[off + 1] = (Math.log1p(Math.max(0, t[i] - t[0]) / 1e6) - elapsedMean) / elapsedSd;
                double tod = Math.floorMod(t[i], (long) DAY) / DAY * 2 * Math.PI;
                x[off + 2] = Math.sin(tod);
                x[off + 3] = Math.cos(tod);
                // 1970-01-01 was a Thursday; the angle only needs to be consistent.
                double wd = Math.floorMod(Math.floorDiv(t[i], (long) DAY), 7) / 7.0 * 2 * Math.PI;
                x[off + 4] = Math.sin(wd);
                x[off + 5] = Math.cos(wd);
            }
            x[off + COUNT - 1] = Math.min(i, 20) / 10.0;
        }
    }

    /** One GRU layer over [activity embedding, time features], softmax over types + end. */
    static final class Gru {
        static final int MAX_EPOCHS = 40;
        static final int PATIENCE = 4;
        static final int BATCH = 16;
        static final double LR = 0.005;
        static final int MAX_STEPS = 100;
        final int types, emb, nf, in, h, out;
        final Features feats;
        final double[] w;
        // Offsets into w.
        final int oE, oW, oU, oB, oBun, oV, oC;

        Gru(int types, int emb, int nf, int hidden, Features feats, Random rnd) {
            this.types = types;
            this.emb = emb;
            this.nf = nf;
            this.in = emb + nf;
            this.h = hidden;
            this.out = types + 1;
            this.feats = feats;
            oE = 0;
            oW = oE + types * emb;
            oU = oW + 3 * h * in;
            oB = oU + 3 * h * h;
            oBun = oB + 3 * h;
            oV = oBun + h;
            oC = oV + out * h;
            w = new double[oC + out];
            init(rnd, oE, types * emb, 0.1);
            init(rnd, oW, 3 * h * in, Math.sqrt(1.0 / in));
            init(rnd, oU, 3 * h * h, Math.sqrt(1.0 / h));
            init(rnd, oV, out * h, Math.sqrt(1.0 / h));
        }

        private void init(Random rnd, int off, int len, double sd) {
            for (int i = 0; i < len; i++) {
                w[off + i] = rnd.nextGaussian() * sd;
            }
        }

        /** Trains with Adam; early stopping on the latest 10% of the sequences by log-loss. Returns the epochs. */
        int fit(Sequences data, Random rnd) {
            int n = data.size();
            int nv = Math.max(1, n / 10);
            int nf = n - nv;
            double[] best = w.clone();
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            double[] m = new double[w.length];
            double[] v = new double[w.length];
            double[] grad = new double[w.length];
            int[] order = new int[nf];
            for (int i = 0; i < nf; i++) {
                order[i] = i;
            }
            long step = 0;
            int sinceBest = 0;
            for (int epoch = 1; epoch <= MAX_EPOCHS && sinceBest < PATIENCE; epoch++) {
                for (int i = nf - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int b = 0; b < nf; b += BATCH) {
                    java.util.Arrays.fill(grad, 0);
                    int count = 0;
                    for (int k = b; k < Math.min(nf, b + BATCH); k++) {
                        count += backprop(data.types(order[k]), data.times(order[k]), grad);
                    }
                    if (count == 0) {
                        continue;
                    }
                    step++;
                    double b1 = 0.9, b2 = 0.999;
                    double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] / count;
                        m[i] = b1 * m[i] + (1 - b1) * g;
                        v[i] = b2 * v[i] + (1 - b2) * g * g;
                        w[i] -= LR * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
                    }
                }
                double loss = 0;
                int cnt = 0;
                for (int s = nf; s < n; s++) {
                    int[] seq = data.types(s);
                    double[][] p = predictAll(seq, data.times(s));
                    for (int t = 0; t < Math.min(seq.length, MAX_STEPS); t++) {
                        int y = t + 1 < seq.length ? seq[t + 1] : types;
                        loss -= Math.log(Math.max(p[t][y], 1e-6));
                        cnt++;
                    }
                }
                loss /= Math.max(1, cnt);
                if (loss < bestLoss - 1e-5) {
                    bestLoss = loss;
                    bestEpoch = epoch;
                    System.arraycopy(w, 0, best, 0, w.length);
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            }
            System.arraycopy(best, 0, w, 0, w.length);
            return bestEpoch;
        }

        private void input(int[] seq, long[] times, int t, double[] x) {
            System.arraycopy(w, oE + seq[t] * emb, x, 0, emb);
            feats.fill(times, t, x, emb);
        }

        /** One step: fills z, r, nn, un and returns h' in hOut. */
        private void step(double[] x, double[] hp, double[] z, double[] r, double[] nn, double[] un, double[] hOut) {
            for (int j = 0; j < h; j++) {
                double az = w[oB + j], ar = w[oB + h + j], an = w[oB + 2 * h + j];
                int rz = oW + j * in, rr = oW + (h + j) * in, rn = oW + (2 * h + j) * in;
                for (int i = 0; i < in; i++) {
                    az += w[rz + i] * x[i];
                    ar += w[rr + i] * x[i];
                    an += w[rn + i] * x[i];
                }
                double uz = 0, ur = 0, u = w[oBun + j];
                int qz = oU + j * h, qr = oU + (h + j) * h, qn = oU + (2 * h + j) * h;
                for (int i = 0; i < h; i++) {
                    uz += w[qz + i] * hp[i];
                    ur += w[qr + i] * hp[i];
                    u += w[qn + i] * hp[i];
                }
                z[j] = sigmoid(az + uz);
                r[j] = sigmoid(ar + ur);
                un[j] = u;
                nn[j] = Math.tanh(an + r[j] * u);
                hOut[j] = (1 - z[j]) * nn[j] + z[j] * hp[j];
            }
        }

        private void softmax(double[] hv, double[] p) {
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < out; y++) {
                double a = w[oC + y];
                int row = oV + y * h;
                for (int i = 0; i < h; i++) {
                    a += w[row + i] * hv[i];
                }
                p[y] = a;
                max = Math.max(max, a);
            }
            double sum = 0;
            for (int y = 0; y < out; y++) {
                p[y] = Math.exp(p[y] - max);
                sum += p[y];
            }
            for (int y = 0; y < out; y++) {
                p[y] /= sum;
            }
        }

        double[][] predictAll(int[] seq, long[] times) {
            int len = Math.min(seq.length, MAX_STEPS);
            double[][] p = new double[seq.length][out];
            double[] x = new double[in];
            double[] hp = new double[h];
            double[] hn = new double[h];
            double[] z = new double[h], r = new double[h], nn = new double[h], un = new double[h];
            for (int t = 0; t < seq.length; t++) {
                if (t < len) {
                    input(seq, times, t, x);
                    step(x, hp, z, r, nn, un, hn);
                    double[] tmp = hp;
                    hp = hn;
                    hn = tmp;
                }
                softmax(hp, p[t]);
            }
            return p;
        }

        /** Adds the gradient of the summed cross-entropy over one sequence to g; returns the number of targets. */
        int backprop(int[] seq, long[] times, double[] g) {
            int len = Math.min(seq.length, MAX_STEPS);
            double[][] xs = new double[len][in];
            double[][] hs = new double[len + 1][h];
            double[][] zs = new double[len][h], rs = new double[len][h], ns = new double[len][h],
                    us = new double[len][h];
            double[] p = new double[out];
            for (int t = 0; t < len; t++) {
                input(seq, times, t, xs[t]);
                step(xs[t], hs[t], zs[t], rs[t], ns[t], us[t], hs[t + 1]);
            }
            double[] dh = new double[h];
            double[] dhPrev = new double[h];
            double[] daz = new double[h], dar = new double[h], dan = new double[h];
            double[] dx = new double[in];
            for (int t = len - 1; t >= 0; t--) {
                double[] hv = hs[t + 1];
                softmax(hv, p);
                int y = t + 1 < seq.length ? seq[t + 1] : types;
                p[y] -= 1;
                for (int k = 0; k < out; k++) {
                    double d = p[k];
                    g[oC + k] += d;
                    int row = oV + k * h;
                    for (int i = 0; i < h; i++) {
                        g[row + i] += d * hv[i];
                        dh[i] += d * w[row + i];
                    }
                }
                double[] hp = hs[t];
                java.util.Arrays.fill(dhPrev, 0);
                for (int j = 0; j < h; j++) {
                    double z = zs[t][j], r = rs[t][j], n = ns[t][j];
                    double dn = dh[j] * (1 - z);
                    double dz = dh[j] * (hp[j] - n);
                    dhPrev[j] += dh[j] * z;
                    dan[j] = dn * (1 - n * n);
                    double dr = dan[j] * us[t][j];
                    daz[j] = dz * z * (1 - z);
                    dar[j] = dr * r * (1 - r);
                }
                java.util.Arrays.fill(dx, 0);
                for (int j = 0; j < h; j++) {
                    double dun = dan[j] * rs[t][j];
                    g[oB + j] += daz[j];
                    g[oB + h + j] += dar[j];
                    g[oB + 2 * h + j] += dan[j];
                    g[oBun + j] += dun;
                    int rz = oW + j * in, rr = oW + (h + j) * in, rn = oW + (2 * h + j) * in;
                    for (int i = 0; i < in; i++) {
                        double xi = xs[t][i];
                        g[rz + i] += daz[j] * xi;
                        g[rr + i] += dar[j] * xi;
                        g[rn + i] += dan[j] * xi;
                        dx[i] += daz[j] * w[rz + i] + dar[j] * w[rr + i] + dan[j] * w[rn + i];
                    }
                    int qz = oU + j * h, qr = oU + (h + j) * h, qn = oU + (2 * h + j) * h;
                    for (int i = 0; i < h; i++) {
                        double hi = hp[i];
                        g[qz + i] += daz[j] * hi;
                        g[qr + i] += dar[j] * hi;
                        g[qn + i] += dun * hi;
                        dhPrev[i] += daz[j] * w[qz + i] + dar[j] * w[qr + i] + dun * w[qn + i];
                    }
                }
                int e = oE + seq[t] * emb;
                for (int i = 0; i < emb; i++) {
                    g[e + i] += dx[i];
                }
                double[] tmp = dh;
                dh = dhPrev;
                dhPrev = tmp;
            }
            return len;
        }

        private static double sigmoid(double a) {
            return 1 / (1 + Math.exp(-a));
        }
    }
}
