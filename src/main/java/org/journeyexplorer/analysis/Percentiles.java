package org.journeyexplorer.analysis;

import java.util.Arrays;

/**
 * The one percentile rule behind every median, p90 and quartile the user sees (Sankey links, heatmap cells,
 * funnel gaps, time to convert, variants, journey velocity): <b>nearest rank</b>. The p-th percentile of n values
 * is the value at rank ⌈p·n / 100⌉ in ascending order, i.e. the smallest observed value with at least p % of the
 * values at or below it. So a median is always a time that really occurred; for an even count it is the lower of
 * the two middle values (the median of 10, 20, 40, 100 s is 20 s, their p90 100 s), and it needs no interpolation
 * between two journeys. Computed exactly (no sampling) by quickselect, without sorting whole arrays.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** The 1-based rank of the p-th percentile among n values (at least 1), in exact integer arithmetic. */
    public static int rank(int n, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        }
        return (int) Math.max(1, ((long) percent * n + 99) / 100);
    }

    /** The p-th percentile of {@code a[from, to)}, reordering that slice; 0 when it is empty. */
    public static long of(long[] a, int from, int to, int percent) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        return select(a, from, to, from + rank(n, percent) - 1);
    }

    /** The median (50th percentile) of {@code a[from, to)}, reordering that slice; 0 when it is empty. */
    public static long median(long[] a, int from, int to) {
        return of(a, from, to, 50);
    }

    /** The p-th percentile of the first {@code n > 0} values of an ascending array. */
    public static long ofSorted(long[] sorted, int n, int percent) {
        return sorted[rank(n, percent) - 1];
    }

    /**
     * The value that would sit at index {@code k} if {@code a[lo, hi)} were sorted; reorders the range so that
     * everything left of {@code k} is at most, and everything right of it at least, that value. Quickselect with a
     * three-way partition (durations and gaps repeat a lot, e.g. many zero-second gaps).
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

    /** {@link #median(long[], int, int)} over ints (the Sankey links' gaps when every one fits in an int). */
    public static long median(int[] a, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        return select(a, from, to, from + rank(n, 50) - 1);
    }

    /** {@link #select(long[], int, int, int)} over ints. */
    static int select(int[] a, int lo, int hi, int k) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            int x = a[lo];
            int y = a[mid];
            int z = a[hi - 1];
            int p = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = lo;
            int gt = hi - 1;
            int i = lo;
            while (i <= gt) {
                int v = a[i];
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
}
