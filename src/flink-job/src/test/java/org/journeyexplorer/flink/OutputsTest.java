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

    /**
     * Byte for byte what the StringBuilder path and {@code getBytes(UTF_8)} give, on random text of ASCII, escapes,
     * control characters, Latin-1, BMP characters, surrogate pairs and lone surrogates, through one reused writer.
     */
    @Test
    void stringsAreTheBytesOfThePlainWay() {
        Random r = new Random(11);
        char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\r', '\t', '\b', '\u0001', '\u001f', '\u007f', 'é', 'α',
                '\u07ff', '\u0800', '日', '✓', '\uffff', '\ud83d', '\ude00'};
        Outputs.Json j = new Outputs.Json(1);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                t.append(pool[r.nextInt(pool.length)]);
            }
            String s = t.toString();
            StringBuilder plain = new StringBuilder();
            Outputs.str(plain, s);
            j.reset();
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain.toString().getBytes(StandardCharsets.UTF_8),
                    j.str(s).bytes(), s);
        }
    }

    private static String written(Outputs.Json j) {
        return new String(j.bytes(), StandardCharsets.UTF_8);
    }
}
