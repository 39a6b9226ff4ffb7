package org.journeyexplorer.ui.processmap;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
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
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.chart.ProcessMapGeometry;
import org.journeyexplorer.chart.ProcessMapLayout;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.ChartTooltip;
import org.journeyexplorer.ui.chart.FxTextMeasure;
import org.journeyexplorer.ui.chart.LayoutScheduler;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Paints and hit-tests the process map. The map is laid out in the background ({@link ProcessMapLayout}) whenever
 * its data or the theme's scale changes; the canvas is the size of the viewport and shows the map through a
 * zoom and a pan: drag or scroll to move, Ctrl + wheel to zoom around the pointer, {@link #fit()} to see it all.
 * Non-data colours come from CSS tokens; the dark theme sets {@code -je-heatmap-ramp: dark} for the boxes.
 */
public final class ProcessMapCanvas extends Region {
    /** Zoom range. */
    public static final double MIN_ZOOM = 0.15;
    public static final double MAX_ZOOM = 3;
    /**
     * The least zoom a new map is first shown at: below it the 12 px labels shrink under 10 px and can no longer
     * be read, so a map too tall for the viewport starts at this zoom, its top in view, and scrolls; Fit still
     * shows it all.
     */
    public static final double READABLE_ZOOM = 0.85;

    private static final StyleablePropertyFactory<ProcessMapCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    static final Font LABEL_FONT = Font.font(Font.getDefault().getFamily(), 12);
    private static final Font TITLE_FONT = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12);
    private static final Font SMALL_FONT = Font.font(Font.getDefault().getFamily(), 10);
    private static final Font EDGE_FONT = Font.font(Font.getDefault().getFamily(), 11);
    private static final FxTextMeasure HINT_MEASURE = new FxTextMeasure(SMALL_FONT);

    private final StyleableProperty<Paint> chartBackground = CSS.createStyleablePaintProperty(this,
            "chartBackground", "-je-chart-background", c -> c.chartBackground, Color.WHITE);
    private final StyleableProperty<Paint> chartText = CSS.createStyleablePaintProperty(this,
            "chartText", "-je-chart-text", c -> c.chartText, Color.web("#1d2127"));
    private final StyleableProperty<Paint> chartMuted = CSS.createStyleablePaintProperty(this,
            "chartMuted", "-je-chart-muted", c -> c.chartMuted, Color.web("#68707c"));
    private final StyleableProperty<HeatmapLayout.Ramp> ramp = CSS.createStyleableEnumProperty(this,
            "ramp", "-je-heatmap-ramp", c -> c.ramp, HeatmapLayout.Ramp.class, HeatmapLayout.Ramp.LIGHT);

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<ProcessMapData> data = new SimpleObjectProperty<>(this, "data");
    private final ReadOnlyObjectWrapper<ProcessMapGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    /** Pixels per map unit; NaN until the first fit. */
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", Double.NaN);
    private final LayoutScheduler scheduler = new LayoutScheduler();
    private final ChartTooltip tooltip = new ChartTooltip(this, 420); // made on the first hover
    private double tx;
    private double ty;
    private boolean fitPending = true;
    private Object laidOutKey;
    private int hoverNode = -1;
    private int hoverEdge = -1;
    private double dragX;
    private double dragY;
    private IntConsumer onNodeClicked = n -> {
    };
    private IntConsumer onEdgeClicked = e -> {
    };
    private Supplier<ContextMenu> backgroundMenu;
    private ContextMenu openMenu;

    public ProcessMapCanvas() {
        getStyleClass().add("process-map-canvas");
        getChildren().add(canvas);
        data.addListener(o -> requestLayout());
        ((ObservableValue<?>) ramp).addListener(o -> requestLayout());
        geometry.addListener((o, a, g) -> {
            if (g != null && (fitPending || a == null)) {
                fitPending = false;
                fit(true);
            }
            repaint();
        });
        zoom.addListener(o -> repaint());
        for (StyleableProperty<?> p : List.of(chartBackground, chartText, chartMuted)) {
            ((ObservableValue<?>) p).addListener(o -> repaint());
        }
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            tx += e.getX() - dragX;
            ty += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            tooltip.hide();
            repaint();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<ProcessMapData> dataProperty() {
        return data;
    }

    /** True while a layout of new data or a new size is being computed off the FX thread. */
    public javafx.beans.property.ReadOnlyBooleanProperty layoutPendingProperty() {
        return scheduler.pendingProperty();
    }

    public ReadOnlyObjectProperty<ProcessMapGeometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    public ProcessMapGeometry getGeometry() {
        return geometry.get();
    }

    /** Pixels per map unit. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public ReadOnlyStringProperty tooltipTextProperty() {
        return tooltip.textProperty();
    }

    /** Called with the data index of a clicked activity. */
    public void setOnNodeClicked(IntConsumer handler) {
        this.onNodeClicked = handler;
    }

    /** Called with the data index of a clicked path. */
    public void setOnEdgeClicked(IntConsumer handler) {
        this.onEdgeClicked = handler;
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
    public record Palette(Paint background, Paint text, Paint muted) {
        public SvgWriter.Style svgStyle() {
            return new SvgWriter.Style(ChartPaint.hex(background, "#ffffff"), ChartPaint.hex(text, "#1d2127"),
                    ChartPaint.hex(muted, "#68707c"), 0.45, SvgWriter.Style.light().font());
        }
    }

    public Palette palette() {
        return new Palette(chartBackground.getValue(), chartText.getValue(), chartMuted.getValue());
    }

    // ------------------------------------------------------------------ view transform

    /** Zooms so the whole map fits the viewport (never above 1.4×, where boxes get clumsy) and centres it. */
    public void fit() {
        fit(false);
    }

    /**
     * Fits the map. {@code readable}: as a new map is first shown, never below {@link #READABLE_ZOOM} unless the
     * map's width needs it; what does not fit then lies below the viewport, reached by scrolling.
     */
    private void fit(boolean readable) {
        ProcessMapGeometry g = geometry.get();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (g == null || w <= 0 || h <= 0) {
            fitPending = true;
            return;
        }
        double whole = Math.min(w / g.width(), h / g.height());
        double s = readable ? Math.max(whole, Math.min(READABLE_ZOOM, w / g.width())) : whole;
        s = Math.max(MIN_ZOOM, Math.min(1.4, s));
        tx = (w - g.width() * s) / 2;
        ty = Math.max(0, (h - g.height() * s) / 2);
        if (s == zoom.get()) {
            repaint();
        } else {
            zoom.set(s);
        }
    }

    /** Whether the whole map is in view at the current zoom and pan. */
    public boolean wholeMapInView() {
        ProcessMapGeometry g = geometry.get();
        if (g == null) {
            return true;
        }
        double s = scale();
        double slack = 0.5;
        return tx >= -slack && ty >= -slack && tx + g.width() * s <= canvas.getWidth() + slack
                && ty + g.height() * s <= canvas.getHeight() + slack;
    }

    /** Sets the zoom keeping the view point {@code (vx, vy)} in place. */
    public void zoomAround(double next, double vx, double vy) {
        double old = scale();
        next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, next));
        tx = vx - (vx - tx) * next / old;
        ty = vy - (vy - ty) * next / old;
        zoom.set(next);
    }

    private double scale() {
        double z = zoom.get();
        return Double.isNaN(z) ? 1 : z;
    }

    /** Map coordinates of a view point. */
    double[] toMap(double vx, double vy) {
        double s = scale();
        return new double[]{(vx - tx) / s, (vy - ty) / s};
    }

    /** View coordinates of a map point (tests click there). */
    public double[] toView(double mx, double my) {
        double s = scale();
        return new double[]{mx * s + tx, my * s + ty};
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
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            if (fitPending) {
                fit(true);
            }
            repaint();
        }
        ProcessMapData d = data.get();
        if (d == null) {
            if (laidOutKey != null) {
                laidOutKey = null;
                scheduler.cancel();
                geometry.set(null);
            }
            return;
        }
        HeatmapLayout.Ramp r = ramp.getValue();
        List<Object> key = List.of(d, r);
        if (!key.equals(laidOutKey)) {
            // a different set of activities is a new map: fit it; a re-annotation keeps the view
            ProcessMapData before = laidOutKey == null ? null : (ProcessMapData) ((List<?>) laidOutKey).get(0);
            if (before == null || !before.nodes().equals(d.nodes())) {
                fitPending = true;
            }
            laidOutKey = key;
            scheduler.submit(() -> layout(d, r), geometry::set);
        }
    }

    /** The layout the canvas uses, with the real label font. Safe off the FX thread. */
    static ProcessMapGeometry layout(ProcessMapData d, HeatmapLayout.Ramp ramp) {
        return ProcessMapLayout.layout(d, ProcessMapLayout.Options.defaults(), new FxTextMeasure(TITLE_FONT), ramp);
    }

    // ------------------------------------------------------------------ painting

    private void repaint() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        Palette p = palette();
        gc.setFill(p.background());
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        ProcessMapGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        gc.save();
        gc.translate(tx, ty);
        gc.scale(scale(), scale());
        paint(gc, g, p, hoverNode, hoverEdge);
        gc.restore();
        if (!wholeMapInView()) {
            // the first view of a tall map is cut at the bottom: say how to see the rest
            String hint = "More of the map outside the view: scroll or drag to move, Fit to see it all";
            gc.setFont(SMALL_FONT);
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.setTextBaseline(VPos.BOTTOM);
            double x = canvas.getWidth() - 8;
            double y = canvas.getHeight() - 6;
            double tw = HINT_MEASURE.width(hint);
            gc.setFill(p.background());
            gc.fillRect(x - tw - 4, y - 14, tw + 8, 16);
            gc.setFill(p.muted());
            gc.fillText(hint, x, y);
        }
    }

    /** Paints the whole map at its geometry positions; the hovered node and path are outlined. */
    static void paint(GraphicsContext gc, ProcessMapGeometry g, Palette p, int hoverNode, int hoverEdge) {
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            paintEdge(gc, e, ChartPaint.color(e.color()), e.thickness());
        }
        if (hoverEdge >= 0) {
            ProcessMapGeometry.EdgePath e = g.edges().get(hoverEdge);
            paintEdge(gc, e, p.text(), e.thickness() + 1.5);
        }
        gc.setFont(EDGE_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            if (!e.label().isEmpty()) {
                ChartPaint.haloText(gc, e.label(), e.labelX(), e.labelY(), p.muted(), p.background());
            }
        }
        gc.setTextAlign(TextAlignment.CENTER);
        for (ProcessMapGeometry.NodeBox b : g.nodes()) {
            boolean activity = b.stripe() != null;
            gc.setFill(ChartPaint.color(b.fill()));
            if (activity) {
                gc.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 12, 12);
                gc.setFill(ChartPaint.color(b.stripe()));
                gc.fillRect(b.x(), b.y() + 4, 4, b.h() - 8);
            } else {
                gc.fillOval(b.x(), b.y(), b.w(), b.h());
            }
            if (b.node() == hoverNode) {
                gc.setStroke(p.text());
                gc.setLineWidth(2);
                if (activity) {
                    gc.strokeRoundRect(b.x() - 1, b.y() - 1, b.w() + 2, b.h() + 2, 13, 13);
                } else {
                    gc.strokeOval(b.x() - 1, b.y() - 1, b.w() + 2, b.h() + 2);
                }
            }
            Color text = ChartPaint.color(b.text());
            gc.setFill(text);
            gc.setFont(activity ? TITLE_FONT : SMALL_FONT);
            gc.fillText(b.title(), b.centerX(), b.y() + b.h() * 0.38);
            gc.setFont(SMALL_FONT);
            gc.fillText(b.detail(), b.centerX(), b.y() + b.h() * 0.72);
        }
    }

    private static void paintEdge(GraphicsContext gc, ProcessMapGeometry.EdgePath e, Paint color, double width) {
        double[] pts = e.points();
        gc.setStroke(color);
        gc.setLineWidth(width);
        gc.beginPath();
        gc.moveTo(pts[0], pts[1]);
        for (int i = 2; i + 5 < pts.length; i += 6) {
            gc.bezierCurveTo(pts[i], pts[i + 1], pts[i + 2], pts[i + 3], pts[i + 4], pts[i + 5]);
        }
        gc.stroke();
        double[] a = e.arrow();
        gc.setFill(color);
        gc.fillPolygon(new double[]{pts[pts.length - 2], a[0], a[2]}, new double[]{pts[pts.length - 1], a[1], a[3]},
                3);
    }

    /** Paints the whole map with its caption for export. FX thread only. */
    public void paintForExport(GraphicsContext gc, ProcessMapGeometry g, ChartCaption caption) {
        Palette p = palette();
        gc.setFill(p.background());
        gc.fillRect(0, 0, g.width(), g.height() + ChartPaint.captionHeight(caption));
        paint(gc, g, p, -1, -1);
        ChartPaint.caption(gc, caption, g.height(), p.muted(), SMALL_FONT);
    }

    // ------------------------------------------------------------------ interaction

    private void hover(MouseEvent e) {
        ProcessMapGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        double[] m = toMap(e.getX(), e.getY());
        int node = g.nodeAt(m[0], m[1]);
        int edge = node >= 0 ? -1 : g.edgeAt(m[0], m[1]);
        if (node != hoverNode || edge != hoverEdge) {
            hoverNode = node;
            hoverEdge = edge;
            repaint();
        }
        tooltip.show(this, e, node >= 0 ? nodeText(g, node) : edge >= 0 ? edgeText(g, edge) : "");
    }

    static String nodeText(ProcessMapGeometry g, int node) {
        ProcessMapData d = g.data();
        ProcessMapData.Node n = d.nodes().get(node);
        return switch (n.kind()) {
            case START -> Formats.count(n.frequency()) + " cases (" + d.unit() + ") start here";
            case END -> Formats.count(n.frequency()) + " cases (" + d.unit() + ") end here";
            case ACTIVITY -> n.label() + "\n" + Formats.count(n.frequency()) + " events\nClick to see these journeys";
        };
    }

    static String edgeText(ProcessMapGeometry g, int edge) {
        ProcessMapData d = g.data();
        ProcessMapData.Link l = d.links().get(edge);
        StringBuilder b = new StringBuilder();
        b.append(d.nodes().get(l.from()).label()).append(" → ").append(d.nodes().get(l.to()).label()).append('\n');
        b.append(Formats.count(l.count())).append(l.count() == 1 ? " time" : " times");
        if (l.medianMicros() >= 0) {
            b.append(" · median ").append(Formats.duration(l.medianMicros()));
        }
        if (l.isLoop()) {
            b.append("\nRepeated right away");
        } else if (g.edges().get(edge).back()) {
            b.append("\nBack to an earlier activity (a loop)");
        }
        b.append("\nClick to see these journeys");
        return b.toString();
    }

    private void clearHover() {
        tooltip.clear();
        if (hoverNode >= 0 || hoverEdge >= 0) {
            hoverNode = -1;
            hoverEdge = -1;
            repaint();
        }
    }

    private void click(MouseEvent e) {
        if (!e.isStillSincePress()) {
            return; // the end of a drag
        }
        if (e.getButton() == MouseButton.SECONDARY && backgroundMenu != null) {
            if (openMenu != null) {
                openMenu.hide();
            }
            tooltip.hide();
            openMenu = backgroundMenu.get();
            openMenu.show(this, e.getScreenX(), e.getScreenY());
            e.consume();
            return;
        }
        ProcessMapGeometry g = geometry.get();
        if (e.getButton() != MouseButton.PRIMARY || g == null) {
            return;
        }
        double[] m = toMap(e.getX(), e.getY());
        int node = g.nodeAt(m[0], m[1]);
        if (node >= 0) {
            tooltip.hide();
            onNodeClicked.accept(node);
            return;
        }
        int edge = g.edgeAt(m[0], m[1]);
        if (edge >= 0) {
            tooltip.hide();
            onEdgeClicked.accept(edge);
        }
    }

    private void scroll(ScrollEvent e) {
        if (geometry.get() == null) {
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomAround(scale() * (e.getDeltaY() > 0 ? 1.15 : 1 / 1.15), e.getX(), e.getY());
        } else {
            tx += e.getDeltaX();
            ty += e.getDeltaY();
            repaint();
        }
        e.consume();
    }
}
