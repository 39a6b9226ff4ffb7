package org.journeyexplorer.predict;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.BoostedScorer;
import org.journeyexplorer.predict.portable.Distribution;
import org.journeyexplorer.predict.portable.ModelJson;
import org.journeyexplorer.predict.portable.PortableModel;
import org.journeyexplorer.predict.portable.PrefixFeatures;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boosted-trees learner: what it learns, that it is the arithmetic it claims, and that it travels. */
class GradientBoostingTest {

    /**
     * Cases "a|b, x × 6, A|B": the last step repeats the first event, six events back, beyond any Markov order
     * the search tries; a count of "a" so far tells it at once.
     */
    private static Sequences farMemory(int n, long seed) {
        Random random = new Random(seed);
        List<List<String>> corpus = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = random.nextBoolean();
            List<String> c = new ArrayList<>();
            c.add(a ? "a" : "b");
            for (int k = 0; k < 6; k++) {
                c.add("x");
            }
            c.add(a ? "A" : "B");
            corpus.add(c);
        }
        return Sequences.ofNames(corpus);
    }

    /** Only the decisive step (prefix length 7) of each case. */
    private static final Evaluation.Targets DECISIVE = new Evaluation.Targets(7, false);

    @Test
    void learnsARuleNoMarkovChainCanSee() {
        Sequences train = farMemory(400, 1);
        Sequences test = farMemory(200, 2);
        Predictor trees = new BoostConfig(3, 8, 0).train(train, TaskContext.NONE);
        Predictor chain = ModelConfig.markov(3, 10).train(train, TaskContext.NONE);
        Evaluation.Score t = Evaluation.score(trees, test, DECISIVE);
        Evaluation.Score m = Evaluation.score(chain, test, DECISIVE);
        assertEquals(200, t.predictions());
        assertEquals(200, t.hits(), "trees " + t);
        assertTrue(m.accuracy() < 0.65, "chain " + m);
        // The selection sees it too, and keeps the trees: the baseline and every chain lose on every fold.
        ModelSelection.Result r = ModelSelection.select(train, DECISIVE, TaskContext.NONE);
        assertInstanceOf(BoostConfig.class, r.chosen(), r.chosen().describe());
        assertTrue(r.chosen().describe().startsWith("boosted trees"), r.chosen().describe());
    }

    @Test
    void oneRoundIsTheTextbookSecondOrderStepOnANaiveReference() {
        // Two numeric features, three outcomes, a handful of rows: every split enumerated by brute force.
        double[][] x = {{0, 5}, {1, 3}, {2, 9}, {3, 1}, {4, 4}, {5, 8}, {6, 2}, {7, 7}, {8, 6}, {9, 0}};
        int[] y = {0, 0, 1, 0, 1, 2, 2, 2, 1, 2};
        int k = 3;
        double eta = 0.3;
        double lambda = 1.0;
        int minRows = 2;
        PrefixFeatures spec = numericFeatures(k - 1);
        double[] flat = new double[x.length * 2];
        for (int r = 0; r < x.length; r++) {
            flat[2 * r] = x[r][0];
            flat[2 * r + 1] = x[r][1];
        }
        GradientBoosting.Params p = new GradientBoosting.Params(1, eta, 2, 4, lambda, 0, minRows, 64, 5);
        BoostedScorer s = GradientBoosting.train(spec, new GradientBoosting.Rows(flat, y), null, p,
                TaskContext.NONE).scorer();
        // Naive: log prior with half a count, softmax, then per outcome the best single split by enumeration.
        double[] init = new double[k];
        for (int c = 0; c < k; c++) {
            int count = 0;
            for (int v : y) {
                count += v == c ? 1 : 0;
            }
            init[c] = Math.log((count + 0.5) / (y.length + 0.5 * k));
        }
        double z = 0;
        for (double v : init) {
            z += Math.exp(v);
        }
        double[][] expected = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            expected[r] = init.clone();
        }
        for (int c = 0; c < k; c++) {
            double pc = Math.exp(init[c]) / z;
            double[] g = new double[x.length];
            double[] h = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                g[r] = pc - (y[r] == c ? 1 : 0);
                h[r] = pc * (1 - pc);
            }
            double bestGain = 1e-12;
            boolean[] bestLeft = null;
            for (int f = 0; f < 2; f++) {
                final int ff = f;
                // Thresholds in increasing order, as the learner tries them (the first of equal gains wins).
                double[] thresholds = Arrays.stream(x).mapToDouble(row -> row[ff]).sorted().toArray();
                for (double t : thresholds) {
                    boolean[] left = new boolean[x.length];
                    double gl = 0, hl = 0, gr = 0, hr = 0;
                    int nl = 0;
                    for (int r = 0; r < x.length; r++) {
                        left[r] = x[r][f] <= t;
                        if (left[r]) {
                            gl += g[r];
                            hl += h[r];
                            nl++;
                        } else {
                            gr += g[r];
                            hr += h[r];
                        }
                    }
                    if (nl < minRows || x.length - nl < minRows) {
                        continue;
                    }
                    double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda)
                            - (gl + gr) * (gl + gr) / (hl + hr + lambda);
                    if (gain > bestGain + 1e-12) {
                        bestGain = gain;
                        bestLeft = left;
                    }
                }
            }
            assertTrue(bestLeft != null, "outcome " + c + " has a useful split");
            double gl = 0, hl = 0, gr = 0, hr = 0;
            for (int r = 0; r < x.length; r++) {
                if (bestLeft[r]) {
                    gl += g[r];
                    hl += h[r];
                } else {
                    gr += g[r];
                    hr += h[r];
                }
            }
            for (int r = 0; r < x.length; r++) {
                expected[r][c] += bestLeft[r] ? -eta * gl / (hl + lambda) : -eta * gr / (hr + lambda);
            }
        }
        assertEquals(k, s.treeCount());
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(expected[r], s.rawScores(x[r]), 1e-12, "row " + r);
        }
    }

    /** Two numeric features and nothing else: "position" and a count of type 0, read straight from a row. */
    private static PrefixFeatures numericFeatures(int types) {
        return new PrefixFeatures(types, 0, new int[]{0}, true, false, 0);
    }

    /**
     * A histogram of any run of rows, with each feature's most frequent bin got by subtraction, equals the sums
     * of a naive loop over those rows and every feature (to rounding; row counts exactly), also on a feature that
     * is in one bin for nearly every row and on one that is never in its most frequent bin there.
     */
    @Test
    void histogramsEqualNaiveSumsPerBin() {
        Random random = new Random(9);
        int n = 2000;
        int nf = 4;
        boolean[] categorical = {true, false, false, true};
        double[] x = new double[n * nf];
        for (int r = 0; r < n; r++) {
            x[r * nf] = random.nextInt(5) - 1;
            x[r * nf + 1] = random.nextDouble() < 0.95 ? 0 : 1 + random.nextInt(4); // a count, mostly 0
            x[r * nf + 2] = r < 1000 ? random.nextInt(50) : 50 + random.nextInt(3);
            x[r * nf + 3] = random.nextInt(3);
        }
        FeatureBins bins = FeatureBins.learn(x, n, categorical, 64);
        byte[] binned = bins.binAll(x, n);
        GradientBoosting.TreeGrower grower = new GradientBoosting.TreeGrower(bins, binned, n,
                new GradientBoosting.Params(1, 0.2, 8, 12, 10, 1e-3, 20, 64, 10));
        double[] g = new double[n];
        double[] h = new double[n];
        for (int r = 0; r < n; r++) {
            g[r] = random.nextDouble() - 0.7;
            h[r] = random.nextDouble() * 0.25;
        }
        for (int[] range : new int[][]{{0, n}, {0, 1000}, {1000, 2000}, {17, 40}, {5, 5}}) {
            double[] naive = new double[3 * bins.totalBins()];
            for (int r = range[0]; r < range[1]; r++) {
                for (int f = 0; f < nf; f++) {
                    int b = 3 * (bins.offset(f) + (binned[r * nf + f] & 0xFF));
                    naive[b] += g[r];
                    naive[b + 1] += h[r];
                    naive[b + 2]++;
                }
            }
            double[] hist = grower.histogram(g, h, range[0], range[1]);
            for (int b = 0; b < naive.length; b++) {
                assertEquals(naive[b], hist[b], b % 3 == 2 ? 0 : 1e-9, "bin " + b / 3 + " of " + Arrays.toString(range));
            }
        }
    }

    /** A round's root histograms, summed for all outcomes in one pass, equal each outcome's own to the bit. */
    @Test
    void rootHistogramsOfAllOutcomesAtOnceEqualEachOnItsOwn() {
        Random random = new Random(5);
        int n = 3000;
        int nf = 4;
        int m = 5;
        boolean[] categorical = {true, false, false, true};
        double[] x = new double[n * nf];
        for (int r = 0; r < n; r++) {
            x[r * nf] = random.nextInt(7) - 1;
            x[r * nf + 1] = random.nextGaussian() * 1e6;
            x[r * nf + 2] = random.nextInt(300);
            x[r * nf + 3] = random.nextInt(3);
        }
        FeatureBins bins = FeatureBins.learn(x, n, categorical, 64);
        GradientBoosting.TreeGrower grower = new GradientBoosting.TreeGrower(bins, bins.binAll(x, n), n,
                new GradientBoosting.Params(1, 0.2, 8, 12, 10, 1e-3, 20, 64, 10));
        double[] gAll = new double[n * m];
        double[] hAll = new double[n * m];
        for (int i = 0; i < gAll.length; i++) {
            gAll[i] = random.nextDouble() - 0.7;
            hAll[i] = random.nextDouble() * 0.25;
        }
        double[][] together = grower.rootHistograms(gAll, hAll, m);
        for (int j = 0; j < m; j++) {
            double[] g = new double[n];
            double[] h = new double[n];
            for (int r = 0; r < n; r++) {
                g[r] = gAll[r * m + j];
                h[r] = hAll[r * m + j];
            }
            assertArrayEquals(grower.histogram(g, h, 0, n), together[j], 0, "outcome " + j);
        }
    }

    @Test
    void trainingIsDeterministic() {
        Sequences data = farMemory(300, 3);
        BoostedModel a = new BoostConfig(3, 8, 0).train(data, TaskContext.NONE);
        BoostedModel b = new BoostConfig(3, 8, 0).train(data, TaskContext.NONE);
        assertEquals(a.config(), b.config());
        BoostedScorer x = a.scorer();
        BoostedScorer y = b.scorer();
        assertArrayEquals(x.init(), y.init(), 0.0);
        assertArrayEquals(x.treeClass(), y.treeClass());
        assertArrayEquals(x.feature(), y.feature());
        assertArrayEquals(x.threshold(), y.threshold(), 0.0);
        assertArrayEquals(x.left(), y.left());
        assertArrayEquals(x.value(), y.value(), 0.0);
        assertArrayEquals(x.cover(), y.cover(), 0.0);
    }

    @Test
    void trainingStopsWhenCancelled() {
        Sequences data = farMemory(300, 4);
        int[] rounds = {0};
        TaskContext cancelAfterTwo = new TaskContext() {
            @Override
            public void progress(long done, long total) {
                rounds[0]++;
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return rounds[0] >= 2;
            }
        };
        assertThrows(CancelledException.class, () -> new BoostConfig(3, 8, 50).train(data, cancelAfterTwo));
        assertEquals(2, rounds[0]);
    }

    @Test
    void anExportedModelScoresBitForBitAsInTheApp() throws Exception {
        Sequences cases = CaseLogs.read(java.nio.file.Path.of("src/test/resources/data/running-example.xes"),
                TaskContext.NONE).sequences();
        // Times and an event attribute, so every kind of feature is in the trees.
        Sequences data = cases.slice(0, cases.size());
        BoostedModel m = new BoostConfig(2, 4, 10).train(data, TaskContext.NONE);
        assertTrue(m.scorer().nodeCount() > m.scorer().treeCount(), "some splits: " + m.scorer().sizeDescription());
        PortableModel read = roundTrip(m, data);
        assertEquals("boosted", read.scorer().kind());
        Distribution a = m.scorer().newDistribution();
        Distribution b = read.scorer().newDistribution();
        int[] columns = m.attributeColumns(data);
        int compared = 0;
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            int[][] attrs = NextStepModel.attributesOf(columns, data, s);
            for (int i = 0; i <= seq.length; i++) {
                // Known times and attributes, then unknown ones (the trees average both branches).
                for (boolean known : new boolean[]{true, false}) {
                    long[] times = known ? data.times(s) : null;
                    int[][] at = known ? attrs : null;
                    m.distribution(seq, times, at, i, a, null);
                    read.scorer().distribution(seq, times, at, i, b, null);
                    assertArrayEquals(a.toArray(), b.toArray(), 0.0, "case " + s + " prefix " + i);
                    assertEquals(1.0, Arrays.stream(b.toArray()).sum(), 1e-9);
                    compared++;
                }
            }
        }
        assertEquals(2 * (data.eventCount() + data.size()), compared);
    }

    private static PortableModel roundTrip(BoostedModel m, Sequences data) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(m, data));
        return ModelJson.read(in);
    }

    private static byte[] bytes(BoostedModel m, Sequences data) throws Exception {
        DeployedModel d = new DeployedModel(data, m, null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.write(ModelExport.build(d, SessionRule.defaults(), true, null, "test", TaskContext.NONE), out);
        return out.toByteArray();
    }
}
