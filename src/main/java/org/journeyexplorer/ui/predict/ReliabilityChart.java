package org.journeyexplorer.ui.predict;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import org.journeyexplorer.chart.ReliabilityGeometry;
import org.journeyexplorer.chart.ReliabilityLayout;
import org.journeyexplorer.predict.Evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The reliability diagram of the evaluation panel, drawn from a {@link ReliabilityGeometry} (laid out by
 * {@link ReliabilityLayout}, which needs no JavaFX) with plain nodes, like the removal-effect bars beside it, so
 * the colours come from the stylesheet ({@code .reliability-bar}, {@code .reliability-diagonal}).
 */
final class ReliabilityChart extends Region {
    static final double HEIGHT = 170;
    private final Region frame = new Region();
    private final Line diagonal = new Line();
    private final List<Region> bars = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private final Label axis = new Label("confidence of the top prediction → share right");
    private Evaluation.Calibration calibration;
    private ReliabilityGeometry geometry;

    ReliabilityChart() {
        getStyleClass().add("reliability-chart");
        setId("predictions-reliability");
        frame.getStyleClass().add("reliability-frame");
        diagonal.getStyleClass().add("reliability-diagonal");
        diagonal.setManaged(false);
        axis.getStyleClass().add("reliability-tick");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
    }

    void show(Evaluation.Calibration c) {
        calibration = c;
        geometry = null;
        requestLayout();
    }

    /** The geometry laid out last (tests). */
    ReliabilityGeometry geometry() {
        return geometry;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 360;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        ReliabilityGeometry g = calibration == null || w <= 0 ? null : ReliabilityLayout.layout(calibration, w, h);
        if (g == null) {
            getChildren().clear();
            geometry = null;
            return;
        }
        if (geometry == null || geometry.bars().size() != g.bars().size()) {
            rebuild(g);
        }
        geometry = g;
        frame.resizeRelocate(g.plotX(), g.plotY(), g.plotW(), g.plotH());
        for (int i = 0; i < bars.size(); i++) {
            ReliabilityGeometry.Bar b = g.bars().get(i);
            bars.get(i).resizeRelocate(b.x(), b.y(), b.w(), Math.max(1, b.h()));
        }
        diagonal.setStartX(g.plotX());
        diagonal.setStartY(g.plotY() + g.plotH());
        diagonal.setEndX(g.plotX() + g.plotW());
        diagonal.setEndY(g.plotY());
        for (int i = 0; i < ticks.size(); i++) {
            ReliabilityGeometry.Tick t = g.ticks().get(i);
            Label l = ticks.get(i);
            double tw = l.prefWidth(-1);
            double th = l.prefHeight(-1);
            l.resizeRelocate(t.yAxis() ? t.x() - tw : t.x() - tw / 2, t.y() - th + 3, tw, th);
        }
        double aw = axis.prefWidth(-1);
        axis.resizeRelocate(g.plotX() + (g.plotW() - aw) / 2, h - axis.prefHeight(-1), aw, axis.prefHeight(-1));
    }

    private void rebuild(ReliabilityGeometry g) {
        getChildren().clear();
        bars.clear();
        ticks.clear();
        getChildren().add(frame);
        for (ReliabilityGeometry.Bar b : g.bars()) {
            Region r = new Region();
            r.getStyleClass().add("reliability-bar");
            Tooltip.install(r, new Tooltip(b.tooltip()));
            bars.add(r);
            getChildren().add(r);
        }
        getChildren().add(diagonal);
        for (ReliabilityGeometry.Tick t : g.ticks()) {
            Label l = new Label(t.text());
            l.getStyleClass().add("reliability-tick");
            ticks.add(l);
            getChildren().add(l);
        }
        getChildren().add(axis);
    }
}
