package org.journeyexplorer.predict.portable;

import java.util.Locale;

/**
 * Scores next steps with gradient-boosted trees over {@link PrefixFeatures}: a multiclass softmax over the event
 * types and the end. Each outcome y has a raw score {@code init[y]} plus the output of every tree that belongs to
 * y; the distribution is the softmax of the raw scores.
 *
 * <p>Trees are stored as flat arrays of nodes. An inner node tests one feature: a number goes left when
 * {@code x ≤ threshold}, a category when {@code x == threshold}. A leaf holds its output (the learning rate is
 * already applied). When the caller does not know a feature ({@code NaN}: no times or no attributes given), the
 * node's output is the average of both branches weighted by their {@code cover}, the training weight that went
 * each way — the tree's expectation over the unknown value.
 *
 * <p>Immutable; safe to call from several threads.
 */
public final class BoostedScorer implements NextStepScorer {
    private final PrefixFeatures features;
    private final double[] init;
    private final int[] treeClass;
    private final int[] treeRoot;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final double[] cover;

    /**
     * @param init      raw score of each outcome before any tree (length T + 1)
     * @param treeClass the outcome each tree adds to
     * @param treeRoot  the node index of each tree's root
     * @param feature   per node the feature tested, or −1 for a leaf
     * @param threshold per inner node the threshold (numbers) or category (categorical features)
     * @param left      per inner node its left child (a higher index than the node's)
     * @param right     per inner node its right child (a higher index than the node's)
     * @param value     per leaf its output
     * @param cover     per node the training weight that reached it (≥ 0)
     */
    public BoostedScorer(PrefixFeatures features, double[] init, int[] treeClass, int[] treeRoot, int[] feature,
                         double[] threshold, int[] left, int[] right, double[] value, double[] cover) {
        int k = features.typeCount() + 1;
        int n = feature.length;
        if (init.length != k || treeClass.length != treeRoot.length || threshold.length != n || left.length != n
                || right.length != n || value.length != n || cover.length != n) {
            throw new IllegalArgumentException("inconsistent tree arrays");
        }
        for (int t = 0; t < treeClass.length; t++) {
            if (treeClass[t] < 0 || treeClass[t] >= k || treeRoot[t] < 0 || treeRoot[t] >= n) {
                throw new IllegalArgumentException("tree " + t + " has an invalid outcome or root");
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(cover[i] >= 0) || Double.isNaN(value[i]) || Double.isInfinite(value[i])) {
                throw new IllegalArgumentException("node " + i + " has an invalid value or cover");
            }
            if (feature[i] >= 0) {
                // Children after their parent: no cycles, every walk ends at a leaf.
                if (feature[i] >= features.size() || left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n
                        || Double.isNaN(threshold[i])) {
                    throw new IllegalArgumentException("node " + i + " has an invalid feature or child");
                }
            } else if (feature[i] != -1) {
                throw new IllegalArgumentException("node " + i + " has an invalid feature");
            }
        }
        for (double v : init) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("invalid initial score");
            }
        }
        this.features = features;
        this.init = init.clone();
        this.treeClass = treeClass.clone();
        this.treeRoot = treeRoot.clone();
        this.feature = feature.clone();
        this.threshold = threshold.clone();
        this.left = left.clone();
        this.right = right.clone();
        this.value = value.clone();
        this.cover = cover.clone();
    }

    public PrefixFeatures features() {
        return features;
    }

    @Override
    public int outcomes() {
        return init.length;
    }

    @Override
    public String kind() {
        return "boosted";
    }

    @Override
    public String sizeDescription() {
        return String.format(Locale.ROOT, "%,d trees, %,d nodes", treeCount(), nodeCount());
    }

    public int treeCount() {
        return treeRoot.length;
    }

    public int nodeCount() {
        return feature.length;
    }

    /** Copies of the arrays, for writing a model file. */
    public double[] init() {
        return init.clone();
    }

    public int[] treeClass() {
        return treeClass.clone();
    }

    public int[] treeRoot() {
        return treeRoot.clone();
    }

    public int[] feature() {
        return feature.clone();
    }

    public double[] threshold() {
        return threshold.clone();
    }

    public int[] left() {
        return left.clone();
    }

    public int[] right() {
        return right.clone();
    }

    public double[] value() {
        return value.clone();
    }

    public double[] cover() {
        return cover.clone();
    }

    @Override
    public void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, Distribution out,
                             Distribution scratch) {
        double[] x = new double[features.size()];
        features.compute(seq, times, attrs, prefixLength, x);
        out.setAll(probabilities(x));
    }

    /** The softmax of the raw scores for a feature vector. */
    public double[] probabilities(double[] x) {
        double[] raw = rawScores(x);
        double max = Double.NEGATIVE_INFINITY;
        for (double r : raw) {
            max = Math.max(max, r);
        }
        double z = 0;
        for (int y = 0; y < raw.length; y++) {
            raw[y] = Math.exp(raw[y] - max);
            z += raw[y];
        }
        for (int y = 0; y < raw.length; y++) {
            raw[y] /= z;
        }
        return raw;
    }

    /** Raw score per outcome: the initial score plus the outputs of the outcome's trees, in tree order. */
    public double[] rawScores(double[] x) {
        double[] raw = init.clone();
        for (int t = 0; t < treeRoot.length; t++) {
            raw[treeClass[t]] += output(treeRoot[t], x);
        }
        return raw;
    }

    /** The output of the (sub)tree at {@code node} for a feature vector. */
    public double output(int node, double[] x) {
        int n = node;
        while (feature[n] >= 0) {
            double v = x[feature[n]];
            if (Double.isNaN(v)) {
                double cl = cover[left[n]];
                double cr = cover[right[n]];
                double l = output(left[n], x);
                double r = output(right[n], x);
                return cl + cr > 0 ? (cl * l + cr * r) / (cl + cr) : (l + r) / 2;
            }
            n = goesLeft(n, v) ? left[n] : right[n];
        }
        return value[n];
    }

    private boolean goesLeft(int n, double v) {
        return features.categorical(feature[n]) ? v == threshold[n] : v <= threshold[n];
    }
}
