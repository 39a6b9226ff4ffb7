package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Producing events, starting the job on a mini cluster, and reading what it wrote, for the tests. */
final class StreamFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    private StreamFixture() {
    }

    /** One input event as the job reads it (demo field names); null ids are left out. */
    static String event(String user, String device, String time, String type) {
        StringBuilder b = new StringBuilder("{");
        if (user != null) {
            b.append("\"user_id\":\"").append(user).append("\",");
        }
        if (device != null) {
            b.append("\"anonymous_id\":\"").append(device).append("\",");
        }
        return b.append("\"timestamp\":\"").append(time).append("\",\"event\":\"").append(type).append("\"}")
                .toString();
    }

    /** Sends the messages in order, each to the partition of its key (or to partition {@code partition} ≥ 0). */
    static void produce(String bootstrap, String topic, List<String[]> keyAndValue) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "5"), new StringSerializer(), new StringSerializer())) {
            for (String[] kv : keyAndValue) {
                p.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            p.flush();
        }
    }

    /** What the cluster's REST API says about the job: its exceptions and every operator's input watermark. */
    static String describe(JobClient job) {
        StringBuilder b = new StringBuilder();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = TestCluster.rest().toString().replaceAll("/$", "") + "/jobs/" + job.getJobID();
            java.util.function.Function<String, JsonNode> get = path -> {
                try {
                    return JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            JsonNode j = get.apply("");
            b.append("state=").append(j.path("state").asText()).append('\n');
            for (JsonNode v : j.path("vertices")) {
                b.append(v.path("name").asText()).append(" wm=")
                        .append(get.apply("/vertices/" + v.path("id").asText() + "/watermarks")).append('\n');
            }
            JsonNode ex = get.apply("/exceptions");
            for (JsonNode e : ex.path("exceptionHistory").path("entries")) {
                b.append("exception: ").append(e.path("exceptionName").asText()).append(' ')
                        .append(e.path("timestamp").asText()).append('\n');
            }
            b.append(get.apply("/checkpoints").path("latest")).append('\n');
        } catch (Exception e) {
            b.append("(").append(e).append(")");
        }
        return b.toString();
    }

    /** Sends the values in order to one partition (no key). */
    static void produce(String bootstrap, String topic, int partition, List<String> values) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, partition, null, v));
            }
            p.flush();
        }
    }

    /**
     * Waits until the job's consumer group has committed at least {@code offset} for the partition: the job commits
     * its source positions when a checkpoint completes, so from then on a recovery starts at least there.
     */
    static void awaitCommittedOffset(org.journeyexplorer.live.KafkaTestBroker broker, String group, String topic,
                                     int partition, long offset, Duration timeout) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            while (true) {
                org.apache.kafka.clients.consumer.OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(tp);
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no checkpoint committed offset " + offset + " of " + tp + " (committed: "
                            + committed + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Sends one message to every partition: event time far ahead, so every real session ends. */
    static void flush(String bootstrap, String topic, int partitions, String time) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < partitions; i++) {
                p.send(new ProducerRecord<>(topic, i, "flush", event("zz-flush-" + i, null, time, "flush")));
            }
            p.flush();
        }
    }

    /**
     * Reads a topic from the start as a {@code read_committed} consumer until {@code done} holds for what was read
     * (or the time is up), then returns the JSON values.
     */
    static List<JsonNode> readCommitted(String bootstrap, String topic, Predicate<List<JsonNode>> done,
                                        Duration timeout) throws Exception {
        return read(null, bootstrap, topic, "read_committed", done, timeout);
    }

    /** As above, failing at once with the job's error if the job stops meanwhile. */
    static List<JsonNode> readCommitted(JobClient job, String bootstrap, String topic,
                                        Predicate<List<JsonNode>> done, Duration timeout) throws Exception {
        return read(job, bootstrap, topic, "read_committed", done, timeout);
    }

    /**
     * Reads a topic from the start ({@code read_committed}) until something has arrived and then nothing more for
     * {@code quiet} (output is committed at each checkpoint, in bursts), at most for a minute.
     */
    static List<JsonNode> settled(JobClient job, String bootstrap, String topic) throws Exception {
        return settled(job, bootstrap, topic, l -> !l.isEmpty(), Duration.ofSeconds(4));
    }

    /**
     * As above, once {@code enough} holds and then nothing more for {@code quiet}: a test that knows how much to
     * expect waits for that, then only long enough to see that nothing more comes.
     */
    static List<JsonNode> settled(JobClient job, String bootstrap, String topic, Predicate<List<JsonNode>> enough,
                                  Duration quiet) throws Exception {
        // as long as the tests wait for scores: under load (CI at load 20) the burst of sessions that the flush event
        // ends took more than a minute to be committed once, and a partial list failed DemoEquivalenceTest
        long deadline = System.currentTimeMillis() + 150_000;
        int[] seen = {-1};
        long[] changed = {System.currentTimeMillis()};
        return read(job, bootstrap, topic, "read_committed", l -> {
            long now = System.currentTimeMillis();
            if (l.size() != seen[0]) {
                seen[0] = l.size();
                changed[0] = now;
            }
            return enough.test(l) && now - changed[0] >= quiet.toMillis();
        }, Duration.ofMillis(deadline - System.currentTimeMillis()));
    }

    /** Everything in a topic now, at the given isolation level. */
    static List<JsonNode> read(String bootstrap, String topic, String isolation) throws Exception {
        return read(null, bootstrap, topic, isolation, l -> false, Duration.ofSeconds(5));
    }

    static List<JsonNode> read(JobClient job, String bootstrap, String topic, String isolation,
                               Predicate<List<JsonNode>> done, Duration timeout) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", isolation), new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            List<TopicPartition> parts = new ArrayList<>();
            while (parts.isEmpty() && System.currentTimeMillis() < deadline) {
                List<PartitionInfo> infos = c.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                }
                if (parts.isEmpty()) {
                    Thread.sleep(200);
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long nextCheck = 0;
            while (!done.test(out) && System.currentTimeMillis() < deadline) {
                if (System.currentTimeMillis() >= nextCheck) {
                    checkRunning(job);
                    nextCheck = System.currentTimeMillis() + 1000;
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    /**
     * Starts the job with {@code parallelism} on the shared mini cluster ({@link TestCluster}); a failed task is
     * restarted from its checkpoint (three times at most).
     */
    static JobClient start(JobOptions o, ModelUpdate model, ScorerFactory factory, int parallelism)
            throws Exception {
        Configuration c = new Configuration();
        c.setString("restart-strategy.type", "fixed-delay");
        c.setString("restart-strategy.fixed-delay.attempts", "3");
        c.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = TestCluster.environment(parallelism, c);
        ScoringPipeline.configure(env, o);
        ScoringPipeline.build(env, o, model, factory);
        return env.executeAsync("test " + o.in());
    }

    /**
     * Fails at once with the job's own error when the job has stopped (so a broken job reads as its cause, not
     * as output that never came after minutes of waiting).
     */
    static void checkRunning(JobClient job) throws Exception {
        if (job == null) {
            return;
        }
        org.apache.flink.api.common.JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            throw new AssertionError("the job stopped by itself (" + status + ")");
        }
    }

    /**
     * Cancels the job and waits (bounded) until it has let go of its slots; a job that failed fails the test. Also
     * when the test was interrupted (its time was up): a job left running would hold the shared cluster's slots and
     * CPU for the tests after it.
     */
    static void stop(JobClient job) throws Exception {
        boolean interrupted = Thread.interrupted();
        try {
            stopNow(job);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void stopNow(JobClient job) throws Exception {
        org.apache.flink.api.common.JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            if (status != org.apache.flink.api.common.JobStatus.CANCELED) {
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            }
            return;
        }
        job.cancel().get(60, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    /** An input topic and the suffix of the output topics, all made for one attempt of a test. */
    record Topics(String in, String out) {
    }

    /**
     * Topics of their own for one attempt of a test (a rerun on the first attempt's topics cannot even create them):
     * {@code NAME-in-RUN} with {@code partitions} partitions, and the outputs of suffix {@code -NAME-RUN}.
     */
    static Topics freshTopics(org.journeyexplorer.live.KafkaTestBroker broker, String name, int partitions) {
        String run = Long.toString(System.nanoTime(), 36);
        Topics t = new Topics(name + "-in-" + run, "-" + name + "-" + run);
        broker.createTopic(t.in(), partitions);
        createOutputTopics(broker, t.out());
        return t;
    }

    /**
     * Creates the output topics of the run with {@code suffix} (see {@link #options}) before its job starts: a topic
     * the exactly-once sink creates on its first write can miss that checkpoint's transaction under load, and then
     * a read_committed reader waits for output already written. They keep their records whatever their time: the
     * job stamps each result with the event time it is about (2023 and 2025 here), and the broker's default 7-day
     * retention deleted such records at its first check, 30 s after it started, and every 5 minutes after that
     * (a late record written then never showed in LateEventsTest).
     */
    static void createOutputTopics(org.journeyexplorer.live.KafkaTestBroker broker, String suffix) {
        createKeepingTopics(broker, List.of("scores" + suffix, "sessions" + suffix, "late" + suffix,
                "rejected" + suffix));
    }

    /**
     * Creates {@code topics} with one partition each, keeping their records whatever their time (see
     * {@link #createOutputTopics}).
     */
    static void createKeepingTopics(org.journeyexplorer.live.KafkaTestBroker broker, List<String> topics) {
        topics.forEach(t -> broker.createTopic(t, 1));
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<
                    org.apache.kafka.clients.admin.AlterConfigOp>> keep = new java.util.HashMap<>();
            for (String t : topics) {
                keep.put(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t), List.of(
                        new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(
                                "retention.ms", "-1"), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(keep).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not keep the records of " + topics, e);
        }
    }

    /** Options for a test run: earliest offsets, short checkpoints, the given topics and model file. */
    static JobOptions options(String bootstrap, String in, String suffix, java.nio.file.Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--in", in, "--model", model.toString(),
                "--model-poll", "200ms",
                "--out", "sessions" + suffix, "--scores", "scores" + suffix, "--late", "late" + suffix,
                "--rejected", "rejected" + suffix, "--group", "g" + suffix, "--from", "earliest",
                "--checkpoint", "1s", "--watermark-interval", "50ms", "--transactional-id", "tx" + suffix));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0]));
    }
}
