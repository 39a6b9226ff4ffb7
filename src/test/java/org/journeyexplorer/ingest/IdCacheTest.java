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

    /** Ids read from the very end of their buffer (no whole word after them) and from inside a longer one agree. */
    @Test
    void readsIdsAtTheEndOfTheirBufferAsInsideIt() {
        IdCache cache = new IdCache();
        Map<String, String> first = new HashMap<>();
        for (int len = 1; len <= 40; len++) {
            for (int variant = 0; variant < 3; variant++) {
                String id = ("u" + variant + "-abcdefghijklmnopqrstuvwxyz0123456789xyz").substring(0, len);
                byte[] exact = id.getBytes(StandardCharsets.UTF_8);
                byte[] inside = ("zz" + id + "zzzzzzzzzz").getBytes(StandardCharsets.UTF_8);
                String a = cache.get(exact, 0, exact.length);
                String b = cache.get(inside, 2, 2 + exact.length);
                assertEquals(id, a);
                assertSame(a, b, id);
                int code = cache.code();
                cache.get(exact, 0, exact.length);
                assertEquals(code, cache.code(), id);
                String earlier = first.putIfAbsent(id, a);
                if (earlier != null) {
                    assertSame(earlier, a, id);
                }
            }
        }
    }

    /** Caches of threads reading one file hand out one String per id, whichever thread met it first. */
    @Test
    void cachesSharingATableReturnTheSameInstance() {
        IdCache.Shared shared = new IdCache.Shared();
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

    /**
     * Codes: equal ids equal codes, distinct ids distinct codes, numbered 0, 1, 2… in the order first met, through
     * grows, on one cache and across caches sharing a table.
     */
    @Test
    void givesEveryDistinctIdOneCodeInTheOrderFirstMet() {
        Random rnd = new Random(11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            ids.add(i % 3 == 0 ? String.format("u%06d", i) : "user-0000" + i);
        }
        IdCache one = new IdCache();
        IdCache.Shared table = new IdCache.Shared();
        IdCache[] sharing = {new IdCache(table), new IdCache(table), new IdCache(table)};
        Map<String, Integer> oneCodes = new HashMap<>();
        Map<String, Integer> sharedCodes = new HashMap<>();
        byte[] buf = new byte[256];
        for (int k = 0; k < 100_000; k++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            int at = rnd.nextInt(40);
            System.arraycopy(bytes, 0, buf, at, bytes.length);
            one.get(buf, at, at + bytes.length);
            Integer expected = oneCodes.computeIfAbsent(id, x -> oneCodes.size());
            assertEquals(expected, one.code(), id);
            IdCache c = sharing[rnd.nextInt(sharing.length)];
            c.get(buf, at, at + bytes.length);
            Integer shared = sharedCodes.computeIfAbsent(id, x -> sharedCodes.size());
            assertEquals(shared, c.code(), id);
        }
        byte[] longId = "x".repeat(200).getBytes(StandardCharsets.UTF_8);
        one.get(longId, 0, longId.length); // longer than the cache keeps: a String, no code
        assertEquals(IdCache.NO_CODE, one.code());
    }
}
