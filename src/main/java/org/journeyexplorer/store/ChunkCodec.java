package org.journeyexplorer.store;

import org.journeyexplorer.core.IntChunks;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Byte encodings of one chunk's columns. Every blob starts with a format byte, so the encoding of new chunks
 * can change without a schema migration and old chunks stay readable: {@link #RAW} is little-endian primitives
 * as is, {@link #DEFLATED} is the same bytes deflated, {@link #PACKED_INTS} / {@link #PACKED_LONGS} (written
 * since issue 16) store each value in as few whole bytes as the chunk needs.
 *
 * <p>Properties are one length-prefixed UTF-8 string per row (unsigned varint of length + 1, where 0 means
 * "no properties"), deflated as a whole because JSON text of similar rows compresses several-fold.
 */
final class ChunkCodec {
    static final byte RAW = 0;
    static final byte DEFLATED = 1;
    /**
     * Strings in independently deflated blocks of {@link #BLOCK_ROWS} rows, so reading the properties of a few
     * rows inflates a few KB instead of the whole chunk: format byte, varint block count, varint compressed size
     * per block, then the blocks.
     */
    static final byte BLOCKED = 2;
    static final int BLOCK_ROWS = 2048;

    /** Deflated primitive columns instead of packed ones (measured slower to reload; see StoreBenchmark). */
    static volatile boolean deflatePrimitives = false;

    private ChunkCodec() {
    }

    /**
     * Ints as offsets from the chunk's minimum in the fewest whole bytes that hold its range (an id column of
     * 100 k persons takes 3 bytes a row, a constant column none): format byte, width, minimum (4 bytes), the
     * values, 8 bytes of padding so every value is read with one 8-byte load. A reopen reads a third of the bytes
     * through the store that {@link #RAW} needs, and the store's copying of those bytes led the reopen profile.
     */
    static final byte PACKED_INTS = 3;
    /**
     * Longs (times) as offsets from the minimum or as zigzag deltas from the previous row, whichever is narrower
     * (a time-ordered log needs a few bytes a row instead of 8): format byte, mode, width, base (8 bytes), the
     * values, 8 bytes of padding. Arithmetic wraps, so any values round-trip.
     */
    static final byte PACKED_LONGS = 4;
    private static final int PAD = 8;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Whole bytes needed for the unsigned value {@code v}. */
    private static int width(long v) {
        return (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
    }

    static byte[] encodeInts(int[] values, int n) {
        if (deflatePrimitives) {
            return encodeRawInts(values, n);
        }
        return encodePackedInts(values, n);
    }

    /** {@link #PACKED_INTS}, whatever format event chunks are written in. */
    static byte[] encodePackedInts(int[] values, int n) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        if (n == 0) {
            min = max = 0;
        }
        int w = width((long) max - min);
        byte[] out = new byte[6 + n * w + PAD];
        out[0] = PACKED_INTS;
        out[1] = (byte) w;
        INT_LE.set(out, 2, min);
        int p = 6;
        for (int i = 0; i < n; i++) {
            LONG_LE.set(out, p, (long) values[i] - min);
            p += w;
        }
        return out;
    }

    /**
     * {@link #encodePackedInts(int[], int)} of all of {@code values}, read from its chunks, at {@code room} in the
     * array returned (its first {@code room} bytes are left for the caller's header): the same bytes as the packing
     * of {@code values.toArray()}, without that copy or a second one to put a header in front.
     */
    static byte[] encodePackedInts(IntChunks values, int room) {
        int n = values.size();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int[] scratch = new int[Math.min(n, IntChunks.CHUNK)];
        for (int from = 0; from < n; from += scratch.length) {
            int k = Math.min(scratch.length, n - from);
            values.copyTo(from, scratch, 0, k);
            for (int i = 0; i < k; i++) {
                min = Math.min(min, scratch[i]);
                max = Math.max(max, scratch[i]);
            }
        }
        if (n == 0) {
            min = max = 0;
        }
        int w = width((long) max - min);
        byte[] out = new byte[room + 6 + n * w + PAD];
        out[room] = PACKED_INTS;
        out[room + 1] = (byte) w;
        INT_LE.set(out, room + 2, min);
        int p = room + 6;
        for (int from = 0; from < n; from += scratch.length) {
            int k = Math.min(scratch.length, n - from);
            values.copyTo(from, scratch, 0, k);
            for (int i = 0; i < k; i++) {
                LONG_LE.set(out, p, (long) scratch[i] - min);
                p += w;
            }
        }
        return out;
    }

    /**
     * What {@link #encodePackedInts(int[], int)} wrote at {@code blob[at, at + length)}, {@code dst.size()} values,
     * into {@code dst}'s chunks directly.
     */
    static void decodePackedInts(byte[] blob, int at, int length, IntChunks dst) {
        int n = dst.size();
        if (length < 6 || blob[at] != PACKED_INTS) {
            throw new IllegalStateException("not a packed int column");
        }
        int w = blob[at + 1];
        if (length != 6 + (long) n * w + PAD) {
            throw new IllegalStateException("chunk column of " + length + " bytes, expected " + (6 + (long) n * w + PAD));
        }
        int[] scratch = new int[Math.min(n, IntChunks.CHUNK)];
        for (int from = 0; from < n; from += scratch.length) {
            int k = Math.min(scratch.length, n - from);
            decodePackedInts(blob, at, length, from, scratch, k);
            dst.copyFrom(scratch, 0, from, k);
        }
    }

    /** Values {@code [first, first + k)} of the packed column at {@code blob[at, at + length)} into {@code dst}. */
    private static void decodePackedInts(byte[] blob, int at, int length, int first, int[] dst, int k) {
        int w = blob[at + 1];
        int min = (int) INT_LE.get(blob, at + 2);
        long mask = w == 0 ? 0 : -1L >>> (64 - 8 * w);
        int p = at + 6 + first * w;
        for (int i = 0; i < k; i++) {
            dst[i] = min + (int) ((long) LONG_LE.get(blob, p) & mask);
            p += w;
        }
    }

    static byte[] encodeLongs(long[] values, int n) {
        if (deflatePrimitives) {
            return encodeRawLongs(values, n);
        }
        long min = n == 0 ? 0 : Long.MAX_VALUE;
        long max = n == 0 ? 0 : Long.MIN_VALUE;
        long zigzags = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (i > 0) {
                long d = v - values[i - 1];
                zigzags |= (d << 1) ^ (d >> 63);
            }
        }
        // the span may wrap for absurd ranges; as unsigned it still holds every offset
        int forWidth = max - min < 0 ? 8 : width(max - min);
        int deltaWidth = width(zigzags);
        boolean delta = deltaWidth < forWidth;
        int w = delta ? deltaWidth : forWidth;
        long base = delta ? values[0] : min;
        byte[] out = new byte[11 + n * w + PAD];
        out[0] = PACKED_LONGS;
        out[1] = (byte) (delta ? 1 : 0);
        out[2] = (byte) w;
        LONG_LE.set(out, 3, base);
        int p = 11;
        long prev = base;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            long x;
            if (delta) {
                long d = v - prev;
                x = (d << 1) ^ (d >> 63);
                prev = v;
            } else {
                x = v - min;
            }
            LONG_LE.set(out, p, x);
            p += w;
        }
        return out;
    }

    private static byte[] encodeRawInts(int[] values, int n) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RAW);
        b.asIntBuffer().put(values, 0, n);
        return maybeDeflate(b.array());
    }

    private static byte[] encodeRawLongs(long[] values, int n) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RAW);
        b.asLongBuffer().put(values, 0, n);
        return maybeDeflate(b.array());
    }

    static void decodeInts(byte[] blob, int[] dst, int offset, int n) {
        if (blob[0] == PACKED_INTS) {
            decodePackedInts(blob, 0, blob.length, dst, offset, n);
            return;
        }
        byte[] raw = inflateIfNeeded(blob, 1 + 4 * n);
        ByteBuffer.wrap(raw, 1, raw.length - 1).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, offset, n);
    }

    /** A {@link #PACKED_INTS} column stored at {@code blob[at, at + length)}. */
    static void decodePackedInts(byte[] blob, int at, int length, int[] dst, int offset, int n) {
        if (length < 6 || blob[at] != PACKED_INTS) {
            throw new IllegalStateException("not a packed int column");
        }
        int w = blob[at + 1];
        if (length != 6 + (long) n * w + PAD) {
            throw new IllegalStateException("chunk column of " + length + " bytes, expected " + (6 + (long) n * w + PAD));
        }
        int min = (int) INT_LE.get(blob, at + 2);
        long mask = w == 0 ? 0 : -1L >>> (64 - 8 * w);
        int p = at + 6;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = min + (int) ((long) LONG_LE.get(blob, p) & mask);
            p += w;
        }
    }

    static void decodeLongs(byte[] blob, long[] dst, int offset, int n) {
        if (blob[0] == PACKED_LONGS) {
            boolean delta = blob[1] == 1;
            int w = blob[2];
            long base = (long) LONG_LE.get(blob, 3);
            checkLength(blob, 11 + n * w + PAD);
            long mask = w == 0 ? 0 : -1L >>> (64 - 8 * w);
            int p = 11;
            if (delta) {
                long v = base;
                for (int i = 0; i < n; i++) {
                    long z = (long) LONG_LE.get(blob, p) & mask;
                    v += (z >>> 1) ^ -(z & 1);
                    dst[offset + i] = v;
                    p += w;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = base + ((long) LONG_LE.get(blob, p) & mask);
                    p += w;
                }
            }
            return;
        }
        byte[] raw = inflateIfNeeded(blob, 1 + 8 * n);
        ByteBuffer.wrap(raw, 1, raw.length - 1).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, offset, n);
    }

    private static void checkLength(byte[] blob, long expected) {
        if (blob.length != expected) {
            throw new IllegalStateException("chunk column of " + blob.length + " bytes, expected " + expected);
        }
    }

    private static byte[] maybeDeflate(byte[] raw) {
        return deflatePrimitives ? deflate(raw, 1, raw.length - 1) : raw;
    }

    /** Format byte {@link #DEFLATED}, then the deflated bytes {@code data[from, from+len)}. */
    static byte[] deflate(byte[] data, int from, int len) {
        Deflater d = DEFLATER.get();
        d.reset();
        d.setInput(data, from, len);
        d.finish();
        // JSON of similar rows deflates several-fold: start at a third and grow in the rare case it is not enough
        byte[] out = new byte[Math.max(64, len / 3 + 16)];
        out[0] = DEFLATED;
        int n = 1;
        while (true) {
            n += d.deflate(out, n, out.length - n);
            if (d.finished()) {
                return n == out.length ? out : java.util.Arrays.copyOf(out, n);
            }
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
    }

    /**
     * One deflater per thread, reset for every block: an import deflates thousands of 2,048-row blocks, and a
     * fresh deflater each time (zlib state set up and torn down, a 64 KB buffer) cost more than some blocks.
     */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(
            () -> new Deflater(Deflater.BEST_SPEED, true));

    /** The blob with format byte RAW: as is; DEFLATED: inflated, with a RAW format byte in front. */
    static byte[] inflateIfNeeded(byte[] blob, int expectedRawLength) {
        if (blob[0] == RAW) {
            return blob;
        }
        if (blob[0] != DEFLATED) {
            throw new IllegalStateException("unknown chunk encoding " + blob[0]);
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(blob, 1, blob.length - 1);
            byte[] out = new byte[expectedRawLength];
            out[0] = RAW;
            int pos = 1;
            while (pos < expectedRawLength) {
                int k = inf.inflate(out, pos, expectedRawLength - pos);
                if (k == 0 && (inf.finished() || inf.needsInput())) {
                    break;
                }
                pos += k;
            }
            if (pos != expectedRawLength) {
                throw new IllegalStateException("chunk column shorter than expected");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("damaged chunk column", e);
        } finally {
            inf.end();
        }
    }

    /** Inflates a blob of unknown raw length (properties). Returns bytes without the format byte. */
    static byte[] inflateAll(byte[] blob) {
        if (blob[0] == RAW) {
            return java.util.Arrays.copyOfRange(blob, 1, blob.length);
        }
        return inflateRange(blob, 1, blob.length - 1);
    }

    /** Growable buffer of length-prefixed UTF-8 strings, one per row. */
    static final class StringColumn {
        private byte[] buf = new byte[1 << 16];
        private int len;
        private int rows;
        /** Byte offset of every {@link #BLOCK_ROWS}-th row. */
        private int[] blockStart = new int[64];

        void add(String s) {
            startRow();
            if (s == null) {
                ensure(1);
                buf[len++] = 0;
                return;
            }
            int n = s.length();
            if (isAscii(s, n)) {
                // the common case (property JSON of ASCII values): its chars are its UTF-8 bytes, copied straight
                // into the column instead of through a byte array per row
                ensure(n + 5);
                varint(n + 1);
                getAsciiBytes(s, n);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            bytes(b, 0, b.length);
        }

        /**
         * Adds the ASCII text in {@code b[from, to)}: the same bytes {@link #add(String)} stores for that text, copied
         * without a String between.
         */
        void addAscii(byte[] b, int from, int to) {
            startRow();
            bytes(b, from, to - from);
        }

        /** Counts a new row, noting where it starts when it begins a block. */
        private void startRow() {
            if (rows % BLOCK_ROWS == 0) {
                int k = rows / BLOCK_ROWS;
                if (k == blockStart.length) {
                    blockStart = java.util.Arrays.copyOf(blockStart, k * 2);
                }
                blockStart[k] = len;
            }
            rows++;
        }

        /** The row's value: its UTF-8 bytes {@code b[from, from + n)}, after their length + 1. */
        private void bytes(byte[] b, int from, int n) {
            ensure(n + 5);
            varint(n + 1);
            System.arraycopy(b, from, buf, len, n);
            len += n;
        }

        private static boolean isAscii(String s, int n) {
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exact for ASCII, and copies
        private void getAsciiBytes(String s, int n) {
            s.getBytes(0, n, buf, len);
            len += n;
        }

        private void varint(int v) {
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                byte[] n = new byte[Math.max(buf.length * 2, len + extra)];
                System.arraycopy(buf, 0, n, 0, len);
                buf = n;
            }
        }

        void clear() {
            len = 0;
            rows = 0;
        }

        /** One deflated stream (format {@link #DEFLATED}): for columns always read whole. */
        byte[] encode() {
            return deflate(buf, 0, len);
        }

        /** Deflated blocks (format {@link #BLOCKED}): for columns read a few rows at a time. */
        byte[] encodeBlocked() {
            int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
            // every block deflated into one scratch array of this thread, then header and blocks copied once into
            // an array of the exact size: a chunk's column is some 20 MB of fresh arrays fewer than with an array
            // per block, a stream to gather them and its copy
            Scratch scratch = SCRATCH.get();
            int[] size = scratch.sizes(blocks);
            int at = 0;
            for (int b = 0; b < blocks; b++) {
                int from = blockStart[b];
                int to = b + 1 < blocks ? blockStart[b + 1] : len;
                int n = deflateInto(buf, from, to - from, scratch, at);
                size[b] = n;
                at += n;
            }
            int header = 1 + varintLength(blocks);
            for (int b = 0; b < blocks; b++) {
                header += varintLength(size[b]);
            }
            byte[] out = new byte[header + at];
            out[0] = BLOCKED;
            int p = putVarint(out, 1, blocks);
            for (int b = 0; b < blocks; b++) {
                p = putVarint(out, p, size[b]);
            }
            System.arraycopy(scratch.bytes, 0, out, p, at);
            return out;
        }
    }

    /** A thread's buffers for {@link StringColumn#encodeBlocked}: deflated blocks side by side, and their sizes. */
    private static final class Scratch {
        byte[] bytes = new byte[1 << 16];
        int[] sizes = new int[64];

        int[] sizes(int blocks) {
            if (sizes.length < blocks) {
                sizes = new int[blocks];
            }
            return sizes;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Deflates {@code data[from, from+len)} into {@code scratch.bytes} at {@code at} (growing it as needed): the
     * same bytes {@link #deflate} writes after its format byte. Returns how many.
     */
    private static int deflateInto(byte[] data, int from, int len, Scratch scratch, int at) {
        Deflater d = DEFLATER.get();
        d.reset();
        d.setInput(data, from, len);
        d.finish();
        int n = at;
        while (true) {
            if (scratch.bytes.length - n < Math.max(64, len / 3 + 16)) {
                scratch.bytes = java.util.Arrays.copyOf(scratch.bytes, Math.max(scratch.bytes.length * 2,
                        n + len / 3 + 64));
            }
            n += d.deflate(scratch.bytes, n, scratch.bytes.length - n);
            if (d.finished()) {
                return n - at;
            }
        }
    }

    private static int varintLength(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] out, int p, int v) {
        while ((v & ~0x7F) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    /** The strings of the given rows (any order, 0-based within the chunk) of a chunk of {@code n} rows. */
    static String[] pickStrings(byte[] blob, int n, int[] rows) {
        if (blob[0] != BLOCKED) {
            return pickFrom(inflateAll(blob), 0, n, rows, 0, rows.length, new String[rows.length]);
        }
        int[] pos = {1};
        int blocks = varint(blob, pos);
        int[] blockOffset = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            blockOffset[b + 1] = blockOffset[b] + varint(blob, pos);
        }
        int header = pos[0];
        Integer[] order = new Integer[rows.length];
        for (int k = 0; k < rows.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(rows[x], rows[y]));
        int[] sortedRows = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            sortedRows[k] = rows[order[k]];
        }
        String[] sorted = new String[rows.length];
        int k = 0;
        while (k < rows.length) {
            int b = sortedRows[k] / BLOCK_ROWS;
            int end = k;
            while (end < rows.length && sortedRows[end] / BLOCK_ROWS == b) {
                end++;
            }
            byte[] data = inflateRange(blob, header + blockOffset[b], blockOffset[b + 1] - blockOffset[b]);
            int blockRows = Math.min(BLOCK_ROWS, n - b * BLOCK_ROWS);
            pickFrom(data, b * BLOCK_ROWS, blockRows, sortedRows, k, end, sorted);
            k = end;
        }
        String[] out = new String[rows.length];
        for (int m = 0; m < rows.length; m++) {
            out[order[m]] = sorted[m];
        }
        return out;
    }

    /**
     * Decodes rows {@code want[from, to)} from {@code data}, which holds rows {@code first .. first+count-1}
     * (any order of {@code want} within that range), into {@code out[from, to)}.
     */
    private static String[] pickFrom(byte[] data, int first, int count, int[] want, int from, int to,
                                     String[] out) {
        int[] start = new int[count];
        int[] length = new int[count];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            int[] lenAndPos = readVarint(data, pos);
            length[i] = lenAndPos[0];
            start[i] = lenAndPos[1];
            pos = lenAndPos[1] + Math.max(0, lenAndPos[0] - 1);
        }
        for (int k = from; k < to; k++) {
            int r = want[k] - first;
            out[k] = length[r] == 0 ? null : new String(data, start[r], length[r] - 1, StandardCharsets.UTF_8);
        }
        return out;
    }

    private static byte[] inflateRange(byte[] blob, int from, int len) {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(blob, from, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(len * 4);
            byte[] buf = new byte[16 * 1024];
            while (!inf.finished()) {
                int k = inf.inflate(buf);
                if (k == 0 && inf.needsInput()) {
                    break;
                }
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("damaged properties block", e);
        } finally {
            inf.end();
        }
    }

    private static int varint(byte[] data, int[] pos) {
        int[] r = readVarint(data, pos[0]);
        pos[0] = r[1];
        return r[0];
    }

    /** Decodes all strings of a properties blob. */
    static String[] decodeAllStrings(byte[] blob, int n) {
        if (blob[0] == BLOCKED) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return pickStrings(blob, n, all);
        }
        byte[] data = inflateAll(blob);
        String[] out = new String[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int[] lenAndPos = readVarint(data, pos);
            int l = lenAndPos[0];
            pos = lenAndPos[1];
            if (l > 0) {
                out[i] = new String(data, pos, l - 1, StandardCharsets.UTF_8);
                pos += l - 1;
            }
        }
        return out;
    }

    private static int[] readVarint(byte[] data, int pos) {
        int v = 0;
        int shift = 0;
        while (true) {
            byte b = data[pos++];
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return new int[]{v, pos};
            }
            shift += 7;
        }
    }
}
