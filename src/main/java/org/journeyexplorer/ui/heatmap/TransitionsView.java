package org.journeyexplorer.ui.heatmap;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.journeyexplorer.ui.chart.LayoutPending;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.TransitionsCsv;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.chart.ChartFeed;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.export.ChartExporter;
import org.journeyexplorer.ui.export.ChartExports;
import org.journeyexplorer.ui.export.ExportableChart;
import org.journeyexplorer.ui.EnumToggles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Transitions tab: a heatmap of which event directly follows which (with START and END), as row shares or
 * counts, ordered by frequency or similarity, zoomable (slider, Ctrl + wheel) and scrollable.
 */
public final class TransitionsView implements FeatureView, ExportableChart {

    private final AppModel model;
    private final TransitionsViewModel vm;
    private final ChartExporter<HeatmapGeometry, TransitionMatrix> exporter;
    private final BorderPane root = new BorderPane();
    private final HeatmapCanvas canvas = new HeatmapCanvas();
    private FileDialogs dialogs = FileDialogs.native_();
    private boolean syncingZoom;
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown
    private final javafx.beans.property.ObjectProperty<Integer> topKObject;

    public TransitionsView(AppModel model, TaskRunner runner) {
        this.model = model;
        this.vm = new TransitionsViewModel(runner);
        this.topKObject = vm.topKProperty().asObject(); // held: a bidirectional binding keeps only weak references
        this.exporter = new ChartExporter<>(model, runner, vm::title, canvas::getGeometry,
                vm::matrix, HeatmapGeometry::width, HeatmapGeometry::height, canvas::paintForExport,
                () -> canvas.palette().svgStyle(), SvgWriter::writeHeatmap,
                (m, caption, file) -> TransitionsCsv.write(m, caption.withTitle(TransitionsCsv.TITLE), file));
        vm.setOnDrilldown(model::showJourneys);
        vm.setOnError(model::fail);
        ChartFeed.follow(model, Feature.TRANSITIONS, vm.selectionProperty()::set);
    }

    public TransitionsViewModel viewModel() {
        return vm;
    }

    public HeatmapCanvas canvas() {
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
        return ChartExports.actions("Transitions", this, root, () -> dialogs);
    }

    private void build() {
        root.setId("transitions-view");
        root.getStyleClass().add("chart-view");
        root.getStylesheets().add(ChartPaint.stylesheet());

        ToggleButton share = new ToggleButton("Share of row");
        ToggleButton counts = new ToggleButton("Counts");
        share.setTooltip(new Tooltip("Each row shows what share of that event's next events each column is"));
        SegmentedButton mode = new SegmentedButton(share, counts);
        // from the view model: a saved view or a step back may have set the mode before or after this was built
        EnumToggles.bind(mode.getToggleGroup(), vm.modeProperty(),
                Map.of(HeatmapLayout.Mode.COUNT, counts, HeatmapLayout.Mode.PROBABILITY, share), share);

        ChoiceBox<HeatmapLayout.Order> order = new ChoiceBox<>();
        order.setId("transitions-order");
        order.getItems().setAll(HeatmapLayout.Order.values());
        order.setConverter(new StringConverter<>() {
            @Override
            public String toString(HeatmapLayout.Order o) {
                return o == null ? "" : o == HeatmapLayout.Order.FREQUENCY ? "Most frequent first"
                        : "Similar events together";
            }

            @Override
            public HeatmapLayout.Order fromString(String s) {
                return null;
            }
        });
        order.valueProperty().bindBidirectional(vm.orderProperty());

        Slider zoom = new Slider(HeatmapCanvas.MIN_CELL, HeatmapCanvas.MAX_CELL, 20);
        zoom.setId("transitions-zoom");
        zoom.setPrefWidth(140);
        zoom.setTooltip(new Tooltip("Cell size (Ctrl + mouse wheel on the chart)"));
        zoom.valueProperty().addListener((o, a, b) -> {
            if (!syncingZoom) {
                canvas.cellSizeProperty().set(Math.round(b.doubleValue()));
            }
        });
        canvas.effectiveCellSizeProperty().addListener((o, a, b) -> {
            syncingZoom = true;
            zoom.setValue(b.doubleValue());
            syncingZoom = false;
        });
        Button fit = new Button("Fit");
        fit.setId("transitions-fit");
        fit.getStyleClass().add("small");
        fit.setTooltip(new Tooltip("Choose the cell size at which the whole matrix fits the window"));
        fit.setOnAction(e -> canvas.cellSizeProperty().set(Double.NaN));

        Spinner<Integer> topK = new Spinner<>(1, FlowQuery.MAX_TOP_K, vm.topKProperty().get());
        topK.setId("transitions-topk");
        topK.setEditable(true);
        topK.setPrefWidth(76);
        topK.getValueFactory().valueProperty().bindBidirectional(topKObject);
        topK.setTooltip(new Tooltip("Event types shown, most frequent first; the rest are grouped into “Other”"));
        Label topLabel = new Label("Top");
        Label ofLabel = new Label();
        ofLabel.setId("transitions-topk-of");
        ofLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            HeatmapData d = vm.dataProperty().get();
            return d == null || d.otherMembers().isEmpty() ? ""
                    : "of " + org.journeyexplorer.chart.Formats.count(vm.typeCount());
        }, vm.dataProperty()));

        org.journeyexplorer.ui.BusyIndicator busy = new org.journeyexplorer.ui.BusyIndicator();
        busy.runningProperty().bind(LayoutPending.busy(vm.busyProperty(), canvas.layoutPendingProperty()));

        MenuButton export = ChartExports.button(exportActions());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(mode, new Label("Order"), order, sep(), topLabel, topK, ofLabel, sep(),
                new Label("Zoom"), zoom, fit, grow, busy, export);
        toolbar.getStyleClass().add("chart-toolbar");
        root.setTop(toolbar);

        canvas.dataProperty().bind(vm.dataProperty());
        canvas.modeProperty().bind(vm.modeProperty());
        canvas.orderProperty().bind(vm.orderProperty());
        canvas.setOnCellClicked(vm::drill);
        canvas.setBackgroundMenu(() -> ChartExports.menu(this, root, () -> dialogs));
        Label message = new Label();
        message.getStyleClass().add("chart-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.dataProperty().isNull());
        canvas.visibleProperty().bind(vm.dataProperty().isNotNull());
        StackPane area = new StackPane(canvas, message,
                LayoutPending.note(canvas.layoutPendingProperty(), canvas.geometryProperty(), vm.dataProperty()));
        area.getStyleClass().add("chart-area");
        BorderPane.setMargin(area, new Insets(8));
        root.setCenter(area);
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
        try {
            vm.matrixForCsv();
        } catch (UserFacingException e) {
            model.fail(e);
            return;
        }
        exporter.exportCsv(file);
    }

    @Override
    public void copyToClipboard() {
        exporter.copyToClipboard();
    }

    @Override
    public String suggestedFileName() {
        return "transitions";
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        return java.util.Map.of("transitions.mode", vm.modeProperty().get().name(),
                "transitions.order", vm.orderProperty().get().name(),
                "transitions.top", Integer.toString(vm.topKProperty().get()));
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        org.journeyexplorer.ui.ViewState.enumValue(m.get("transitions.mode"), HeatmapLayout.Mode.class)
                .ifPresent(vm.modeProperty()::set);
        org.journeyexplorer.ui.ViewState.enumValue(m.get("transitions.order"), HeatmapLayout.Order.class)
                .ifPresent(vm.orderProperty()::set);
        org.journeyexplorer.ui.ViewState.intValue(m.get("transitions.top"), 0, 10_000)
                .ifPresent(vm.topKProperty()::set);
    }

    @Override
    public java.util.List<javafx.beans.Observable> viewSettingsSources() {
        return java.util.List.of(vm.modeProperty(), vm.orderProperty(), vm.topKProperty());
    }
}
