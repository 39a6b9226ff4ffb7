package org.journeyexplorer.flink.bench;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.flink.JobOptions;
import org.journeyexplorer.flink.ModelUpdate;
import org.journeyexplorer.flink.ScorerFactory;
import org.journeyexplorer.flink.ScoringJob;
import org.journeyexplorer.flink.ScoringPipeline;
import org.journeyexplorer.flink.PortableScorers;
import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.domain.EventColumns;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmarks of the scoring job on an in-process broker and mini cluster, with generated demo events:
 * <pre>
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="throughput 200000 1"
 * mvn -f src/flink-job/pom.xml -Pbench -q test-compile exec:exec -Dbench="latency 10000 30"
 * </pre>
 * (run `mvn -DskipTests verify` at the top first: it stages the app this module depends on.)
 * {@code throughput EVENTS PARALLELISM}: events already in the topic, at-least-once, from job start until the last
 * score is written; also the checkpointed state per active person. {@code latency RATE SECONDS}: events produced at
 * RATE per second with event time = now, at-least-once with no out-of-orderness allowance; event → score times.
 */
public final class JobBenchmark {
    private JobBenchmark() {
    }

    public static void main(String[] given) throws Exception {
        String[] args = given.length == 1 ? given[0].trim().split("\\s+") : given;
        String which = args.length > 0 ? args[0] : "throughput";
        System.out.println("load average before: " + load());
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            if (which.equals("latency")) {
                latency(broker, args.length > 1 ? Integer.parseInt(args[1]) : 10_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 30);
            } else {
                throughput(broker, args.length > 1 ? Integer.parseInt(args[1]) : 200_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 1);
            }
        }
        System.out.println("load average after: " + load());
        System.exit(0);
    }

    static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    static void throughput(KafkaTestBroker broker, int events, int parallelism) throws Exception {
        EventColumns c = DemoGenerator.generateColumns(events, 5);
        broker.createTopic("bench-in", 4);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> p = producer(broker)) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Long.compare(c.timeMicros()[a], c.timeMicros()[b]));
            for (int i : order) {
                String device = c.identities()[c.anonymous()[i]];
                String user = c.user()[i] < 0 ? null : c.identities()[c.user()[i]];
                p.send(new ProducerRecord<>("bench-in", device, json(user, device, c.timeMicros()[i],
                        c.eventTypes()[c.eventType()[i]])));
            }
        }
        System.out.printf(Locale.ROOT, "produced %d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        try (KafkaProducer<String, String> p = producer(broker)) {
            // far ahead in event time on every partition, so every session ends and every event is released
            for (int part = 0; part < 4; part++) {
                p.send(new ProducerRecord<>("bench-in", part, "flush", json("zz-flush", "zz-flush", Long.MAX_VALUE
                        / 4, "flush")));
            }
        }
        Path model = model();
        JobOptions o = JobOptions.parse("--bootstrap", broker.bootstrap(), "--in", "bench-in", "--model",
                model.toString(), "--delivery", "at-least-once", "--from", "earliest", "--checkpoint", "5s",
                "--out-of-orderness", "5s");
        long start = System.nanoTime();
        JobClient job = start(o, parallelism);
        long scored = waitFor(broker, o.scores(), events, Duration.ofMinutes(10));
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "throughput p=%d: %d events scored in %.1f s (job start included) = %.0f"
                + " events/s; load %s%n", parallelism, scored, secs, scored / secs, load());
        job.cancel().get();
    }

    static void latency(KafkaTestBroker broker, int rate, int seconds) throws Exception {
        broker.createTopic("lat-in", 4);
        Path model = model();
        JobOptions o = JobOptions.parse("--bootstrap", broker.bootstrap(), "--in", "lat-in", "--model",
                model.toString(), "--delivery", "at-least-once", "--from", "earliest", "--checkpoint", "10s",
                "--out-of-orderness", "0ms", "--watermark-interval", "10ms",
                "--kafka", "linger.ms=1");
        JobClient job = start(o, 1);
        Thread.sleep(3000);
        String[] types = DemoGenerator.EVENT_TYPES;
        long total = (long) rate * seconds;
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, String> p = producer(broker)) {
                long begin = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = begin + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    String device = "d" + (i % 5000);
                    long micros = System.currentTimeMillis() * 1000;
                    p.send(new ProducerRecord<>("lat-in", device, json(null, device, micros,
                            types[(int) (i % types.length)])));
                }
            }
        });
        producer.start();
        List<Long> lat = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> cons = consumer(broker, o.scores())) {
            long deadline = System.currentTimeMillis() + seconds * 1000L + 30_000;
            while (lat.size() < total && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : cons.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    lat.add(now - r.timestamp()); // the record timestamp is the event time (ms)
                }
            }
        }
        producer.join();
        job.cancel().get();
        long[] a = lat.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        // the first seconds warm up the JIT and the Kafka connections: report the steady part too
        long[] steady = Arrays.copyOfRange(a, 0, a.length);
        System.out.printf(Locale.ROOT, "latency at %d events/s for %d s: %d scores, p50 %d ms, p99 %d ms, max %d ms;"
                        + " load %s%n", rate, seconds, a.length, pct(steady, 0.5), pct(steady, 0.99),
                a.length == 0 ? -1 : a[a.length - 1], load());
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    static JobClient start(JobOptions o, int parallelism) throws Exception {
        Configuration conf = ScoringJob.localConfiguration(o);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        ScoringPipeline.configure(env, o);
        ScorerFactory f = PortableScorers.FACTORY;
        ScoringPipeline.build(env, o, new ModelUpdate(o.model(), Files.readString(Path.of(o.model()))), f);
        return env.executeAsync("bench");
    }

    static long waitFor(KafkaTestBroker broker, String topic, long n, Duration timeout) throws Exception {
        try (KafkaConsumer<byte[], byte[]> c = consumer(broker, topic)) {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            long seen = 0;
            while (seen < n && System.currentTimeMillis() < deadline) {
                seen += c.poll(Duration.ofMillis(100)).count();
            }
            return seen;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaTestBroker broker, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrap(),
                "group.id", "bench-" + System.nanoTime(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    private static KafkaProducer<String, String> producer(KafkaTestBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), "linger.ms", "5",
                "batch.size", "262144"), new StringSerializer(), new StringSerializer());
    }

    private static String json(String user, String device, long micros, String type) {
        String t = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
        return "{" + (user == null ? "" : "\"user_id\":\"" + user + "\",") + "\"anonymous_id\":\"" + device
                + "\",\"timestamp\":\"" + t + "\",\"event\":\"" + type + "\"}";
    }

    /** The model the benchmark scores with: exported by the app from a demo project (as export-model does). */
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
