package org.journeyexplorer.ui.flows;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
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
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.chart.SankeyLayout;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.ChartTooltip;
import org.journeyexplorer.ui.chart.FxTextMeasure;
import org.journeyexplorer.ui.chart.LayoutScheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Paints and hit-tests a Sankey chart. Holds one {@link Canvas}; on resize or new data it lays the chart out in the
 * background ({@link SankeyLayout}) and repaints when the geometry arrives. Non-data colours come from CSS
 * ({@code -je-chart-background}, {@code -je-chart-text}, {@code -je-chart-muted}, {@code -je-dropoff-color},
 * {@code -je-continuing-color}, {@code -je-link-opacity}); data colours come from the geometry.
 */
public final class SankeyCanvas extends Region {

    /** What the chart's menus ask the owner to do. */
    public interface Actions {
        void startAt(String label);

        void endAt(String label);

        void hide(String label);

        void drillNode(int node);

        void drillLink(int link);

        /** Shows the next-step predictions after this path (event labels in journey order). */
        default void predictAfter(java.util.List<String> path) {
        }
    }

    private static final StyleablePropertyFactory<SankeyCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    static final Font LABEL_FONT = Font.font(Font.getDefault().getFamily(), 12);
    private static final Font HEADER_FONT = Font.font(Font.getDefault().getFamily(), 11);

    private final StyleableProperty<Paint> chartBackground = CSS.createStyleablePaintProperty(this,
            "chartBackground", "-je-chart-background", c -> c.chartBackground, Color.WHITE);
    private final StyleableProperty<Paint> chartText = CSS.createStyleablePaintProperty(this,
            "chartText", "-je-chart-text", c -> c.chartText, Color.web("#1d2127"));
    private final StyleableProperty<Paint> chartMuted = CSS.createStyleablePaintProperty(this,
            "chartMuted", "-je-chart-muted", c -> c.chartMuted, Color.web("#68707c"));
    private final StyleableProperty<Paint> dropOffColor = CSS.createStyleablePaintProperty(this,
            "dropOffColor", "-je-dropoff-color", c -> c.dropOffColor, Color.web("#d9534f"));
    private final StyleableProperty<Paint> continuingColor = CSS.createStyleablePaintProperty(this,
            "continuingColor", "-je-continuing-color", c -> c.continuingColor, Color.web("#9ca3af"));
    private final StyleableProperty<Number> linkOpacity = CSS.createStyleableNumberProperty(this,
            "linkOpacity", "-je-link-opacity", c -> c.linkOpacity, 0.45);

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<SankeyData> data = new SimpleObjectProperty<>(this, "data");
    private final ReadOnlyObjectWrapper<SankeyGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    private final LayoutScheduler scheduler = new LayoutScheduler();
    private final ChartTooltip tooltip = new ChartTooltip(this, 420); // made on the first hover
    private ContextMenu openMenu;
    private PopOver openPopOver;
    private Actions actions;
    private Supplier<ContextMenu> backgroundMenu;
    private double laidOutW = -1;
    private double laidOutH = -1;
    private SankeyData laidOutData;
    private double laidOutMaxScale = Double.POSITIVE_INFINITY;
    /** Most pixels per journey; charts compared side by side share one (see {@link SankeyLayout#fitScale}). */
    private final javafx.beans.property.DoubleProperty maxScale =
            new javafx.beans.property.SimpleDoubleProperty(this, "maxScale", Double.POSITIVE_INFINITY);
    private int hoverNode = -1;
    private int hoverLink = -1;
    /** True while the geometry is swapped for one whose data differs only in medians: nothing to repaint. */
    private boolean mediansOnly;

    public SankeyCanvas() {
        maxScale.addListener(o -> layOutNow());
        getStyleClass().add("sankey-canvas");
        getChildren().add(canvas);
        data.addListener((o, a, b) -> layOutNow());
        for (StyleableProperty<?> p : List.of(chartBackground, chartText, chartMuted, dropOffColor, continuingColor,
                linkOpacity)) {
            ((ObservableValue<?>) p).addListener(o -> repaint());
        }
        geometry.addListener(o -> {
            if (!mediansOnly) {
                repaint();
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<SankeyData> dataProperty() {
        return data;
    }

    /** Most pixels per journey (infinite: fill the height); setting it lays the chart out again. */
    public javafx.beans.property.DoubleProperty maxScaleProperty() {
        return maxScale;
    }

    public void setData(SankeyData d) {
        data.set(d);
    }

    /** The current layout, or null before the first one arrives. */
    /** True while a layout of new data or a new size is being computed off the FX thread. */
    public javafx.beans.property.ReadOnlyBooleanProperty layoutPendingProperty() {
        return scheduler.pendingProperty();
    }

    public ReadOnlyObjectProperty<SankeyGeometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    public SankeyGeometry getGeometry() {
        return geometry.get();
    }

    /** Text of the tooltip for the hovered mark ("" when nothing is hovered). */
    public ReadOnlyStringProperty tooltipTextProperty() {
        return tooltip.textProperty();
    }

    public Tooltip getTooltip() {
        return tooltip.tooltip();
    }

    public void setActions(Actions actions) {
        this.actions = actions;
    }

    /** Menu for a right-click on the background (exports). */
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

    /** Current CSS colours, for painting and for the SVG export. */
    public Palette palette() {
        return new Palette(chartBackground.getValue(), chartText.getValue(), chartMuted.getValue(),
                dropOffColor.getValue(), continuingColor.getValue(), linkOpacity.getValue().doubleValue());
    }

    /** Resolved non-data colours. */
    public record Palette(Paint background, Paint text, Paint muted, Paint dropOff, Paint continuing,
                          double linkOpacity) {
        public SvgWriter.Style svgStyle() {
            return new SvgWriter.Style(ChartPaint.hex(background, "#ffffff"), ChartPaint.hex(text, "#1d2127"),
                    ChartPaint.hex(muted, "#68707c"), linkOpacity, SvgWriter.Style.light().font());
        }
    }

    // ------------------------------------------------------------------ layout and paint

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            repaint();
        }
        layOut(w, h);
    }

    /**
     * New data or a new scale cap: laid out at once at the size the canvas has now, rather than by the next pulse,
     * which first styles and lays out what came with the data (the pickers' new lists) and need not be waited for
     * (issue 16: the first Sankey of a project opening). A size that pulse changes lays it out again; a cap set right
     * after the data (Compare shares one between its two charts) supersedes the layout started for the data.
     */
    private void layOutNow() {
        if (getWidth() > 0 && getHeight() > 0) {
            layOut(snapSizeX(getWidth()), snapSizeY(getHeight()));
        }
        requestLayout();
    }

    /** Starts the layout of the data at {@code w} × {@code h} unless the current one is of these already. */
    private void layOut(double w, double h) {
        SankeyData d = data.get();
        double cap = maxScale.get();
        SankeyGeometry g = geometry.get();
        if (d != laidOutData && d != null && w == laidOutW && h == laidOutH && cap == laidOutMaxScale && g != null
                && g.data() == laidOutData && d.sameChart(laidOutData)) {
            // the medians of the flow shown on its counts (issue 16): the chart is the same, the tooltips are new
            laidOutData = d;
            mediansOnly = true;
            try {
                geometry.set(g.withData(d));
            } finally {
                mediansOnly = false;
            }
            return;
        }
        if (w > 0 && h > 0 && (w != laidOutW || h != laidOutH || d != laidOutData || cap != laidOutMaxScale)) {
            laidOutW = w;
            laidOutH = h;
            laidOutData = d;
            laidOutMaxScale = cap;
            if (d == null) {
                scheduler.cancel();
                geometry.set(null);
            } else {
                scheduler.submit(() -> layout(d, w, h, cap), geometry::set);
            }
        }
    }

    /** The layout the canvas uses, with the real label font. Safe off the FX thread. */
    static SankeyGeometry layout(SankeyData d, double w, double h) {
        return layout(d, w, h, Double.POSITIVE_INFINITY);
    }

    static SankeyGeometry layout(SankeyData d, double w, double h, double maxScale) {
        SankeyLayout.Options o = SankeyLayout.Options.defaults();
        return SankeyLayout.layout(d, w, h, o, new FxTextMeasure(LABEL_FONT), maxScale);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 560;
    }

    private void repaint() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        SankeyGeometry g = geometry.get();
        Palette p = palette();
        gc.setFill(p.background());
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (g != null) {
            paint(gc, g, p, hoverNode, hoverLink);
            if (!g.data().nodes().isEmpty()) {
                org.journeyexplorer.ui.StartupTiming.chartPainted("Sankey");
            }
        }
    }

    /** Paints a chart; used for the screen and, at 2×, for PNG export, so both show the same thing. */
    public static void paint(GraphicsContext gc, SankeyGeometry g, Palette p, int hoverNode, int hoverLink) {
        SankeyData data = g.data();
        gc.setFill(p.background());
        gc.fillRect(0, 0, g.width(), g.height());

        gc.setFont(HEADER_FONT);
        gc.setFill(p.muted());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BASELINE);
        for (SankeyGeometry.Header h : g.headers()) {
            gc.setTextAlign(h.alignRight() ? TextAlignment.RIGHT : TextAlignment.LEFT);
            gc.fillText(h.text(), h.x(), h.y());
        }

        boolean focus = hoverNode >= 0 || hoverLink >= 0;
        List<SankeyGeometry.Ribbon> ribbons = new ArrayList<>(g.ribbons());
        ribbons.sort(Comparator.comparingDouble(SankeyGeometry.Ribbon::thickness).reversed());
        for (SankeyGeometry.Ribbon r : ribbons) {
            SankeyData.Link l = data.links().get(r.link());
            boolean lit = r.link() == hoverLink || l.from() == hoverNode || l.to() == hoverNode;
            double opacity = !focus ? p.linkOpacity() : lit ? Math.min(0.85, p.linkOpacity() + 0.3)
                    : p.linkOpacity() * 0.35;
            gc.setFill(ChartPaint.withOpacity(r.color(), opacity));
            ribbonPath(gc, r);
            gc.fill();
        }

        for (SankeyGeometry.Stub s : g.stubs()) {
            Color base = (Color) (s.continuing() ? asColor(p.continuing()) : asColor(p.dropOff()));
            Color solid = new Color(base.getRed(), base.getGreen(), base.getBlue(), 0.75);
            Color clear = new Color(base.getRed(), base.getGreen(), base.getBlue(), 0);
            double x0 = s.leftSide() ? s.x() - s.length() : s.x();
            gc.setFill(new LinearGradient(s.x(), 0, s.leftSide() ? x0 : s.x() + s.length(), 0, false,
                    CycleMethod.NO_CYCLE, new Stop(0, solid), new Stop(1, clear)));
            gc.fillRect(x0, s.y(), s.length(), Math.max(0.5, s.h()));
        }

        for (SankeyGeometry.NodeBox b : g.nodes()) {
            gc.setFill(ChartPaint.color(b.color()));
            double h = Math.max(1, b.h());
            gc.fillRect(b.x(), b.y(), b.w(), h);
            if (b.repeat()) {
                gc.setStroke(p.text());
                gc.setLineWidth(1);
                gc.setLineDashes(3, 2);
                gc.strokeRect(b.x() + 0.5, b.y() + 0.5, b.w() - 1, Math.max(0, h - 1));
                gc.setLineDashes((double[]) null);
            }
            if (b.node() == hoverNode) {
                gc.setStroke(p.text());
                gc.setLineWidth(2);
                gc.strokeRect(b.x() - 1, b.y() - 1, b.w() + 2, h + 2);
            }
        }

        gc.setFont(HEADER_FONT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        for (SankeyGeometry.Key k : g.keys()) {
            switch (k.kind()) {
                case DROP_OFF -> {
                    gc.setFill(p.dropOff());
                    gc.fillRect(k.x(), k.y(), 10, 10);
                }
                case CONTINUING -> {
                    gc.setFill(p.continuing());
                    gc.fillRect(k.x(), k.y(), 10, 10);
                }
                case LOOP -> {
                    gc.setStroke(p.text());
                    gc.setLineWidth(1);
                    gc.setLineDashes(3, 2);
                    gc.strokeRect(k.x() + 0.5, k.y() + 0.5, 9, 9);
                    gc.setLineDashes((double[]) null);
                }
            }
            gc.setFill(p.muted());
            gc.fillText(k.text(), k.x() + 16, k.y() + 5);
        }

        gc.setFont(LABEL_FONT);
        gc.setTextBaseline(VPos.CENTER);
        for (SankeyGeometry.Label l : g.labels()) {
            gc.setTextAlign(l.alignRight() ? TextAlignment.RIGHT : TextAlignment.LEFT);
            ChartPaint.haloText(gc, l.text(), l.x(), l.y(), p.text(), p.background());
        }
    }

    private static Paint asColor(Paint p) {
        return p instanceof Color ? p : Color.GRAY;
    }

    private static void ribbonPath(GraphicsContext gc, SankeyGeometry.Ribbon r) {
        double m = r.midX();
        double t = r.thickness();
        gc.beginPath();
        gc.moveTo(r.x0(), r.y0());
        gc.bezierCurveTo(m, r.y0(), m, r.y1(), r.x1(), r.y1());
        gc.lineTo(r.x1(), r.y1() + t);
        gc.bezierCurveTo(m, r.y1() + t, m, r.y0() + t, r.x0(), r.y0() + t);
        gc.closePath();
    }

    /** Paints the current chart with its caption for export. FX thread only. */
    public void paintForExport(GraphicsContext gc, SankeyGeometry g, ChartCaption caption) {
        Palette p = palette();
        gc.setFill(p.background());
        gc.fillRect(0, 0, g.width(), g.height() + ChartPaint.captionHeight(caption));
        paint(gc, g, p, -1, -1);
        ChartPaint.caption(gc, caption, g.height(), p.muted(), HEADER_FONT);
    }

    // ------------------------------------------------------------------ interaction

    private void hover(MouseEvent e) {
        SankeyGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        int node = g.nodeAt(e.getX(), e.getY());
        SankeyGeometry.Stub stub = node >= 0 ? null : g.stubAt(e.getX(), e.getY());
        int link = node >= 0 || stub != null ? -1 : g.linkAt(e.getX(), e.getY());
        String text = node >= 0 ? nodeText(g.data(), node)
                : stub != null ? stubText(g.data(), stub)
                : link >= 0 ? linkText(g.data(), link) : "";
        int hn = node >= 0 ? node : stub != null ? stub.node() : -1;
        if (hn != hoverNode || link != hoverLink) {
            hoverNode = hn;
            hoverLink = link;
            repaint();
        }
        tooltip.show(this, e, text);
    }

    private void clearHover() {
        tooltip.clear();
        if (hoverNode >= 0 || hoverLink >= 0) {
            hoverNode = -1;
            hoverLink = -1;
            repaint();
        }
    }

    private void click(MouseEvent e) {
        SankeyGeometry g = geometry.get();
        if (g == null || e.getButton() == MouseButton.MIDDLE || !e.isStillSincePress()) {
            return;
        }
        int node = g.nodeAt(e.getX(), e.getY());
        int link = node >= 0 ? -1 : g.linkAt(e.getX(), e.getY());
        // Either button on a mark opens its menu; the secondary button elsewhere opens the export menu. (Mouse
        // clicks rather than context-menu events, which not every platform, e.g. headless Monocle, sends.)
        if (node < 0 && link < 0 && (e.getButton() != MouseButton.SECONDARY || backgroundMenu == null)) {
            return;
        }
        closeMenus();
        tooltip.hide();
        openMenu = node >= 0 ? nodeMenu(g.data(), node) : link >= 0 ? linkMenu(link) : backgroundMenu.get();
        openMenu.show(this, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private void closeMenus() {
        if (openMenu != null) {
            openMenu.hide();
        }
        if (openPopOver != null) {
            openPopOver.hide(Duration.ZERO);
        }
    }

    /** The menu a click on a node opens. */
    ContextMenu nodeMenu(SankeyData d, int node) {
        SankeyData.Node n = d.nodes().get(node);
        ContextMenu m = new ContextMenu();
        if (n.other()) {
            MenuItem list = new MenuItem("List the " + n.members().size() + " events in Other…");
            list.setOnAction(a -> showMembers(node));
            m.getItems().add(list);
        } else if (!n.isJourneyStart()) { // the start is no event: nothing to anchor at, hide or predict from
            MenuItem start = new MenuItem("Set as start");
            start.setOnAction(a -> act(x -> x.startAt(n.label())));
            MenuItem end = new MenuItem("Set as end");
            end.setOnAction(a -> act(x -> x.endAt(n.label())));
            MenuItem hide = new MenuItem("Hide “" + n.label() + "”");
            hide.setOnAction(a -> act(x -> x.hide(n.label())));
            m.getItems().addAll(start, end, hide);
            if (!d.anchoredAtEnd()) {
                List<String> path = d.busiestPathTo(node);
                List<String> shown = path.size() <= 4 ? path : path.subList(path.size() - 3, path.size());
                MenuItem predict = new MenuItem("Predict what comes next after " + (shown == path ? "" : "… → ")
                        + String.join(" → ", shown));
                predict.setId("sankey-predict");
                predict.setOnAction(a -> act(x -> x.predictAfter(path)));
                m.getItems().add(predict);
            }
        }
        MenuItem drill = new MenuItem("Show journeys through here");
        drill.setOnAction(a -> act(x -> x.drillNode(node)));
        if (!m.getItems().isEmpty()) {
            m.getItems().add(new SeparatorMenuItem());
        }
        m.getItems().add(drill);
        // event names hold underscores, which mnemonic parsing would swallow ("add_to_cart" → "addto_cart")
        m.getItems().forEach(i -> i.setMnemonicParsing(false));
        return m;
    }

    private ContextMenu linkMenu(int link) {
        MenuItem drill = new MenuItem("Show journeys through this link");
        drill.setOnAction(a -> act(x -> x.drillLink(link)));
        return new ContextMenu(drill);
    }

    private void act(java.util.function.Consumer<Actions> a) {
        if (actions != null) {
            a.accept(actions);
        }
    }

    private void showMembers(int node) {
        SankeyGeometry g = geometry.get();
        SankeyData.Node n = g.data().nodes().get(node);
        ListView<String> list = new ListView<>();
        list.getItems().setAll(n.members());
        list.setPrefSize(260, Math.min(320, 26 * n.members().size() + 4));
        Label title = new Label("Other at " + g.data().stepName(n.step()) + " holds");
        title.getStyleClass().add("popover-title");
        VBox box = new VBox(6, title, list);
        box.getStyleClass().add("other-members");
        box.setStyle("-fx-padding: 8;");
        openPopOver = new PopOver(box);
        openPopOver.setDetachable(false);
        openPopOver.setArrowLocation(PopOver.ArrowLocation.LEFT_TOP);
        SankeyGeometry.NodeBox b = g.nodes().get(node);
        var p = localToScreen(b.x() + b.w(), b.y() + Math.min(b.h(), 20) / 2);
        openPopOver.show(this, p.getX(), p.getY());
    }

    /** True while the "Other" members popup is open. */
    boolean isMembersPopupShowing() {
        return openPopOver != null && openPopOver.isShowing();
    }

    // ------------------------------------------------------------------ tooltip text

    static String nodeText(SankeyData d, int node) {
        SankeyData.Node n = d.nodes().get(node);
        StringBuilder b = new StringBuilder();
        b.append(n.other() ? "Other" : n.label()).append(" — ").append(d.stepName(n.step())).append('\n');
        b.append(Formats.count(n.value())).append(' ').append(d.unit()).append(" · ")
                .append(Formats.percent(n.value(), d.startTotal())).append(" of the start");
        if (n.dropOff() > 0) {
            b.append('\n').append(d.anchoredAtEnd() ? "Started here: " : "Dropped off here: ")
                    .append(Formats.count(n.dropOff())).append(" (").append(Formats.percent(n.dropOff(), n.value()))
                    .append(')');
        }
        if (n.continuing() > 0) {
            b.append("\nGo on beyond this step: ").append(Formats.count(n.continuing()));
        }
        if (n.repeats() > 0) {
            b.append("\n↻ ").append(Formats.count(n.repeats())).append(" (")
                    .append(Formats.percent(n.repeats(), n.value())).append(") already did this at an earlier step");
        }
        List<SankeyData.Link> in = d.links().stream().filter(l -> l.to() == node)
                .sorted(Comparator.comparingDouble(SankeyData.Link::value).reversed()).toList();
        if (!in.isEmpty()) {
            b.append("\nFrom the previous step (median time):");
            for (int i = 0; i < Math.min(4, in.size()); i++) {
                SankeyData.Link l = in.get(i);
                b.append("\n  ").append(d.nodes().get(l.from()).label()).append(": ").append(Formats.count(l.value()))
                        .append(" · ").append(median(l.medianMicros()));
            }
            if (in.size() > 4) {
                b.append("\n  … ").append(in.size() - 4).append(" more");
            }
        }
        if (n.other()) {
            b.append("\nHolds ").append(n.members().size()).append(" events: ");
            b.append(String.join(", ", n.members().subList(0, Math.min(5, n.members().size()))));
            if (n.members().size() > 5) {
                b.append(", …");
            }
            b.append("\nClick to list them all");
        }
        return b.toString();
    }

    static String linkText(SankeyData d, int link) {
        SankeyData.Link l = d.links().get(link);
        return d.nodes().get(l.from()).label() + " → " + d.nodes().get(l.to()).label() + "\n"
                + Formats.count(l.value()) + " " + d.unit() + " · " + Formats.percent(l.value(), d.startTotal())
                + " of the start · " + Formats.percent(l.value(), d.nodes().get(l.from()).value()) + " of "
                + d.nodes().get(l.from()).label() + "\nMedian time from the previous step: "
                + median(l.medianMicros());
    }

    /** A link's median time; -1 while the flow's medians are being computed after its counts. */
    static String median(long micros) {
        return micros < 0 ? MEDIAN_PENDING : Formats.duration(micros);
    }

    /** What a tooltip says of a median before it is computed. */
    static final String MEDIAN_PENDING = "being computed…";

    static String stubText(SankeyData d, SankeyGeometry.Stub s) {
        SankeyData.Node n = d.nodes().get(s.node());
        if (s.continuing()) {
            return n.label() + ": " + Formats.count(n.continuing()) + " " + d.unit() + " go on beyond this step";
        }
        return n.label() + ": " + Formats.count(n.dropOff()) + " " + d.unit()
                + (d.anchoredAtEnd() ? " started here (" : " dropped off here (")
                + Formats.percent(n.dropOff(), n.value()) + ")";
    }
}
