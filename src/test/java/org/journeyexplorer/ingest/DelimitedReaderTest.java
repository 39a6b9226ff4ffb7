package org.journeyexplorer.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.journeyexplorer.ingest.RealLogsTest.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made CSV / TSV files: quoting, BOM, CRLF, rejects with their exact lines and reasons. */
class DelimitedReaderTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quotedDelimitersNewlinesAndDoubledQuotes() throws Exception {
        Path f = Fixtures.write(dir, "quotes.csv", """
                user_id,event,timestamp,note
                u1,click,2020-01-01T00:00:00Z,"a, b"
                u2,"multi
                line",2020-01-01T00:00:01Z,"say ""hi""\"
                u3,view,2020-01-01T00:00:02Z,
                "u4"," ",2020-01-01T00:00:03Z,x
                u5,"a ""quoted"" name",2020-01-01T00:00:04Z,""
                """);
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(List.of(2L, 3L, 5L, 7L), s.events.stream().map(ParsedEvent::line).toList());
        assertEquals(Map.of("note", "a, b"), JSON.readValue(s.events.get(0).propertiesJson(), Map.class));
        assertEquals("multi\nline", s.events.get(1).eventName());
        assertEquals(Map.of("note", "say \"hi\""), JSON.readValue(s.events.get(1).propertiesJson(), Map.class));
        assertNull(s.events.get(2).propertiesJson(), "an empty cell is no property");
        assertEquals(micros("2020-01-01T00:00:02Z"), s.events.get(2).timeMicros());
        // line 6: a quoted blank event name is no event name
        assertEquals(List.of(new CollectingSink.Reject(6, "no event name", "\"u4\",\" \",2020-01-01T00:00:03Z,x")),
                s.rejects);
        assertEquals("a \"quoted\" name", s.events.get(3).eventName());
        assertNull(s.events.get(3).propertiesJson());
    }

    @Test
    void bomAndCrlf() throws Exception {
        String text = "\uFEFFuser_id,event,timestamp\r\nu1,a,2020-01-01 10:00:00\r\nu2,\"b\r\nc\",2020-01-01 10:00:01\r\n"
                + "u3,d,2020-01-01 10:00:02";
        Path f = Fixtures.write(dir, "bom.csv", text);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(List.of("user_id", "event", "timestamp"), plan.columns());
        assertEquals(new ColumnMapping("user_id", null, "timestamp", null, "event"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(
                new ParsedEvent(2, "u1", null, micros("2020-01-01T10:00:00Z"), "a", null),
                new ParsedEvent(3, "u2", null, micros("2020-01-01T10:00:01Z"), "b\r\nc", null),
                new ParsedEvent(5, "u3", null, micros("2020-01-01T10:00:02Z"), "d", null)), s.events);
        assertEquals(List.of(), s.rejects);
    }

    @Test
    void tabSeparatedWithCommasInValues() throws Exception {
        Path f = Fixtures.write(dir, "events.tsv", "case_id\tactivity\ttime\tcomment\n"
                + "c1\tRegister, then check\t2021/03/04 05:06:07\tfine, thanks\n"
                + "c1\tDecide\t2021/03/04 05:07:00.5\t\n");
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals('\t', plan.delimiter());
        assertEquals(new ColumnMapping("case_id", null, "time", null, "activity"), plan.mapping());
        assertTrue(plan.timeFormatDescription().startsWith("yyyy/MM/dd HH:mm:ss"), plan.timeFormatDescription());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(2, s.events.size());
        assertEquals("Register, then check", s.events.get(0).eventName());
        assertEquals("{\"comment\":\"fine, thanks\"}", s.events.get(0).propertiesJson());
        assertEquals(micros("2021-03-04T05:07:00.500Z"), s.events.get(1).timeMicros());
    }

    @Test
    void rejectsCarryLineAndReason() throws Exception {
        Path f = Fixtures.write(dir, "rejects.csv", """
                user_id,anonymous_id,event,CompleteTimestamp
                u1,,a,2012-01-01 00:00:00
                ,,b,2012-01-01 00:00:00
                ,x1,c,2012-13-45
                u2,,,2012-01-01 00:00:00
                u3,,d,
                NULL,null,e,2012-01-01 00:00:00
                u4,,e,2012-01-01 00:00:00,extra

                u5,,f,2012-01-02
                u6,x6,g,2012-02-30 10:00:00
                ,x7,h,2012-01-01 00:00:00
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "CompleteTimestamp", null, "event"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(
                new CollectingSink.Reject(3, "no person or anonymous id", ",,b,2012-01-01 00:00:00"),
                new CollectingSink.Reject(4, "unreadable time '2012-13-45' in column CompleteTimestamp",
                        ",x1,c,2012-13-45"),
                new CollectingSink.Reject(5, "no event name", "u2,,,2012-01-01 00:00:00"),
                new CollectingSink.Reject(6, "no time in column CompleteTimestamp", "u3,,d,"),
                new CollectingSink.Reject(7, "no person or anonymous id", "NULL,null,e,2012-01-01 00:00:00"),
                new CollectingSink.Reject(8, "expected 4 columns, found 5", "u4,,e,2012-01-01 00:00:00,extra"),
                new CollectingSink.Reject(11, "unreadable time '2012-02-30 10:00:00' in column CompleteTimestamp",
                        "u6,x6,g,2012-02-30 10:00:00")), s.rejects);
        assertEquals(List.of(
                new ParsedEvent(2, "u1", null, micros("2012-01-01T00:00:00Z"), "a", null),
                new ParsedEvent(10, "u5", null, micros("2012-01-02T00:00:00Z"), "f", null),
                new ParsedEvent(12, null, "x7", micros("2012-01-01T00:00:00Z"), "h", null)), s.events);
    }

    @Test
    void epochSecondsMillisMicrosNanosByMagnitude() throws Exception {
        Path f = Fixtures.write(dir, "epoch.csv", """
                device_id,event_type,event_time
                d,s,1600000000
                d,ms,1600000000123
                d,us,1600000000123456
                d,ns,1600000000123456789
                d,frac,1600000000.25
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(new ColumnMapping(null, "device_id", "event_time", null, "event_type"), plan.mapping());
        assertTrue(plan.timeFormatDescription().startsWith("epoch seconds"), plan.timeFormatDescription());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(1_600_000_000_000_000L, 1_600_000_000_123_000L, 1_600_000_000_123_456L,
                        1_600_000_000_123_456L, 1_600_000_000_250_000L),
                s.events.stream().map(ParsedEvent::timeMicros).toList());
        assertEquals("d", s.events.get(0).anonymousId());
        assertNull(s.events.get(0).personId());
    }

    @Test
    void planZoneAppliesToValuesWithoutZoneOnly() throws Exception {
        Path f = Fixtures.write(dir, "zone.csv", """
                user_id,event,timestamp
                u,summer,2020-07-01 12:00:00
                u,winter,2020-01-01 12:00:00
                u,explicit,2020-07-01 12:00:00Z
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneId.of("Europe/Amsterdam"));
        assertEquals("yyyy-MM-dd HH:mm:ss (no zone → Europe/Amsterdam), and 1 other shape",
                plan.timeFormatDescription());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(micros("2020-07-01T10:00:00Z"), micros("2020-01-01T11:00:00Z"),
                micros("2020-07-01T12:00:00Z")), s.events.stream().map(ParsedEvent::timeMicros).toList());
        // the user may change the zone before importing
        CollectingSink utc = CollectingSink.readAll(plan.withZone(ZoneOffset.UTC));
        assertEquals(micros("2020-07-01T12:00:00Z"), utc.events.get(0).timeMicros());
    }

    @Test
    void editedMappingIsHonoured() throws Exception {
        Path f = Fixtures.write(dir, "edit.csv", """
                user_id,event,page,timestamp
                u1,page_view,/home,2020-01-01T00:00:00Z
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        CollectingSink s = CollectingSink.readAll(plan.withMapping(plan.mapping().withEvent("page")));
        assertEquals("/home", s.events.get(0).eventName());
        assertEquals("{\"event\":\"page_view\"}", s.events.get(0).propertiesJson());
        var noTime = plan.withMapping(plan.mapping().withTime(null));
        assertEquals("Choose the column that holds the time before importing edit.csv.",
                org.junit.jupiter.api.Assertions.assertThrows(org.journeyexplorer.core.UserFacingException.class,
                        () -> CollectingSink.readAll(noTime)).getMessage());
        var unknown = plan.withMapping(plan.mapping().withEvent("nope"));
        assertEquals("Column 'nope' is not in edit.csv (its columns: user_id, event, page, timestamp).",
                org.junit.jupiter.api.Assertions.assertThrows(org.journeyexplorer.core.UserFacingException.class,
                        () -> CollectingSink.readAll(unknown)).getMessage());
        assertEquals("yyyy-MM-dd'T'HH:mm:ssZ (UTC)", Ingest.describeTime(plan));
    }

    @Test
    void gzipRecognisedByContentNotName() throws Exception {
        byte[] csv = "user_id,event,timestamp\nu1,a,2020-01-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8);
        Path packed = Fixtures.write(dir, "events.csv", Fixtures.gzip(csv));
        ImportPlan plan = Ingest.inspect(packed, ZoneOffset.UTC);
        assertTrue(plan.gzip());
        assertEquals(1, CollectingSink.readAll(plan).events.size());
        Path plain = Fixtures.write(dir, "plain.csv.gz", csv);
        ImportPlan plainPlan = Ingest.inspect(plain, ZoneOffset.UTC);
        assertEquals(false, plainPlan.gzip());
        assertEquals(1, CollectingSink.readAll(plainPlan).events.size());
    }

    @Test
    void unclosedQuoteAtEndIsRejectedNotThrown() throws Exception {
        Path f = Fixtures.write(dir, "unclosed.csv", "user_id,event,timestamp\nu1,a,2020-01-01T00:00:00Z\n"
                + "u2,\"b,2020-01-01T00:00:00Z\nu3,c,2020-01-01T00:00:00Z\n");
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(1, s.events.size());
        assertEquals(1, s.rejects.size());
        assertEquals(3, s.rejects.get(0).line());
        assertEquals("a quoted field is not closed before the end of the file", s.rejects.get(0).reason());
    }

    /** Hands out at most a few bytes per read, so records straddle every possible buffer boundary. */
    private static final class Trickle extends java.io.FilterInputStream {
        private final java.util.Random rnd = new java.util.Random(11);

        Trickle(byte[] data) {
            super(new java.io.ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return super.read(b, off, Math.min(len, 1 + rnd.nextInt(5000)));
        }
    }

    @Test
    void parserAgreesWithANaiveModelOnRandomQuotedData() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        String alphabet = "ab,\"\n\r x;é";
        StringBuilder file = new StringBuilder();
        List<List<String>> expected = new java.util.ArrayList<>();
        List<Long> expectedLines = new java.util.ArrayList<>();
        long line = 1;
        for (int r = 0; r < 40_000; r++) {
            List<String> row = new java.util.ArrayList<>();
            int cells = 1 + rnd.nextInt(4);
            expectedLines.add(line);
            for (int c = 0; c < cells; c++) {
                StringBuilder v = new StringBuilder();
                // now and then a cell far larger than the parser's buffer
                int len = rnd.nextInt(20_000) == 0 ? 300_000 : rnd.nextInt(12);
                for (int i = 0; i < len; i++) {
                    v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String value = v.toString();
                row.add(value);
                if (c > 0) {
                    file.append(',');
                }
                boolean needsQuotes = value.isEmpty() ? rnd.nextBoolean()
                        : value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0 || rnd.nextInt(4) == 0;
                file.append(needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value);
                line += value.chars().filter(ch -> ch == '\n').count();
            }
            expected.add(row);
            file.append(rnd.nextBoolean() ? "\n" : "\r\n");
            line++;
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        CsvParser p = new CsvParser(new Trickle(bytes), ',');
        List<List<String>> actual = new java.util.ArrayList<>();
        List<Long> lines = new java.util.ArrayList<>();
        while (p.next()) {
            List<String> row = new java.util.ArrayList<>();
            for (int i = 0; i < p.count(); i++) {
                row.add(p.field(i));
            }
            actual.add(row);
            lines.add(p.line());
        }
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "record " + i);
        }
        assertEquals(expectedLines, lines);
    }

    @Test
    void windows1252ExportReadsAsText() throws Exception {
        byte[] cp1252 = "user_id;event;timestamp;city\nu1;café visit;2020-01-01 00:00:00;Zürich – €\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        CollectingSink s = CollectingSink.readAll(Fixtures.write(dir, "excel.csv", cp1252));
        assertEquals("café visit", s.events.get(0).eventName());
        assertEquals("{\"city\":\"Zürich – €\"}", s.events.get(0).propertiesJson());
        // valid UTF-8 stays UTF-8
        CollectingSink u = CollectingSink.readAll(Fixtures.write(dir, "utf8.csv",
                "user_id;event;timestamp\nu1;café – €;2020-01-01 00:00:00\n"));
        assertEquals("café – €", u.events.get(0).eventName());
    }

    @Test
    void roleNamesBeatSparseSamples() throws Exception {
        // people log in late: user_id is empty in every sampled row, but it is still the person column;
        // "device" is the device type, never an anonymous id
        StringBuilder sb = new StringBuilder("anonymous_id,user_id,device,event,timestamp\n");
        for (int i = 0; i < 1500; i++) {
            sb.append('a').append(i % 50).append(',').append(i < 1200 ? "" : "u" + (i % 50))
                    .append(",mobile,view,2020-01-01T00:00:00Z\n");
        }
        ImportPlan plan = Ingest.inspect(Fixtures.write(dir, "late.csv", sb.toString()), ZoneOffset.UTC);
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(1500, s.events.size());
        assertEquals(null, s.events.get(0).personId());
        assertEquals("u0", s.events.get(1200).personId());
        assertEquals("a0", s.events.get(1200).anonymousId());
        assertEquals("{\"device\":\"mobile\"}", s.events.get(1200).propertiesJson());

        ImportPlan typeOnly = Ingest.inspect(Fixtures.write(dir, "type.csv",
                "user_id,device,event,timestamp\nu1,mobile,view,2020-01-01T00:00:00Z\n"), ZoneOffset.UTC);
        assertEquals(new ColumnMapping("user_id", null, "timestamp", null, "event"), typeOnly.mapping());
    }

    @Test
    void excelSepHintAndTrailingDelimiters() throws Exception {
        Path f = Fixtures.write(dir, "excel-hint.csv", "sep=;\nuser_id;event;timestamp\nu1;a;2020-01-01 00:00:00;\n"
                + "u1;b;2020-01-01 00:00:01;;\nu1;c;2020-01-01 00:00:02;x\nu1;d;2020-01-01 00:00:03\n");
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(';', plan.delimiter());
        assertEquals(List.of("user_id", "event", "timestamp"), plan.columns());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of("a", "b", "d"), s.events.stream().map(ParsedEvent::eventName).toList());
        assertEquals(List.of(3L, 4L, 6L), s.events.stream().map(ParsedEvent::line).toList());
        assertEquals(List.of(new CollectingSink.Reject(5, "expected 3 columns, found 4", "u1;c;2020-01-01 00:00:02;x")),
                s.rejects);
    }

    @Test
    void oldMacLineEnds() throws Exception {
        Path f = Fixtures.write(dir, "mac.csv", "user_id,event,timestamp\ru1,a,2020-01-01 00:00:00\r"
                + "u2,b,2020-01-01 00:00:01\r");
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(List.of(
                new ParsedEvent(2, "u1", null, micros("2020-01-01T00:00:00Z"), "a", null),
                new ParsedEvent(3, "u2", null, micros("2020-01-01T00:00:01Z"), "b", null)), s.events);
    }

    @Test
    void aJsonObjectCellBecomesProperties() throws Exception {
        // Segment / Snowplow style: a props column holding a JSON object, next to ordinary columns
        Path f = Fixtures.write(dir, "props.csv", """
                user_id,event,timestamp,props,page
                u1,view,2020-01-01T00:00:00Z,"{""v"": 2, ""plan"": ""pro"", ""ok"": true, ""cart"": {""n"": 1}}",/home
                u2,view,2020-01-01T00:00:01Z,"{""page"": ""shadowed"", ""v"": null, ""w"": ""x""}",/a
                u3,view,2020-01-01T00:00:02Z,{not json},/b
                u4,view,2020-01-01T00:00:03Z,{},
                u5,view,2020-01-01T00:00:04Z,"[1, 2]",/c
                """);
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(5, s.events.size());
        // members become properties of their own; numbers, booleans and nested objects stay JSON values
        assertEquals("{\"v\":2,\"plan\":\"pro\",\"ok\":true,\"cart\":{\"n\":1},\"page\":\"/home\"}",
                s.events.get(0).propertiesJson());
        // a member named like a column leaves the column's value; a null member carries nothing
        assertEquals(Map.of("w", "x", "page", "/a"), JSON.readValue(s.events.get(1).propertiesJson(), Map.class));
        // text that only looks like an object stays one text property, and so does an array
        assertEquals(Map.of("props", "{not json}", "page", "/b"),
                JSON.readValue(s.events.get(2).propertiesJson(), Map.class));
        assertNull(s.events.get(3).propertiesJson(), "an empty object carries no property");
        assertEquals(Map.of("props", "[1, 2]", "page", "/c"),
                JSON.readValue(s.events.get(4).propertiesJson(), Map.class));
    }
}
