package org.journeyexplorer.bench;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.project.StreamBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code catchup [BASE_EVENTS|BASE_FILE] [STREAM_EVENTS] [BATCH] [BATCHES_PER_LOOK]}: the live benchmark's data
 * without the broker: a project of BASE_EVENTS demo events (seed 7; or a demo file made beforehand with
 * {@code generate-demo --seed 7}) with its frame built, then the demo's events of seed 8 in
 * time order (as {@code generate-demo --kafka} publishes them) parsed as JSON messages and appended in batches of
 * BATCH; after every BATCHES_PER_LOOK batches the frame is asked for, as a chart refresh would, and the catch-up's
 * time is printed, and the CPU time of each append (the stream's commit thread: store, commit, columns extended), and
 * the CPU of every thread over the appends and catch-ups, the JIT compilers' included. At the end the caught-up frame
 * is compared with a full rebuild.
 */
final class CatchUpBenchmark {
    private CatchUpBenchmark() {
    }

    /**
     * {@code -Dcatchup.shared=true}: after each catch-up, how much of the last frame person-aligned chunks could have
     * shared ({@link #shared}; keeps the last frame, so twice the frame's memory).
     */
    private static final boolean SHARED = Boolean.getBoolean("catchup.shared");

    static void run(String[] args) throws Exception {
        String baseArg = args.length > 0 ? args[0].replace("_", "") : "1000000";
        boolean given = !baseArg.chars().allMatch(Character::isDigit);
        int streamEvents = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 400_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 10_000;
        int per = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = TempDirs.create("je-catchup");
        Path csv = given ? Path.of(baseArg) : dir.resolve("base.csv.gz");
        if (!given) {
            DemoGenerator.writeCsv(csv, Integer.parseInt(baseArg), 7);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (ProjectSession session = ProjectSession.create(dir.resolve("bench"))) {
            session.importFile(Ingest.inspect(csv, ZoneOffset.UTC), ImportOptions.DEFAULT, TaskContext.NONE);
            BuiltFrame first = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame last = SHARED ? first : null; // else not held: the bench measures a catch-up's memory too
            first = null;
            DemoGenerator.TimeOrdered demo = DemoGenerator.timeOrdered(streamEvents, 8);
            List<byte[]> sample = new ArrayList<>();
            for (int i = 0; i < Math.min(200, demo.size()); i++) {
                sample.add(demo.json(i).getBytes(StandardCharsets.UTF_8));
            }
            ImportPlan plan = JsonMessages.inspect("bench", sample, ZoneOffset.UTC);
            JsonMessages.Reader reader = new JsonMessages.Reader(plan, JsonMessages.DEFAULT_MAX_BYTES);
            List<Long> cpus = new ArrayList<>();
            // the stream's commit thread's share: each batch's append (store, commit, columns extended), CPU time
            List<Long> appendCpus = new ArrayList<>();
            // CPU by thread from here on: the compilers' share of the catch-ups' code (they keep compiling it, and
            // on two cores that is CPU the stream and the refreshes do not get)
            Map<String, Long> threadCpu0 = LiveBenchmark.threadCpuByKind();
            int n = 0;
            for (int b = 0; n < demo.size(); b++) {
                List<ParsedEvent> events = new ArrayList<>(batch);
                EventSink sink = new EventSink() {
                    @Override
                    public void event(ParsedEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void reject(long line, String reason, String raw) {
                        throw new IllegalStateException(reason);
                    }
                };
                for (int k = 0; k < batch && n < demo.size(); k++, n++) {
                    reader.read(n, demo.json(n).getBytes(StandardCharsets.UTF_8), sink);
                }
                long a0 = threads.getCurrentThreadCpuTime();
                session.append(new StreamBatch("bench:catchup", "catchup", events, List.of(), Map.of(0, (long) n)));
                appendCpus.add((threads.getCurrentThreadCpuTime() - a0) / 1_000);
                if ((b + 1) % per == 0 || n == demo.size()) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    BuiltFrame f = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
                    long cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                    long t1 = System.nanoTime();
                    cpus.add(cpu);
                    // the live benchmark's charts over the caught-up frame, for scale
                    Selection all = Selection.all(f.frame());
                    Flows.compute(all, FlowQuery.forward(f.frame().typeNames[0], 10).withTopK(10));
                    long t2 = System.nanoTime();
                    Transitions.compute(all, TaskContext.NONE);
                    long t3 = System.nanoTime();
                    System.out.printf(Locale.ROOT, "after %,d stream events: catch-up %d ms wall, %d ms CPU; then"
                                    + " Sankey %d ms, heatmap %d ms wall%n", n, (t1 - t0) / 1_000_000, cpu,
                            (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
                    if (SHARED) {
                        System.out.println("  " + shared(last.frame(), f.frame()));
                        last = f;
                    }
                }
            }
            System.out.println("CPU over the appends and catch-ups by thread (s): "
                    + LiveBenchmark.cpuDelta(threadCpu0, LiveBenchmark.threadCpuByKind()));
            BuiltFrame inc = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame full = FrameBuilder.build(session.columns(TaskContext.NONE), FrameRule.DEFAULT.identity(),
                    FrameRule.DEFAULT.sessions(), TaskContext.NONE);
            boolean same = Arrays.equals(full.frame().sourceRow().toArray(), inc.frame().sourceRow().toArray())
                    && Arrays.equals(full.frame().sessionStart, inc.frame().sessionStart)
                    && Arrays.equals(full.frame().personNames, inc.frame().personNames)
                    && full.identity().equals(inc.identity());
            long[] c = cpus.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] a = appendCpus.stream().mapToLong(Long::longValue).sorted().toArray();
            long appendSum = appendCpus.stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "appends: %d batches of %,d, CPU per batch median %.1f ms, max %.1f ms;"
                            + " %,.0f events per CPU second of the appending thread%n", a.length, batch,
                    a[a.length / 2] / 1e3, a[a.length - 1] / 1e3, n / (appendSum / 1e6));
            System.out.printf(Locale.ROOT, "catch-ups: %d, CPU median %d ms, max %d ms; equals a full rebuild: %s;"
                    + " load %.1f%n", c.length, c[c.length / 2], c[c.length - 1], same,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Chunk sizes (events, cut at person boundaries) for {@link #shared}. */
    private static final int[] CHUNKS = {1 << 10, 1 << 12, 1 << 14, 1 << 16};

    /**
     * How much of {@code prev} a frame made of person-aligned chunks could have shared with {@code next} (the frame
     * after a catch-up): the old frame is cut into chunks of at least C events at person boundaries, and a chunk is
     * shared when none of its persons was recomputed (its events are the same rows, one person, in {@code next}).
     * Persons are in name order, so a batch's persons are spread over the whole frame.
     */
    static String shared(org.journeyexplorer.analysis.EventFrame prev, org.journeyexplorer.analysis.EventFrame next) {
        int[] prevRows = prev.sourceRow().toArray();
        int[] nextRows = next.sourceRow().toArray();
        int[] posOfRow = new int[nextRows.length];
        for (int i = 0; i < nextRows.length; i++) {
            posOfRow[nextRows[i]] = i;
        }
        int persons = prev.personCount();
        boolean[] same = new boolean[persons];
        int touched = 0;
        for (int p = 0; p < persons; p++) {
            int from = prev.personStart[p];
            int to = prev.personStart[p + 1];
            int at = posOfRow[prevRows[from]];
            int q = next.personOf(at);
            boolean s = next.personStart[q] == at && next.personStart[q + 1] - at == to - from;
            for (int i = from + 1; i < to && s; i++) {
                s = posOfRow[prevRows[i]] == at + i - from;
            }
            same[p] = s;
            touched += s ? 0 : 1;
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d of %,d persons recomputed;"
                + " events in unchanged chunks:", touched, persons));
        for (int c : CHUNKS) {
            long kept = 0;
            int chunks = 0;
            int keptChunks = 0;
            for (int p = 0; p < persons; ) {
                int start = prev.personStart[p];
                boolean all = true;
                int q = p;
                while (q < persons && prev.personStart[q] - start < c) {
                    all &= same[q];
                    q++;
                }
                chunks++;
                if (all) {
                    keptChunks++;
                    kept += prev.personStart[q] - start;
                }
                p = q;
            }
            out.append(String.format(Locale.ROOT, " %.1f%% (%,d of %,d chunks of %,d)", 100.0 * kept / prev.size,
                    keptChunks, chunks, c));
        }
        return out.toString();
    }
}
