package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The job against the app on the demo events streamed through a topic (three partitions, parallelism 2): the
 * sessions it publishes, with each device's earlier sessions moved to its user as its merge notice says, are the
 * app's sessions — the same count for every person — and every event is scored once.
 */
class DemoEquivalenceTest {
    private static KafkaTestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void sessionsPerPersonEqualTheApps(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        EventColumns demo = DemoEvents.columns(6000, 42);
        EventFrame frame = FrameBuilder.build(demo, true, SessionRule.defaults(), TaskContext.NONE).frame();
        Map<String, Integer> expected = new TreeMap<>();
        for (int s = 0; s < frame.sessionCount(); s++) {
            expected.merge(frame.personNames[frame.person[frame.sessionStart[s]]], 1, Integer::sum);
        }

        List<String[]> msgs = DemoEvents.messages(demo);
        broker.createTopic("demo-in", 3);
        StreamFixture.produce(broker.bootstrap(), "demo-in", msgs);
        StreamFixture.flush(broker.bootstrap(), "demo-in", 3, DemoEvents.after(demo));
        JobClient job = StreamFixture.start(StreamFixture.options(broker.bootstrap(), "demo-in", "-demo", model),
                ModelFiles.read(model.toString()), TestModels.FACTORY, 2);
        List<JsonNode> out;
        List<JsonNode> scores;
        try {
            scores = StreamFixture.readCommitted(broker.bootstrap(), "scores-demo", l -> l.size() >= msgs.size(),
                    Duration.ofSeconds(240));
            out = FailureRecoveryTest.settled(broker.bootstrap(), "sessions-demo");
        } finally {
            StreamFixture.stop(job);
        }
        assertEquals(msgs.size(), scores.size(), "every event scored once");

        Map<String, String> mergedInto = new HashMap<>();
        for (JsonNode r : out) {
            if (r.get("type").asText().equals("merge")) {
                mergedInto.put(r.get("merged").asText(), r.get("person").asText());
            }
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (JsonNode r : out) {
            if (r.get("type").asText().equals("session")) {
                String p = r.get("person").asText();
                actual.merge(mergedInto.getOrDefault(p, p), 1, Integer::sum);
            }
        }
        assertEquals(frame.sessionCount(), actual.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(expected, actual);
    }
}
