package org.journeyexplorer.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class CliUsageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommandTheDispatcherKnows() throws Exception {
        assertEquals(0, run("--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        // every `case "x" ->` in the dispatcher must be documented, so a new command cannot be forgotten
        String source = Files.readString(Path.of("src/main/java/org/journeyexplorer/cli/Cli.java"));
        Matcher m = Pattern.compile("case \"([a-z-]+)\" ->").matcher(source);
        int commands = 0;
        while (m.find()) {
            commands++;
            assertTrue(usage.contains("  " + m.group(1) + " "), "--help does not mention " + m.group(1));
        }
        assertTrue(commands >= 12, "found only " + commands + " commands");
    }

    @Test
    void unknownCommandPointsToHelp() {
        assertEquals(2, run("frobnicate"));
        assertEquals("Unknown command: frobnicate (journey-explorer --help lists the commands)",
                err.toString(StandardCharsets.UTF_8).trim());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
