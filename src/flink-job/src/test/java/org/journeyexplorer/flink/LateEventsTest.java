package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.journeyexplorer.live.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event time on a real broker and mini cluster: events out of order within the bound land in their session in
 * time order, events beyond it go to the late topic, and the session cut is "gap strictly greater than the
 * timeout"; an unreadable message goes to the rejected topic.
 */
class LateEventsTest {
    private final KafkaTestBroker broker = TestCluster.broker();

    private static String at(int seconds) {
        return java.time.Instant.ofEpochSecond(1_750_000_000L + seconds).toString();
    }

    /** Messages of user u1: name, seconds, name, seconds… */
    private static List<String[]> events(Object... nameAndSeconds) {
        List<String[]> msgs = new ArrayList<>();
        for (int i = 0; i < nameAndSeconds.length; i += 2) {
            msgs.add(new String[]{"u1", StreamFixture.event("u1", null, at((Integer) nameAndSeconds[i + 1]),
                    (String) nameAndSeconds[i])});
        }
        return msgs;
    }

    private static List<String> eventsAndPositions(List<JsonNode> scores) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : scores) {
            out.add(s.get("event").asText() + s.get("position").asInt());
        }
        return out;
    }

    @Test
    @Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void outOfOrderWithinTheBoundIsPlacedLateBeyondItIsSetAside(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        StreamFixture.Topics topics = StreamFixture.freshTopics(broker, "late", 1);
        String in = topics.in();
        String out = topics.out();
        // c is 10 s out of order, within the 15 s bound; a gap of exactly the timeout (d → h) stays in the session
        StreamFixture.produce(broker.bootstrap(), in, events("a", 0, "b", 30, "c", 20, "d", 200, "h", 260));
        JobClient job = StreamFixture.start(StreamFixture.options(broker.bootstrap(), in, out, model,
                "--timeout", "60s", "--out-of-orderness", "15s"), ModelFiles.read(model.toString()),
                TestModels.FACTORY, 1);
        try {
            // d is scored once event time has passed it (h at 260 s moves it to 245 s)
            List<JsonNode> scores = StreamFixture.readCommitted(job, broker.bootstrap(), "scores" + out,
                    l -> l.size() >= 4, Duration.ofSeconds(60));
            assertEquals(List.of("a1", "c2", "b3", "d1"), eventsAndPositions(scores));
            // now e, 155 s behind the latest event, is beyond the bound; i is 61 s after h: a new session
            List<String[]> more = new ArrayList<>(events("e", 100));
            more.add(new String[]{"u1", "{not json"}); // to the rejected topic, through the person stage
            more.addAll(events("i", 321));
            StreamFixture.produce(broker.bootstrap(), in, more);
            StreamFixture.flush(broker.bootstrap(), in, 1, at(100_000));
            List<JsonNode> sessions = StreamFixture.readCommitted(job, broker.bootstrap(), "sessions" + out,
                    l -> l.size() >= 3, Duration.ofSeconds(60));
            List<String> paths = new ArrayList<>();
            for (JsonNode s : sessions) {
                paths.add(s.get("person").asText() + ":" + s.get("path").toString());
            }
            assertEquals(List.of("u1:[\"a\",\"c\",\"b\"]", "u1:[\"d\",\"h\"]", "u1:[\"i\"]"), paths);
            assertEquals(at(0), sessions.get(0).get("start").asText());
            assertEquals(at(30), sessions.get(0).get("end").asText());
            assertEquals(3, sessions.get(0).get("events").asInt());
            List<JsonNode> late = StreamFixture.readCommitted(job, broker.bootstrap(), "late" + out, l -> l.size() >= 1,
                    Duration.ofSeconds(90));
            assertEquals(1, late.size());
            assertEquals("e", late.get(0).get("event").asText());
            assertEquals(at(100), late.get(0).get("timestamp").asText());
            assertEquals("u1", late.get(0).get("user_id").asText());
            // event time stood at h (260 s) less the 15 s bound, less 1 ms: e was 144.999 s behind it
            assertEquals(144_999, late.get(0).get("late_by_ms").asLong());
            List<JsonNode> rejected = StreamFixture.readCommitted(job, broker.bootstrap(), "rejected" + out,
                    l -> l.size() >= 1, Duration.ofSeconds(30));
            assertEquals(1, rejected.size(), rejected.toString());
            assertEquals("{not json", rejected.get(0).get("message").asText());
            assertEquals(in, rejected.get(0).get("topic").asText());
            assertEquals(6, rejected.get(0).get("offset").asLong()); // a, b, c, d, h, e before it
            assertTrue(rejected.get(0).get("reason").asText().startsWith("malformed JSON"), rejected.toString());
            scores = StreamFixture.readCommitted(job, broker.bootstrap(), "scores" + out, l -> l.size() >= 6,
                    Duration.ofSeconds(30));
            assertEquals(List.of("a1", "c2", "b3", "d1", "h2", "i1"), eventsAndPositions(scores));
        } finally {
            StreamFixture.stop(job);
        }
    }
}
