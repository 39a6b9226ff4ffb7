package org.journeyexplorer.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line filters as the app's left panel does ({@code --dates FROM..TO} for the date range,
 * {@code --where key=value} for "Property equals"), through the same project session: the counts are hand-counted
 * on a log of three persons on three days.
 */
class CliFiltersTest {
    @TempDir
    Path dir;
    private String project;

    @BeforeEach
    void importTheLog() throws Exception {
        // noon UTC, days apart: the same days in any time zone within 11 hours of UTC
        Path events = Files.writeString(dir.resolve("e.csv"), """
                user,time,event,country
                u1,2024-01-01T12:00:00Z,home,FR
                u1,2024-01-01T12:00:10Z,search,FR
                u1,2024-01-01T12:00:30Z,buy,FR
                u2,2024-01-03T12:00:00Z,home,DE
                u2,2024-01-03T12:00:30Z,buy,DE
                u3,2024-01-05T12:00:00Z,home,FR
                u3,2024-01-05T12:00:20Z,search,FR
                """);
        project = dir.resolve("p").toString();
        CliRun.ok("import", events.toString(), "--project", project);
    }

    private static String csv(String... rows) {
        return String.join("\r\n", rows) + "\r\n";
    }

    @Test
    void transitionsOfTheEventsThatPassTheFilters() {
        String header = "from,to,count,probability,median_seconds,p90_seconds";
        assertEquals(csv(header, "START,home,3,1.000000,,", "home,search,2,0.666667,10.000,20.000",
                "home,buy,1,0.333333,30.000,30.000", "search,buy,1,0.500000,20.000,20.000", "search,END,1,0.500000,,",
                "buy,END,2,1.000000,,"), CliRun.ok("transitions", "--project", project, "--csv"));
        // France: u1's and u3's sessions, u2's home → buy gone
        assertEquals(csv(header, "START,home,2,1.000000,,", "home,search,2,1.000000,10.000,20.000",
                "search,buy,1,0.500000,20.000,20.000", "search,END,1,0.500000,,", "buy,END,1,1.000000,,"),
                CliRun.ok("transitions", "--project", project, "--csv", "--where", "country=FR"));
        // 2 to 4 January: u2 alone
        assertEquals(csv(header, "START,home,1,1.000000,,", "home,buy,1,1.000000,30.000,30.000",
                "buy,END,1,1.000000,,"),
                CliRun.ok("transitions", "--project", project, "--csv", "--dates", "2024-01-02..2024-01-04"));
        // one day alone; both filters together
        assertEquals(CliRun.ok("transitions", "--project", project, "--csv", "--dates", "2024-01-03..2024-01-03"),
                CliRun.ok("transitions", "--project", project, "--csv", "--dates", "2024-01-03"));
        assertEquals(csv(header, "START,home,1,1.000000,,", "home,search,1,1.000000,20.000,20.000",
                "search,END,1,1.000000,,"), CliRun.ok("transitions", "--project", project, "--csv", "--where",
                "country=FR", "--dates", "2024-01-02.."));
    }

    @Test
    void flowsSayTheirFiltersInTheCaptionAsTheAppsExportDoes() {
        String out = CliRun.ok("flows", "--project", project, "--start", "home", "--steps", "2", "--csv",
                "--caption", "--dates", "..2024-01-01", "--where", "country=FR");
        assertTrue(out.contains("\r\n# Dates: … – 2024-01-01\r\n# Filters: country = FR\r\n"), out);
        assertTrue(out.contains("\r\nnode,0,0,home,1,100.00,0,0,0,,,,,,\r\n"), out); // u1 only
        assertTrue(out.contains("\r\nlink,2,,,1,100.00,,,,1,search,2,buy,20.000,\r\n"), out);
    }

    @Test
    void aFunnelOfTheFilteredPersons() {
        // France: u1 reaches buy, u3 stops at search; without the filter u2 converts too
        assertTrue(CliRun.ok("funnel", "--project", project, "--steps", "home,buy", "--by", "persons", "--where",
                "country=FR").contains("converted 1 of 2 (50.0%)"));
        assertTrue(CliRun.ok("funnel", "--project", project, "--steps", "home,buy", "--by", "persons")
                .contains("converted 2 of 3 (66.7%)"));
    }

    @Test
    void filtersThatCannotBeReadAreRefusedWithWhatTheyTake() {
        CliRun r = CliRun.of("transitions", "--project", project, "--csv", "--dates", "2024-13-01");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--dates takes FROM..TO as days, e.g. 2025-09-01..2025-09-30"), r.err());
        r = CliRun.of("flows", "--project", project, "--csv", "--where", "country");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--where takes key=value"), r.err());
        r = CliRun.of("funnel", "--project", project, "--steps", "home,buy", "--dates", "2024-01-05..2024-01-01");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--dates 2024-01-05..2024-01-01: the last day is before the first."), r.err());
    }
}
