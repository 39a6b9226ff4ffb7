package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.BoostedScorer;
import org.journeyexplorer.predict.portable.PrefixFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Histogram gradient-boosted trees for a multiclass softmax (the next step among T event types and the end), in
 * plain Java.
 *
 * <p>Each round computes every row's softmax over the current raw scores, then grows one tree per outcome on that
 * outcome's gradient {@code g = p − [y = k]} and hessian {@code h = p(1 − p)} (second-order boosting as in
 * XGBoost). A tree grows leaf-wise (the leaf whose best split gains most splits next) up to a number of leaves
 * and a depth. A split of a node with sums G, H into (G_L, H_L) and (G_R, H_R) gains
 * {@code G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)}; both sides need {@code minChildWeight} hessian and
 * {@code minLeafRows} rows. A leaf outputs {@code −η·G/(H+λ)}. Split search runs on histograms of binned
 * features ({@link FeatureBins}); a node's larger child gets its histogram by subtracting the smaller child's
 * from the parent's, each feature's most frequent bin is the node's sums minus its other bins (rows only add to
 * the others), and the children of a tree's last split get none.
 *
 * <p>With validation rows, training stops once the validation log-loss has not improved by
 * {@link #MIN_IMPROVEMENT} for {@code patience} rounds and keeps the rounds up to its minimum.
 */
final class GradientBoosting {
    /**
     * Improvement of the mean validation log-loss (nats) that counts as one: on data a few trees already fit
     * almost perfectly, the loss keeps shrinking by crumbs for hundreds of rounds that change no prediction.
     */
    static final double MIN_IMPROVEMENT = 1e-4;

    private GradientBoosting() {
    }

    /**
     * Hyperparameters.
     *
     * @param maxRounds      rounds at most (one tree per outcome each)
     * @param learningRate   η, the shrinkage of each tree's output
     * @param maxLeaves      leaves per tree at most
     * @param maxDepth       depth of a leaf at most
     * @param lambda         L2 penalty λ on leaf outputs
     * @param minChildWeight hessian each side of a split needs at least
     * @param minLeafRows    rows each side of a split needs at least
     * @param maxBins        bins per numeric feature at most
     * @param patience       rounds without a better validation log-loss before stopping
     */
    record Params(int maxRounds, double learningRate, int maxLeaves, int maxDepth, double lambda,
                  double minChildWeight, int minLeafRows, int maxBins, int patience) {
        Params {
            if (maxRounds < 0 || !(learningRate > 0) || maxLeaves < 2 || maxDepth < 1 || !(lambda >= 0)
                    || !(minChildWeight >= 0) || minLeafRows < 1 || patience < 1) {
                throw new IllegalArgumentException("invalid boosting parameters");
            }
        }
    }

    /** Rows to learn from: row-major feature values ({@code rows × spec.size()}) and the outcome of each row. */
    record Rows(double[] x, int[] y) {
        int count() {
            return y.length;
        }
    }

    /**
     * A trained ensemble.
     *
     * @param rounds            rounds kept
     * @param validationLogLoss mean validation log-loss after each round (empty without validation rows)
     * @param validationHits    correct top predictions on the validation rows after each round
     */
    record Trained(BoostedScorer scorer, int rounds, double[] validationLogLoss, int[] validationHits) {
    }

    /** Learns trees on {@code train}, watching {@code validation} (may be null) to stop early. */
    static Trained train(PrefixFeatures spec, Rows train, Rows validation, Params p, TaskContext ctx) {
        int nf = spec.size();
        int k = spec.typeCount() + 1;
        int n = train.count();
        boolean[] cat = new boolean[nf];
        for (int f = 0; f < nf; f++) {
            cat[f] = spec.categorical(f);
        }
        double[] init = initialScores(train.y(), k);
        Nodes nodes = new Nodes();
        List<int[]> trees = new ArrayList<>(); // {class, root}
        if (n == 0) {
            return new Trained(nodes.scorer(spec, init, trees, null), 0, new double[0], new int[0]);
        }
        FeatureBins bins = FeatureBins.learn(train.x(), n, cat, p.maxBins());
        byte[] binned = bins.binAll(train.x(), n);
        int nv = validation == null ? 0 : validation.count();
        byte[] vBinned = nv == 0 ? null : bins.binAll(validation.x(), nv);
        double[] margin = new double[n * k];
        double[] vMargin = new double[nv * k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(init, 0, margin, r * k, k);
        }
        for (int r = 0; r < nv; r++) {
            System.arraycopy(init, 0, vMargin, r * k, k);
        }
        boolean[] present = new boolean[k];
        for (int y : train.y()) {
            present[y] = true;
        }
        TreeGrower grower = new TreeGrower(bins, binned, n, p);
        double[] prob = new double[n * k];
        double[] g = new double[n];
        double[] h = new double[n];
        List<Double> vLoss = new ArrayList<>();
        List<Integer> vHits = new ArrayList<>();
        int best = 0;
        int bestTrees = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        // Outcomes never seen keep their prior score: every tree would only push them down.
        int[] grown = outcomesPresent(present);
        int m = grown.length;
        // Gradients and hessians of every grown outcome, per row: g[r·m + j] for outcome grown[j].
        double[] gAll = new double[n * m];
        double[] hAll = new double[n * m];
        for (int round = 0; round < p.maxRounds(); round++) {
            ctx.checkCancelled();
            ctx.progress(round, p.maxRounds());
            for (int r = 0; r < n; r++) {
                softmax(margin, r * k, k, prob, r * k);
                int yr = train.y()[r];
                for (int j = 0; j < m; j++) {
                    double pc = prob[r * k + grown[j]];
                    gAll[r * m + j] = pc - (yr == grown[j] ? 1 : 0);
                    hAll[r * m + j] = Math.max(pc * (1 - pc), 1e-16);
                }
            }
            // The trees of one round all start from every row: their root histograms are summed in one pass.
            double[][] roots = grower.rootHistograms(gAll, hAll, m);
            for (int j = 0; j < m; j++) {
                int c = grown[j];
                for (int r = 0; r < n; r++) {
                    g[r] = gAll[r * m + j];
                    h[r] = hAll[r * m + j];
                }
                int root = grower.grow(g, h, roots[j], nodes, margin, k, c);
                trees.add(new int[]{c, root});
                for (int r = 0; r < nv; r++) {
                    vMargin[r * k + c] += nodes.outputBinned(root, vBinned, r * nf, bins);
                }
            }
            if (nv > 0) {
                double[] ph = validationScores(vMargin, validation.y(), k);
                vLoss.add(ph[0]);
                vHits.add((int) ph[1]);
                if (ph[0] < bestLoss - MIN_IMPROVEMENT) {
                    bestLoss = ph[0];
                    best = round + 1;
                    bestTrees = trees.size();
                } else if (round + 1 - best >= p.patience()) {
                    break;
                }
            } else {
                best = round + 1;
                bestTrees = trees.size();
            }
        }
        double[] ll = new double[vLoss.size()];
        int[] hits = new int[vHits.size()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = vLoss.get(i);
            hits[i] = vHits.get(i);
        }
        return new Trained(nodes.scorer(spec, init, trees.subList(0, bestTrees), bins), best, ll, hits);
    }

    /** The outcomes with {@code present} set, ascending. */
    private static int[] outcomesPresent(boolean[] present) {
        int m = 0;
        for (boolean b : present) {
            m += b ? 1 : 0;
        }
        int[] out = new int[m];
        m = 0;
        for (int c = 0; c < present.length; c++) {
            if (present[c]) {
                out[m++] = c;
            }
        }
        return out;
    }

    /** Log prior of each outcome with half a count added to each, so none is impossible. */
    static double[] initialScores(int[] y, int k) {
        double[] count = new double[k];
        for (int v : y) {
            count[v]++;
        }
        double[] init = new double[k];
        for (int c = 0; c < k; c++) {
            init[c] = Math.log((count[c] + 0.5) / (y.length + 0.5 * k));
        }
        return init;
    }

    /** Softmax of {@code k} raw scores at {@code from} into {@code out} at {@code at}. */
    static void softmax(double[] raw, int from, int k, double[] out, int at) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, raw[from + c]);
        }
        double z = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(raw[from + c] - max);
            out[at + c] = e;
            z += e;
        }
        for (int c = 0; c < k; c++) {
            out[at + c] /= z;
        }
    }

    /** {mean log-loss, hits} of the validation rows' current scores (ties to the lower outcome, as ranking). */
    private static double[] validationScores(double[] margin, int[] y, int k) {
        double[] p = new double[k];
        double loss = 0;
        int hits = 0;
        for (int r = 0; r < y.length; r++) {
            softmax(margin, r * k, k, p, 0);
            int top = 0;
            for (int c = 1; c < k; c++) {
                if (p[c] > p[top]) {
                    top = c;
                }
            }
            hits += top == y[r] ? 1 : 0;
            loss -= Math.log(Math.max(p[y[r]], Evaluation.LOG_FLOOR));
        }
        return new double[]{loss / y.length, hits};
    }

    /** The tree nodes of the ensemble as they grow (growable flat arrays, as {@link BoostedScorer} holds them). */
    static final class Nodes {
        int size;
        int[] feature = new int[256];
        int[] bin = new int[256];
        int[] left = new int[256];
        int[] right = new int[256];
        double[] value = new double[256];
        double[] cover = new double[256];

        int addLeaf(double hessian) {
            if (size == feature.length) {
                int c = size * 2;
                feature = Arrays.copyOf(feature, c);
                bin = Arrays.copyOf(bin, c);
                left = Arrays.copyOf(left, c);
                right = Arrays.copyOf(right, c);
                value = Arrays.copyOf(value, c);
                cover = Arrays.copyOf(cover, c);
            }
            feature[size] = -1;
            cover[size] = hessian;
            return size++;
        }

        /** Output of the tree at {@code node} for a binned row. */
        double outputBinned(int node, byte[] binned, int at, FeatureBins bins) {
            int n = node;
            while (feature[n] >= 0) {
                n = bins.goesLeft(feature[n], bin[n], binned[at + feature[n]] & 0xFF) ? left[n] : right[n];
            }
            return value[n];
        }

        /**
         * The scorer of the first {@code trees.size()} trees grown (trees are contiguous runs of nodes, so the
         * nodes kept are those before the first dropped tree's root).
         *
         * @param bins the bins the trees were grown on (null when there are no trees)
         */
        BoostedScorer scorer(PrefixFeatures spec, double[] init, List<int[]> trees, FeatureBins bins) {
            int t = trees.size();
            int used = t == 0 ? 0 : t < treeStarts.size() ? treeStarts.get(t) : size;
            int[] cls = new int[t];
            int[] root = new int[t];
            for (int i = 0; i < t; i++) {
                cls[i] = trees.get(i)[0];
                root[i] = trees.get(i)[1];
            }
            double[] threshold = new double[used];
            for (int i = 0; i < used; i++) {
                threshold[i] = feature[i] >= 0 ? bins.threshold(feature[i], bin[i]) : 0;
            }
            return new BoostedScorer(spec, init, cls, root, Arrays.copyOf(feature, used), threshold,
                    Arrays.copyOf(left, used), Arrays.copyOf(right, used), Arrays.copyOf(value, used),
                    Arrays.copyOf(cover, used));
        }

        private final List<Integer> treeStarts = new ArrayList<>();

        /** Marks the start of a new tree's nodes. */
        void startTree() {
            treeStarts.add(size);
        }
    }

    /**
     * Grows one tree on given gradients and hessians (see the class comment), adding its leaf outputs to the rows'
     * raw scores of its outcome.
     */
    static final class TreeGrower {
        private final FeatureBins bins;
        private final byte[] binned;
        private final int n;
        private final int nf;
        private final Params p;
        private final int[] idx;
        private final int[] buffer;
        /** Per feature, its most frequent bin (as a position in the histogram over all features). */
        private final int[] defaultBin;
        /**
         * Each row's bins other than their feature's most frequent one ({@code otherBins[rowStart[r] ..
         * rowStart[r + 1])}, positions over all features): most prefix features sit in one bin for most rows (a
         * type's count is 0 in most prefixes), so histograms add only the others and get the most frequent bin by
         * subtracting them from the node's sums, as LightGBM does.
         */
        private final int[] rowStart;
        private final int[] otherBins;

        TreeGrower(FeatureBins bins, byte[] binned, int n, Params p) {
            this.bins = bins;
            this.binned = binned;
            this.n = n;
            this.nf = bins.features();
            this.p = p;
            this.idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i; // every row, until a tree partitions them
            }
            this.buffer = new int[n];
            int[] rows = new int[bins.totalBins()];
            for (int r = 0; r < n; r++) {
                for (int f = 0; f < nf; f++) {
                    rows[bins.offset(f) + (binned[r * nf + f] & 0xFF)]++;
                }
            }
            this.defaultBin = new int[nf];
            long others = 0;
            for (int f = 0; f < nf; f++) {
                int d = bins.offset(f);
                for (int b = d; b < bins.offset(f) + bins.binCount(f); b++) {
                    d = rows[b] > rows[d] ? b : d;
                }
                defaultBin[f] = d;
                others += n - rows[d];
            }
            this.rowStart = new int[n + 1];
            this.otherBins = new int[(int) others];
            int e = 0;
            for (int r = 0; r < n; r++) {
                rowStart[r] = e;
                for (int f = 0; f < nf; f++) {
                    // An unseen category (never in training rows) cannot occur here: every bin is a real one.
                    int b = bins.offset(f) + (binned[r * nf + f] & 0xFF);
                    if (b != defaultBin[f]) {
                        otherBins[e++] = b;
                    }
                }
            }
            rowStart[n] = e;
        }

        /**
         * Sets each feature's most frequent bin of a histogram whose other bins are summed: the node's sums
         * minus those of the other bins of that feature.
         */
        private void fillDefaultBins(double[] hist, double sumG, double sumH, int rows) {
            for (int f = 0; f < nf; f++) {
                double gd = sumG;
                double hd = sumH;
                double cd = rows;
                int d = defaultBin[f];
                for (int b = bins.offset(f); b < bins.offset(f) + bins.binCount(f); b++) {
                    if (b != d) {
                        gd -= hist[3 * b];
                        hd -= hist[3 * b + 1];
                        cd -= hist[3 * b + 2];
                    }
                }
                hist[3 * d] = gd;
                hist[3 * d + 1] = hd;
                hist[3 * d + 2] = cd;
            }
        }

        /** A leaf being grown: its rows {@code idx[from, to)}, sums, histogram and best split. */
        private final class Leaf {
            final int from;
            final int to;
            final int depth;
            final int node;
            final double sumG;
            final double sumH;
            final double[] hist;
            final Split split;

            Leaf(int from, int to, int depth, int node, double[] hist, double sumG, double sumH) {
                this.from = from;
                this.to = to;
                this.depth = depth;
                this.node = node;
                this.hist = hist;
                this.sumG = sumG;
                this.sumH = sumH;
                this.split = depth < p.maxDepth() ? bestSplit(hist, sumG, sumH, to - from, bins, p) : null;
            }

            /** A leaf that will not be split. */
            Leaf(int from, int to, int depth, int node, double sumG, double sumH) {
                this.from = from;
                this.to = to;
                this.depth = depth;
                this.node = node;
                this.hist = null;
                this.sumG = sumG;
                this.sumH = sumH;
                this.split = null;
            }
        }

        /**
         * Grows a tree for outcome {@code c}; adds its outputs into {@code margin[r * k + c]}; returns the root.
         *
         * @param rootHist the histogram of all rows on {@code g} and {@code h} (see {@link #rootHistograms}), or
         *                 null to compute it; the tree takes it over
         */
        int grow(double[] g, double[] h, double[] rootHist, Nodes nodes, double[] margin, int k, int c) {
            nodes.startTree();
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            if (rootHist == null) {
                rootHist = histogram(g, h, 0, n);
            }
            double sumG = 0;
            double sumH = 0;
            for (int r = 0; r < n; r++) {
                sumG += g[r];
                sumH += h[r];
            }
            int root = nodes.addLeaf(sumH);
            List<Leaf> leaves = new ArrayList<>();
            leaves.add(new Leaf(0, n, 0, root, rootHist, sumG, sumH));
            while (leaves.size() < p.maxLeaves()) {
                Leaf best = null;
                for (Leaf l : leaves) {
                    if (l.split != null && (best == null || l.split.gain() > best.split.gain())) {
                        best = l;
                    }
                }
                if (best == null) {
                    break;
                }
                Split s = best.split;
                int mid = partition(best.from, best.to, s.feature(), s.bin());
                int ln = nodes.addLeaf(s.hessianLeft());
                int rn = nodes.addLeaf(best.sumH - s.hessianLeft());
                nodes.feature[best.node] = s.feature();
                nodes.bin[best.node] = s.bin();
                nodes.left[best.node] = ln;
                nodes.right[best.node] = rn;
                leaves.remove(best);
                if (leaves.size() + 2 >= p.maxLeaves() || best.depth + 1 >= p.maxDepth()) {
                    // Children that will never split need no histogram: the last split of a tree skipped them.
                    leaves.add(new Leaf(best.from, mid, best.depth + 1, ln, s.gradientLeft(), s.hessianLeft()));
                    leaves.add(new Leaf(mid, best.to, best.depth + 1, rn, best.sumG - s.gradientLeft(),
                            best.sumH - s.hessianLeft()));
                    continue;
                }
                boolean leftSmaller = mid - best.from <= best.to - mid;
                double[] small = leftSmaller ? histogram(g, h, best.from, mid) : histogram(g, h, mid, best.to);
                double[] large = best.hist;
                for (int i = 0; i < large.length; i++) {
                    large[i] -= small[i];
                }
                leaves.add(new Leaf(best.from, mid, best.depth + 1, ln, leftSmaller ? small : large, s.gradientLeft(),
                        s.hessianLeft()));
                leaves.add(new Leaf(mid, best.to, best.depth + 1, rn, leftSmaller ? large : small,
                        best.sumG - s.gradientLeft(), best.sumH - s.hessianLeft()));
            }
            for (Leaf l : leaves) {
                double v = -p.learningRate() * l.sumG / (l.sumH + p.lambda());
                nodes.value[l.node] = v;
                for (int i = l.from; i < l.to; i++) {
                    margin[idx[i] * k + c] += v;
                }
            }
            return root;
        }

        /**
         * The histograms of all rows, as {@link #histogram} would give them one by one, for {@code m} gradients at
         * once ({@code gAll[r·m + j]}, {@code hAll[r·m + j]} for the j-th): each row's bins are found once, not
         * once per outcome, and the sums of one bin lie side by side. Rows are added in the same order, so every
         * sum is the same to the bit.
         */
        double[][] rootHistograms(double[] gAll, double[] hAll, int m) {
            int tb = bins.totalBins();
            double[] sums = new double[tb * 2 * m]; // per bin, per gradient: Σg, Σh
            double[] rows = new double[tb];
            double[] totalG = new double[m];
            double[] totalH = new double[m];
            for (int r = 0; r < n; r++) {
                int rm = r * m;
                for (int j = 0; j < m; j++) {
                    totalG[j] += gAll[rm + j];
                    totalH[j] += hAll[rm + j];
                }
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                    int b = otherBins[e];
                    rows[b]++;
                    int s = b * 2 * m;
                    for (int j = 0; j < m; j++) {
                        sums[s + 2 * j] += gAll[rm + j];
                        sums[s + 2 * j + 1] += hAll[rm + j];
                    }
                }
            }
            double[][] out = new double[m][3 * tb];
            for (int j = 0; j < m; j++) {
                double[] hist = out[j];
                for (int b = 0; b < tb; b++) {
                    hist[3 * b] = sums[b * 2 * m + 2 * j];
                    hist[3 * b + 1] = sums[b * 2 * m + 2 * j + 1];
                    hist[3 * b + 2] = rows[b];
                }
                fillDefaultBins(hist, totalG[j], totalH[j], n);
            }
            return out;
        }

        /** Histogram of rows {@code idx[from, to)}: per bin of every feature, (Σg, Σh, rows). */
        double[] histogram(double[] g, double[] h, int from, int to) {
            double[] hist = new double[3 * bins.totalBins()];
            double sumG = 0;
            double sumH = 0;
            for (int i = from; i < to; i++) {
                int r = idx[i];
                double gr = g[r];
                double hr = h[r];
                sumG += gr;
                sumH += hr;
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                    int b = 3 * otherBins[e];
                    hist[b] += gr;
                    hist[b + 1] += hr;
                    hist[b + 2]++;
                }
            }
            fillDefaultBins(hist, sumG, sumH, to - from);
            return hist;
        }

        /** Stable partition of {@code idx[from, to)}: rows going left first; returns where the right ones start. */
        private int partition(int from, int to, int f, int b) {
            int l = from;
            int r = 0;
            for (int i = from; i < to; i++) {
                int row = idx[i];
                if (bins.goesLeft(f, b, binned[row * nf + f] & 0xFF)) {
                    idx[l++] = row;
                } else {
                    buffer[r++] = row;
                }
            }
            System.arraycopy(buffer, 0, idx, l, r);
            return l;
        }
    }

    /** A split: feature, bin, its gain and the left side's sums. */
    record Split(int feature, int bin, double gain, double gradientLeft, double hessianLeft) {
    }

    /**
     * The split of a node with the largest gain (first feature, then first bin, on ties), or null when none
     * gains more than nothing under the constraints.
     *
     * @param hist histogram over all features: per bin (Σg, Σh, rows), at {@link FeatureBins#offset} × 3
     */
    static Split bestSplit(double[] hist, double sumG, double sumH, int rows, FeatureBins bins, Params p) {
        double parent = sumG * sumG / (sumH + p.lambda());
        Split best = null;
        for (int f = 0; f < bins.features(); f++) {
            int off = 3 * bins.offset(f);
            int nb = bins.binCount(f);
            double gl = 0;
            double hl = 0;
            double cl = 0;
            for (int b = 0; b < nb; b++) {
                int at = off + 3 * b;
                if (bins.categorical(f)) {
                    gl = hist[at];
                    hl = hist[at + 1];
                    cl = hist[at + 2];
                } else {
                    if (b == nb - 1) {
                        break; // everything left: no split
                    }
                    gl += hist[at];
                    hl += hist[at + 1];
                    cl += hist[at + 2];
                }
                double gr = sumG - gl;
                double hr = sumH - hl;
                double cr = rows - cl;
                if (hl < p.minChildWeight() || hr < p.minChildWeight() || cl < p.minLeafRows()
                        || cr < p.minLeafRows()) {
                    continue;
                }
                double gain = gl * gl / (hl + p.lambda()) + gr * gr / (hr + p.lambda()) - parent;
                if (gain > 1e-12 && (best == null || gain > best.gain())) {
                    best = new Split(f, b, gain, gl, hl);
                }
            }
        }
        return best;
    }
}
