package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.portable.ContextFeature;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NextStepModelTest {
    private static final double EPS = 1e-12;

    /** a b a c  and  b a b: counts worked out by hand in the comments below. */
    private static Sequences tiny() {
        return Sequences.ofNames(List.of(List.of("a", "b", "a", "c"), List.of("b", "a", "b")));
    }

    private static int[] prefix(Sequences s, String... names) {
        int[] p = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            p[i] = s.typeIndex(names[i]);
        }
        return p;
    }

    @Test
    void interpolatesFromOrderZeroUpByHand() {
        Sequences s = tiny();
        NextStepModel m = NextStepModel.train(s, ModelConfig.markov(2, 1));
        // Order 0 (successors a2 b2 c1 END2, prior 0.5 each): (2.5, 2.5, 1.5, 2.5) / 9.
        // After b (a2 END1), α=1: (2 + 2.5/9, 2.5/9, 1.5/9, 1 + 2.5/9) / 4 = (20.5, 2.5, 1.5, 11.5) / 36.
        // After a b (a1 END1): (1 + 20.5/36, 2.5/36, 1.5/36, 1 + 11.5/36) / 3 = (56.5, 2.5, 1.5, 47.5) / 108.
        double[] p = m.distribution(prefix(s, "a", "b"), null);
        assertArrayEquals(new double[]{56.5 / 108, 2.5 / 108, 1.5 / 108, 47.5 / 108}, p, EPS);
    }

    @Test
    void unseenLongContextFallsBackToShorterOne() {
        Sequences s = tiny();
        NextStepModel m = NextStepModel.train(s, ModelConfig.markov(2, 1));
        // (c, a) never occurred: only "after a" (b2 c1) refines order 0.
        double[] p = m.distribution(prefix(s, "c", "a"), null);
        assertArrayEquals(new double[]{2.5 / 36, 20.5 / 36, 10.5 / 36, 2.5 / 36}, p, EPS);
        NextStepModel backoff = NextStepModel.train(s, ModelConfig.markov(2, 0));
        assertArrayEquals(new double[]{0, 2.0 / 3, 1.0 / 3, 0}, backoff.distribution(prefix(s, "c", "a"), null),
                EPS);
        assertArrayEquals(new int[]{3, 1}, backoff.support(prefix(s, "c", "a"), 2));
        assertArrayEquals(new int[]{2, 2}, backoff.support(prefix(s, "a", "b"), 2));
    }

    @Test
    void emptyPrefixPredictsTheFirstEvent() {
        Sequences s = tiny();
        NextStepModel m = NextStepModel.train(s, ModelConfig.markov(2, 1));
        // Starts: a1 b1, α=1 over order 0.
        assertArrayEquals(new double[]{11.5 / 27, 11.5 / 27, 1.5 / 27, 2.5 / 27}, m.distribution(new int[0], null),
                EPS);
    }

    @Test
    void positionFeatureByHand() {
        Sequences s = tiny();
        // With order 1 the product of experts reduces to the feature expert itself.
        // After b at position 2 only "a" followed (seq 1): (1 + 20.5/36, 2.5/36, 1.5/36, 11.5/36) / 2.
        NextStepModel m = NextStepModel.train(s, new ModelConfig(1, 1, ContextFeature.POSITION));
        assertArrayEquals(new double[]{56.5 / 72, 2.5 / 72, 1.5 / 72, 11.5 / 72},
                m.distribution(prefix(s, "a", "b"), null), EPS);
        // After b at position 3 only END followed (seq 2).
        assertArrayEquals(new double[]{20.5 / 72, 2.5 / 72, 1.5 / 72, 47.5 / 72},
                m.distribution(prefix(s, "b", "a", "b"), null), EPS);
    }

    @Test
    void attributeFeatureByHand() {
        // Same events as tiny(), with a resource per event: a/x b/y a/x c/x and b/x a/y b/y.
        Sequences s = tiny().withAttributes(new String[]{"resource"}, new String[][]{{"x", "y"}},
                new int[][][]{{{0, 1, 0, 0}, {0, 1, 1}}});
        ModelConfig c = new ModelConfig(1, 1, java.util.Set.of(), false, java.util.Set.of("resource"));
        NextStepModel m = NextStepModel.train(s, c);
        int[] cols = m.attributeColumns(s);
        // Prefix "a b" of sequence 0: last event b with resource y. (b, y) was followed by a once (seq 0, i=2)
        // and by END once (seq 1, i=3). With order 1 the product reduces to the attribute expert:
        // (1 + 20.5/36, 2.5/36, 1.5/36, 1 + 11.5/36) / 3 = (56.5, 2.5, 1.5, 47.5) / 108.
        double[] p = new double[4];
        m.distribution(s.types(0), null, NextStepModel.attributesOf(cols, s, 0), 2, p);
        assertArrayEquals(new double[]{56.5 / 108, 2.5 / 108, 1.5 / 108, 47.5 / 108}, p, EPS);
        // Without attributes at prediction time the expert is left out: plain order 1 after b.
        assertArrayEquals(new double[]{20.5 / 36, 2.5 / 36, 1.5 / 36, 11.5 / 36},
                m.distribution(prefix(s, "a", "b"), null), EPS);
        assertEquals("order 1, interpolated α=1, + attribute resource", c.describe());
    }

    @Test
    void firstOrderWithoutSmoothingIsTheMostFrequentSuccessorChain() {
        Random random = new Random(7);
        List<List<String>> corpus = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<String> seq = new ArrayList<>();
            int len = 1 + random.nextInt(8);
            for (int j = 0; j < len; j++) {
                // Skewed so that successor counts differ.
                seq.add("e" + Math.min(random.nextInt(6), random.nextInt(6)));
            }
            corpus.add(seq);
        }
        Sequences s = Sequences.ofNames(corpus);
        NextStepModel m = NextStepModel.train(s, ModelConfig.firstOrder());
        int t = s.typeCount();
        // Naive reference: count successors (END = t) per event type.
        long[][] c = new long[t][t + 1];
        for (int i = 0; i < s.size(); i++) {
            int[] seq = s.types(i);
            for (int j = 0; j < seq.length; j++) {
                c[seq[j]][j + 1 < seq.length ? seq[j + 1] : t]++;
            }
        }
        for (int a = 0; a < t; a++) {
            List<Integer> order = new ArrayList<>();
            long total = 0;
            for (int y = 0; y <= t; y++) {
                if (c[a][y] > 0) {
                    order.add(y);
                }
                total += c[a][y];
            }
            final int from = a;
            order.sort((x, y) -> c[from][x] != c[from][y] ? Long.compare(c[from][y], c[from][x]) : x - y);
            List<NextStep> top = m.top(new int[]{2, a}, null, 3);
            assertEquals(Math.min(3, order.size()), top.size());
            for (int r = 0; r < top.size(); r++) {
                int y = order.get(r);
                assertEquals(y == t ? NextStep.END : y, top.get(r).type());
                assertEquals((double) c[a][y] / total, top.get(r).probability(), EPS);
            }
        }
    }

    @Test
    void distributionsSumToOneWithEveryFeature() {
        Sequences s = Sequences.fromRows(List.of("1", "1", "1", "2", "2", "3"), List.of("x", "y", "z", "x", "z", "y"),
                new long[]{0, 60_000_000L, 7_200_000_000L, 10, 20, 30});
        for (boolean deep : new boolean[]{false, true}) {
            ModelConfig c = new ModelConfig(3, 2, java.util.EnumSet.allOf(ContextFeature.class), deep);
            NextStepModel m = NextStepModel.train(s, c);
            for (int i = 0; i < s.size(); i++) {
                for (int len = 0; len <= s.types(i).length; len++) {
                    double[] p = new double[s.typeCount() + 1];
                    m.distribution(s.types(i), s.times(i), len, p);
                    double sum = 0;
                    for (double v : p) {
                        sum += v;
                    }
                    assertEquals(1, sum, 1e-9);
                }
            }
        }
    }

    @Test
    void calibrationByHand() {
        // After a: b three times, c once → the baseline says b with 0.75. On the test, a b twice and a c twice:
        // every prediction is 75 % sure and right half of the time, so one bin [0.7, 0.8) and ECE = 0.25.
        Sequences train = Sequences.ofNames(List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"),
                List.of("a", "c")));
        NextStepModel m = NextStepModel.train(train, ModelConfig.firstOrder());
        Sequences test = Sequences.ofNames(List.of(List.of("a", "b"), List.of("a", "c"), List.of("a", "b"),
                List.of("a", "c")));
        // Same dictionary order (a, b, c) as the training sequences.
        Evaluation.Report r = Evaluation.evaluate(m, m, test, new Evaluation.Targets(1, false));
        assertEquals(4, r.model().predictions());
        assertEquals(0.25, r.calibration().ece(), 1e-12);
        Evaluation.Calibration.Bin bin = r.calibration().bins().get(7);
        assertEquals(4, bin.predictions());
        assertEquals(0.75, bin.meanConfidence(), 1e-12);
        assertEquals(0.5, bin.accuracy(), 1e-12);
        assertEquals(Evaluation.CALIBRATION_BINS, r.calibration().bins().size());
        // The layout puts one bar at x of 0.7 … 0.8, half the plot high, its calibrated marker at 0.75.
        org.journeyexplorer.chart.ReliabilityGeometry g = org.journeyexplorer.chart.ReliabilityLayout.layout(
                r.calibration(), 440, 200);
        assertEquals(1, g.bars().size());
        org.journeyexplorer.chart.ReliabilityGeometry.Bar b = g.bars().get(0);
        assertEquals(g.plotH() * 0.5, b.h(), 1e-9);
        assertEquals(g.plotX() + 0.7 * g.plotW() + 1, b.x(), 1e-9);
        assertEquals(g.plotY() + g.plotH() * 0.25, b.confidenceY(), 1e-9);
    }

    /**
     * Model selection scores every Markov configuration on the counts of a shared cover (counted once per fold):
     * the distributions must be those of the configuration trained alone, to the bit, for every order, α, feature
     * set, depth and attribute set, with and without times and attributes at prediction time.
     */
    @Test
    void aConfigurationScoredOnSharedCountsPredictsExactlyAsTrainedAlone() {
        Random random = new Random(11);
        int n = 400;
        int[][] types = new int[n][];
        long[][] times = new long[n][];
        int[][][] attrs = new int[2][n][];
        long clock = 1_700_000_000_000_000L;
        for (int c = 0; c < n; c++) {
            int len = 1 + random.nextInt(9);
            types[c] = new int[len];
            times[c] = new long[len];
            attrs[0][c] = new int[len];
            attrs[1][c] = new int[len];
            for (int i = 0; i < len; i++) {
                types[c][i] = i == 0 ? random.nextInt(3) : (types[c][i - 1] + 1 + random.nextInt(2)) % 7;
                times[c][i] = clock + i * 1_000_000L * (1 + random.nextInt(5000));
                attrs[0][c][i] = random.nextInt(4) - (random.nextInt(10) == 0 ? 1 : 0);
                attrs[1][c][i] = types[c][i] % 3;
            }
            clock += 3_600_000_000L;
        }
        String[] names = {"a", "b", "c", "d", "e", "f", "g"};
        Sequences data = new Sequences(types, times, names, null).withAttributes(new String[]{"who", "where"},
                new String[][]{{"p", "q", "r", "s"}, {"x", "y", "z"}}, attrs);
        List<ModelConfig> configs = new ArrayList<>();
        List<java.util.Set<ContextFeature>> featureSets = List.of(java.util.Set.of(),
                java.util.Set.of(ContextFeature.GAP), java.util.Set.of(ContextFeature.POSITION, ContextFeature.REPEAT),
                java.util.EnumSet.allOf(ContextFeature.class));
        for (int order = 1; order <= 4; order++) {
            for (double alpha : new double[]{0, 10}) {
                for (java.util.Set<ContextFeature> f : featureSets) {
                    for (boolean deep : new boolean[]{false, true}) {
                        for (java.util.Set<String> a : List.of(java.util.Set.<String>of(), java.util.Set.of("who"),
                                java.util.Set.of("who", "where"))) {
                            configs.add(new ModelConfig(order, alpha, f, deep, a));
                        }
                    }
                }
            }
        }
        java.util.Map<ModelConfig, NextStepModel> covers = new java.util.HashMap<>();
        java.util.Set<ModelConfig> withAllFeatures = new java.util.HashSet<>();
        for (ModelConfig c : configs) {
            NextStepModel alone = NextStepModel.train(data, c);
            withAllFeatures.add(NextStepModel.countsCover(c, true));
            for (boolean all : new boolean[]{true, false}) {
                NextStepModel shared = NextStepModel.sharing(covers.computeIfAbsent(
                        NextStepModel.countsCover(c, all), k -> NextStepModel.train(data, k)), c, data);
                int[] cols = alone.attributeColumns(data);
                for (int s = 0; s < 15; s++) {
                    for (int i = 0; i <= data.types(s).length; i++) {
                        for (boolean known : new boolean[]{true, false}) {
                            long[] t = known ? data.times(s) : null;
                            int[][] at = known ? NextStepModel.attributesOf(cols, data, s) : null;
                            double[] expected = new double[names.length + 1];
                            double[] actual = new double[names.length + 1];
                            alone.distribution(data.types(s), t, at, i, expected);
                            shared.distribution(data.types(s), t, at, i, actual);
                            assertArrayEquals(expected, actual, 0, c.describe() + ", prefix " + i);
                        }
                    }
                }
            }
        }
        // That is the saving: 192 configurations, 18 count tables when every feature is counted — shallow ones
        // share one per attribute set up to order 3 and one for order 4 (3 × 2), deep ones one per order and
        // attribute set (4 × 3).
        assertEquals(192, configs.size());
        assertEquals(18, withAllFeatures.size());
    }
}
