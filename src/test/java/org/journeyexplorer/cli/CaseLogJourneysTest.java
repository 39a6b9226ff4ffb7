package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.analysis.ProjectFrames;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process log's journeys are its cases, on the command line as in the app: helpdesk.csv has 3,804 cases
 * (data/README.md), which the 30-minute session rule cuts into 9,989 sessions.
 */
class CaseLogJourneysTest {
    private static final Path DATA = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data");

    @TempDir
    static Path dir;
    static Path helpdesk;
    static Path snowplow;

    private static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @BeforeAll
    static void importLogs() {
        helpdesk = dir.resolve("helpdesk");
        snowplow = dir.resolve("snowplow");
        assertEquals(0, CliRun.of("import", DATA.resolve("helpdesk.csv").toString(), "--project",
                helpdesk.toString()).code());
        assertEquals(0, CliRun.of("import", DATA.resolve("snowplow-web-events.csv").toString(), "--project",
                snowplow.toString()).code());
    }

    @Test
    void sessionsOfACaseLogAreItsCases() throws Exception {
        JsonNode j = json(CliRun.of("sessions", "--project", helpdesk.toString(), "--json"));
        assertEquals("case", j.get("journey").asText());
        assertEquals(3804, j.get("sessions").asInt());
        assertEquals(3804, j.get("cases").asInt());
        assertEquals(3804, j.get("persons").asInt());
        assertFalse(j.has("timeout_seconds"));
    }

    @Test
    void aTimeoutOrTheSessionJourneyCutsCasesIntoSessions() throws Exception {
        JsonNode t = json(CliRun.of("sessions", "--project", helpdesk.toString(), "--timeout", "30m", "--json"));
        assertEquals("session", t.get("journey").asText());
        assertEquals(9989, t.get("sessions").asInt());
        assertEquals(1800.0, t.get("timeout_seconds").asDouble());
        JsonNode s = json(CliRun.of("sessions", "--project", helpdesk.toString(), "--journey", "session", "--json"));
        assertEquals(9989, s.get("sessions").asInt());
        CliRun both = CliRun.of("sessions", "--project", helpdesk.toString(), "--journey", "case", "--timeout", "30m");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("--timeout, --session-start, --session-end and --max-length cut sessions; they do not go with --journey case"), both.err());
        assertEquals(1, both.err().strip().lines().count(), both.err());
    }

    @Test
    void aClickstreamKeepsItsSessions() throws Exception {
        JsonNode j = json(CliRun.of("sessions", "--project", snowplow.toString(), "--json"));
        assertEquals("session", j.get("journey").asText());
        assertTrue(j.get("sessions").asInt() >= j.get("persons").asInt());
        try (ProjectStore store = ProjectStore.open(snowplow)) {
            assertEquals(JourneyScope.SESSION, ProjectFrames.journeyScope(store));
        }
    }

    @Test
    void theSavedChoiceWinsOverTheGuess() throws Exception {
        Path copy = dir.resolve("helpdesk-sessions");
        assertEquals(0, CliRun.of("import", DATA.resolve("helpdesk.csv").toString(), "--project",
                copy.toString()).code());
        try (ProjectStore store = ProjectStore.open(copy)) {
            assertEquals(JourneyScope.CASE, ProjectFrames.journeyScope(store));
            ProjectFrames.saveJourneyScope(store, JourneyScope.SESSION);
        }
        try (ProjectStore store = ProjectStore.open(copy)) {
            assertEquals(JourneyScope.SESSION, ProjectFrames.journeyScope(store));
        }
        assertEquals(9989, json(CliRun.of("sessions", "--project", copy.toString(), "--json")).get("sessions").asInt());
    }

    @Test
    void flowsWithoutAnAnchorFollowEveryCaseFromItsStart() {
        CliRun r = CliRun.of("flows", "--project", helpdesk.toString(), "--steps", "2", "--csv", "--caption");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# Flows starting at the journey start · 2 steps"), r.out());
        String startNode = r.out().lines().filter(l -> l.startsWith("node,0,")).findFirst().orElseThrow();
        // the start node holds every case (100 %); every case's first activity is step 1
        assertEquals("node,0,0,(journey start),3804,100.00,0,0,0,,,,,,", startNode.trim());
    }
}
