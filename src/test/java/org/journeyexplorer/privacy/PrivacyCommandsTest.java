package org.journeyexplorer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.journeyexplorer.privacy.PrivacyFixture.*;
import static org.junit.jupiter.api.Assertions.*;

class PrivacyCommandsTest {
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

    @Test
    void forgetExportAndAuditFromTheCommandLine() throws Exception {
        String p;
        try (ProjectStore s = project(dir, "p", false)) {
            p = s.file().toString();
        }
        Path json = dir.resolve("out.json");
        assertEquals(0, cli("export-person", "--project", p, "--id", KIM, "--out", json.toString()), err.toString());
        assertEquals(6, new ObjectMapper().readTree(json.toFile()).get("events").size());

        assertEquals(1, cli("forget", "--project", p, "--id", "nobody-123"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No person with the id \"nobody-123\""), err.toString());
        assertEquals(2, cli("forget", "--project", p));

        assertEquals(0, cli("forget", "--project", p, "--id", KIM_PHONE, "--json"), err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(6, r.get("eventsDeleted").asLong());
        assertEquals(0, r.get("verification").get("findings").size());

        assertEquals(0, cli("audit", "--project", p, "--csv"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertEquals("time,user,action,details,count", lines[0]);
        assertEquals(4, lines.length); // import, export-person, forget-person
        assertTrue(lines[2].contains(",export-person,1 person,") || lines[2].contains(",export-person,\"1 person"),
                lines[2]);
        assertTrue(lines[3].endsWith(",6"), lines[3]);
        assertTrue(Files.exists(json));
    }
}
