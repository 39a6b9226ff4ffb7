package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImportCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String helpdesk() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv")
                .toString();
    }

    @Test
    void importHelpdeskAsJson() throws Exception {
        String project = dir.resolve("h").toString();
        assertEquals(0, cli("import", helpdesk(), "--project", project, "--timezone", "UTC", "--json"), err());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals(13_710, j.get("imported").asLong());
        assertEquals(0, j.get("rejected").asLong());
        assertEquals(3_804, j.get("persons").asInt());
        assertEquals(9, j.get("eventTypes").asInt());
        // first and last CompleteTimestamp of the file, read as UTC (checked with sort on the CSV)
        assertEquals("2010-01-13T17:40:25Z", j.get("firstTime").asText());
        assertEquals("2012-11-06T01:41:28Z", j.get("lastTime").asText());
        assertTrue(Files.exists(ProjectStore.projectFile(dir.resolve("h"))));
    }

    @Test
    void duplicateIsRefusedUnlessForced() {
        String project = dir.resolve("h").toString();
        assertEquals(0, cli("import", helpdesk(), "--project", project));
        assertTrue(out().contains("13,710 events"), out());
        assertEquals(1, cli("import", helpdesk(), "--project", project));
        assertTrue(err().contains("already imported") && err().contains("--force"), err());
        assertEquals(1, err().strip().lines().count(), "one line, no stack trace: " + err());
        try (ProjectStore s = ProjectStore.open(dir.resolve("h"))) {
            assertEquals(13_710, s.events().count());
        }
        assertEquals(0, cli("import", helpdesk(), "--project", project, "--force", "--json"));
        try (ProjectStore s = ProjectStore.open(dir.resolve("h"))) {
            assertEquals(2 * 13_710, s.events().count());
        }
    }

    /**
     * The file's hash, begun before the project is opened, is the one recorded for each import (forced or not), and
     * refuses a copy of the file under another name; a second file on the command line is hashed as well.
     */
    @Test
    void theHashBegunEarlyIsRecordedAndRefusesACopy() throws Exception {
        String project = dir.resolve("h").toString();
        String sha = org.journeyexplorer.project.ImportService.contentHash(Path.of(helpdesk()),
                org.journeyexplorer.core.TaskContext.NONE);
        Path copy = Files.copy(Path.of(helpdesk()), dir.resolve("copy.csv"));
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "user_id,timestamp,event_type\nu1,2025-09-01T00:00:00Z,open\n");
        String otherSha = org.journeyexplorer.project.ImportService.contentHash(other,
                org.journeyexplorer.core.TaskContext.NONE);
        assertEquals(0, cli("import", helpdesk(), other.toString(), "--project", project, "--json"), err());
        assertEquals(1, cli("import", copy.toString(), "--project", project, "--json"));
        assertTrue(err().contains("already imported"), err());
        assertEquals(0, cli("import", copy.toString(), "--project", project, "--force", "--json"), err());
        try (ProjectStore s = ProjectStore.open(dir.resolve("h"))) {
            assertEquals(java.util.List.of(sha, otherSha, sha),
                    s.imports().all().stream().map(org.journeyexplorer.store.ImportRecord::contentHash).toList());
        }
    }

    @Test
    void emptyFileFailsAndLeavesNoProject() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertNotEquals(0, cli("import", empty.toString(), "--project", dir.resolve("e").toString(), "--json"));
        assertEquals(1, err().strip().lines().count(), err());
        assertTrue(err().contains("empty"), err());
        assertFalse(Files.exists(ProjectStore.projectFile(dir.resolve("e"))));
    }

    @Test
    void headerOnlyFileImportsNothingAndFails() throws Exception {
        Path f = Files.writeString(dir.resolve("header.csv"), "CaseID,ActivityID,CompleteTimestamp\n");
        assertNotEquals(0, cli("import", f.toString(), "--project", dir.resolve("e").toString()));
    }

    @Test
    void mapOverridesDetectedRoles() throws Exception {
        Path f = Files.writeString(dir.resolve("log.csv"), "case_id,activity,timestamp,resource\n"
                + "a,x,2020-01-01 10:00:00,p\n"
                + "a,y,2020-01-01 10:01:00,q\n"
                + "b,x,2020-01-01 10:02:00,r\n");
        String project = dir.resolve("o").toString();
        // detected: case_id / activity → 2 persons, 2 event types
        assertEquals(0, cli("import", f.toString(), "--project", project, "--timezone", "UTC", "--json"), err());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals(2, j.get("persons").asInt());
        assertEquals(2, j.get("eventTypes").asInt());
        // mapped: resource is the event, activity the person → 2 persons (x, y), 3 event types (p, q, r)
        assertEquals(0, cli("import", f.toString(), "--project", project, "--timezone", "UTC", "--force",
                "--map", "event=resource", "--map", "person=activity", "--json"), err());
        j = new ObjectMapper().readTree(out());
        assertEquals(3, j.get("imported").asLong());
        assertEquals(2, j.get("persons").asInt());
        assertEquals(3, j.get("eventTypes").asInt());
        assertEquals("2020-01-01T10:00:00Z", j.get("firstTime").asText());
        try (ProjectStore s = ProjectStore.open(dir.resolve("o"))) {
            String settings = s.imports().all().get(1).mappingJson();
            assertTrue(settings.contains("\"event\":\"resource\"") && settings.contains("\"person\":\"activity\""),
                    settings);
        }
    }

    @Test
    void badCommandLinesGiveOneClearLine() throws Exception {
        assertEquals(2, cli("import", helpdesk()));
        assertTrue(err().startsWith("Name the project"), err());
        assertEquals(2, cli("import", helpdesk(), "--project", dir.resolve("x").toString(), "--map", "user=CaseID"));
        assertTrue(err().contains("role=column"), err());
        assertEquals(2, cli("import", helpdesk(), "--project", dir.resolve("x").toString(), "--timezone", "Mars/Base"));
        assertTrue(err().startsWith("Unknown time zone"), err());
        assertEquals(1, cli("import", helpdesk(), "--project", dir.resolve("x").toString(), "--map", "person=nope"));
        assertTrue(err().startsWith("There is no column 'nope'"), err());
        assertEquals(1, cli("import", dir.resolve("missing.csv").toString(), "--project", dir.resolve("x").toString()));
        assertEquals(1, err().strip().lines().count(), err());
        assertEquals(2, cli("frobnicate"));
    }

    @Test
    void projectOpenElsewhereGivesTheLockMessage() {
        try (ProjectStore open = ProjectStore.create(dir.resolve("busy"))) {
            assertEquals(1, cli("import", helpdesk(), "--project", dir.resolve("busy").toString()));
            assertEquals("busy is open in another Journey Explorer window. Close it there, or open a copy.",
                    err().strip());
            assertEquals(0, open.events().count());
        }
    }

    @Test
    void severalFilesSummedInJson() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "CaseID,ActivityID,CompleteTimestamp\n"
                + "1,A,2020-01-01 10:00:00\n2,B,2020-01-02 10:00:00\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "CaseID,ActivityID,CompleteTimestamp\n"
                + "2,C,2019-12-31 10:00:00\n3,A,2020-01-01 11:00:00\n");
        assertEquals(0, cli("import", a.toString(), b.toString(), "--project", dir.resolve("p").toString(),
                "--timezone", "UTC", "--json"), err());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals(4, j.get("imported").asLong());
        assertEquals(3, j.get("persons").asInt()); // case 2 appears in both files
        assertEquals(3, j.get("eventTypes").asInt());
        assertEquals("2019-12-31T10:00:00Z", j.get("firstTime").asText());
        assertEquals("2020-01-02T10:00:00Z", j.get("lastTime").asText());
        assertEquals(2, j.get("files").size());
        assertEquals(2, j.get("files").get(1).get("persons").asInt());
    }

    @Test
    void pseudonymisedImportAndKeyDrop() throws Exception {
        String project = dir.resolve("p").toString();
        assertEquals(0, cli("import", helpdesk(), "--project", project, "--pseudonymise", "--no-properties",
                "--json"), err());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals(3_804, j.get("persons").asInt());
        try (ProjectStore s = ProjectStore.open(dir.resolve("p"))) {
            var c = s.events().loadColumns(org.journeyexplorer.core.TaskContext.NONE);
            for (String id : c.identities()) {
                assertTrue(id.matches("[0-9a-f]{20}"), id);
            }
            assertTrue(s.settings().hasPseudonymKey());
        }
        // without --yes it only warns
        assertEquals(1, cli("drop-pseudonym-key", "--project", project));
        assertTrue(err().startsWith("Deleting the pseudonym key cannot be undone."), err());
        try (ProjectStore s = ProjectStore.open(dir.resolve("p"))) {
            assertTrue(s.settings().hasPseudonymKey());
        }
        assertEquals(0, cli("drop-pseudonym-key", "--project", project, "--yes"));
        assertTrue(out().startsWith("Deleted the pseudonym key"), out());
        try (ProjectStore s = ProjectStore.open(dir.resolve("p"))) {
            assertFalse(s.settings().hasPseudonymKey());
        }
        // options in any order; a malformed line changes nothing
        assertEquals(0, cli("drop-pseudonym-key", "--yes", "--project", project));
        assertTrue(out().endsWith("has no pseudonym key." + System.lineSeparator()), out());
        assertEquals(2, cli("drop-pseudonym-key", "--project"));
        assertEquals(2, cli("drop-pseudonym-key", "--yes"));
    }
}
