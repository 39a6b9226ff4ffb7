package org.journeyexplorer.predict.portable;

/**
 * Scores next steps with a variable-order Markov model: its {@link MarkovSpec} and successor counts.
 *
 * <p>The activity part is interpolated from the shortest context up: starting from the (lightly smoothed)
 * overall successor frequencies, each longer context {@code c} seen in training gives
 * {@code p(x|c) = (n(c,x) + α·p(x|shorter)) / (n(c) + α)}. With α = 0 this is pure backoff: the longest context
 * seen decides alone, so order 1 without smoothing is the classic most-frequent-successor chain.
 *
 * <p>Context features and attributes are experts combined as a product: each multiplies in its ratio
 * {@code p(x | context, feature) / p(x | context)}, against the last event alone (shallow) or the whole activity
 * context (deep), then the result is normalised. This is the one implementation of the model's arithmetic: the
 * desktop app, the CLI and the streaming job all score through it.
 */
public final class MarkovScorer implements NextStepScorer {
    /** Pseudo-count per outcome of the order-0 frequencies, so no outcome is impossible. */
    public static final double ORDER0_PRIOR = 0.5;
    private static final double FLOOR = 1e-9;

    private final MarkovSpec spec;
    private final ContextTable table;
    private final double[] order0;
    private final int[] order0Rank;
    private final double order0Total;

    public MarkovScorer(MarkovSpec spec, ContextTable table) {
        this.spec = spec;
        this.table = table;
        int outcomes = spec.typeCount() + 1;
        this.order0 = new double[outcomes];
        int r = table.row(MarkovSpec.order0Key());
        int total = r < 0 ? 0 : table.total(r);
        double denom = total + ORDER0_PRIOR * outcomes;
        java.util.Arrays.fill(order0, ORDER0_PRIOR / denom);
        if (r >= 0) {
            for (int k = table.start(r); k < table.end(r); k++) {
                if (table.symbol(k) < 0 || table.symbol(k) >= outcomes) {
                    throw new IllegalArgumentException("successor " + table.symbol(k) + " out of range");
                }
                order0[table.symbol(k)] += table.count(k) / denom;
            }
        }
        double sum = 0;
        for (double v : order0) {
            sum += v;
        }
        this.order0Total = sum;
        this.order0Rank = Distribution.order(order0);
    }

    public MarkovSpec spec() {
        return spec;
    }

    public ContextTable table() {
        return table;
    }

    /** Outcomes: event types plus the end. */
    @Override
    public int outcomes() {
        return spec.typeCount() + 1;
    }

    @Override
    public String kind() {
        return "markov";
    }

    @Override
    public String sizeDescription() {
        return String.format(java.util.Locale.ROOT, "%,d contexts", table.size());
    }

    /**
     * The next-step distribution after the prefix {@code seq[0..prefixLength)}.
     *
     * @param times event times of {@code seq} (µs), or null when unknown (time features are then left out)
     * @param attrs per attribute expert its value indices along {@code seq}, or null entries / null when unknown
     * @param out   receives the distribution; {@code scratch} is used for the experts' reference (may be null
     *              when the model has no experts)
     */
    @Override
    public void distribution(int[] seq, long[] times, int[][] attrs, int prefixLength, Distribution out,
                             Distribution scratch) {
        int i = prefixLength;
        double alpha = spec.alpha();
        out.reset(order0, order0Rank, order0Total);
        if (i == 0) {
            interpolate(MarkovSpec.startKey(), out, alpha);
            return;
        }
        for (int j = 1; j <= Math.min(spec.order(), i); j++) {
            interpolate(spec.activityKey(seq, i, j), out, alpha);
        }
        boolean any = false;
        for (ContextFeature f : spec.features()) {
            any |= spec.featureOn(f, times);
        }
        if (attrs != null) {
            for (int k = 0; k < Math.min(attrs.length, spec.attributes()); k++) {
                any |= attrs[k] != null;
            }
        }
        if (!any) {
            return;
        }
        Distribution p1 = scratch == null ? newDistribution() : scratch;
        if (spec.deep()) {
            // Deep experts refine the full activity context, so their ratio is taken against it.
            p1.copyFrom(out);
        } else {
            p1.reset(order0, order0Rank, order0Total);
            interpolate(spec.activityKey(seq, i, 1), p1, alpha);
        }
        int repeat = spec.features().contains(ContextFeature.REPEAT) ? MarkovSpec.repeats(seq, i) : 0;
        for (ContextFeature f : spec.features()) {
            if (spec.featureOn(f, times)) {
                applyExpert(table.row(spec.featureKey(f, seq, times, i, repeat)), p1, out);
            }
        }
        if (attrs != null) {
            for (int k = 0; k < Math.min(attrs.length, spec.attributes()); k++) {
                if (attrs[k] != null) {
                    applyExpert(table.row(spec.attributeKey(k, seq, attrs[k], i)), p1, out);
                }
            }
        }
        out.normalize();
    }

    /** Multiplies one expert's ratio to p1 into {@code out} (row -1: unseen context, ratio 1). */
    private void applyExpert(int r, Distribution p1, Distribution out) {
        if (r < 0) {
            return; // unseen: the expert equals p1, its ratio is 1
        }
        double alpha = spec.alpha();
        if (alpha > 0) {
            // Expert / p1 = keep + n(y) / (denom · p1(y)); dividing by the common factor keep = α / denom
            // leaves 1 + n(y) / (α · p1(y)), which differs from 1 only for observed successors.
            for (int k = table.start(r); k < table.end(r); k++) {
                int y = table.symbol(k);
                out.multiply(y, 1 + table.count(k) / (alpha * p1.get(y)));
            }
            return;
        }
        // Backoff experts are their own frequencies, floored: every outcome changes.
        double total = table.total(r);
        double[] dense = new double[out.size()];
        for (int k = table.start(r); k < table.end(r); k++) {
            dense[table.symbol(k)] = table.count(k) / total;
        }
        for (int y = 0; y < dense.length; y++) {
            out.multiply(y, Math.max(dense[y], FLOOR) / Math.max(p1.get(y), FLOOR));
        }
    }

    private void interpolate(long key, Distribution p, double alpha) {
        int r = table.row(key);
        if (r < 0) {
            return;
        }
        double denom = table.total(r) + alpha;
        p.scaleAll(alpha / denom);
        for (int k = table.start(r); k < table.end(r); k++) {
            p.add(table.symbol(k), table.count(k) / denom);
        }
    }

    /**
     * How often the longest activity context of the prefix (up to the order) occurred in training, and its
     * length: {@code [support, length]}; length 0 means even the last event was never followed in training.
     */
    public int[] support(int[] seq, int prefixLength) {
        for (int j = Math.min(spec.order(), prefixLength); j >= 1; j--) {
            int r = table.row(spec.activityKey(seq, prefixLength, j));
            if (r >= 0) {
                return new int[]{table.total(r), j};
            }
        }
        int r = table.row(prefixLength == 0 ? MarkovSpec.startKey() : MarkovSpec.order0Key());
        return new int[]{r < 0 ? 0 : table.total(r), 0};
    }
}
