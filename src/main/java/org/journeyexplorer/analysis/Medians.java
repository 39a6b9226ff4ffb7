package org.journeyexplorer.analysis;

import java.util.Arrays;

/** Nearest-rank medians without sorting whole arrays: quickselect over a slice. */
final class Medians {
    private Medians() {
    }

    /** Lower median (nearest rank) of {@code a[from, to)}, reordering that slice; 0 when empty. */
    static long median(long[] a, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        return select(a, from, to, from + (n - 1) / 2);
    }

    /**
     * The value that would sit at index {@code k} if {@code a[lo, hi)} were sorted; reorders the range.
     * Quickselect with a three-way partition (durations and gaps repeat a lot, e.g. many zero-second gaps).
     */
    static long select(long[] a, int lo, int hi, int k) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            long p = medianOf3(a[lo], a[mid], a[hi - 1]);
            int lt = lo;
            int gt = hi - 1;
            int i = lo;
            while (i <= gt) {
                long v = a[i];
                if (v < p) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > p) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return p;
            }
        }
        Arrays.sort(a, lo, hi);
        return a[k];
    }

    private static long medianOf3(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
