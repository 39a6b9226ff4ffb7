package org.journeyexplorer.core;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link LongChunks} and {@link IntChunks} against plain arrays, across chunk boundaries. */
class ChunksTest {
    @Test
    void copiesAcrossChunkBoundariesEqualArrayCopies() {
        Random r = new Random(3);
        int n = 3 * LongChunks.CHUNK + 1234;
        long[] a = new long[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong();
            b[i] = r.nextInt();
        }
        LongChunks la = LongChunks.of(a);
        IntChunks ib = IntChunks.of(b);
        assertEquals(n, la.size());
        assertArrayEquals(a, la.toArray());
        assertArrayEquals(b, ib.toArray());
        long[] ea = new long[n];
        int[] eb = new int[n];
        LongChunks ca = new LongChunks(n);
        IntChunks cb = new IntChunks(n);
        for (int k = 0; k < 200; k++) {
            // runs of every length up to two chunks, at any offsets, as a catch-up copies untouched persons
            int len = r.nextInt(2 * LongChunks.CHUNK + 2);
            int from = r.nextInt(n - len + 1);
            int to = r.nextInt(n - len + 1);
            System.arraycopy(a, from, ea, to, len);
            System.arraycopy(b, from, eb, to, len);
            ca.copyFrom(la, from, to, len);
            cb.copyFrom(ib, from, to, len);
            assertArrayEquals(java.util.Arrays.copyOfRange(a, from, from + len), la.copyOfRange(from, from + len));
            assertArrayEquals(java.util.Arrays.copyOfRange(b, from, from + len), ib.copyOfRange(from, from + len));
        }
        assertArrayEquals(ea, ca.toArray());
        assertArrayEquals(eb, cb.toArray());
        for (int i = 0; i < n; i += 997) {
            assertEquals(ea[i], ca.get(i));
            assertEquals(eb[i], cb.get(i));
        }
        assertTrue(ca.contentEquals(LongChunks.of(ea)));
        assertFalse(ca.contentEquals(LongChunks.of(a)));
    }

    @Test
    void anAppendedColumnSharesTheChunksAndEachColumnReadsItsOwnValues() {
        // batches of every size, some across a chunk boundary, some ending exactly on one, as a stream appends
        Random r = new Random(11);
        int n = IntChunks.CHUNK - 5;
        int[] all = new int[5 * IntChunks.CHUNK];
        for (int i = 0; i < all.length; i++) {
            all[i] = r.nextInt();
        }
        IntChunks col = IntChunks.of(java.util.Arrays.copyOf(all, n));
        java.util.List<IntChunks> older = new java.util.ArrayList<>();
        int[] batches = {3, 2, 1, IntChunks.CHUNK - 1, 0, 7, 2 * IntChunks.CHUNK + 3, 100};
        for (int b : batches) {
            older.add(col);
            IntChunks next = b == 7 ? col.appendedFill(-1, b) : col.appended(all, n, b);
            if (b == 7) {
                java.util.Arrays.fill(all, n, n + b, -1);
            }
            // every chunk the old column filled completely is the very same array (nothing of it copied)
            assertTrue(next.sharedChunks(col) >= n >>> IntChunks.SHIFT, "chunks shared after " + n + " values");
            n += b;
            col = next;
            assertEquals(n, col.size());
            assertArrayEquals(java.util.Arrays.copyOf(all, n), col.toArray());
        }
        // the older columns still read exactly their values, though later appends wrote past their ends
        int size = IntChunks.CHUNK - 5;
        for (int k = 0; k < older.size(); k++) {
            IntChunks o = older.get(k);
            assertEquals(size, o.size());
            assertArrayEquals(java.util.Arrays.copyOf(all, size), o.toArray());
            assertTrue(o.contentEquals(IntChunks.of(java.util.Arrays.copyOf(all, size))));
            assertTrue(o.contentEquals(col.slice(0, size)));
            size += batches[k];
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 100, IntChunks.CHUNK + 200),
                col.slice(100, IntChunks.CHUNK + 200).toArray());
        assertArrayEquals(new int[]{-1, -1, -1}, IntChunks.filled(3, -1).toArray());
    }

    @Test
    void windowsHoldARangeWithinAChunkOrACopyOfOneAcrossTwo() {
        int n = 2 * IntChunks.CHUNK + 10;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 7 + 1;
        }
        IntChunks c = IntChunks.of(a);
        int[] scratch = new int[4];
        int[][] ranges = {{0, 5}, {IntChunks.CHUNK - 3, IntChunks.CHUNK + 2}, {IntChunks.CHUNK - 3, IntChunks.CHUNK},
                {IntChunks.CHUNK, IntChunks.CHUNK + 1}, {10, 2 * IntChunks.CHUNK + 5}, {n - 1, n}, {7, 7}};
        for (int[] r : ranges) {
            int[] w = c.window(r[0], r[1], scratch);
            int d = c.windowStart(r[0], r[1]) - r[0];
            for (int i = r[0]; i < r[1]; i++) {
                assertEquals(a[i], w[i + d], "value " + i + " of [" + r[0] + ", " + r[1] + ")");
            }
        }
        // a range in one chunk is read in place, not copied
        assertNotSame(scratch, c.window(IntChunks.CHUNK + 1, IntChunks.CHUNK + 3, scratch));
        assertSame(scratch, c.window(IntChunks.CHUNK - 1, IntChunks.CHUNK + 1, scratch));
        LongChunks t = LongChunks.of(1, 2, 3);
        assertEquals(3, t.window(1, 3, new long[0])[t.windowStart(1, 3) + 1]);
    }

    @Test
    void aRopeSharesThePiecesARunCoversWholeAndReadsLikeTheArrayItWasMadeFrom() {
        // generations of columns as catch-ups make them: untouched runs of the last column (anywhere, of any length)
        // between recomputed values; each generation read back against the same operations on plain arrays
        Random r = new Random(5);
        int n = 9 * IntChunks.CHUNK + 777;
        long[] a = new long[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong();
            b[i] = r.nextInt();
        }
        LongChunks la = LongChunks.of(a);
        IntChunks ib = IntChunks.of(b);
        for (int gen = 0; gen < 12; gen++) {
            LongChunks.Rope lr = new LongChunks.Rope();
            IntChunks.Rope ir = new IntChunks.Rope();
            long[] ea = new long[n + 4000];
            int[] eb = new int[n + 4000];
            int m = 0;
            int shareable = 0; // values in the last column's arrays that the runs cover whole (at least BLOCK long)
            int pos = 0;
            while (pos < la.size()) {
                // a few recomputed values (some none), then an untouched run of the last column
                int fresh = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 20 : 3 * IntChunks.BLOCK);
                for (int k = 0; k < fresh && m < ea.length - 1; k++) {
                    long v = r.nextLong();
                    lr.add(v);
                    ir.add((int) v);
                    ea[m] = v;
                    eb[m++] = (int) v;
                }
                int len = Math.min(la.size() - pos, 1 + r.nextInt(3 * IntChunks.CHUNK));
                if (m + len > ea.length) {
                    break;
                }
                lr.addRun(la, pos, len);
                ir.addRun(ib, pos, len);
                la.copyTo(pos, ea, m, len);
                ib.copyTo(pos, eb, m, len);
                m += len;
                pos += len + r.nextInt(2000); // the events of recomputed persons leave the untouched runs
            }
            LongChunks na = lr.build();
            IntChunks nb = ir.build();
            assertEquals(m, na.size());
            assertEquals(m, nb.size());
            long[] wa = java.util.Arrays.copyOf(ea, m);
            int[] wb = java.util.Arrays.copyOf(eb, m);
            assertArrayEquals(wa, na.toArray(), "generation " + gen);
            assertArrayEquals(wb, nb.toArray(), "generation " + gen);
            for (int i = 0; i < m; i++) {
                assertEquals(wa[i], na.get(i));
                assertEquals(wb[i], nb.get(i));
            }
            for (int k = 0; k < 300; k++) {
                int from = r.nextInt(m);
                int to = Math.min(m, from + 1 + r.nextInt(r.nextBoolean() ? 40 : 3 * IntChunks.BLOCK));
                long[] w = na.window(from, to, new long[2]);
                int[] v = nb.window(from, to, new int[2]);
                int dw = na.windowStart(from, to) - from;
                int dv = nb.windowStart(from, to) - from;
                for (int i = from; i < to; i++) {
                    assertEquals(wa[i], w[i + dw]);
                    assertEquals(wb[i], v[i + dv]);
                }
                assertArrayEquals(java.util.Arrays.copyOfRange(wb, from, to), nb.copyOfRange(from, to));
                assertArrayEquals(java.util.Arrays.copyOfRange(wa, from, to), na.copyOfRange(from, to));
            }
            assertTrue(na.contentEquals(LongChunks.of(wa)) && LongChunks.of(wa).contentEquals(na));
            assertTrue(nb.contentEquals(IntChunks.of(wb)) && IntChunks.of(wb).contentEquals(nb));
            assertTrue(nb.slice(100, m - 100).contentEquals(
                    IntChunks.of(java.util.Arrays.copyOfRange(wb, 100, m - 100))));
            // the pieces the runs covered whole are the last column's very arrays; no array over a chunk, and
            // no piece but the last under a block, so a read finds its piece in one step
            assertTrue(na.sharedValues(la) > m / 3, "generation " + gen + ": " + na.sharedValues(la) + " of " + m);
            assertEquals(na.sharedValues(la), nb.sharedValues(ib));
            assertTrue(na.longestArray() <= LongChunks.CHUNK && nb.longestArray() <= IntChunks.CHUNK);
            assertTrue(na.arrayCount() <= m / IntChunks.BLOCK + 1, na.arrayCount() + " pieces for " + m);
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> nb.get(nb.size() + IntChunks.BLOCK));
            assertThrows(IllegalStateException.class, () -> nb.appended(new int[]{1}, 0, 1));
            la = na;
            ib = nb;
            n = m;
        }
        IntChunks.Rope empty = new IntChunks.Rope();
        assertEquals(0, empty.build().size());
    }

    @Test
    void aColumnOfFewValuesHoldsItsFullChunksCompactlyAndReadsTheSame() {
        // one value in 30 is not -1 (a contact key column); one chunk in the middle has many: it stays as it is
        Random r = new Random(21);
        int n = 4 * IntChunks.CHUNK + 99;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            boolean dense = i >>> IntChunks.SHIFT == 2;
            a[i] = r.nextInt(dense ? 2 : 30) == 0 ? r.nextInt(1000) : -1;
        }
        IntChunks plain = IntChunks.of(a);
        IntChunks c = plain.rareAs(-1, 0);
        assertEquals(3, c.rareChunks(), "chunks 0, 1 and 3 (2 has many values, 4 is not full)");
        assertSame(c, c.rareAs(-1, 0), "nothing more to change");
        assertArrayEquals(a, c.toArray());
        for (int i = 0; i < n; i++) {
            assertEquals(a[i], c.get(i), "row " + i);
        }
        for (int k = 0; k < 200; k++) {
            int from = r.nextInt(n);
            int to = Math.min(n, from + 1 + r.nextInt(r.nextBoolean() ? 50 : 2 * IntChunks.CHUNK));
            int[] w = c.window(from, to, new int[4]);
            int d = c.windowStart(from, to) - from;
            for (int i = from; i < to; i++) {
                assertEquals(a[i], w[i + d]);
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(a, from, to), c.slice(from, to).toArray());
        }
        assertTrue(c.contentEquals(plain) && plain.contentEquals(c));
        // appended: the compact chunks are shared, the batch's full chunks made compact from where it started
        int[] more = new int[IntChunks.CHUNK + 5];
        java.util.Arrays.fill(more, -1);
        more[7] = 5;
        IntChunks longer = c.appended(more, 0, more.length).rareAs(-1, c.size() >>> IntChunks.SHIFT);
        assertEquals(4, longer.rareChunks());
        assertEquals(4, longer.sharedChunks(c), "chunks 0-3 are the very same");
        int[] all = java.util.Arrays.copyOf(a, n + more.length);
        System.arraycopy(more, 0, all, n, more.length);
        assertArrayEquals(all, longer.toArray());
        assertArrayEquals(a, c.toArray(), "the shorter column reads its own rows");
        assertTrue(c.longestArray() <= IntChunks.CHUNK);
    }

    @Test
    void noArrayIsOverHalfARegionOfAOneGigabyteHeap() {
        // G1 makes 1 MB regions for a 1 GB heap; an array of half a region or more is humongous
        LongChunks t = new LongChunks(11_500_000);
        IntChunks ty = new IntChunks(11_500_000);
        assertTrue(t.longestArray() * 8L <= 256 * 1024, "a chunk of times is " + t.longestArray() * 8L + " bytes");
        assertTrue(ty.longestArray() * 4L <= 256 * 1024);
    }

    @Test
    void readsPastTheEndFailAsAnArraysWould() {
        LongChunks t = new LongChunks(LongChunks.CHUNK + 5);
        t.set(LongChunks.CHUNK + 4, 7);
        assertEquals(7, t.get(LongChunks.CHUNK + 4));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> t.get(LongChunks.CHUNK + 5));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> t.get(-1));
        IntChunks e = new IntChunks(0);
        assertEquals(0, e.size());
        assertEquals(0, e.toArray().length);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> e.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.copyOfRange(0, LongChunks.CHUNK + 6));
    }
}
