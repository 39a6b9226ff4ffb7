package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * One funnel computed for two segments, step by step: the conversion of each with its 95 % interval and the test
 * of the difference ({@link Proportions#compare}). Step 1's rate is the share of the segment's units that did it;
 * every later step's rate is the share of those who did step 1, as in the Funnels tab.
 *
 * @param steps one comparison per funnel step
 */
public record FunnelComparison(List<Step> steps) {

    public FunnelComparison {
        steps = List.copyOf(steps);
    }

    /**
     * A step of both funnels.
     *
     * @param comparison B's rate against A's (x = units that reached the step, n = the rate's base)
     */
    public record Step(int index, String label, Proportions.Comparison comparison) {
    }

    /** Compares funnel {@code b} with {@code a}; both must have the same steps. */
    public static FunnelComparison of(FunnelResult a, FunnelResult b) {
        if (!a.query().steps().equals(b.query().steps())) {
            throw new IllegalArgumentException("the two funnels have different steps");
        }
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < a.steps().size(); k++) {
            long baseA = k == 0 ? a.units() : a.steps().get(0).count();
            long baseB = k == 0 ? b.units() : b.steps().get(0).count();
            out.add(new Step(k, a.steps().get(k).label(), Proportions.compare(a.steps().get(k).count(), baseA,
                    b.steps().get(k).count(), baseB)));
        }
        return new FunnelComparison(out);
    }
}
