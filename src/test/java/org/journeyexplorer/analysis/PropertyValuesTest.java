package org.journeyexplorer.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertyValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A dictionary cap small enough to pass with little data (restored after each test, as the batch size). */
    private static final int CAP = 2_000;

    @BeforeEach
    void smallCapAndBatches() {
        PropertyValues.maxExactValues = CAP;
        PropertyValues.batch = 300; // several parts built side by side, merged in row order
    }

    @AfterEach
    void restore() {
        PropertyValues.maxExactValues = PropertyValues.MAX_EXACT_VALUES;
        PropertyValues.batch = 64 * 1024;
    }

    private static PropertyValues.Source source(String[] json) {
        return rows -> {
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = json[rows[i]];
            }
            return out;
        };
    }

    private static PropertyValues index(String... json) {
        return PropertyValues.build(json.length, source(json), TaskContext.NONE);
    }

    private static BitSet bits(int... rows) {
        BitSet b = new BitSet();
        for (int r : rows) {
            b.set(r);
        }
        return b;
    }

    @Test
    void handBuiltRows() {
        PropertyValues p = index(
                "{\"device\":\"mobile\",\"country\":\"DE\",\"price\":45.99}",
                null,
                "{\"device\":\"desktop\",\"country\":\"DE\",\"ok\":true}",
                "{\"device\":\"mobile\",\"note\":\"say \\\"hi\\\"\\n\",\"country\":null,\"ctx\":{\"ip\":\"1.2.3.4\"}}",
                "{}",
                "{\"device\":\"mobile\",\"price\":\"45.99\",\"tags\":[\"a\",\"b\"]}");
        assertEquals(6, p.rows());
        assertEquals(bits(0, 3, 5), p.rowsWith("device", "mobile"));
        assertEquals(bits(2), p.rowsWith("device", "desktop"));
        assertEquals(bits(0, 2), p.rowsWith("country", "DE"));
        // a number and a string with the same text are the same value, as the filter always compared them
        assertEquals(bits(0, 5), p.rowsWith("price", "45.99"));
        assertEquals(bits(2), p.rowsWith("ok", "true"));
        assertEquals(bits(3), p.rowsWith("note", "say \"hi\"\n"));
        assertEquals(bits(), p.rowsWith("country", "null"));   // null is no value
        assertEquals(bits(), p.rowsWith("ctx", ""));            // nested objects are no values
        assertEquals(bits(), p.rowsWith("tags", "a"));
        assertEquals(bits(), p.rowsWith("nope", "x"));
        assertEquals(bits(), p.rowsWith("device", "tablet"));

        assertEquals(List.of(new PropertyValues.KeyInfo("device", 4, 2, true),
                new PropertyValues.KeyInfo("country", 2, 1, true), new PropertyValues.KeyInfo("price", 2, 1, true),
                new PropertyValues.KeyInfo("note", 1, 1, true), new PropertyValues.KeyInfo("ok", 1, 1, true)),
                p.keys());
        assertEquals(List.of(new PropertyValues.ValueCount("mobile", 3), new PropertyValues.ValueCount("desktop", 1)),
                p.topValues("device", 5));
        assertEquals(List.of(new PropertyValues.ValueCount("mobile", 3)), p.topValues("device", 1));
        assertEquals(List.of(), p.topValues("nope", 3));
    }

    @Test
    void theResultIsACopyTheCallerMayChange() {
        PropertyValues p = index("{\"a\":\"x\"}", "{\"a\":\"x\"}");
        p.rowsWith("a", "x").clear();
        assertEquals(bits(0, 1), p.rowsWith("a", "x"));
    }

    /** What the filter did before the index: parse each row's JSON and compare the value's text. */
    private static BitSet naive(String[] json, String key, String value) throws Exception {
        BitSet out = new BitSet();
        for (int i = 0; i < json.length; i++) {
            if (json[i] == null) {
                continue;
            }
            JsonNode v = JSON.readTree(json[i]).get(key);
            if (v != null && v.isValueNode() && !v.isNull() && v.asText().equals(value)) {
                out.set(i);
            }
        }
        return out;
    }

    private static String[] randomRows(Random r, int n, int idsFrom) throws Exception {
        String[] json = new String[n];
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.nextInt(4) > 0) {
                m.put("device", List.of("mobile", "desktop", "tablet", "tv, \"smart\"").get(r.nextInt(4)));
            }
            if (r.nextInt(3) == 0) {
                m.put("country", "c" + r.nextInt(40));
            }
            if (r.nextInt(5) == 0) {
                m.put("price", r.nextInt(3) == 0 ? (Object) (r.nextInt(100) + 0.5) : (Object) r.nextInt(100));
            }
            if (r.nextInt(7) == 0) {
                m.put("flag", r.nextBoolean());
            }
            if (r.nextInt(9) == 0) {
                m.put("k" + r.nextInt(30), "v" + r.nextInt(3));
            }
            if (r.nextInt(11) == 0) {
                m.put("nested", Map.of("x", r.nextInt(3)));
            }
            m.put("order_id", "o-" + (idsFrom + i)); // unique: past the dictionary cap this key is hashed
            json[i] = JSON.writeValueAsString(m);
        }
        return json;
    }

    @Test
    void matchesParsingEveryRowOnRandomRowsWithAHashedKey() throws Exception {
        Random r = new Random(3);
        int n = CAP * 6 / 5; // 10 % of rows have no properties
        String[] json = randomRows(r, n, 0);
        PropertyValues p = PropertyValues.build(n, source(json), TaskContext.NONE);
        Map<String, PropertyValues.KeyInfo> info = new HashMap<>();
        p.keys().forEach(k -> info.put(k.name(), k));
        assertFalse(info.get("order_id").exact(), "unique ids go past the dictionary cap");
        assertTrue(info.get("device").exact());
        List<String[]> asks = new ArrayList<>(List.of(new String[]{"device", "mobile"},
                new String[]{"device", "tv, \"smart\""}, new String[]{"country", "c7"}, new String[]{"price", "42"},
                new String[]{"price", "42.5"}, new String[]{"flag", "true"}, new String[]{"k3", "v1"},
                new String[]{"order_id", "o-1234"}, new String[]{"order_id", "o-" + (n - 1)},
                new String[]{"order_id", "absent"}, new String[]{"nested", "{\"x\":1}"}));
        for (String[] a : asks) {
            assertEquals(naive(json, a[0], a[1]), p.rowsWith(a[0], a[1]), a[0] + "=" + a[1]);
        }
        // counts and distinct values per key, against the naive parse
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (String j : json) {
            if (j == null) {
                continue;
            }
            JSON.readTree(j).fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    counts.computeIfAbsent(e.getKey(), k -> new HashMap<>()).merge(e.getValue().asText(), 1, Integer::sum);
                }
            });
        }
        assertEquals(counts.keySet(), info.keySet());
        for (Map.Entry<String, Map<String, Integer>> e : counts.entrySet()) {
            PropertyValues.KeyInfo k = info.get(e.getKey());
            assertEquals(e.getValue().values().stream().mapToInt(Integer::intValue).sum(), k.events(), e.getKey());
            assertEquals(e.getValue().size(), k.distinct(), e.getKey());
            List<PropertyValues.ValueCount> top = p.topValues(e.getKey(), 3);
            for (PropertyValues.ValueCount v : top) {
                assertEquals(e.getValue().get(v.value()), v.events(), e.getKey() + "=" + v.value());
            }
            int best = e.getValue().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertEquals(best, top.get(0).events(), e.getKey());
        }
    }

    @Test
    void appendingRowsGivesWhatBuildingFromScratchGives() throws Exception {
        Random r = new Random(9);
        int n = CAP * 6 / 5;
        String[] json = randomRows(r, n, 0);
        PropertyValues whole = PropertyValues.build(n, source(json), TaskContext.NONE);
        // in three steps; the unique ids turn into a hashed key in the last one
        PropertyValues step = PropertyValues.build(700, source(json), TaskContext.NONE)
                .withAppended(1_500, source(json), TaskContext.NONE)
                .withAppended(n, source(json), TaskContext.NONE);
        assertEquals(whole.keys(), step.keys());
        assertFalse(whole.keys().stream().filter(k -> k.name().equals("order_id")).findFirst().orElseThrow().exact());
        for (PropertyValues.KeyInfo k : whole.keys()) {
            assertEquals(whole.topValues(k.name(), 5), step.topValues(k.name(), 5), k.name());
            for (PropertyValues.ValueCount v : whole.topValues(k.name(), 5)) {
                assertEquals(whole.rowsWith(k.name(), v.value()), step.rowsWith(k.name(), v.value()));
            }
        }
        assertEquals(naive(json, "order_id", "o-20"), step.rowsWith("order_id", "o-20"));
        assertEquals(naive(json, "device", "tablet"), step.rowsWith("device", "tablet"));
    }

    @Test
    void encodedAndDecodedItAnswersTheSame() throws Exception {
        String[] json = randomRows(new Random(4), CAP * 6 / 5, 0);
        PropertyValues p = PropertyValues.build(json.length, source(json), TaskContext.NONE);
        PropertyValues back = PropertyValues.decode(p.encode());
        assertNotNull(back);
        assertEquals(p.rows(), back.rows());
        assertEquals(p.keys(), back.keys());
        for (PropertyValues.KeyInfo k : p.keys()) {
            assertEquals(p.topValues(k.name(), 10), back.topValues(k.name(), 10));
            for (PropertyValues.ValueCount v : p.topValues(k.name(), 3)) {
                assertEquals(p.rowsWith(k.name(), v.value()), back.rowsWith(k.name(), v.value()));
            }
        }
        assertNull(PropertyValues.decode(new byte[]{1, 2, 3}), "damaged bytes: rebuild");
        byte[] cut = Arrays.copyOf(p.encode(), 100);
        assertNull(PropertyValues.decode(cut));
    }

    @Test
    void aFilterOnTheIndexKeepsTheEventsWithTheValue() {
        // frame rows are in storage order (FrameFixture): p1's events are rows 0-2, p2's rows 3-4
        EventFrame f = FrameFixture.frame("p1: a b c", "p2: a b");
        String[] json = {"{\"plan\":\"pro\"}", "{\"plan\":\"free\"}", "{\"plan\":\"pro\"}", null, "{\"plan\":\"pro\"}"};
        PropertyValues p = PropertyValues.build(json.length, source(json), TaskContext.NONE);
        Selection s = Filter.NONE.withProperty("plan", "pro").apply(f, p);
        Set<Integer> kept = new TreeSet<>();
        for (int i = 0; i < f.size; i++) {
            if (s.includes(i)) {
                kept.add(f.sourceRow().get(i));
            }
        }
        assertEquals(new HashSet<>(List.of(0, 2, 4)), kept);
    }

    @Test
    void filtersMatchANaiveLoopInParallelParts() {
        Random r = new Random(12);
        int saved = Chunks.minPerPart;
        Chunks.minPerPart = 2;
        try {
            for (int round = 0; round < 50; round++) {
                List<String> persons = new ArrayList<>();
                for (int p = 0; p < 1 + r.nextInt(30); p++) {
                    StringBuilder b = new StringBuilder("p" + p + ":");
                    for (int e = 0; e < 1 + r.nextInt(12); e++) {
                        b.append(' ').append("abcd".charAt(r.nextInt(4)));
                    }
                    persons.add(b.toString());
                }
                EventFrame f = FrameFixture.frame(persons.toArray(String[]::new));
                String[] json = new String[f.size];
                for (int i = 0; i < json.length; i++) {
                    json[i] = r.nextInt(5) == 0 ? null : "{\"plan\":\"" + (r.nextBoolean() ? "pro" : "free") + "\"}";
                }
                PropertyValues p = PropertyValues.build(json.length, source(json), TaskContext.NONE);
                // without a range or hidden types the filter skips those columns: both ways are checked
                long from = r.nextBoolean() ? Long.MIN_VALUE : f.time.get(r.nextInt(f.size));
                Set<String> hidden = r.nextBoolean() ? Set.of("b") : Set.of();
                Selection s = Filter.NONE.withRange(from, Long.MAX_VALUE).withHiddenTypes(hidden)
                        .withProperty("plan", "pro").apply(f, p);
                int count = 0;
                for (int i = 0; i < f.size; i++) {
                    boolean expected = f.time.get(i) >= from && !hidden.contains(f.typeNames[f.type.get(i)])
                            && json[f.sourceRow().get(i)] != null && json[f.sourceRow().get(i)].contains("pro");
                    assertEquals(expected, s.includes(i), "round " + round + " event " + i);
                    count += expected ? 1 : 0;
                }
                assertEquals(count, s.count());
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }
}
