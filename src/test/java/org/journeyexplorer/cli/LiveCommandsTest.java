package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.project.ProjectSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate-demo --kafka} and {@code live} against the in-process broker, and their refusals. */
class LiveCommandsTest {

    @Test
    void publishesTheDemoThenStreamsItIntoAProjectOnceAcrossRuns(@TempDir Path dir) throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        // a topic of its own per attempt: when Surefire reruns a failed attempt, the first one's events are in its own
        String topic = "cli-demo-" + Long.toString(System.nanoTime(), 36);
        CliRun gen = CliRun.of("generate-demo", "--kafka", broker.bootstrap(), "--topic", topic, "--rate", "0",
                "--events", "3000", "--seed", "5");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.out().startsWith("Published 3,000 demo events to topic \"" + topic + "\" on "
                + broker.bootstrap()
                + " (created with 3 partitions) in "), gen.out());

        String project = dir.resolve("shop").toString();
        CliRun first = CliRun.of("live", "--project", project, "--bootstrap", broker.bootstrap(), "--topic", topic,
                "--until-idle", "2s", "--json");
        assertEquals(0, first.code(), first.err());
        JsonNode j = new ObjectMapper().readTree(first.out());
        assertEquals(3000, j.get("events").asLong());
        assertEquals(0, j.get("rejected").asLong());
        assertEquals(3000, j.get("projectEvents").asLong());
        assertEquals("stopped", j.get("state").asText());

        CliRun again = CliRun.of("live", "--project", project, "--bootstrap", broker.bootstrap(), "--topic", topic,
                "--from", "stored", "--until-idle", "2s");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("Streamed topic \"" + topic + "\" on " + broker.bootstrap()
                + " into shop: 0 events, 0 rejected"), again.out());
        assertTrue(again.out().contains("the project holds 3,000 events"), again.out());
        try (ProjectSession s = ProjectSession.open(Path.of(project))) {
            assertTrue(s.streamSettings().orElseThrow().contains("\"topic\":\"" + topic + "\""));
        }
    }

    @Test
    void refusesBadOptionsInOneLine(@TempDir Path dir) {
        String p = dir.resolve("p").toString();
        CliRun from = CliRun.of("live", "--project", p, "--bootstrap", "localhost:9092", "--topic", "t",
                "--from", "soon");
        assertEquals(2, from.code());
        assertTrue(from.err().startsWith("--from takes earliest, latest or stored, not 'soon'."), from.err());
        CliRun host = CliRun.of("live", "--project", p, "--bootstrap", "localhost", "--topic", "t");
        assertEquals(2, host.code());
        assertTrue(host.err().startsWith("'localhost' is not host:port (e.g. localhost:9092)."), host.err());
        CliRun user = CliRun.of("live", "--project", p, "--bootstrap", "localhost:9092", "--topic", "t", "--security",
                "sasl_ssl");
        assertEquals(2, user.code());
        assertTrue(user.err().startsWith("--security sasl_ssl needs --user NAME."), user.err());
        CliRun rate = CliRun.of("generate-demo", "--kafka", "localhost:9092", "--topic", "t", "--rate", "fast");
        assertEquals(2, rate.code());
        assertTrue(rate.err().startsWith("--rate expects a number of at least 0, got 'fast'."), rate.err());
        for (CliRun r : new CliRun[]{from, host, user, rate}) {
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
