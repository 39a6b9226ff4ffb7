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

    /** Text with a halo in the background colour, so labels stay legible over ribbons. */
    public static void haloText(GraphicsContext gc, String text, double x, double y, Paint fill, Paint halo) {
        gc.setLineWidth(3);
        gc.setStroke(halo);
        gc.strokeText(text, x, y);
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
            return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                    Math.round(c.getBlue() * 255));
        }
        return fallback;
    }

    /** The stylesheet every chart view adds (colour tokens of the canvases, toolbars, chart area). */
    public static String stylesheet() {
        return ChartPaint.class.getResource("/org/journeyexplorer/ui/chart/charts.css").toExternalForm();
    }
}
