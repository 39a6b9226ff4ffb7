package org.journeyexplorer.ui.predict;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.DeployedModel;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.HoldoutEvaluation;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.export.PredictionCsv;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.export.ChartExports;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Predictions tab: on the left a path prefix and its ranked next steps, with how well the model predicts on
 * held-out sessions; on the right conversion towards a goal event per state and the removal effect of each event.
 */
public final class PredictionsView implements FeatureView {
    private final AppModel model;
    private final TaskRunner runner;
    private final PredictionsViewModel vm;
    private FileDialogs dialogs = FileDialogs.native_();
    private final ScrollPane root = new ScrollPane();
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown
    private final FlowPane chips = new FlowPane(6, 6);
    private final VBox evaluationBox = new VBox(6);
    private final TableView<Evaluation.LengthRow> lengths = new TableView<>();
    private final TableView<ConversionAnalysis.StateRow> states = new TableView<>();
    private final RemovalEffectChart effects = new RemovalEffectChart();
    private final ReliabilityChart reliability;
    private final Label conversionHeadline = new Label();

    /** The constructor the UI shell calls from {@code FeatureTabs}. */
    public PredictionsView(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
        this.vm = new PredictionsViewModel(model, runner);
        this.reliability = new ReliabilityChart(model, runner);
        reliability.setOnContextMenuRequested(e -> ChartExports.menu(reliability.exports(), reliability, () -> dialogs)
                .show(reliability, e.getScreenX(), e.getScreenY()));
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    private void build() {
        HBox columns = new HBox(16, left(), right());
        columns.getStyleClass().add("predictions-columns");
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("headline");
        status.setId("predictions-status");
        status.setWrapText(true);
        VBox content = new VBox(12, status, columns);
        content.getStyleClass().add("predictions-content");
        root.setContent(content);
        root.setFitToWidth(true);
        root.setId("predictions-view");
        root.getStylesheets().add(Theme.stylesheet("predictions.css"));
        vm.prefix().addListener((ListChangeListener<String>) c -> rebuildChips());
        vm.trainedProperty().addListener((o, a, t) -> showEvaluation(t));
        vm.conversionProperty().addListener((o, a, r) -> showConversion(r));
        rebuildChips();
        showEvaluation(vm.trainedProperty().get());
        showConversion(vm.conversionProperty().get());
    }

    /** The reliability diagram as laid out on screen, or null before it is (tests). */
    org.journeyexplorer.chart.ReliabilityGeometry reliabilityGeometry() {
        return reliability.geometry();
    }

    /** Replaces the native file chooser (tests answer with known paths). */
    public void setFileDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public List<ExportAction> exportActions() {
        List<ExportAction> out = new java.util.ArrayList<>(List.of(new ExportAction("Next steps as CSV…", () -> export("next-steps",
                        () -> PredictionCsv.nextSteps(List.copyOf(vm.prefix()), List.copyOf(vm.nextSteps())))),
                new ExportAction("Conversion and removal effects as CSV…", () -> {
                    ConversionAnalysis.Result r = vm.conversionProperty().get();
                    if (r != null) {
                        export("conversion-" + r.goalName(), () -> PredictionCsv.conversion(r));
                    }
                }),
                new ExportAction("Prediction model (JSON)…", () -> {
                    if (vm.trainedProperty().get() == null) {
                        return;
                    }
                    var window = root.getScene() == null ? null : root.getScene().getWindow();
                    dialogs.chooseSaveFile(window, "Export the prediction model", "model.json", "json")
                            .ifPresent(path -> vm.exportModel(path, () -> { }));
                })));
        out.addAll(ChartExports.actions("Reliability diagram", reliability.exports(), root, () -> dialogs));
        return out;
    }

    private void export(String name, java.util.function.Supplier<String> csv) {
        String text = csv.get(); // captured on the FX thread, written in the background
        var window = root.getScene() == null ? null : root.getScene().getWindow();
        dialogs.chooseSaveFile(window, "Export as CSV", name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv", "csv")
                .ifPresent(path -> runner.run("Writing " + path.getFileName(), ctx -> {
                    org.journeyexplorer.export.TextFiles.write(path, w -> w.write(text));
                    model.recordExport("predictions CSV", path, text.lines().count() - 1);
                    return path;
                }, p -> { }, model::fail));
    }

    public PredictionsViewModel viewModel() {
        return vm;
    }

    private Node left() {
        ComboBox<String> pick = new ComboBox<>(vm.eventTypes());
        pick.setPromptText("Add a step…");
        pick.setId("predictions-add");
        pick.setOnAction(e -> {
            String v = pick.getValue();
            if (v != null) {
                vm.addToPrefix(v);
                pick.getSelectionModel().clearSelection();
            }
        });
        Button clear = new Button("Clear");
        clear.getStyleClass().add("small");
        clear.setOnAction(e -> vm.clearPrefix());
        HBox addRow = new HBox(8, pick, clear);
        addRow.setAlignment(Pos.CENTER_LEFT);
        Label info = new Label();
        info.textProperty().bind(vm.prefixInfoProperty());
        info.getStyleClass().add("muted");
        info.setWrapText(true);

        TableView<NextStep> next = new TableView<>(vm.nextSteps());
        next.setId("predictions-next");
        next.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        next.getColumns().add(col("#", s -> String.valueOf(vm.nextSteps().indexOf(s) + 1), 36));
        next.getColumns().add(col("Next step", NextStep::name, 200));
        next.getColumns().add(col("Probability", s -> Format.percent(s.probability()), 90));
        next.setPrefHeight(300);
        next.setPlaceholder(new Label("No model yet"));
        next.setRowFactory(tv -> {
            javafx.scene.control.TableRow<NextStep> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && !row.getItem().isEnd()) {
                    vm.addToPrefix(row.getItem().name());
                }
            });
            return row;
        });

        next.setOnKeyPressed(e -> {
            NextStep chosen = next.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && chosen != null && !chosen.isEnd()) {
                vm.addToPrefix(chosen.name());
            }
        });
        // short enough for the card at 1280 px; the full how-to is the tooltip
        Label pathLabel = new Label("Path so far: double-click a next step to extend it");
        pathLabel.setTooltip(new javafx.scene.control.Tooltip(
                "Double-click a next step, or select it and press Enter, to add it to the path."));
        VBox card = card("Next step", pathLabel, chips, addRow, info, next);
        VBox quality = card("How good are these predictions", evaluationBox);
        VBox box = new VBox(16, card, quality);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(520);
        return box;
    }

    private Node right() {
        ComboBox<String> goal = new ComboBox<>(vm.eventTypes());
        goal.valueProperty().bindBidirectional(vm.goalProperty());
        goal.setId("predictions-goal");
        HBox goalRow = new HBox(8, new Label("Goal event"), goal);
        goalRow.setAlignment(Pos.CENTER_LEFT);
        conversionHeadline.getStyleClass().add("subheadline");
        conversionHeadline.setWrapText(true);

        states.setId("predictions-states");
        states.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        states.getColumns().add(col("State", ConversionAnalysis.StateRow::name, 180));
        states.getColumns().add(col("Seen", s -> Format.count(s.visits()), 80));
        states.getColumns().add(col("Reach goal", s -> Format.percent(s.conversion()), 90));
        states.getColumns().add(col("Steps to goal", s -> Double.isNaN(s.expectedSteps()) ? "–"
                : String.format(Locale.ROOT, "%.1f", s.expectedSteps()), 100));
        states.setPrefHeight(260);
        // the analysis follows the model's training, so a chosen goal can wait a while for its rows
        Label statesEmpty = new Label();
        statesEmpty.setId("predictions-states-empty");
        statesEmpty.textProperty().bind(Bindings.createStringBinding(() -> vm.goalProperty().get() == null
                        ? "Choose a goal"
                        : vm.conversionProperty().get() == null ? "Working out conversion towards "
                        + vm.goalProperty().get() + "…" : "No state reaches " + vm.goalProperty().get(),
                vm.goalProperty(), vm.conversionProperty()));
        states.setPlaceholder(statesEmpty);

        Label effectTitle = new Label("Removal effect: how much conversion from the start drops without each "
                + "event (bars), with a 95 % bootstrap interval (lines)");
        effectTitle.setWrapText(true);
        effectTitle.getStyleClass().add("muted");
        VBox card = card("Conversion", goalRow, conversionHeadline, states, effectTitle, effects);
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setPrefWidth(560);
        return card;
    }

    private void rebuildChips() {
        chips.getChildren().clear();
        if (vm.prefix().isEmpty()) {
            Label start = new Label();
            start.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> "(start of a " + model.journeyWord(false) + ")", model.journeysNounProperty()));
            start.getStyleClass().add("muted");
            chips.getChildren().add(start);
            return;
        }
        for (int i = 0; i < vm.prefix().size(); i++) {
            int index = i;
            Button chip = new Button(vm.prefix().get(i) + "  ✕");
            chip.setMnemonicParsing(false); // event names hold underscores, which would otherwise vanish
            chip.getStyleClass().add("prefix-chip");
            chip.setTooltip(new Tooltip("Cut the path here"));
            chip.setOnAction(e -> vm.truncatePrefix(index));
            chips.getChildren().add(chip);
        }
    }

    private void showEvaluation(DeployedModel t) {
        evaluationBox.getChildren().clear();
        if (t == null || t.evaluation() == null) {
            Label l = new Label(t == null ? "Shown once the model is trained." : t.summary());
            l.setWrapText(true);
            l.getStyleClass().add("muted");
            evaluationBox.getChildren().add(l);
            return;
        }
        HoldoutEvaluation.Result r = t.evaluation();
        Evaluation.Score m = r.report().model();
        Evaluation.Score b = r.report().baseline();
        GridPane g = new GridPane();
        g.getStyleClass().add("summary-grid");
        String[][] rows = {
                {"", "Model", "Most frequent next"},
                {"Accuracy", Format.percent(m.accuracy()), Format.percent(b.accuracy())},
                {"Top-3 accuracy", Format.percent(m.top3Accuracy()), Format.percent(b.top3Accuracy())},
                {"Log-loss (lower is better)", String.format(Locale.ROOT, "%.3f", m.logLoss()),
                        String.format(Locale.ROOT, "%.3f", b.logLoss())},
        };
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) {
                Label l = new Label(rows[i][j]);
                l.getStyleClass().add(j == 0 || i == 0 ? "summary-key" : "summary-value");
                g.add(l, j, i);
            }
        }
        Label how = new Label(String.format(Locale.ROOT, "Trained on the earliest %s %s, tested on the "
                        + "latest %s (%s predictions, leaving included). Configuration chosen on validation folds "
                        + "of the training %s only: %s.", Format.count(r.trainSequences()), model.journeyWord(true),
                Format.count(r.testSequences()), Format.count(m.predictions()), model.journeyWord(true),
                r.selection().chosen().describe()));
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        evaluationBox.getChildren().addAll(g, how);
        if (t.chosenLostToBaseline() || r.chosenIsBaseline()) {
            Label plain = new Label(t.chosenLostToBaseline()
                    ? "The chosen model did not beat \"most frequent next\" on the latest " + model.journeyWord(true)
                    + ", so the next "
                    + "steps above come from \"most frequent next\"."
                    : r.selection().baselineOnSecondaryMetrics()
                    ? "A richer model was more often right on the validation folds, but below \"most frequent "
                    + "next\" there on top-3 accuracy or log-loss, so \"most frequent next\" is the model."
                    : "No richer model beat \"most frequent next\" clearly across the validation folds, so it is "
                    + "the model.");
            plain.setId("predictions-baseline-note");
            plain.setWrapText(true);
            plain.getStyleClass().add("warning");
            evaluationBox.getChildren().add(plain);
        }
        String below = r.report().secondaryMetricsNote();
        if (!t.usesBaseline() && !below.isEmpty()) {
            Label note = new Label(below + " It was no worse there on the validation folds, where it was "
                    + "chosen, so it predicts for its higher accuracy.");
            note.setId("predictions-secondary-note");
            note.setWrapText(true);
            note.getStyleClass().add("muted");
            evaluationBox.getChildren().add(note);
        }
        if (r.report().thinShare() > 0.05) {
            Label warn = new Label(String.format(Locale.ROOT, "%.0f %% of the test predictions came from contexts "
                    + "seen fewer than %d times in training: treat those with care.", 100 * r.report().thinShare(),
                    Evaluation.THIN_SUPPORT));
            warn.setWrapText(true);
            warn.getStyleClass().add("warning");
            evaluationBox.getChildren().add(warn);
        }
        if (lengths.getColumns().isEmpty()) {
            lengths.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            lengths.getColumns().add(col("Events so far", l -> l.prefixLength() + (l.andLonger() ? "+" : ""), 100));
            lengths.getColumns().add(col("Predictions", l -> Format.count(l.predictions()), 90));
            lengths.getColumns().add(col("Accuracy", l -> Format.percent(l.accuracy()), 80));
            lengths.getColumns().add(col("Baseline", l -> Format.percent(l.baselineAccuracy()), 80));
            lengths.setPrefHeight(200);
        }
        lengths.getItems().setAll(r.report().byLength());
        evaluationBox.getChildren().add(lengths);
        Evaluation.Calibration cal = r.report().calibration();
        Label calTitle = new Label(String.format(Locale.ROOT, "Calibration: when the top prediction says p, is it "
                + "right p of the time? Bars: share right per confidence bin; dashed: perfect calibration. Expected "
                + "calibration error %.1f %% (baseline %.1f %%).", 100 * cal.ece(),
                100 * r.report().baselineCalibration().ece()));
        calTitle.setWrapText(true);
        calTitle.getStyleClass().add("muted");
        reliability.show(cal);
        evaluationBox.getChildren().addAll(calTitle, reliability);
    }

    private void showConversion(ConversionAnalysis.Result r) {
        if (r == null) {
            states.getItems().clear();
            conversionHeadline.setText("");
            effects.show(null);
            return;
        }
        states.getItems().setAll(r.states());
        conversionHeadline.setText(String.format(Locale.ROOT, "%s of %s reach %s from the start%s.",
                Format.percent(r.startConversion()), model.journeyWord(true), r.goalName(), Double.isNaN(r.startExpectedSteps()) ? ""
                        : String.format(Locale.ROOT, ", after %.1f steps on average when they do",
                        r.startExpectedSteps())) + (r.note().isEmpty() ? "" : " " + r.note()));
        effects.show(r);
    }

    private static VBox card(String title, Node... children) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(8);
        box.getChildren().add(t);
        box.getChildren().addAll(children);
        box.getStyleClass().add("card");
        return box;
    }

    private static <S> TableColumn<S, String> col(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    @Override
    public java.util.Map<String, String> viewSettings() {
        return vm.viewSettings();
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        vm.applyViewSettings(m);
    }

    @Override
    public void catchUp() {
        vm.catchUpOnRequest();
    }

    @Override
    public List<javafx.beans.Observable> viewSettingsSources() {
        return vm.viewSettingsSources();
    }
}
