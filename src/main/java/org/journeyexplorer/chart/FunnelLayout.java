package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.FunnelResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a {@link FunnelGeometry} from a computed funnel (no JavaFX: the SVG export and tests use it as the tab
 * does). The count axis ends on the first gridline at or above step 1, the gridlines at round counts.
 */
public final class FunnelLayout {
    /** Room left of the plot for the count labels. */
    static final double LEFT = 56;
    static final double TOP = 12;
    static final double RIGHT = 12;
    /** Room under the plot for the step names. */
    static final double BOTTOM = 28;
    /** Share of a step's slot the bar takes. */
    static final double BAR_SHARE = 0.62;

    private FunnelLayout() {
    }

    public static FunnelGeometry layout(FunnelResult r, double width, double height, TextMeasure text) {
        double pw = Math.max(40, width - LEFT - RIGHT);
        double ph = Math.max(40, height - TOP - BOTTOM);
        List<FunnelResult.Step> steps = r.steps();
        long first = steps.isEmpty() ? 0 : steps.get(0).count();
        long tick = niceTick(first);
        long top = Math.max(1, (first + tick - 1) / tick) * tick;
        List<FunnelGeometry.Tick> ticks = new ArrayList<>();
        for (long v = 0; v <= top; v += tick) {
            ticks.add(new FunnelGeometry.Tick(TOP + ph - ph * v / top, Formats.count(v)));
        }
        double slot = steps.isEmpty() ? pw : pw / steps.size();
        double w = slot * BAR_SHARE;
        double bottom = TOP + ph;
        List<FunnelGeometry.Bar> bars = new ArrayList<>();
        double previousY = bottom;
        for (FunnelResult.Step s : steps) {
            double h = ph * s.count() / top;
            double y = bottom - h;
            double dropY = s.index() == 0 ? y : previousY;
            double x = LEFT + s.index() * slot + (slot - w) / 2;
            String name = (s.index() + 1) + ". " + s.label();
            String pct = Formats.share(s.fromStart());
            String tip = s.label() + ": " + Formats.count(s.count()) + " (" + pct + " of step 1"
                    + (s.index() == 0 ? ")" : ", " + Formats.share(s.fromPrevious()) + " of step " + s.index()
                    + ")");
            String drop = "";
            if (s.index() > 0) {
                int dropped = steps.get(s.index() - 1).count() - s.count();
                if (dropped > 0) {
                    drop = Formats.count(dropped) + " dropped off between step " + s.index() + " and step "
                            + (s.index() + 1) + " (" + Formats.share(1 - s.fromPrevious()) + ")";
                }
            }
            bars.add(new FunnelGeometry.Bar(s.index(), x, y, w, h, dropY, text.elide(name, slot - 6), pct, tip,
                    drop));
            previousY = y;
        }
        return new FunnelGeometry(width, height, LEFT, TOP, pw, ph, bars, ticks);
    }

    /** The count between gridlines: the smallest 1, 2 or 5 × 10^k that needs at most 5 of them to reach {@code v}. */
    static long niceTick(long v) {
        for (long pow = 1; ; pow *= 10) {
            for (long m : new long[]{1, 2, 5}) {
                if (v <= 5 * m * pow) {
                    return m * pow;
                }
            }
        }
    }
}
