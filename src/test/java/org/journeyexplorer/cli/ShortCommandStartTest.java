package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.project.ProjectSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short commands of the issue 16 benchmark ({@code sessions --json}, {@code transitions --csv}, {@code flows})
 * read the project's settings and write their JSON without Jackson's {@code ObjectMapper}, whose first use costs a
 * fresh process 60-90 ms of CPU, and print what the mapper printed.
 */
class ShortCommandStartTest {
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper ";
    private static final String SECURE_RANDOM = "java.security.SecureRandom ";
    /** What DriverManager loads when it first looks up the drivers, not when H2's driver registers itself. */
    private static final String DRIVER_LOOKUP = "java.sql.DriverManager$1 ";

    @TempDir
    Path dir;

    @Test
    void shortCommandsRunWithoutAnObjectMapper() throws Exception {
        Path csv = dir.resolve("e.csv");
        StringBuilder b = new StringBuilder("user_id,timestamp,event_type,props\n");
        String[] types = {"search", "page_view", "product_view", "add_to_cart", "purchase"};
        for (int i = 0; i < 300; i++) {
            b.append('u').append(i % 7).append(",2025-09-01T").append(String.format("%02d:%02d:00Z", i / 60 % 24,
                    i % 60)).append(',').append(types[i % 5]).append(",\"{\"\"sku\"\":").append(i).append("}\"\n");
        }
        Files.writeString(csv, b);
        Path project = dir.resolve("p");
        CliRun.ok("import", csv.toString(), "--project", project.toString());
        try (ProjectSession s = ProjectSession.open(project)) {
            // stored settings, so they are read (the default ones are not stored)
            s.saveIdentitySettings(new IdentitySettings(true, true, false, false, 0.8, 30, Set.of("u3")));
        }

        String sessions = fresh("sessions", "--project", project.toString(), "--json");
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        assertEquals(m.writeValueAsString(m.readTree(sessions)), sessions.strip(), "as the mapper writes it");
        assertEquals(CliRun.ok("sessions", "--project", project.toString(), "--json"), sessions);
        assertTrue(m.readTree(sessions).get("sessions").asInt() > 0, sessions);
        assertEquals(CliRun.ok("transitions", "--project", project.toString(), "--csv"),
                fresh("transitions", "--project", project.toString(), "--csv"));
        assertEquals(CliRun.ok("flows", "--project", project.toString(), "--start", "search", "--steps", "3"),
                fresh("flows", "--project", project.toString(), "--start", "search", "--steps", "3"));
    }

    /** The command's output in a JVM of its own, checked to have loaded no {@code ObjectMapper}. */
    private String fresh(String... args) throws IOException, InterruptedException {
        Path classes = dir.resolve("classes-" + args[0] + ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                "org.journeyexplorer.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), args[0] + ": " + out);
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("org.journeyexplorer.Main ")), "the log lists classes");
        assertFalse(loaded.stream().anyMatch(l -> l.contains(MAPPER)), args[0] + " loaded an ObjectMapper");
        // nor seeded a SecureRandom (a temporary file's random name) or looked up JDBC drivers through the class path
        // (DriverManager.getConnection): 15-20 ms each of a short command's start (issue 16)
        for (String slow : List.of(SECURE_RANDOM, DRIVER_LOOKUP)) {
            assertFalse(loaded.stream().anyMatch(l -> l.contains(slow)), args[0] + " loaded " + slow);
        }
        return out.replace(System.lineSeparator(), "\n");
    }
}
