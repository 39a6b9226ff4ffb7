package org.journeyexplorer.predict.portable;

import java.util.Arrays;

/**
 * Open-addressing hash map from long keys to int values (default 0), so that counting contexts over millions of
 * events allocates no boxes.
 */
public final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        values = new int[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value for a key, or {@code missing} when absent. */
    public int get(long key, int missing) {
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the new value. */
    public int add(long key, int delta) {
        int i = slot(key, 0);
        values[i] += delta;
        return values[i];
    }

    /** Value of the key, inserting {@code valueIfAbsent} first when it is absent. */
    public int putIfAbsent(long key, int valueIfAbsent) {
        // slot() may grow the arrays: read the field only after it returns (values[slot(..)] would index the old one)
        int i = slot(key, valueIfAbsent);
        return values[i];
    }

    /** Index of the key's slot, inserting it with {@code valueIfAbsent} first when it is absent. */
    private int slot(long key, int valueIfAbsent) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = valueIfAbsent;
                if (++size * 2 > keys.length) {
                    grow();
                    return slot(key, valueIfAbsent);
                }
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int j = mix(oldKeys[i]) & mask;
                while (keys[j] != EMPTY) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    /** Calls the consumer for every entry, in no particular order. */
    public void forEach(Entry consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                consumer.accept(keys[i], values[i]);
            }
        }
    }

    public interface Entry {
        void accept(long key, int value);
    }
}
