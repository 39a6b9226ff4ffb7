package org.journeyexplorer.bench;


import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.FunnelQuery;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.analysis.Metrics;
import org.journeyexplorer.analysis.MetricsQuery;
import org.journeyexplorer.analysis.MetricsResult;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.analysis.VariantQuery;
import org.journeyexplorer.analysis.VariantResult;
import org.journeyexplorer.analysis.Variants;
import org.journeyexplorer.chart.HeatmapAdapter;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.session.SessionRule;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Flow, funnel, variants and metrics recomputes on a synthetic frame (default 5 M events, 25 event types drawn
 * from a skewed Markov chain, ~8 events per session, 1–4 sessions per person). Prints the median and the fastest
 * of several runs after warm-up, and the CPU time of the process and of the calling thread (medians). The machine
 * is often shared, so the CPU figures are the steadier ones; {@code -Dje.analysis.minPerPart=2147483647} runs
 * everything on the calling thread. Args: {@code [events] [runs]}.
 */
public final class FlowsBenchmark {
    private static final int WARMUP = Integer.getInteger("je.bench.warmup", 12);

    private FlowsBenchmark() {
    }

    public static void run(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        long t0 = System.nanoTime();
        EventFrame f = frame(events, 25, new Random(1));
        System.out.printf("frame: %,d events, %,d sessions, %,d persons, %d types (built in %.1f s)%n",
                f.size, f.sessionCount(), f.personCount(), f.typeCount(), (System.nanoTime() - t0) / 1e9);
        System.out.printf("cores: %d, max heap: %,d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Selection all = Selection.all(f);
        BitSet keep = new BitSet(f.size);
        Random r = new Random(2);
        for (int i = 0; i < f.size; i++) {
            if (r.nextInt(10) != 0) {
                keep.set(i);
            }
        }
        Selection filtered = Selection.of(f, keep);

        FlowQuery flow = FlowQuery.forward("t00", 10).withTopK(10);
        System.out.printf("load average before: %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        // a fresh Selection per run: no reuse of the per-selection label array
        time("flow forward 10 steps top 10, sessions, cold", runs, () -> Flows.compute(Selection.all(f), flow),
                x -> x.journeys() + " journeys");
        time("flow forward 10 steps top 10, sessions", runs, () -> Flows.compute(all, flow),
                x -> x.journeys() + " journeys, " + x.nodes().size() + " nodes, " + x.links().size() + " links");
        time("flow forward 10 steps top 10, persons", runs, () -> Flows.compute(all, flow.withUnit(CountUnit.PERSONS)),
                x -> x.journeys() + " journeys");
        time("flow forward, sessions, 90% selection", runs, () -> Flows.compute(filtered, flow),
                x -> x.journeys() + " journeys");
        // the Flows tab's chart after a filter: from the journey start, over a selection not seen before
        FlowQuery fromStart = FlowQuery.forward(FlowQuery.JOURNEY_START, 10).withTopK(10);
        time("flow from journey start 10 steps top 10, new 90% selection", runs,
                () -> Flows.compute(Selection.of(f, keep), fromStart),
                x -> x.journeys() + " journeys, " + x.links().size() + " links");
        time("flow backward 10 steps top 10, sessions", runs,
                () -> Flows.compute(all, FlowQuery.backward("t05", 10).withTopK(10)), x -> x.journeys() + " journeys");
        FunnelQuery funnel = new FunnelQuery(List.of("t00", "t01", "t02", "t03"), 7L * 86_400_000_000L,
                CountUnit.PERSONS, false, false, org.journeyexplorer.analysis.EventLabeling.NONE, 5);
        time("funnel 4 steps 7d window, persons", runs, () -> Funnels.compute(all, funnel),
                x -> x.steps().stream().map(s -> Integer.toString(s.count())).toList().toString());
        time("funnel 4 steps 7d window, sessions", runs, () -> Funnels.compute(all, funnel.withUnit(CountUnit.SESSIONS)),
                x -> x.steps().stream().map(s -> Integer.toString(s.count())).toList().toString());
        time("metrics to t03, persons", runs, () -> Metrics.compute(all, MetricsQuery.of("t03", CountUnit.PERSONS)),
                x -> x.completed() + " completed, " + x.velocity().size() + " weeks");
        time("variants top 20", runs, () -> Variants.compute(all, VariantQuery.top(20)),
                x -> x.distinct() + " distinct");
        time("overview", runs, () -> Metrics.overview(all, 10), x -> x.events() + " events");
        // what the Overview tab redoes on a filter change: a new selection each time, nothing counted yet
        time("overview, 90% selection", runs, () -> Metrics.overview(Selection.of(f, keep), 10),
                x -> x.events() + " events");
        // the Transitions tab's recompute on a filter change: counts and exact medians, then the heatmap's cells
        time("transitions (heatmap), sessions", runs, () -> Transitions.compute(all, TaskContext.NONE),
                x -> x.total() + " transitions");
        // what a large frame's Transitions tab shows first: the counts alone (the times follow in a second task)
        time("transitions counts first, sessions", runs,
                () -> Transitions.counts(all, CountUnit.SESSIONS, TaskContext.NONE), x -> x.total() + " transitions");
        time("transitions (heatmap), 90% selection", runs,
                () -> HeatmapAdapter.from(Transitions.compute(filtered, TaskContext.NONE)),
                x -> x.typeCount() + " types");
        // the date filter: the selection of a 60-day range, then the flow over it (what the Flows tab redoes)
        long from = 1_704_067_200_000_000L + 30 * 86_400_000_000L;
        Filter range = Filter.NONE.withRange(from, from + 60 * 86_400_000_000L);
        time("date filter 60 days: selection", runs, () -> range.apply(f, null), x -> x.count() + " events");
        time("date filter 60 days: selection + flow", runs, () -> Flows.compute(range.apply(f, null), flow),
                x -> x.journeys() + " journeys");
        // a timeout change: the frame built again from the columns (before), or its sessions cut again (now)
        BuiltFrame built = new BuiltFrame(f, null, SessionRule.defaults(), null);
        EventColumns columns = columns(f);
        SessionRule tenMinutes = SessionRule.timeout(10 * 60_000_000L);
        time("timeout 10 min: frame built again", 2, 3,
                () -> FrameBuilder.build(columns, true, tenMinutes, TaskContext.NONE).frame(),
                x -> x.sessionCount() + " sessions");
        time("timeout 10 min: sessions cut again", runs,
                () -> FrameBuilder.resessioned(built, tenMinutes, TaskContext.NONE).frame(),
                x -> x.sessionCount() + " sessions");
        time("timeout 10 min: sessions cut again + flow", runs,
                () -> Flows.compute(Selection.all(FrameBuilder.resessioned(built, tenMinutes, TaskContext.NONE)
                        .frame()), flow), x -> x.journeys() + " journeys");
        System.out.printf("load average after: %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static <T> void time(String name, int runs, Supplier<T> job, java.util.function.Function<T, String> what) {
        time(name, WARMUP, runs, job, what);
    }

    /** Times {@code job} after {@code warmup} runs; {@code -Dje.bench.only=REGEX} skips cases whose name does not match. */
    static <T> void time(String name, int warmup, int runs, Supplier<T> job,
                         java.util.function.Function<T, String> what) {
        String only = System.getProperty("je.bench.only");
        if (only != null && !java.util.regex.Pattern.compile(only).matcher(name).find()) {
            return;
        }
        T last = null;
        // a few warm-up runs leave the JIT's compiler threads busy in the timed runs' process CPU
        for (int i = 0; i < warmup; i++) {
            last = job.get();
        }
        long[] ms = new long[runs];
        long[] cpu = new long[runs];
        long[] own = new long[runs];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < runs; i++) {
            long c = os.getProcessCpuTime();
            long o = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            last = job.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            own[i] = (threads.getCurrentThreadCpuTime() - o) / 1_000_000;
            cpu[i] = (os.getProcessCpuTime() - c) / 1_000_000;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        Arrays.sort(own);
        System.out.printf("%-44s wall median %4d ms, best %4d ms; cpu: process %4d ms, calling thread %4d ms  (%s)%n",
                name, ms[runs / 2], ms[0], cpu[runs / 2], own[runs / 2], what.apply(last));
    }

    /** The frame's events as stored columns: one user id per person, in frame order. */
    static EventColumns columns(EventFrame f) {
        int[] anonymous = new int[f.size];
        Arrays.fill(anonymous, -1);
        return new EventColumns(f.size, f.personColumn(), anonymous, f.time.toArray(), f.type.toArray(),
                f.personNames.clone(), new boolean[f.personCount()], f.typeNames.clone());
    }

    /** A synthetic frame: persons with 1–4 sessions, sessions of geometric length, types from a skewed Markov chain. */
    public static EventFrame frame(int events, int types, Random rnd) {
        double[][] cum = new double[types][types];
        for (int a = 0; a < types; a++) {
            double sum = 0;
            for (int b = 0; b < types; b++) {
                // each type prefers a few successors: zipf over a per-row shuffled order, plus the next type
                double w = 1.0 / (1 + ((b - a + types) % types)) + (b == (a + 1) % types ? 1.5 : 0);
                sum += w * (0.5 + rnd.nextDouble());
                cum[a][b] = sum;
            }
            for (int b = 0; b < types; b++) {
                cum[a][b] /= sum;
            }
        }
        int[] person = new int[events];
        long[] time = new long[events];
        int[] type = new int[events];
        int[] session = new int[events];
        int[] sessionStart = new int[events + 1];
        int[] personStart = new int[events + 1];
        int i = 0;
        int s = 0;
        int p = 0;
        long base = 1_704_067_200_000_000L;
        while (i < events) {
            personStart[p] = i;
            long t = base + (long) (rnd.nextDouble() * 180 * 86_400_000_000L);
            int sessions = 1 + rnd.nextInt(4);
            for (int k = 0; k < sessions && i < events; k++) {
                sessionStart[s] = i;
                int len = 1 + (int) (-Math.log(1 - rnd.nextDouble()) * 7);
                int ty = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(types);
                for (int e = 0; e < len && i < events; e++) {
                    person[i] = p;
                    session[i] = s;
                    time[i] = t;
                    type[i] = ty;
                    i++;
                    t += 1_000_000L * (1 + rnd.nextInt(120));
                    double u = rnd.nextDouble();
                    int nx = 0;
                    while (nx < types - 1 && cum[ty][nx] < u) {
                        nx++;
                    }
                    ty = nx;
                }
                s++;
                t += 3_600_000_000L * (1 + rnd.nextInt(72));
            }
            p++;
        }
        sessionStart[s] = events;
        personStart[p] = events;
        String[] names = new String[types];
        for (int k = 0; k < types; k++) {
            names[k] = String.format("t%02d", k);
        }
        String[] personNames = new String[p];
        for (int k = 0; k < p; k++) {
            personNames[k] = "u" + k;
        }
        int[] src = new int[events];
        for (int k = 0; k < events; k++) {
            src[k] = k;
        }
        return new EventFrame(person, time, type, session, Arrays.copyOf(sessionStart, s + 1),
                Arrays.copyOf(personStart, p + 1), src, names, personNames);
    }
}
