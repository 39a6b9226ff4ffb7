package org.journeyexplorer.ingest;

import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.journeyexplorer.ingest.RealLogsTest.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made XES: globals and nested attributes ignored, bad dates rejected, broken XML stops cleanly. */
class XesReaderTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
              <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
              <string key="concept:name" value="the log"/>
              <trace>
                <string key="concept:name" value="case-1"/>
                <int key="age" value="42"/>
                <event>
                  <string key="concept:name" value="A"/>
                  <date key="time:timestamp" value="2020-01-01T10:00:00.000+01:00"/>
                  <string key="org:resource" value="Ann"/>
                  <list key="items"><values><string key="x" value="nested"/></values></list>
                </event>
                <event>
                  <string key="concept:name" value="B"/>
                  <date key="time:timestamp" value="2020-13-45T10:00:00"/>
                </event>
                <event>
                  <string key="concept:name" value="C"/>
                  <date key="time:timestamp" value="2020-01-01T12:00:00Z"/>
                </event>
            """;

    @Test
    void eventsWithTraceAttributes() throws Exception {
        Path f = Fixtures.write(dir, "log.xes", HEAD + """
                  </trace>
                  <trace>
                    <string key="concept:name" value="case-2"/>
                    <event><string key="concept:name" value="D"/><date key="time:timestamp" value="2020-01-02T00:00:00Z"/></event>
                  </trace>
                </log>
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        // the list attribute has no value of its own and is skipped with its nested attributes
        assertEquals(List.of("case:concept:name", "case:age", "concept:name", "time:timestamp", "org:resource"),
                plan.columns());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(
                new ParsedEvent(1, "case-1", null, micros("2020-01-01T09:00:00Z"), "A",
                        "{\"case:age\":\"42\",\"org:resource\":\"Ann\"}"),
                new ParsedEvent(3, "case-1", null, micros("2020-01-01T12:00:00Z"), "C", "{\"case:age\":\"42\"}"),
                new ParsedEvent(4, "case-2", null, micros("2020-01-02T00:00:00Z"), "D", null)), s.events);
        assertEquals(1, s.rejects.size());
        assertEquals(2, s.rejects.get(0).line());
        assertEquals("unreadable time '2020-13-45T10:00:00' in column time:timestamp", s.rejects.get(0).reason());
    }

    @Test
    void brokenXmlRejectsTheRestAndStops() throws Exception {
        Path f = Fixtures.write(dir, "broken.xes", HEAD + """
                    <event>
                      <string key="concept:name" value="D"
                    </event>
                  </trace>
                </log>
                """);
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(List.of("A", "C"), s.events.stream().map(ParsedEvent::eventName).toList());
        assertEquals(List.of(2L, 4L), s.rejectLines());
        assertTrue(s.rejects.get(1).reason().startsWith("broken XML: "), s.rejects.get(1).reason());
        assertTrue(s.rejects.get(1).reason().endsWith("the rest of the file cannot be read"));
    }

    @Test
    void truncatedGzipXesKeepsWhatWasRead() throws Exception {
        StringBuilder more = new StringBuilder(HEAD);
        for (int i = 0; i < 2000; i++) {
            more.append("<event><string key=\"concept:name\" value=\"E").append(i)
                    .append("\"/><date key=\"time:timestamp\" value=\"2020-01-01T12:00:00Z\"/></event>\n");
        }
        String full = more + "  </trace>\n</log>\n";
        byte[] gz = Fixtures.gzip(full);
        Path f = Fixtures.write(dir, "cut.xes.gz", java.util.Arrays.copyOf(gz, gz.length - 20));
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertTrue(plan.gzip());
        CollectingSink s = new CollectingSink();
        // a truncated gzip surfaces either as broken XML at the end or as a user-facing error; never a raw trace
        try {
            Ingest.read(plan, s, org.journeyexplorer.core.TaskContext.NONE);
            assertTrue(s.rejects.get(s.rejects.size() - 1).reason().startsWith("broken XML"));
        } catch (UserFacingException e) {
            assertTrue(e.getMessage().contains("cut.xes.gz"), e.getMessage());
        }
        assertTrue(s.events.size() >= 100, "events before the damage are kept: " + s.events.size());
    }

    @Test
    void xmlThatIsNotXes() throws Exception {
        Path f = Fixtures.write(dir, "pom.xml", "<?xml version=\"1.0\"?><project><a/></project>");
        UserFacingException e = assertThrows(UserFacingException.class, () -> Ingest.inspect(f, ZoneOffset.UTC));
        assertEquals("pom.xml does not look like an event file: it is XML but not XES (no <log> element). "
                + "Journey Explorer reads CSV/TSV, JSON Lines, JSON and XES, optionally gzip-compressed.", e.getMessage());
    }
}
