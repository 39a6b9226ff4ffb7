package org.journeyexplorer.store;

import java.util.Arrays;

/**
 * Strings to non-negative ids, in two arrays with open addressing: the store keeps one per dictionary (identities,
 * contact keys) for as long as a project is open for writing. A {@code HashMap<String, Integer>} cost about 50 bytes
 * per entry beside the string (a node and a boxed id each): at 10 M events (660 k identities and 1.2 M keys) that was
 * 90 MB and 3.7 M objects for the collector to trace, where this takes about 20 bytes per entry and two arrays.
 * Not thread-safe: only the holder of the store's write lock touches it.
 */
final class StringIds {
    private String[] keys;
    private int[] ids;
    private int size;

    StringIds() {
        this(16);
    }

    StringIds(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected + expected / 2) - 1) << 1;
        keys = new String[cap];
        ids = new int[cap];
    }

    /** The id of {@code key}, or -1. */
    int get(String key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.equals(key)) {
                return ids[i];
            }
        }
    }

    /** Maps {@code key} to {@code id} (a non-negative number), replacing an earlier id. */
    void put(String key, int id) {
        if (id < 0) {
            throw new IllegalArgumentException("ids are not negative");
        }
        if ((size + 1) * 3L > keys.length * 2L) {
            grow(); // at most two thirds full, so a miss ends soon
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                keys[i] = key;
                ids[i] = id;
                size++;
                return;
            }
            if (k.equals(key)) {
                ids[i] = id;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private static int slot(String key, int mask) {
        int h = key.hashCode() * 0x9E3779B9; // spread: ids like "u100001" differ in their last characters only
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new String[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldIds[i]);
            }
        }
        Arrays.fill(oldKeys, null);
    }
}
