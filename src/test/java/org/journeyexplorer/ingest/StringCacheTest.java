package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StringCacheTest {

    /**
     * Names of every length up to past the cache's limit, differing only in their last byte, only past their first
     * eight bytes, only between their first and last eight bytes, or only in length, each read from anywhere in a
     * buffer, the buffer's last bytes too: every read gives the name, and a name the cache holds is the same instance
     * again.
     */
    private int at;

    /** The bytes in a buffer of their own at a random place ({@link #at}), the buffer's very end too. */
    private byte[] placed(byte[] bytes, Random rnd) {
        at = rnd.nextInt(12);
        byte[] buf = new byte[at + bytes.length + (rnd.nextBoolean() ? 0 : rnd.nextInt(9))];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) ('a' + rnd.nextInt(3));
        }
        System.arraycopy(bytes, 0, buf, at, bytes.length);
        return buf;
    }

    @Test
    void givesEachNameBackAndTheSameInstanceWhileHeld() {
        List<String> names = new ArrayList<>();
        for (int len = 1; len <= 70; len++) {
            String base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-.:;!?/".substring(0, len);
            names.add(base);
            names.add(base.substring(0, len - 1) + "#");
            names.add(base + "\u00e9");
            if (len > 16) {
                // the first eight and the last eight bytes alike, a byte between them not
                names.add(base.substring(0, 8) + "#" + base.substring(9));
            }
        }
        names.add("page_view");
        names.add("page_viex");
        names.add("add_to_cart");
        names.add("add_to_carT");
        Random rnd = new Random(8);
        StringCache cache = new StringCache();
        for (int k = 0; k < 50_000; k++) {
            String name = names.get(rnd.nextInt(names.size()));
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            String got = cache.get(placed(bytes, rnd), at, at + bytes.length);
            assertEquals(name, got);
            // read again at once (from another place): the instance the cache holds, up to its length limit
            String again = cache.get(placed(bytes, rnd), at, at + bytes.length);
            assertEquals(name, again);
            if (bytes.length <= 64) {
                assertSame(got, again, name);
            }
        }
        // a name read twice in a row is the same instance
        byte[] b = "xxadd_to_cartyy".getBytes(StandardCharsets.US_ASCII);
        assertSame(cache.get(b, 2, 13), cache.get(b.clone(), 2, 13));
        byte[] atEnd = "search".getBytes(StandardCharsets.US_ASCII);
        assertSame(cache.get(atEnd, 0, 6), cache.get("a search".getBytes(StandardCharsets.US_ASCII), 2, 8));
    }
}
