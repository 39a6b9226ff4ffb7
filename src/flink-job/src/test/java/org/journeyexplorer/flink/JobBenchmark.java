package org.journeyexplorer.flink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.ingest.TimeParser;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.domain.EventColumns;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks of the scoring job on the in-process broker and a mini cluster, with generated demo events and a model
 * the app exports from a generated demo project:
 * <pre>
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="throughput 300000 1 [WARM-UP EVENTS [JOBS]]"
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="latency 10000 30 [PARALLELISM]"
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="state 20000"
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="parts 300000"
 * </pre>
 * (see src/flink-job/README.md, "Measure", for the repository options these need.)
 * <ul>
 *   <li>{@code throughput EVENTS PARALLELISM [WARM-UP [WARM-UP JOBS]]}: with WARM-UP, the same job first drains that many
 *       events of a topic of their own in this JVM and is cancelled, so the JIT compiler's work (in a cold JVM a
 *       third or more of the process's CPU during the measured window) is mostly done before the measured run;
 *       with WARM-UP JOBS (1 unless given) that warm-up runs that many times, each a job of its own (the measured
 *       job's start makes the JVM drop code compiled during a single warm-up job and compile it again in the
 *       measured window; after two it mostly does not, see the README);
 *       the events are in a 4-partition topic before the job starts,
 *       at-least-once; the rate is counted on the scores topic between the 10th and the 90th percent of the scores
 *       (with the CPU each kind of thread used meanwhile, per event),
 *       so neither the mini cluster's start nor the first seconds of warm-up are in it (both are printed apart);</li>
 *   <li>{@code latency RATE SECONDS [PARALLELISM]}: events produced at RATE per second with event time = now,
 *       at-least-once with that mode's defaults and no out-of-orderness allowance; event → score as the time the score is read less the
 *       event's time, over the run less its first 5 seconds; says whether the job kept up, since a job slower than
 *       the input turns these figures into the length of a queue;</li>
 *   <li>{@code state PERSONS}: two rounds of PERSONS persons with an open session of 5 events (half of them
 *       signed in); the growth of the checkpoint between the rounds divided by PERSONS;</li>
 *   <li>{@code parts EVENTS}: the job's per-event work on one thread without Flink or Kafka — reading the JSON,
 *       scoring, writing the score — to tell the job's own cost from the framework's.</li>
 * </ul>
 * Everything shares this JVM and the machine's cores: the broker, the producer, the job and the consumer that
 * counts.
 */
public final class JobBenchmark {
    private static final int PARTITIONS = 4;

    private JobBenchmark() {
    }

    public static void main(String[] given) throws Exception {
        String[] args = given.length == 1 ? given[0].trim().split("\\s+") : given;
        String which = args.length > 0 ? args[0] : "throughput";
        int a1 = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : -1;
        int a2 = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        System.out.println("load average before: " + load());
        int code = 1;
        try {
            switch (which) {
                case "latency" -> latency(a1 > 0 ? a1 : 10_000, a2 > 0 ? a2 : 30,
                        args.length > 3 ? Integer.parseInt(args[3]) : 1);
                case "state" -> state(a1 > 0 ? a1 : 20_000);
                case "parts" -> parts(a1 > 0 ? a1 : 300_000);
                default -> throughput(a1 > 0 ? a1 : 300_000, a2 > 0 ? a2 : 1,
                        args.length > 3 ? Integer.parseInt(args[3].replace("_", "")) : 0,
                        args.length > 4 ? Integer.parseInt(args[4]) : 1);
            }
            code = 0;
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            System.out.println("load average after: " + load());
            // the broker's and the cluster's threads would keep the JVM alive
            System.exit(code);
        }
    }

    /** CPU time used by this JVM so far (every thread). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time so far of the live threads, summed by what they do (the job's stages by their task names). */
    static Map<String, Long> cpuByRole() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(ti.getThreadId());
            if (ns > 0) {
                out.merge(role(ti.getThreadName()), ns, Long::sum);
            }
        }
        return out;
    }

    private static String role(String thread) {
        if (thread.startsWith("devices")) {
            return "device stage";
        }
        if (thread.startsWith("persons")) {
            return "person stage";
        }
        if (thread.startsWith("Source")) {
            return thread.contains("Fetcher") ? "source fetcher" : "source + parse";
        }
        if (thread.startsWith("kafka out")) {
            return "sink";
        }
        if (thread.contains("kafka-producer-network-thread")) {
            return "producers' network";
        }
        if (thread.equals("main")) {
            return "bench's consumer";
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.startsWith("quorum")) {
            return "broker";
        }
        return "other";
    }

    /** Per role: CPU µs per event between two {@link #cpuByRole} readings (threads that ended are not counted). */
    static String cpuPerEvent(Map<String, Long> from, Map<String, Long> to, double events) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : to.entrySet()) {
            double us = (e.getValue() - from.getOrDefault(e.getKey(), 0L)) / 1e3 / events;
            b.append(String.format(Locale.ROOT, "%s%s %.1f", b.length() == 0 ? "" : ", ", e.getKey(), us));
        }
        return b.toString();
    }

    static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    static void throughput(int events, int parallelism, int warmUp, int warmUpJobs) throws Exception {
        Path model = model();
        if (warmUp > 0) {
            long t0 = System.nanoTime();
            long jit0 = jitMillis();
            for (int j = 0; j < warmUpJobs; j++) {
                drain(j == 0 ? "tp-warm" : "tp-warm-" + j, warmUp, parallelism, model, false);
            }
            System.out.printf(Locale.ROOT, "warm-up: the same job drained %d events in this JVM first%s (%.1f s, the"
                    + " JIT compiler's threads compiling for %.1f s of it) and was cancelled%n", warmUp,
                    warmUpJobs > 1 ? ", " + warmUpJobs + " times as jobs of their own" : "",
                    (System.nanoTime() - t0) / 1e9,
                    (jitMillis() - jit0) / 1e3);
        }
        drain("tp-in", events, parallelism, model, true);
    }

    /** Time the JIT compiler has spent compiling so far, milliseconds (its threads are not among {@link #cpuByRole}). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /** Drains EVENTS from a topic filled before the job starts; prints the figures when {@code report}. */
    private static void drain(String in, int events, int parallelism, Path model, boolean report) throws Exception {
        KafkaTestBroker broker = TestCluster.broker();
        broker.createTopic(in, PARTITIONS);
        EventColumns c = DemoGenerator.generateColumns(events, 5);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> p = producer(broker)) {
            for (String[] kv : DemoEvents.messages(c)) {
                p.send(new ProducerRecord<>(in, kv[0], kv[1]));
            }
            // far ahead in event time on every partition, so every event is released and every session ends
            for (int part = 0; part < PARTITIONS; part++) {
                p.send(new ProducerRecord<>(in, part, "flush", StreamFixture.event("zz-flush", null,
                        DemoEvents.after(c), "flush")));
            }
        }
        if (report) {
            System.out.printf(Locale.ROOT, "produced %d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        }
        JobOptions o = options(in, model, "--delivery", "at-least-once", "--checkpoint", "10s",
                "--out-of-orderness", "5s");
        long start = System.nanoTime();
        JobClient job = start(o, parallelism);
        long[] at = new long[101]; // nanos when the count reached each percent
        long[] cpu = new long[101]; // CPU time of this process (broker, job, producer and counter) by then
        List<Map<String, Long>> byRole = new ArrayList<>(); // per thread role at 10 % and at 90 %
        long[] jit = new long[2]; // JIT compiler time at 10 % and 90 %
        try (KafkaConsumer<byte[], byte[]> cons = consumer(broker, o.scores())) {
            long deadline = System.currentTimeMillis() + 15 * 60_000L;
            long seen = 0;
            int pct = 0;
            while (seen < events && System.currentTimeMillis() < deadline) {
                seen += cons.poll(Duration.ofMillis(20)).count();
                long now = System.nanoTime();
                while (pct <= 100 && seen * 100 >= (long) pct * events && seen > 0) {
                    cpu[pct] = cpuNanos();
                    if (pct == 10 || pct == 90) {
                        byRole.add(cpuByRole());
                        jit[pct == 10 ? 0 : 1] = jitMillis();
                    }
                    at[pct++] = now;
                }
            }
            if (seen < events) {
                throw new IllegalStateException("only " + seen + " of " + events + " events were scored");
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        if (!report) {
            return;
        }
        double steady = 0.8 * events / ((at[90] - at[10]) / 1e9);
        double cpuSeconds = (cpu[90] - cpu[10]) / 1e9;
        System.out.printf(Locale.ROOT, "throughput p=%d: %d events; first score %.1f s after submitting the job;"
                        + " steady state (10%%→90%% of the scores, %.1f s) %.0f events/s, using %.1f CPU-seconds ="
                        + " %.0f events per CPU-second (the broker and the counting consumer included); whole run"
                        + " %.1f s = %.0f events/s; load %s%n", parallelism, events, (at[0] - start) / 1e9,
                (at[90] - at[10]) / 1e9, steady, cpuSeconds, 0.8 * events / cpuSeconds, (at[100] - start) / 1e9,
                events / ((at[100] - start) / 1e9), load());
        // what each part of the job costs, independent of how many cores the shared machine lent it meanwhile
        System.out.println("CPU µs per event (10%→90%), by thread: " + cpuPerEvent(byRole.get(0), byRole.get(1),
                0.8 * events));
        // the JVM's own threads (JIT compiler, garbage collector) are not Java threads the bean lists
        long listed = 0;
        for (Map.Entry<String, Long> e : byRole.get(1).entrySet()) {
            listed += e.getValue() - byRole.get(0).getOrDefault(e.getKey(), 0L);
        }
        System.out.printf(Locale.ROOT, "  not in that split: the JVM's own threads (JIT compiler, GC) and threads that"
                        + " ended, %.1f µs per event; the JIT compiler's threads compiled for %.1f s (summed over its"
                        + " threads, waits for a core included) during the %.1f s window%n",
                (cpu[90] - cpu[10] - listed) / 1e3 / (0.8 * events), (jit[1] - jit[0]) / 1e3,
                (at[90] - at[10]) / 1e9);
    }

    static void latency(int rate, int seconds, int parallelism) throws Exception {
        KafkaTestBroker broker = TestCluster.broker();
        String in = "lat-in";
        broker.createTopic(in, PARTITIONS);
        // the at-least-once mode's own settings (watermarks, buffers, producer), as a user runs it; only the
        // out-of-orderness allowance, which every event waits for, is the case's
        JobOptions o = options(in, model(), "--delivery", "at-least-once", "--checkpoint", "10s",
                "--out-of-orderness", "0ms");
        // the broker stamps each score with the time it appended it: the latency splits into the job's side (event →
        // score at the broker: input produce and fetch, the job, output send) and the reading side (broker → reader)
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, o.scores()), List.of(
                    new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(
                            "message.timestamp.type", "LogAppendTime"),
                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get(60, TimeUnit.SECONDS);
        }
        JobClient job = start(o, parallelism);
        String[] types = DemoGenerator.EVENT_TYPES;
        java.util.concurrent.atomic.AtomicLong producedBy = new java.util.concurrent.atomic.AtomicLong();
        long total = (long) rate * seconds;
        long warmUpMillis = 5_000;
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrap(), "linger.ms", "1"), new StringSerializer(), new StringSerializer())) {
                long begin = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = begin + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String device = "d" + (i % 5000);
                    p.send(new ProducerRecord<>(in, device, StreamFixture.event(null, device,
                            Outputs.time(System.currentTimeMillis() * 1000), types[(int) (i % types.length)])));
                }
                // the last event is sent: the scores read by now say whether the job kept up (set before the flush,
                // which under load can take longer than the job needs to score everything: the verdict then said
                // "fell behind" with every score read)
                producedBy.set(System.currentTimeMillis());
                p.flush();
                // with no out-of-orderness allowance event time stops just before each partition's last event:
                // one more event per partition, a second later, lets those be scored too
                long after = (System.currentTimeMillis() + 1000) * 1000;
                for (int part = 0; part < PARTITIONS; part++) {
                    p.send(new ProducerRecord<>(in, part, "flush", StreamFixture.event("zz-flush", null,
                            Outputs.time(after), "flush")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // the job is running once its first checkpoint is taken: from then on every event is its latency
        waitForCheckpoint(job, Duration.ofMinutes(2));
        long firstEventMillis = System.currentTimeMillis();
        producer.start();
        long[] lat = new long[(int) total + 1000]; // not boxed: the reader allocates next to nothing per score
        long[] toBroker = new long[lat.length];
        int measured = 0;
        long received = 0;
        long receivedWhenProduced = -1; // scores read when the last event had been sent: says whether it kept up
        // whether the job still runs is asked on a thread of its own: the reader asking (a REST call to the cluster,
        // once a second) kept the scores that arrived meanwhile waiting, and counted that as the job's latency
        java.util.concurrent.atomic.AtomicReference<Throwable> stopped = new java.util.concurrent.atomic.AtomicReference<>();
        Thread watch = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    StreamFixture.checkRunning(job);
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                stopped.set(t);
            }
        }, "bench job watch");
        watch.setDaemon(true);
        watch.start();
        try (KafkaConsumer<byte[], byte[]> cons = consumer(broker, o.scores())) {
            long deadline = System.currentTimeMillis() + seconds * 1000L + 60_000;
            while (received < total && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : cons.poll(Duration.ofMillis(5))) {
                    long now = System.currentTimeMillis();
                    received++;
                    long event = eventMillis(r.value());
                    if (event >= firstEventMillis + warmUpMillis && measured < lat.length) {
                        toBroker[measured] = r.timestamp() - event; // the record's timestamp: appended to the log
                        lat[measured++] = now - event;
                    }
                }
                if (receivedWhenProduced < 0 && producedBy.get() > 0) {
                    receivedWhenProduced = received;
                }
                if (stopped.get() != null) {
                    throw new IllegalStateException("the job stopped", stopped.get());
                }
            }
        } finally {
            watch.interrupt();
            producer.interrupt();
            producer.join(10_000);
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        long[] a = Arrays.copyOf(lat, measured);
        long[] read = new long[measured];
        for (int i = 0; i < measured; i++) {
            read[i] = lat[i] - toBroker[i];
        }
        long[] b = Arrays.copyOf(toBroker, measured);
        Arrays.sort(a);
        Arrays.sort(b);
        Arrays.sort(read);
        long backlog = receivedWhenProduced >= 0 ? total - receivedWhenProduced : received >= total ? 0 : total;
        // the job kept up when, as the last event was sent, at most a quarter second of input was still unscored:
        // otherwise the figures measure a queue that grew all along, not the job's latency
        boolean keptUp = received >= total && backlog <= rate / 4;
        System.out.printf(Locale.ROOT, "latency p=%d at %d events/s for %d s: %d of %d scores read; after the first"
                        + " %d s: p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms (%d scores); load %s%n", parallelism,
                rate, seconds, received, total, warmUpMillis / 1000, pct(a, 0.5), pct(a, 0.99), pct(a, 0.999),
                a.length == 0 ? -1 : a[a.length - 1], a.length, load());
        System.out.printf(Locale.ROOT, "  of which event → score appended to the scores topic: p50 %d ms, p99 %d ms,"
                        + " max %d ms; appended → read by the bench: p50 %d ms, p99 %d ms, max %d ms%n", pct(b, 0.5),
                pct(b, 0.99), b.length == 0 ? -1 : b[b.length - 1], pct(read, 0.5), pct(read, 0.99),
                read.length == 0 ? -1 : read[read.length - 1]);
        if (received > total) {
            // at-least-once output repeated under load (seen here: 10 to 349 records, no failure of the job seen):
            // the counts above then overstate what was scored, and "kept up" may not hold
            System.out.println("note: " + (received - total) + " more scores than events were read (records the"
                    + " at-least-once output wrote twice)");
        }
        System.out.println(keptUp ? "valid: the job kept up (" + backlog + " scores outstanding when the last event"
                + " was sent)" : "NOT a latency figure: the job fell behind the input (" + backlog + " of " + total
                + " events unscored when the last one was sent, " + Math.max(0, total - received) + " never read): it does"
                + " not sustain " + rate + " events/s here now; lower the rate or raise the parallelism");
    }

    static void state(int persons) throws Exception {
        KafkaTestBroker broker = TestCluster.broker();
        String in = "state-in";
        broker.createTopic(in, PARTITIONS);
        JobOptions o = options(in, model(), "--delivery", "at-least-once", "--checkpoint", "10m",
                "--out-of-orderness", "1s");
        JobClient job = start(o, 1);
        try {
            long base = System.currentTimeMillis() * 1000;
            long[] sizes = new long[3];
            waitForCheckpoint(job, Duration.ofMinutes(2));
            sizes[0] = checkpointSize(job);
            for (int round = 1; round <= 2; round++) {
                try (KafkaProducer<String, String> p = producer(broker)) {
                    // in time order (every person's first event, then every second one…): person after person
                    // would put each one's first events seconds behind the previous one's last, beyond the 1 s
                    // bound, and the job would rightly set them aside as late (the reason this case once waited
                    // for scores that never came)
                    for (int e = 0; e < 5; e++) {
                        for (int k = 0; k < persons; k++) {
                            String device = "r" + round + "-d" + k;
                            String user = k % 2 == 0 ? "r" + round + "-u" + k : null;
                            p.send(new ProducerRecord<>(in, device, StreamFixture.event(user, device,
                                    Outputs.time(base + round * 60_000_000L + e * 1_000_000L),
                                    DemoGenerator.EVENT_TYPES[(k + e) % 7])));
                        }
                    }
                    // a later event on every partition moves event time past the round's events (not their sessions)
                    for (int part = 0; part < PARTITIONS; part++) {
                        p.send(new ProducerRecord<>(in, part, "tick", StreamFixture.event("zz-tick", null,
                                Outputs.time(base + round * 60_000_000L + 10_000_000L), "tick")));
                    }
                }
                long scored = 5L * persons * round;
                waitForCount(job, broker, o.scores(), scored, Duration.ofMinutes(3));
                sizes[round] = checkpointSize(job);
            }
            System.out.printf(Locale.ROOT, "state: checkpoint %d bytes with no person, %d with %d persons with an"
                            + " open session of 5 events, %d with %d: %.0f bytes per active person (half of them"
                            + " devices linked to a user, which also keeps the device → user link); load %s%n",
                    sizes[0], sizes[1], persons, sizes[2], 2 * persons, (sizes[2] - sizes[1]) / (double) persons,
                    load());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** The job's per-event work on one thread: JSON in, score, JSON out. */
    static void parts(int events) throws Exception {
        EventColumns c = DemoGenerator.generateColumns(events, 5);
        List<String[]> msgs = DemoEvents.messages(c);
        byte[][] raw = new byte[msgs.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = msgs.get(i)[1].getBytes(StandardCharsets.UTF_8);
        }
        JobOptions o = options("parts-in", model());
        Scorer scorer = PortableScorers.FACTORY.load(Files.readString(Path.of(o.model())));
        TimeParser times = new TimeParser(ZoneOffset.UTC);
        FlatJson flat = new FlatJson(o); // as a source task keeps one
        Outputs.Json writer = new Outputs.Json(1024); // as a stage keeps one
        for (int round = 0; round < 3; round++) { // the first two warm the JIT up
            long parse = 0;
            long score = 0;
            long write = 0;
            long bytes = 0;
            Map<String, Timeline> open = new java.util.HashMap<>();
            Map<String, String> names = new java.util.HashMap<>();
            for (byte[] m : raw) {
                long a = System.nanoTime();
                JourneyEvent e = EventDeserializer.parse(m, o, times, flat);
                String known = names.putIfAbsent(e.type, e.type); // one instance per name, as a stage keeps them
                e.type = known != null ? known : e.type;
                long b = System.nanoTime();
                Timeline t = open.computeIfAbsent(e.device, k -> new Timeline());
                t.add(e.type, e.timeMicros, o.timeoutMicros());
                Scorer.Prediction s = scorer.score(t); // as a stage scores: carried forward in the timeline
                long d = System.nanoTime();
                bytes += Outputs.score(writer, e.device, t, s, scorer.id()).value.length;
                long f = System.nanoTime();
                parse += b - a;
                score += d - b;
                write += f - d;
            }
            if (round == 2) {
                System.out.printf(Locale.ROOT, "parts, %d events on one thread: reading the JSON %.2f µs, session +"
                                + " scoring %.2f µs, writing the score %.2f µs (%d bytes on average) per event; all"
                                + " three: %.0f events/s; load %s%n", events, parse / 1e3 / events,
                        score / 1e3 / events, write / 1e3 / events, bytes / events,
                        events / ((parse + score + write) / 1e9), load());
            }
        }
    }

    private static final byte[] TIME_FIELD = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The event time of a score (its {@code time} field), in milliseconds. */
    static long eventMillis(byte[] score) {
        outer:
        for (int i = 0; i + TIME_FIELD.length < score.length; i++) {
            for (int j = 0; j < TIME_FIELD.length; j++) {
                if (score[i + j] != TIME_FIELD[j]) {
                    continue outer;
                }
            }
            int from = i + TIME_FIELD.length;
            int to = from;
            while (score[to] != '"') {
                to++;
            }
            return java.time.Instant.parse(new String(score, from, to - from, StandardCharsets.US_ASCII))
                    .toEpochMilli();
        }
        throw new IllegalArgumentException("a score without a time: " + new String(score, StandardCharsets.UTF_8));
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Bench options: the topics named after the input, from the earliest offset. */
    private static JobOptions options(String in, Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", TestCluster.broker().bootstrap(), "--in", in,
                "--model", model.toString(), "--out", in + "-sessions", "--scores", in + "-scores", "--group",
                in + "-group", "--from", "earliest"));
        args.addAll(List.of(more));
        // -Dbench.job="--checkpoint 60s …": job options after the case's own, to compare settings on one case
        String extra = System.getProperty("bench.job", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        JobOptions o = JobOptions.parse(args.toArray(new String[0]));
        if (!in.equals("parts-in")) {
            // before the job and the reader (see consumer); they keep their records whatever their time: the job
            // stamps each result with the event time it is about (the demo's, 2025), and with the broker's default
            // 7-day retention its first check (30 s after it started, then every 5 minutes) deleted the scores
            // and sessions written so far under the running job and reader — the reader, moved past its position,
            // skipped to the end and waited for scores that were gone (about one run in three "stalled"), and the
            // job's producer met an OutOfOrderSequenceException on the sessions topic
            StreamFixture.createKeepingTopics(TestCluster.broker(), List.of(o.scores(), o.out(), o.late(),
                    o.rejected()));
        }
        return o;
    }

    static JobClient start(JobOptions o, int parallelism) throws Exception {
        StreamExecutionEnvironment env = TestCluster.environment(parallelism, new Configuration());
        ScoringPipeline.configure(env, o);
        ScoringPipeline.build(env, o, ModelFiles.read(o.model()), PortableScorers.FACTORY);
        return env.executeAsync("bench " + o.in());
    }

    /** Takes a checkpoint now and returns its size. */
    private static long checkpointSize(JobClient job) throws Exception {
        JobID id = job.getJobID();
        long cp = TestCluster.cluster().triggerCheckpoint(id, CheckpointType.FULL).get(5, TimeUnit.MINUTES);
        CompletedCheckpointStats s = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            s = TestCluster.cluster().getExecutionGraph(id).get().getCheckpointStatsSnapshot().getHistory()
                    .getLatestCompletedCheckpoint();
            if (s != null && s.getCheckpointId() >= cp) {
                return s.getStateSize();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("checkpoint " + cp + " is not in the statistics");
    }

    private static void waitForCheckpoint(JobClient job, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                TestCluster.cluster().triggerCheckpoint(job.getJobID(), CheckpointType.FULL).get(30,
                        TimeUnit.SECONDS);
                return;
            } catch (Exception notYetRunning) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the job did not start within " + timeout);
    }

    /**
     * Waits until {@code n} records are in {@code topic}, saying how far it got every 15 s; fails with the job's own
     * error as soon as the job stops, and with the count reached when the time is up (never waits silently).
     */
    private static void waitForCount(JobClient job, KafkaTestBroker broker, String topic, long n, Duration timeout)
            throws Exception {
        try (KafkaConsumer<byte[], byte[]> c = consumer(broker, topic)) {
            long begin = System.currentTimeMillis();
            long deadline = begin + timeout.toMillis();
            long nextReport = begin + 15_000;
            long seen = 0;
            while (seen < n && System.currentTimeMillis() < deadline) {
                seen += c.poll(Duration.ofMillis(100)).count();
                if (System.currentTimeMillis() >= nextReport) {
                    System.out.printf(Locale.ROOT, "  … %d of %d records in %s after %d s%n", seen, n, topic,
                            (System.currentTimeMillis() - begin) / 1000);
                    nextReport += 15_000;
                    StreamFixture.checkRunning(job);
                }
            }
            if (seen < n) {
                throw new IllegalStateException("only " + seen + " of " + n + " records in " + topic + " after "
                        + timeout.toSeconds() + " s");
            }
        }
    }

    /**
     * A reader of every partition of {@code topic} from its start, without a consumer group: a group's rebalance
     * (a missed heartbeat on this loaded machine, the topic appearing after the subscription) stops the reading for
     * seconds and reads records again, which the latency case counted as the job's latency and as scores.
     */
    private static KafkaConsumer<byte[], byte[]> consumer(KafkaTestBroker broker, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrap(),
                "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
        for (org.apache.kafka.common.PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(60))) {
            parts.add(new org.apache.kafka.common.TopicPartition(topic, p.partition()));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    private static KafkaProducer<String, String> producer(KafkaTestBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), "linger.ms", "20",
                "batch.size", "262144"), new StringSerializer(), new StringSerializer());
    }

    /** The model the benchmark scores with: exported by the app from a generated demo project. */
    private static Path model() throws Exception {
        Path dir = Files.createTempDirectory("bench-model");
        Path csv = dir.resolve("demo.csv.gz");
        Path project = dir.resolve("demo");
        Path model = dir.resolve("model.json");
        for (String[] args : new String[][]{{"generate-demo", "--events", "20000", "--seed", "9", "--out",
                csv.toString()}, {"import", csv.toString(), "--project", project.toString()},
                {"export-model", "--project", project.toString(), "--out", model.toString()}}) {
            if (Cli.run(args, System.out, System.err) != 0) {
                throw new IllegalStateException("could not make the benchmark's model: " + String.join(" ", args));
            }
        }
        return model;
    }
}
