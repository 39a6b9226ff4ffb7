package org.journeyexplorer.chart;

import org.journeyexplorer.predict.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays out a {@link ReliabilityGeometry} from a model's calibration (no JavaFX: runs off the FX thread). */
public final class ReliabilityLayout {
    private static final double LEFT = 40;
    private static final double BOTTOM = 34;
    private static final double TOP = 8;
    /** Room for half of the centred "100 %" tick under the plot's right edge. */
    private static final double RIGHT = 20;
    /** The axis line under the plot, the same on screen and in exports. */
    public static final String AXIS_LABEL = "confidence of the top prediction → share right";
    /** Title of the exported chart. */
    public static final String TITLE = "Reliability of the top next-step prediction";

    private ReliabilityLayout() {
    }

    public static ReliabilityGeometry layout(Evaluation.Calibration c, double width, double height) {
        double pw = Math.max(40, width - LEFT - RIGHT);
        double ph = Math.max(40, height - TOP - BOTTOM);
        List<ReliabilityGeometry.Bar> bars = new ArrayList<>();
        for (Evaluation.Calibration.Bin b : c.bins()) {
            if (b.predictions() == 0) {
                continue;
            }
            double x = LEFT + b.from() * pw + 1;
            double w = Math.max(1, (b.to() - b.from()) * pw - 2);
            double h = b.accuracy() * ph;
            bars.add(new ReliabilityGeometry.Bar(x, TOP + ph - h, w, h, TOP + ph - b.meanConfidence() * ph,
                    b.predictions(), String.format(Locale.ROOT, "Top prediction %.0f–%.0f %% sure: %,d predictions, "
                            + "right %.1f %% of the time (mean confidence %.1f %%)", 100 * b.from(), 100 * b.to(),
                    b.predictions(), 100 * b.accuracy(), 100 * b.meanConfidence())));
        }
        List<ReliabilityGeometry.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            String t = String.format(Locale.ROOT, "%.0f %%", 100 * v);
            ticks.add(new ReliabilityGeometry.Tick(LEFT + v * pw, TOP + ph + 14, t, false));
            ticks.add(new ReliabilityGeometry.Tick(LEFT - 4, TOP + ph - v * ph + 4, t, true));
        }
        String caption = String.format(Locale.ROOT, "Confidence of the top prediction (x) against how often it "
                + "was right (bars); expected calibration error %.1f %%", 100 * c.ece());
        return new ReliabilityGeometry(width, height, LEFT, TOP, pw, ph, bars, ticks, c.ece(), caption);
    }
}
