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
            byte[] out = new byte[blob.length - 1];
            System.arraycopy(blob, 1, out, 0, out.length);
            return out;
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(blob, 1, blob.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(blob.length * 4);
            byte[] buf = new byte[64 * 1024];
            while (!inf.finished()) {
                int k = inf.inflate(buf);
                if (k == 0 && inf.needsInput()) {
                    break;
                }
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("damaged properties column", e);
        } finally {
            inf.end();
        }
    }

    /** Growable buffer of length-prefixed UTF-8 strings, one per row. */
    static final class StringColumn {
        private byte[] buf = new byte[1 << 16];
        private int len;

        void add(String s) {
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
        }

        byte[] encode() {
            return deflate(buf, 0, len);
        }
    }

    /** The strings of the given rows (any order, 0-based within the chunk) of a chunk of {@code n} rows. */
    static String[] pickStrings(byte[] blob, int n, int[] rows) {
        byte[] data = inflateAll(blob);
        int[] start = new int[n];
        int[] length = new int[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int[] lenAndPos = readVarint(data, pos);
            length[i] = lenAndPos[0];
            start[i] = lenAndPos[1];
            pos = lenAndPos[1] + Math.max(0, lenAndPos[0] - 1);
        }
        String[] out = new String[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            out[k] = length[r] == 0 ? null : new String(data, start[r], length[r] - 1, StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Decodes all strings of a properties blob. */
    static String[] decodeAllStrings(byte[] blob, int n) {
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
