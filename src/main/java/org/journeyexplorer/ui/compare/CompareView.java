package org.journeyexplorer.ui.compare;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.SegmentedButton;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FunnelComparison;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyLayout;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.Exports;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.chart.ChartFeed;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.flows.SankeyCanvas;
import org.journeyexplorer.ui.EnumToggles;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Compare tab: segment A against segment B of the current selection, as two Sankeys on one scale, as a funnel
 * with intervals and a significance test per step, or as the overview metrics. Segments are defined here (New
 * segment…) and kept in the {@link AppModel}.
 */
public final class CompareView implements FeatureView {
    /** The controls' ranges, which a saved view's settings are held to as well. */
    static final int MAX_STEPS = 10;
    static final int MAX_TOP = 20;
    static final int MAX_WINDOW_DAYS = 365;

    /** The choice that stands for no segment condition at all. */
    static final Segment EVERYONE = Segment.everyone("Everyone");

    private final AppModel model;
    private final TaskRunner runner;
    private final CompareViewModel vm;
    private final BorderPane root = new BorderPane();
    private final SankeyCanvas canvasA = new SankeyCanvas();
    private final SankeyCanvas canvasB = new SankeyCanvas();
    private final ObservableList<Segment> choices = FXCollections.observableArrayList();
    private final ComboBox<Segment> pickA = new ComboBox<>(choices);
    private final ComboBox<Segment> pickB = new ComboBox<>(choices);
    private final TableView<FunnelComparison.Step> funnelTable = new TableView<>();
    private final TableView<CompareViewModel.MetricRow> overviewTable = new TableView<>();
    private final StackPane content = new StackPane();
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown

    public CompareView(AppModel model, TaskRunner runner) {
        this(model, runner, Debouncer.fx(120));
    }

    public CompareView(AppModel model, TaskRunner runner, Debouncer debouncer) {
        this.model = model;
        this.runner = runner;
        this.vm = new CompareViewModel(runner, debouncer, () -> model.backend().propertyIndex(),
                ZoneId.systemDefault());
        vm.setOnError(model::fail);
        vm.conversionEventProperty().bind(model.conversionEventProperty());
        model.segments().addListener((ListChangeListener<Segment>) c -> refreshChoices());
        model.conversionEventProperty().addListener(o -> refreshChoices());
        model.frameProperty().addListener(o -> refreshChoices());
        refreshChoices();
        ChartFeed.follow(model, Feature.COMPARE, vm.selectionProperty()::set);
    }

    public CompareViewModel viewModel() {
        return vm;
    }

    public SankeyCanvas canvasA() {
        return canvasA;
    }

    public SankeyCanvas canvasB() {
        return canvasB;
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    @Override
    public List<ExportAction> exportActions() {
        return List.of(new ExportAction("Comparison as CSV…", this::exportCsv),
                new ExportAction("Comparison as PNG…", () -> Exports.png(content, model, runner,
                        "compare-" + vm.modeProperty().get().name().toLowerCase() + ".png")));
    }

    /** The table of the shown comparison (funnel steps or metrics; for flows the funnel-free summary). */
    private void exportCsv() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        if (vm.modeProperty().get() == CompareViewModel.Mode.FUNNEL && vm.funnelProperty().get() != null) {
            header = List.of("step", "event", "a_reached", "a_base", "a_rate", "a_low95", "a_high95", "b_reached",
                    "b_base", "b_rate", "b_low95", "b_high95", "difference", "p_value", "test");
            for (FunnelComparison.Step s : vm.funnelProperty().get().steps()) {
                var c = s.comparison();
                rows.add(List.of(Integer.toString(s.index() + 1), s.label(), Long.toString(c.a().x()),
                        Long.toString(c.a().n()), num(c.a().rate()), num(c.a().low()), num(c.a().high()),
                        Long.toString(c.b().x()), Long.toString(c.b().n()), num(c.b().rate()), num(c.b().low()),
                        num(c.b().high()), num(c.difference()), num(c.p()), c.test().text()));
            }
        } else {
            header = List.of("metric", "a", "b", "difference", "test");
            for (CompareViewModel.MetricRow r : vm.overview()) {
                rows.add(List.of(r.metric(), r.a(), r.b(), r.difference(), r.significance()));
            }
            if (rows.isEmpty()) {
                rows.add(List.of("segment A", vm.summaryAProperty().get(), "", "", ""));
                rows.add(List.of("segment B", vm.summaryBProperty().get(), "", "", ""));
            }
        }
        Exports.csv(root, model, runner, "compare.csv", header, rows);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.6f", v);
    }

    // ------------------------------------------------------------------ building

    private void build() {
        root.setId("compare-view");
        root.getStyleClass().add("chart-view");
        root.getStylesheets().addAll(ChartPaint.stylesheet(), Theme.stylesheet("compare.css"));

        for (ComboBox<Segment> pick : List.of(pickA, pickB)) {
            pick.setCellFactory(l -> segmentCell());
            pick.setButtonCell(segmentCell());
            pick.setPrefWidth(190);
            pick.setMinWidth(110);
        }
        pickA.setId("compare-a");
        pickB.setId("compare-b");
        pickA.valueProperty().bindBidirectional(vm.segmentAProperty());
        pickB.valueProperty().bindBidirectional(vm.segmentBProperty());

        // New segment… lives in the Segments menu, not beside it: the two pickers keep their width on a laptop
        // screen (with a button beside them they shrank to "Did not purc…" at 1,470 px)
        javafx.scene.control.MenuItem create = new javafx.scene.control.MenuItem("New segment…");
        create.setId("compare-new-segment");
        create.setOnAction(e -> newSegment());
        MenuButton more = new MenuButton("Segments");
        more.setId("compare-segments-menu");
        more.setTooltip(new javafx.scene.control.Tooltip("Define a new segment, edit, swap or delete one"));
        javafx.scene.control.MenuItem editB = new javafx.scene.control.MenuItem("Edit segment B…");
        editB.setOnAction(e -> editSegment(vm.segmentBProperty().get()));
        javafx.scene.control.MenuItem editA = new javafx.scene.control.MenuItem("Edit segment A…");
        editA.setOnAction(e -> editSegment(vm.segmentAProperty().get()));
        javafx.scene.control.MenuItem swap = new javafx.scene.control.MenuItem("Swap A and B");
        swap.setOnAction(e -> {
            Segment a = vm.segmentAProperty().get();
            vm.segmentAProperty().set(vm.segmentBProperty().get());
            vm.segmentBProperty().set(a);
        });
        javafx.scene.control.MenuItem deleteB = new javafx.scene.control.MenuItem("Delete segment B");
        deleteB.setOnAction(e -> model.segments().remove(vm.segmentBProperty().get()));
        more.setOnShowing(e -> {
            boolean b = vm.segmentBProperty().get() != null && vm.segmentBProperty().get() != EVERYONE;
            boolean a = vm.segmentAProperty().get() != null && vm.segmentAProperty().get() != EVERYONE;
            editB.setDisable(!b);
            deleteB.setDisable(!b || suggested(vm.segmentBProperty().get()));
            editA.setDisable(!a);
        });
        more.getItems().addAll(create, new javafx.scene.control.SeparatorMenuItem(), editA, editB, swap,
                new javafx.scene.control.SeparatorMenuItem(), deleteB);
        more.setMinWidth(Region.USE_PREF_SIZE);

        ToggleButton flows = new ToggleButton("Flows");
        ToggleButton funnel = new ToggleButton("Funnel");
        ToggleButton overview = new ToggleButton("Overview");
        SegmentedButton mode = new SegmentedButton(flows, funnel, overview);
        mode.setId("compare-mode");
        // every control starts from the view model: a saved view may have set it before this tab was first shown
        EnumToggles.bind(mode.getToggleGroup(), vm.modeProperty(), Map.of(CompareViewModel.Mode.FLOWS, flows,
                CompareViewModel.Mode.FUNNEL, funnel, CompareViewModel.Mode.OVERVIEW, overview), overview);

        ToggleButton persons = new ToggleButton("Persons");
        ToggleButton sessions = new ToggleButton("Sessions");
        sessions.textProperty().bind(model.journeysNounProperty());
        vm.journeysNounProperty().bind(model.journeysNounProperty());
        SegmentedButton unit = new SegmentedButton(persons, sessions);
        EnumToggles.bind(unit.getToggleGroup(), vm.unitProperty(),
                Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions), persons);
        for (ToggleButton t : List.of(flows, funnel, overview, persons, sessions)) {
            t.setMinWidth(Region.USE_PREF_SIZE);
        }

        org.journeyexplorer.ui.BusyIndicator busy = new org.journeyexplorer.ui.BusyIndicator();
        busy.runningProperty().bind(vm.busyProperty());
        MenuButton export = new MenuButton("Export");
        for (ExportAction a : exportActions()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(a.label());
            item.setOnAction(e -> a.action().run());
            export.getItems().add(item);
        }
        export.setMinWidth(Region.USE_PREF_SIZE);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(label("Compare"), pickA, label("with"), pickB, more, sep(), mode, unit, grow,
                busy, export);
        toolbar.getStyleClass().add("chart-toolbar");

        Label a = new Label();
        a.setId("compare-summary-a");
        a.textProperty().bind(Bindings.concat("A  ", vm.summaryAProperty()));
        a.getStyleClass().addAll("segment-chip", "segment-a");
        Label b = new Label();
        b.setId("compare-summary-b");
        b.textProperty().bind(Bindings.concat("B  ", vm.summaryBProperty()));
        b.getStyleClass().addAll("segment-chip", "segment-b");
        for (Label l : List.of(a, b)) {
            l.visibleProperty().bind(vm.messageProperty().isEmpty());
        }
        HBox chips = new HBox(10, a, b);
        chips.getStyleClass().add("segment-chips");
        root.setTop(new VBox(toolbar, chips));

        Node flowsPane = flowsPane();
        Node funnelPane = funnelPane();
        Node overviewPane = overviewPane();
        flowsPane.visibleProperty().bind(vm.modeProperty().isEqualTo(CompareViewModel.Mode.FLOWS));
        funnelPane.visibleProperty().bind(vm.modeProperty().isEqualTo(CompareViewModel.Mode.FUNNEL));
        overviewPane.visibleProperty().bind(vm.modeProperty().isEqualTo(CompareViewModel.Mode.OVERVIEW));
        Label message = new Label();
        message.setId("compare-message");
        message.getStyleClass().add("chart-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        for (Node n : List.of(flowsPane, funnelPane, overviewPane)) {
            n.opacityProperty().bind(Bindings.when(vm.messageProperty().isEmpty()).then(1.0).otherwise(0.0));
        }
        content.getChildren().addAll(flowsPane, funnelPane, overviewPane, message);
        content.getStyleClass().add("compare-content");
        BorderPane.setMargin(content, new Insets(8));
        root.setCenter(content);

        Label note = new Label();
        note.setId("compare-note");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.textProperty().bind(vm.noteProperty());
        BorderPane.setMargin(note, new Insets(0, 12, 8, 12));
        root.setBottom(note);
    }

    private Node flowsPane() {
        javafx.collections.ObservableList<String> names = javafx.collections.FXCollections.observableArrayList(
                AppModel.sortedTypeNames(model.getFrame()));
        model.frameProperty().addListener((o, x, f) -> {
            if (f != null) { // null only while a project opens: keep the names until its own come
                names.setAll(AppModel.sortedTypeNames(f));
            }
        });
        SearchableComboBox<String> start = org.journeyexplorer.ui.EventPicker.of(names, vm.startEventProperty());
        start.setId("compare-start");
        start.setPrefWidth(200);
        Spinner<Integer> steps = new Spinner<>(1, MAX_STEPS, vm.stepsProperty().get());
        steps.setPrefWidth(70);
        steps.valueProperty().addListener((o, x, v) -> vm.stepsProperty().set(v));
        vm.stepsProperty().addListener((o, x, v) -> steps.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> top = new Spinner<>(1, MAX_TOP, vm.topKProperty().get());
        top.setPrefWidth(70);
        top.valueProperty().addListener((o, x, v) -> vm.topKProperty().set(v));
        vm.topKProperty().addListener((o, x, v) -> top.getValueFactory().setValue(v.intValue()));
        ToggleButton counts = new ToggleButton("Counts");
        ToggleButton shares = new ToggleButton("Shares");
        counts.setTooltip(new Tooltip("One pixel height per journey in both charts: sizes compare"));
        shares.setTooltip(new Tooltip("Both charts start at the same height: shares of each segment compare"));
        SegmentedButton scale = new SegmentedButton(counts, shares);
        scale.setId("compare-scale");
        EnumToggles.bind(scale.getToggleGroup(), vm.scaleProperty(),
                Map.of(CompareViewModel.Scale.COUNTS, counts, CompareViewModel.Scale.SHARES, shares), shares);
        HBox bar = new HBox(8, label("Starting at"), start, label("Steps"), steps, label("Top"), top, sep(),
                label("Scale"), scale);
        bar.getStyleClass().add("sub-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);

        canvasA.dataProperty().bind(vm.flowAProperty());
        canvasB.dataProperty().bind(vm.flowBProperty());
        canvasA.setId("compare-sankey-a");
        canvasB.setId("compare-sankey-b");
        // one scale: both charts get the smaller of the two fitted scales (per journey, or per share of a segment)
        Runnable share = this::shareScale;
        for (SankeyCanvas c : List.of(canvasA, canvasB)) {
            c.dataProperty().addListener(o -> share.run());
            c.heightProperty().addListener(o -> share.run());
            VBox.setVgrow(c, Priority.ALWAYS);
            c.setMinHeight(120);
        }
        vm.scaleProperty().addListener(o -> share.run());
        Label la = sankeyTitle("A", vm.summaryAProperty(), "segment-a");
        Label lb = sankeyTitle("B", vm.summaryBProperty(), "segment-b");
        Label noneA = empty(vm.flowAProperty());
        Label noneB = empty(vm.flowBProperty());
        VBox charts = new VBox(4, la, new StackPane(canvasA, noneA), lb, new StackPane(canvasB, noneB));
        for (Node n : charts.getChildren()) {
            if (n instanceof StackPane sp) {
                VBox.setVgrow(sp, Priority.ALWAYS);
            }
        }
        VBox pane = new VBox(6, bar, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        pane.getStyleClass().add("chart-area");
        return pane;
    }

    private Label empty(javafx.beans.value.ObservableValue<SankeyData> data) {
        Label l = new Label("This segment has no journey with the start event.");
        l.getStyleClass().add("muted");
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> data.getValue() == null, data));
        return l;
    }

    /** Sets both canvases' scale cap to the smaller fitted scale (in journeys or, for shares, per segment total). */
    void shareScale() {
        SankeyData a = canvasA.dataProperty().get();
        SankeyData b = canvasB.dataProperty().get();
        if (a == null || b == null) {
            canvasA.maxScaleProperty().set(Double.POSITIVE_INFINITY);
            canvasB.maxScaleProperty().set(Double.POSITIVE_INFINITY);
            return;
        }
        SankeyLayout.Options o = SankeyLayout.Options.defaults();
        double fa = SankeyLayout.fitScale(a, canvasA.getHeight(), o);
        double fb = SankeyLayout.fitScale(b, canvasB.getHeight(), o);
        if (vm.scaleProperty().get() == CompareViewModel.Scale.COUNTS) {
            double s = Math.min(fa, fb);
            canvasA.maxScaleProperty().set(s);
            canvasB.maxScaleProperty().set(s);
        } else {
            double k = Math.min(fa * a.startTotal(), fb * b.startTotal()); // pixels for 100 % of a segment
            canvasA.maxScaleProperty().set(k / Math.max(1e-9, a.startTotal()));
            canvasB.maxScaleProperty().set(k / Math.max(1e-9, b.startTotal()));
        }
    }

    private static Label sankeyTitle(String letter, javafx.beans.value.ObservableStringValue summary, String style) {
        Label l = new Label();
        l.textProperty().bind(Bindings.concat(letter, "  ", summary));
        l.getStyleClass().addAll("segment-chip", style);
        return l;
    }

    private Node funnelPane() {
        HBox stepsBox = new HBox(6);
        stepsBox.setAlignment(Pos.CENTER_LEFT);
        Runnable refresh = () -> {
            stepsBox.getChildren().clear();
            for (int i = 0; i < vm.funnelSteps().size(); i++) {
                int index = i;
                Label name = new Label((i + 1) + ". " + vm.funnelSteps().get(i));
                Button x = new Button("✕");
                x.getStyleClass().add("chip-close");
                x.setTooltip(new Tooltip("Remove this step"));
                x.setOnAction(e -> vm.removeFunnelStep(index));
                x.setDisable(vm.funnelSteps().size() <= 1);
                HBox chip = new HBox(2, name, x);
                chip.setAlignment(Pos.CENTER_LEFT);
                chip.getStyleClass().add("step-chip");
                stepsBox.getChildren().add(chip);
            }
        };
        vm.funnelSteps().addListener((ListChangeListener<String>) c -> refresh.run());
        refresh.run();
        SearchableComboBox<String> add = new SearchableComboBox<>();
        add.setId("compare-add-step");
        add.setPromptText("+ Add step");
        add.setPrefWidth(170);
        model.frameProperty().addListener((o, x, f) -> add.getItems().setAll(AppModel.sortedTypeNames(f)));
        add.getItems().setAll(AppModel.sortedTypeNames(model.getFrame()));
        add.valueProperty().addListener((o, x, v) -> {
            if (v != null) {
                vm.addFunnelStep(v);
                javafx.application.Platform.runLater(() -> add.setValue(null));
            }
        });
        Spinner<Integer> window = new Spinner<>(0, MAX_WINDOW_DAYS, vm.windowDaysProperty().get());
        window.setId("compare-window");
        window.setPrefWidth(76);
        window.setEditable(true);
        window.valueProperty().addListener((o, x, v) -> vm.windowDaysProperty().set(v));
        // a saved view or a step back sets the window in the view model: shown here too
        vm.windowDaysProperty().addListener((o, x, v) -> window.getValueFactory().setValue(v.intValue()));
        window.setTooltip(new Tooltip("Days from the first step in which the others must follow (0: no limit)"));
        HBox bar = new HBox(8, label("Steps"), stepsBox, add, sep(), label("Within"), window, label("days"));
        bar.getStyleClass().add("sub-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);

        funnelTable.setId("compare-funnel");
        funnelTable.itemsProperty().bind(Bindings.createObjectBinding(() -> vm.funnelProperty().get() == null
                ? FXCollections.observableArrayList()
                : FXCollections.observableArrayList(vm.funnelProperty().get().steps()), vm.funnelProperty()));
        funnelTable.getColumns().setAll(List.of(
                column("Step", s -> (s.index() + 1) + ". " + s.label(), 170),
                column("A reached", s -> Format.count(s.comparison().a().x()) + " of "
                        + Format.count(s.comparison().a().n()), 130),
                column("A rate (95 % CI)", s -> CompareViewModel.rate(s.comparison().a()), 170),
                column("B reached", s -> Format.count(s.comparison().b().x()) + " of "
                        + Format.count(s.comparison().b().n()), 130),
                column("B rate (95 % CI)", s -> CompareViewModel.rate(s.comparison().b()), 170),
                column("B − A", s -> CompareViewModel.points(s.comparison().difference()), 90),
                column("Test", s -> CompareViewModel.verdict(s.comparison()), 190)));
        funnelTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        funnelTable.setPlaceholder(new Label("Add steps to compare the funnel."));
        funnelTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(FunnelComparison.Step s, boolean empty) {
                super.updateItem(s, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("significant"),
                        !empty && s != null && s.comparison().significant());
            }
        });
        Label explain = new Label("Step 1: share of the segment that did it. Later steps: share of those at step 1.");
        explain.getStyleClass().add("muted");
        VBox pane = new VBox(8, bar, funnelChart(), funnelTable, explain);
        VBox.setVgrow(funnelTable, Priority.ALWAYS);
        funnelTable.setPrefHeight(170);
        funnelTable.setPrefWidth(400);
        funnelTable.setMinHeight(120);
        pane.getStyleClass().add("chart-area");
        return pane;
    }

    /** Conversion per step, A and B side by side; the interval and the test are in the tooltip and the table. */
    private Node funnelChart() {
        javafx.scene.chart.CategoryAxis x = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis y = new javafx.scene.chart.NumberAxis(0, 100, 20);
        y.setLabel("% reached");
        javafx.scene.chart.BarChart<String, Number> chart = new javafx.scene.chart.BarChart<>(x, y);
        chart.setId("compare-funnel-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setBarGap(2);
        chart.setCategoryGap(28);
        chart.setPrefHeight(300);
        chart.setMinHeight(200);
        chart.setMinWidth(0);
        chart.setPrefWidth(400);
        VBox.setVgrow(chart, Priority.SOMETIMES);
        vm.funnelProperty().addListener((o, old, c) -> {
            chart.getData().clear();
            if (c == null) {
                return;
            }
            javafx.scene.chart.XYChart.Series<String, Number> a = new javafx.scene.chart.XYChart.Series<>();
            javafx.scene.chart.XYChart.Series<String, Number> b = new javafx.scene.chart.XYChart.Series<>();
            a.setName("A  " + name(vm.segmentAProperty().get()));
            b.setName("B  " + name(vm.segmentBProperty().get()));
            for (FunnelComparison.Step s : c.steps()) {
                String step = (s.index() + 1) + ". " + s.label();
                a.getData().add(new javafx.scene.chart.XYChart.Data<>(step, pct(s.comparison().a().rate())));
                b.getData().add(new javafx.scene.chart.XYChart.Data<>(step, pct(s.comparison().b().rate())));
            }
            chart.getData().setAll(List.of(a, b));
            for (int i = 0; i < c.steps().size(); i++) {
                FunnelComparison.Step s = c.steps().get(i);
                tip(a.getData().get(i), "A: " + CompareViewModel.rate(s.comparison().a()));
                tip(b.getData().get(i), "B: " + CompareViewModel.rate(s.comparison().b()) + "\nB − A "
                        + CompareViewModel.points(s.comparison().difference()) + ", "
                        + CompareViewModel.verdict(s.comparison()));
            }
        });
        return chart;
    }

    private static String name(Segment s) {
        return s == null ? "" : s.name();
    }

    private static double pct(double rate) {
        return Double.isNaN(rate) ? 0 : rate * 100;
    }

    private static void tip(javafx.scene.chart.XYChart.Data<String, Number> d, String text) {
        if (d.getNode() != null) {
            Tooltip.install(d.getNode(), new Tooltip(text));
        }
    }

    private Node overviewPane() {
        overviewTable.setId("compare-overview");
        overviewTable.setItems(vm.overview());
        overviewTable.getColumns().setAll(List.of(
                column("Metric", CompareViewModel.MetricRow::metric, 220),
                column("A", CompareViewModel.MetricRow::a, 180),
                column("B", CompareViewModel.MetricRow::b, 180),
                column("B − A", CompareViewModel.MetricRow::difference, 110),
                column("Test", CompareViewModel.MetricRow::significance, 200)));
        overviewTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox pane = new VBox(overviewTable);
        VBox.setVgrow(overviewTable, Priority.ALWAYS);
        pane.getStyleClass().add("chart-area");
        return pane;
    }

    private static <R> TableColumn<R, String> column(String name, Function<R, String> f, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private ListCell<Segment> segmentCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Segment s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? "" : s.name());
                setTooltip(empty || s == null ? null : new Tooltip(s.describe()));
            }
        };
    }

    /**
     * A ready-made pair while the project knows its conversion event: the persons who did it and those who did not.
     * With no segment of the analyst's own they are the first comparison shown, so the tab opens on an answer (it
     * opened empty, asking for two segments). Not saved with the project; editing one saves the edited copy.
     */
    static List<Segment> suggestions(String conversion) {
        if (conversion == null || conversion.isBlank()) {
            return List.of();
        }
        return List.of(
                new Segment("Did " + conversion, CountUnit.PERSONS,
                        List.of(new SegmentCondition.Performed(conversion, true))),
                new Segment("Did not " + conversion, CountUnit.PERSONS,
                        List.of(new SegmentCondition.Performed(conversion, false))));
    }

    private List<Segment> currentSuggestions() {
        String conversion = model.conversionEventProperty().get();
        var frame = model.getFrame();
        if (frame == null || conversion == null || frame.typeIndex(conversion) < 0) {
            return List.of();
        }
        return suggestions(conversion).stream().filter(s -> !taken(s.name())).toList();
    }

    private boolean suggested(Segment s) {
        return s != null && s != EVERYONE && !model.segments().contains(s);
    }

    private void refreshChoices() {
        Segment a = vm.segmentAProperty().get();
        Segment b = vm.segmentBProperty().get();
        List<Segment> suggestions = currentSuggestions();
        List<Segment> list = new ArrayList<>();
        list.add(EVERYONE);
        list.addAll(model.segments());
        list.addAll(suggestions);
        if (!choices.equals(list)) {
            // not on every frame of a live stream: that would reset an open picker's list every refresh
            choices.setAll(list);
        }
        boolean keepA = a != null && list.contains(a);
        boolean keepB = b != null && list.contains(b);
        if (!keepB && model.segments().isEmpty() && suggestions.size() == 2 && (!keepA || a == EVERYONE)) {
            vm.segmentAProperty().set(suggestions.get(0));
            vm.segmentBProperty().set(suggestions.get(1));
            if (vm.modeProperty().get() == CompareViewModel.Mode.FUNNEL) {
                // a funnel towards the conversion says the obvious here (0 % of the others reach it); the two
                // journeys side by side show where the buyers went differently
                vm.modeProperty().set(CompareViewModel.Mode.FLOWS);
            }
            return;
        }
        vm.segmentAProperty().set(keepA ? a : EVERYONE);
        vm.segmentBProperty().set(keepB ? b : list.size() > 1 ? list.get(1) : null);
    }

    // ------------------------------------------------------------------ segments

    private SegmentEditorViewModel editorModel(Segment start) {
        SegmentEditorViewModel e = new SegmentEditorViewModel(runner, model.backend(),
                AppModel.sortedTypeNames(model.getFrame()), start);
        e.setOnError(model::fail);
        return e;
    }

    /** Opens the editor for a new segment; a segment defined there becomes B. */
    public void newSegment() {
        SegmentEditorViewModel e = editorModel(null);
        new SegmentEditor(root.getScene().getWindow(), e, false, model.journeysNounProperty().get()).showAndWait().ifPresent(this::add);
    }

    /** Adds a segment (a name already taken gets a number) and compares it as B. */
    public void add(Segment s) {
        Segment named = s;
        for (int k = 2; taken(named.name()); k++) {
            named = s.withName(s.name() + " " + k);
        }
        boolean aSuggested = suggested(vm.segmentAProperty().get());
        model.segments().add(named);
        if (aSuggested) {
            // the analyst's own segment is compared with everyone, not with the ready-made pair's first half
            vm.segmentAProperty().set(EVERYONE);
        }
        vm.segmentBProperty().set(named);
    }

    private boolean taken(String name) {
        return name.equals(EVERYONE.name()) || model.segments().stream().anyMatch(x -> x.name().equals(name));
    }

    private void editSegment(Segment s) {
        if (s == null || s == EVERYONE) {
            return;
        }
        SegmentEditorViewModel e = editorModel(s);
        new SegmentEditor(root.getScene().getWindow(), e, true, model.journeysNounProperty().get()).showAndWait().ifPresent(now -> {
            int i = model.segments().indexOf(s);
            if (i >= 0) {
                model.segments().set(i, now);
                vm.replaced(s, now);
            } else {
                // a suggested segment, edited: saved as the analyst's own and compared as B (with everyone)
                add(now);
            }
        });
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

    @Override
    public java.util.Map<String, String> viewSettings() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        if (vm.segmentAProperty().get() != null) {
            m.put("compare.a", vm.segmentAProperty().get().name());
        }
        if (vm.segmentBProperty().get() != null) {
            m.put("compare.b", vm.segmentBProperty().get().name());
        }
        m.put("compare.mode", vm.modeProperty().get().name());
        m.put("compare.unit", vm.unitProperty().get().name());
        m.put("compare.scale", vm.scaleProperty().get().name());
        m.put("compare.steps", Integer.toString(vm.stepsProperty().get()));
        m.put("compare.top", Integer.toString(vm.topKProperty().get()));
        m.put("compare.window", Integer.toString(vm.windowDaysProperty().get()));
        if (vm.startEventProperty().get() != null) {
            m.put("compare.start", vm.startEventProperty().get());
        }
        if (!vm.funnelSteps().isEmpty()) {
            m.put("compare.funnel", String.join("\n", vm.funnelSteps()));
        }
        return m;
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        org.journeyexplorer.ui.ViewState.enumValue(m.get("compare.mode"), CompareViewModel.Mode.class)
                .ifPresent(vm.modeProperty()::set);
        org.journeyexplorer.ui.ViewState.enumValue(m.get("compare.unit"),
                org.journeyexplorer.analysis.CountUnit.class).ifPresent(vm.unitProperty()::set);
        org.journeyexplorer.ui.ViewState.enumValue(m.get("compare.scale"), CompareViewModel.Scale.class)
                .ifPresent(vm.scaleProperty()::set);
        // the controls' own ranges: 0 days (no limit) was refused, so such a view came back with the last window
        org.journeyexplorer.ui.ViewState.intValue(m.get("compare.steps"), 1, MAX_STEPS)
                .ifPresent(vm.stepsProperty()::set);
        org.journeyexplorer.ui.ViewState.intValue(m.get("compare.top"), 1, MAX_TOP).ifPresent(vm.topKProperty()::set);
        org.journeyexplorer.ui.ViewState.intValue(m.get("compare.window"), 0, MAX_WINDOW_DAYS)
                .ifPresent(vm.windowDaysProperty()::set);
        if (m.containsKey("compare.start")) {
            vm.startEventProperty().set(m.get("compare.start"));
        }
        // the conversion event is not the tab's: it is bound to the project's (AppModel), which the Overview sets
        String funnel = m.get("compare.funnel");
        if (funnel != null && !funnel.isEmpty() && !String.join("\n", vm.funnelSteps()).equals(funnel)) {
            vm.funnelSteps().setAll(funnel.split("\n"));
        }
        // segments by name, among the project's (restored before the tabs' settings)
        segmentNamed(m.get("compare.a")).ifPresent(vm.segmentAProperty()::set);
        segmentNamed(m.get("compare.b")).ifPresent(vm.segmentBProperty()::set);
    }

    private java.util.Optional<Segment> segmentNamed(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        return choices.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public java.util.List<javafx.beans.Observable> viewSettingsSources() {
        return java.util.List.of(vm.segmentAProperty(), vm.segmentBProperty(), vm.modeProperty(),
                vm.unitProperty(), vm.scaleProperty(), vm.stepsProperty(), vm.topKProperty(),
                vm.windowDaysProperty(), vm.startEventProperty(), vm.funnelSteps());
    }
}
