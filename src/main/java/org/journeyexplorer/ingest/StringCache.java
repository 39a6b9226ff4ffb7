package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;

/**
 * A small direct-mapped cache from UTF-8 bytes to their String, for low-cardinality cells such as event names:
 * a hit costs a hash and a compare instead of an allocation, and equal names share one instance downstream.
 */
final class StringCache {
    private static final int SIZE_BITS = 12;
    private static final int SIZE = 1 << SIZE_BITS;
    private static final int MAX_LEN = 64;
    /**
     * Per slot: the first 8 bytes ({@link Words#word}), the last 8 (the first again under 8 bytes), the length, and
     * the key padded to whole words.
     */
    private final long[] heads = new long[SIZE];
    private final long[] tails = new long[SIZE];
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

    private static int slot(long head, long tail, int len) {
        long h = ((head * 0x9E3779B97F4A7C15L) ^ tail ^ len) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> (64 - SIZE_BITS));
    }

    String get(byte[] b, int s, int e) {
        int len = e - s;
        if (len > MAX_LEN || len == 0) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        // the first and the last word of the name, which together with its length are the whole of a name of up to
        // 16 bytes: slot and match without a loop over the name's words, whose count varies from row to row (event
        // names of 5 to 17 bytes) and whose mispredicted branches led this class's profile
        long head = Words.word(b, s, Math.min(len, 8));
        int ts = Math.max(s, e - 8);
        long tail = Words.word(b, ts, e - ts);
        int slot = slot(head, tail, len);
        if (heads[slot] == head && tails[slot] == tail && lengths[slot] == len
                && (len <= 16 || sameTail(keys[slot], b, s, e))) {
            return values[slot];
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        heads[slot] = head;
        tails[slot] = tail;
        lengths[slot] = len;
        byte[] k = new byte[(len + 7) & ~7];
        System.arraycopy(b, s, k, 0, len);
        keys[slot] = k;
        values[slot] = v;
        return v;
    }
}
