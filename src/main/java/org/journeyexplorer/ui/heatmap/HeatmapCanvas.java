package org.journeyexplorer.ui.heatmap;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.ChartTooltip;
import org.journeyexplorer.ui.chart.FxTextMeasure;
import org.journeyexplorer.ui.chart.LayoutScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Paints and hit-tests the transitions heatmap. One {@link Canvas} the size of the viewport plus two scroll bars:
 * only visible cells are painted, row labels stay at the left and rotated column labels at the top while the grid
 * scrolls, so 200 event types stay readable without a canvas the size of the whole matrix. Mouse wheel scrolls,
 * Ctrl + wheel zooms around the pointer. Layout ({@link HeatmapLayout}) runs in the background whenever data, mode,
 * order or cell size change. Non-data colours come from CSS tokens.
 */
public final class HeatmapCanvas extends Region {

    /** Cell sizes the zoom allows. */
    public static final double MIN_CELL = HeatmapLayout.MIN_CELL;
    public static final double MAX_CELL = HeatmapLayout.MAX_CELL;

    private static final StyleablePropertyFactory<HeatmapCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    static final Font LABEL_FONT = Font.font(Font.getDefault().getFamily(), 12);
    private static final Font SMALL_FONT = Font.font(Font.getDefault().getFamily(), 10);

    private final StyleableProperty<Paint> chartBackground = CSS.createStyleablePaintProperty(this,
            "chartBackground", "-je-chart-background", c -> c.chartBackground, Color.WHITE);
    private final StyleableProperty<Paint> chartText = CSS.createStyleablePaintProperty(this,
            "chartText", "-je-chart-text", c -> c.chartText, Color.web("#1d2127"));
    private final StyleableProperty<Paint> chartMuted = CSS.createStyleablePaintProperty(this,
            "chartMuted", "-je-chart-muted", c -> c.chartMuted, Color.web("#68707c"));
    private final StyleableProperty<Paint> emptyCell = CSS.createStyleablePaintProperty(this,
            "emptyCell", "-je-chart-grid", c -> c.emptyCell, Color.web("#eceef1"));
    /** The colour scale: the dark theme sets {@code dark} so rare cells are dark and frequent ones bright. */
    private final StyleableProperty<HeatmapLayout.Ramp> ramp = CSS.createStyleableEnumProperty(this,
            "ramp", "-je-heatmap-ramp", c -> c.ramp, HeatmapLayout.Ramp.class, HeatmapLayout.Ramp.LIGHT);

    private final Canvas canvas = new Canvas();
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private final ObjectProperty<HeatmapData> data = new SimpleObjectProperty<>(this, "data");
    private final ObjectProperty<HeatmapLayout.Mode> mode =
            new SimpleObjectProperty<>(this, "mode", HeatmapLayout.Mode.PROBABILITY);
    private final ObjectProperty<HeatmapLayout.Order> order =
            new SimpleObjectProperty<>(this, "order", HeatmapLayout.Order.FREQUENCY);
    /** Requested cell size; NaN = fit the viewport. */
    private final DoubleProperty cellSize = new SimpleDoubleProperty(this, "cellSize", Double.NaN);
    private final ReadOnlyDoubleWrapper effectiveCellSize = new ReadOnlyDoubleWrapper(this, "effectiveCellSize");
    private final ReadOnlyObjectWrapper<HeatmapGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    private final LayoutScheduler scheduler = new LayoutScheduler();
    private final ChartTooltip tooltip = new ChartTooltip(this);
    private BiConsumer<Integer, Integer> onCellClicked = (r, c) -> {
    };
    private Supplier<ContextMenu> backgroundMenu;
    private ContextMenu openMenu;
    private Object laidOutKey;
    private HeatmapGeometry.Cell hover;
    /** Paints so far (tests check that new times alone repaint nothing). */
    private long paints;

    public HeatmapCanvas() {
        getStyleClass().add("heatmap-canvas");
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, hbar, vbar);
        hbar.valueProperty().addListener(o -> repaint());
        vbar.valueProperty().addListener(o -> repaint());
        data.addListener(o -> requestLayout());
        mode.addListener(o -> requestLayout());
        order.addListener(o -> requestLayout());
        cellSize.addListener(o -> requestLayout());
        geometry.addListener((o, a, g) -> {
            if (g != null) {
                effectiveCellSize.set(g.cellSize());
                if (g.paintsLike(a)) {
                    // only the times behind the tooltips changed (the medians after the counts): the picture stands
                    if (hover != null) {
                        hover = g.cells().get(a.cells().indexOf(hover)); // the equal cell of the new geometry
                    }
                    return;
                }
            }
            requestLayout();
            repaint();
        });
        ((ObservableValue<?>) ramp).addListener(o -> requestLayout());
        for (StyleableProperty<?> p : List.of(chartBackground, chartText, chartMuted, emptyCell)) {
            ((ObservableValue<?>) p).addListener(o -> repaint());
        }
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<HeatmapData> dataProperty() {
        return data;
    }

    public ObjectProperty<HeatmapLayout.Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<HeatmapLayout.Order> orderProperty() {
        return order;
    }

    /** Requested cell size in pixels; NaN fits the matrix into the viewport. */
    public DoubleProperty cellSizeProperty() {
        return cellSize;
    }

    /** The cell size in use (the fitted one when {@link #cellSizeProperty()} is NaN). */
    public ReadOnlyDoubleProperty effectiveCellSizeProperty() {
        return effectiveCellSize.getReadOnlyProperty();
    }

    /** True while a layout of new data or a new size is being computed off the FX thread. */
    public javafx.beans.property.ReadOnlyBooleanProperty layoutPendingProperty() {
        return scheduler.pendingProperty();
    }

    public ReadOnlyObjectProperty<HeatmapGeometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    public HeatmapGeometry getGeometry() {
        return geometry.get();
    }

    long paints() {
        return paints;
    }

    public ReadOnlyStringProperty tooltipTextProperty() {
        return tooltip.textProperty();
    }

    /** Called with (data row, data column) when a cell is clicked. */
    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) {
        this.onCellClicked = handler;
    }

    public void setBackgroundMenu(Supplier<ContextMenu> menu) {
        this.backgroundMenu = menu;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }

    /** Resolved non-data colours. */
    public record Palette(Paint background, Paint text, Paint muted, Paint empty) {
        public SvgWriter.Style svgStyle() {
            return new SvgWriter.Style(ChartPaint.hex(background, "#ffffff"), ChartPaint.hex(text, "#1d2127"),
                    ChartPaint.hex(muted, "#68707c"), 0.45, SvgWriter.Style.light().font());
        }
    }

    public Palette palette() {
        return new Palette(chartBackground.getValue(), chartText.getValue(), chartMuted.getValue(),
                emptyCell.getValue());
    }

    // ------------------------------------------------------------------ layout

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        HeatmapGeometry g = geometry.get();
        double sb = 12;
        boolean needH = g != null && g.width() > w;
        boolean needV = g != null && g.height() > h - (needH ? sb : 0);
        needH = g != null && g.width() > w - (needV ? sb : 0);
        double vw = w - (needV ? sb : 0);
        double vh = h - (needH ? sb : 0);
        hbar.setVisible(needH);
        vbar.setVisible(needV);
        hbar.resizeRelocate(0, vh, vw, sb);
        vbar.resizeRelocate(vw, 0, sb, vh);
        if (g != null) {
            hbar.setMax(Math.max(0, g.width() - vw));
            vbar.setMax(Math.max(0, g.height() - vh));
            hbar.setVisibleAmount(vw / Math.max(1, g.width()) * hbar.getMax());
            vbar.setVisibleAmount(vh / Math.max(1, g.height()) * vbar.getMax());
            hbar.setUnitIncrement(g.cellSize());
            vbar.setUnitIncrement(g.cellSize());
            hbar.setBlockIncrement(vw * 0.8);
            vbar.setBlockIncrement(vh * 0.8);
        }
        if (canvas.getWidth() != vw || canvas.getHeight() != vh) {
            canvas.setWidth(Math.max(0, vw));
            canvas.setHeight(Math.max(0, vh));
            repaint();
        }
        HeatmapData d = data.get();
        if (d == null) {
            if (laidOutKey != null) {
                laidOutKey = null;
                scheduler.cancel();
                geometry.set(null);
            }
            return;
        }
        boolean fit = Double.isNaN(cellSize.get());
        double asked = fit ? Double.NaN : Math.max(MIN_CELL, Math.min(MAX_CELL, Math.round(cellSize.get())));
        HeatmapLayout.Ramp r = ramp.getValue();
        // fitting depends on the viewport; a fixed cell size does not
        List<Object> key = fit ? List.of(d, mode.get(), order.get(), r, "fit", w, h)
                : List.of(d, mode.get(), order.get(), r, asked);
        if (!key.equals(laidOutKey) && w > 0 && h > 0) {
            laidOutKey = key;
            HeatmapLayout.Mode m = mode.get();
            HeatmapLayout.Order o = order.get();
            scheduler.submit(() -> layout(d, m, o, fit ? fitCell(d, w, h) : asked, r), geometry::set);
        }
    }

    /** The layout the canvas uses, with the real label font. Safe off the FX thread. */
    static HeatmapGeometry layout(HeatmapData d, HeatmapLayout.Mode m, HeatmapLayout.Order o, double cell,
                                  HeatmapLayout.Ramp ramp) {
        return HeatmapLayout.layout(d, m, o, cell, new FxTextMeasure(LABEL_FONT), 12, ramp);
    }

    /** The largest cell size at which the whole matrix, labels and legend fit {@code w × h}. Off the FX thread. */
    static double fitCell(HeatmapData d, double w, double h) {
        return HeatmapLayout.fitCellSize(d, w, h, new FxTextMeasure(LABEL_FONT), 12);
    }

    // ------------------------------------------------------------------ painting

    private void repaint() {
        paints++;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        Palette p = palette();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.setFill(p.background());
        gc.fillRect(0, 0, w, h);
        HeatmapGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        double sx = hbar.isVisible() ? hbar.getValue() : 0;
        double sy = vbar.isVisible() ? vbar.getValue() : 0;
        paintView(gc, g, p, sx, sy, w, h, hover);
    }

    /**
     * Paints the viewport {@code (sx, sy, w, h)} of the chart: cells scroll, row labels keep to the left, column
     * labels to the top and the legend to the right.
     */
    static void paintView(GraphicsContext gc, HeatmapGeometry g, Palette p, double sx, double sy, double w, double h,
                          HeatmapGeometry.Cell hover) {
        double cs = g.cellSize();
        // the space right of the grid holds the legend; while the grid runs past the viewport's right edge, that
        // space is a fixed strip at the edge, so the legend sits beside the visible columns instead of over them
        double strip = g.width() - (g.gridX() + g.cols() * cs);
        boolean pinned = g.width() - sx > w + 0.5;
        double gridRight = pinned ? Math.max(g.gridX(), w - strip) : w;
        int r0 = Math.max(0, (int) Math.floor((sy) / cs));
        int r1 = Math.min(g.rows(), (int) Math.ceil((sy + h - g.gridY()) / cs) + 1);
        int c0 = Math.max(0, (int) Math.floor((sx) / cs));
        int c1 = Math.min(g.cols(), (int) Math.ceil((sx + gridRight - g.gridX()) / cs) + 1);
        // Cells clipped to the grid area, row labels to theirs, column labels to theirs, when the grid is scrolled or
        // runs past the viewport. A whole grid in view needs no clip; a canvas clip is costly (each one renders
        // into a mask layer and blends it back, on the render thread at every paint).
        boolean clip = sx != 0 || sy != 0 || g.gridX() + g.cols() * cs > gridRight + 0.5
                || g.gridY() + g.rows() * cs > h + 0.5;
        gc.save();
        if (clip) {
            gc.beginPath();
            gc.rect(g.gridX(), g.gridY(), Math.max(0, gridRight - g.gridX()), Math.max(0, h - g.gridY()));
            gc.clip();
        }
        gc.translate(-sx, -sy);
        paintCells(gc, g, p, r0, r1, c0, c1, hover);
        gc.restore();
        // row labels: fixed x, scroll with y
        gc.save();
        if (clip) {
            gc.beginPath();
            gc.rect(0, g.gridY(), g.gridX(), Math.max(0, h - g.gridY()));
            gc.clip();
        }
        gc.translate(0, -sy);
        paintRowLabels(gc, g, p, r0, r1, hover);
        gc.restore();
        // column labels: fixed y, scroll with x
        gc.save();
        if (clip) {
            gc.beginPath();
            gc.rect(g.gridX() - 4, 0, Math.max(0, gridRight - g.gridX() + 4), g.gridY());
            gc.clip();
        }
        gc.translate(-sx, 0);
        paintColLabels(gc, g, p, c0, c1, hover);
        gc.restore();
        paintCorner(gc, g, p);
        HeatmapGeometry.Legend lg = g.legend();
        double dx = pinned ? gridRight + (lg.x() - (g.gridX() + g.cols() * cs)) - lg.x() : -sx;
        double dy = Math.min(0, h - (lg.y() + lg.h() + 8));
        gc.save();
        if (pinned) {
            gc.setFill(p.background());
            gc.fillRect(gridRight, 0, w - gridRight, h);
        }
        gc.translate(dx, Math.max(dy, -sy));
        paintLegend(gc, g, p);
        gc.restore();
    }

    /** Paints the whole chart at its geometry positions (for export). */
    static void paintAll(GraphicsContext gc, HeatmapGeometry g, Palette p) {
        gc.setFill(p.background());
        gc.fillRect(0, 0, g.width(), g.height());
        paintCells(gc, g, p, 0, g.rows(), 0, g.cols(), null);
        paintRowLabels(gc, g, p, 0, g.rows(), null);
        paintColLabels(gc, g, p, 0, g.cols(), null);
        paintCorner(gc, g, p);
        paintLegend(gc, g, p);
    }

    private static void paintCells(GraphicsContext gc, HeatmapGeometry g, Palette p, int r0, int r1, int c0, int c1,
                                   HeatmapGeometry.Cell hover) {
        double cs = g.cellSize();
        double gap = cs >= 8 ? 1 : 0;
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                HeatmapGeometry.Cell cell = g.cells().get(r * g.cols() + c);
                gc.setFill(cell.color() == null ? p.empty() : ChartPaint.color(cell.color()));
                gc.fillRect(cell.x(), cell.y(), cs - gap, cs - gap);
                if (cell.text() != null) {
                    gc.setFill(Color.web(SvgWriter.textOn(cell.color())));
                    gc.fillText(cell.text(), cell.x() + (cs - gap) / 2, cell.y() + (cs - gap) / 2);
                }
            }
        }
        if (hover != null) {
            gc.setStroke(p.text());
            gc.setLineWidth(2);
            gc.strokeRect(hover.x() - 1, hover.y() - 1, cs + 1 - gap, cs + 1 - gap);
        }
    }

    private static void paintRowLabels(GraphicsContext gc, HeatmapGeometry g, Palette p, int r0, int r1,
                                       HeatmapGeometry.Cell hover) {
        if (g.rowLabels().isEmpty()) {
            return;
        }
        Font plain = Font.font(LABEL_FONT.getFamily(), g.fontSize());
        Font bold = Font.font(LABEL_FONT.getFamily(), javafx.scene.text.FontWeight.BOLD, g.fontSize());
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = r0; r < r1; r++) {
            HeatmapGeometry.AxisLabel l = g.rowLabels().get(r);
            boolean lit = hover != null && hover.row() == l.index();
            gc.setFill(r == 0 || g.data().isOther(l.index() - 1) ? p.muted() : p.text());
            gc.setFont(lit ? bold : plain);
            gc.fillText(l.text(), l.x(), l.y());
        }
    }

    private static void paintColLabels(GraphicsContext gc, HeatmapGeometry g, Palette p, int c0, int c1,
                                       HeatmapGeometry.Cell hover) {
        if (g.colLabels().isEmpty()) {
            return;
        }
        Font plain = Font.font(LABEL_FONT.getFamily(), g.fontSize());
        Font bold = Font.font(LABEL_FONT.getFamily(), javafx.scene.text.FontWeight.BOLD, g.fontSize());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int c = c0; c < c1; c++) {
            HeatmapGeometry.AxisLabel l = g.colLabels().get(c);
            boolean lit = hover != null && hover.col() == l.index();
            gc.setFill(c == g.cols() - 1 || g.data().isOther(l.index()) ? p.muted() : p.text());
            gc.setFont(lit ? bold : plain);
            gc.save();
            gc.translate(l.x(), l.y());
            gc.rotate(g.colLabelAngle());
            gc.fillText(l.text(), 0, 0);
            gc.restore();
        }
    }

    private static void paintCorner(GraphicsContext gc, HeatmapGeometry g, Palette p) {
        gc.setFont(SMALL_FONT);
        gc.setFill(p.muted());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText("event ↓   next event →", 10, 10);
    }

    private static void paintLegend(GraphicsContext gc, HeatmapGeometry g, Palette p) {
        HeatmapGeometry.Legend lg = g.legend();
        List<Stop> stops = new ArrayList<>();
        for (HeatmapGeometry.Stop s : lg.stops()) {
            stops.add(new Stop(1 - s.fraction(), ChartPaint.color(s.color())));
        }
        stops.sort((a, b) -> Double.compare(a.getOffset(), b.getOffset()));
        gc.setFill(new LinearGradient(0, lg.y(), 0, lg.y() + lg.h(), false, CycleMethod.NO_CYCLE, stops));
        gc.fillRect(lg.x(), lg.y(), lg.w(), lg.h());
        gc.setFont(SMALL_FONT);
        gc.setFill(p.muted());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BASELINE);
        gc.fillText(lg.title(), lg.x(), lg.y() - 8);
        gc.setTextBaseline(VPos.CENTER);
        for (HeatmapGeometry.Tick t : lg.ticks()) {
            gc.fillText(t.text(), lg.x() + lg.w() + 6, t.y());
        }
    }

    /** Paints the whole chart with its caption for export. FX thread only. */
    public void paintForExport(GraphicsContext gc, HeatmapGeometry g, ChartCaption caption) {
        Palette p = palette();
        gc.setFill(p.background());
        gc.fillRect(0, 0, g.width(), g.height() + ChartPaint.captionHeight(caption));
        paintAll(gc, g, p);
        ChartPaint.caption(gc, caption, g.height(), p.muted(), SMALL_FONT);
    }

    // ------------------------------------------------------------------ interaction

    private double sx() {
        return hbar.isVisible() ? hbar.getValue() : 0;
    }

    private double sy() {
        return vbar.isVisible() ? vbar.getValue() : 0;
    }

    /** The cell under a viewport point, or null (labels and legend are not cells). */
    HeatmapGeometry.Cell cellAtView(double x, double y) {
        HeatmapGeometry g = geometry.get();
        if (g == null || x < g.gridX() || y < g.gridY()) {
            return null;
        }
        double strip = g.width() - (g.gridX() + g.cols() * g.cellSize());
        if (g.width() - sx() > canvas.getWidth() + 0.5 && x >= canvas.getWidth() - strip) {
            return null; // the pinned legend strip
        }
        return g.cellAt(x + sx(), y + sy());
    }

    private void hover(MouseEvent e) {
        HeatmapGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        HeatmapGeometry.Cell cell = cellAtView(e.getX(), e.getY());
        String text = cell != null ? cellText(g, cell) : labelText(g, e.getX(), e.getY());
        if (cell != hover) {
            hover = cell;
            repaint();
        }
        tooltip.show(this, e, text);
    }

    private String labelText(HeatmapGeometry g, double x, double y) {
        if (x < g.gridX() && y >= g.gridY() && !g.rowLabels().isEmpty()) {
            int r = (int) ((y + sy() - g.gridY()) / g.cellSize());
            if (r >= 0 && r < g.rows()) {
                HeatmapData d = g.data();
                int row = g.rowOrder()[r];
                String members = row > 0 && d.isOther(row - 1) ? "\n" + members(d.otherMembers()) : "";
                return g.rowLabels().get(r).fullText() + "\n" + Formats.count(d.rowTotal(row)) + " "
                        + (row == 0 ? "sessions" : "occurrences followed by something or END") + members;
            }
        }
        return "";
    }

    /** The grouped types of "Other", the first dozen by frequency. */
    private static String members(List<String> names) {
        int shown = Math.min(12, names.size());
        return "Groups " + String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
    }

    static String cellText(HeatmapGeometry g, HeatmapGeometry.Cell c) {
        HeatmapData d = g.data();
        String from = d.rowLabel(c.row());
        String to = d.colLabel(c.col());
        long total = d.rowTotal(c.row());
        StringBuilder b = new StringBuilder();
        b.append(from).append(" → ").append(to).append('\n');
        b.append(Formats.count(c.count())).append(' ').append(d.unit()).append(" · ")
                .append(Formats.percent(c.count(), total)).append(" of what follows ").append(from);
        long med = d.median(c.row(), c.col());
        if (d.timesPending() && c.count() > 0 && c.row() > 0 && c.col() < d.typeCount()
                && !d.isOther(c.row() - 1) && !d.isOther(c.col())) {
            b.append("\nMedian time between: computing…");
        } else if (med >= 0) {
            b.append("\nMedian time between: ").append(Formats.duration(med));
            long p90 = d.p90(c.row(), c.col());
            if (p90 >= 0) {
                b.append(" · 90% within ").append(Formats.duration(p90));
            }
        }
        if (c.count() > 0) {
            b.append("\nClick to see these sessions");
        }
        return b.toString();
    }

    private void clearHover() {
        tooltip.clear();
        if (hover != null) {
            hover = null;
            repaint();
        }
    }

    private void click(MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress() && backgroundMenu != null) {
            if (openMenu != null) {
                openMenu.hide();
            }
            tooltip.hide();
            openMenu = backgroundMenu.get();
            openMenu.show(this, e.getScreenX(), e.getScreenY());
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        HeatmapGeometry.Cell cell = cellAtView(e.getX(), e.getY());
        if (cell != null && cell.count() > 0) {
            tooltip.hide();
            onCellClicked.accept(cell.row(), cell.col());
        }
    }

    private void scroll(ScrollEvent e) {
        HeatmapGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            double old = effectiveCellSize.get();
            double next = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.round(old * (e.getDeltaY() > 0 ? 1.15 : 0.87))));
            if (next != old) {
                // Keep the content under the pointer in place.
                double ratio = next / old;
                double px = e.getX() - g.gridX();
                double py = e.getY() - g.gridY();
                double nsx = (sx() + px) * ratio - px;
                double nsy = (sy() + py) * ratio - py;
                cellSize.set(next);
                geometryProperty().addListener(new javafx.beans.InvalidationListener() {
                    @Override
                    public void invalidated(javafx.beans.Observable o) {
                        geometryProperty().removeListener(this);
                        layout();
                        hbar.setValue(Math.max(0, Math.min(hbar.getMax(), nsx)));
                        vbar.setValue(Math.max(0, Math.min(vbar.getMax(), nsy)));
                    }
                });
            }
        } else {
            if (vbar.isVisible() && e.getDeltaY() != 0) {
                vbar.setValue(Math.max(0, Math.min(vbar.getMax(), vbar.getValue() - e.getDeltaY())));
            }
            if (hbar.isVisible() && e.getDeltaX() != 0) {
                hbar.setValue(Math.max(0, Math.min(hbar.getMax(), hbar.getValue() - e.getDeltaX())));
            }
        }
        e.consume();
    }
}
