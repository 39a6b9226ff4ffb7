package org.journeyexplorer.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The store's compact dictionary map against a {@link HashMap} fed the same puts. */
class StringIdsTest {

    @Test
    void answersEveryLookUpAsAHashMapDoesThroughGrowthAndReplacement() {
        Random rnd = new Random(3);
        StringIds ids = new StringIds(); // starts small: grows many times
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            // ids alike but for their ends, as the store's are, and some repeated (a later id replaces the first)
            String key = rnd.nextInt(5) == 0 ? "u" + rnd.nextInt(1_000) : (rnd.nextBoolean() ? "u" : "d") + (100_000 + i);
            ids.put(key, i);
            expected.put(key, i);
        }
        assertEquals(expected.size(), ids.size());
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue(), ids.get(e.getKey()), e.getKey());
        }
        assertEquals(-1, ids.get("never put"));
        assertEquals(-1, ids.get("u999999999"));
        assertEquals(-1, new StringIds(0).get(""), "an empty map finds nothing");
        assertThrows(IllegalArgumentException.class, () -> ids.put("x", -1));
    }
}
