package org.journeyexplorer.bench;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.domain.EventColumns;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Case "engine": stitching + sorting + sessions + transitions over generated in-memory clickstream columns.
 * Arguments: {@code [events=5000000] [rounds=5] [time-ordered]}; with {@code time-ordered} the rows are first put
 * in global time order, as most exported logs are (persons interleaved), instead of the generator's person order. Prints per-stage medians over the rounds (after two warm-up
 * rounds) and the heap in use with the columns and the frame alive.
 * <p>
 * {@code engine PROJECT.jexp [rounds]} runs the same pass over the columns of an imported project instead: issue 16
 * target 6 compares it with the seed's pandas pass ({@code src/test/python/seed_pandas.py}) over the same file, so
 * both sides count the same events, persons and sessions.
 */
final class EngineBenchmark {
    private EngineBenchmark() {
    }

    static void run(String[] args) {
        boolean fromProject = args.length > 0 && !args[0].replace("_", "").chars().allMatch(Character::isDigit);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        EventColumns columns;
        if (fromProject) {
            try (ProjectSession s = ProjectSession.open(Path.of(args[0]))) {
                columns = s.columns(TaskContext.NONE);
            }
            System.out.printf(Locale.ROOT, "loaded %,d events (%,d identities) of %s in %.2f s; max heap %,d MB%n",
                    columns.size(), columns.identities().length, args[0], (System.nanoTime() - t0) / 1e9,
                    rt.maxMemory() >> 20);
        } else {
            int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5_000_000;
            columns = DemoGenerator.generateColumns(events, 42);
            boolean timeOrdered = args.length > 2 && args[2].equals("time-ordered");
            if (timeOrdered) {
                columns = inTimeOrder(columns);
            }
            System.out.printf(Locale.ROOT, "generated %,d events (%,d identities, %s) in %.2f s; max heap %,d MB%n",
                    columns.size(), columns.identities().length, timeOrdered ? "rows in time order" : "rows by person",
                    (System.nanoTime() - t0) / 1e9, rt.maxMemory() >> 20);
        }
        int events = columns.size();
        SessionRule rule = SessionRule.defaults();
        double[] stitch = new double[rounds];
        double[] frame = new double[rounds];
        double[] trans = new double[rounds];
        double[] cpu = new double[rounds];
        double[] processCpu = new double[rounds];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        BuiltFrame built = null;
        TransitionMatrix m = null;
        long gcBefore = 0;
        for (int r = -2; r < rounds; r++) {
            if (r == 0) {
                gcBefore = gcMillis();
            }
            built = null; // let the previous frame go before building the next
            m = null;
            long a = System.nanoTime();
            IdentityResolution ids = IdentityResolver.resolve(columns, true, TaskContext.NONE);
            long b = System.nanoTime();
            ids = null;
            long c = System.nanoTime();
            long cpuStart = mx.getCurrentThreadCpuTime();
            long processStart = os.getProcessCpuTime();
            built = FrameBuilder.build(columns, true, rule, TaskContext.NONE);
            long d = System.nanoTime();
            m = Transitions.compute(Selection.all(built.frame()), TaskContext.NONE);
            long e = System.nanoTime();
            long cpuEnd = mx.getCurrentThreadCpuTime();
            long processEnd = os.getProcessCpuTime();
            if (r >= 0) {
                cpu[r] = (cpuEnd - cpuStart) / 1e9;
                processCpu[r] = (processEnd - processStart) / 1e9;
                stitch[r] = (b - a) / 1e9;
                frame[r] = (d - c) / 1e9;
                trans[r] = (e - d) / 1e9;
            }
        }
        long gc = gcMillis() - gcBefore;
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "persons %,d, sessions %,d, merged ids %,d, conflicts %,d, transitions %,d%n",
                built.identity().persons(), built.frame().sessionCount(), built.identity().mergedAnonymousIds(),
                built.identity().conflictCount(), m.total());
        System.out.printf(Locale.ROOT, "stitching alone            %.3f s (median of %d)%n", median(stitch), rounds);
        System.out.printf(Locale.ROOT, "frame (stitch+sort+sessions) %.3f s%n", median(frame));
        System.out.printf(Locale.ROOT, "transitions (exact medians)  %.3f s%n", median(trans));
        double[] total = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            total[r] = frame[r] + trans[r];
        }
        System.out.printf(Locale.ROOT, "engine total (frame + transitions) %.3f s = %.1f M events/s (best %.3f s)%n",
                median(total), events / median(total) / 1e6, java.util.Arrays.stream(total).min().orElse(0));
        // the machine may be shared: CPU time of the benchmark thread is the figure least disturbed by others
        System.out.printf(Locale.ROOT, "engine total CPU time of the thread %.3f s%n", median(cpu));
        // the parts that run on the common pool (transitions' medians) and GC count here too
        System.out.printf(Locale.ROOT, "engine total CPU time of the process %.3f s (best %.3f s)%n", median(processCpu),
                java.util.Arrays.stream(processCpu).min().orElse(0));
        System.out.printf(Locale.ROOT, "GC time during the measured rounds: %d ms in total%n", gc);
        System.out.printf(Locale.ROOT, "heap in use after GC with columns, frame and matrix alive: %,d MB of %,d MB%n",
                used >> 20, rt.maxMemory() >> 20);
    }

    /** The same events with rows in time order (the generator's times are whole seconds within 90 days). */
    private static EventColumns inTimeOrder(EventColumns c) {
        int n = c.size();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, c.timeMicros()[i]);
        }
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = ((c.timeMicros()[i] - min) / 1_000_000L) << 25 | i;
        }
        java.util.Arrays.sort(key);
        int[] user = new int[n];
        int[] anon = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            int r = (int) (key[i] & ((1 << 25) - 1));
            user[i] = c.user().get(r);
            anon[i] = c.anonymous().get(r);
            time[i] = c.timeMicros()[r];
            type[i] = c.eventType()[r];
        }
        return new EventColumns(n, user, anon, time, type, c.identities(), c.identityIsAnonymous(), c.eventTypes());
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean b
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
