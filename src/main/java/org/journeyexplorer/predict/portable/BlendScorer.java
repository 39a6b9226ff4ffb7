package org.journeyexplorer.predict.portable;

import java.util.Locale;

/**
 * A model's first choice, with the rest of the ranking and the probabilities from a mix with the
 * most-frequent-next baseline: {@code q = w·p_model + (1 − w)·p_baseline}, and when the mix would put another
 * outcome first, the model's first choice is raised just above it (then normalised). So the top prediction, and
 * with it the accuracy, is the model's, while the top 3 and the probabilities can lean on the baseline where it
 * ranks the runners-up better or is the better calibrated of the two. Weight 1 is the model alone; weight 0 keeps
 * only its first choice.
 *
 * <p>Model selection picks the weight on validation folds (never on a test), per figure: see
 * {@code ModelSelection}. Thread-safe: the working arrays are per thread.
 */
public final class BlendScorer implements NextStepScorer {
    private final NextStepScorer model;
    private final MarkovScorer baseline;
    private final double weight;
    private final ThreadLocal<Work> work;

    /**
     * @param model    decides the top prediction
     * @param baseline the most-frequent-next baseline over the same event types (order 1, no smoothing)
     * @param weight   the model's share of the mix, in [0, 1]
     */
    public BlendScorer(NextStepScorer model, MarkovScorer baseline, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("blend weight " + weight + " is not between 0 and 1");
        }
        if (model.outcomes() != baseline.outcomes()) {
            throw new IllegalArgumentException("the baseline has " + (baseline.outcomes() - 1)
                    + " event types, the model " + (model.outcomes() - 1));
        }
        this.model = model;
        this.baseline = baseline;
        this.weight = weight;
        this.work = ThreadLocal.withInitial(() -> new Work(outcomes()));
    }

    public NextStepScorer model() {
        return model;
    }

    public MarkovScorer baseline() {
        return baseline;
    }

    public double weight() {
        return weight;
    }

    @Override
    public int outcomes() {
        return model.outcomes();
    }

    /** The model's kind: the file keeps the model's layout and adds the blend beside it. */
    @Override
    public String kind() {
        return model.kind();
    }

    @Override
    public String sizeDescription() {
        return model.sizeDescription() + String.format(Locale.ROOT, ", blended with the baseline (%,d contexts)",
                baseline.table().size());
    }

    @Override
    public void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, Distribution out,
                             Distribution scratch) {
        Work w = work.get();
        // The baseline reads no attributes or times; it needs no working space (it has no experts).
        baseline.distribution(seq, null, null, prefixLength, w.rest, null);
        w.rest.toArray(w.b);
        model.distribution(seq, times, attrs, prefixLength, out, scratch);
        out.toArray(w.a);
        blend(w.a, w.b, weight, w.q);
        out.setAll(w.q);
    }

    /**
     * The blended distribution into {@code q}: the mix of two distributions (each summing to 1), with {@code a}'s
     * first choice (highest, ties to the lower index, as {@link Distribution#top} ranks) raised to first place.
     */
    public static void blend(double[] a, double[] b, double weight, double[] q) {
        int n = Math.min(a.length, q.length);
        int first = 0;
        for (int y = 1; y < n; y++) {
            if (a[y] > a[first]) {
                first = y;
            }
        }
        double sum = 0;
        double other = 0;
        int otherIndex = -1;
        for (int y = 0; y < n; y++) {
            q[y] = weight * a[y] + (1 - weight) * b[y];
            sum += q[y];
            if (y != first && q[y] > other) {
                other = q[y];
                otherIndex = y;
            }
        }
        // Equal values rank by lower index, so an equal runner-up below the first choice's index would win.
        if (otherIndex >= 0 && (q[first] < other || (q[first] == other && otherIndex < first))) {
            double raised = other * (1 + 1e-6) + Double.MIN_NORMAL;
            sum += raised - q[first];
            q[first] = raised;
        }
        if (sum > 0) {
            for (int y = 0; y < n; y++) {
                q[y] /= sum;
            }
        }
    }

    private static final class Work {
        final Distribution rest;
        final double[] a;
        final double[] b;
        final double[] q;

        Work(int outcomes) {
            rest = new Distribution(outcomes);
            a = new double[outcomes];
            b = new double[outcomes];
            q = new double[outcomes];
        }
    }
}
