package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns id cells (person and anonymous ids) from their UTF-8 bytes: every row of a person gets the same String,
 * built and hashed once, so the store's dictionary lookup that follows compares references instead of hashing a
 * fresh String (the lookups led the import profile). Open addressing over the byte hash; once {@link #MAX_IDS}
 * ids are held, further ids are returned as new Strings, so memory stays bounded on files with endless ids.
 */
final class IdCache {
    static final int MAX_IDS = 1 << 20;
    private static final int MAX_LEN = 128;

    private byte[][] keys = new byte[1 << 12][];
    private String[] values = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    String get(byte[] b, int s, int e) {
        int len = e - s;
        if (len > MAX_LEN) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int mask = keys.length - 1;
        int slot = h & mask;
        while (true) {
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (hashes[slot] == h && Arrays.equals(k, 0, k.length, b, s, e)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        if (size >= MAX_IDS) {
            return v;
        }
        keys[slot] = Arrays.copyOfRange(b, s, e);
        values[slot] = v;
        hashes[slot] = h;
        if (++size * 2 > keys.length) {
            grow();
        }
        return v;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int[] oldHashes = hashes;
        int n = oldKeys.length * 2;
        keys = new byte[n][];
        values = new String[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
