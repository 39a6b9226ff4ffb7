package org.journeyexplorer.predict;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a {@link NextStepModel} is built.
 *
 * @param order    longest activity context k (≥ 1); shorter contexts are the fallback
 * @param alpha    interpolation strength towards the shorter context (0 = no smoothing: the longest context seen
 *                 in training decides alone, shorter ones are used only when it was never seen)
 * @param features extra context features
 * @param deepFeatures whether each feature is counted jointly with the whole order-k context (true) or with the
 *                     last event only (false: needs less data)
 */
public record ModelConfig(int order, double alpha, Set<ContextFeature> features, boolean deepFeatures) {

    public ModelConfig {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1");
        }
        if (alpha < 0 || Double.isNaN(alpha)) {
            throw new IllegalArgumentException("alpha must be ≥ 0");
        }
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /** Shallow features (each joint with the last event only). */
    public ModelConfig(int order, double alpha, ContextFeature... features) {
        this(order, alpha, features.length == 0 ? Set.of() : EnumSet.of(features[0], features), false);
    }

    /** The reference model: order 1, no smoothing, no extra features (most frequent successor wins). */
    public static ModelConfig firstOrder() {
        return new ModelConfig(1, 0);
    }

    /** Variable-order Markov of order k with interpolation strength alpha and no extra features. */
    public static ModelConfig markov(int order, double alpha) {
        return new ModelConfig(order, alpha);
    }

    public boolean has(ContextFeature f) {
        return features.contains(f);
    }

    public ModelConfig withFeature(ContextFeature f) {
        EnumSet<ContextFeature> s = features.isEmpty() ? EnumSet.noneOf(ContextFeature.class)
                : EnumSet.copyOf(features);
        s.add(f);
        return new ModelConfig(order, alpha, s, deepFeatures);
    }

    /** One line for people: "order 2, interpolated α=10, + time since previous event, + position in case". */
    public String describe() {
        StringBuilder b = new StringBuilder("order ").append(order);
        b.append(alpha == 0 ? ", no smoothing (backoff only)" : ", interpolated α=" + fmt(alpha));
        for (ContextFeature f : ContextFeature.values()) {
            if (features.contains(f)) {
                b.append(", + ").append(f.label());
            }
        }
        if (deepFeatures && !features.isEmpty()) {
            b.append(" (features joint with the whole context)");
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
