package org.journeyexplorer.ui.predict;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.journeyexplorer.predict.ConversionAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars of removal effects with their bootstrap interval as a whisker. Built from plain nodes so the
 * colours come from the stylesheet ({@code .effect-bar}, {@code .effect-ci}); laid out by hand in
 * {@link #layoutChildren()}.
 */
final class RemovalEffectChart extends Region {
    static final int MAX_ROWS = 15;
    private static final double ROW = 24;
    private static final double NAME_WIDTH = 170;
    private static final double VALUE_WIDTH = 165;

    private record Row(ConversionAnalysis.RemovalEffect effect, Label name, Region bar, Region ci, Label value) {
    }

    private final List<Row> rows = new ArrayList<>();

    RemovalEffectChart() {
        getStyleClass().add("removal-chart");
    }

    void show(ConversionAnalysis.Result r) {
        getChildren().clear();
        rows.clear();
        if (r != null) {
            for (ConversionAnalysis.RemovalEffect e : r.removalEffects()) {
                if (rows.size() == MAX_ROWS) {
                    break;
                }
                Label name = new Label(e.name());
                name.getStyleClass().add("effect-name");
                Region bar = new Region();
                bar.getStyleClass().add("effect-bar");
                Region ci = new Region();
                ci.getStyleClass().add("effect-ci");
                String interval = Double.isNaN(e.low()) ? "" : String.format(Locale.ROOT, " (%.0f–%.0f %%)",
                        100 * e.low(), 100 * e.high());
                Label value = new Label(String.format(Locale.ROOT, "%.1f %%", 100 * e.effect()) + interval);
                value.getStyleClass().add("effect-value");
                Tooltip.install(bar, new Tooltip("Without " + e.name() + ", conversion from the start drops by "
                        + value.getText() + " (95 % bootstrap interval over sessions); seen " + e.visits()
                        + " times"));
                rows.add(new Row(e, name, bar, ci, value));
                getChildren().addAll(name, bar, ci, value);
            }
        }
        requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(ROW, rows.size() * ROW) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return NAME_WIDTH + VALUE_WIDTH + 240;
    }

    @Override
    protected void layoutChildren() {
        double x0 = snappedLeftInset();
        double y = snappedTopInset();
        double track = Math.max(40, getWidth() - x0 - snappedRightInset() - NAME_WIDTH - VALUE_WIDTH);
        for (Row r : rows) {
            double bx = x0 + NAME_WIDTH;
            r.name().resizeRelocate(x0, y, NAME_WIDTH - 8, ROW);
            double w = Math.max(1, track * clamp(r.effect().effect()));
            r.bar().resizeRelocate(bx, y + 5, w, ROW - 10);
            if (Double.isNaN(r.effect().low())) {
                r.ci().setVisible(false);
            } else {
                double lo = bx + track * clamp(r.effect().low());
                double hi = bx + track * clamp(r.effect().high());
                r.ci().setVisible(true);
                r.ci().resizeRelocate(lo, y + ROW / 2 - 1, Math.max(1, hi - lo), 2);
            }
            r.value().resizeRelocate(bx + track + 8, y, VALUE_WIDTH - 8, ROW);
            y += ROW;
        }
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
