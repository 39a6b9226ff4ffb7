package org.journeyexplorer.core;

import java.util.Arrays;

/**
 * A column of {@code long}s held in chunks of {@value #CHUNK} values (256 KB), so that no array of it is over half a
 * G1 region of a 1 GB heap. Columns as large as a frame's (92 MB of times at 11.5 M events) in one array are
 * "humongous" for G1: each needs a run of free regions side by side, and G1's full collection never moves them, so a
 * live catch-up that builds the next frame beside the last one ran out of heap with a third of it free in pieces.
 * Chunks are plain objects, which every collection moves and packs.
 *
 * <p>Written while it is being made, then immutable by convention, like the arrays it replaces. A column made by a
 * {@link Rope} holds pieces of varying length instead, most of them shared with the column it was made from (see
 * {@link IntChunks}).
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
    /** Null for chunks of {@link #CHUNK} values; else where each piece starts, then {@link #size}. */
    private final int[] starts;
    /** Per block of {@link IntChunks#BLOCK} values, the piece holding its first value (null with {@link #starts}). */
    private final int[] blocks;

    /** A column of {@code size} zeros. */
    public LongChunks(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        this.starts = null;
        this.blocks = null;
        int n = (int) ((size + (long) MASK) >>> SHIFT);
        chunks = n == 0 ? NONE : new long[n][];
        for (int c = 0; c < n; c++) {
            // the last chunk exactly as long as needed, so a read past the end fails as an array's would
            chunks[c] = new long[Math.min(CHUNK, size - (c << SHIFT))];
        }
    }

    private LongChunks(long[][] pieces, int[] starts) {
        this.chunks = pieces;
        this.size = starts[pieces.length];
        this.starts = starts;
        this.blocks = IntChunks.blocksOf(starts, pieces.length, size);
    }

    /** The piece (or chunk) holding value {@code i}. */
    private int piece(int i) {
        if (starts == null) {
            return i >>> SHIFT;
        }
        int p = blocks[i >>> IntChunks.BLOCK_SHIFT];
        return i >= starts[p + 1] ? p + 1 : p;
    }

    private int pieceStart(int p) {
        return starts == null ? p << SHIFT : starts[p];
    }

    private int pieceEnd(int p) {
        return starts == null ? Math.min(size, (p + 1) << SHIFT) : starts[p + 1];
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
        int[] st = starts;
        if (st == null) {
            return chunks[i >>> SHIFT][i & MASK];
        }
        int p = blocks[i >>> IntChunks.BLOCK_SHIFT];
        if (i >= st[p + 1]) {
            p++;
        }
        return chunks[p][i - st[p]];
    }

    /** Sets the value at {@code i} (only while the column is being made). */
    public void set(int i, long v) {
        if (starts == null) {
            chunks[i >>> SHIFT][i & MASK] = v;
        } else {
            int p = piece(i);
            chunks[p][i - starts[p]] = v;
        }
    }

    /**
     * The values {@code [from, to)} in one array, for a loop over a short range (a session): the chunk that holds them
     * all (nothing copied; the range starts at {@link #windowStart}), else a copy in {@code scratch} (grown when too
     * short; starts at 0). The array must not be written.
     */
    public long[] window(int from, int to, long[] scratch) {
        if (to <= from) {
            return scratch;
        }
        if (inOneChunk(from, to)) {
            return chunks[piece(from)];
        }
        long[] out = scratch.length >= to - from ? scratch : new long[Math.max(to - from, scratch.length * 2)];
        copyTo(from, out, 0, to - from);
        return out;
    }

    /** Where {@link #window}'s array holds value {@code from} of the range {@code [from, to)}. */
    public int windowStart(int from, int to) {
        return to > from && inOneChunk(from, to) ? from - pieceStart(piece(from)) : 0;
    }

    /** Whether the values {@code [from, to)} (not empty) are in one chunk or piece: {@link #window} copies none. */
    public boolean inOneChunk(int from, int to) {
        if (starts == null) {
            return from >>> SHIFT == (to - 1) >>> SHIFT;
        }
        return to <= pieceEnd(piece(from));
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
            int c = piece(from);
            int o = from - pieceStart(c);
            int k = Math.min(length, pieceEnd(c) - from);
            System.arraycopy(chunks[c], o, dst, at, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** Copies {@code length} values from {@code src} at {@code from} into this column at {@code at}. */
    public void copyFrom(long[] src, int from, int at, int length) {
        while (length > 0) {
            int c = piece(at);
            int o = at - pieceStart(c);
            int k = Math.min(length, (starts == null ? CHUNK : pieceEnd(c) - pieceStart(c)) - o);
            System.arraycopy(src, from, chunks[c], o, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** Copies {@code length} values from {@code src} at {@code from} into this column at {@code at}. */
    public void copyFrom(LongChunks src, int from, int at, int length) {
        while (length > 0) {
            int c = piece(at);
            int o = at - pieceStart(c);
            int k = Math.min(length, (starts == null ? CHUNK : pieceEnd(c) - pieceStart(c)) - o);
            src.copyTo(from, chunks[c], o, k);
            from += k;
            at += k;
            length -= k;
        }
    }

    /** The longest array this column holds (at most {@link #CHUNK}). */
    public int longestArray() {
        int m = 0;
        for (long[] c : chunks) {
            m = Math.max(m, c.length);
        }
        return m;
    }

    /**
     * How many of this column's values are held in arrays {@code o} holds too, wherever (the pieces a catch-up's next
     * frame shares with the last: nothing of them was copied).
     */
    public int sharedValues(LongChunks o) {
        java.util.Set<long[]> theirs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        theirs.addAll(Arrays.asList(o.chunks));
        int n = 0;
        for (int p = 0; p < chunks.length; p++) {
            n += theirs.contains(chunks[p]) ? pieceEnd(p) - pieceStart(p) : 0;
        }
        return n;
    }

    /** How many arrays (chunks or pieces) hold the values. */
    public int arrayCount() {
        return chunks.length;
    }

    /** Whether {@code o} holds the same values. */
    public boolean contentEquals(LongChunks o) {
        if (o == null || o.size != size) {
            return false;
        }
        long[] a = new long[CHUNK];
        long[] b = new long[CHUNK];
        for (int at = 0; at < size; at += CHUNK) {
            int n = Math.min(CHUNK, size - at);
            copyTo(at, a, 0, n);
            o.copyTo(at, b, 0, n);
            if (!Arrays.equals(a, 0, n, b, 0, n)) {
                return false;
            }
        }
        return true;
    }

    /** Values per piece that a {@link Rope} makes of copied values, about: 8,192. */
    static final int FRESH = IntChunks.FRESH;

    /**
     * Makes a column of pieces from runs of other columns' values and from single values, in order, as
     * {@link IntChunks.Rope} does: a run shares every piece of its source that it covers whole and copies the rest
     * into new pieces of about {@value #FRESH} values; every piece but the last holds at least
     * {@value IntChunks#BLOCK} values.
     */
    public static final class Rope {
        private final java.util.ArrayList<long[]> pieces = new java.util.ArrayList<>();
        private int[] starts = new int[16];
        private int size;
        private long[] buf;
        private int b;

        /** Appends one value (copied into a new piece). */
        public void add(long v) {
            if (buf == null) {
                buf = new long[CHUNK];
            } else if (b == CHUNK) {
                spill();
            }
            buf[b++] = v;
        }

        /** Appends {@code src}'s values {@code [from, from + length)}, sharing the pieces the run covers whole. */
        public void addRun(LongChunks src, int from, int length) {
            while (length > 0) {
                int p = src.piece(from);
                int ps = src.pieceStart(p);
                int pe = src.pieceEnd(p);
                int k = Math.min(length, pe - from);
                if (from == ps && k == pe - ps && k >= IntChunks.BLOCK) {
                    share(src.chunks[p], k);
                } else {
                    copy(src.chunks[p], from - ps, k);
                }
                from += k;
                length -= k;
            }
        }

        /** The number of values so far. */
        public int size() {
            return size + b;
        }

        private void copy(long[] src, int off, int n) {
            if (buf == null) {
                buf = new long[CHUNK];
            }
            while (n > 0) {
                if (b == CHUNK) {
                    spill();
                }
                int k = Math.min(n, CHUNK - b);
                System.arraycopy(src, off, buf, b, k);
                b += k;
                off += k;
                n -= k;
            }
        }

        /** A full buffer: all but its last {@value #FRESH} values become pieces (the rest stays for what follows). */
        private void spill() {
            emitSplit(buf, 0, CHUNK - FRESH);
            System.arraycopy(buf, CHUNK - FRESH, buf, 0, FRESH);
            b = FRESH;
        }

        private void share(long[] piece, int n) {
            if (b >= IntChunks.BLOCK) {
                emitSplit(buf, 0, b);
                b = 0;
            }
            if (b > 0) {
                // a short copy between two shared pieces: joined to the shorter of them, copied
                int last = pieces.size() - 1;
                int m = last < 0 ? Integer.MAX_VALUE : size - starts[last];
                long[] joined;
                if (m <= n) {
                    joined = Arrays.copyOf(pieces.remove(last), m + b);
                    size = starts[last];
                    System.arraycopy(buf, 0, joined, m, b);
                    emitSplit(joined, 0, m + b);
                } else {
                    joined = Arrays.copyOf(buf, b + n);
                    System.arraycopy(piece, 0, joined, b, n);
                    emitSplit(joined, 0, b + n);
                    b = 0;
                    return;
                }
                b = 0;
            }
            emit(piece, n);
        }

        /** {@code src[from, from + n)} as pieces of about {@value #FRESH} values, each at least a block. */
        private void emitSplit(long[] src, int from, int n) {
            int k = Math.max(1, (n + FRESH - 1) / FRESH);
            for (int j = 0; j < k; j++) {
                int a = from + (int) ((long) n * j / k);
                int e = from + (int) ((long) n * (j + 1) / k);
                emit(Arrays.copyOfRange(src, a, e), e - a);
            }
        }

        private void emit(long[] a, int n) {
            if (pieces.size() + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[pieces.size()] = size;
            pieces.add(a);
            size = Math.addExact(size, n);
        }

        /** The column (the rope is not used after). */
        public LongChunks build() {
            if (b > 0) {
                emitSplit(buf, 0, b);
                b = 0;
            }
            buf = null;
            int n = pieces.size();
            starts[n] = size;
            return new LongChunks(pieces.toArray(new long[0][]), Arrays.copyOf(starts, n + 1));
        }
    }

    @Override
    public String toString() {
        return size <= 20 ? Arrays.toString(toArray()) : "LongChunks[" + size + "]";
    }
}
