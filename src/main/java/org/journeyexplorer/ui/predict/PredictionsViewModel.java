package org.journeyexplorer.ui.predict;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.DeployedModel;
import org.journeyexplorer.predict.ModelExport;
import org.journeyexplorer.predict.portable.PortableModel;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.ViewDefaults;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.util.List;
import java.util.Locale;

/**
 * The Predictions tab's state. In the background it chooses and measures a next-step model on the selected
 * sessions (earlier 80% train and choose, later 20% test, "leaves" included as an outcome), trains the chosen
 * configuration on all of them, and runs the conversion / removal-effect analysis for the goal event. The
 * ranked next steps for the user's path prefix are computed on the FX thread from the trained model (micro
 * seconds per prefix).
 */
public final class PredictionsViewModel {
    /** Next steps listed. */
    public static final int TOP = 10;
    /** Bootstrap repetitions of the removal effects. */
    public static final int BOOTSTRAP_REPS = ConversionAnalysis.DEFAULT_REPS;

    private final AppModel model;
    private final TaskRunner runner;
    private final ObservableList<String> prefix = FXCollections.observableArrayList();
    private final ObservableList<String> eventTypes = FXCollections.observableArrayList();
    private final ObservableList<NextStep> nextSteps = FXCollections.observableArrayList();
    // One read-only wrapper each, kept: a wrapper listens weakly, so a fresh one per call could be collected.
    private final ObservableList<String> prefixView = FXCollections.unmodifiableObservableList(prefix);
    private final ObservableList<String> eventTypesView = FXCollections.unmodifiableObservableList(eventTypes);
    private final ObservableList<NextStep> nextStepsView = FXCollections.unmodifiableObservableList(nextSteps);
    private final ObjectProperty<String> goal = new SimpleObjectProperty<>(this, "goal");
    private final ReadOnlyObjectWrapper<DeployedModel> trained = new ReadOnlyObjectWrapper<>(this, "trained");
    private final ReadOnlyObjectWrapper<ConversionAnalysis.Result> conversion =
            new ReadOnlyObjectWrapper<>(this, "conversion");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper prefixInfo = new ReadOnlyStringWrapper(this, "prefixInfo", "");
    /** The trained model as the portable scorer, the code the exported model file is scored with. */
    private PortableModel scoring;
    private boolean dirty = true;
    private boolean conversionDirty = true;
    private long generation;
    private Task<?> trainTask;
    private Task<?> conversionTask;
    private long conversionGeneration;

    /** The constructor the UI shell calls (see {@code FeatureTabs}). */
    public PredictionsViewModel(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
        model.frameProperty().addListener((o, a, f) -> frameChanged(f));
        model.selectionProperty().addListener((o, a, s) -> invalidate());
        model.selectedFeatureProperty().addListener((o, a, f) -> refreshIfShown());
        goal.addListener((o, a, g) -> {
            conversionDirty = true;
            refreshIfShown();
        });
        prefix.addListener((ListChangeListener<String>) c -> updateNextSteps());
        model.predictionRequestProperty().addListener((o, a, path) -> {
            if (path != null) {
                prefix.setAll(path);
            }
        });
        frameChanged(model.getFrame());
        refreshIfShown(); // made when its tab is shown, with the project's selection there already
    }

    /**
     * Shows the path of the latest prediction request, if any: for a view model made after the request (its tab is
     * made when first shown, and a request switches to it), once the settings kept for the tab are applied.
     */
    public void catchUpOnRequest() {
        List<String> path = model.predictionRequestProperty().get();
        if (path != null && !path.equals(prefix)) {
            prefix.setAll(path);
        }
    }

    private void frameChanged(EventFrame f) {
        if (f == null) {
            return;
        }
        eventTypes.setAll(AppModel.sortedTypeNames(f));
        // the path and goal kept to what the new data has: defaults, not a step back/forward returns to
        ViewDefaults.fillIn(() -> {
            prefix.removeIf(p -> f.typeIndex(p) < 0);
            if (goal.get() == null || f.typeIndex(goal.get()) < 0) {
                String conv = model.conversionEventProperty().get();
                goal.set(conv != null && f.typeIndex(conv) >= 0 ? conv : mostFrequent(f));
            }
        });
    }

    private static String mostFrequent(EventFrame f) {
        if (f.typeCount() == 0) {
            return null;
        }
        long[] c = f.typeCounts(); // counted once per frame (a pass over every event here, on the FX thread)
        int best = 0;
        for (int t = 1; t < c.length; t++) {
            if (c[t] > c[best]) {
                best = t;
            }
        }
        return f.typeNames[best];
    }

    private void invalidate() {
        dirty = true;
        conversionDirty = true;
        // work for the old selection is of no use any more: free the worker now, even if this tab is hidden
        cancel(trainTask);
        cancel(conversionTask);
        refreshIfShown();
    }

    private static void cancel(Task<?> task) {
        if (task != null) {
            task.cancel();
        }
    }

    private void refreshIfShown() {
        if (model.selectedFeatureProperty().get() != Feature.PREDICTIONS) {
            return;
        }
        if (dirty) {
            refresh();
        } else if (conversionDirty) {
            refreshConversion();
        }
    }

    /** Chooses, measures and trains the model now, then the conversion analysis. */
    public void refresh() {
        dirty = false;
        Selection sel = model.getSelection();
        if (sel == null) {
            trained.set(null);
            return;
        }
        long gen = ++generation;
        status.set("Training and measuring the next-step model…");
        cancel(trainTask);
        trainTask = runner.run("Training next-step model", ctx -> train(sel, ctx), r -> {
            if (gen != generation) {
                return;
            }
            scoring = r == null ? null : ModelExport.forScoring(r);
            trained.set(r);
            status.set(r == null ? "There are no " + model.journeyWord(true) + " to learn from." : r.summary());
            updateNextSteps();
            refreshConversion();
        }, t -> {
            if (gen == generation) {
                status.set("");
            }
            model.fail(t);
        });
    }

    /** The background job: null when there are no sessions. */
    static DeployedModel train(Selection sel, TaskContext ctx) {
        Sequences sessions = Sequences.fromSelection(sel).chronological();
        return sessions.size() == 0 ? null : DeployedModel.train(sessions, ctx);
    }

    /** Runs the conversion analysis for the current goal on the trained sessions. */
    public void refreshConversion() {
        conversionDirty = false;
        DeployedModel t = trained.get();
        String g = goal.get();
        if (t == null || g == null || t.sessions().typeIndex(g) < 0) {
            conversion.set(null);
            return;
        }
        int goalIndex = t.sessions().typeIndex(g);
        long gen = ++conversionGeneration;
        cancel(conversionTask);
        conversionTask = runner.run("Conversion and removal effects for " + g,
                ctx -> ConversionAnalysis.analyze(t.sessions(), goalIndex, BOOTSTRAP_REPS, 1L, ctx), r -> {
                    if (gen == conversionGeneration) {
                        conversion.set(r);
                    }
                }, model::fail);
    }

    private void updateNextSteps() {
        DeployedModel t = trained.get();
        if (t == null) {
            nextSteps.clear();
            prefixInfo.set("");
            return;
        }
        int[] p = new int[prefix.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = t.sessions().typeIndex(prefix.get(i));
            if (p[i] < 0) {
                nextSteps.clear();
                prefixInfo.set("'" + prefix.get(i) + "' does not occur in these " + model.journeyWord(true) + ".");
                return;
            }
        }
        nextSteps.setAll(scoring.score(List.copyOf(prefix), null, TOP).next());
        int[] support = t.model().support(p, p.length);
        String what = p.length == 0 ? "How " + model.journeyWord(true) + " start" : "After "
                + String.join(" → ", prefix) + " (as the start of a " + model.journeyWord(false) + ")";
        prefixInfo.set(what + " · context seen " + String.format(Locale.ROOT, "%,d", support[0]) + " times"
                + (support[0] < Evaluation.THIN_SUPPORT ? " — thin, treat with care" : ""));
    }

    /**
     * The model file of the trained model (File ▸ Export ▸ Prediction model), with the current session rule,
     * the conversion chain towards the goal and the evaluation figures; built in the background.
     */
    public void exportModel(java.nio.file.Path file, Runnable done) {
        DeployedModel t = trained.get();
        if (t == null) {
            return;
        }
        String g = goal.get();
        org.journeyexplorer.ui.FrameOptions o = model.frameOptionsProperty().get();
        String project = model.getProject() == null ? "" : model.getProject().name();
        runner.run("Exporting the prediction model to " + file.getFileName(), ctx -> {
            org.journeyexplorer.session.SessionRule rule = org.journeyexplorer.session.SessionRule.timeout(
                    o.sessionTimeout().toNanos() / 1000);
            PortableModel m = ModelExport.build(t, rule, o.stitchIdentities(), g, project, ctx);
            ModelExport.write(m, file);
            this.model.recordExport("prediction model", file, m.events().size());
            return file;
        }, f -> done.run(), this.model::fail);
    }

    public void addToPrefix(String event) {
        if (event != null) {
            prefix.add(event);
        }
    }

    /** Removes the step at {@code index} and everything after it, as a path prefix only ends where cut. */
    public void truncatePrefix(int index) {
        if (index >= 0 && index < prefix.size()) {
            prefix.remove(index, prefix.size());
        }
    }

    public void clearPrefix() {
        prefix.clear();
    }

    public ObservableList<String> prefix() {
        return prefixView;
    }

    /** The path and the goal event, for saved views and back/forward (event names one per line, as in Funnels). */
    public java.util.Map<String, String> viewSettings() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        if (!prefix.isEmpty()) {
            m.put("predictions.path", String.join("\n", prefix));
        }
        if (goal.get() != null) {
            m.put("predictions.goal", goal.get());
        }
        return m;
    }

    /** Sets the path and goal from {@link #viewSettings()}; names not in the current data are left out. */
    public void applyViewSettings(java.util.Map<String, String> m) {
        EventFrame f = model.getFrame();
        String path = m.getOrDefault("predictions.path", "");
        List<String> steps = path.isEmpty() ? List.of() : java.util.Arrays.stream(path.split("\n"))
                .filter(e -> f == null || f.typeIndex(e) >= 0).toList();
        if (!steps.equals(prefix)) {
            prefix.setAll(steps);
        }
        String g = m.get("predictions.goal");
        if (g != null && (f == null || f.typeIndex(g) >= 0)) {
            goal.set(g);
        }
    }

    /** What changes {@link #viewSettings()}. */
    public List<javafx.beans.Observable> viewSettingsSources() {
        return List.of(prefix, goal);
    }

    public ObservableList<String> eventTypes() {
        return eventTypesView;
    }

    public ObservableList<NextStep> nextSteps() {
        return nextStepsView;
    }

    public ObjectProperty<String> goalProperty() {
        return goal;
    }

    public ReadOnlyObjectProperty<DeployedModel> trainedProperty() {
        return trained.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConversionAnalysis.Result> conversionProperty() {
        return conversion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty prefixInfoProperty() {
        return prefixInfo.getReadOnlyProperty();
    }
}
