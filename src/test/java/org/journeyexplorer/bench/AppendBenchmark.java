package org.journeyexplorer.bench;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.project.AppendResult;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.project.StreamBatch;
import org.journeyexplorer.store.ImportWriter;
import org.journeyexplorer.store.NewImport;
import org.journeyexplorer.store.ProjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code append [EVENTS] [BATCH] [ROUNDS]}: a project of EVENTS demo events (default 5 M) is open with its frame
 * built; then ROUNDS stream batches of BATCH events (default 10 k) are appended, each one transaction, and the time
 * until the updated frame is ready ({@link ProjectSession#append} returns with the cached frame current) is
 * reported, split into commit and frame update, beside a full rebuild of the same frame. Batches continue the demo's
 * traffic: existing persons and devices in their real id pairs, 3 % new devices, 1 % of a device's first login,
 * 2 % of events out of time order.
 */
final class AppendBenchmark {
    private AppendBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Path dir = TempDirs.create("je-append");
        Path project = dir.resolve("bench");
        long t0 = System.nanoTime();
        EventColumns c = DemoGenerator.generateColumns(events, 7);
        try (ProjectStore store = ProjectStore.create(project);
             ImportWriter w = store.beginImport(new NewImport("demo", null, 0, "demo", "{}"))) {
            for (int r = 0; r < c.size(); r++) {
                w.event(id(c, c.user().get(r)), id(c, c.anonymous().get(r)), c.timeMicros()[r],
                        c.eventTypes()[c.eventType()[r]], null);
            }
            w.commit();
        }
        System.out.printf("project of %,d events written in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        try (ProjectSession session = ProjectSession.open(project)) {
            long a = System.nanoTime();
            BuiltFrame first = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            System.out.printf("open + load + full frame build: %d ms (%,d persons, %,d sessions)%n",
                    (System.nanoTime() - a) / 1_000_000, first.frame().personCount(), first.frame().sessionCount());
            // what a stream does while it connects: the store's dictionaries and the frame's id look-up
            long pr = System.nanoTime();
            session.prepareAppends(TaskContext.NONE);
            System.out.printf("prepare appends (dictionaries + id look-up, done while a stream connects): %d ms%n",
                    (System.nanoTime() - pr) / 1_000_000);
            Random rnd = new Random(3);
            long maxTime = Arrays.stream(c.timeMicros(), 0, c.size()).max().orElse(0);
            long[] total = new long[rounds];
            long[] commit = new long[rounds];
            long[] frame = new long[rounds];
            long[] cpu = new long[rounds];
            long[] gc = new long[rounds];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int k = 0; k < rounds; k++) {
                StreamBatch b = batch(c, batch, maxTime + k * 60_000_000L, rnd, k);
                long gc0 = gcMillis();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                AppendResult r = session.append(b);
                long f = System.nanoTime();
                // the frame catches up with the batch when asked for (as the app's next view refresh would)
                if (session.currentFrame(FrameRule.DEFAULT).isEmpty()) {
                    throw new IllegalStateException("the frame is not current after an append");
                }
                total[k] = (System.nanoTime() - s) / 1_000_000;
                commit[k] = r.commitMillis();
                frame[k] = (System.nanoTime() - f) / 1_000_000;
                cpu[k] = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                gc[k] = gcMillis() - gc0;
                // on a loaded machine wall time is mostly waiting for a core; the thread's CPU time is the steadier
                // figure, and the collector's time shows what allocation costs
                System.out.printf("batch %2d: %,d events → %,d in the project; ready after %d ms (commit %d ms,"
                        + " frame %d ms; CPU of the thread %d ms; collector %d ms)%n", k + 1, r.appended(), r.events(),
                        total[k], commit[k], frame[k], cpu[k], gc[k]);
            }
            long f0 = System.nanoTime();
            BuiltFrame full = FrameBuilder.build(session.columns(TaskContext.NONE), true,
                    FrameRule.DEFAULT.sessions(), TaskContext.NONE);
            long fullMs = (System.nanoTime() - f0) / 1_000_000;
            BuiltFrame inc = session.currentFrame(FrameRule.DEFAULT).orElseThrow();
            boolean same = Arrays.equals(full.frame().sourceRow().toArray(), inc.frame().sourceRow().toArray())
                    && Arrays.equals(full.frame().sessionStart, inc.frame().sessionStart)
                    && full.identity().equals(inc.identity());
            System.out.printf("full rebuild of the same frame (in memory): %d ms; incremental frame equals it: %s%n",
                    fullMs, same);
            long[] steady = Arrays.copyOfRange(total, 1, rounds);
            Arrays.sort(steady);
            long[] steadyCpu = Arrays.copyOfRange(cpu, 1, rounds);
            Arrays.sort(steadyCpu);
            System.out.printf("CPU of the appending thread: median %d ms, max %d ms; load average %.1f%n",
                    steadyCpu[steadyCpu.length / 2], steadyCpu[steadyCpu.length - 1],
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("append of %,d events to %,d, frame ready: first %d ms (after prepareAppends), then"
                    + " median %d ms, max %d ms over %d batches%n", batch, events, total[0],
                    steady[steady.length / 2], steady[steady.length - 1], steady.length);
        } finally {
            Files.deleteIfExists(ProjectStore.projectFile(project));
            Files.deleteIfExists(dir);
        }
    }

    /** Time the collectors spent so far. */
    static long gcMillis() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean b
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    private static String id(EventColumns c, int id) {
        return id < 0 ? null : c.identities()[id];
    }

    /** A batch continuing the demo's traffic after {@code from}. */
    private static StreamBatch batch(EventColumns c, int n, long from, Random rnd, int round) {
        List<ParsedEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(c.size());
            String user = id(c, c.user().get(r));
            String anon = id(c, c.anonymous().get(r));
            int roll = rnd.nextInt(100);
            if (roll < 3) {
                anon = "stream-device-" + round + "-" + rnd.nextInt(n / 4); // a new device
                user = null;
            } else if (roll < 4 && anon != null && user == null) {
                user = "stream-user-" + round + "-" + i; // a device's first login
            }
            long t = roll >= 98 ? from - rnd.nextInt(3_600_000) * 1_000L : from + rnd.nextInt(60_000_000);
            String type = c.eventTypes()[c.eventType()[r]];
            events.add(new ParsedEvent(i, user, anon, t, type, null));
        }
        return new StreamBatch("bench:demo", "demo", events, List.of(), Map.of(0, (long) (round + 1) * n));
    }
}
