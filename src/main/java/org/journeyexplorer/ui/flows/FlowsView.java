package org.journeyexplorer.ui.flows;

import javafx.beans.property.ObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.journeyexplorer.ui.Tips;
import org.journeyexplorer.ui.chart.LayoutPending;
import javafx.util.StringConverter;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.SegmentedButton;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.export.FlowsCsv;
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
import java.util.Map;

/**
 * The Flows tab: a Sankey of the journeys starting at (or ending at, or between) an event, with controls for the
 * anchor, number of steps, top-K per step, persons or sessions and collapsing repeats.
 */
public final class FlowsView implements FeatureView, ExportableChart {

    private final AppModel model;
    private final FlowsViewModel vm;
    private final ChartExporter<SankeyGeometry, java.util.function.Supplier<FlowResult>> exporter;
    private final BorderPane root = new BorderPane();
    private final SankeyCanvas canvas = new SankeyCanvas();
    private final Label message = new Label();
    private final HBox hiddenBox = new HBox(4);
    private FileDialogs dialogs = FileDialogs.native_();
    // Bidirectional bindings hold their ends weakly: keep the adapters alive.
    private final ObjectProperty<Integer> stepsObject;
    private final ObjectProperty<Integer> topKObject;
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown

    public FlowsView(AppModel model, TaskRunner runner) {
        this(model, runner, Debouncer.fx(120));
    }

    public FlowsView(AppModel model, TaskRunner runner, Debouncer debouncer) {
        this.model = model;
        this.vm = new FlowsViewModel(runner, debouncer);
        this.exporter = new ChartExporter<>(model, runner, vm::title, canvas::getGeometry,
                vm::resultForExport, SankeyGeometry::width, SankeyGeometry::height,
                canvas::paintForExport, () -> canvas.palette().svgStyle(), SvgWriter::writeSankey,
                (flow, caption, file) -> {
                    // off the FX thread: a flow shown on its counts gets its medians here first
                    FlowResult r = flow.get();
                    FlowsCsv.write(r, caption.withTitle(r.query().title()), file);
                });
        stepsObject = vm.stepsProperty().asObject();
        topKObject = vm.topKProperty().asObject();
        vm.setOnDrilldown(model::showJourneys);
        vm.setOnError(model::fail);
        ChartFeed.follow(model, Feature.FLOWS, vm.selectionProperty()::set);
    }

    public FlowsViewModel viewModel() {
        return vm;
    }

    public SankeyCanvas canvas() {
        return canvas;
    }

    /** Replaces the native file choosers (tests answer with known paths). */
    public void setFileDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        return vm.viewSettings();
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> settings) {
        vm.applyViewSettings(settings);
    }

    @Override
    public List<javafx.beans.Observable> viewSettingsSources() {
        return vm.viewSettingsSources();
    }

    @Override
    public List<ExportAction> exportActions() {
        return ChartExports.actions("Flows", this, root, () -> dialogs);
    }

    // ------------------------------------------------------------------ building

    private void build() {
        root.setId("flows-view");
        root.getStyleClass().add("chart-view");
        root.getStylesheets().add(ChartPaint.stylesheet());

        ChoiceBox<FlowQuery.Direction> direction = new ChoiceBox<>();
        direction.getItems().setAll(FlowQuery.Direction.values());
        direction.setConverter(new StringConverter<>() {
            @Override
            public String toString(FlowQuery.Direction d) {
                return d == null ? "" : switch (d) {
                    case FORWARD -> "Starting at";
                    case BACKWARD -> "Ending at";
                    case BETWEEN -> "Between";
                };
            }

            @Override
            public FlowQuery.Direction fromString(String s) {
                return null;
            }
        });
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        direction.setId("flows-direction");

        SearchableComboBox<String> start = eventPicker("flows-start", vm.anchors(), vm.startEventProperty());
        Tips.set(start, "Where the journeys shown begin: at their start, or at an event");
        SearchableComboBox<String> end = eventPicker("flows-end", vm.events(), vm.endEventProperty());
        Label and = new Label("and");
        and.setMinWidth(Region.USE_PREF_SIZE);

        Spinner<Integer> steps = new Spinner<>(1, FlowsViewModel.MAX_STEPS, vm.stepsProperty().get());
        steps.setId("flows-steps");
        steps.setEditable(true);
        steps.setPrefWidth(72);
        steps.getValueFactory().valueProperty().bindBidirectional(stepsObject);
        Spinner<Integer> topK = new Spinner<>(1, FlowsViewModel.MAX_TOP_K, vm.topKProperty().get());
        topK.setId("flows-topk");
        topK.setEditable(true);
        topK.setPrefWidth(72);
        topK.getValueFactory().valueProperty().bindBidirectional(topKObject);
        Tips.set(topK, "Events shown per step; the rest are grouped into “Other”");

        ToggleButton sessions = new ToggleButton("Sessions");
        sessions.textProperty().bind(model.journeysNounProperty());
        ToggleButton persons = new ToggleButton("Persons");
        SegmentedButton unit = new SegmentedButton(sessions, persons);
        unit.getStyleClass().add("unit-toggle");
        EnumToggles.bind(unit.getToggleGroup(), vm.unitProperty(),
                Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions), sessions);

        CheckBox collapse = new CheckBox("Collapse repeats");
        collapse.setId("flows-collapse");
        collapse.selectedProperty().bindBidirectional(vm.collapseRepeatsProperty());
        Tips.set(collapse, "Treat an event repeated back to back as one step");

        hiddenBox.setAlignment(Pos.CENTER_LEFT);
        vm.hiddenEvents().addListener((SetChangeListener<String>) c -> refreshHidden());
        refreshHidden();

        org.journeyexplorer.ui.BusyIndicator busy = new org.journeyexplorer.ui.BusyIndicator();
        busy.runningProperty().bind(LayoutPending.busy(vm.busyProperty(), canvas.layoutPendingProperty()));

        MenuButton export = ChartExports.button(exportActions());
        export.setId("flows-export");

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(direction, separator(), new Label("Steps"), steps, new Label("Top"),
                topK, separator(), unit, collapse, hiddenBox, grow, busy, export);
        toolbar.getStyleClass().add("chart-toolbar");
        org.journeyexplorer.ui.Toolbars.keepLabelsWhole(toolbar, hiddenBox);
        // the pickers the direction does not use are out of the scene, not just hidden: a hidden picker is still
        // styled, and its value following the data (a new default end event) left a pulse with nothing but that
        // restyling to sync, which repaints the whole window (issue 16)
        Runnable showPickers = () -> {
            FlowQuery.Direction d = vm.directionProperty().get();
            boolean s = d != FlowQuery.Direction.BACKWARD;
            boolean e = d != FlowQuery.Direction.FORWARD;
            List<Node> pickers = new java.util.ArrayList<>(3);
            if (s) {
                pickers.add(start);
            }
            if (s && e) {
                pickers.add(and);
            }
            if (e) {
                pickers.add(end);
            }
            toolbar.getChildren().removeAll(start, and, end);
            toolbar.getChildren().addAll(toolbar.getChildren().indexOf(direction) + 1, pickers);
        };
        vm.directionProperty().addListener(o -> showPickers.run());
        showPickers.run();
        root.setTop(toolbar);

        canvas.dataProperty().bind(vm.chartDataProperty());
        canvas.setActions(new SankeyCanvas.Actions() {
            @Override
            public void startAt(String label) {
                vm.startAt(label);
            }

            @Override
            public void endAt(String label) {
                vm.endAt(label);
            }

            @Override
            public void hide(String label) {
                vm.hide(label);
            }

            @Override
            public void drillNode(int node) {
                vm.drillNode(node);
            }

            @Override
            public void drillLink(int link) {
                vm.drillLink(link);
            }

            @Override
            public void predictAfter(List<String> path) {
                model.showPredictions(path);
            }
        });
        canvas.setBackgroundMenu(() -> ChartExports.menu(this, root, () -> dialogs));
        message.getStyleClass().add("chart-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.chartDataProperty().isNull());
        canvas.visibleProperty().bind(vm.chartDataProperty().isNotNull());
        StackPane area = new StackPane(canvas, message,
                LayoutPending.note(canvas.layoutPendingProperty(), canvas.geometryProperty(), vm.chartDataProperty()));
        area.getStyleClass().add("chart-area");
        BorderPane.setMargin(area, new javafx.geometry.Insets(8));
        root.setCenter(area);
    }

    private static Region separator() {
        Region r = new Region();
        r.getStyleClass().add("toolbar-separator");
        return r;
    }

    /** A searchable picker of {@code items} following {@code target} ({@link org.journeyexplorer.ui.EventPicker}). */
    private SearchableComboBox<String> eventPicker(String id, javafx.collections.ObservableList<String> items,
                                                   javafx.beans.property.StringProperty target) {
        SearchableComboBox<String> box = org.journeyexplorer.ui.EventPicker.of(items, target);
        box.setId(id);
        box.setPrefWidth(190);
        box.setMinWidth(110);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String anchor) {
                return anchor == null ? "" : FlowsViewModel.anchorText(anchor);
            }

            @Override
            public String fromString(String text) {
                return "Journey start".equals(text) ? org.journeyexplorer.analysis.FlowQuery.JOURNEY_START : text;
            }
        });
        return box;
    }

    private void refreshHidden() {
        hiddenBox.getChildren().clear();
        for (String h : vm.hiddenEvents().stream().sorted().toList()) {
            Button chip = new Button(h + "  ✕");
            chip.setMnemonicParsing(false); // event names hold underscores, which would otherwise vanish
            chip.getStyleClass().add("hidden-chip");
            Tips.set(chip, "Hidden in this chart; click to show “" + h + "” again");
            chip.setOnAction(e -> vm.hiddenEvents().remove(h));
            hiddenBox.getChildren().add(chip);
        }
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
        return ChartExports.fileStem(vm.title().split(" · ")[0]);
    }
}
