package org.journeyexplorer.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeenIdsTest {

    /** Against a HashMap, with equal strings as other instances (as readers that do not intern hand them). */
    @Test
    void findsEveryIdByEqualStringThroughGrows() {
        Random rnd = new Random(11);
        SeenIds seen = new SeenIds();
        Map<String, Integer> reference = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            String v = rnd.nextInt(4) == 0 ? "user-" + rnd.nextInt(50_000) : "u" + rnd.nextInt(50_000) + "x";
            String probe = rnd.nextBoolean() ? v : new String(v.toCharArray());
            Integer expected = reference.get(v);
            assertEquals(expected == null ? -1 : expected, seen.get(probe), v);
            if (expected == null) {
                seen.put(v, reference.size());
                reference.put(v, reference.size());
            }
        }
        for (Map.Entry<String, Integer> e : reference.entrySet()) {
            assertEquals(e.getValue(), seen.get(new String(e.getKey().toCharArray())));
        }
    }

    /** Sized for a store's dictionary up front (and past that size it still grows), counting what it holds. */
    @Test
    void aTableSizedForTheDictionaryHoldsItAndMore() {
        SeenIds seen = new SeenIds(5_000);
        for (int i = 0; i < 12_000; i++) {
            seen.put("k" + i, i);
        }
        assertEquals(12_000, seen.size());
        for (int i = 0; i < 12_000; i += 7) {
            assertEquals(i, seen.get("k" + i));
        }
        assertEquals(-1, seen.get("k12000"));
        assertEquals(-1, new SeenIds(0).get("anything"));
    }
}
