package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;

/**
 * A small direct-mapped cache from UTF-8 bytes to their String, for low-cardinality cells such as event names:
 * a hit costs a hash and a compare instead of an allocation, and equal names share one instance downstream.
 */
final class StringCache {
    private static final int SIZE = 4096;
    private static final int MAX_LEN = 64;
    /** Per slot: the first 8 bytes ({@link Words#word}), the length, and the key padded to whole words. */
    private final long[] heads = new long[SIZE];
    private final int[] lengths = new int[SIZE];
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];

    /**
     * Whether the key {@code k} (padded to whole words) holds {@code b[s + 8, e)} past its first word: word by
     * word, as the first word and the length already matched.
     */
    private static boolean sameTail(byte[] k, byte[] b, int s, int e) {
        for (int p = 8; s + p < e; p += 8) {
            int n = Math.min(8, e - s - p);
            if (Words.word(k, p, n) != Words.word(b, s + p, n)) {
                return false;
            }
        }
        return true;
    }

    String get(byte[] b, int s, int e) {
        int len = e - s;
        if (len > MAX_LEN || len == 0) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        long head = Words.word(b, s, Math.min(len, 8));
        int slot = Words.hash(head, b, s, e) & (SIZE - 1);
        if (heads[slot] == head && lengths[slot] == len && (len <= 8 || sameTail(keys[slot], b, s, e))) {
            return values[slot];
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        heads[slot] = head;
        lengths[slot] = len;
        byte[] k = new byte[(len + 7) & ~7];
        System.arraycopy(b, s, k, 0, len);
        keys[slot] = k;
        values[slot] = v;
        return v;
    }
}
