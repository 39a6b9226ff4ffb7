package org.journeyexplorer.analysis;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Int arrays an analysis writes and reads within one computation, given back at its end for the next computation to
 * take again. A new array costs more than its writes: the JVM zeroes it, and the kernel faults in the fresh pages of
 * the eden regions the collector hands out; in a filtered flow at 5 M events (1.8 M cells and their gaps in blocks,
 * then the links' gaps sorted by link) that was about a quarter of the engine's CPU (async-profiler: memset and page
 * faults under {@code Flows$Rows.row} and {@code linkMedians}), and every filter change asks for a new one.
 *
 * <p>Arrays come in power-of-two lengths from {@value #MIN_LENGTH}; a taken array holds whatever its last user left
 * in it, so a user reads only what it wrote. Given-back arrays are held softly (the collector takes them back before
 * running out of heap) and at most {@link #capBytes} of them.
 */
final class IntScratch {
    static final int MIN_LENGTH = 1 << 10;
    /** Most bytes of arrays held between computations (tests set it to 0 to run without reuse). */
    static volatile long capBytes = 48L << 20;
    /** Arrays made because none was free (tests read it). */
    static final AtomicLong made = new AtomicLong();

    @SuppressWarnings("unchecked")
    private static final ArrayDeque<SoftReference<int[]>>[] FREE = new ArrayDeque[32];
    private static long heldBytes;

    static {
        for (int s = 0; s < FREE.length; s++) {
            FREE[s] = new ArrayDeque<>();
        }
    }

    private IntScratch() {
    }

    /** An array of at least {@code minLength} ints (a power of two, at least {@value #MIN_LENGTH}); not zeroed. */
    static int[] take(int minLength) {
        int shift = shiftFor(minLength);
        synchronized (FREE) {
            ArrayDeque<SoftReference<int[]>> q = FREE[shift];
            for (SoftReference<int[]> r; (r = q.pollLast()) != null; ) {
                heldBytes -= 4L << shift;
                int[] a = r.get();
                if (a != null) {
                    return a;
                }
            }
        }
        made.incrementAndGet();
        return new int[1 << shift];
    }

    /** Gives back an array {@link #take} made; the caller no longer reads or writes it. */
    static void give(int[] a) {
        int len = a.length;
        if (len < MIN_LENGTH || Integer.bitCount(len) != 1) {
            return;
        }
        synchronized (FREE) {
            if (heldBytes + 4L * len > capBytes) {
                return;
            }
            heldBytes += 4L * len;
            FREE[Integer.numberOfTrailingZeros(len)].addLast(new SoftReference<>(a));
        }
    }

    /** Lets go of every held array (tests). */
    static void clear() {
        synchronized (FREE) {
            for (ArrayDeque<SoftReference<int[]>> q : FREE) {
                q.clear();
            }
            heldBytes = 0;
        }
    }

    private static int shiftFor(int minLength) {
        if (minLength <= MIN_LENGTH) {
            return Integer.numberOfTrailingZeros(MIN_LENGTH);
        }
        if (minLength > 1 << 30) {
            throw new IllegalArgumentException("no scratch array of " + minLength + " ints");
        }
        return 32 - Integer.numberOfLeadingZeros(minLength - 1);
    }
}
