package org.journeyexplorer.analysis;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Int and long arrays an analysis writes and reads within one computation, given back at its end for the next
 * computation to take again. A new array costs more than its writes: the JVM zeroes it, and the kernel faults in the
 * fresh pages of the eden regions the collector hands out; in a filtered flow at 5 M events (1.8 M cells and their
 * gaps in blocks, then the links' gaps sorted by link) that was about a quarter of the engine's CPU (async-profiler:
 * memset and page faults under {@code Flows$Rows.row} and {@code linkMedians}), and every filter change asks for a
 * new one.
 *
 * <p>Arrays come in power-of-two lengths from {@value #MIN_LENGTH}; a taken array holds whatever its last user left
 * in it, so a user reads only what it wrote. Given-back arrays are held softly (the collector takes them back before
 * running out of heap) and at most {@link #capBytes} of them.
 */
final class Scratch {
    static final int MIN_LENGTH = 1 << 10;
    /**
     * A held array up to this many doublings longer than asked for is taken rather than a new one made (the next
     * selection's counts are a little smaller as often as larger).
     */
    private static final int SPARE = 2;
    /**
     * Most bytes of arrays held between computations: a 32nd of the heap, at most 64 MB (32 MB in the 1 GB heap of
     * 10 M events; tests set it).
     */
    static volatile long capBytes = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 32);
    /** Arrays made because none was free (tests read it). */
    static final AtomicLong made = new AtomicLong();

    @SuppressWarnings("unchecked")
    private static final ArrayDeque<SoftReference<int[]>>[] INTS = new ArrayDeque[32];
    @SuppressWarnings("unchecked")
    private static final ArrayDeque<SoftReference<long[]>>[] LONGS = new ArrayDeque[32];
    private static long heldBytes;

    static {
        for (int s = 0; s < INTS.length; s++) {
            INTS[s] = new ArrayDeque<>();
            LONGS[s] = new ArrayDeque<>();
        }
    }

    private Scratch() {
    }

    /**
     * An int array of at least {@code minLength} (a power of two, at least {@value #MIN_LENGTH}, perhaps up to four
     * times as long as asked for); not zeroed.
     */
    static int[] ints(int minLength) {
        int shift = shiftFor(minLength);
        int[] a = null;
        for (int s = shift; a == null && s <= Math.min(30, shift + SPARE); s++) {
            a = poll(INTS[s], 4L << s);
        }
        if (a == null) {
            made.incrementAndGet();
            a = new int[1 << shift];
        }
        return a;
    }

    /** A long array as {@link #ints} gives an int array. */
    static long[] longs(int minLength) {
        int shift = shiftFor(minLength);
        long[] a = null;
        for (int s = shift; a == null && s <= Math.min(30, shift + SPARE); s++) {
            a = poll(LONGS[s], 8L << s);
        }
        if (a == null) {
            made.incrementAndGet();
            a = new long[1 << shift];
        }
        return a;
    }

    /** Gives back an array {@link #ints} made; the caller no longer reads or writes it. */
    static void give(int[] a) {
        offer(INTS, a.length, 4L * a.length, a);
    }

    /** Gives back an array {@link #longs} made; the caller no longer reads or writes it. */
    static void give(long[] a) {
        offer(LONGS, a.length, 8L * a.length, a);
    }

    private static <T> T poll(ArrayDeque<SoftReference<T>> q, long bytes) {
        synchronized (INTS) {
            for (SoftReference<T> r; (r = q.pollLast()) != null; ) {
                heldBytes -= bytes;
                T a = r.get();
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    private static <T> void offer(ArrayDeque<SoftReference<T>>[] free, int len, long bytes, T a) {
        if (len < MIN_LENGTH || Integer.bitCount(len) != 1) {
            return;
        }
        synchronized (INTS) {
            if (heldBytes + bytes > capBytes) {
                return;
            }
            heldBytes += bytes;
            free[Integer.numberOfTrailingZeros(len)].addLast(new SoftReference<>(a));
        }
    }

    /** Lets go of every held array (tests). */
    static void clear() {
        synchronized (INTS) {
            for (int s = 0; s < INTS.length; s++) {
                INTS[s].clear();
                LONGS[s].clear();
            }
            heldBytes = 0;
        }
    }

    private static int shiftFor(int minLength) {
        if (minLength <= MIN_LENGTH) {
            return Integer.numberOfTrailingZeros(MIN_LENGTH);
        }
        if (minLength > 1 << 30) {
            throw new IllegalArgumentException("no scratch array of " + minLength + " values");
        }
        return 32 - Integer.numberOfLeadingZeros(minLength - 1);
    }
}
