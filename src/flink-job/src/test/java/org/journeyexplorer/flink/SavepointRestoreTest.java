package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.journeyexplorer.live.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A job stopped with a savepoint and started again from it (an upgrade of the same build) carries on where it
 * stopped: the device → user link, the person's open session and the source's offsets come back, so a device's
 * event after the restore is the user's, continues the session, and nothing is linked, scored or published twice.
 */
class SavepointRestoreTest {
    private final KafkaTestBroker broker = TestCluster.broker();

    private static String at(int seconds) {
        return Instant.ofEpochSecond(1_750_000_000L + seconds).toString();
    }

    private static String[] msg(String user, String device, int seconds, String type) {
        return new String[]{device != null ? device : user, StreamFixture.event(user, device, at(seconds), type)};
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRestoredJobKeepsLinksAndOpenSessions(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        StreamFixture.Topics topics = StreamFixture.freshTopics(broker, "sp", 1);
        String in = topics.in();
        String out = topics.out();
        JobOptions o = StreamFixture.options(broker.bootstrap(), in, out, model, "--timeout", "60s",
                "--out-of-orderness", "1s");
        // d1 signs in as u1 (the link), then browses without signing in; u9 moves event time past both
        StreamFixture.produce(broker.bootstrap(), in, List.of(msg("u1", "d1", 0, "login"), msg(null, "d1", 10, "a"),
                msg("u9", null, 20, "x")));
        JobClient first = StreamFixture.start(o, ModelFiles.read(model.toString()), TestModels.FACTORY, 1);
        String savepoint;
        try {
            StreamFixture.readCommitted(first, broker.bootstrap(), "scores" + out, l -> l.size() >= 2,
                    Duration.ofSeconds(90));
            savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
        } finally {
            StreamFixture.stop(first);
        }

        // b is d1's without a user id: only the restored link makes it u1's, in the session login, a, b; the flush
        // moves event time past every session (it is neither scored nor ended itself)
        StreamFixture.produce(broker.bootstrap(), in, List.<String[]>of(msg(null, "d1", 30, "b")));
        StreamFixture.flush(broker.bootstrap(), in, 1, at(100_000));
        Configuration c = new Configuration();
        c.setString("execution.savepoint.path", savepoint);
        StreamExecutionEnvironment env = TestCluster.environment(1, c);
        ScoringPipeline.configure(env, o);
        ScoringPipeline.build(env, o, ModelFiles.read(model.toString()), TestModels.FACTORY);
        JobClient second = env.executeAsync("restored " + in);
        try {
            List<JsonNode> sessions = StreamFixture.settled(second, broker.bootstrap(), "sessions" + out,
                    l -> l.size() >= 3, Duration.ofSeconds(3));
            List<String> got = new ArrayList<>();
            for (JsonNode s : sessions) {
                got.add(s.get("type").asText() + " " + s.get("person").asText() + " "
                        + (s.has("path") ? s.get("path").toString().replace("\"", "") : s.get("merged").asText()));
            }
            // one merge notice (from the first run), the sessions as one uninterrupted run would publish them
            assertEquals(List.of("merge u1 d1", "session u1 [login,a,b]", "session u9 [x]"), got.stream().sorted()
                    .toList());
            List<JsonNode> scores = StreamFixture.readCommitted(second, broker.bootstrap(), "scores" + out,
                    l -> l.size() >= 4, Duration.ofSeconds(30));
            List<String> scored = new ArrayList<>();
            for (JsonNode s : scores) {
                scored.add(s.get("person").asText() + " " + s.get("event").asText() + s.get("position").asInt());
            }
            // every event scored once: nothing read again after the restore, b continues u1's session
            assertEquals(List.of("u1 a2", "u1 b3", "u1 login1", "u9 x1"), scored.stream().sorted().toList());
        } finally {
            StreamFixture.stop(second);
        }
    }
}
