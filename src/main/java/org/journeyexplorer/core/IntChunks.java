package org.journeyexplorer.core;

import java.util.Arrays;

/**
 * A column of {@code int}s held in chunks of {@value #CHUNK} values (128 KB), never one array over half a G1 region:
 * see {@link LongChunks}. Written while it is being made, then immutable by convention.
 *
 * <p>A column can be extended ({@link #appended}): the longer column shares every chunk of this one and writes the new
 * values into the room of its last chunk and into new chunks, so a column of millions of rows grows by a batch
 * without being copied. Values past a column's {@link #size} are then another column's: a read there does not fail
 * but sees what a later append wrote. Only one column of a lineage may be extended (the newest), as with arrays that
 * have room.
 */
public final class IntChunks {
    /** log2 of {@link #CHUNK}. */
    public static final int SHIFT = 15;
    /** Values per chunk: 32,768 (128 KB of ints). */
    public static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int[][] NONE = new int[0][];

    private final int[][] chunks;
    private final int size;

    /** A column of {@code size} zeros. */
    public IntChunks(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        int n = (int) ((size + (long) MASK) >>> SHIFT);
        chunks = n == 0 ? NONE : new int[n][];
        for (int c = 0; c < n; c++) {
            // the last chunk exactly as long as needed, so a read past the end fails as an array's would
            chunks[c] = new int[Math.min(CHUNK, size - (c << SHIFT))];
        }
    }

    private IntChunks(int[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** A column of {@code size} values {@code v}. */
    public static IntChunks filled(int size, int v) {
        IntChunks out = new IntChunks(size);
        if (v != 0) {
            for (int[] c : out.chunks) {
                Arrays.fill(c, v);
            }
        }
        return out;
    }

    /** The first {@code size} values of {@code values} (copied). */
    public static IntChunks of(int[] values, int size) {
        IntChunks out = new IntChunks(size);
        out.copyFrom(values, 0, 0, size);
        return out;
    }

    /**
     * This column followed by {@code src[from, from + n)}. The result shares this column's chunks (nothing of its
     * {@link #size} values is copied; a last chunk without room is copied once into a full-length one), so this
     * column must not be extended again (see the class comment).
     */
    public IntChunks appended(int[] src, int from, int n) {
        IntChunks out = grownBy(n);
        out.copyFrom(src, from, size, n);
        return out;
    }

    /** This column followed by {@code n} values {@code v}; shares this column's chunks as {@link #appended} does. */
    public IntChunks appendedFill(int v, int n) {
        IntChunks out = grownBy(n);
        int at = size;
        while (n > 0) {
            int c = at >>> SHIFT;
            int o = at & MASK;
            int k = Math.min(n, CHUNK - o);
            Arrays.fill(out.chunks[c], o, o + k, v);
            at += k;
            n -= k;
        }
        return out;
    }

    /** A column of {@code size + n} values whose first {@code size} are this column's (shared), the rest unset. */
    private IntChunks grownBy(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length " + n);
        }
        int total = Math.addExact(size, n);
        int count = (int) ((total + (long) MASK) >>> SHIFT);
        int[][] c = count == chunks.length ? chunks.clone() : Arrays.copyOf(chunks, count);
        int last = size == 0 ? 0 : (size - 1) >>> SHIFT; // the chunk holding this column's last value
        if (n > 0 && size > 0 && (size & MASK) != 0 && c[last].length < CHUNK) {
            c[last] = Arrays.copyOf(c[last], CHUNK); // room to write into, once per lineage
        }
        for (int k = size == 0 ? 0 : last + 1; k < count; k++) {
            if (c[k] == null) {
                c[k] = new int[CHUNK];
            }
        }
        return new IntChunks(c, total);
    }

    /** The values {@code [from, to)} as a column of their own (copied). */
    public IntChunks slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + size);
        }
        IntChunks out = new IntChunks(to - from);
        out.copyFrom(this, from, 0, to - from);
        return out;
    }

    /** A copy of {@code values}. */
    public static IntChunks of(int... values) {
        IntChunks out = new IntChunks(values.length);
        out.copyFrom(values, 0, 0, values.length);
        return out;
    }

    /** The number of values. */
    public int size() {
        return size;
    }

    /** The value at {@code i}. */
    public int get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    /** Sets the value at {@code i} (only while the column is being made). */
    public void set(int i, int v) {
        chunks[i >>> SHIFT][i & MASK] = v;
    }

    /**
     * The values {@code [from, to)} in one array, for a loop over a short range (a session): the chunk that holds them
     * all (nothing copied; the range starts at {@link #windowStart}), else a copy in {@code scratch} (grown when too
     * short; starts at 0). The array must not be written.
     */
    public int[] window(int from, int to, int[] scratch) {
        if (from >>> SHIFT == (to - 1) >>> SHIFT || to <= from) {
            return to <= from ? scratch : chunks[from >>> SHIFT];
        }
        int[] out = scratch.length >= to - from ? scratch : new int[Math.max(to - from, scratch.length * 2)];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Where {@link #window}'s array holds value {@code from} of the range {@code [from, to)}. */
    public static int windowStart(int from, int to) {
        return from >>> SHIFT == (to - 1) >>> SHIFT ? from & MASK : 0;
    }

    /** The values in one array (as large as the column: for small columns, tests and callers that need one). */
    public int[] toArray() {
        return copyOfRange(0, size);
    }

    /** {@code c}'s values in one array, or null when {@code c} is null (a column that may be absent). */
    public static int[] arrayOrNull(IntChunks c) {
        return c == null ? null : c.toArray();
    }

    /** The values {@code [from, to)} in an array of their own. */
    public int[] copyOfRange(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + size);
        }
        int[] out = new int[to - from];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Copies {@code length} values from {@code from} into {@code dst} at {@code at}. */
    public void copyTo(int from, int[] dst, int at, int length) {
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
    public void copyFrom(int[] src, int from, int at, int length) {
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
    public void copyFrom(IntChunks src, int from, int at, int length) {
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

    /** How many of this column's chunk arrays are the very arrays {@code o} holds at the same place. */
    public int sharedChunks(IntChunks o) {
        int n = 0;
        for (int c = 0; c < Math.min(chunks.length, o.chunks.length); c++) {
            n += chunks[c] == o.chunks[c] ? 1 : 0;
        }
        return n;
    }

    /** The longest array this column holds (at most {@link #CHUNK}). */
    public int longestArray() {
        return chunks.length == 0 ? 0 : chunks[0].length;
    }

    /** Whether {@code o} holds the same values. */
    public boolean contentEquals(IntChunks o) {
        if (o == null || o.size != size) {
            return false;
        }
        for (int c = 0; c < chunks.length; c++) {
            int n = Math.min(CHUNK, size - (c << SHIFT)); // a last chunk with room holds more than the values
            if (!Arrays.equals(chunks[c], 0, n, o.chunks[c], 0, n)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return size <= 20 ? Arrays.toString(toArray()) : "IntChunks[" + size + "]";
    }
}
