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
import org.journeyexplorer.live.BatchSink;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.KafkaTestBroker;
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
 * and the heap.
 */
public final class LiveBenchmark {
    private LiveBenchmark() {
    }

    /** Messages produced before the timed production: for the preview and the stream's start. */
    private static final int WARM_UP = 1000;

    public static void run(String[] args) throws Exception {
        // BASE_EVENTS or a demo file made beforehand (generate-demo --seed 7): the generator holds every event in
        // memory, so a 10 M base cannot be generated inside the 1 GB heap the stream is to be measured in
        String baseArg = args.length > 0 ? args[0].replace("_", "") : "5000000";
        boolean given = !baseArg.chars().allMatch(Character::isDigit);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        // the app computes the shown tab only (a hidden one when it is next shown): the Flows tab open is the
        // Sankey alone per refresh; "both" also computes a heatmap after it on the same thread, as this bench did
        boolean heatmap = args.length > 3 && args[3].equals("both");
        Path dir = Files.createTempDirectory("je-live-bench");
        Path csv = given ? Path.of(baseArg) : dir.resolve("base.csv.gz");
        if (!given) {
            int base = Integer.parseInt(baseArg);
            System.out.printf(Locale.ROOT, "generating %,d base events…%n", base);
            DemoGenerator.writeCsv(csv, base, 7);
        }
        // or a project imported beforehand (the CLI's import of a 10 M file fits in 1 GB; the bench's JVM also
        // holds the broker): streamed into as it is
        boolean project = given && csv.getFileName().toString().endsWith(".jexp.mv.db");
        try (KafkaTestBroker broker = KafkaTestBroker.start(Map.of("num.partitions", "3"));
             ProjectSession session = project ? ProjectSession.open(csv)
                     : ProjectSession.create(dir.resolve("bench"))) {
            long t0 = System.nanoTime();
            if (!project) {
                session.importFile(Ingest.inspect(csv, ZoneOffset.UTC), ImportOptions.DEFAULT, TaskContext.NONE);
            }
            System.out.printf(Locale.ROOT, "imported %,d events in %.1f s%n", session.eventCount(),
                    (System.nanoTime() - t0) / 1e9);
            BuiltFrame first = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            String start = first.frame().typeNames[0];
            broker.createTopic("bench", 3);
            // the demo's events again, as the stream's (another seed: new persons and devices)
            // the producer's events live in this JVM too: capped so they do not eat the heap the project is
            // measured in
            int streamEvents = (int) Math.min(1_500_000L, rate > 0 ? (long) (rate * seconds * 1.2) + 1000
                    : 120_000L * seconds);
            DemoGenerator.TimeOrdered demo = DemoGenerator.timeOrdered(streamEvents, 8);
            long[] sent = new long[streamEvents];
            Arrays.fill(sent, -1);
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong produced = new AtomicLong();
            AtomicLong producerCpu = new AtomicLong();
            // the first WARM_UP messages are there for the preview and the stream's start (loading the writer's
            // dictionaries took seconds at 5 M events, while the producer went on and every later event waited
            // behind that backlog); the timed production starts once the stream stored them
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            Thread producer = new Thread(() -> {
                produce(broker.bootstrap(), demo, rate, sent, producing, produced, go);
                // its own CPU as it ends: a thread that ended before the summary is not among the live ones there
                producerCpu.set(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "bench-producer");
            producer.start();
            KafkaSource src = KafkaSource.plain(broker.bootstrap(), "bench");
            List<byte[]> sample = TopicPreview.firstMessages(src, 200, Duration.ofSeconds(10), TaskContext.NONE);
            ImportPlan plan = JsonMessages.inspect("bench", sample, ZoneOffset.UTC);

            // batch commits: when, and up to which message (the producer's index rides along as the offset order
            // per partition is not the send order, so each batch reports the largest send time it holds)
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
                    var r = session.append(b);
                    long now = System.nanoTime();
                    appendMillis.addAndGet((now - a0) / 1_000_000);
                    commitMillis.addAndGet(r.commitMillis());
                    frameMillis.addAndGet(r.frameMillis());
                    if (r.appended() > 0) {
                        lastAppendNanos.set(now);
                    }
                    for (var e : b.events()) {
                        long seq = seq(e.propertiesJson());
                        if ((seq & 15) == 0) {
                            commits.add(new long[]{now, seq}); // every 16th message is timed
                        }
                    }
                }
            };
            List<Double> latencies = new ArrayList<>();
            List<Double> sankeyLatencies = new ArrayList<>();
            // the budget per timed event: send -> committed (the consumer's batch, parse, store), committed -> its
            // refresh begins (waiting for the 2 s tick), the refresh's catch-up, Sankey flows, Sankey layout
            List<Double> toCommit = new ArrayList<>();
            List<Double> toRefresh = new ArrayList<>();
            List<Double> catchUps = new ArrayList<>();
            List<Double> sankeys = new ArrayList<>();
            List<Double> layouts = new ArrayList<>();
            List<String> catchUpMillis = new ArrayList<>();
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
                System.out.printf(Locale.ROOT, "the stream started and stored the %,d warm-up messages in %.1f s%n",
                        WARM_UP, (System.nanoTime() - ready) / 1e9);
                commits.clear();
                processCpu0 = processCpuNanos();
                gc0 = AppendBenchmark.gcMillis();
                long streamStart = System.nanoTime();
                long eventsAtStart = session.eventCount();
                go.countDown();
                long end = streamStart + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    long cycle = System.nanoTime();
                    // the app's open charts: the current frame (kept incrementally by the session), a Sankey and a
                    // heatmap over all of it
                    List<long[]> covered = new ArrayList<>();
                    for (long[] c; (c = commits.poll()) != null; ) {
                        covered.add(c);
                    }
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    BuiltFrame f = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
                    long caught = System.nanoTime();
                    catchUpMillis.add((caught - cycle) / 1_000_000 + " ms wall/"
                            + (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000 + " ms CPU");
                    long cpu1 = threads.getCurrentThreadCpuTime();
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
                    catchUpCpu += cpu1 - cpu0;
                    flowsCpu += cpu2 - cpu1;
                    transitionsCpu += cpu3 - cpu2;
                    refreshes++;
                    maxRefreshMillis = Math.max(maxRefreshMillis, (visible - cycle) / 1_000_000);
                    Runtime r = Runtime.getRuntime();
                    peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
                    for (long[] c : covered) {
                        long s = c[1] < WARM_UP ? -1 : sent[(int) c[1]];
                        if (s > 0) {
                            latencies.add((visible - s) / 1e9);
                            sankeyLatencies.add((sankeyVisible - s) / 1e9);
                            toCommit.add((c[0] - s) / 1e9);
                            toRefresh.add((cycle - c[0]) / 1e9);
                            catchUps.add((caught - cycle) / 1e9);
                            sankeys.add((sankeyComputed - caught) / 1e9);
                            layouts.add((sankeyVisible - sankeyComputed) / 1e9);
                        }
                    }
                    if (!producer.isAlive() && commits.isEmpty() && stream.status().lag() == 0
                            && session.eventCount() - eventsBefore >= produced.get()) {
                        break; // every produced event is in the project and was in this refresh's frame
                    }
                    long sleep = cycle + 2_000_000_000L - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000);
                    }
                }
                LiveStatus st = stream.status();
                long gcEnd = AppendBenchmark.gcMillis();
                long streamCpu = cpuNanos(threads, "kafka-bench");
                producing.set(false);
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
                                + " batches; %.1f s run in all)%n", appended, busy, appended / busy, produced.get(),
                        st.lag(), st.batches(), secs);
                System.out.printf(Locale.ROOT, "appends: %,d ms in all (commit %,d ms, frame update %,d ms) for %,d"
                        + " batches%n", appendMillis.get(), commitMillis.get(), frameMillis.get(), st.batches());
                System.out.printf(Locale.ROOT, "stream threads' CPU: %.1f s = %,.0f events per CPU second (poll,"
                        + " parse, commit; the steadier figure on a shared machine)%n", streamCpu / 1e9,
                        appended / (streamCpu / 1e9));
                System.out.printf(Locale.ROOT, "charts: %d refreshes, longest %d ms (frame + Sankey%s over"
                        + " %,d events); frame catch-up per refresh: %s%n", refreshes, maxRefreshMillis,
                        heatmap ? " + heatmap" : "",
                        session.eventCount(), catchUpMillis);
                if (refreshes > 0) {
                    // the chart thread's CPU per refresh (parallel streams in the charts run partly on the common
                    // pool, not counted here) and the whole process's CPU over the stream: on a shared machine the
                    // JVM gets only part of the cores, and the producer and broker run in it too
                    System.out.printf(Locale.ROOT, "chart thread's CPU per refresh: catch-up %d ms, Sankey %d ms,"
                                    + " heatmap %d ms; process CPU over the stream %.1f s of %.1f s (producer %.1f s,"
                                    + " broker %.1f s)%n", catchUpCpu / refreshes / 1_000_000,
                            flowsCpu / refreshes / 1_000_000, transitionsCpu / refreshes / 1_000_000,
                            (processCpuNanos() - processCpu0) / 1e9, secs,
                            Math.max(producerCpu.get(), cpuNanos(threads, "bench-producer")) / 1e9,
                            cpuNanosPrefix(threads, "data-plane-kafka", "kafka-1-", "quorum-", "broker-") / 1e9);
                }
                if (!latencies.isEmpty()) {
                    System.out.printf(Locale.ROOT, "produce → visible in the Sankey (flows and layout): p50 %.2f s, p95"
                                    + " %.2f s, max %.2f s (%,d events)%n", pct(sankeyLatencies, 0.5),
                            pct(sankeyLatencies, 0.95), sankeyLatencies.get(sankeyLatencies.size() - 1),
                            sankeyLatencies.size());
                    System.out.printf(Locale.ROOT, "  per event, p50 / p95 / max: send → committed %s; committed →"
                                    + " its refresh begins %s; catch-up %s; Sankey flows %s; Sankey layout %s%n",
                            budget(toCommit), budget(toRefresh), budget(catchUps), budget(sankeys), budget(layouts));
                    if (heatmap) {
                        System.out.printf(Locale.ROOT, "produce → visible in the Sankey and the heatmap after it: p50"
                                        + " %.2f s, p95 %.2f s, max %.2f s%n", pct(latencies, 0.5),
                                pct(latencies, 0.95), latencies.get(latencies.size() - 1));
                    }
                }
                System.out.printf(Locale.ROOT, "collector: %,d ms of pauses over the stream; load average at the end"
                        + " %.1f%n", gcEnd - gc0, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
                System.out.printf(Locale.ROOT, "heap: %,d MB used after a full collection at the end, of %,d MB max;"
                                + " at most %,d MB used (live and garbage) at the end of a refresh%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, peakHeap >> 20);
            }
            producer.join(10_000);
        }
        // the in-process broker leaves non-daemon threads behind, which exec:java would wait for
        System.exit(0);
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

    private static long seq(String props) {
        int k = props == null ? -1 : props.indexOf("\"seq\":");
        if (k < 0) {
            return -1;
        }
        long v = 0;
        for (int i = k + 6; i < props.length() && Character.isDigit(props.charAt(i)); i++) {
            v = v * 10 + (props.charAt(i) - '0');
        }
        return v;
    }

    /** p50 / p95 / max of {@code values} (sorted here), in seconds. */
    private static String budget(List<Double> values) {
        values.sort(null);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f s", pct(values, 0.5), pct(values, 0.95),
                values.get(values.size() - 1));
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Publishes the demo events, each with its index as property {@code seq} and its send time in {@code sent}. */
    private static void produce(String bootstrap, DemoGenerator.TimeOrdered demo, double rate, long[] sent,
                                AtomicBoolean producing, AtomicLong produced, java.util.concurrent.CountDownLatch go) {
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
                sent[i] = System.nanoTime();
                String json = demo.json(i);
                p.send(new ProducerRecord<>("bench", demo.key(i), json.substring(0, json.length() - 1)
                        + ",\"seq\":" + i + "}"));
                produced.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
