package org.journeyexplorer.ui.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.journeyexplorer.chart.ChartCaption;

import java.util.HashMap;
import java.util.Map;

/** Small painting helpers shared by the chart canvases. */
public final class ChartPaint {
    /** Height of one caption line below an exported chart, same as the SVG writer. */
    public static final double CAPTION_LINE = 15;

    private static final Map<String, Color> CACHE = new HashMap<>();

    private ChartPaint() {
    }

    /** {@code #rrggbb} → Color, cached (palettes are small). Only call on one thread at a time (the FX thread). */
    public static Color color(String hex) {
        return CACHE.computeIfAbsent(hex, Color::web);
    }

    public static Color withOpacity(String hex, double opacity) {
        Color c = color(hex);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), opacity);
    }

    /** Where the halo's copies of a label go: eight directions, 1.5 px out (what a 3 px stroke covered). */
    private static final double[] HALO_DX = {1.5, -1.5, 0, 0, 1.06, 1.06, -1.06, -1.06};
    private static final double[] HALO_DY = {0, 0, 1.5, -1.5, 1.06, -1.06, 1.06, -1.06};

    /**
     * Text with a halo in the background colour, so labels stay legible over ribbons. The halo is the label filled
     * eight times around its place rather than stroked: a stroke turns every glyph into a path the rasteriser fills
     * (most of the render thread's time on a Sankey repaint, 90–210 ms CPU per re-query at 5 M events under the
     * software pipeline), while filled text comes from the glyph cache.
     */
    public static void haloText(GraphicsContext gc, String text, double x, double y, Paint fill, Paint halo) {
        gc.setFill(halo);
        for (int i = 0; i < HALO_DX.length; i++) {
            gc.fillText(text, x + HALO_DX[i], y + HALO_DY[i]);
        }
        gc.setFill(fill);
        gc.fillText(text, x, y);
    }

    /** The caption lines under a chart of height {@code top}, as in the SVG export. */
    public static void caption(GraphicsContext gc, ChartCaption caption, double top, Paint fill, Font font) {
        gc.setFont(font);
        gc.setFill(fill);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BASELINE);
        double y = top + CAPTION_LINE;
        for (String line : caption.lines()) {
            gc.fillText(line, 10, y);
            y += CAPTION_LINE;
        }
    }

    public static double captionHeight(ChartCaption caption) {
        return caption.lines().size() * CAPTION_LINE + 10;
    }

    /** CSS-ish hex of a paint (for the SVG export); falls back when the paint is not a colour. */
    public static String hex(Paint p, String fallback) {
        if (p instanceof Color c) {
            return org.journeyexplorer.chart.EventColors.hex(Math.round(c.getRed() * 255),
                    Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
        }
        return fallback;
    }

    /** The stylesheet every chart view adds (colour tokens of the canvases, toolbars, chart area). */
    public static String stylesheet() {
        return ChartPaint.class.getResource("/org/journeyexplorer/ui/chart/charts.css").toExternalForm();
    }
}
