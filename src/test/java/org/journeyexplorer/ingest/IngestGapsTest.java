package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last bad-input gaps: numbers out of range in JSON, and XML parser chatter on stderr for broken XES. */
class IngestGapsTest {
    @TempDir
    Path dir;

    @Test
    void aJsonLineWithANumberOutOfRangeIsOneRejectedRow() throws Exception {
        Path f = Fixtures.write(dir, "big.jsonl", """
                {"user":"u1","event":"a","time":"2024-01-01T00:00:00Z","price":1e99999}
                {"user":"u1","event":"b","time":"2024-01-01T00:01:00Z"}
                {"user":"u1","event":"c","time":1e99999}
                {"user":"u1","event":"d","time":"2024-01-01T00:02:00Z","n":-1e99999,"nested":{"x":1e400}}
                {"user":"u1","event":"e","time":"2024-01-01T00:03:00Z","big":123456789012345678901234567890}
                """);
        CollectingSink s = CollectingSink.readAll(Ingest.inspect(f, ZoneOffset.UTC));
        assertEquals(List.of("b", "e"), s.events.stream().map(ParsedEvent::eventName).toList());
        assertEquals(List.of(1L, 3L, 4L), s.rejectLines());
        assertEquals("number out of range in price", s.rejects.get(0).reason());
        assertEquals("number out of range in time", s.rejects.get(1).reason());
        assertEquals("number out of range in n", s.rejects.get(2).reason());
        // a whole number too long for a long but finite as a double is a fine property, kept as written
        assertTrue(s.events.get(1).propertiesJson().contains("123456789012345678901234567890"),
                s.events.get(1).propertiesJson());
    }

    @Test
    void aJsonArrayElementWithANumberOutOfRangeIsOneRejectedRow() throws Exception {
        Path f = Fixtures.write(dir, "big.json", """
                [{"user":"u1","event":"a","time":"2024-01-01T00:00:00Z","price":1e99999},
                 {"user":"u1","event":"b","time":"2024-01-01T00:01:00Z"},
                 {"user":"u1","event":"c","time":"2024-01-01T00:02:00Z","properties":{"q":1E+99999}}]
                """);
        CollectingSink s = CollectingSink.readAll(Ingest.inspect(f, ZoneOffset.UTC));
        assertEquals(List.of("b"), s.events.stream().map(ParsedEvent::eventName).toList());
        assertEquals(List.of(1L, 3L), s.rejectLines());
        assertEquals("number out of range in price", s.rejects.get(0).reason());
        assertEquals("number out of range in q", s.rejects.get(1).reason());
    }

    @Test
    void brokenXesSaysNothingOnStandardError() throws Exception {
        // the third event's name has a byte that is not UTF-8 (a Latin-1 ÿ): the JDK's parser printed
        // "[Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence." before throwing
        String xes = """
                <?xml version="1.0" encoding="UTF-8"?>
                <log xes.version="1.0">
                  <trace><string key="concept:name" value="c1"/>
                    <event><string key="concept:name" value="A"/><date key="time:timestamp" value="2020-01-01T09:00:00Z"/></event>
                    <event><string key="concept:name" value="B"/><date key="time:timestamp" value="2020-01-01T09:01:00Z"/></event>
                    <event><string key="concept:name" value="C\u00ff"/><date key="time:timestamp" value="2020-01-01T09:02:00Z"/></event>
                  </trace>
                </log>
                """;
        Path f = Fixtures.write(dir, "broken.xes", xes.getBytes(StandardCharsets.ISO_8859_1));
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CollectingSink s;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            s = CollectingSink.readAll(Ingest.inspect(f, ZoneOffset.UTC));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("A", "B"), s.events.stream().map(ParsedEvent::eventName).toList());
        assertEquals(1, s.rejects.size());
        assertEquals("broken XML: bytes that are not valid text in the file's encoding (line 6); the rest of the file"
                + " cannot be read", s.rejects.get(0).reason());
    }
}
