package org.journeyexplorer.chart;

import java.util.List;

/**
 * A laid-out reliability diagram in pixels: per confidence bin a bar as tall as the share of top predictions
 * that were right, beside the diagonal where a calibrated model's bars would end. Drawn by the Predictions tab.
 *
 * @param plotX  left of the plot area (x = confidence 0)
 * @param plotY  top of the plot area (y = accuracy 1)
 * @param plotW  width of the plot area
 * @param plotH  height of the plot area
 * @param bars   one per non-empty bin
 * @param ticks  axis labels
 * @param ece    expected calibration error, shown in the caption
 */
public record ReliabilityGeometry(double width, double height, double plotX, double plotY, double plotW,
                                  double plotH, List<Bar> bars, List<Tick> ticks, double ece, String caption) {
    public ReliabilityGeometry {
        bars = List.copyOf(bars);
        ticks = List.copyOf(ticks);
    }

    /**
     * One bin.
     *
     * @param confidenceY y of the bin's mean confidence (where a calibrated bar would end), for a marker
     * @param tooltip     the bin in words
     */
    public record Bar(double x, double y, double w, double h, double confidenceY, int predictions, String tooltip) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= Math.min(y, confidenceY) - 2 && py <= y + h + 2;
        }
    }

    /** An axis label anchored at (x, y); {@code vertical} for the y axis (right-aligned). */
    public record Tick(double x, double y, String text, boolean yAxis) {
    }

    /** The bar under a point, or null. */
    public Bar barAt(double px, double py) {
        for (Bar b : bars) {
            if (b.contains(px, py)) {
                return b;
            }
        }
        return null;
    }
}
