package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.live.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new model is used without a restart: from a changed model file (the running job, at parallelism 1, where the
 * whole job is one chained task) and from the model topic ({@link ModelWatch} on its own: only the newest model of
 * the topic is handed on at the start, a message that is no model never).
 */
class ModelChangeTest {
    private final KafkaTestBroker broker = TestCluster.broker();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChangedModelFileIsUsedFromTheNextEventsOnAndOneThatIsNoModelIsIgnored(@TempDir Path dir)
            throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        StreamFixture.Topics topics = StreamFixture.freshTopics(broker, "model", 1);
        String scores = "scores" + topics.out();
        JobClient job = StreamFixture.start(StreamFixture.options(broker.bootstrap(), topics.in(), topics.out(), model,
                "--out-of-orderness", "0ms"), ModelFiles.read(model.toString()), TestModels.FACTORY, 1);
        AtomicBoolean stop = new AtomicBoolean();
        // events of one person, a second apart in event time, one every 100 ms until stopped
        Thread feed = new Thread(() -> {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrap()), new StringSerializer(), new StringSerializer())) {
                for (int s = 0; !stop.get(); s++) {
                    p.send(new ProducerRecord<>(topics.in(), "u1", StreamFixture.event("u1", null,
                            java.time.Instant.ofEpochSecond(1_750_000_000L + s).toString(), "a")));
                    p.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "model test feed");
        feed.start();
        List<JsonNode> all;
        try {
            read(job, scores, l -> l.size() >= 3);
            replace(model, TestModels.json("m2"));
            int[] atM2 = {0};
            read(job, scores, l -> {
                atM2[0] = l.size();
                return models(l).contains("m2");
            });
            // a half-written file: the job goes on scoring with m2 while it is there (several model polls)
            replace(model, "{\"half\":");
            List<JsonNode> meanwhile = read(job, scores, l -> l.size() >= atM2[0] + 10);
            replace(model, TestModels.json("m3"));
            all = read(job, scores, l -> models(l).contains("m3"));
            List<String> whileHalf = models(meanwhile).subList(atM2[0], meanwhile.size());
            assertTrue(whileHalf.stream().allMatch("m2"::equals), whileHalf.toString());
        } finally {
            stop.set(true);
            feed.join(10_000);
            StreamFixture.stop(job);
        }
        List<String> ids = models(all);
        // m1, then m2 from some event on, then m3: never back to an older model, no other model
        List<String> ordered = new ArrayList<>(ids);
        ordered.sort(String::compareTo);
        assertEquals(ordered, ids);
        assertTrue(ids.containsAll(List.of("m1", "m2", "m3")), ids.toString());
        assertTrue(ids.stream().allMatch(List.of("m1", "m2", "m3")::contains), ids.toString());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fromTheModelTopicOnlyItsNewestModelAtTheStartThenEachNewOne() throws Exception {
        String topic = broker.newTopic("models", 1);
        StreamFixture.produce(broker.bootstrap(), topic, 0, List.of(TestModels.json("m1"), TestModels.json("m2"),
                "{\"no model\":1}"));
        JobOptions o = JobOptions.parse("--bootstrap", broker.bootstrap(), "--in", "unused", "--model-topic", topic,
                "--model-poll", "100ms");
        try (ModelWatch w = new ModelWatch(o, TestModels.FACTORY, new ModelUpdate("start", TestModels.json("m0")),
                "test")) {
            awaitVersion(w, 1);
            assertEquals(TestModels.json("m2"), w.latest().text, "the newest model of the topic that reads as one");
            assertEquals(1, w.version(), "m1 before it was not handed on");
            StreamFixture.produce(broker.bootstrap(), topic, 0, List.of("{\"no model\":2}", TestModels.json("m3")));
            awaitVersion(w, 2);
            assertEquals(TestModels.json("m3"), w.latest().text);
            assertEquals("topic " + topic, w.latest().source);
        }
    }

    private static void awaitVersion(ModelWatch w, long version) throws InterruptedException {
        while (w.version() < version) {
            Thread.sleep(20); // the test's time limit ends a wait that never ends
        }
    }

    /** A new version written next to the file and moved over it, as an export should. */
    private static void replace(Path file, String text) throws Exception {
        Path tmp = Files.writeString(file.resolveSibling("model.json.tmp"), text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<JsonNode> read(JobClient job, String topic, java.util.function.Predicate<List<JsonNode>> done)
            throws Exception {
        List<JsonNode> l = StreamFixture.readCommitted(job, TestCluster.broker().bootstrap(), topic, done,
                Duration.ofSeconds(90));
        assertTrue(done.test(l), () -> "not reached in 90 s; " + l.size() + " scores, models " + models(l));
        return l;
    }

    private static List<String> models(List<JsonNode> scores) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : scores) {
            out.add(s.get("model").asText());
        }
        return out;
    }
}
