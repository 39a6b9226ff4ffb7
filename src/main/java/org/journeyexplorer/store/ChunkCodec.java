package org.journeyexplorer.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Byte encodings of one chunk's columns. Every blob starts with a format byte, so the encoding of new chunks
 * can change without a schema migration and old chunks stay readable: {@link #RAW} is little-endian primitives
 * as is, {@link #DEFLATED} is the same bytes deflated.
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

    /** Primitive columns: raw by default, measured faster to reload than deflated (see StoreBenchmark). */
    static volatile boolean deflatePrimitives = false;

    private ChunkCodec() {
    }

    static byte[] encodeInts(int[] values, int n) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RAW);
        b.asIntBuffer().put(values, 0, n);
        return maybeDeflate(b.array());
    }

    static byte[] encodeLongs(long[] values, int n) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RAW);
        b.asLongBuffer().put(values, 0, n);
        return maybeDeflate(b.array());
    }

    static void decodeInts(byte[] blob, int[] dst, int offset, int n) {
        byte[] raw = inflateIfNeeded(blob, 1 + 4 * n);
        ByteBuffer.wrap(raw, 1, raw.length - 1).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, offset, n);
    }

    static void decodeLongs(byte[] blob, long[] dst, int offset, int n) {
        byte[] raw = inflateIfNeeded(blob, 1 + 8 * n);
        ByteBuffer.wrap(raw, 1, raw.length - 1).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, offset, n);
    }

    private static byte[] maybeDeflate(byte[] raw) {
        return deflatePrimitives ? deflate(raw, 1, raw.length - 1) : raw;
    }

    /** Format byte {@link #DEFLATED}, then the deflated bytes {@code data[from, from+len)}. */
    static byte[] deflate(byte[] data, int from, int len) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(data, from, len);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 4));
            out.write(DEFLATED);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int k = d.deflate(buf);
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

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
            if (rows % BLOCK_ROWS == 0) {
                int b = rows / BLOCK_ROWS;
                if (b == blockStart.length) {
                    blockStart = java.util.Arrays.copyOf(blockStart, b * 2);
                }
                blockStart[b] = len;
            }
            rows++;
            if (s == null) {
                ensure(1);
                buf[len++] = 0;
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(b.length + 5);
            int v = b.length + 1;
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
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
            byte[][] packed = new byte[blocks][];
            ByteArrayOutputStream out = new ByteArrayOutputStream(len / 3 + 16);
            out.write(BLOCKED);
            writeVarint(out, blocks);
            for (int b = 0; b < blocks; b++) {
                int from = blockStart[b];
                int to = b + 1 < blocks ? blockStart[b + 1] : len;
                packed[b] = deflate(buf, from, to - from);
                writeVarint(out, packed[b].length - 1);
            }
            for (byte[] p : packed) {
                out.write(p, 1, p.length - 1);
            }
            return out.toByteArray();
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
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
