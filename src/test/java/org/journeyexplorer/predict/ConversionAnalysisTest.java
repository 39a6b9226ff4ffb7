package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversionAnalysisTest {
    private static final double EPS = 1e-12;

    /**
     * A G / A B G / A B / B A. By hand: START→A 3/4, →B 1/4; A→G 1/4, →B 1/2, →END 1/4; B→G, →A, →END 1/3 each.
     */
    private static Sequences chain() {
        return Sequences.ofNames(List.of(List.of("A", "G"), List.of("A", "B", "G"), List.of("A", "B"),
                List.of("B", "A")));
    }

    private static ConversionAnalysis.StateRow row(ConversionAnalysis.Result r, String name) {
        return r.states().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static ConversionAnalysis.RemovalEffect effect(ConversionAnalysis.Result r, String name) {
        return r.removalEffects().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void absorbingProbabilitiesAndExpectedStepsByHand() {
        Sequences s = chain();
        ConversionAnalysis.Result r = ConversionAnalysis.analyze(s, s.typeIndex("G"), 0, 1, TaskContext.NONE);
        // xA = 1/4 + xB/2, xB = 1/3 + xA/3  →  xA = xB = 1/2, xSTART = 1/2.
        assertEquals(0.5, row(r, "A").conversion(), EPS);
        assertEquals(0.5, row(r, "B").conversion(), EPS);
        assertEquals(0.5, r.startConversion(), EPS);
        assertEquals(1.0, row(r, "G").conversion(), EPS);
        // u = x + Q u with t = u / x: uA = 9/10, uB = 4/5, uSTART = 11/8  →  tA = 1.8, tB = 1.6, tSTART = 2.75.
        assertEquals(1.8, row(r, "A").expectedSteps(), EPS);
        assertEquals(1.6, row(r, "B").expectedSteps(), EPS);
        assertEquals(2.75, r.startExpectedSteps(), EPS);
        assertEquals(4, row(r, ConversionAnalysis.START_NAME).visits());
    }

    @Test
    void removalEffectsByHand() {
        Sequences s = chain();
        ConversionAnalysis.Result r = ConversionAnalysis.analyze(s, s.typeIndex("G"), 0, 1, TaskContext.NONE);
        // Without B: xA = 1/4, xSTART = 3/16  →  1 − (3/16)/(1/2) = 5/8.
        assertEquals(5.0 / 8, effect(r, "B").effect(), EPS);
        // Without A: xB = 1/3, xSTART = 1/12  →  1 − (1/12)/(1/2) = 5/6.
        assertEquals(5.0 / 6, effect(r, "A").effect(), EPS);
        assertEquals("A", r.removalEffects().get(0).name());
    }

    @Test
    void removalEffectsMatchRedirectingAndResolvingOnRandomChains() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            List<List<String>> corpus = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                List<String> seq = new ArrayList<>();
                int len = 1 + random.nextInt(6);
                for (int j = 0; j < len; j++) {
                    seq.add("s" + random.nextInt(5));
                }
                corpus.add(seq);
            }
            Sequences s = Sequences.ofNames(corpus);
            int goal = s.typeIndex("s0");
            long[][] counts = ConversionAnalysis.transitionCounts(s);
            ConversionAnalysis.Chain chain = ConversionAnalysis.solve(counts, goal);
            double[] effects = ConversionAnalysis.removalEffects(chain);
            double base = chain.conversion()[s.typeCount()];
            for (int t = 0; t < s.typeCount(); t++) {
                if (t == goal) {
                    continue;
                }
                double without = ConversionAnalysis.conversionWithout(counts, goal, t);
                assertEquals(1 - without / base, effects[t], 1e-9);
            }
        }
    }

    @Test
    void bootstrapIsSeededAndDegenerateWhenEverySequenceIsTheSame() {
        List<List<String>> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(List.of("A", "B", "G"));
        }
        Sequences s = Sequences.ofNames(same);
        ConversionAnalysis.Result r = ConversionAnalysis.analyze(s, s.typeIndex("G"), 50, 9, TaskContext.NONE);
        for (ConversionAnalysis.RemovalEffect e : r.removalEffects()) {
            assertEquals(1.0, e.effect(), EPS);
            assertEquals(1.0, e.low(), EPS);
            assertEquals(1.0, e.high(), EPS);
        }
        Sequences c = chain();
        ConversionAnalysis.Result a = ConversionAnalysis.analyze(c, c.typeIndex("G"), 200, 42, TaskContext.NONE);
        ConversionAnalysis.Result b = ConversionAnalysis.analyze(c, c.typeIndex("G"), 200, 42, TaskContext.NONE);
        assertEquals(a.removalEffects(), b.removalEffects());
        for (ConversionAnalysis.RemovalEffect e : a.removalEffects()) {
            assertTrue(e.low() <= e.high());
            assertTrue(e.low() >= 0 && e.high() <= 1 + 1e-9, e.toString());
        }
    }

    @Test
    void percentileInterpolates() {
        double[] v = {0, 1, 2, 3, 4};
        assertEquals(0.1, ConversionAnalysis.percentile(v, 0.025), EPS);
        assertEquals(3.9, ConversionAnalysis.percentile(v, 0.975), EPS);
    }

    @Test
    void theIterativeSolveOfLargeChainsAgreesWithTheDenseOne() {
        // A random chain with loops and self-loops, solved both ways.
        Sequences s = PredictBenchmarkData.chain(3000, 40, 3);
        int goal = 7;
        ConversionAnalysis.Result dense = ConversionAnalysis.analyze(s, goal, 0, 1, 10_000, TaskContext.NONE);
        ConversionAnalysis.Result sparse = ConversionAnalysis.analyze(s, goal, 0, 1, 0, TaskContext.NONE);
        assertEquals("", dense.note());
        assertTrue(sparse.note().contains("removal effects are left out"), sparse.note());
        assertTrue(sparse.removalEffects().isEmpty());
        assertEquals(dense.startConversion(), sparse.startConversion(), 1e-9);
        assertEquals(dense.startExpectedSteps(), sparse.startExpectedSteps(), 1e-7);
        for (ConversionAnalysis.StateRow d : dense.states()) {
            ConversionAnalysis.StateRow x = row(sparse, d.name());
            assertEquals(d.conversion(), x.conversion(), 1e-9, d.name());
            assertEquals(d.visits(), x.visits());
            if (!Double.isNaN(d.expectedSteps())) {
                assertEquals(d.expectedSteps(), x.expectedSteps(), 1e-6 * Math.max(1, d.expectedSteps()), d.name());
            }
        }
    }

    @Test
    void twoThousandEventTypesFinishQuicklyWithANote() {
        Sequences s = StressLogs.manyTypes().sequences();
        long t0 = System.nanoTime();
        ConversionAnalysis.Result r = ConversionAnalysis.analyze(s, 0, ConversionAnalysis.DEFAULT_REPS, 1,
                TaskContext.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 20_000, ms + " ms");
        assertTrue(r.startConversion() > 0 && r.startConversion() < 1);
        assertTrue(r.note().contains("event types"), r.note());
        // Budgeted bootstrap in between: 300 types get fewer repetitions, but still an interval.
        Sequences mid = PredictBenchmarkData.chain(20_000, 300, 4);
        ConversionAnalysis.Result m = ConversionAnalysis.analyze(mid, 0, ConversionAnalysis.DEFAULT_REPS, 1,
                TaskContext.NONE);
        assertTrue(m.bootstrapReps() >= ConversionAnalysis.MIN_REPS && m.bootstrapReps() < 200, m.note());
        assertTrue(m.note().contains("bootstrap"), m.note());
    }
}
