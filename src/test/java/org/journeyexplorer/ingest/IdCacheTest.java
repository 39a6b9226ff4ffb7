package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class IdCacheTest {

    /** Ids that differ only past the inline prefix, only in length, or only in one byte, through several grows. */
    @Test
    void returnsOneEqualStringPerDistinctIdAcrossGrows() {
        Random rnd = new Random(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(String.format("u%06d", i)); // 7 bytes: inline
            ids.add("user-0000" + i); // shares its first 8 bytes with every other
            ids.add("user-0000" + i + "\u00e9"); // the same plus a two-byte character
        }
        ids.add("abcdefgh");
        ids.add("abcdefghi");
        ids.add("abcdefgi");
        IdCache cache = new IdCache();
        Map<String, String> first = new HashMap<>();
        byte[] buf = new byte[256];
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.get(rnd.nextInt(ids.size()));
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                int at = rnd.nextInt(40); // the cell sits anywhere in the read buffer
                System.arraycopy(bytes, 0, buf, at, bytes.length);
                String got = cache.get(buf, at, at + bytes.length);
                assertEquals(id, got);
                String earlier = first.putIfAbsent(id, got);
                if (earlier != null) {
                    assertSame(earlier, got, id);
                }
            }
        }
    }

    /** Caches of threads reading one file hand out one String per id, whichever thread met it first. */
    @Test
    void cachesSharingATableReturnTheSameInstance() {
        java.util.concurrent.ConcurrentHashMap<String, String> shared = new java.util.concurrent.ConcurrentHashMap<>();
        IdCache a = new IdCache(shared);
        IdCache b = new IdCache(shared);
        byte[] u1 = "user-123456789".getBytes(StandardCharsets.UTF_8);
        byte[] u2 = "u7".getBytes(StandardCharsets.UTF_8);
        String fromA = a.get(u1, 0, u1.length);
        assertSame(fromA, b.get(u1, 0, u1.length));
        String fromB = b.get(u2, 0, u2.length);
        assertSame(fromB, a.get(u2, 0, u2.length));
        assertEquals("u7", fromB);
        assertSame(fromA, a.get(u1, 0, u1.length));
    }
}
