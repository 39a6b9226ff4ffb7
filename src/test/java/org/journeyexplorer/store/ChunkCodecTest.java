package org.journeyexplorer.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ChunkCodecTest {

    private static String[] strings(Random r, int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> s[i] = null;
                case 1 -> s[i] = "";
                case 2 -> s[i] = "{\"k\":\"ü✓ " + i + "\"}";
                case 3 -> s[i] = "x".repeat(r.nextInt(300)); // lengths past one varint byte
                default -> s[i] = Integer.toString(r.nextInt());
            }
        }
        return s;
    }

    @Test
    void asciiBytesAreStoredAsTheirText() {
        // the import hands ASCII property JSON over as bytes: the column must hold what the String path holds
        String[] s = {"{\"sku\":5787,\"v\":2}", null, "", "{\"q\":\"a \\\"b\\\" c\"}",
                "x".repeat(300), null, "{}"};
        ChunkCodec.StringColumn text = new ChunkCodec.StringColumn();
        ChunkCodec.StringColumn bytes = new ChunkCodec.StringColumn();
        for (int i = 0; i < ChunkCodec.BLOCK_ROWS + 5; i++) {
            String v = s[i % s.length];
            text.add(v);
            if (v == null) {
                bytes.add(null);
            } else {
                byte[] b = ("<<" + v + ">>").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                bytes.addAscii(b, 2, b.length - 2);
            }
        }
        assertArrayEquals(text.encodeBlocked(), bytes.encodeBlocked());
        assertArrayEquals(text.encode(), bytes.encode());
    }

    @Test
    void blockedColumnIsItsBlocksEachDeflatedAlone() {
        // the format: BLOCKED, the block count, each block's deflated size, then the blocks; each block's bytes are
        // what a column of that block's rows alone deflates to. Columns of several sizes one after another on one
        // thread (its scratch buffers grow and are reused), text that deflates well and random text that does not.
        Random r = new Random(11);
        for (int blocks : new int[]{70, 1, 3, 33, 2}) {
            int n = blocks * ChunkCodec.BLOCK_ROWS - r.nextInt(ChunkCodec.BLOCK_ROWS);
            String[] s = new String[n];
            for (int i = 0; i < n; i++) {
                s[i] = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "{\"sku\":" + r.nextInt(50_000) + ",\"v\":" + r.nextInt(9) + "}";
                    case 2 -> randomText(r, r.nextInt(400));
                    default -> "ü✓".repeat(r.nextInt(20));
                };
            }
            ChunkCodec.StringColumn col = new ChunkCodec.StringColumn();
            for (String v : s) {
                col.add(v);
            }
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            expected.write(ChunkCodec.BLOCKED);
            varint(expected, blocks);
            for (int b = 0; b < blocks; b++) {
                ChunkCodec.StringColumn one = new ChunkCodec.StringColumn();
                for (int i = b * ChunkCodec.BLOCK_ROWS; i < Math.min(n, (b + 1) * ChunkCodec.BLOCK_ROWS); i++) {
                    one.add(s[i]);
                }
                byte[] deflated = one.encode();
                varint(expected, deflated.length - 1);
                body.write(deflated, 1, deflated.length - 1);
            }
            expected.writeBytes(body.toByteArray());
            byte[] blocked = col.encodeBlocked();
            assertArrayEquals(expected.toByteArray(), blocked, blocks + " blocks");
            assertArrayEquals(s, ChunkCodec.decodeAllStrings(blocked, n));
        }
    }

    private static String randomText(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (32 + r.nextInt(95));
        }
        return new String(c);
    }

    private static void varint(java.io.ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    @Test
    void stringsRoundTripInBothFormats() {
        Random r = new Random(5);
        for (int n : new int[]{1, ChunkCodec.BLOCK_ROWS - 1, ChunkCodec.BLOCK_ROWS, ChunkCodec.BLOCK_ROWS * 3 + 17}) {
            String[] s = strings(r, n);
            ChunkCodec.StringColumn col = new ChunkCodec.StringColumn();
            for (String v : s) {
                col.add(v);
            }
            byte[] whole = col.encode();
            byte[] blocked = col.encodeBlocked();
            assertEquals(ChunkCodec.DEFLATED, whole[0]);
            assertEquals(ChunkCodec.BLOCKED, blocked[0]);
            assertArrayEquals(s, ChunkCodec.decodeAllStrings(whole, n));
            assertArrayEquals(s, ChunkCodec.decodeAllStrings(blocked, n));
            int[] rows = new int[50];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = r.nextInt(n); // any order, repeats allowed
            }
            String[] a = ChunkCodec.pickStrings(whole, n, rows);
            String[] b = ChunkCodec.pickStrings(blocked, n, rows);
            for (int k = 0; k < rows.length; k++) {
                assertEquals(s[rows[k]], a[k]);
                assertEquals(s[rows[k]], b[k]);
            }
            col.clear();
            col.add("again");
            assertArrayEquals(new String[]{"again"}, ChunkCodec.decodeAllStrings(col.encodeBlocked(), 1));
        }
    }

    @Test
    void primitivesRoundTripRawAndDeflated() {
        int[] ints = {0, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE};
        long[] longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1_600_000_000_000_000L};
        boolean saved = ChunkCodec.deflatePrimitives;
        try {
            for (boolean deflate : new boolean[]{false, true}) {
                ChunkCodec.deflatePrimitives = deflate;
                int[] i2 = new int[7];
                long[] l2 = new long[7];
                ChunkCodec.decodeInts(ChunkCodec.encodeInts(ints, 5), i2, 2, 5);
                ChunkCodec.decodeLongs(ChunkCodec.encodeLongs(longs, 5), l2, 2, 5);
                assertArrayEquals(new int[]{0, 0, 0, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE}, i2);
                assertArrayEquals(new long[]{0, 0, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1_600_000_000_000_000L}, l2);
            }
        } finally {
            ChunkCodec.deflatePrimitives = saved;
        }
    }

    @Test
    void packedColumnsRoundTripAnyValuesAndOldRawChunksStillRead() {
        Random r = new Random(16);
        for (int round = 0; round < 200; round++) {
            int n = round == 0 ? 0 : round == 1 ? 1 : r.nextInt(3000);
            int[] ints = new int[n];
            long[] longs = new long[n];
            int shape = round % 5;
            long t = r.nextLong();
            for (int i = 0; i < n; i++) {
                ints[i] = switch (shape) {
                    case 0 -> 42;
                    case 1 -> r.nextInt(100_000) - 1;
                    case 2 -> r.nextInt();
                    case 3 -> r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    default -> -1;
                };
                t += switch (shape) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(5_000_000);
                    case 2 -> r.nextLong();
                    case 3 -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> r.nextInt(2_000_000) - 1_000_000;
                };
                longs[i] = t;
            }
            int[] i2 = new int[n + 3];
            long[] l2 = new long[n + 3];
            byte[] packedInts = ChunkCodec.encodeInts(ints, n);
            byte[] packedLongs = ChunkCodec.encodeLongs(longs, n);
            assertEquals(ChunkCodec.PACKED_INTS, packedInts[0]);
            assertEquals(ChunkCodec.PACKED_LONGS, packedLongs[0]);
            ChunkCodec.decodeInts(packedInts, i2, 3, n);
            ChunkCodec.decodeLongs(packedLongs, l2, 3, n);
            assertArrayEquals(ints, Arrays.copyOfRange(i2, 3, n + 3), "round " + round);
            assertArrayEquals(longs, Arrays.copyOfRange(l2, 3, n + 3), "round " + round);
            if (shape == 1 && n > 100) {
                // ids below 2^24 and steps under 5 s in micros: 3 bytes each instead of 4 and 8
                assertTrue(packedInts.length <= 6 + 3 * n + 8, "ints " + packedInts.length);
                assertTrue(packedLongs.length <= 11 + 4 * n + 8, "longs " + packedLongs.length);
            }
            if (shape == 0 && n > 0) {
                assertEquals(6 + 8, packedInts.length, "a constant column stores no values");
            }
        }
        // chunks written before the packed formats: format byte RAW, little-endian values
        ByteBuffer raw = ByteBuffer.allocate(1 + 12).order(ByteOrder.LITTLE_ENDIAN);
        raw.put(ChunkCodec.RAW).putInt(5).putInt(-1).putInt(Integer.MAX_VALUE);
        int[] old = new int[3];
        ChunkCodec.decodeInts(raw.array(), old, 0, 3);
        assertArrayEquals(new int[]{5, -1, Integer.MAX_VALUE}, old);
    }

    /**
     * Every byte width a packed column can take (ints 0-4, longs 0-8, as offsets and as zigzag deltas), each with
     * the extremes of its width: the unpacking has a loop per width.
     */
    @Test
    void everyPackedWidthRoundTripsAtItsExtremes() {
        Random r = new Random(61);
        for (int w = 0; w <= 4; w++) {
            long span = w == 4 ? 0xFFFF_FFFFL : (1L << (8 * w)) - 1;
            for (int min : new int[]{0, -7, Integer.MIN_VALUE, (int) (Integer.MAX_VALUE - span)}) {
                int n = 700;
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    long off = i == 0 ? 0 : i == 1 ? span : (long) (r.nextDouble() * span);
                    v[i] = (int) (min + off);
                }
                byte[] blob = ChunkCodec.encodeInts(v, n);
                assertEquals(w, blob[1], "width for span " + span);
                int[] back = new int[n + 2];
                ChunkCodec.decodeInts(blob, back, 2, n);
                assertArrayEquals(v, Arrays.copyOfRange(back, 2, n + 2), "width " + w + ", min " + min);
            }
        }
        for (int w = 1; w <= 8; w++) {
            long maxStep = w == 8 ? Long.MAX_VALUE / 2 : (1L << (8 * w - 1)) - 1; // zigzag doubles a step
            for (boolean ordered : new boolean[]{true, false}) {
                int n = 700;
                long[] v = new long[n];
                long t = ordered ? -maxStep : 12345;
                for (int i = 0; i < n; i++) {
                    long step = i == 1 ? maxStep : i == 2 ? -maxStep : (long) (r.nextDouble() * maxStep);
                    t += ordered ? Math.abs(step) / 4 : (i % 2 == 0 ? step : -step);
                    v[i] = t;
                }
                byte[] blob = ChunkCodec.encodeLongs(v, n);
                long[] back = new long[n + 1];
                ChunkCodec.decodeLongs(blob, back, 1, n);
                assertArrayEquals(v, Arrays.copyOfRange(back, 1, n + 1), "width " + w + " ordered " + ordered
                        + " (stored width " + blob[2] + ", delta " + blob[1] + ")");
            }
        }
    }

    /** Incompressible bytes (the output outgrows its first guess), empty input, and text, one deflater reused. */
    @Test
    void deflateRoundTripsWhateverItIsGiven() {
        java.util.Random rnd = new java.util.Random(3);
        for (int len : new int[]{0, 1, 100, 70_000, 300_000}) {
            byte[] noise = new byte[len + 10];
            rnd.nextBytes(noise);
            byte[] packed = ChunkCodec.deflate(noise, 5, len);
            assertArrayEquals(java.util.Arrays.copyOfRange(noise, 5, 5 + len), ChunkCodec.inflateAll(packed));
            byte[] text = "{\"sku\":123,\"v\":4}".repeat(len / 10 + 1).getBytes();
            assertArrayEquals(text, ChunkCodec.inflateAll(ChunkCodec.deflate(text, 0, text.length)));
        }
    }
}
