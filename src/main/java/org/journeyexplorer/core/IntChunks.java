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
 *
 * <p>A column made by a {@link Rope} (a live catch-up's next frame) holds pieces of varying length instead, most of
 * them the very arrays of the last frame's column where its values did not change (see {@link Rope}); a read then
 * finds its piece through a table by blocks of {@value #BLOCK} values, every piece but the last being at least that
 * long. Such a column is not extended.
 *
 * <p>A column whose values are mostly one value (a contact key column: no e-mail on 97 % of the demo's rows) can hold
 * its full chunks that way in a few KB each instead of 128 KB ({@link #rareAs}): the other values and a bit per row
 * where they are.
 */
public final class IntChunks {
    /** log2 of {@link #CHUNK}. */
    public static final int SHIFT = 15;
    /** Values per chunk: 32,768 (128 KB of ints). */
    public static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int[][] NONE = new int[0][];

    /** log2 of {@link #BLOCK}. */
    static final int BLOCK_SHIFT = 12;
    /** Values per block of a piece column's look-up table, and the shortest piece but the last: 4,096. */
    public static final int BLOCK = 1 << BLOCK_SHIFT;

    /** The chunks or pieces; a null entry is a chunk held by {@link #rare}. */
    private final int[][] chunks;
    private final int size;
    /** Null, or per chunk the chunk in its compact form where {@link #chunks} has null. */
    private final Rare[] rare;
    /** Null for chunks of {@link #CHUNK} values; else where each piece starts, then {@link #size}. */
    private final int[] starts;
    /** Per block of {@link #BLOCK} values, the piece holding its first value (null with {@link #starts}). */
    private final int[] blocks;

    /** A column of {@code size} zeros. */
    public IntChunks(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        this.starts = null;
        this.blocks = null;
        this.rare = null;
        int n = (int) ((size + (long) MASK) >>> SHIFT);
        chunks = n == 0 ? NONE : new int[n][];
        for (int c = 0; c < n; c++) {
            // the last chunk exactly as long as needed, so a read past the end fails as an array's would
            chunks[c] = new int[Math.min(CHUNK, size - (c << SHIFT))];
        }
    }

    private IntChunks(int[][] chunks, int size, Rare[] rare) {
        this.chunks = chunks;
        this.size = size;
        this.starts = null;
        this.blocks = null;
        this.rare = rare;
    }

    private IntChunks(int[][] pieces, int[] starts) {
        this.chunks = pieces;
        this.size = starts[pieces.length];
        this.starts = starts;
        this.blocks = blocksOf(starts, pieces.length, size);
        this.rare = null;
    }

    /** Per block of {@link #BLOCK} values, the piece holding its first value. */
    static int[] blocksOf(int[] starts, int pieces, int size) {
        int[] out = new int[(int) ((size + (long) BLOCK - 1) >>> BLOCK_SHIFT)];
        int p = 0;
        for (int b = 0; b < out.length; b++) {
            int at = b << BLOCK_SHIFT;
            while (p + 1 < pieces && starts[p + 1] <= at) {
                p++;
            }
            out[b] = p;
        }
        return out;
    }

    /** The piece (or chunk) holding value {@code i}. */
    private int piece(int i) {
        if (starts == null) {
            return i >>> SHIFT;
        }
        int p = blocks[i >>> BLOCK_SHIFT];
        return i >= starts[p + 1] ? p + 1 : p;
    }

    private int pieceStart(int p) {
        return starts == null ? p << SHIFT : starts[p];
    }

    private int pieceEnd(int p) {
        return starts == null ? Math.min(size, (p + 1) << SHIFT) : starts[p + 1];
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
        if (starts != null) {
            throw new IllegalStateException("a column of pieces is not extended");
        }
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
        return new IntChunks(c, total, rare == null ? null : Arrays.copyOf(rare, count));
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
        int[] st = starts;
        if (st == null) {
            int[] c = chunks[i >>> SHIFT];
            return c != null ? c[i & MASK] : rare[i >>> SHIFT].get(i & MASK);
        }
        int p = blocks[i >>> BLOCK_SHIFT];
        if (i >= st[p + 1]) {
            p++;
        }
        return chunks[p][i - st[p]];
    }

    /** Sets the value at {@code i} (only while the column is being made). */
    public void set(int i, int v) {
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
    public int[] window(int from, int to, int[] scratch) {
        if (to <= from) {
            return scratch;
        }
        if (inOneChunk(from, to)) {
            return chunks[piece(from)];
        }
        int[] out = scratch.length >= to - from ? scratch : new int[Math.max(to - from, scratch.length * 2)];
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
            return from >>> SHIFT == (to - 1) >>> SHIFT && chunks[from >>> SHIFT] != null;
        }
        return to <= pieceEnd(piece(from));
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
            int c = piece(from);
            int o = from - pieceStart(c);
            int k = Math.min(length, pieceEnd(c) - from);
            if (chunks[c] != null) {
                System.arraycopy(chunks[c], o, dst, at, k);
            } else {
                rare[c].copyTo(o, dst, at, k);
            }
            from += k;
            at += k;
            length -= k;
        }
    }

    /** Copies {@code length} values from {@code src} at {@code from} into this column at {@code at}. */
    public void copyFrom(int[] src, int from, int at, int length) {
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
    public void copyFrom(IntChunks src, int from, int at, int length) {
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

    /** How many of this column's chunk arrays are the very arrays {@code o} holds at the same place. */
    public int sharedChunks(IntChunks o) {
        int n = 0;
        for (int c = 0; c < Math.min(chunks.length, o.chunks.length); c++) {
            boolean same = chunks[c] != null ? chunks[c] == o.chunks[c]
                    : o.chunks[c] == null && rare[c] == o.rare[c];
            n += same ? 1 : 0;
        }
        return n;
    }

    /**
     * How many of this column's values are held in arrays {@code o} holds too, wherever (the pieces a catch-up's next
     * frame shares with the last: nothing of them was copied).
     */
    public int sharedValues(IntChunks o) {
        java.util.Set<int[]> theirs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        theirs.addAll(Arrays.asList(o.chunks));
        int n = 0;
        for (int p = 0; p < chunks.length; p++) {
            n += chunks[p] != null && theirs.contains(chunks[p]) ? pieceEnd(p) - pieceStart(p) : 0;
        }
        return n;
    }

    /** How many arrays (chunks or pieces) hold the values. */
    public int arrayCount() {
        return chunks.length;
    }

    /** The longest array this column holds (at most {@link #CHUNK}). */
    public int longestArray() {
        int m = 0;
        for (int[] c : chunks) {
            m = Math.max(m, c == null ? 0 : c.length);
        }
        return m;
    }

    /** Whether {@code o} holds the same values. */
    public boolean contentEquals(IntChunks o) {
        if (o == null || o.size != size) {
            return false;
        }
        int[] a = new int[CHUNK];
        int[] b = new int[CHUNK];
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

    /**
     * This column with every full chunk from chunk {@code fromChunk} on whose values are {@code fill} but for at most
     * one in 16 held compactly (a bit per row and the other values: about 4 KB and 4 bytes per other value instead of
     * 128 KB); the same values, read a little slower. This column itself when none changes (a column of pieces is not
     * changed). A stream's append calls it with the chunk that held the last row before the batch, so only chunks the
     * batch filled are looked at.
     */
    public IntChunks rareAs(int fill, int fromChunk) {
        if (starts != null) {
            return this;
        }
        int full = size >>> SHIFT;
        int[][] c = null;
        Rare[] r = null;
        for (int k = Math.max(0, fromChunk); k < full; k++) {
            int[] chunk = chunks[k];
            if (chunk == null || Rare.others(chunk, fill) > CHUNK / 16) {
                continue;
            }
            if (c == null) {
                c = chunks.clone();
                r = rare == null ? new Rare[chunks.length] : rare.clone();
            }
            r[k] = new Rare(chunk, fill);
            c[k] = null;
        }
        return c == null ? this : new IntChunks(c, size, r);
    }

    /** How many chunks are held compactly ({@link #rareAs}). */
    public int rareChunks() {
        int n = 0;
        for (int[] c : chunks) {
            n += c == null ? 1 : 0;
        }
        return n;
    }

    /** A full chunk of values that are {@link #fill} but for a few: a bit per row says where the others are. */
    private static final class Rare {
        private final int fill;
        /** A bit per row of the chunk: set where the value is not {@link #fill}. */
        private final long[] bits = new long[CHUNK >>> 6];
        /** Per 8 words of {@link #bits}, the bits set before them. */
        private final int[] rank = new int[(CHUNK >>> 6) >>> 3];
        /** The other values, in row order. */
        private final int[] values;

        Rare(int[] chunk, int fill) {
            this.fill = fill;
            values = new int[others(chunk, fill)];
            int n = 0;
            for (int o = 0; o < CHUNK; o++) {
                if ((o & 511) == 0) {
                    rank[o >>> 9] = n;
                }
                if (chunk[o] != fill) {
                    bits[o >>> 6] |= 1L << o;
                    values[n++] = chunk[o];
                }
            }
        }

        static int others(int[] chunk, int fill) {
            int n = 0;
            for (int v : chunk) {
                n += v != fill ? 1 : 0;
            }
            return n;
        }

        int get(int o) {
            int w = o >>> 6;
            long word = bits[w];
            long bit = 1L << o;
            if ((word & bit) == 0) {
                return fill;
            }
            int r = rank[w >>> 3];
            for (int k = w & ~7; k < w; k++) {
                r += Long.bitCount(bits[k]);
            }
            return values[r + Long.bitCount(word & (bit - 1))];
        }

        void copyTo(int o, int[] dst, int at, int k) {
            for (int j = 0; j < k; j++) {
                dst[at + j] = get(o + j);
            }
        }
    }

    /** Values per piece that a {@link Rope} makes of copied values, about: 8,192. */
    static final int FRESH = 2 * BLOCK;

    /**
     * Makes a column of pieces from runs of other columns' values and from single values, in order: a live catch-up's
     * next frame from the last one's untouched runs and the recomputed persons. A run shares every piece of its
     * source that it covers whole (the very array: nothing copied, nothing allocated), and copies the rest into new
     * pieces of about {@value #FRESH} values (small, so that a later catch-up copies little where it changes one).
     * Every piece but the last holds at least {@value #BLOCK} values: a copy shorter than that between two shared
     * pieces is joined to the shorter of them (copied), so the column never breaks into slivers.
     */
    public static final class Rope {
        private final java.util.ArrayList<int[]> pieces = new java.util.ArrayList<>();
        private int[] starts = new int[16];
        private int size;
        private int[] buf;
        private int b;

        /** Appends one value (copied into a new piece). */
        public void add(int v) {
            if (buf == null) {
                buf = new int[CHUNK];
            } else if (b == CHUNK) {
                spill();
            }
            buf[b++] = v;
        }

        /** Appends {@code src}'s values {@code [from, from + length)}, sharing the pieces the run covers whole. */
        public void addRun(IntChunks src, int from, int length) {
            while (length > 0) {
                int p = src.piece(from);
                int ps = src.pieceStart(p);
                int pe = src.pieceEnd(p);
                int k = Math.min(length, pe - from);
                if (src.chunks[p] == null) {
                    copy(src.copyOfRange(from, from + k), 0, k); // a compact chunk (never a frame's)
                } else if (from == ps && k == pe - ps && k >= BLOCK) {
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

        private void copy(int[] src, int off, int n) {
            if (buf == null) {
                buf = new int[CHUNK];
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

        private void share(int[] piece, int n) {
            if (b >= BLOCK) {
                emitSplit(buf, 0, b);
                b = 0;
            }
            if (b > 0) {
                // a short copy between two shared pieces: joined to the shorter of them, copied
                int last = pieces.size() - 1;
                int m = last < 0 ? Integer.MAX_VALUE : size - starts[last];
                int[] joined;
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

        /** {@code src[from, from + n)} as pieces of about {@value #FRESH} values, each at least {@value #BLOCK}. */
        private void emitSplit(int[] src, int from, int n) {
            int k = Math.max(1, (n + FRESH - 1) / FRESH);
            for (int j = 0; j < k; j++) {
                int a = from + (int) ((long) n * j / k);
                int e = from + (int) ((long) n * (j + 1) / k);
                emit(Arrays.copyOfRange(src, a, e), e - a);
            }
        }

        private void emit(int[] a, int n) {
            if (pieces.size() + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[pieces.size()] = size;
            pieces.add(a);
            size = Math.addExact(size, n);
        }

        /** The column (the rope is not used after). */
        public IntChunks build() {
            if (b > 0) {
                emitSplit(buf, 0, b);
                b = 0;
            }
            buf = null;
            int n = pieces.size();
            starts[n] = size;
            return new IntChunks(pieces.toArray(new int[0][]), Arrays.copyOf(starts, n + 1));
        }
    }

    @Override
    public String toString() {
        return size <= 20 ? Arrays.toString(toArray()) : "IntChunks[" + size + "]";
    }
}
