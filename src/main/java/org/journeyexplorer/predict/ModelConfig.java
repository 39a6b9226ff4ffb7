package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.ContextFeature;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a {@link NextStepModel} is built.
 *
 * @param order    longest activity context k (≥ 1); shorter contexts are the fallback
 * @param alpha    interpolation strength towards the shorter context (0 = no smoothing: the longest context seen
 *                 in training decides alone, shorter ones are used only when it was never seen)
 * @param features extra context features
 * @param deepFeatures whether each feature is counted jointly with the whole order-k context (true) or with the
 *                     last event only (false: needs less data)
 * @param attributes   names of event attributes whose value at the last event is an extra context feature
 *                     (ignored where the data has no such attribute)
 */
public record ModelConfig(int order, double alpha, Set<ContextFeature> features, boolean deepFeatures,
                          Set<String> attributes) implements Learner {

    public ModelConfig {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1");
        }
        if (alpha < 0 || Double.isNaN(alpha)) {
            throw new IllegalArgumentException("alpha must be ≥ 0");
        }
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        attributes = Set.copyOf(new TreeSet<>(attributes));
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("at most " + MAX_ATTRIBUTES + " attributes");
        }
    }

    @Override
    public NextStepModel train(Sequences data, org.journeyexplorer.core.TaskContext ctx) {
        return NextStepModel.train(data, this);
    }

    @Override
    public boolean isBaseline() {
        return equals(firstOrder());
    }

    /** Attribute features a model can hold. */
    public static final int MAX_ATTRIBUTES = 6;

    /** Without attributes. */
    public ModelConfig(int order, double alpha, Set<ContextFeature> features, boolean deepFeatures) {
        this(order, alpha, features, deepFeatures, Set.of());
    }

    /** The configured attributes in a fixed (sorted) order, as the model numbers them. */
    public List<String> attributeList() {
        return List.copyOf(new TreeSet<>(attributes));
    }

    /**
     * How much a configuration can fit, for the one-standard-error rule: the order beyond 1, plus one per feature
     * and attribute, plus one when they are joint with the whole context. Smoothing adds nothing (it only shrinks
     * towards shorter contexts), so the baseline and the smoothed order-1 chains are equally simple (0).
     */
    @Override
    public int complexity() {
        return order - 1 + features.size() + attributes.size() + (deepFeatures && hasExtras() ? 1 : 0);
    }

    public boolean hasExtras() {
        return !features.isEmpty() || !attributes.isEmpty();
    }

    public ModelConfig withAttribute(String name) {
        Set<String> a = new TreeSet<>(attributes);
        a.add(name);
        return new ModelConfig(order, alpha, features, deepFeatures, a);
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
        return new ModelConfig(order, alpha, s, deepFeatures, attributes);
    }

    /** One line for people: "order 2, interpolated α=10, + time since previous event, + position in case". */
    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("order ").append(order);
        b.append(alpha == 0 ? ", no smoothing (backoff only)" : ", interpolated α=" + fmt(alpha));
        for (ContextFeature f : ContextFeature.values()) {
            if (features.contains(f)) {
                b.append(", + ").append(f.label());
            }
        }
        for (String a : attributeList()) {
            b.append(", + attribute ").append(a);
        }
        if (deepFeatures && hasExtras()) {
            b.append(" (features joint with the whole context)");
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
