package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** {@code import --consent} end to end on the fixture of src/test/resources/consent (counts in its README). */
class ConsentCommandTest {
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

    private static String fixture() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "consent", "consent.csv")
                .toString();
    }

    private static final String[] MAP = {"--map", "person=user_id", "--map", "anonymous=anonymous_id",
            "--map", "time=timestamp", "--map", "event=event"};

    private String[] args(String project, String... extra) {
        String[] head = {"import", fixture(), "--project", project, "--timezone", "UTC"};
        String[] all = Arrays.copyOf(head, head.length + MAP.length + extra.length);
        System.arraycopy(MAP, 0, all, head.length, MAP.length);
        System.arraycopy(extra, 0, all, head.length + MAP.length, extra.length);
        return all;
    }

    @Test
    void jsonSaysWhatWasDroppedAndTheProjectHoldsOnlyConsentingPersons() throws Exception {
        String project = dir.resolve("j").toString();
        assertEquals(0, cli(args(project, "--consent", "consent=yes,true,granted", "--json")),
                err.toString(StandardCharsets.UTF_8));
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(7, j.get("imported").asLong());
        assertEquals(1, j.get("rejected").asLong());
        assertEquals(17, j.get("read").asLong());
        assertEquals(3, j.get("persons").asInt());
        assertEquals(9, j.get("droppedEvents").asLong());
        assertEquals(4, j.get("droppedPersons").asInt());
        assertEquals(9, j.get("files").get(0).get("droppedEvents").asLong());
        assertEquals(4, j.get("files").get(0).get("droppedPersons").asInt());
        try (ProjectStore s = ProjectStore.open(Path.of(project))) {
            assertEquals(Set.of("alice", "carol", "dev-carol", "dave", "dev-shared"),
                    new TreeSet<>(Arrays.asList(s.events().loadColumns(TaskContext.NONE).identities())));
        }
    }

    @Test
    void textSaysHowManyEventsOfHowManyPersonsWereDropped() {
        String project = dir.resolve("t").toString();
        assertEquals(0, cli(args(project, "--consent", "consent=YES,True,granted")),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("9 events of 4 persons dropped: no consent"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badConsentOptionsAreRefused() {
        String project = dir.resolve("b").toString();
        assertEquals(2, cli(args(project, "--consent", "consent")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("COLUMN=v1,v2"));
        assertEquals(1, cli(args(project, "--consent", "gdpr=yes")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no column 'gdpr'"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(ProjectStore.projectFile(Path.of(project))));
    }
}
