package org.journeyexplorer.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.SankeyAdapter;
import org.journeyexplorer.chart.SankeyLayout;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.installer.PackageProperties;
import org.journeyexplorer.live.BatchSink;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.live.LiveRefresh;
import org.journeyexplorer.live.LiveStatus;
import org.journeyexplorer.live.LiveStream;
import org.journeyexplorer.live.ProjectSink;
import org.journeyexplorer.live.TopicPreview;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.project.StreamBatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code live [BASE_EVENTS|BASE_FILE] [SECONDS] [RATE] [sankey|both]}: a project already holding BASE_EVENTS demo
 * events (default 5 M; or the events of a demo file made beforehand with {@code generate-demo --seed 7}, or a project
 * imported beforehand, named by its {@code .jexp.mv.db} file), its frame and the open Sankey (flows and layout)
 * recomputed every 2 s as the app's Flows tab would (with {@code both} a heatmap of the transitions after it on the
 * same thread), while a producer publishes demo events to an in-process broker at RATE events/s (0 = as fast as it can)
 * for SECONDS (or until its events, capped at 1.5 M, run out and every one of them was in a refresh) and the stream
 * appends them. Prints the ingest rate while events arrive (to the last batch), the produce-to-visible latency (from
 * the send of a message to the end of the Sankey's layout, in the first chart refresh whose frame holds it) at p50 /
 * p95 / max and its parts (send to commit, commit to the refresh, catch-up, flows, layout), the CPU and collector time,
 * and the heap. With {@code -Dlive.timeline=FILE} also a line per batch and per refresh phase ({@link LiveTimeline}).
 */
public final class LiveBenchmark {
    private LiveBenchmark() {
    }

    /**
     * {@code -Dlive.preCatchUp=false}: no catch-up between two refreshes (the app's refreshes before it had one), to
     * compare on one build.
     */
    private static final boolean PRE_CATCH_UP = !"false".equals(System.getProperty("live.preCatchUp"));

    /**
     * {@code -Dlive.steadyAfter=S}: the latencies are also given for the events sent after the first S seconds of the
     * timed stream (default 15), once the compilers are done with the code a stream and its refreshes run.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("live.steadyAfter", 15);

    /** Messages produced before the timed production: for the preview and the stream's start. */
    private static final int WARM_UP = 1000;

    public static void run(String[] argv) throws Exception {
        // --app-heap=1g: the project, the stream and the charts run in a JVM of their own with that heap (the app's
        // side alone, as the 1 GB target means it), the broker and the producer here; without it all run in this JVM
        String appHeap = null;
        List<String> plain = new ArrayList<>();
        for (String a : argv) {
            if (a.startsWith("--app-heap=")) {
                appHeap = a.substring("--app-heap=".length());
            } else {
                plain.add(a);
            }
        }
        String[] args = plain.toArray(new String[0]);
        // BASE_EVENTS or a demo file made beforehand (generate-demo --seed 7): the generator holds every event in
        // memory, so a 10 M base cannot be generated inside the 1 GB heap the stream is to be measured in
        String baseArg = args.length > 0 ? args[0].replace("_", "") : "5000000";
        boolean given = !baseArg.chars().allMatch(Character::isDigit);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        // the app computes the shown tab only (a hidden one when it is next shown): the Flows tab open is the
        // Sankey alone per refresh; "both" also computes a heatmap after it on the same thread, as this bench did
        boolean heatmap = args.length > 3 && args[3].equals("both");
        Path dir = TempDirs.create("je-live-bench");
        Path csv = given ? Path.of(baseArg) : dir.resolve("base.csv.gz");
        if (!given) {
            int base = Integer.parseInt(baseArg);
            System.out.printf(Locale.ROOT, "generating %,d base events…%n", base);
            DemoGenerator.writeCsv(csv, base, 7);
        }
        int code;
        try (KafkaTestBroker broker = KafkaTestBroker.start(Map.of("num.partitions", "3"))) {
            broker.createTopic("bench", 3);
            Producer producer = new Producer(broker.bootstrap(), rate, seconds);
            if (appHeap == null) {
                app(csv, dir, seconds, heatmap, broker.bootstrap(), producer);
                code = 0;
            } else {
                code = forked(appHeap, csv, dir, seconds, heatmap, broker.bootstrap(), producer);
            }
            producer.stop();
            System.out.printf(Locale.ROOT, "producer thread's CPU %.1f s, broker %.1f s%n", producer.cpuNanos() / 1e9,
                    cpuNanosPrefix(java.lang.management.ManagementFactory.getThreadMXBean(), "data-plane-kafka",
                            "kafka-1-", "quorum-", "broker-") / 1e9);
        }
        TempDirs.deleteCreated(); // System.exit skips Benchmarks.main's own
        // the in-process broker leaves non-daemon threads behind, which exec:java would wait for
        System.exit(code);
    }

    /**
     * {@code live-app BOOTSTRAP BASE SECONDS sankey|both DIR}: the app's side of {@code live --app-heap=…} in a JVM of
     * its own, reading the parent's broker; says READY on its output once the warm-up messages are stored and learns
     * from its input ("produced N") when the producer is done.
     */
    public static void appProcess(String[] args) throws Exception {
        Producer remote = new Producer();
        Thread in = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("produced ")) {
                        remote.finished(Long.parseLong(line.substring(9).trim()));
                    }
                }
            } catch (java.io.IOException e) {
                // the parent went away: the run ends at its time
            }
        }, "bench-parent");
        in.setDaemon(true);
        in.start();
        try {
            app(Path.of(args[1]), Path.of(args[4]), Integer.parseInt(args[2]), args[3].equals("both"), args[0], remote);
        } catch (OutOfMemoryError e) {
            System.out.println("out of memory: " + e.getMessage() + "; " + heapAfterGc());
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Runs the app's side in a JVM of its own with heap {@code heap}; returns its exit code. */
    private static int forked(String heap, Path base, Path dir, int seconds, boolean heatmap, String bootstrap,
                              Producer producer) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(PackageProperties.launcherOptions()); // as the installed launcher starts the app
        cmd.add("-Xmx" + heap); // after the launcher's own -Xmx, so this one holds
        String extra = System.getProperty("live.appJvm", "");
        for (String o : extra.split(" ")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-cp", classPath(), Benchmarks.class.getName(), "live-app", bootstrap, base.toString(),
                Integer.toString(seconds), heatmap ? "both" : "sankey", dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        System.out.println("app JVM " + p.pid() + ": " + String.join(" ", cmd.subList(1, cmd.indexOf("-cp"))));
        Thread done = new Thread(() -> {
            long n = producer.awaitDone();
            try {
                var out = p.getOutputStream();
                out.write(("produced " + n + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException e) {
                // the app's JVM ended before
            }
        }, "bench-producer-done");
        done.setDaemon(true);
        done.start();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.equals("READY")) {
                    producer.go();
                } else {
                    System.out.println(line);
                }
            }
        }
        int code = p.waitFor();
        System.out.println("app JVM exited with " + code);
        return code;
    }

    /** The class path this bench runs on (exec:java loads it in a class loader of its own). */
    private static String classPath() {
        ClassLoader cl = LiveBenchmark.class.getClassLoader();
        if (cl instanceof java.net.URLClassLoader u) {
            StringBuilder sb = new StringBuilder();
            for (java.net.URL url : u.getURLs()) {
                try {
                    sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(url.toURI()));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return sb.toString();
        }
        return System.getProperty("java.class.path");
    }

    /** The app's side: the project, the stream into it and the chart refreshes, measured. */
    private static void app(Path csv, Path dir, int seconds, boolean heatmap, String bootstrap, Producer producer)
            throws Exception {
        HeapWatch heapWatch = HeapWatch.start();
        // or a project imported beforehand (the CLI's import of a 10 M file fits in 1 GB): streamed into as it is
        boolean project = csv.getFileName().toString().endsWith(".jexp.mv.db");
        try (ProjectSession session = project ? ProjectSession.open(csv)
                : ProjectSession.create(dir.resolve("bench"))) {
            long t0 = System.nanoTime();
            if (!project) {
                session.importFile(Ingest.inspect(csv, ZoneOffset.UTC), ImportOptions.DEFAULT, TaskContext.NONE);
            }
            System.out.printf(Locale.ROOT, "imported %,d events in %.1f s%n", session.eventCount(),
                    (System.nanoTime() - t0) / 1e9);
            BuiltFrame first = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            String start = first.frame().typeNames[0];
            first = null;
            KafkaSource src = KafkaSource.plain(bootstrap, "bench");
            List<byte[]> sample = TopicPreview.firstMessages(src, 200, Duration.ofSeconds(10), TaskContext.NONE);
            ImportPlan plan = JsonMessages.inspect("bench", sample, ZoneOffset.UTC);

            // batch commits: when, and the message's index and send time (carried in the message, so a producer in
            // another JVM on this machine times it on the same clock)
            ConcurrentLinkedQueue<long[]> commits = new ConcurrentLinkedQueue<>();
            AtomicLong appendMillis = new AtomicLong();
            AtomicLong commitMillis = new AtomicLong();
            AtomicLong frameMillis = new AtomicLong();
            AtomicLong lastAppendNanos = new AtomicLong();
            ProjectSink projectSink = new ProjectSink(session);
            BatchSink timed = new BatchSink() {
                @Override
                public Map<Integer, Long> positions(String key) {
                    return projectSink.positions(key);
                }

                @Override
                public void prepare() {
                    projectSink.prepare(); // as the app's stream does while it connects
                }

                @Override
                public void append(StreamBatch b) {
                    long a0 = System.nanoTime();
                    long c0 = LiveTimeline.on() ? LiveTimeline.cpu() : 0;
                    var r = session.append(b);
                    long now = System.nanoTime();
                    if (LiveTimeline.on()) {
                        // when its messages were sent: how long the batch took to gather and then waited to be stored
                        long minSent = Long.MAX_VALUE;
                        long maxSent = Long.MIN_VALUE;
                        for (var e : b.events()) {
                            long sent = number(e.propertiesJson(), "\"sent\":");
                            if (sent > 0) {
                                minSent = Math.min(minSent, sent);
                                maxSent = Math.max(maxSent, sent);
                            }
                        }
                        LiveTimeline.log(a0, "append", "rows", b.events().size(), "wall", (now - a0) / 1e6,
                                "cpu", (LiveTimeline.cpu() - c0) / 1e6, "commit", r.commitMillis(), "frame",
                                r.frameMillis(), "firstSent", minSent == Long.MAX_VALUE ? "-"
                                        : String.format(Locale.ROOT, "%.1f", LiveTimeline.at(minSent)),
                                "lastSent", maxSent == Long.MIN_VALUE ? "-"
                                        : String.format(Locale.ROOT, "%.1f", LiveTimeline.at(maxSent)));
                    }
                    appendMillis.addAndGet((now - a0) / 1_000_000);
                    commitMillis.addAndGet(r.commitMillis());
                    frameMillis.addAndGet(r.frameMillis());
                    if (r.appended() > 0) {
                        lastAppendNanos.set(now);
                    }
                    for (var e : b.events()) {
                        long seq = number(e.propertiesJson(), "\"seq\":");
                        if ((seq & 15) == 0) {
                            // every 16th message is timed
                            commits.add(new long[]{now, seq, number(e.propertiesJson(), "\"sent\":"), a0});
                        }
                    }
                }
            };
            List<Double> latencies = new ArrayList<>();
            List<Double> sankeyLatencies = new ArrayList<>();
            // the same for the events sent after the first WARM_UP_SECONDS of the timed stream: the compilers are
            // busy with the stream's and the charts' code at first (on two cores, more CPU than any one thread of
            // the app there), which a stream running for a while no longer pays
            List<Double> steadyLatencies = new ArrayList<>();
            List<Double> steadyToCommit = new ArrayList<>();
            // the budget per timed event: send -> committed (the consumer's batch, parse, store), committed -> its
            // refresh begins (waiting for the 2 s tick), the refresh's catch-up, Sankey flows, Sankey layout
            List<Double> toCommit = new ArrayList<>();
            // send -> committed in two: until the store of its batch begins (gathering the batch, waiting for the
            // store of the one before), and that store
            List<Double> toStore = new ArrayList<>();
            List<Double> stores = new ArrayList<>();
            List<Double> toRefresh = new ArrayList<>();
            List<Double> catchUps = new ArrayList<>();
            List<Double> sankeys = new ArrayList<>();
            List<Double> layouts = new ArrayList<>();
            List<String> catchUpMillis = new ArrayList<>();
            List<Double> catchUpCpus = new ArrayList<>();
            List<Double> preCatchUps = new ArrayList<>();
            List<Double> preCatchUpWalls = new ArrayList<>();
            LiveRefresh.Pacer pacer = new LiveRefresh.Pacer();
            int preCatchUpsLeftOut = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long refreshes = 0;
            long catchUpCpu = 0;
            long flowsCpu = 0;
            long transitionsCpu = 0;
            long processCpu0 = processCpuNanos();
            long maxRefreshMillis = 0;
            long peakHeap = 0; // used heap (live and garbage) at the end of each refresh
            long gc0 = AppendBenchmark.gcMillis();
            long eventsBefore = session.eventCount();
            try (LiveStream stream = new LiveStream(src, plan, timed, LiveStream.Options.DEFAULT)) {
                stream.start();
                long ready = System.nanoTime();
                while (session.eventCount() - eventsBefore < WARM_UP && System.nanoTime() - ready < 300e9) {
                    Thread.sleep(20);
                }
                System.out.printf(Locale.ROOT, "the stream started and stored the %,d warm-up messages in %.1f s; %s%n",
                        WARM_UP, (System.nanoTime() - ready) / 1e9, heapAfterGc());
                commits.clear();
                heapWatch.reset();
                processCpu0 = processCpuNanos();
                gc0 = AppendBenchmark.gcMillis();
                long streamStart = System.nanoTime();
                Map<String, Long> threadCpu0 = threadCpuByKind();
                Map<String, Long> threadCpuSteady = null;
                long eventsAtStart = session.eventCount();
                producer.go();
                long end = streamStart + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    long cycle = System.nanoTime();
                    if (threadCpuSteady == null && cycle - streamStart >= WARM_UP_SECONDS * 1_000_000_000L) {
                        threadCpuSteady = threadCpuByKind();
                    }
                    // the app's open charts: the current frame (kept incrementally by the session), a Sankey and a
                    // heatmap over all of it
                    List<long[]> covered = new ArrayList<>();
                    for (long[] c; (c = commits.poll()) != null; ) {
                        covered.add(c);
                    }
                    if (LiveTimeline.on()) {
                        LiveTimeline.window(cycle);
                        LiveTimeline.log(cycle, "refresh", "covers", covered.size());
                    }
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    BuiltFrame f = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
                    long caught = System.nanoTime();
                    catchUpMillis.add((caught - cycle) / 1_000_000 + " ms wall/"
                            + (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000 + " ms CPU");
                    long cpu1 = threads.getCurrentThreadCpuTime();
                    catchUpCpus.add((cpu1 - cpu0) / 1e6);
                    Selection all = Selection.all(f.frame());
                    var flows = Flows.compute(all, FlowQuery.forward(start, 10).withTopK(10));
                    long sankeyComputed = System.nanoTime();
                    // the open chart's layout off the FX thread, as SankeyCanvas does it (its paint is not here)
                    SankeyLayout.layout(SankeyAdapter.from(flows), 1200, 700);
                    long sankeyVisible = System.nanoTime();
                    long cpu2 = threads.getCurrentThreadCpuTime();
                    if (heatmap) {
                        Transitions.compute(all, TaskContext.NONE);
                    }
                    long visible = System.nanoTime();
                    long cpu3 = threads.getCurrentThreadCpuTime();
                    if (LiveTimeline.on()) {
                        LiveTimeline.log(caught, "refreshed", "catchUpWall", (caught - cycle) / 1e6,
                                "catchUpCpu", (cpu1 - cpu0) / 1e6, "size", f.frame().size,
                                "flowsWall", (sankeyComputed - caught) / 1e6, "flowsLayoutCpu", (cpu2 - cpu1) / 1e6,
                                "layoutWall", (sankeyVisible - sankeyComputed) / 1e6);
                    }
                    catchUpCpu += cpu1 - cpu0;
                    flowsCpu += cpu2 - cpu1;
                    transitionsCpu += cpu3 - cpu2;
                    refreshes++;
                    maxRefreshMillis = Math.max(maxRefreshMillis, (visible - cycle) / 1_000_000);
                    Runtime r = Runtime.getRuntime();
                    peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
                    for (long[] c : covered) {
                        long s = c[1] < WARM_UP ? -1 : c[2];
                        if (s > 0) {
                            latencies.add((visible - s) / 1e9);
                            sankeyLatencies.add((sankeyVisible - s) / 1e9);
                            if (s - streamStart >= WARM_UP_SECONDS * 1_000_000_000L) {
                                steadyLatencies.add((sankeyVisible - s) / 1e9);
                                steadyToCommit.add((c[0] - s) / 1e9);
                            }
                            toCommit.add((c[0] - s) / 1e9);
                            toStore.add((c[3] - s) / 1e9);
                            stores.add((c[0] - c[3]) / 1e9);
                            toRefresh.add((cycle - c[0]) / 1e9);
                            catchUps.add((caught - cycle) / 1e9);
                            sankeys.add((sankeyComputed - caught) / 1e9);
                            layouts.add((sankeyVisible - sankeyComputed) / 1e9);
                        }
                    }
                    f = null;
                    all = null;
                    flows = null;
                    if (producer.done() && commits.isEmpty() && stream.status().lag() == 0
                            && session.eventCount() - eventsBefore >= producer.produced()) {
                        break; // every produced event is in the project and was in this refresh's frame
                    }
                    if (PRE_CATCH_UP) {
                        // as the app does between two refreshes (AppModel): halfway to the next refresh, the frame
                        // catches up on what was committed since this one, so that the next refresh's catch-up
                        // covers only the rows committed after that
                        // (left out when the last one would not have ended before the next refresh)
                        long half = pacer.delayNanos(cycle, System.nanoTime());
                        if (half < 0) {
                            preCatchUpsLeftOut++;
                        } else {
                            if (half > 0) {
                                Thread.sleep(half / 1_000_000);
                            }
                            long p0 = threads.getCurrentThreadCpuTime();
                            long w0 = System.nanoTime();
                            int rows = session.catchUpIfBehind(FrameRule.DEFAULT, LiveRefresh.CATCH_UP_ROWS);
                            LiveTimeline.log(w0, "preCatchUp", "rows", rows, "wall",
                                    (System.nanoTime() - w0) / 1e6, "cpu", (threads.getCurrentThreadCpuTime() - p0)
                                            / 1e6);
                            if (rows > 0) {
                                pacer.took(System.nanoTime() - w0);
                                preCatchUps.add((threads.getCurrentThreadCpuTime() - p0) / 1e6);
                                preCatchUpWalls.add((System.nanoTime() - w0) / 1e6);
                            }
                        }
                    }
                    long sleep = cycle + 2_000_000_000L - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000);
                    }
                }
                LiveStatus st = stream.status();
                long gcEnd = AppendBenchmark.gcMillis();
                Map<String, Long> threadCpu1 = threadCpuByKind();
                long streamCpu = cpuNanos(threads, "kafka-bench");
                double secs = (System.nanoTime() - streamStart) / 1e9;
                long appended = session.eventCount() - eventsAtStart;
                // when the producer's events run out before the time is up, the stream idles after the last batch:
                // the sustained rate is up to that batch
                double busy = lastAppendNanos.get() > 0 ? (lastAppendNanos.get() - streamStart) / 1e9 : secs;
                latencies.sort(null);
                sankeyLatencies.sort(null);
                Runtime rt = Runtime.getRuntime();
                System.gc();
                // the headline is the rate while events arrive: the producer's events are capped (they live in this
                // JVM), so once they run out the stream idles and an average over the whole run would understate it
                System.out.printf(Locale.ROOT, "ingest while events arrive: %,d events in %.1f s = %,.0f events/s"
                                + " (from the stream's start to its last batch; produced %,d; lag at end %,d; %,d"
                                + " batches; %.1f s run in all)%n", appended, busy, appended / busy,
                        producer.produced(), st.lag(), st.batches(), secs);
                System.out.printf(Locale.ROOT, "appends: %,d ms in all (commit %,d ms, frame update %,d ms) for %,d"
                        + " batches%n", appendMillis.get(), commitMillis.get(), frameMillis.get(), st.batches());
                System.out.printf(Locale.ROOT, "stream threads' CPU: %.1f s = %,.0f events per CPU second (poll,"
                        + " parse, commit; the steadier figure on a shared machine)%n", streamCpu / 1e9,
                        appended / (streamCpu / 1e9));
                System.out.printf(Locale.ROOT, "charts: %d refreshes, longest %d ms (frame + Sankey%s over"
                        + " %,d events); frame catch-up per refresh: %s%n", refreshes, maxRefreshMillis,
                        heatmap ? " + heatmap" : "", session.eventCount(), catchUpMillis.size() <= 40
                                ? catchUpMillis.toString() : "CPU p50 / p95 / max " + budget(catchUpCpus, 1, "ms"));
                if (refreshes > 0) {
                    // the chart thread's CPU per refresh (parallel streams in the charts run partly on the common
                    // pool, not counted here) and the whole process's CPU over the stream: on a shared machine the
                    // JVM gets only part of the cores, and the producer and broker may run in it too
                    System.out.printf(Locale.ROOT, "chart thread's CPU per refresh: catch-up %d ms, Sankey %d ms,"
                                    + " heatmap %d ms; process CPU over the stream %.1f s of %.1f s%n",
                            catchUpCpu / refreshes / 1_000_000, flowsCpu / refreshes / 1_000_000,
                            transitionsCpu / refreshes / 1_000_000, (processCpuNanos() - processCpu0) / 1e9, secs);
                }
                if (PRE_CATCH_UP) {
                    System.out.printf(Locale.ROOT, "catch-ups between refreshes: %d (%d left out: not expected to"
                                    + " end before the next refresh, or it was near)%s%n", preCatchUps.size(),
                            preCatchUpsLeftOut, preCatchUps.isEmpty() ? "" : ", chart thread's CPU "
                                    + budget(preCatchUps, 1, "ms") + ", wall " + budget(preCatchUpWalls, 1, "ms"));
                }
                if (!latencies.isEmpty()) {
                    System.out.printf(Locale.ROOT, "produce → visible in the Sankey (flows and layout): p50 %.2f s, p95"
                                    + " %.2f s, max %.2f s (%,d events)%n", pct(sankeyLatencies, 0.5),
                            pct(sankeyLatencies, 0.95), sankeyLatencies.get(sankeyLatencies.size() - 1),
                            sankeyLatencies.size());
                    System.out.printf(Locale.ROOT, "  per event, p50 / p95 / max: send → committed %s; committed →"
                                    + " its refresh begins %s; catch-up %s; Sankey flows %s; Sankey layout %s%n",
                            budget(toCommit), budget(toRefresh), budget(catchUps), budget(sankeys), budget(layouts));
                    System.out.printf(Locale.ROOT, "  send → committed in two, p50 / p95 / max: send → its batch's"
                            + " store begins %s; the store %s%n", budget(toStore), budget(stores));
                    if (!steadyLatencies.isEmpty()) {
                        System.out.printf(Locale.ROOT, "  events sent after the first %d s (compilers done): produce →"
                                        + " visible in the Sankey %s (%,d events); send → committed %s%n",
                                WARM_UP_SECONDS, budget(steadyLatencies), steadyLatencies.size(),
                                budget(steadyToCommit));
                    }
                    if (heatmap) {
                        System.out.printf(Locale.ROOT, "produce → visible in the Sankey and the heatmap after it: p50"
                                        + " %.2f s, p95 %.2f s, max %.2f s%n", pct(latencies, 0.5),
                                pct(latencies, 0.95), latencies.get(latencies.size() - 1));
                    }
                }
                System.out.println("CPU over the stream by thread (s; the JVM's own threads too: compilers,"
                        + " collector): " + cpuDelta(threadCpu0, threadCpu1));
                if (threadCpuSteady != null) {
                    System.out.printf(Locale.ROOT, "  of which after the first %d s: %s%n", WARM_UP_SECONDS,
                            cpuDelta(threadCpuSteady, threadCpu1));
                }
                System.out.printf(Locale.ROOT, "collector: %,d ms of pauses over the stream; load average at the end"
                        + " %.1f%n", gcEnd - gc0, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
                System.out.printf(Locale.ROOT, "heap: %,d MB used after a full collection at the end, of %,d MB max;"
                                + " at most %,d MB used (live and garbage) at the end of a refresh; %s; peak RSS %s%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, peakHeap >> 20,
                        heapWatch, peakRss());
            }
        }
    }

    /**
     * The heap after each collection, from the collectors' notifications: the largest after a collection over the
     * stream (an upper bound of the live set, as a young collection leaves old garbage), and the largest after a
     * full or mixed one (old garbage swept too).
     */
    private static final class HeapWatch implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong maxOld = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong collections = new java.util.concurrent.atomic.AtomicLong();

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(w, null, null);
                }
            }
            return w;
        }

        void reset() {
            max.set(0);
            maxOld.set(0);
            collections.set(0);
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo
                    .GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains(
                        "Compressed")) {
                    used += e.getValue().getUsed();
                }
            }
            collections.incrementAndGet();
            max.accumulateAndGet(used, Math::max);
            String name = info.getGcName() + " " + info.getGcAction() + " " + info.getGcCause();
            if (!name.contains("Young") || name.contains("mixed") || name.contains("end of major")) {
                maxOld.accumulateAndGet(used, Math::max);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "peak heap after a collection %,d MB (after an old or full one %,d MB;"
                    + " %,d collections)", max.get() >> 20, maxOld.get() >> 20, collections.get());
        }
    }

    /** The heap used after a full collection, now. */
    private static String heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "heap %,d MB after a full collection", (rt.totalMemory() - rt.freeMemory())
                >> 20);
    }

    /**
     * CPU time (ms) of every thread of this process by kind (its name without numbers), from /proc: the compiler and
     * collector threads are not Java threads, and on two cores they take CPU from the stream and the charts.
     */
    static Map<String, Long> threadCpuByKind() {
        Map<String, Long> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    // utime and stime (fields 14 and 15 of stat) in clock ticks of 10 ms
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    out.merge(name, ms, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return out;
    }

    /** The kinds whose CPU grew from {@code before} to {@code after}, most first, in seconds. */
    static String cpuDelta(Map<String, Long> before, Map<String, Long> after) {
        List<Map.Entry<String, Long>> d = new ArrayList<>();
        after.forEach((k, v) -> d.add(Map.entry(k, v - before.getOrDefault(k, 0L))));
        d.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : d) {
            if (e.getValue() >= 200) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", e.getValue() / 1e3));
            }
        }
        return sb.toString();
    }

    /** This process's peak resident set (VmHWM), from /proc. */
    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.format(Locale.ROOT, "%,d MB",
                            Long.parseLong(line.substring(6).trim().split("\\s+")[0]) >> 10);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** CPU time of this process so far. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the live threads whose names start with one of {@code prefixes}. */
    private static long cpuNanosPrefix(java.lang.management.ThreadMXBean threads, String... prefixes) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.getName().startsWith(p)) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
                    break;
                }
            }
        }
        return sum;
    }

    /** CPU time of the stream's threads (reading and parsing, and storing): named {@code name} and name-commit. */
    private static long cpuNanos(java.lang.management.ThreadMXBean threads, String name) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name) || t.getName().equals(name + "-commit")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** The number after {@code name} in {@code props}, or -1. */
    private static long number(String props, String name) {
        int k = props == null ? -1 : props.indexOf(name);
        if (k < 0) {
            return -1;
        }
        long v = 0;
        for (int i = k + name.length(); i < props.length() && Character.isDigit(props.charAt(i)); i++) {
            v = v * 10 + (props.charAt(i) - '0');
        }
        return v;
    }

    /** p50 / p95 / max of {@code values} (sorted here), in seconds. */
    private static String budget(List<Double> values) {
        return budget(values, 1, "s");
    }

    /** p50 / p95 / max of {@code values} (sorted here) times {@code scale}, in {@code unit}. */
    private static String budget(List<Double> values, double scale, String unit) {
        values.sort(null);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f %s", pct(values, 0.5) / scale,
                pct(values, 0.95) / scale, values.get(values.size() - 1) / scale, unit);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * The producer: publishes demo events (another seed than the base: new persons and devices), each with its index
     * as property {@code seq} and its send time ({@link System#nanoTime}) as {@code sent}; the first
     * {@link #WARM_UP} at once, the rest after {@link #go}. In an app JVM of its own, a stand-in that learns from the
     * parent when the producer is done.
     */
    private static final class Producer {
        private final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicLong produced = new AtomicLong();
        private final AtomicLong cpu = new AtomicLong();
        private final Thread thread;

        /** A stand-in for a producer in another JVM. */
        Producer() {
            thread = null;
        }

        Producer(String bootstrap, double rate, int seconds) {
            // the producer's events live in this JVM too: capped so they do not eat the heap the project is
            // measured in (when the app runs here)
            int streamEvents = (int) Math.min(1_500_000L, rate > 0 ? (long) (rate * seconds * 1.2) + 1000
                    : 120_000L * seconds);
            DemoGenerator.TimeOrdered demo = DemoGenerator.timeOrdered(streamEvents, 8);
            thread = new Thread(() -> {
                try {
                    produce(bootstrap, demo, rate);
                } finally {
                    // its own CPU as it ends: a thread that ended before the summary is not among the live ones there
                    cpu.set(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    finished.countDown();
                }
            }, "bench-producer");
            thread.start();
        }

        /** Starts the timed production. */
        void go() {
            if (thread == null) {
                System.out.println("READY");
                System.out.flush();
            }
            go.countDown();
        }

        /** In an app JVM: the producer is done after {@code n} events. */
        void finished(long n) {
            produced.set(n);
            finished.countDown();
        }

        boolean done() {
            return finished.getCount() == 0;
        }

        long produced() {
            return produced.get();
        }

        /** Waits until the producer is done; returns how many it produced. */
        long awaitDone() {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return produced.get();
        }

        void stop() throws InterruptedException {
            producing.set(false);
            go.countDown();
            if (thread != null) {
                thread.join(10_000);
            }
        }

        long cpuNanos() {
            return cpu.get();
        }

        private void produce(String bootstrap, DemoGenerator.TimeOrdered demo, double rate) {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                    "linger.ms", 5, "batch.size", 262_144, "compression.type", "lz4", "enable.metrics.push", false),
                    new StringSerializer(), new StringSerializer())) {
                long start = System.nanoTime();
                for (int i = 0; i < demo.size() && producing.get(); i++) {
                    if (i == WARM_UP) {
                        p.flush();
                        go.await();
                        start = System.nanoTime();
                    }
                    if (rate > 0 && i >= WARM_UP) {
                        long due = start + (long) ((i - WARM_UP) * 1e9 / rate);
                        while (System.nanoTime() < due) {
                            Thread.onSpinWait();
                            if (due - System.nanoTime() > 2_000_000) {
                                Thread.sleep(1);
                            }
                        }
                    }
                    String json = demo.json(i);
                    p.send(new ProducerRecord<>("bench", demo.key(i), json.substring(0, json.length() - 1)
                            + ",\"seq\":" + i + ",\"sent\":" + System.nanoTime() + "}"));
                    produced.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
