package org.journeyexplorer.ui.funnels;

import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.chart.FunnelGeometry;
import org.journeyexplorer.chart.FunnelLayout;
import org.journeyexplorer.chart.TextMeasure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The funnel as bars drawn from a {@link FunnelGeometry} (laid out by {@link FunnelLayout}, which the SVG export
 * uses too) with plain nodes, so the colours come from the stylesheet ({@code .funnel-bar}, {@code .funnel-dropped})
 * and each bar has its tooltip and menu. A click on a bar shows the journeys that reached the step, a click on the
 * shading above it those that dropped off before it; a right click offers both.
 */
final class FunnelChart extends Region {
    private final BiConsumer<Integer, Funnels.Outcome> drillDown;
    private final List<StackPane> bars = new ArrayList<>();
    private final List<Region> drops = new ArrayList<>();
    private final List<Label> names = new ArrayList<>();
    private final List<Line> grid = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private FunnelResult result;
    private FunnelGeometry geometry;

    /** @param drillDown called with a step's index and what to show of it */
    FunnelChart(BiConsumer<Integer, Funnels.Outcome> drillDown) {
        this.drillDown = drillDown;
        getStyleClass().add("funnel-chart");
        setId("funnel-chart");
        setMinHeight(220);
    }

    void show(FunnelResult r) {
        result = r;
        geometry = null;
        getChildren().clear();
        bars.clear();
        drops.clear();
        names.clear();
        grid.clear();
        ticks.clear();
        requestLayout();
    }

    /** The geometry laid out last (the SVG export writes it; tests read it), or null. */
    FunnelGeometry geometry() {
        return geometry;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (result == null || w <= 0 || h <= 0) {
            return;
        }
        Font font = names.isEmpty() ? Font.getDefault() : names.get(0).getFont();
        FunnelGeometry g = FunnelLayout.layout(result, w, h, measure(font));
        if (geometry == null) {
            build(g);
        }
        geometry = g;
        for (int i = 0; i < g.ticks().size(); i++) {
            FunnelGeometry.Tick t = g.ticks().get(i);
            Line line = grid.get(i);
            line.setStartX(g.plotX());
            line.setEndX(g.plotX() + g.plotW());
            line.setStartY(snap(t.y()));
            line.setEndY(snap(t.y()));
            Label l = ticks.get(i);
            l.setText(t.text());
            double tw = l.prefWidth(-1);
            double th = l.prefHeight(-1);
            l.resizeRelocate(g.plotX() - 6 - tw, t.y() - th / 2, tw, th);
        }
        for (int i = 0; i < g.bars().size(); i++) {
            FunnelGeometry.Bar b = g.bars().get(i);
            bars.get(i).resizeRelocate(b.x(), b.y(), b.w(), Math.max(1, b.h()));
            drops.get(i).resizeRelocate(b.x(), b.dropY(), b.w(), b.dropH());
            drops.get(i).setVisible(b.dropH() > 0.5);
            Label name = names.get(i);
            name.setText(b.label());
            double nw = Math.min(name.prefWidth(-1), g.plotW() / g.bars().size());
            name.resizeRelocate(b.x() + b.w() / 2 - nw / 2, g.plotY() + g.plotH() + 6, nw, name.prefHeight(-1));
        }
    }

    private static double snap(double y) {
        return Math.floor(y) + 0.5; // a crisp one-pixel line
    }

    private static TextMeasure measure(Font font) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(font);
        return s -> {
            probe.setText(s);
            return probe.getLayoutBounds().getWidth();
        };
    }

    private void build(FunnelGeometry g) {
        for (FunnelGeometry.Tick t : g.ticks()) {
            Line line = new Line();
            line.getStyleClass().add("funnel-grid");
            line.setManaged(false);
            grid.add(line);
            Label l = new Label(t.text());
            l.getStyleClass().add("funnel-tick");
            ticks.add(l);
        }
        getChildren().addAll(grid);
        getChildren().addAll(ticks);
        for (FunnelGeometry.Bar b : g.bars()) {
            int index = b.index();
            Region drop = new Region();
            drop.getStyleClass().add("funnel-dropped");
            if (!b.dropText().isEmpty()) {
                Tooltip.install(drop, new Tooltip(b.dropText() + "\nClick to see their journeys."));
                // the units that dropped off here are those that reached the previous step and not this one
                drop.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY) {
                        drillDown.accept(index - 1, Funnels.Outcome.DROPPED);
                    }
                });
            }
            drops.add(drop);

            StackPane bar = new StackPane();
            bar.getStyleClass().add("funnel-bar");
            bar.setId("funnel-bar-" + index);
            Label pct = new Label(b.percent());
            pct.getStyleClass().add("funnel-bar-percent");
            pct.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            StackPane.setAlignment(pct, Pos.TOP_CENTER);
            bar.getChildren().add(pct);
            Tooltip.install(bar, new Tooltip(b.tooltip()));
            bar.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    drillDown.accept(index, Funnels.Outcome.REACHED);
                }
            });
            MenuItem reached = new MenuItem("Show journeys that reached this step");
            reached.setOnAction(e -> drillDown.accept(index, Funnels.Outcome.REACHED));
            MenuItem dropped = new MenuItem("Show journeys that dropped off after this step");
            dropped.setOnAction(e -> drillDown.accept(index, Funnels.Outcome.DROPPED));
            dropped.setDisable(result.steps().get(index).dropoff() == 0);
            ContextMenu menu = new ContextMenu(reached, dropped);
            bar.setOnContextMenuRequested(e -> {
                menu.show(bar, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            bars.add(bar);

            Label name = new Label(b.label());
            name.getStyleClass().add("funnel-step-name");
            name.setTooltip(new Tooltip((index + 1) + ". " + result.steps().get(index).label()));
            names.add(name);
        }
        getChildren().addAll(drops);
        getChildren().addAll(bars);
        getChildren().addAll(names);
    }
}
