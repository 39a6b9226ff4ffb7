package org.journeyexplorer.ui.overview;

import org.journeyexplorer.chart.Formats;
import javafx.geometry.Pos;
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
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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
        cards.addRow(0, card("Events", events, null), card("Persons", persons, null), card("Sessions", sessions, null),
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
        charts.add(chartCard(timeChart), 1, 0);
        charts.add(chartCard(completionsChart), 0, 1);
        charts.add(chartCard(velocityChart), 1, 1);
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

    private static Node card(String title, Label value, Label sub) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = sub == null ? new VBox(4, t, value) : new VBox(4, t, value, sub);
        box.getStyleClass().addAll("card", "kpi");
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static Node chartCard(XYChart<?, ?> chart) {
        VBox box = new VBox(chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().add("card");
        return box;
    }

    private void show(OverviewViewModel.Data d) {
        topEvents.getData().clear();
        timeChart.getData().clear();
        velocityChart.getData().clear();
        completionsChart.getData().clear();
        if (d == null) {
            for (Label l : List.of(events, persons, sessions, range, completion, medianTime)) {
                l.setText("—");
            }
            return;
        }
        Overview o = d.overview();
        events.setText(Format.count(o.events()));
        persons.setText(Format.count(o.persons()));
        sessions.setText(Format.count(o.sessions()));
        range.setText(o.events() == 0 ? "—" : Format.date(FrameStats.micros(o.firstMicros()), zone) + " –\n"
                + Format.date(FrameStats.micros(o.lastMicros()), zone));

        XYChart.Series<Number, String> top = new XYChart.Series<>();
        List<Overview.TypeCount> tc = o.topEvents();
        for (int i = tc.size() - 1; i >= 0; i--) { // the category axis runs bottom-up: biggest on top
            top.getData().add(new XYChart.Data<>(tc.get(i).count(), tc.get(i).type()));
        }
        topEvents.getData().add(top);
        for (int i = 0; i < top.getData().size(); i++) {
            Overview.TypeCount t = tc.get(tc.size() - 1 - i);
            tip(top.getData().get(i).getNode(), t.type() + ": " + Format.count(t.count()) + " events ("
                    + Format.percent(t.share()) + ")");
        }

        MetricsResult m = d.metrics();
        if (m == null) {
            completion.setText("—");
            completionSub.setText("choose a conversion event");
            medianTime.setText("—");
            medianTimeSub.setText("");
            return;
        }
        String unit = m.query().unit().label();
        completion.setText(Format.percent(m.completionRate()));
        completionSub.setText(Format.count(m.completed()) + " of " + Format.count(m.units()) + " " + unit);
        TimeDistribution t = m.timeToMilestone();
        medianTime.setText(t.count() == 0 ? "—" : Formats.duration(t.median()));
        medianTimeSub.setText(t.count() == 0 ? "" : "median; half within " + Formats.duration(t.p25())
                + " – " + Formats.duration(t.p75()));

        XYChart.Series<String, Number> hist = new XYChart.Series<>();
        for (TimeDistribution.Bucket b : t.buckets()) {
            hist.getData().add(new XYChart.Data<>(b.label(), b.count()));
        }
        timeChart.getData().add(hist);
        for (int i = 0; i < hist.getData().size(); i++) {
            TimeDistribution.Bucket b = t.buckets().get(i);
            tip(hist.getData().get(i).getNode(), b.label() + ": " + Format.count(b.count()) + " " + unit);
        }

        // cohort weeks: grouped by the week of first touch, converted only within the horizon (see MetricsResult)
        String within = "converted within " + Formats.duration(m.query().horizonMicros());
        velocityChart.setTitle("Journey velocity by week of first touch, " + within);
        completionsChart.setTitle("Conversions by week of first touch, " + within);
        ((NumberAxis) completionsChart.getYAxis()).setLabel(unit + " " + within);
        XYChart.Series<String, Number> velocity = new XYChart.Series<>();
        XYChart.Series<String, Number> conversions = new XYChart.Series<>();
        long maxMedian = m.velocity().stream().mapToLong(MetricsResult.Week::medianMicros).max().orElse(0);
        boolean days = maxMedian >= 2 * 86_400e6; // sub-day journeys read better in hours
        ((NumberAxis) velocityChart.getYAxis()).setLabel(days ? "median days to convert" : "median hours to convert");
        List<String> barTips = new ArrayList<>();
        List<String> pointTips = new ArrayList<>();
        for (MetricsResult.Week w : m.velocity()) {
            String week = w.isoWeek().substring(5); // "2025-W36" → "W36": the year is in the date range card
            String text = w.isoWeek() + " (first touch): " + Format.count(w.started()) + " " + unit + " started, "
                    + Format.count(w.completions()) + " " + within + " (" + Format.percent(w.conversionRate()) + ")"
                    + (w.completions() == 0 ? "" : "; median " + Formats.duration(w.medianMicros()) + " and "
                    + w.medianSteps() + " events to convert");
            conversions.getData().add(new XYChart.Data<>(week, w.completions()));
            barTips.add(text);
            if (w.completions() > 0) { // no conversions has no median: a 0 would read as instant
                velocity.getData().add(new XYChart.Data<>(week, w.medianMicros() / (days ? 86_400e6 : 3_600e6)));
                pointTips.add(text);
            }
        }
        velocityChart.getData().add(velocity);
        completionsChart.getData().add(conversions);
        for (int i = 0; i < barTips.size(); i++) {
            tip(conversions.getData().get(i).getNode(), barTips.get(i));
        }
        for (int i = 0; i < pointTips.size(); i++) {
            tip(velocity.getData().get(i).getNode(), pointTips.get(i));
        }
        velocityChart.setCreateSymbols(m.velocity().size() < 40);
    }

    private static void tip(Node n, String text) {
        if (n != null) {
            Tooltip.install(n, new Tooltip(text));
        }
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
