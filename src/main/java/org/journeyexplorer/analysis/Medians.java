package org.journeyexplorer.analysis;

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
        return select(a, from, to - 1, from + (n - 1) / 2);
    }

    /** The value that would sit at index k if a[lo..hi] were sorted. */
    static long select(long[] a, int lo, int hi, int k) {
        while (hi > lo) {
            if (hi - lo < 16) {
                insertionSort(a, lo, hi);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            // median of three as pivot keeps sorted and reverse-sorted slices linear
            long x = a[lo], y = a[mid], z = a[hi];
            long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void insertionSort(long[] a, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
