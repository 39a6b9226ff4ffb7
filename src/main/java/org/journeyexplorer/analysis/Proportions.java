package org.journeyexplorer.analysis;

/**
 * Statistics for comparing two conversion rates (segment A against segment B at a funnel step):
 * <ul>
 *   <li>a 95 % <b>Wilson score interval</b> per rate (unlike the normal "Wald" interval it stays inside 0..1 and
 *       keeps its coverage at small counts and rates near 0 or 1);</li>
 *   <li>a two-sided test that the two rates are equal: the <b>pooled two-proportion z-test</b> (equivalently
 *       Pearson's χ² test of the 2 × 2 table without continuity correction), or <b>Fisher's exact test</b> when a
 *       cell's expected count is below 5, where the normal approximation is unreliable.</li>
 * </ul>
 * Both assume the two groups are independent samples; overlapping segments (a person in both) violate that, and
 * the comparison view says so.
 */
public final class Proportions {
    /** Two-sided 95 % normal quantile. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {
    }

    /** A rate with its 95 % interval; {@code low = high = NaN} when {@code n = 0}. */
    public record Interval(long x, long n, double rate, double low, double high) {
    }

    /** Which test {@link #compare} used. */
    public enum Test {
        Z_TEST("two-proportion z-test"), FISHER("Fisher's exact test");

        private final String text;

        Test(String text) {
            this.text = text;
        }

        /** Name for the user, e.g. "two-proportion z-test". */
        public String text() {
            return text;
        }
    }

    /**
     * A comparison of rate B with rate A.
     *
     * @param difference B − A as a fraction (0.03 = 3 percentage points); NaN when a group is empty
     * @param z          the z statistic of the pooled z-test (NaN when undefined or when Fisher's test was used)
     * @param p          two-sided p-value; NaN when a group is empty
     */
    public record Comparison(Interval a, Interval b, double difference, double z, double p, Test test) {
        /** True when the difference is significant at the 5 % level. */
        public boolean significant() {
            return p < 0.05;
        }
    }

    /** The Wilson score interval of {@code x} successes in {@code n} trials at 95 %. */
    public static Interval wilson(long x, long n) {
        if (x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 ≤ x ≤ n, got " + x + " of " + n);
        }
        if (n == 0) {
            return new Interval(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double p = (double) x / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(x, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Compares {@code xb / nb} with {@code xa / na} (see the class comment for the tests). */
    public static Comparison compare(long xa, long na, long xb, long nb) {
        Interval a = wilson(xa, na);
        Interval b = wilson(xb, nb);
        if (na == 0 || nb == 0) {
            return new Comparison(a, b, Double.NaN, Double.NaN, Double.NaN, Test.Z_TEST);
        }
        double diff = b.rate() - a.rate();
        long n = na + nb;
        long x = xa + xb;
        double minExpected = Math.min(Math.min((double) x * na / n, (double) x * nb / n),
                Math.min((double) (n - x) * na / n, (double) (n - x) * nb / n));
        if (minExpected < 5) {
            return new Comparison(a, b, diff, Double.NaN, fisher(xa, na, xb, nb), Test.FISHER);
        }
        double pooled = (double) x / n;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / na + 1.0 / nb));
        double z = diff / se;
        return new Comparison(a, b, diff, z, 2 * upperTail(Math.abs(z)), Test.Z_TEST);
    }

    /**
     * Two-sided p-value of Fisher's exact test of the table [[xa, na − xa], [xb, nb − xb]]: the total probability,
     * under fixed margins, of the tables no more likely than the observed one.
     */
    static double fisher(long xa, long na, long xb, long nb) {
        long k = xa + xb; // successes in all
        long n = na + nb;
        long lo = Math.max(0, k - nb);
        long hi = Math.min(k, na);
        double observed = logHypergeometric(xa, na, nb, k);
        double p = 0;
        for (long i = lo; i <= hi; i++) {
            double lp = logHypergeometric(i, na, nb, k);
            // relative tolerance as in R's fisher.test, so tables as likely as the observed one count despite rounding
            if (lp <= observed + 1e-7 * Math.abs(observed) + 1e-12) {
                p += Math.exp(lp);
            }
        }
        return Math.min(1, p);
    }

    /** log P(X = i) for X hypergeometric: i successes in a group of na, k successes among na + nb. */
    private static double logHypergeometric(long i, long na, long nb, long k) {
        return logChoose(na, i) + logChoose(nb, k - i) - logChoose(na + nb, k);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(long n) {
        if (n < 2) {
            return 0;
        }
        if (n < 256) {
            double s = 0;
            for (long i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        // Stirling's series; beyond 256 its error is far below double precision of the sums it enters
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /** P(Z > z) for a standard normal Z. */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function, by the Chebyshev fit of Numerical Recipes ({@code erfcc}), fractional
     * error below 1.2e-7 everywhere: plenty for p-values shown with three significant digits.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
