package org.journeyexplorer.ingest;

import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Messages read one at a time: the JSON Lines detection and parsing, plus the stream's own rejects. */
class JsonMessagesTest {

    private static List<byte[]> bytes(String... messages) {
        List<byte[]> out = new ArrayList<>();
        for (String m : messages) {
            out.add(m == null ? null : m.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void detectsRolesInsideMixpanelStyleProperties() {
        ImportPlan p = JsonMessages.inspect("topic t", bytes(
                "{\"event\":\"open\",\"properties\":{\"time\":1759305600,\"distinct_id\":\"d1\",\"plan\":\"pro\"}}",
                "not json", null,
                "{\"event\":\"buy\",\"properties\":{\"time\":1759305660,\"distinct_id\":\"d1\"}}"), ZoneOffset.UTC);
        assertEquals(new ColumnMapping(null, "properties.distinct_id", "properties.time", null, "event"), p.mapping());
        assertNull(p.file());
        List<String> out = new ArrayList<>();
        JsonMessages.Reader r = new JsonMessages.Reader(p, 100);
        EventSink sink = new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                out.add(e.line() + " " + e.anonymousId() + " " + e.timeMicros() + " " + e.eventName() + " "
                        + e.propertiesJson());
            }

            @Override
            public void reject(long line, String reason, String raw) {
                out.add(line + " rejected: " + reason + " / " + raw);
            }
        };
        r.read(7, "{\"event\":\"open\",\"properties\":{\"time\":1759305600,\"distinct_id\":\"d1\",\"plan\":\"pro\"}}"
                .getBytes(StandardCharsets.UTF_8), sink);
        r.read(8, null, sink);
        r.read(9, "  \n".getBytes(StandardCharsets.UTF_8), sink);
        r.read(10, ("{\"event\":\"x\",\"pad\":\"" + "y".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8), sink);
        r.read(11, "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8), sink);
        assertEquals(List.of(
                "7 d1 1759305600000000 open {\"plan\":\"pro\"}",
                "8 rejected: empty message / null",
                "9 rejected: empty message /   \n",
                "10 rejected: message of 1 KB is larger than the limit of 1 KB / {\"event\":\"x\",\"pad\":\""
                        + "y".repeat(200) + "\"}",
                "11 rejected: no person or anonymous id / {\"event\":\"x\"}"), out);
    }

    @Test
    void saysWhyNothingCanBeDetected() {
        UserFacingException none = assertThrows(UserFacingException.class,
                () -> JsonMessages.inspect("topic \"t\"", List.of(), ZoneOffset.UTC));
        assertEquals("No message arrived from topic \"t\" to detect its fields from; try again when events flow, or"
                + " start from the earliest message.", none.getMessage());
        UserFacingException notJson = assertThrows(UserFacingException.class,
                () -> JsonMessages.inspect("topic \"t\"", bytes("a,b", "[1]"), ZoneOffset.UTC));
        assertEquals("None of the first 2 messages of topic \"t\" is a JSON object; Journey Explorer reads JSON"
                + " events (one object per message).", notJson.getMessage());
        ImportPlan noTime = JsonMessages.inspect("t", bytes("{\"user\":\"a\",\"event\":\"x\"}"), ZoneOffset.UTC);
        UserFacingException open = assertThrows(UserFacingException.class,
                () -> new JsonMessages.Reader(noTime, 1000));
        assertEquals("Choose the field that holds the time of each event.", open.getMessage());
    }
}
