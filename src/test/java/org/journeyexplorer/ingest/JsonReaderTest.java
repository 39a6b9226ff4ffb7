package org.journeyexplorer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.journeyexplorer.ingest.RealLogsTest.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON Lines and JSON arrays: roles from top-level fields, nested properties merged, malformed lines rejected. */
class JsonReaderTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLinesWithMalformedLines() throws Exception {
        Path f = Fixtures.write(dir, "events.jsonl", """
                {"userId":"u1","anonymousId":"a1","event":"Signed Up","timestamp":"2020-05-01T10:00:00.123Z","properties":{"plan":"pro","seats":3},"context":{"ip":"1.2.3.4"}}
                {"userId":"u1","event":"Broken", "timestamp":
                
                {"anonymousId":"a2","event":"Viewed","timestamp":1588327200000,"properties":{}}
                [1,2]
                {"userId":"u3","timestamp":"2020-05-01T10:00:00Z","properties":{"x":1}}
                {"type":"identify","userId":"u2","anonymousId":"a2","timestamp":"2020-05-01T10:00:01Z","traits":{"email":"x@y.z"}}
                {"userId":"u4","event":"Late","timestamp":"yesterday"}
                {"userId":"u5","event":"Twice","timestamp":"2020-05-01T10:00:02Z","a":1} {"b":2}
                {"userId":"u6","event":"After","timestamp":"2020-05-01T10:00:03Z","c":3}
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(FileFormat.JSON_LINES, plan.format());
        assertEquals(new ColumnMapping("userId", "anonymousId", "timestamp", null, "event"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(2L, 5L, 6L, 8L, 9L), s.rejectLines());
        assertEquals("malformed JSON: more than one value on the line", s.rejects.get(4).reason());
        assertTrue(s.rejects.get(0).reason().startsWith("malformed JSON: "), s.rejects.get(0).reason());
        assertEquals("not a JSON object", s.rejects.get(1).reason());
        assertEquals("no event name", s.rejects.get(2).reason());
        assertEquals("unreadable time 'yesterday' in column timestamp", s.rejects.get(3).reason());
        assertEquals("{\"userId\":\"u4\",\"event\":\"Late\",\"timestamp\":\"yesterday\"}", s.rejects.get(3).raw());

        assertEquals(List.of(1L, 4L, 7L, 10L), s.events.stream().map(ParsedEvent::line).toList());
        assertEquals("{\"c\":3}", s.events.get(3).propertiesJson(), "nothing left over from the rejected line");
        ParsedEvent first = s.events.get(0);
        assertEquals("u1", first.personId());
        assertEquals("a1", first.anonymousId());
        assertEquals("Signed Up", first.eventName());
        assertEquals(micros("2020-05-01T10:00:00.123Z"), first.timeMicros());
        // the properties object is merged with the other non-role fields; nested values stay JSON
        assertEquals(JSON.readTree("{\"plan\":\"pro\",\"seats\":3,\"context\":{\"ip\":\"1.2.3.4\"}}"),
                JSON.readTree(first.propertiesJson()));

        ParsedEvent second = s.events.get(1);
        assertNull(second.personId());
        assertEquals("a2", second.anonymousId());
        assertEquals(1_588_327_200_000_000L, second.timeMicros(), "epoch milliseconds as a JSON number");
        assertNull(second.propertiesJson(), "an empty properties object adds nothing");

        // an identify call: both ids from the top-level fields, named by its type
        ParsedEvent identify = s.events.get(2);
        assertEquals(new ParsedEvent(7, "u2", "a2", micros("2020-05-01T10:00:01Z"), "identify",
                "{\"type\":\"identify\",\"traits\":{\"email\":\"x@y.z\"}}"), identify);
    }

    @Test
    void jsonArrayWithRecordNumbers() throws Exception {
        Path f = Fixtures.write(dir, "events.json", """
                [
                  {"user_id": "u1", "event_name": "open", "time": "2020-01-01 00:00:00", "n": 1.5},
                  "not an object",
                  {"user_id": "u1", "event_name": "", "time": "2020-01-01 00:00:01"},
                  {"user_id": 42, "event_name": "close", "time": "2020-01-01 00:00:02", "ok": true}
                ]
                """);
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertEquals(FileFormat.JSON_ARRAY, plan.format());
        assertEquals(List.of("user_id", "event_name", "time", "n", "ok"), plan.columns());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(List.of(
                new ParsedEvent(1, "u1", null, micros("2020-01-01T00:00:00Z"), "open", "{\"n\":1.5}"),
                new ParsedEvent(4, "42", null, micros("2020-01-01T00:00:02Z"), "close", "{\"ok\":true}")),
                s.events);
        assertEquals(List.of(2L, 3L), s.rejectLines());
        assertEquals("not a JSON object", s.rejects.get(0).reason());
        assertEquals("no event name", s.rejects.get(1).reason());

        List<Map<String, String>> preview = Ingest.previewRaw(plan, 10);
        assertEquals(3, preview.size());
        assertEquals("1.5", preview.get(0).get("n"));
        assertEquals("", preview.get(0).get("ok"));
    }

    @Test
    void brokenJsonArrayStopsCleanly() throws Exception {
        Path f = Fixtures.write(dir, "broken.json", """
                [{"user_id":"u1","event":"a","timestamp":"2020-01-01T00:00:00Z"},
                 {"user_id":"u1","event":"b","timestamp":"2020-01-01T00:00:01Z"},
                 {"user_id":"u1","event":"c" "timestamp":"2020-01-01T00:00:02Z"},
                 {"user_id":"u1","event":"d","timestamp":"2020-01-01T00:00:03Z"}]
                """);
        CollectingSink s = CollectingSink.readAll(f);
        assertEquals(2, s.events.size());
        assertEquals(1, s.rejects.size());
        assertEquals(3, s.rejects.get(0).line());
        assertTrue(s.rejects.get(0).reason().startsWith("malformed JSON: "), s.rejects.get(0).reason());
    }

    @Test
    void firstLineNotJsonIsNotAnEventFile() throws Exception {
        Path f = Fixtures.write(dir, "pretty.json", "{\n  \"user_id\": \"u1\"\n}\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.journeyexplorer.core.UserFacingException.class,
                () -> Ingest.inspect(f, ZoneOffset.UTC));
        assertTrue(e.getMessage().startsWith("pretty.json starts like JSON but its first line is not a complete"),
                e.getMessage());
    }

    @Test
    void readsNestedValuesAsText() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode n = m.readTree("{\"a\":{\"b\":1},\"c\":1.0E2,\"d\":null}");
        assertEquals("{\"b\":1}", JsonReader.text((com.fasterxml.jackson.databind.node.ObjectNode) n, "a"));
        assertEquals("100.0", JsonReader.text((com.fasterxml.jackson.databind.node.ObjectNode) n, "c"));
        assertNull(JsonReader.text((com.fasterxml.jackson.databind.node.ObjectNode) n, "d"));
    }

    @Test
    void longLinesAndCrlfKeepTheirLineNumbers() throws Exception {
        StringBuilder sb = new StringBuilder();
        String big = "x".repeat(400_000);
        for (int i = 1; i <= 20; i++) {
            sb.append("{\"user_id\":\"u").append(i).append("\",\"event\":\"e\",\"time\":\"2020-01-01T00:00:00Z\"");
            if (i % 7 == 0) {
                sb.append(",\"blob\":\"").append(big).append('"');
            }
            sb.append(i % 2 == 0 ? "}\r\n" : "}\n");
        }
        CollectingSink s = CollectingSink.readAll(Fixtures.write(dir, "long.jsonl", sb.toString()));
        assertEquals(20, s.events.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, s.events.get(i).line());
            assertEquals("u" + (i + 1), s.events.get(i).personId());
        }
        assertEquals(400_000 + "{\"blob\":\"\"}".length(), s.events.get(6).propertiesJson().length());
    }

    @Test
    void mixpanelKeepsTimeAndIdsInsideProperties() throws Exception {
        String text = """
                {"event":"Signed up","properties":{"time":1618716477,"distinct_id":"d1","$user_id":"u1","city":"SF"}}
                {"event":"Viewed","properties":{"time":1618716478000,"distinct_id":"d1","plan":null}}
                """;
        for (String name : new String[]{"mp.jsonl", "mp.json"}) {
            String content = name.endsWith("l") ? text
                    : "[" + String.join(",", text.strip().split("\n")) + "]";
            ImportPlan plan = Ingest.inspect(Fixtures.write(dir, name, content), ZoneOffset.UTC);
            assertEquals(new ColumnMapping("properties.$user_id", "properties.distinct_id", "properties.time", null,
                    "event"), plan.mapping(), name);
            assertEquals(List.of("event", "properties.time", "properties.distinct_id", "properties.$user_id",
                    "properties.city", "properties.plan"), plan.columns());
            CollectingSink s = CollectingSink.readAll(plan);
            assertEquals(List.of(
                    new ParsedEvent(1, "u1", "d1", 1_618_716_477_000_000L, "Signed up", "{\"city\":\"SF\"}"),
                    new ParsedEvent(2, null, "d1", 1_618_716_478_000_000L, "Viewed", null)), s.events, name);
        }
    }
}
