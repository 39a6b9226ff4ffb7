package org.journeyexplorer.core;

import java.util.Arrays;

/**
 * A column of {@code long}s held in chunks of {@value #CHUNK} values (256 KB), so that no array of it is over half a
 * G1 region of a 1 GB heap. Columns as large as a frame's (92 MB of times at 11.5 M events) in one array are
 * "humongous" for G1: each needs a run of free regions side by side, and G1's full collection never moves them, so a
 * live catch-up that builds the next frame beside the last one ran out of heap with a third of it free in pieces.
 * Chunks are plain objects, which every collection moves and packs.
 *
 * <p>Written while it is being made, then immutable by convention, like the arrays it replaces.
 */
public final class LongChunks {
    /** log2 of {@link #CHUNK}. */
    public static final int SHIFT = 15;
    /** Values per chunk: 32,768 (256 KB of longs). */
    public static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final long[][] NONE = new long[0][];

    private final long[][] chunks;
    private final int size;

    /** A column of {@code size} zeros. */
    public LongChunks(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        int n = (int) ((size + (long) MASK) >>> SHIFT);
        chunks = n == 0 ? NONE : new long[n][];
        for (int c = 0; c < n; c++) {
            // the last chunk exactly as long as needed, so a read past the end fails as an array's would
            chunks[c] = new long[Math.min(CHUNK, size - (c << SHIFT))];
        }
    }

    /** A copy of {@code values}. */
    public static LongChunks of(long... values) {
        LongChunks out = new LongChunks(values.length);
        out.copyFrom(values, 0, 0, values.length);
        return out;
    }

    /** The number of values. */
    public int size() {
        return size;
    }

    /** The value at {@code i}. */
    public long get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    /** Sets the value at {@code i} (only while the column is being made). */
    public void set(int i, long v) {
        chunks[i >>> SHIFT][i & MASK] = v;
    }

    /**
     * The values {@code [from, to)} in one array, for a loop over a short range (a session): the chunk that holds them
     * all (nothing copied; the range starts at {@link #windowStart}), else a copy in {@code scratch} (grown when too
     * short; starts at 0). The array must not be written.
     */
    public long[] window(int from, int to, long[] scratch) {
        if (from >>> SHIFT == (to - 1) >>> SHIFT || to <= from) {
            return to <= from ? scratch : chunks[from >>> SHIFT];
        }
        long[] out = scratch.length >= to - from ? scratch : new long[Math.max(to - from, scratch.length * 2)];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Where {@link #window}'s array holds value {@code from} of the range {@code [from, to)}. */
    public static int windowStart(int from, int to) {
        return from >>> SHIFT == (to - 1) >>> SHIFT ? from & MASK : 0;
    }

    /** The values in one array (as large as the column: for small columns, tests and callers that need one). */
    public long[] toArray() {
        return copyOfRange(0, size);
    }

    /** The values {@code [from, to)} in an array of their own. */
    public long[] copyOfRange(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + size);
        }
        long[] out = new long[to - from];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Copies {@code length} values from {@code from} into {@code dst} at {@code at}. */
    public void copyTo(int from, long[] dst, int at, int length) {
        while (length > 0) {
            int c = from >>> SHIFT;
            int o = from & MASK;
            int k = Math.min(length, CHUNK - o);
            System.arraycopy(chunks[c], o, dst, at, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** Copies {@code length} values from {@code src} at {@code from} into this column at {@code at}. */
    public void copyFrom(long[] src, int from, int at, int length) {
        while (length > 0) {
            int c = at >>> SHIFT;
            int o = at & MASK;
            int k = Math.min(length, CHUNK - o);
            System.arraycopy(src, from, chunks[c], o, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** Copies {@code length} values from {@code src} at {@code from} into this column at {@code at}. */
    public void copyFrom(LongChunks src, int from, int at, int length) {
        while (length > 0) {
            int c = at >>> SHIFT;
            int o = at & MASK;
            int k = Math.min(length, CHUNK - o);
            src.copyTo(from, chunks[c], o, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** The longest array this column holds (at most {@link #CHUNK}). */
    public int longestArray() {
        return chunks.length == 0 ? 0 : chunks[0].length;
    }

    /** Whether {@code o} holds the same values. */
    public boolean contentEquals(LongChunks o) {
        if (o == null || o.size != size) {
            return false;
        }
        for (int c = 0; c < chunks.length; c++) {
            if (!Arrays.equals(chunks[c], o.chunks[c])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return size <= 20 ? Arrays.toString(toArray()) : "LongChunks[" + size + "]";
    }
}
