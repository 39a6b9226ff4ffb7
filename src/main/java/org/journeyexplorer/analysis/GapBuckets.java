package org.journeyexplorer.analysis;

/**
 * Exact order statistics of many groups of time gaps without selecting among all of a group's gaps: a first pass
 * counts each group's gaps in {@link #BUCKETS} ordered buckets, {@link #locate} finds the bucket holding a wanted
 * rank, and a second pass writes only the gaps of that bucket, among which the selection runs (the rank within the
 * bucket is the rank among them). Selecting among every gap was most of the time of the heatmap's medians and p90s
 * ({@link Transitions}) and of the Sankey links' medians ({@link Flows}), which both use it.
 */
final class GapBuckets {
    /** Buckets per group: one for negative gaps (a time span beyond a long), 16 for 0–15 µs, 4 per power of two. */
    static final int BUCKETS = 256;

    private GapBuckets() {
    }

    /**
     * The bucket of a gap, non-decreasing in the gap: negative gaps first, then 0–15 one each, then every power of
     * two from 16 split in four (the largest long falls in bucket 252).
     */
    static int bucket(long gap) {
        if (gap < 16) {
            return gap < 0 ? 0 : 1 + (int) gap;
        }
        int e = 63 - Long.numberOfLeadingZeros(gap);
        return 17 + ((e - 4) << 2) + (int) ((gap >>> (e - 2)) & 3);
    }

    /**
     * Where the gap of 1-based rank {@code rank} lies among a group's gaps counted in
     * {@code hist[base, base + BUCKETS)} (rank at most their number): its bucket ({@link #bucketOf}) and its
     * 1-based rank among that bucket's gaps ({@link #rankIn}), packed in one long.
     */
    static long locate(int[] hist, int base, int rank) {
        int below = 0;
        int b = 0;
        while (below + hist[base + b] < rank) {
            below += hist[base + b++];
        }
        return (long) b << 32 | (rank - below);
    }

    /** The bucket of a {@link #locate} answer. */
    static int bucketOf(long located) {
        return (int) (located >>> 32);
    }

    /** The 1-based rank within its bucket of a {@link #locate} answer. */
    static int rankIn(long located) {
        return (int) located;
    }
}
