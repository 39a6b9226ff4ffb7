package org.journeyexplorer.ui.predict;

import javafx.geometry.VPos;
import javafx.scene.Parent;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.ReliabilityGeometry;
import org.journeyexplorer.chart.ReliabilityLayout;
import org.journeyexplorer.export.PredictionCsv;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.export.ChartExporter;
import org.journeyexplorer.ui.export.ExportableChart;

import java.util.ArrayList;
import java.util.List;

/**
 * The reliability diagram of the evaluation panel, drawn from a {@link ReliabilityGeometry} (laid out by
 * {@link ReliabilityLayout}, which needs no JavaFX) with plain nodes, like the removal-effect bars beside it, so
 * the colours come from the stylesheet ({@code .reliability-bar}, {@code .reliability-diagonal}). Its PNG, SVG
 * and CSV exports ({@link ChartExporter}) draw the same geometry in the colours those nodes resolved.
 */
final class ReliabilityChart extends Region {
    static final double HEIGHT = 170;
    private static final Font TICK_FONT = Font.font(11);
    private final Region frame = new Region();
    private final Line diagonal = new Line();
    private final List<Region> bars = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private final Label axis = new Label(ReliabilityLayout.AXIS_LABEL);
    private final ExportableChart exports;
    private Evaluation.Calibration calibration;
    private ReliabilityGeometry geometry;

    ReliabilityChart(AppModel model, TaskRunner runner) {
        getStyleClass().add("reliability-chart");
        setId("predictions-reliability");
        frame.getStyleClass().add("reliability-frame");
        diagonal.getStyleClass().add("reliability-diagonal");
        diagonal.setManaged(false);
        axis.getStyleClass().add("reliability-tick");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        exports = new ChartExporter<>(model, runner, this::title, () -> geometry, () -> calibration,
                ReliabilityGeometry::width, ReliabilityGeometry::height, this::paint, this::svgStyle,
                (g, caption, style, file) -> SvgWriter.writeReliability(g, caption, style, hex(barColor()), file),
                (c, caption, file) -> PredictionCsv.reliability(c, caption, file)).asExportable(() -> "reliability");
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

    // ------------------------------------------------------------------ export

    private String title() {
        return ReliabilityLayout.TITLE + (geometry == null ? "" : String.format(java.util.Locale.ROOT,
                "; expected calibration error %.1f %%", 100 * geometry.ece()));
    }

    /** The first fill of a region's background, or null. */
    private static Paint fill(Region r) {
        Background b = r.getBackground();
        return b == null || b.getFills().isEmpty() ? null : b.getFills().get(0).getFill();
    }

    private Paint barColor() {
        Paint p = bars.isEmpty() ? null : fill(bars.get(0));
        return p == null ? Color.web("#2f6fde") : p;
    }

    /** The background the chart sits on: the nearest styled ancestor's, else white. */
    private Paint background() {
        for (Parent p = this; p != null; p = p.getParent()) {
            if (p instanceof Region r && fill(r) instanceof Color c && c.getOpacity() > 0) {
                return c;
            }
        }
        return Color.WHITE;
    }

    private Paint textColor() {
        return diagonal.getStroke() == null ? Color.web("#1f2937") : diagonal.getStroke();
    }

    private Paint mutedColor() {
        return axis.getTextFill() == null ? Color.web("#6b7280") : axis.getTextFill();
    }

    private static String hex(Paint p) {
        return ChartPaint.hex(p, "#2f6fde");
    }

    private SvgWriter.Style svgStyle() {
        return new SvgWriter.Style(ChartPaint.hex(background(), "#ffffff"), ChartPaint.hex(textColor(), "#1f2937"),
                ChartPaint.hex(mutedColor(), "#6b7280"), SvgWriter.Style.light().linkOpacity(),
                SvgWriter.Style.light().font());
    }

    /** Paints the geometry with its caption for export, as the SVG writer draws it. FX thread only. */
    private void paint(GraphicsContext gc, ReliabilityGeometry g, ChartCaption caption) {
        gc.setFill(background());
        gc.fillRect(0, 0, g.width(), g.height() + ChartPaint.captionHeight(caption));
        gc.setGlobalAlpha(0.5);
        gc.setStroke(mutedColor());
        gc.setLineWidth(1);
        gc.strokeRect(g.plotX(), g.plotY(), g.plotW(), g.plotH());
        gc.setGlobalAlpha(0.85);
        gc.setFill(barColor());
        for (ReliabilityGeometry.Bar b : g.bars()) {
            gc.fillRect(b.x(), b.y(), b.w(), b.h());
        }
        gc.setGlobalAlpha(1);
        gc.setStroke(textColor());
        gc.setLineDashes(4, 3);
        gc.strokeLine(g.plotX(), g.plotY() + g.plotH(), g.plotX() + g.plotW(), g.plotY());
        gc.setLineDashes((double[]) null);
        gc.setFont(TICK_FONT);
        gc.setFill(mutedColor());
        gc.setTextBaseline(VPos.BASELINE);
        for (ReliabilityGeometry.Tick t : g.ticks()) {
            gc.setTextAlign(t.yAxis() ? TextAlignment.RIGHT : TextAlignment.CENTER);
            gc.fillText(t.text(), t.x(), t.y());
        }
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText(ReliabilityLayout.AXIS_LABEL, g.plotX() + g.plotW() / 2, g.height() - 4);
        ChartPaint.caption(gc, caption, g.height(), mutedColor(), TICK_FONT);
    }

    /** The chart's PNG / SVG / CSV / clipboard exports. */
    ExportableChart exports() {
        return exports;
    }
}
