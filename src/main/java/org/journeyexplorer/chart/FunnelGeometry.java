package org.journeyexplorer.chart;

import java.util.List;

/**
 * A laid-out funnel in pixels: per step a bar as tall as the units that reached it and, above it, the drop-off
 * since the previous step shaded up to the previous bar's height; count gridlines on the left. Drawn by the Funnels
 * tab and written by {@link org.journeyexplorer.export.SvgWriter#writeFunnel}, so both show the same chart.
 *
 * @param plotX left of the plot area (count 0 on the x axis)
 * @param plotY top of the plot area (the y axis' largest tick)
 * @param plotW width of the plot area
 * @param plotH height of the plot area
 * @param bars  one per step, in order
 * @param ticks the count axis, 0 first
 */
public record FunnelGeometry(double width, double height, double plotX, double plotY, double plotW, double plotH,
                             List<Bar> bars, List<Tick> ticks) {
    public FunnelGeometry {
        bars = List.copyOf(bars);
        ticks = List.copyOf(ticks);
    }

    /**
     * One step.
     *
     * @param index    0-based step
     * @param y        top of the reached bar; it ends on the plot's bottom
     * @param h        height of the reached bar
     * @param dropY    top of the drop-off shading (the previous step's bar top); equals {@code y} when none
     * @param label    the step's name under the bar, elided to the bar's slot
     * @param percent  the share of step 1, drawn on the bar
     * @param tooltip  the step in words
     * @param dropText the drop-off since the previous step in words, "" for the first step or none
     */
    public record Bar(int index, double x, double y, double w, double h, double dropY, String label, String percent,
                      String tooltip, String dropText) {
        /** Height of the drop-off shading above the bar. */
        public double dropH() {
            return y - dropY;
        }
    }

    /** A count gridline at {@code y}, labelled {@code text} right-aligned left of the plot. */
    public record Tick(double y, String text) {
    }
}
