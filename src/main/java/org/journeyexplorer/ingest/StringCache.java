package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from UTF-8 bytes to their String, for low-cardinality cells such as event names:
 * a hit costs a hash and a compare instead of an allocation, and equal names share one instance downstream.
 */
final class StringCache {
    private static final int SIZE = 4096;
    private static final int MAX_LEN = 64;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];

    /**
     * Whether {@code k} holds {@code b[s, s + len)}: a plain loop, as names are short and the set-up of
     * {@link Arrays#equals}' vectorised compare led this class's profile.
     */
    private static boolean same(byte[] k, byte[] b, int s, int len) {
        if (k.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (k[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    String get(byte[] b, int s, int e) {
        int len = e - s;
        if (len > MAX_LEN) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 12)) & (SIZE - 1);
        byte[] k = keys[slot];
        if (k != null && same(k, b, s, len)) {
            return values[slot];
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, s, e);
        values[slot] = v;
        return v;
    }
}
