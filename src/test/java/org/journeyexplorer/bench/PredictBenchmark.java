package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.ContextFeature;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.NextStepModel;
import org.journeyexplorer.predict.Sequences;

import java.util.Random;

/**
 * {@code predict [EVENTS] [TYPES]}: training, scoring, model selection and conversion analysis on generated
 * sessions (a random sparse second-order chain, session length 1–20, gaps 1 s – 1 h).
 */
public final class PredictBenchmark {
    private PredictBenchmark() {
    }

    public static void run(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int types = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Sequences data = generate(events, types, 42);
        System.out.printf("%d events, %d sessions, %d types%n", data.eventCount(), data.size(), data.typeCount());
        ModelConfig[] configs = {ModelConfig.firstOrder(), ModelConfig.markov(3, 10),
                new ModelConfig(3, 10, ContextFeature.GAP, ContextFeature.POSITION, ContextFeature.REPEAT)};
        for (ModelConfig c : configs) {
            NextStepModel m = null;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                m = NextStepModel.train(data, c);
                best = Math.min(best, System.nanoTime() - t0);
            }
            Sequences test = data.slice(0, Math.min(data.size(), 20_000));
            long t0 = System.nanoTime();
            Evaluation.Score s = Evaluation.score(m, test, Evaluation.Targets.ALL);
            long score = System.nanoTime() - t0;
            System.out.printf("train %-70s %7.1f ms (%.1f M events/s), %d contexts; score %.2f µs/prediction%n",
                    c.describe(), best / 1e6, data.eventCount() / (best / 1e3), m.contextCount(),
                    score / 1e3 / s.predictions());
        }
        // Boosted trees learn from the most recent rows only (BoostConfig.maxRows), yet walk all the data for
        // their type counts and context support: their training on all events is timed too.
        for (org.journeyexplorer.predict.Learner c : java.util.List.of(
                ModelSelection.defaultBoosted().get(0), ModelSelection.defaultBoosted().get(0).withRounds(30))) {
            long best = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long c0 = threadCpu();
                long t0 = System.nanoTime();
                c.train(data, TaskContext.NONE);
                best = Math.min(best, System.nanoTime() - t0);
                bestCpu = Math.min(bestCpu, threadCpu() - c0);
            }
            System.out.printf("train %-70s %7.1f ms (%.1f ms CPU of the calling thread)%n", c.describe(), best / 1e6,
                    bestCpu / 1e6);
        }
        Sequences small = data.slice(0, Math.min(data.size(), 20_000));
        long t0 = System.nanoTime();
        ModelSelection.Result r = ModelSelection.select(small, Evaluation.Targets.ALL, TaskContext.NONE);
        System.out.printf("selection on %d events: %.0f ms, %d configurations, chose %s%n", small.eventCount(),
                (System.nanoTime() - t0) / 1e6, r.candidates().size(), r.chosen().describe());
        t0 = System.nanoTime();
        ConversionAnalysis.analyze(data, 0, 200, 1, TaskContext.NONE);
        System.out.printf("conversion + 200 bootstrap reps over %d types: %.0f ms%n", types,
                (System.nanoTime() - t0) / 1e6);
    }

    /** {@code predict-demo [EVENTS]}: what the Predictions tab computes, on the generated demo shop. */
    public static void demo(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        org.journeyexplorer.domain.EventColumns columns =
                org.journeyexplorer.demo.DemoGenerator.generateColumns(events, 42);
        org.journeyexplorer.analysis.EventFrame frame = org.journeyexplorer.analysis.FrameBuilder.build(columns, true,
                org.journeyexplorer.session.SessionRule.defaults(), TaskContext.NONE).frame();
        long t0 = System.nanoTime();
        Sequences sessions = Sequences.fromSelection(org.journeyexplorer.analysis.Selection.all(frame)).chronological();
        long t1 = System.nanoTime();
        long thread1 = threadCpu();
        long process1 = processCpu();
        org.journeyexplorer.predict.HoldoutEvaluation.Result r = org.journeyexplorer.predict.HoldoutEvaluation.run(
                sessions, (int) Math.round(sessions.size() * 0.8), Evaluation.Targets.ALL, null, TaskContext.NONE);
        long t2 = System.nanoTime();
        // On a shared machine the wall time says more about the load than about the work: CPU beside it.
        System.out.printf("choose + measure CPU: %.0f ms on the calling thread, %.0f ms for the process%n",
                (threadCpu() - thread1) / 1e6, (processCpu() - process1) / 1e6);
        r.selection().chosen().train(sessions, TaskContext.NONE);
        long t3 = System.nanoTime();
        int goal = sessions.typeIndex("purchase");
        ConversionAnalysis.Result c = ConversionAnalysis.analyze(sessions, Math.max(0, goal), 200, 1,
                TaskContext.NONE);
        long t4 = System.nanoTime();
        Sequences train = sessions.slice(0, (int) Math.round(sessions.size() * 0.8));
        ModelSelection.Result sel = ModelSelection.select(train, Evaluation.Targets.ALL, TaskContext.NONE);
        long t5 = System.nanoTime();
        System.out.printf("selection alone: %.0f ms, %d configurations scored%n", (t5 - t4) / 1e6,
                sel.candidates().size());
        Sequences test = sessions.slice(train.size(), sessions.size());
        org.journeyexplorer.predict.Predictor m = r.selection().chosen().train(train, TaskContext.NONE);
        NextStepModel base = NextStepModel.train(train, ModelConfig.firstOrder());
        long t6 = System.nanoTime();
        Evaluation.evaluate(m, base, test, Evaluation.Targets.ALL);
        long t7 = System.nanoTime();
        System.out.printf("evaluation report alone: %.0f ms%n", (t7 - t6) / 1e6);
        System.out.printf("%d events, %d sessions, %d types%n", sessions.eventCount(), sessions.size(),
                sessions.typeCount());
        System.out.printf("sessions %.0f ms; choose + measure %.0f ms (%s: accuracy %.3f vs baseline %.3f, "
                        + "%d predictions); train on all %.0f ms; conversion to purchase %.3f + 200 bootstrap "
                        + "reps %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, r.selection().chosen().describe(),
                r.report().model().accuracy(), r.report().baseline().accuracy(), r.report().model().predictions(),
                (t3 - t2) / 1e6, c.startConversion(), (t4 - t3) / 1e6);
    }

    private static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Sequences generate(int events, int types, long seed) {
        Random random = new Random(seed);
        // Each (previous, current) pair prefers three successors, so order 2 carries signal.
        int[][] next = new int[types * types][3];
        for (int[] n : next) {
            for (int j = 0; j < 3; j++) {
                n[j] = random.nextInt(types);
            }
        }
        java.util.List<int[]> seqs = new java.util.ArrayList<>();
        java.util.List<long[]> times = new java.util.ArrayList<>();
        int total = 0;
        long clock = 1_700_000_000_000_000L;
        while (total < events) {
            int len = Math.min(events - total, 1 + random.nextInt(20));
            int[] s = new int[len];
            long[] t = new long[len];
            s[0] = random.nextInt(Math.min(types, 5));
            t[0] = clock;
            for (int i = 1; i < len; i++) {
                int prev = i >= 2 ? s[i - 2] : 0;
                s[i] = random.nextDouble() < 0.8 ? next[prev * types + s[i - 1]][random.nextInt(3)]
                        : random.nextInt(types);
                t[i] = t[i - 1] + 1_000_000L * (1 + random.nextInt(3600));
            }
            clock += 10_000_000L;
            seqs.add(s);
            times.add(t);
            total += len;
        }
        String[] names = new String[types];
        for (int i = 0; i < types; i++) {
            names[i] = "e" + i;
        }
        return new Sequences(seqs.toArray(new int[0][]), times.toArray(new long[0][]), names, null);
    }
}
