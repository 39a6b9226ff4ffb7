package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentilesTest {

    @Test
    void handComputedNearestRanks() {
        long[] v = {40, 10, 100, 20};
        assertEquals(20, Percentiles.median(v.clone(), 0, 4));   // lower middle of 10 20 40 100
        assertEquals(100, Percentiles.of(v.clone(), 0, 4, 90));
        assertEquals(10, Percentiles.of(v.clone(), 0, 4, 25));
        assertEquals(40, Percentiles.of(v.clone(), 0, 4, 75));
        assertEquals(10, Percentiles.of(v.clone(), 0, 4, 0));
        assertEquals(100, Percentiles.of(v.clone(), 0, 4, 100));
        assertEquals(7, Percentiles.median(new long[]{7}, 0, 1));
        assertEquals(0, Percentiles.median(new long[0], 0, 0));
        // ranks in integer arithmetic: 90 % of 10 is exactly rank 9, not 10
        assertEquals(9, Percentiles.rank(10, 90));
        assertEquals(5, Percentiles.rank(10, 50));
        assertEquals(1, Percentiles.rank(10, 0));
    }

    @Test
    void matchesTheDefinitionOnRandomSlicesWithManyDuplicates() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(300);
            long[] v = new long[n + 10];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextInt(round % 2 == 0 ? 3 : 1000);
            }
            int from = rnd.nextInt(5);
            int to = from + n;
            List<Long> slice = new ArrayList<>();
            for (int i = from; i < to; i++) {
                slice.add(v[i]);
            }
            for (int p : new int[]{0, 10, 25, 50, 75, 90, 99, 100}) {
                long[] w = v.clone();
                assertEquals(NaiveReference.percentile(slice, p), Percentiles.of(w, from, to, p), "p" + p);
                // only the slice is reordered
                assertEquals(Arrays.stream(v, 0, from).boxed().toList(), Arrays.stream(w, 0, from).boxed().toList());
                long[] sorted = Arrays.copyOfRange(v, from, to);
                Arrays.sort(sorted);
                assertEquals(NaiveReference.percentile(slice, p), Percentiles.ofSorted(sorted, n, p), "sorted p" + p);
            }
            // Transitions takes the p90 from the part the median's selection left at and above it
            long[] w = Arrays.copyOfRange(v, from, to);
            int k50 = Percentiles.rank(n, 50) - 1;
            Percentiles.select(w, 0, n, k50);
            assertEquals(NaiveReference.percentile(slice, 90), Percentiles.select(w, k50, n, Percentiles.rank(n, 90) - 1));
        }
    }

    /** Ranges above the sampling threshold (600), with few or many distinct values, sorted and reversed. */
    @Test
    void largeRangesSelectTheSortedValueAndPartitionAroundIt() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 120; round++) {
            int n = 601 + rnd.nextInt(40_000);
            long[] v = new long[n];
            int distinct = switch (round % 4) {
                case 0 -> 2;
                case 1 -> 50;
                default -> Integer.MAX_VALUE;
            };
            for (int i = 0; i < n; i++) {
                v[i] = distinct == Integer.MAX_VALUE ? rnd.nextLong() : rnd.nextInt(distinct);
            }
            if (round % 5 == 3) {
                Arrays.sort(v);
            } else if (round % 5 == 4) {
                Arrays.sort(v);
                for (int i = 0, j = n - 1; i < j; i++, j--) {
                    long x = v[i];
                    v[i] = v[j];
                    v[j] = x;
                }
            }
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = switch (round % 3) {
                case 0 -> Percentiles.rank(n, 50) - 1;
                case 1 -> Percentiles.rank(n, 90) - 1;
                default -> rnd.nextInt(n);
            };
            long[] w = v.clone();
            long got = Percentiles.select(w, 0, n, k);
            assertEquals(sorted[k], got, "round " + round + ", n " + n + ", k " + k);
            for (int i = 0; i < n; i++) {
                if (i < k ? w[i] > got : i > k && w[i] < got) {
                    throw new AssertionError("round " + round + ": a[" + i + "] = " + w[i] + " on the wrong side of " + got);
                }
            }
            long[] after = w.clone();
            Arrays.sort(after);
            assertArrayEquals(sorted, after, "a permutation");
        }
    }
}
