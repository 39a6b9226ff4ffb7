package org.journeyexplorer.flink;

import org.journeyexplorer.ingest.TimeParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job reads most messages with its own flat reader ({@link FlatJson}) and the rest with Jackson: whatever a
 * message holds, the event read (or the reason it is rejected) must be what Jackson's reading gives.
 */
class EventDeserializerTest {
    private static final JobOptions O = JobOptions.parse("--bootstrap", "127.0.0.1:1", "--model", "m.json");
    private static final long T = Instant.parse("2025-03-01T10:00:00Z").getEpochSecond() * 1_000_000L;

    private static String describe(JourneyEvent e) {
        return e.kind == JourneyEvent.REJECTED ? "rejected: " + e.reason
                : e.user + " | " + e.device + " | " + e.type + " | " + e.timeMicros;
    }

    private static JourneyEvent fast(String json) {
        return EventDeserializer.parse(json.getBytes(StandardCharsets.UTF_8), O, new TimeParser(ZoneOffset.UTC),
                new FlatJson(O));
    }

    private static String jackson(String json) {
        return describe(EventDeserializer.parseWithJackson(json.getBytes(StandardCharsets.UTF_8), O,
                new TimeParser(ZoneOffset.UTC)));
    }

    @Test
    void plainMessagesAreReadWithoutJacksonAndAsJacksonReadsThem() {
        // read by hand: the values the fields hold
        assertEquals("u1 | d1 | view | " + T, describe(fast(
                "{\"user_id\":\"u1\",\"anonymous_id\":\"d1\",\"timestamp\":\"2025-03-01T10:00:00Z\",\"event\":\"view\"}")));
        assertEquals("null | d1 | buy | " + (T + 500_000), describe(fast(
                " {\n \"anonymous_id\" : \"d1\" ,\"other\":12.5e3, \"flag\":true, \"event\":\"buy\", "
                        + "\"timestamp\": \"2025-03-01T10:00:00.5Z\", \"user_id\": null}")));
        // epoch milliseconds as a JSON number: the text of the number goes to the app's time parser
        assertEquals("u2 | null | a | " + T, describe(fast("{\"user_id\":\"u2\",\"timestamp\":"
                + T / 1000 + ",\"event\":\"a\"}")));
        FlatJson flat = new FlatJson(O);
        for (String plain : List.of("{}", "{\"event\":\"x\",\"event\":\"y\"}", "{\"timestamp\":-1.5E+2}",
                "{\"a\":false,\"b\":null}")) {
            assertTrue(flat.read(plain.getBytes(StandardCharsets.UTF_8)), plain);
        }
        // a later field of the same name wins, as in Jackson's reading; a null leaves the earlier value
        assertTrue(flat.read("{\"event\":\"x\",\"event\":\"y\",\"user_id\":\"u\",\"user_id\":null}"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("y", flat.values[3]);
        assertEquals("u", flat.values[0]);
    }

    @Test
    void everyMessageReadsAsJacksonReadsIt() {
        String ok = "\"timestamp\":\"2025-03-01T10:00:00Z\",\"event\":\"view\"";
        List<String> messages = List.of(
                "{" + ok + "}",
                "{\"user_id\":\"u1\"," + ok + "}",
                "{\"user_id\":\"ü1\"," + ok + "}", // outside ASCII: Jackson's
                "{\"user_id\":\"u\\\"1\"," + ok + "}", // an escape: Jackson's
                "{\"user_id\":\"u\\u00e91\"," + ok + "}",
                "{\"props\":{\"a\":[1,2,{\"b\":\"c\"}]}," + ok + "}", // nested: Jackson's
                "{\"user_id\":{\"x\":1}," + ok + "}",
                "{\"user_id\":\"  u1  \",\"anonymous_id\":\"   \"," + ok + "}",
                "{\"user_id\":42," + ok + "}",
                "{\"user_id\":-0.5e-3," + ok + "}",
                "{\"user_id\":true," + ok + "}",
                "{" + ok + "} trailing text",
                "\uFEFF{" + ok + "}",
                "[1,2]",
                "\"text\"",
                "not json",
                "{",
                "{\"event\":\"x\"",
                "{\"event\":\"x\",}",
                "{\"event\" \"x\"}",
                "{\"event\":}",
                "{\"user_id\":012," + ok + "}",
                "{\"user_id\":1.," + ok + "}",
                "{\"user_id\":1e," + ok + "}",
                "{\"user_id\":-," + ok + "}",
                "{\"user_id\":tru," + ok + "}",
                "{\"user_id\":nulls," + ok + "}",
                "{\"user_id\":12a," + ok + "}",
                "{\"user_id\":\"u1\"\n\t," + ok + "}",
                "{\"user_id\":\"a\tb\"," + ok + "}", // a raw tab inside a string is not JSON
                "{\"timestamp\":\"yesterday\",\"event\":\"view\"}",
                "{\"timestamp\":\"2025-03-01T10:00:00Z\"}",
                "{\"timestamp\":\"2025-03-01T10:00:00Z\",\"event\":\"  \"}",
                "{\"event\":\"view\"}",
                "{\"timestamp\":1740823200,\"event\":\"view\"}",
                "{\"timestamp\":1740823200123456,\"event\":\"view\"}",
                "{\"timestamp\":\"2025-03-01 10:00:00\",\"event\":\"view\"}",
                "{\"timestamp\":null,\"event\":\"view\"}",
                "  ");
        for (String m : messages) {
            assertEquals(jackson(m), describe(fast(m)), m);
        }
        assertFalse(new FlatJson(O).read("{\"props\":{}}".getBytes(StandardCharsets.UTF_8)));
    }
}
