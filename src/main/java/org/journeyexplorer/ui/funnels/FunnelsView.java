package org.journeyexplorer.ui.funnels;

import org.journeyexplorer.chart.Formats;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.chart.FunnelGeometry;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.Exports;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.EnumToggles;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Funnels tab: a step builder on the left; the funnel as bars and a step table with drop-off destinations. */
public final class FunnelsView implements FeatureView {
    private final FunnelsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final VBox stepBox = new VBox(6);
    private final FunnelChart chart;
    private final TableView<FunnelResult.Step> table = new TableView<>();
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown

    public FunnelsView(AppModel model, TaskRunner runner) {
        this.vm = new FunnelsViewModel(model, runner);
        chart = new FunnelChart(vm::drillDown);
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    private void build() {
        root.setId("funnels-view");
        root.getStylesheets().add(Theme.stylesheet("funnels.css"));
        root.setLeft(builder());
        root.setCenter(results());
        vm.steps().addListener((ListChangeListener<String>) c -> rebuildSteps());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        rebuildSteps();
        show(vm.resultProperty().get());
    }

    @Override
    public List<ExportAction> exportActions() {
        FunnelResult r = vm.resultProperty().get();
        if (r == null) {
            return List.of();
        }
        return List.of(
                new ExportAction("Funnel as CSV…", () -> Exports.csv(root, vm.model(), vm.runner(), "funnel.csv",
                        List.of("step", "event", "reached", "of_step_1", "of_previous", "dropped",
                                "median_gap_seconds", "dropoff_next"),
                        r.steps().stream().map(s -> List.of(String.valueOf(s.index() + 1), s.label(),
                                String.valueOf(s.count()), String.valueOf(s.fromStart()),
                                String.valueOf(s.fromPrevious()), String.valueOf(s.dropoff()),
                                !s.hasGap() ? ""
                                        : String.format(Locale.ROOT, "%.3f", s.medianFromPreviousMicros() / 1e6),
                                s.dropoffNext().stream().map(n -> n.label() + "=" + n.count())
                                        .collect(Collectors.joining("; ")))).toList())),
                new ExportAction("Funnel chart as PNG…", () -> Exports.png(chart, vm.model(), vm.runner(),
                        "funnel.png")),
                new ExportAction("Funnel chart as SVG…", this::chooseSvg));
    }

    private void chooseSvg() {
        org.journeyexplorer.ui.FileDialogs.current().chooseSaveFile(root.getScene().getWindow(),
                "Export chart as SVG", "funnel.svg", "svg").ifPresent(this::exportSvg);
    }

    /**
     * Writes the funnel as drawn (its {@link FunnelGeometry} at the chart's size) as SVG, in the background; the
     * caption names the project, the steps and the filters.
     */
    public void exportSvg(java.nio.file.Path file) {
        FunnelGeometry g = chart.geometry();
        if (g == null) {
            vm.model().fail(new org.journeyexplorer.core.UserFacingException("There is no funnel to export yet."));
            return;
        }
        org.journeyexplorer.chart.ChartCaption caption = org.journeyexplorer.ui.export.ChartExports.caption(
                "Funnel: " + String.join(" → ", vm.steps()), vm.model().projectProperty().get(),
                vm.model().filtersProperty().get());
        vm.runner().run("Exporting " + file.getFileName(), ctx -> {
            SvgWriter.writeFunnel(g, caption, SvgWriter.Style.light(), file);
            vm.model().recordExport("SVG chart", file, 1);
            return file;
        }, f -> {
        }, vm.model()::fail);
    }

    public FunnelsViewModel viewModel() {
        return vm;
    }

    private Node builder() {
        Label title = new Label("Funnel steps");
        title.getStyleClass().add("section-title");
        Button add = new Button("+ Add step");
        add.setId("funnel-add-step");
        add.setOnAction(e -> vm.addStep());

        ComboBox<FunnelsViewModel.Window> window = new ComboBox<>();
        window.getItems().setAll(FunnelsViewModel.Window.values());
        window.valueProperty().bindBidirectional(vm.windowProperty());
        window.setId("funnel-window");
        window.setMaxWidth(Double.MAX_VALUE);

        ToggleGroup g = new ToggleGroup();
        ToggleButton persons = new ToggleButton("Persons");
        ToggleButton sessions = new ToggleButton("Sessions");
        persons.setToggleGroup(g);
        sessions.setToggleGroup(g);
        EnumToggles.bind(g, vm.unitProperty(), Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions), sessions);
        persons.setTooltip(new Tooltip("Each person's whole history counts once"));
        javafx.beans.property.ReadOnlyStringProperty noun = vm.model().journeysNounProperty();
        sessions.textProperty().bind(noun);
        Tooltip each = new Tooltip();
        each.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Every " + ("Cases".equals(noun.get()) ? "case" : "session") + " is its own journey", noun));
        sessions.setTooltip(each);
        HBox unit = new HBox(persons, sessions);
        unit.getStyleClass().add("segmented");

        CheckBox strict = new CheckBox("Steps directly after each other");
        strict.selectedProperty().bindBidirectional(vm.strictProperty());

        VBox box = new VBox(8, title, stepBox, add, label("Conversion window"), window, label("Count"), unit, strict);
        box.getStyleClass().add("funnel-builder");
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setPrefWidth(270);
        sp.getStyleClass().add("builder-scroll");
        return sp;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
    }

    private void rebuildSteps() {
        stepBox.getChildren().clear();
        for (int i = 0; i < vm.steps().size(); i++) {
            int index = i;
            Label n = new Label(String.valueOf(i + 1));
            n.getStyleClass().add("step-number");
            ComboBox<String> pick = new ComboBox<>(vm.eventTypes());
            pick.setValue(vm.steps().get(i));
            pick.setMaxWidth(Double.MAX_VALUE);
            pick.setId("funnel-step-" + i);
            HBox.setHgrow(pick, Priority.ALWAYS);
            pick.valueProperty().addListener((o, a, b) -> vm.setStep(index, b));
            Button remove = new Button("✕");
            remove.getStyleClass().add("remove-step");
            remove.setDisable(vm.steps().size() <= 1);
            remove.setOnAction(e -> vm.removeStep(index));
            HBox row = new HBox(6, n, pick, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            stepBox.getChildren().add(row);
        }
    }

    private Node results() {
        Label headline = new Label();
        headline.textProperty().bind(vm.headlineProperty());
        headline.getStyleClass().add("headline");
        headline.setId("funnel-headline");
        Label hint = new Label("Click a bar for the journeys that reached a step, its red shading for those "
                + "lost before it.");
        hint.setTooltip(new Tooltip("Right-click a bar for both."));
        hint.getStyleClass().add("muted");

        table.setId("funnel-table");
        table.getColumns().add(col("Step", s -> (s.index() + 1) + ". " + s.label(), 150));
        table.getColumns().add(col("Reached", s -> Format.count(s.count()), 70));
        table.getColumns().add(col("Of step 1", s -> Format.percent(s.fromStart()), 75));
        table.getColumns().add(col("Of previous", s -> Format.percent(s.fromPrevious()), 95));
        table.getColumns().add(col("Dropped", s -> s.dropoff() == 0 ? "" : Format.count(s.dropoff()), 70));
        table.getColumns().add(col("Median gap", s -> !s.hasGap() ? ""
                : Formats.duration(s.medianFromPreviousMicros()), 95));
        table.getColumns().add(col("Where drop-offs went next", s -> s.dropoffNext().stream()
                .map(nx -> nx.label() + " (" + Format.count(nx.count()) + ")").collect(Collectors.joining(", ")), 300));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the figures' headers stay readable; only the drop-off list gives way when the table is narrow
        table.getColumns().stream().limit(table.getColumns().size() - 1).forEach(c -> c.setMinWidth(c.getPrefWidth()));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setPlaceholder(new Label("No funnel yet."));
        table.setFixedCellSize(28);
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(
                javafx.beans.binding.Bindings.size(table.getItems()).add(1.3)));
        table.setMinHeight(120);
        table.setRowFactory(t -> {
            TableRow<FunnelResult.Step> row = new TableRow<>();
            MenuItem reached = new MenuItem("Show journeys that reached this step");
            reached.setOnAction(e -> vm.drillDown(row.getItem().index(), Funnels.Outcome.REACHED));
            MenuItem dropped = new MenuItem("Show journeys that dropped off here");
            dropped.setOnAction(e -> vm.drillDown(row.getItem().index(), Funnels.Outcome.DROPPED));
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(reached, dropped)));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.drillDown(row.getItem().index(), Funnels.Outcome.DROPPED);
                }
            });
            return row;
        });
        Label tableHint = new Label("Double-click a step to see the journeys that dropped off after it.");
        tableHint.getStyleClass().add("muted");

        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(10, new VBox(2, headline, hint), chart, table, tableHint);
        box.getStyleClass().add("funnel-results");
        return box;
    }

    private static TableColumn<FunnelResult.Step, String> col(String name, Function<FunnelResult.Step, String> f,
                                                              double w) {
        TableColumn<FunnelResult.Step, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    private void show(FunnelResult r) {
        table.getItems().clear();
        chart.show(r);
        if (r == null) {
            return;
        }
        List<FunnelResult.Step> steps = r.steps();
        table.getItems().setAll(steps);
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("funnels.unit", vm.unitProperty().get().name());
        m.put("funnels.window", vm.windowProperty().get().name());
        m.put("funnels.strict", Boolean.toString(vm.strictProperty().get()));
        if (!vm.steps().isEmpty() && vm.steps().stream().allMatch(java.util.Objects::nonNull)) {
            m.put("funnels.steps", String.join("\n", vm.steps()));
        }
        return m;
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        org.journeyexplorer.ui.ViewState.enumValue(m.get("funnels.unit"),
                org.journeyexplorer.analysis.CountUnit.class).ifPresent(vm.unitProperty()::set);
        org.journeyexplorer.ui.ViewState.enumValue(m.get("funnels.window"), FunnelsViewModel.Window.class)
                .ifPresent(vm.windowProperty()::set);
        if (m.containsKey("funnels.strict")) {
            vm.strictProperty().set(Boolean.parseBoolean(m.get("funnels.strict")));
        }
        String steps = m.get("funnels.steps");
        if (steps != null && !steps.isEmpty() && !String.join("\n", vm.steps()).equals(steps)) {
            vm.steps().setAll(steps.split("\n"));
        }
    }

    @Override
    public List<javafx.beans.Observable> viewSettingsSources() {
        return List.of(vm.unitProperty(), vm.windowProperty(), vm.strictProperty(), vm.steps());
    }
}
