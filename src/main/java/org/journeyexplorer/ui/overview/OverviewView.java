package org.journeyexplorer.ui.overview;

import org.journeyexplorer.chart.Formats;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.input.MouseEvent;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.MetricsResult;
import org.journeyexplorer.analysis.Overview;
import org.journeyexplorer.analysis.TimeDistribution;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.ConversionPicker;
import org.journeyexplorer.ui.Exports;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.FrameStats;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.chart.ChartTooltip;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.EnumToggles;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Overview tab: key numbers, top events, and the success metrics towards the conversion event. */
public final class OverviewView implements FeatureView {
    private final OverviewViewModel vm;
    private final ScrollPane root = new ScrollPane();
    private final AppModel model;
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown
    private final ZoneId zone = ZoneId.systemDefault();
    private final Label events = value("overview-events");
    private final Label persons = value("overview-persons");
    private final Label sessions = value("overview-sessions");
    private final Label range = value("overview-range");
    private final Label completion = value("overview-completion");
    private final Label completionSub = sub();
    private final Label medianTime = value("overview-time");
    private final Label medianTimeSub = sub();
    private BarChart<Number, String> topEvents;
    private BarChart<String, Number> timeChart;
    private LineChart<String, Number> velocityChart;
    private BarChart<String, Number> completionsChart;
    /**
     * One tooltip for every bar and point of the four charts, its text kept on the hovered node: a {@code Tooltip}
     * per bar made a popup window and its scene for each of some 70 bars at every re-query.
     */
    private ChartTooltip tooltip; // made with the tab
    private final EventHandler<MouseEvent> hover = e -> {
        Node n = (Node) e.getSource();
        Object text = n.getProperties().get(TIP);
        tooltip.show(n, e, text == null ? "" : text.toString());
    };
    private final EventHandler<MouseEvent> leave = e -> tooltip.clear();
    private static final String TIP = "overview-tip";

    public OverviewView(AppModel model, TaskRunner runner) {
        this.vm = new OverviewViewModel(model, runner);
        this.model = model;
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    private void build() {
        tooltip = new ChartTooltip(this);
        NumberAxis tx = new NumberAxis();
        CategoryAxis ty = new CategoryAxis();
        topEvents = new BarChart<>(tx, ty);
        topEvents.setTitle("Top events");
        topEvents.setCategoryGap(5);
        topEvents.setBarGap(0);
        timeChart = new BarChart<>(new CategoryAxis(), axis("journeys"));
        timeChart.setTitle("Time to conversion");
        velocityChart = new LineChart<>(new CategoryAxis(), axis("median days to convert"));
        velocityChart.setTitle("Journey velocity by week of first touch, converted within 30 d");
        completionsChart = new BarChart<>(new CategoryAxis(), axis("journeys converted within 30 d"));
        completionsChart.setTitle("Conversions by week of first touch, converted within 30 d");
        for (XYChart<?, ?> c : List.of(topEvents, timeChart, velocityChart, completionsChart)) {
            c.setAnimated(false);
            c.setLegendVisible(false);
            c.setMinHeight(240);
            c.setPrefHeight(290);
        }
        topEvents.setId("overview-top-events");
        timeChart.setId("overview-time-chart");
        velocityChart.setId("overview-velocity");
        completionsChart.setId("overview-conversions");

        GridPane cards = new GridPane();
        cards.getStyleClass().add("cards");
        cards.addRow(0, card("Events", events, null), card("Persons", persons, null), card(model.journeysNounProperty(), sessions),
                card("Date range", range, null), card("Completion rate", completion, completionSub),
                card("Time to convert", medianTime, medianTimeSub));
        for (int i = 0; i < 6; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 6);
            cards.getColumnConstraints().add(cc);
        }

        GridPane charts = new GridPane();
        charts.getStyleClass().add("charts");
        charts.add(chartCard(topEvents), 0, 0);
        charts.add(chartCard(timeChart, hint("overview-time-hint", "how long journeys take to reach it")), 1, 0);
        charts.add(chartCard(completionsChart, hint("overview-conversions-hint", "conversions by week")), 0, 1);
        charts.add(chartCard(velocityChart, hint("overview-velocity-hint", "how fast each week's journeys convert")),
                1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            charts.getColumnConstraints().add(cc);
        }

        VBox content = new VBox(14, toolbar(model), cards, charts);
        content.getStyleClass().add("overview-content");
        root.setContent(content);
        root.setFitToWidth(true);
        root.setId("overview-view");
        root.getStylesheets().add(Theme.stylesheet("overview.css"));
        vm.dataProperty().addListener((o, a, d) -> show(d));
        if (vm.dataProperty().get() != null) {
            show(vm.dataProperty().get());
        }
    }

    @Override
    public List<ExportAction> exportActions() {
        OverviewViewModel.Data d = vm.dataProperty().get();
        if (d == null) {
            return List.of();
        }
        return List.of(
                new ExportAction("Top events as CSV…", () -> Exports.csv(root, vm.model(), vm.runner(),
                        "top-events.csv", List.of("event", "count", "share"), d.overview().topEvents().stream()
                                .map(t -> List.of(t.type(), String.valueOf(t.count()), String.valueOf(t.share())))
                                .toList())),
                new ExportAction("Overview as PNG…", () -> Exports.png(root.getContent(), vm.model(), vm.runner(),
                        "overview.png")));
    }

    public OverviewViewModel viewModel() {
        return vm;
    }

    private Node toolbar(AppModel model) {
        Label title = new Label("Overview");
        title.getStyleClass().add("view-title");
        ComboBox<String> conversion = ConversionPicker.create(model, "overview-conversion", "choose an event");
        Label convLabel = new Label("Conversion event");
        convLabel.getStyleClass().add("muted");

        ToggleGroup g = new ToggleGroup();
        ToggleButton persons = new ToggleButton("Persons");
        ToggleButton sessions = new ToggleButton("Sessions");
        sessions.textProperty().bind(model.journeysNounProperty());
        persons.setToggleGroup(g);
        sessions.setToggleGroup(g);
        EnumToggles.bind(g, vm.unitProperty(), Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions), persons);
        HBox unit = new HBox(persons, sessions);
        unit.getStyleClass().add("segmented");

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, title, grow, convLabel, conversion, unit);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        a.setForceZeroInRange(true);
        return a;
    }

    private static Label value(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("card-value");
        return l;
    }

    private static Label sub() {
        Label l = new Label("");
        l.setWrapText(true);
        l.getStyleClass().add("card-sub");
        return l;
    }

    /** A card whose title follows what a journey is called ("Sessions", or "Cases" on a case log). */
    private static Node card(javafx.beans.value.ObservableValue<String> title, Label value) {
        Node card = card("", value, null);
        ((Label) ((VBox) card).getChildren().get(0)).textProperty().bind(title);
        return card;
    }

    private static Node card(String title, Label value, Label sub) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = sub == null ? new VBox(4, t, value) : new VBox(4, t, value, sub);
        box.getStyleClass().addAll("card", "kpi");
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** A conversion chart with {@code hint} over its empty plot while no conversion event is chosen. */
    private static Node chartCard(XYChart<?, ?> chart, Label hint) {
        VBox box = (VBox) chartCard(chart);
        box.getChildren().setAll(new StackPane(chart, hint));
        VBox.setVgrow(box.getChildren().get(0), Priority.ALWAYS);
        return box;
    }

    private Label hint(String id, String what) {
        Label l = new Label("Choose a conversion event (top right) to see " + what + ".");
        l.setUserData(l.getText()); // the text to go back to after a cohort note (see show)
        l.setId(id);
        l.getStyleClass().add("chart-hint");
        l.setWrapText(true);
        l.setMaxWidth(330);
        l.setMouseTransparent(true);
        l.setVisible(false); // until the data says no event is chosen
        hints.add(l);
        return l;
    }

    private final List<Label> hints = new ArrayList<>();

    private static Node chartCard(XYChart<?, ?> chart) {
        VBox box = new VBox(chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().add("card");
        return box;
    }

    private void show(OverviewViewModel.Data d) {
        if (d == null) {
            for (XYChart<?, ?> c : List.of(topEvents, timeChart, velocityChart, completionsChart)) {
                c.getData().clear();
            }
            for (Label l : List.of(events, persons, sessions, range, completion, medianTime)) {
                l.setText("—");
            }
            hints.forEach(h -> h.setVisible(false));
            return;
        }
        Overview o = d.overview();
        events.setText(Format.count(o.events()));
        persons.setText(Format.count(o.persons()));
        sessions.setText(Format.count(o.sessions()));
        range.setText(o.events() == 0 ? "—" : Format.date(FrameStats.micros(o.firstMicros()), zone) + " –\n"
                + Format.date(FrameStats.micros(o.lastMicros()), zone));

        List<Overview.TypeCount> tc = o.topEvents();
        List<String> types = new ArrayList<>();
        List<Number> counts = new ArrayList<>();
        List<String> typeTips = new ArrayList<>();
        for (int i = tc.size() - 1; i >= 0; i--) { // the category axis runs bottom-up: biggest on top
            Overview.TypeCount t = tc.get(i);
            types.add(t.type());
            counts.add(t.count());
            typeTips.add(t.type() + ": " + Format.count(t.count()) + " events (" + Format.percent(t.share()) + ")");
        }
        showBars(topEvents, types, counts, typeTips, true);

        MetricsResult m = d.metrics();
        if (m == null) {
            for (XYChart<?, ?> c : List.of(timeChart, velocityChart, completionsChart)) {
                c.getData().clear();
            }
            completion.setText("—");
            completionSub.setText("choose a conversion event");
            hints.forEach(h -> {
                h.setText((String) h.getUserData());
                h.setVisible(true);
            });
            medianTime.setText("—");
            medianTimeSub.setText("");
            return;
        }
        hints.forEach(h -> h.setVisible(false));
        String unit = m.query().unit().label();
        completion.setText(Format.percent(m.completionRate()));
        completionSub.setText(Format.count(m.completed()) + " of " + Format.count(m.units()) + " " + unit);
        TimeDistribution t = m.timeToMilestone();
        medianTime.setText(t.count() == 0 ? "—" : Formats.duration(t.median()));
        medianTimeSub.setText(t.count() == 0 ? "" : "median; half within " + Formats.duration(t.p25())
                + " – " + Formats.duration(t.p75()));

        List<String> buckets = new ArrayList<>();
        List<Number> bucketCounts = new ArrayList<>();
        List<String> bucketTips = new ArrayList<>();
        for (TimeDistribution.Bucket b : t.buckets()) {
            buckets.add(b.label());
            bucketCounts.add(b.count());
            bucketTips.add(b.label() + ": " + Format.count(b.count()) + " " + unit);
        }
        showBars(timeChart, buckets, bucketCounts, bucketTips, false);

        // cohort weeks: grouped by the week of first touch, converted only within the horizon (see MetricsResult)
        String within = "converted within " + Formats.duration(m.query().horizonMicros());
        velocityChart.setTitle("Journey velocity by week of first touch, " + within);
        completionsChart.setTitle("Conversions by week of first touch, " + within);
        ((NumberAxis) completionsChart.getYAxis()).setLabel(unit + " " + within);
        long maxMedian = m.velocity().stream().mapToLong(MetricsResult.Week::medianMicros).max().orElse(0);
        boolean days = maxMedian >= 2 * 86_400e6; // sub-day journeys read better in hours
        ((NumberAxis) velocityChart.getYAxis()).setLabel(days ? "median days to convert" : "median hours to convert");
        List<String> weeks = new ArrayList<>();
        List<Number> completions = new ArrayList<>();
        List<String> barTips = new ArrayList<>();
        List<String> velocityWeeks = new ArrayList<>();
        List<Number> medians = new ArrayList<>();
        List<String> pointTips = new ArrayList<>();
        // "2025-W36" → "W36" when every week is in one year (the year is in the date range card); over several years
        // the year stays: the axis holds each label once, and a chart keeps one bar per label
        boolean oneYear = m.velocity().stream().map(w -> w.isoWeek().substring(0, 4)).distinct().count() <= 1;
        for (MetricsResult.Week w : m.velocity()) {
            String week = oneYear ? w.isoWeek().substring(5) : w.isoWeek();
            String text = w.isoWeek() + " (first touch): " + Format.count(w.started()) + " " + unit + " started, "
                    + Format.count(w.completions()) + " " + within + " (" + Format.percent(w.conversionRate()) + ")"
                    + (w.completions() == 0 ? "" : "; median " + Formats.duration(w.medianMicros()) + " and "
                    + w.medianSteps() + " events to convert");
            weeks.add(week);
            completions.add(w.completions());
            barTips.add(text);
            if (w.completions() > 0) { // no conversions has no median: a 0 would read as instant
                velocityWeeks.add(week);
                medians.add(w.medianMicros() / (days ? 86_400e6 : 3_600e6));
                pointTips.add(text);
            }
        }
        velocityChart.setCreateSymbols(m.velocity().size() < 40);
        showBars(velocityChart, velocityWeeks, medians, pointTips, false);
        showBars(completionsChart, weeks, completions, barTips, false);
        if (m.velocity().isEmpty() && m.units() > 0) {
            // every week of first touch is too recent to judge (a log of one day, a short date filter): say so
            // rather than show two empty charts
            String note = "No week of first touch can be judged yet: a week counts once "
                    + Formats.duration(m.query().horizonMicros()) + " have passed after its end, and the "
                    + (m.units() == 1 ? "journey starts" : "journeys start") + " too close to the last event.";
            for (Label h : hints) {
                if (h.getId().equals("overview-conversions-hint") || h.getId().equals("overview-velocity-hint")) {
                    h.setText(note);
                    h.setVisible(true);
                }
            }
        }
    }

    /**
     * Shows one series of {@code categories} and {@code values} with a tooltip per item. When the chart already
     * shows the same categories in the same order (a cleared filter, another unit) the items' values change in place,
     * so that the chart keeps its bar nodes, their CSS and their layout instead of building them again; otherwise the
     * series is replaced.
     */
    @SuppressWarnings("unchecked")
    private <A, B> void showBars(XYChart<A, B> chart, List<String> categories, List<Number> values, List<String> tips,
                                 boolean horizontal) {
        XYChart.Series<A, B> old = chart.getData().size() == 1 ? chart.getData().get(0) : null;
        boolean same = old != null && old.getData().size() == categories.size();
        for (int i = 0; same && i < categories.size(); i++) {
            XYChart.Data<A, B> item = old.getData().get(i);
            same = categories.get(i).equals(horizontal ? item.getYValue() : item.getXValue());
        }
        if (same) {
            for (int i = 0; i < categories.size(); i++) {
                XYChart.Data<A, B> item = old.getData().get(i);
                if (horizontal) {
                    item.setXValue((A) values.get(i));
                } else {
                    item.setYValue((B) values.get(i));
                }
                tip(item.getNode(), tips.get(i));
            }
            return;
        }
        List<XYChart.Data<A, B>> items = new ArrayList<>(categories.size());
        for (int i = 0; i < categories.size(); i++) {
            items.add(horizontal ? new XYChart.Data<>((A) values.get(i), (B) categories.get(i))
                    : new XYChart.Data<>((A) categories.get(i), (B) values.get(i)));
        }
        XYChart.Series<A, B> series = new XYChart.Series<>();
        series.getData().setAll(items);
        chart.getData().setAll(List.of(series));
        for (int i = 0; i < items.size(); i++) {
            tip(items.get(i).getNode(), tips.get(i));
        }
    }

    /** Keeps {@code text} on a bar's or point's node (null: a line without symbols), hovering it shows the text. */
    private void tip(Node n, String text) {
        if (n != null) {
            if (n.getProperties().put(TIP, text) == null) {
                n.addEventHandler(MouseEvent.MOUSE_MOVED, hover);
                n.addEventHandler(MouseEvent.MOUSE_EXITED, leave);
            }
        }
    }

    /** The text of the tooltip of the bar or point under the pointer ("" when none is). */
    public ReadOnlyStringProperty tooltipTextProperty() {
        built.ensure();
        return tooltip.textProperty();
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        return java.util.Map.of("overview.unit", vm.unitProperty().get().name());
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        org.journeyexplorer.ui.ViewState.enumValue(m.get("overview.unit"),
                org.journeyexplorer.analysis.CountUnit.class).ifPresent(vm.unitProperty()::set);
    }

    @Override
    public java.util.List<javafx.beans.Observable> viewSettingsSources() {
        return java.util.List.of(vm.unitProperty());
    }
}
