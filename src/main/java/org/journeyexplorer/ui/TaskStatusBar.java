package org.journeyexplorer.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;

/**
 * The status bar: counts of the current selection on the left; on the right the newest running background job
 * (message, progress, cancel) and a button listing all jobs in a {@link TaskProgressView} popup.
 */
final class TaskStatusBar {
    private final StatusBar bar = new StatusBar();
    private final FxTaskRunner runner;
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar();
    /** In the progress bar's place while the job tells no progress (an indeterminate bar slides a gradient at 60 fps). */
    private final BusyIndicator busy = new BusyIndicator();
    private final Button cancel = new Button("Cancel");
    private final Button more = new Button();
    private final HBox running;
    private Task<?> shown;

    /** The all-jobs button's text: "1 job", "3 jobs" (it said "1 jobs"). */
    static String jobsText(int n) {
        return n == 1 ? "1 job" : n + " jobs";
    }

    TaskStatusBar(AppModel model, FxTaskRunner runner) {
        this.runner = runner;
        bar.setId("status-bar");
        bar.setText("No project");
        model.selectionProperty().addListener((o, a, s) -> bar.setText(countsText(s, model.getProject() != null
                && model.getProject().journey() == org.journeyexplorer.session.JourneyScope.CASE)));
        model.projectProperty().addListener((o, a, p) -> {
            if (model.getSelection() == null) {
                bar.setText(p == null ? "No project" : "Loading " + p.name() + "…");
            }
        });
        progress.setPrefWidth(140);
        progress.visibleProperty().bind(progress.progressProperty().greaterThanOrEqualTo(0));
        cancel.getStyleClass().add("small");
        cancel.setId("status-cancel");
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
            }
        });
        more.getStyleClass().add("small");
        Tips.set(more, "All background jobs");
        more.textProperty().bind(Bindings.createStringBinding(() -> jobsText(runner.tasks().size()), runner.tasks()));
        more.setOnAction(e -> showAll());
        message.setId("status-message");
        message.setMaxWidth(420);
        javafx.scene.layout.StackPane progressSlot = new javafx.scene.layout.StackPane(progress, busy);
        progressSlot.setAlignment(Pos.CENTER_LEFT);
        progressSlot.setId("status-progress");
        running = new HBox(8, message, progressSlot, cancel, more);
        running.setAlignment(Pos.CENTER_RIGHT);
        busy.runningProperty().bind(running.visibleProperty().and(progress.visibleProperty().not()));
        bar.getRightItems().addAll(new Separator(javafx.geometry.Orientation.VERTICAL), running);
        runner.tasks().addListener((ListChangeListener<Task<?>>) c -> update());
        // hidden until a job runs: update() changes nothing while no job was shown, and a visible HBox stepped the
        // dots (and pulsed the window five times a second) in a window that never ran a job
        running.setVisible(false);
        update();
    }

    Node getRoot() {
        return bar;
    }

    /** Adds an indicator on the right, before the background jobs (e.g. the live stream's). */
    void addItem(Node item) {
        bar.getRightItems().add(0, item);
    }

    static String countsText(Selection s, boolean cases) {
        if (s == null) {
            return "Loading…";
        }
        String shown = Format.count(s.count()) + " events shown";
        return s.isAll() ? shown + " · " + Format.count(s.frame().personCount()) + " persons · "
                + Format.count(s.frame().sessionCount()) + (cases ? " cases" : " sessions")
                : shown + " of " + Format.count(s.frame().size) + " (filtered)";
    }

    private void update() {
        Task<?> newest = runner.tasks().isEmpty() ? null : runner.tasks().get(runner.tasks().size() - 1);
        if (newest == shown) {
            return;
        }
        if (shown != null) {
            message.textProperty().unbind();
            progress.progressProperty().unbind();
        }
        shown = newest;
        // hidden, not unmanaged: the bar is a pixel taller with the progress bar and buttons in it, and every
        // background job made the tab above it a pixel shorter and back, which painted and laid out the chart
        // again at each size (two extra Sankey paints per filter change)
        running.setVisible(newest != null);
        if (newest == null) {
            repaintLater();
            return;
        }
        more.setVisible(runner.tasks().size() > 1);
        more.setManaged(runner.tasks().size() > 1);
        if (newest != null) {
            message.textProperty().bind(Bindings.createStringBinding(
                    () -> newest.getMessage() == null || newest.getMessage().isBlank() ? newest.getTitle() + "…"
                            : newest.getMessage(), newest.messageProperty(), newest.titleProperty()));
            progress.progressProperty().bind(newest.progressProperty());
        }
    }

    /**
     * A button of the job area, drawn while two jobs ran, left the top row of its border on screen when the jobs
     * ended (a grey dash at the bottom right of the window, x and width those of the Cancel button then): JavaFX's
     * dirty regions miss it, see {@link FullRepaint}. The whole window, not only the bar: a job's result lands in the
     * tab above, and misses there too (a window built on the Predictions tab before its project opened showed "No
     * model yet" for good while its nodes held the trained model, when only the bar was repainted: dfd6d44, reverted).
     */
    private void repaintLater() {
        FullRepaint.request(bar);
    }

    private void showAll() {
        TaskProgressView<Task<?>> view = new TaskProgressView<>();
        Bindings.bindContent(view.getTasks(), runner.tasks());
        view.setPrefSize(420, 260);
        PopOver pop = new PopOver(view);
        pop.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        pop.setTitle("Background jobs");
        pop.setOnHidden(e -> Bindings.unbindContent(view.getTasks(), runner.tasks()));
        pop.show(more);
    }
}
