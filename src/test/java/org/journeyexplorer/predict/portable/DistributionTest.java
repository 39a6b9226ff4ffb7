package org.journeyexplorer.predict.portable;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sparse distribution against a plain array doing the same operations. */
class DistributionTest {

    @Test
    void sparseOperationsRankAndTopAgreeWithADenseArray() {
        Random random = new Random(5);
        int[] reused = {7, 7, 7, 7, 7};
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(40);
            double[] base = new double[n];
            for (int y = 0; y < n; y++) {
                // few distinct values, so ties are common, as with unseen types in real models
                base[y] = (1 + random.nextInt(4)) / 10.0;
            }
            double total = Arrays.stream(base).sum();
            Distribution d = new Distribution(n);
            d.reset(base, Distribution.order(base), total);
            double[] dense = base.clone();
            int ops = random.nextInt(8);
            for (int k = 0; k < ops; k++) {
                int y = random.nextInt(n);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        double f = random.nextInt(3) / 2.0;
                        d.scaleAll(f);
                        for (int i = 0; i < n; i++) {
                            dense[i] *= f;
                        }
                    }
                    case 1 -> {
                        double v = random.nextInt(5) / 10.0;
                        d.add(y, v);
                        dense[y] += v;
                    }
                    default -> {
                        double f = random.nextInt(4) / 2.0;
                        d.multiply(y, f);
                        dense[y] *= f;
                    }
                }
            }
            assertArrayEquals(dense, d.toArray(), 1e-12);
            double[] exact = d.toArray();
            for (int y = 0; y < n; y++) {
                assertEquals(naiveRank(exact, y), d.rank(y), "round " + round + " outcome " + y);
            }
            int k = 1 + random.nextInt(5);
            assertArrayEquals(naiveTop(exact, k), d.top(k), "round " + round);
            // the allocation-free form, into a buffer still holding an earlier round's answer
            assertArrayEquals(naiveTop(exact, k), Arrays.copyOf(reused, d.top(k, reused)), "round " + round);
            double z = Arrays.stream(exact).sum();
            d.normalize();
            if (z > 0) {
                assertEquals(1.0, Arrays.stream(d.toArray()).sum(), 1e-9);
            }
        }
    }

    private static int naiveRank(double[] p, int y) {
        int r = 0;
        for (int o = 0; o < p.length; o++) {
            if (p[o] > p[y] || (p[o] == p[y] && o < y)) {
                r++;
            }
        }
        return r;
    }

    private static int[] naiveTop(double[] p, int k) {
        return java.util.stream.IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b))
                .filter(y -> p[y] > 0).limit(k).mapToInt(Integer::intValue).toArray();
    }
}
