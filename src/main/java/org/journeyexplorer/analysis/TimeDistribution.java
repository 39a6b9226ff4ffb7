package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A distribution of durations in microseconds: percentiles by the one rule of {@link Percentiles} (nearest rank:
 * the smallest value with at least p % of the values at or below it, so the median of an even count is the lower
 * middle) and counts in fixed, human-sized buckets.
 *
 * @param count   number of durations
 * @param min     smallest, 0 when empty
 * @param p10     10th percentile
 * @param p25     25th percentile
 * @param median  50th percentile
 * @param p75     75th percentile
 * @param p90     90th percentile
 * @param max     largest
 * @param mean    arithmetic mean (rounded down)
 * @param buckets counts per bucket; every bucket is present, also the empty ones
 */
public record TimeDistribution(int count, long min, long p10, long p25, long median, long p75, long p90, long max,
                               long mean, List<Bucket> buckets) {

    private static final long MINUTE = 60_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Upper bounds (exclusive) of the buckets; the last bucket is open. */
    static final long[] BOUNDS = {MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY};
    private static final String[] BUCKET_LABELS = {"< 1 min", "1–5 min", "5–15 min", "15–60 min", "1–6 h", "6–24 h",
            "1–3 d", "3–7 d", "7–30 d", "≥ 30 d"};

    /**
     * One histogram bucket {@code [fromMicros, toMicros)}; {@code toMicros} is {@link Long#MAX_VALUE} for the last.
     */
    public record Bucket(String label, long fromMicros, long toMicros, int count) {
    }

    public TimeDistribution {
        buckets = List.copyOf(buckets);
    }

    /** The distribution of the first {@code n} values; sorts that part of the array in place. */
    static TimeDistribution of(long[] values, int n) {
        Arrays.sort(values, 0, n);
        int[] counts = new int[BOUNDS.length + 1];
        // the mean as quotient and remainder sums: a plain sum of 10 M durations of a few weeks overflows a long
        long quotients = 0;
        long remainders = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            while (b < BOUNDS.length && v >= BOUNDS[b]) {
                b++;
            }
            counts[b]++;
            quotients += Math.floorDiv(v, n);
            remainders += Math.floorMod(v, n);
        }
        List<Bucket> buckets = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            long from = i == 0 ? 0 : BOUNDS[i - 1];
            long to = i < BOUNDS.length ? BOUNDS[i] : Long.MAX_VALUE;
            buckets.add(new Bucket(BUCKET_LABELS[i], from, to, counts[i]));
        }
        if (n == 0) {
            return new TimeDistribution(0, 0, 0, 0, 0, 0, 0, 0, 0, buckets);
        }
        return new TimeDistribution(n, values[0], Percentiles.ofSorted(values, n, 10),
                Percentiles.ofSorted(values, n, 25), Percentiles.ofSorted(values, n, 50),
                Percentiles.ofSorted(values, n, 75), Percentiles.ofSorted(values, n, 90), values[n - 1],
                quotients + remainders / n, buckets);
    }
}
