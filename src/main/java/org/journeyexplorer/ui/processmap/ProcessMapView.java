package org.journeyexplorer.ui.processmap;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.journeyexplorer.ui.chart.LayoutPending;
import org.controlsfx.control.SegmentedButton;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.chart.ProcessMapGeometry;
import org.journeyexplorer.export.ProcessMapCsv;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.chart.ChartFeed;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.export.ChartExporter;
import org.journeyexplorer.ui.export.ChartExports;
import org.journeyexplorer.ui.export.ExportableChart;
import org.journeyexplorer.ui.EnumToggles;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Process map tab: the directly-follows graph of the activities per case, as process-mining users know it from
 * Disco. Activity and path sliders simplify it, paths show their frequency or median time, loops are drawn as
 * loops, clicking an activity or a path shows those journeys, and it exports like every chart.
 */
public final class ProcessMapView implements FeatureView, ExportableChart {
    private final ProcessMapViewModel vm;
    private final ProcessMapCanvas canvas = new ProcessMapCanvas();
    private final ChartExporter<ProcessMapGeometry, ProcessMapData> exporter;
    private final BorderPane root = new BorderPane();
    private final AppModel model;
    private FileDialogs dialogs = FileDialogs.native_();
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown

    public ProcessMapView(AppModel model, TaskRunner runner) {
        this(model, runner, Debouncer.fx(120));
    }

    public ProcessMapView(AppModel model, TaskRunner runner, Debouncer debouncer) {
        this.model = model;
        this.vm = new ProcessMapViewModel(runner, debouncer);
        this.exporter = new ChartExporter<>(model, runner, vm::title, canvas::getGeometry,
                () -> vm.dataProperty().get(), ProcessMapGeometry::width, ProcessMapGeometry::height,
                canvas::paintForExport, () -> canvas.palette().svgStyle(), SvgWriter::writeProcessMap,
                ProcessMapCsv::write);
        vm.setOnDrilldown(model::showJourneys);
        vm.setOnError(model::fail);
        ChartFeed.follow(model, Feature.PROCESS_MAP, vm.selectionProperty()::set);
    }

    public ProcessMapViewModel viewModel() {
        return vm;
    }

    public ProcessMapCanvas canvas() {
        return canvas;
    }

    public void setFileDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    @Override
    public List<ExportAction> exportActions() {
        return ChartExports.actions("Process map", this, root, () -> dialogs);
    }

    private void build() {
        root.setId("process-map-view");
        root.getStyleClass().add("chart-view");
        root.getStylesheets().add(ChartPaint.stylesheet());

        ToggleButton persons = new ToggleButton("Persons");
        ToggleButton sessions = new ToggleButton("Sessions");
        persons.setTooltip(new Tooltip("Follow each person's whole history as one case of the map"));
        Tooltip sessionsTip = new Tooltip();
        sessionsTip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.journeyWord(false).equals("case") ? "Follow each case of the log as one case of the map"
                        : "Follow each session as one case of the map", model.journeysNounProperty()));
        sessions.setTooltip(sessionsTip);
        sessions.textProperty().bind(model.journeysNounProperty());
        SegmentedButton unit = new SegmentedButton(persons, sessions);
        unit.setId("process-map-unit");
        EnumToggles.bind(unit.getToggleGroup(), vm.unitProperty(),
                Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions), sessions);

        Slider activities = slider("process-map-activities", vm.activitiesProperty()::set,
                "Activities shown, most frequent first; the others are left out and their neighbours joined");
        vm.activitiesProperty().addListener((o, a, b) -> activities.setValue(b.doubleValue() * 100));
        activities.setValue(vm.activitiesProperty().get() * 100);
        Slider paths = slider("process-map-paths", vm.pathsProperty()::set,
                "Paths shown, most frequent first; every activity keeps its strongest way in and out");
        vm.pathsProperty().addListener((o, a, b) -> paths.setValue(b.doubleValue() * 100));
        paths.setValue(vm.pathsProperty().get() * 100);

        ToggleButton frequency = new ToggleButton("Frequency");
        ToggleButton time = new ToggleButton("Median time");
        frequency.setTooltip(new Tooltip("Paths show how often they were taken"));
        time.setTooltip(new Tooltip("Paths show the median time between their two activities"));
        SegmentedButton annotation = new SegmentedButton(frequency, time);
        annotation.setId("process-map-annotation");
        EnumToggles.bind(annotation.getToggleGroup(), vm.annotationProperty(), Map.of(
                ProcessMapData.Annotation.MEDIAN_TIME, time, ProcessMapData.Annotation.FREQUENCY, frequency), frequency);

        Button fit = new Button("Fit");
        fit.setId("process-map-fit");
        fit.getStyleClass().add("small");
        fit.setTooltip(new Tooltip("Show the whole map (drag to move, Ctrl + wheel to zoom)"));
        fit.setOnAction(e -> canvas.fit());

        Label summary = new Label();
        summary.setId("process-map-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);

        org.journeyexplorer.ui.BusyIndicator busy = new org.journeyexplorer.ui.BusyIndicator();
        busy.runningProperty().bind(LayoutPending.busy(vm.busyProperty(), canvas.layoutPendingProperty()));
        MenuButton export = ChartExports.button(exportActions());
        export.setId("process-map-export");

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (ToggleButton t : new ToggleButton[]{persons, sessions, frequency, time}) {
            t.setMinWidth(Region.USE_PREF_SIZE);
        }
        fit.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        HBox toolbar = new HBox(label("Follow"), unit, sep(), label("Activities"), activities,
                percent(vm.activitiesProperty()), label("Paths"), paths, percent(vm.pathsProperty()), sep(),
                annotation, fit, grow, busy, export);
        toolbar.getStyleClass().add("chart-toolbar");
        root.setTop(toolbar);
        // what the sliders left, in the corner of the chart rather than in the crowded toolbar
        StackPane.setAlignment(summary, javafx.geometry.Pos.TOP_LEFT);
        StackPane.setMargin(summary, new Insets(8, 10, 0, 10));
        summary.setMouseTransparent(true);

        canvas.dataProperty().bind(vm.dataProperty());
        canvas.setOnNodeClicked(vm::drillNode);
        canvas.setOnEdgeClicked(vm::drillLink);
        canvas.setBackgroundMenu(() -> ChartExports.menu(this, root, () -> dialogs));
        Label message = new Label();
        message.getStyleClass().add("chart-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.dataProperty().isNull());
        canvas.visibleProperty().bind(vm.dataProperty().isNotNull());
        StackPane area = new StackPane(canvas, message,
                LayoutPending.note(canvas.layoutPendingProperty(), canvas.geometryProperty(), vm.dataProperty()), summary);
        area.getStyleClass().add("chart-area");
        BorderPane.setMargin(area, new Insets(8));
        root.setCenter(area);
    }

    /** A 0–100 % slider that reports its value (as a share) once the user lets go or types a key. */
    private static Slider slider(String id, Consumer<Double> share, String tip) {
        Slider s = new Slider(0, 100, 100);
        s.setId(id);
        s.setPrefWidth(120);
        s.setMinWidth(70);
        s.setBlockIncrement(5);
        s.setTooltip(new Tooltip(tip));
        s.valueProperty().addListener((o, a, b) -> share.accept(b.doubleValue() / 100));
        return s;
    }

    private static Label percent(javafx.beans.property.DoubleProperty share) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.0f%%",
                share.get() * 100), share));
        l.setPrefWidth(40);
        l.setMinWidth(40);
        return l;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Region sep() {
        Region r = new Region();
        r.getStyleClass().add("toolbar-separator");
        return r;
    }

    // ------------------------------------------------------------------ export

    @Override
    public void exportPng(Path file) {
        exporter.exportPng(file);
    }

    @Override
    public void exportSvg(Path file) {
        exporter.exportSvg(file);
    }

    @Override
    public void exportCsv(Path file) {
        exporter.exportCsv(file);
    }

    @Override
    public void copyToClipboard() {
        exporter.copyToClipboard();
    }

    @Override
    public String suggestedFileName() {
        return "process-map";
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        return java.util.Map.of("processmap.unit", vm.unitProperty().get().name(),
                "processmap.activities", Double.toString(vm.activitiesProperty().get()),
                "processmap.paths", Double.toString(vm.pathsProperty().get()),
                "processmap.annotation", vm.annotationProperty().get().name());
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        org.journeyexplorer.ui.ViewState.enumValue(m.get("processmap.unit"),
                org.journeyexplorer.analysis.CountUnit.class).ifPresent(vm.unitProperty()::set);
        org.journeyexplorer.ui.ViewState.enumValue(m.get("processmap.annotation"),
                org.journeyexplorer.chart.ProcessMapData.Annotation.class).ifPresent(vm.annotationProperty()::set);
        share(m.get("processmap.activities")).ifPresent(vm::restoreActivities);
        share(m.get("processmap.paths")).ifPresent(vm.pathsProperty()::set);
    }

    /** A slider position from saved text: a number from 0 to 1, else nothing. */
    private static java.util.OptionalDouble share(String text) {
        try {
            double v = text == null ? Double.NaN : Double.parseDouble(text);
            return v >= 0 && v <= 1 ? java.util.OptionalDouble.of(v) : java.util.OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    @Override
    public java.util.List<javafx.beans.Observable> viewSettingsSources() {
        return java.util.List.of(vm.unitProperty(), vm.activitiesProperty(), vm.pathsProperty(),
                vm.annotationProperty());
    }
}
