package org.journeyexplorer.cli;

import org.journeyexplorer.export.FlowsCsv;
import org.journeyexplorer.export.TransitionsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's {@code --csv} is for scripts: plain CSV whose first line is the header, so a reader that knows
 * nothing of comment lines (pandas' default, Python's csv module, R's read.csv, a spreadsheet) gets the columns;
 * {@code --caption} adds the app's {@code #} caption lines in front of exactly the same bytes.
 */
class CsvOutputTest {
    @TempDir
    Path dir;

    @Test
    void csvStartsWithTheHeaderAndTheCaptionIsAskedFor() throws Exception {
        Path events = Files.writeString(dir.resolve("e.csv"), """
                user,time,event
                u1,2024-01-01T10:00:00Z,home
                u1,2024-01-01T10:00:10Z,search
                u2,2024-01-01T11:00:00Z,home
                u2,2024-01-01T11:00:30Z,buy
                """);
        String project = dir.resolve("p").toString();
        CliRun.ok("import", events.toString(), "--project", project);

        for (List<String> cmd : List.of(List.of("transitions", "--project", project, "--csv"),
                List.of("flows", "--project", project, "--start", "home", "--steps", "2", "--csv"))) {
            String plain = CliRun.ok(cmd.toArray(String[]::new));
            String header = String.join(",", cmd.get(0).equals("flows") ? FlowsCsv.COLUMNS : TransitionsCsv.COLUMNS);
            assertTrue(plain.startsWith(header + "\r\n"), plain);
            assertFalse(plain.lines().anyMatch(l -> l.startsWith("#")), plain);
            // every row as wide as the header: what a reader without comment handling needs
            int width = header.split(",", -1).length;
            plain.lines().forEach(l -> assertEquals(width, l.split(",", -1).length, l));

            String captioned = CliRun.ok(Stream.concat(cmd.stream(), Stream.of("--caption")).toArray(String[]::new));
            assertTrue(captioned.startsWith("# "), captioned);
            assertTrue(captioned.contains("\r\n# Project: p\r\n# Dates: all dates\r\n# Filters: none\r\n"), captioned);
            assertEquals(plain, captioned.substring(captioned.indexOf("\r\n" + header) + 2));
        }
        // home → search once and home → buy once: half each, hand-counted
        String tr = CliRun.ok("transitions", "--project", project, "--csv");
        assertTrue(tr.contains("\r\nhome,search,1,0.500000,10.000,10.000\r\n"), tr);
        assertTrue(tr.contains("\r\nhome,buy,1,0.500000,30.000,30.000\r\n"), tr);
    }
}
