package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-event score's direct byte writer writes what the plain way (StringBuilder, Instant) writes. */
class OutputsTest {

    @Test
    void timesAreInstantToString() {
        Random r = new Random(7);
        long[] fixed = {0, 1, 999, 1000, 1_000_000, -1, -1_000_001, 1_750_000_000_123_000L, 1_750_000_000_123_456L,
                253_402_300_799_999_999L, 253_402_300_800_000_000L, -62_135_596_800_000_000L};
        for (long m : fixed) {
            assertEquals("\"" + Outputs.time(m) + "\"", written(new Outputs.Json(4).time(m)), "micros " + m);
        }
        for (int i = 0; i < 100_000; i++) {
            long m = (long) (r.nextDouble() * 4e15) - 1_000_000_000_000_000L;
            if (i % 3 == 0) {
                m -= Math.floorMod(m, 1000); // whole milliseconds
            }
            assertEquals("\"" + Outputs.time(m) + "\"", written(new Outputs.Json(4).time(m)), "micros " + m);
        }
    }

    @Test
    void stringsAndNumbersReadBackAsWritten() throws Exception {
        for (String s : List.of("", "view_item", "a\"b", "back\\slash", "tab\there", "line\nbreak", "\u0001",
                "café", "日本語 ✓", "emoji 😀 end")) {
            JsonNode n = StreamFixture.JSON.readTree(written(new Outputs.Json(1).str(s)));
            assertEquals(s, n.asText());
        }
        assertEquals("null", written(new Outputs.Json(1).str(null)));
        for (double d : new double[]{0, 1, 0.1, 1e-7, 123456789.125, 2.5e-300, 1.0 / 3}) {
            String w = written(new Outputs.Json(1).num(d));
            assertEquals(d, Double.parseDouble(w), 0.0);
            assertEquals(Double.toString(d).toLowerCase(java.util.Locale.ROOT), w);
        }
        assertEquals("null", written(new Outputs.Json(1).num(Double.NaN)));
    }

    private static String written(Outputs.Json j) {
        return new String(j.bytes(), StandardCharsets.UTF_8);
    }
}
