package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The stored frame order's bytes give back exactly the order, persons, names, times and types they were made of. */
class FrameOrderTest {

    /** A frame order of {@code persons} persons with times from {@code time} (sorted within each person). */
    private static FrameOrder order(Random rnd, int persons, java.util.function.LongSupplier time) {
        int[] personStart = new int[persons + 1];
        for (int p = 0; p < persons; p++) {
            personStart[p + 1] = personStart[p] + 1 + rnd.nextInt(9);
        }
        int n = personStart[persons];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long[] times = new long[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = time.getAsLong();
            types[i] = rnd.nextInt(7);
        }
        for (int p = 0; p < persons; p++) {
            Arrays.sort(times, personStart[p], personStart[p + 1]);
        }
        int[] names = new int[persons];
        for (int p = 0; p < persons; p++) {
            names[p] = rnd.nextInt(persons + 1) - 1;
        }
        return new FrameOrder(order, personStart, names, LongChunks.of(times), IntChunks.of(types));
    }

    private static void roundTrip(FrameOrder o) {
        FrameOrder back = FrameOrder.decode(o.encodeRows(), o.encodePersons(), o.order().length, o.nameIds().length,
                7);
        assertArrayEquals(o.order(), back.order());
        assertArrayEquals(o.personStart(), back.personStart());
        assertArrayEquals(o.nameIds(), back.nameIds());
        assertArrayEquals(o.time().toArray(), back.time().toArray());
        assertArrayEquals(o.type().toArray(), back.type().toArray());
    }

    @Test
    void timesOfEveryKindComeBackExactly() {
        Random rnd = new Random(5);
        long sec = 1_000_000L;
        long start = 1_700_000_000L * sec;
        // whole seconds (stored in seconds), odd microseconds, before 1970, equal times, and the extremes
        roundTrip(order(rnd, 300, () -> start + rnd.nextInt(90 * 86_400) * sec));
        roundTrip(order(rnd, 300, () -> start + rnd.nextInt(1_000_000_000)));
        roundTrip(order(rnd, 50, () -> -start + rnd.nextInt(1000) * 60 * sec));
        roundTrip(order(rnd, 20, () -> start));
        roundTrip(order(rnd, 40, () -> switch (rnd.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> 0;
            default -> rnd.nextLong();
        }));
    }

    /**
     * The stored times' bytes as first written (the format projects hold): the smallest time, the step (the greatest
     * common divisor of each person's first time's distance from the smallest and of the gaps, 1 when one of them
     * is negative as a signed number, 1 when all are 0), then every distance over the step as an unsigned varint.
     */
    private static byte[] referenceTimes(long[] time, int[] personStart) {
        int persons = personStart.length - 1;
        long min = Long.MAX_VALUE;
        for (long t : time) {
            min = Math.min(min, t);
        }
        java.math.BigInteger step = java.math.BigInteger.ZERO;
        boolean negative = false;
        for (int p = 0; p < persons; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long d = time[i] - prev;
                negative |= d < 0;
                step = step.gcd(java.math.BigInteger.valueOf(d));
                prev = time[i];
            }
        }
        long s = negative || step.signum() == 0 ? 1 : step.longValueExact();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(java.nio.ByteBuffer.allocate(16).putLong(min).putLong(s).array());
        for (int p = 0; p < persons; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long v = Long.divideUnsigned(time[i] - prev, s);
                while ((v & ~0x7FL) != 0) {
                    out.write((int) (v & 0x7F | 0x80));
                    v >>>= 7;
                }
                out.write((int) v);
                prev = time[i];
            }
        }
        return out.toByteArray();
    }

    @Test
    void timesAreWrittenInTheStoredFormat() {
        // byte for byte what a naive reference writes: stored projects read the same, and a frame stored now is the
        // one stored before (times in order, out of order within a person, spans beyond the signed range)
        Random rnd = new Random(17);
        long sec = 1_000_000L;
        long start = 1_700_000_000L * sec;
        java.util.List<FrameOrder> orders = new java.util.ArrayList<>(java.util.List.of(
                order(rnd, 3000, () -> start + rnd.nextInt(90 * 86_400) * sec),
                order(rnd, 300, () -> start + rnd.nextInt(1_000_000_000)),
                order(rnd, 300, () -> start + rnd.nextInt(1000) * 6 * sec + 3 * sec),
                order(rnd, 50, () -> -start + rnd.nextInt(1000) * 60 * sec),
                order(rnd, 20, () -> start),
                order(rnd, 40, () -> rnd.nextLong()),
                order(rnd, 40, () -> rnd.nextBoolean() ? Long.MIN_VALUE / 2 - 4 : Long.MAX_VALUE / 2 + 8),
                order(rnd, 40, () -> switch (rnd.nextInt(4)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> 0;
                    default -> rnd.nextLong();
                })));
        // times out of order within persons
        FrameOrder sorted = order(rnd, 200, () -> start + rnd.nextInt(5000) * sec);
        long[] shuffled = sorted.time().toArray();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        orders.add(new FrameOrder(sorted.order(), sorted.personStart(), sorted.nameIds(), LongChunks.of(shuffled),
                sorted.type()));
        for (FrameOrder o : orders) {
            byte[] expected = referenceTimes(o.time().toArray(), o.personStart());
            FrameOrder.EncodedTimes t = o.encodeTimes();
            assertArrayEquals(expected, Arrays.copyOf(t.bytes(), t.length()));
            assertArrayEquals(o.encodePersons(), o.encodePersons(t));
        }
    }

    @Test
    void sessionGapsTakeFewBytes() {
        Random rnd = new Random(9);
        long sec = 1_000_000L;
        long[] t = {1_700_000_000L * sec};
        // events seconds to minutes apart within persons, persons months apart: about a byte per event
        FrameOrder o = order(rnd, 2000, () -> t[0] += (1 + rnd.nextInt(100)) * sec);
        int n = o.order().length;
        int bytes = o.encodeTimes().length();
        assertTrue(bytes < 16 + 2 * n, bytes + " bytes for " + n + " times");
    }

    @Test
    void bytesThatDoNotFitAreRefused() {
        Random rnd = new Random(3);
        FrameOrder o = order(rnd, 100, () -> rnd.nextInt(1000));
        byte[] r = o.encodeRows();
        byte[] b = o.encodePersons();
        int n = o.order().length;
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decode(r, b, n + 1, 100, 7), "other events");
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decode(r, b, n, 100, 6), "a type too many");
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decode(r, b, n, 50, 7), "an id too many");
        assertThrows(IllegalArgumentException.class,
                () -> FrameOrder.decode(r, Arrays.copyOf(b, b.length - 1), n, 100, 7));
        assertThrows(IllegalArgumentException.class,
                () -> FrameOrder.decode(Arrays.copyOf(r, r.length - 1), b, n, 100, 7));
        byte[] bad = b.clone();
        bad[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decode(r, bad, n, 100, 7), "another format");
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decode(b, r, n, 100, 7), "parts swapped");
    }

    @Test
    void encodingsFromChunksAreTheArrayEncodings() {
        // an order over several chunks (and a last one part full), packed and unpacked chunk by chunk: the bytes must
        // be the stored format (magic, size, then the packed column), so projects stored before read the same
        Random rnd = new Random(11);
        FrameOrder o = order(rnd, 30_000, () -> 1_700_000_000_000_000L + rnd.nextInt(1_000_000) * 1_000_000L);
        int n = o.order().length;
        assertTrue(n > 3 * IntChunks.CHUNK, n + " rows");
        byte[] packed = org.journeyexplorer.store.PackedInts.pack(o.order(), n);
        byte[] rows = FrameOrder.encodeRows(IntChunks.of(o.order()));
        java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(rows);
        assertEquals(0x4A455231, head.getInt());
        assertEquals(n, head.getInt());
        assertArrayEquals(packed, Arrays.copyOfRange(rows, 8, rows.length));
        assertArrayEquals(rows, o.encodeRows());
        assertArrayEquals(o.order(), FrameOrder.decodeRowChunks(rows, n).toArray());
        assertArrayEquals(FrameOrder.decodeRows(rows, n), FrameOrder.decodeRowChunks(rows, n).toArray());
        assertThrows(IllegalArgumentException.class, () -> FrameOrder.decodeRowChunks(rows, n + 1), "other events");
        assertThrows(IllegalArgumentException.class,
                () -> FrameOrder.decodeRowChunks(Arrays.copyOf(rows, rows.length - 1), n), "cut short");
        // the persons part of an order without its rows (what a build stores) is that of the order with them
        FrameOrder persons = new FrameOrder(null, o.personStart(), o.nameIds(), o.time(), o.type());
        byte[] b = persons.encodePersons();
        FrameOrder back = FrameOrder.decodePersons(b, n, o.nameIds().length, 7);
        assertArrayEquals(o.type().toArray(), back.type().toArray());
        assertTrue(back.type().longestArray() <= IntChunks.CHUNK);
        assertEquals(o, FrameOrder.decode(rows, b, n, o.nameIds().length, 7));
        // the types' packing sits behind the other parts: the last bytes are the packing of the types' array
        byte[] types = org.journeyexplorer.store.PackedInts.pack(o.type().toArray(), n);
        assertArrayEquals(types, Arrays.copyOfRange(b, b.length - types.length, b.length));
        assertArrayEquals(o.type().toArray(),
                org.journeyexplorer.store.PackedInts.unpackChunks(types, 0, types.length, n).toArray());
    }
}
