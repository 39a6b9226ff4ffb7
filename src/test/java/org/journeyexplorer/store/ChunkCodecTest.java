package org.journeyexplorer.store;

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
}
