package org.journeyexplorer.predict;

import java.util.Arrays;

/**
 * The bins of the histogram learner ({@link GradientBoosting}): for each feature a short list of split points
 * learnt from the training values, and every row's feature values as bin numbers (one byte each, row-major).
 *
 * <p>A number's bin is the index of the first edge it does not exceed (or the number of edges), so "bin ≤ b" is
 * exactly "value ≤ edge[b]": a split found on bins is a threshold on raw values, and the exported trees decide
 * as the training did. Up to {@code maxBins} − 1 edges at quantiles of the distinct training values (every
 * distinct value but the largest when there are few). A category's bin is its index among the categories seen
 * in training; an unseen category gets {@link #UNSEEN}, which equals no category, as "value == category" is
 * false for it too.
 */
final class FeatureBins {
    /** Bin of a category never seen in training. */
    static final int UNSEEN = 255;
    /** Most bins a feature may have (bins are bytes, and 255 is {@link #UNSEEN}). */
    static final int MAX_BINS = 255;

    private final boolean[] categorical;
    /** Per feature: edges (numbers) or the sorted categories. */
    private final double[][] points;
    private final int[] offset;
    private final int totalBins;

    private FeatureBins(boolean[] categorical, double[][] points) {
        this.categorical = categorical;
        this.points = points;
        this.offset = new int[points.length + 1];
        for (int f = 0; f < points.length; f++) {
            offset[f + 1] = offset[f] + binCount(f);
        }
        this.totalBins = offset[points.length];
    }

    /**
     * Learns the bins of each feature from row-major training values ({@code rows} × {@code categorical.length}).
     * Training values must be known (not NaN).
     */
    static FeatureBins learn(double[] x, int rows, boolean[] categorical, int maxBins) {
        if (maxBins < 2 || maxBins > MAX_BINS) {
            throw new IllegalArgumentException("maxBins must be in 2.." + MAX_BINS);
        }
        int nf = categorical.length;
        double[][] points = new double[nf][];
        double[] column = new double[rows];
        for (int f = 0; f < nf; f++) {
            for (int r = 0; r < rows; r++) {
                column[r] = x[r * nf + f];
                if (Double.isNaN(column[r])) {
                    throw new IllegalArgumentException("unknown training value of feature " + f);
                }
            }
            double[] sorted = column.clone();
            Arrays.sort(sorted);
            double[] distinct = distinct(sorted);
            if (categorical[f]) {
                if (distinct.length > MAX_BINS - 1) {
                    throw new IllegalArgumentException("feature " + f + " has more than " + (MAX_BINS - 1)
                            + " categories");
                }
                points[f] = distinct;
            } else if (distinct.length <= maxBins) {
                points[f] = Arrays.copyOf(distinct, Math.max(0, distinct.length - 1));
            } else {
                double[] edges = new double[maxBins - 1];
                int m = 0;
                double max = sorted[rows - 1];
                for (int q = 1; q < maxBins; q++) {
                    double e = sorted[(int) ((long) rows * q / maxBins)];
                    if (e < max && (m == 0 || e > edges[m - 1])) {
                        edges[m++] = e;
                    }
                }
                points[f] = Arrays.copyOf(edges, m);
            }
        }
        return new FeatureBins(categorical.clone(), points);
    }

    private static double[] distinct(double[] sorted) {
        double[] out = new double[sorted.length];
        int m = 0;
        for (double v : sorted) {
            if (m == 0 || v != out[m - 1]) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }

    int features() {
        return points.length;
    }

    boolean categorical(int f) {
        return categorical[f];
    }

    /** Number of bins of feature {@code f}. */
    int binCount(int f) {
        return categorical[f] ? points[f].length : points[f].length + 1;
    }

    /** Position of feature {@code f}'s first bin in a histogram over all features. */
    int offset(int f) {
        return offset[f];
    }

    int totalBins() {
        return totalBins;
    }

    /** The raw threshold of a split of feature {@code f} at bin {@code b}: its edge, or its category. */
    double threshold(int f, int b) {
        return points[f][b];
    }

    /** The bin of a known value. */
    int bin(int f, double v) {
        double[] p = points[f];
        if (categorical[f]) {
            int i = Arrays.binarySearch(p, v);
            return i >= 0 ? i : UNSEEN;
        }
        int lo = 0;
        int hi = p.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= p[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Bins of row-major values (known values only), row-major. */
    byte[] binAll(double[] x, int rows) {
        int nf = points.length;
        byte[] out = new byte[rows * nf];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < nf; f++) {
                out[r * nf + f] = (byte) bin(f, x[r * nf + f]);
            }
        }
        return out;
    }

    /** Whether a row in bin {@code bin} goes left at a split of feature {@code f} at bin {@code b}. */
    boolean goesLeft(int f, int b, int bin) {
        return categorical[f] ? bin == b : bin <= b;
    }
}
