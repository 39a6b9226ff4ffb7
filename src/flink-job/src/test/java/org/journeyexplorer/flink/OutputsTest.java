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

    /**
     * One writer, reused as a stage reuses it: times of many days in random order and runs of the same day each
     * read back as {@link Outputs#time} writes them (the writer keeps the date it wrote last).
     */
    @Test
    void timesThroughOneWriterAreInstantToString() {
        Random r = new Random(5);
        Outputs.Json j = new Outputs.Json(4);
        long base = 1_750_000_000_000_000L;
        for (int i = 0; i < 50_000; i++) {
            long m = i % 2 == 0 ? base + (long) (r.nextDouble() * 86_400_000_000L * 400)
                    : (long) (r.nextDouble() * 4e15) - 1_000_000_000_000_000L;
            for (int k = 0; k < 3; k++) {
                long t = m + k * 3_600_000_000L;
                j.reset();
                assertEquals("\"" + Outputs.time(t) + "\"", written(j.time(t)), "micros " + t);
            }
        }
    }

    /**
     * One writer, reused: more distinct doubles than its cache keeps (so it starts over), written again and again
     * in random order, each as {@link Double#toString} writes it.
     */
    @Test
    void numbersThroughOneWriterAreDoubleToString() {
        Random r = new Random(3);
        double[] values = new double[Outputs.Json.NUMBERS * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? r.nextDouble() : i % 3 == 1 ? r.nextDouble() * 1e-5 : i / 1024.0;
        }
        Outputs.Json j = new Outputs.Json(1);
        for (int i = 0; i < 200_000; i++) {
            double d = values[r.nextInt(i < 100_000 ? 300 : values.length)];
            j.reset();
            assertEquals(Double.toString(d).toLowerCase(java.util.Locale.ROOT), written(j.num(d)));
            assertEquals(true, j.cachedNumbers() <= Outputs.Json.NUMBERS / 2);
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

    /** A session summary as a consumer reads it, written through a writer that held a score before. */
    @Test
    void aSessionSummaryByHand() {
        Outputs.Json j = new Outputs.Json(8);
        j.str("something earlier");
        Timeline.Closed c = new Timeline.Closed(new String[]{"view_item", "say \"hi\"", "café"},
                new long[]{1_750_000_000_000_000L, 1_750_000_000_500_000L, 1_750_000_060_000_001L});
        OutRecord r = Outputs.session(j, "u1", c, true, 0.25, "order 2, α=10 #1f");
        assertEquals("{\"type\":\"session\",\"person\":\"u1\",\"start\":\"2025-06-15T15:06:40Z\","
                + "\"end\":\"2025-06-15T15:07:40.000001Z\",\"events\":3,\"path\":[\"view_item\",\"say \\\"hi\\\"\","
                + "\"café\"],\"converted\":true,\"score\":0.25,\"model\":\"order 2, α=10 #1f\"}",
                new String(r.value, StandardCharsets.UTF_8));
        assertEquals("u1", r.key);
        assertEquals(OutRecord.SESSION, r.target);
        assertEquals(1_750_000_060_000L, r.timestamp);
        assertEquals("{\"type\":\"session\",\"person\":\"u2\",\"start\":\"2025-06-15T15:06:40Z\",\"end\":"
                + "\"2025-06-15T15:06:40Z\",\"events\":1,\"path\":[\"a\"],\"converted\":false,\"score\":null,"
                + "\"model\":\"m\"}", new String(Outputs.session("u2", new Timeline.Closed(new String[]{"a"},
                new long[]{1_750_000_000_000_000L}), false, Double.NaN, "m").value, StandardCharsets.UTF_8));
    }

    private static String written(Outputs.Json j) {
        return new String(j.bytes(), StandardCharsets.UTF_8);
    }
}
