package org.journeyexplorer.store;

/**
 * The dictionary ids of the identity strings one write has met, by string: open addressing on the string's
 * (cached) hash, matched by reference first. Readers hand the same String instance for every row of a person
 * ({@code IdCache}), so a lookup reads the string's hash, one key slot and one id slot; the two hash maps it
 * replaces (known ids, then new ones) cost a node and a boxed Integer more per row and led the writer's profile.
 *
 * <p>Not thread-safe, like the writer that owns it.
 */
final class SeenIds {
    private String[] keys;
    private int[] ids;
    private int size;

    SeenIds() {
        this(1 << 11);
    }

    /** Room for {@code expected} entries before it grows. */
    SeenIds(int expected) {
        int slots = Integer.highestOneBit(Math.max(1 << 11, expected) * 2 - 1) << 1;
        keys = new String[slots];
        ids = new int[slots];
    }

    int size() {
        return size;
    }

    /** The id of {@code value}, or -1 when it was not {@link #put} yet. */
    int get(String value) {
        String[] k = keys;
        int mask = k.length - 1;
        int slot = mix(value.hashCode()) & mask;
        while (true) {
            String s = k[slot];
            if (s == value) {
                return ids[slot];
            }
            if (s == null) {
                return -1;
            }
            if (s.equals(value)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Records {@code value}, not yet present, under {@code id}. */
    void put(String value, int id) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(keys, ids, value, id);
        size++;
    }

    private static void insert(String[] k, int[] v, String value, int id) {
        int mask = k.length - 1;
        int slot = mix(value.hashCode()) & mask;
        while (k[slot] != null) {
            slot = (slot + 1) & mask;
        }
        k[slot] = value;
        v[slot] = id;
    }

    private void grow() {
        String[] k = new String[keys.length * 2];
        int[] v = new int[k.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                insert(k, v, keys[i], ids[i]);
            }
        }
        keys = k;
        ids = v;
    }

    /** Spreads String hashes, whose low bits are alike for ids that differ only at the end. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
