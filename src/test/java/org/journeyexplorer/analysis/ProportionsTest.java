package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wilson intervals, the pooled z-test and Fisher's exact test against values worked out by hand. */
class ProportionsTest {

    @Test
    void wilsonIntervalByHand() {
        // 120 of 1000: p = 0.12, z² = 3.841459, d = 1 + z²/n = 1.0038415,
        // centre = (0.12 + z²/2000) / d = 0.1214542, half = z / d · √(0.12·0.88/1000 + z²/4e6) = 0.0201549
        Proportions.Interval i = Proportions.wilson(120, 1000);
        assertEquals(0.12, i.rate(), 1e-12);
        assertEquals(0.1012993, i.low(), 1e-6);
        assertEquals(0.1416091, i.high(), 1e-6);
        // 0 of 10: low is 0, high = z²/n / d = 0.3841459 / 1.3841459 = 0.2775328
        Proportions.Interval zero = Proportions.wilson(0, 10);
        assertEquals(0, zero.low(), 1e-12);
        assertEquals(0.2775328, zero.high(), 1e-6);
        // 10 of 10 mirrors it
        assertEquals(1 - 0.2775328, Proportions.wilson(10, 10).low(), 1e-6);
        assertEquals(1, Proportions.wilson(10, 10).high(), 1e-12);
        assertTrue(Double.isNaN(Proportions.wilson(0, 0).rate()));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(3, 2));
    }

    @Test
    void zTestByHand() {
        // A 120/1000, B 150/1000: pooled p = 270/2000 = 0.135, se = √(0.135·0.865·(2/1000)) = 0.0152824,
        // z = 0.03 / se = 1.963050, two-sided p = 2·(1 − Φ(1.963050)) = 0.049640
        Proportions.Comparison c = Proportions.compare(120, 1000, 150, 1000);
        assertEquals(Proportions.Test.Z_TEST, c.test());
        assertEquals(0.03, c.difference(), 1e-12);
        assertEquals(1.963050, c.z(), 1e-5);
        assertEquals(0.049640, c.p(), 1e-5);
        assertTrue(c.significant());
        // reversed groups: same p, opposite sign
        Proportions.Comparison r = Proportions.compare(150, 1000, 120, 1000);
        assertEquals(-1.963050, r.z(), 1e-5);
        assertEquals(c.p(), r.p(), 1e-12);
        // equal rates: z = 0, p = 1
        Proportions.Comparison same = Proportions.compare(50, 100, 500, 1000);
        assertEquals(0, same.z(), 1e-12);
        assertEquals(1, same.p(), 1e-6);
        assertFalse(same.significant());
        // standard normal tail values from tables: P(Z > 1.96) = 0.0249979, P(Z > 3) = 0.0013499
        assertEquals(0.0249979, Proportions.upperTail(1.96), 1e-6);
        assertEquals(0.0013499, Proportions.upperTail(3), 1e-6);
        assertEquals(0.5, Proportions.upperTail(0), 1e-7);
    }

    @Test
    void fisherWhenExpectedCountsAreSmall() {
        // Fisher's tea-tasting table [[3, 1], [1, 3]]: margins 4/4, 4 successes; P(i) = C(4,i)·C(4,4−i)/C(8,4)
        // = 1, 16, 36, 16, 1 (/70); tables no more likely than i = 3: i ∈ {0, 1, 3, 4} → 34/70 = 0.4857143
        Proportions.Comparison tea = Proportions.compare(3, 4, 1, 4);
        assertEquals(Proportions.Test.FISHER, tea.test());
        assertEquals(34.0 / 70, tea.p(), 1e-9);
        // [[0, 5], [5, 0]]: only the two extreme tables, each 1/C(10,5) = 1/252 → 2/252
        assertEquals(2.0 / 252, Proportions.compare(0, 5, 5, 5).p(), 1e-9);
        // 2/300 against 9/300: every expected cell is at least 5.5, so the z-test applies;
        // 1/300 against 4/300 expects 2.5 successes per group, so Fisher's test does
        assertEquals(Proportions.Test.Z_TEST, Proportions.compare(2, 300, 9, 300).test());
        assertEquals(Proportions.Test.FISHER, Proportions.compare(1, 300, 4, 300).test());
        // a large table with a rare outcome exercises the Stirling branch; symmetric groups give p = 1 for equal x
        assertEquals(1, Proportions.compare(2, 100_000, 2, 100_000).p(), 1e-6);
        Proportions.Comparison empty = Proportions.compare(0, 0, 3, 10);
        assertTrue(Double.isNaN(empty.p()));
        assertTrue(Double.isNaN(empty.difference()));
    }
}
