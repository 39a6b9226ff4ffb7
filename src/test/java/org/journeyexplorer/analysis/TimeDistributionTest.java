package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeDistributionTest {

    @Test
    void meanDoesNotOverflowWhereThePlainSumWould() {
        // three durations of about 100 000 years each: their sum is beyond Long.MAX_VALUE
        long big = 3_200_000_000_000_000_000L;
        long[] v = {big, big + 1, big + 5};
        TimeDistribution d = TimeDistribution.of(v, 3);
        assertEquals(big + 2, d.mean()); // (3 big + 6) / 3
        assertEquals(big, d.min());
        assertEquals(big + 1, d.median());
        assertEquals(big + 5, d.max());
    }

    @Test
    void meanIsTheFlooredExactMeanOfRandomDurations() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(50);
            long[] v = new long[n];
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                v[i] = round % 2 == 0 ? rnd.nextInt(1_000_000) : Long.MAX_VALUE / 2 + rnd.nextInt(1_000_000);
                sum = sum.add(BigInteger.valueOf(v[i]));
            }
            long expected = sum.divide(BigInteger.valueOf(n)).longValueExact();
            assertEquals(expected, TimeDistribution.of(v, n).mean(), "round " + round);
        }
    }
}
