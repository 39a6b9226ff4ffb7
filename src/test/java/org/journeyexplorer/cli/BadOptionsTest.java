package org.journeyexplorer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every command the dispatcher knows, run with bad command lines: an unknown option and a bad value are refused with
 * one line and exit code 2; a command that fails (no such project or file) says so in one line with exit code 1;
 * never a stack trace or a Java class name.
 */
class BadOptionsTest {
    /** A Java class name as an exception would print it ({@code java.lang.IllegalArgumentException}). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(java|javax|org|com)\\.[a-z0-9_.]+\\.[A-Z]\\w*");

    @TempDir
    Path dir;

    private static void assertRefused(int code, String... args) {
        CliRun r = CliRun.of(args);
        String what = String.join(" ", args) + " → " + r.err();
        assertEquals(code, r.code(), what);
        assertEquals(1, r.err().strip().lines().count(), "one line: " + what);
        assertFalse(r.err().isBlank(), what);
        assertFalse(CLASS_NAME.matcher(r.err()).find(), "a Java class name: " + what);
        assertFalse(r.err().contains("\tat "), "a stack trace: " + what);
    }

    /** The command names of the dispatcher, read from its source so a new command is tested too. */
    private static List<String> commands() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/journeyexplorer/cli/Cli.java"));
        Matcher m = Pattern.compile("case \"([a-z-]+)\" ->").matcher(source);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyCommandRefusesAnUnknownOption() throws Exception {
        List<String> commands = commands();
        assertTrue(commands.size() >= 12, commands.toString());
        for (String c : commands) {
            if (c.equals("help")) {
                continue;
            }
            assertRefused(2, c, "--no-such-option");
            assertRefused(2, c, "--project", dir.resolve("p").toString(), "--frobnicate", "3");
        }
    }

    @Test
    void everyCommandRefusesBadValues() throws Exception {
        String p = dir.resolve("p").toString();
        Path csv = Files.writeString(dir.resolve("e.csv"), "user,time,event\na,2024-01-01 10:00:00,x\n");
        // each command's options of a kind, given a value of the wrong kind
        String[][] bad = {
                {"sessions", "--project", p, "--timeout", "x"},
                {"sessions", "--project", p, "--max-length", "-3h"},
                {"transitions", "--project", p, "--timeout", "soon"},
                {"flows", "--project", p, "--start", "a", "--steps", "x"},
                {"flows", "--project", p, "--start", "a", "--top", "0"},
                {"flows", "--project", p, "--start", "a", "--by", "weeks"},
                {"flows", "--project", p, "--start", "a", "--rename", "([=X"},
                {"flows", "--project", p, "--steps", "3", "--start", "a", "--end"},
                {"funnel", "--project", p, "--steps", "a,b", "--window", "tomorrow"},
                {"funnel", "--project", p, "--steps", "a,b", "--top-next", "-1"},
                {"funnel", "--project", p},
                {"predict", "--project", p, "--prefix", "a", "--timeout", "x"},
                {"predict", "--project", p, "--prefix", "a", "--top", "many"},
                {"predict", "--project", p},
                {"evaluate", csv.toString(), "--protocol", "other"},
                {"evaluate", csv.toString(), "--order", "two"},
                {"evaluate", csv.toString(), "--alpha", "-1"},
                {"evaluate", csv.toString(), "--features", "colour"},
                {"evaluate"},
                {"generate-demo", "--events", "lots", "--out", dir.resolve("d.csv").toString()},
                {"generate-demo", "--events", "10", "--seed", "x", "--out", dir.resolve("d.csv").toString()},
                {"generate-demo", "--events", "10"},
                {"import", csv.toString(), "--project", p, "--timezone", "Mars/Base"},
                {"import", csv.toString(), "--project", p, "--map", "colour=user"},
                {"import", csv.toString(), "--project", p, "--consent", "x"},
                {"import", csv.toString()},
                {"import", "--project", p},
                {"forget", "--project", p},
                {"export-person", "--project", p, "--id", "a"},
                {"audit"},
                {"drop-pseudonym-key", "--yes"},
                {"sessions", "--project"},
                {"sessions", "--project", p, "--threshold", "1.5"},
                {"sessions", "--project", p, "--probabilistic", "--no-probabilistic"},
                {"identity", "--project", p, "--threshold", "2"},
                {"identity", "--project", p, "--email-joins", "maybe"},
                {"identity", "--project", p, "--window", "10s"},
                {"identity", "--project", p, "--probabilistic", "--no-probabilistic"},
                {"identity"},
                {"import", csv.toString(), "--project", p, "--phone-region", "Atlantis"},
                {"import", csv.toString(), "--project", p, "--keep-plus-tags", "--strip-plus-tags"},
        };
        for (String[] args : bad) {
            assertRefused(2, args);
        }
        assertFalse(Files.exists(dir.resolve("p.jexp.mv.db")), "a refused command line must not create a project");
    }

    @Test
    void aFailingCommandSaysWhyInOneLine() throws Exception {
        String missing = dir.resolve("missing").toString();
        for (String c : List.of("sessions", "transitions", "audit", "drop-pseudonym-key")) {
            assertRefused(1, c, "--project", missing);
        }
        assertRefused(1, "flows", "--project", missing, "--start", "a");
        assertRefused(1, "funnel", "--project", missing, "--steps", "a,b");
        assertRefused(1, "predict", "--project", missing, "--prefix", "a");
        assertRefused(1, "forget", "--project", missing, "--id", "a");
        assertRefused(1, "export-person", "--project", missing, "--id", "a", "--out", dir.resolve("o.json").toString());
        assertRefused(1, "evaluate", dir.resolve("nothing.csv").toString());
        assertRefused(1, "import", dir.resolve("nothing.csv").toString(), "--project", missing);
        // a project file that is not a project
        Path junk = Files.writeString(dir.resolve("junk.jexp.mv.db"), "not a database");
        assertRefused(1, "sessions", "--project", junk.toString());
        assertEquals("not a database", Files.readString(junk));
    }
}
