package org.journeyexplorer.ui;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;

/**
 * A card over the tabs while they have nothing to show yet and background work is bringing it (opening a
 * project, importing the demo on a first start, building the journeys): the tabs would otherwise show dashes
 * and empty axes that look broken. It appears only after a short delay, so quick work does not flash it, and
 * never while a project with data refreshes (a live stream, a filter): the charts keep their last picture then.
 * The card passes clicks through; the status bar below keeps the progress and Cancel.
 */
public final class LoadingOverlay {
    static final Duration DELAY = Duration.millis(300);

    private final AppModel model;
    private final FxTaskRunner runner;
    private final VBox card;
    private final Label message = new Label();
    private final StackPane root;
    private final PauseTransition delay = new PauseTransition(DELAY);

    public LoadingOverlay(AppModel model, FxTaskRunner runner) {
        this.model = model;
        this.runner = runner;
        BusyIndicator busy = new BusyIndicator(); // not a ProgressIndicator: its 60 fps turning cost the open CPU
        message.setId("loading-message");
        message.getStyleClass().add("loading-message");
        Label hint = new Label("Progress and Cancel are in the status bar below.");
        hint.getStyleClass().add("muted");
        card = new VBox(12, busy, message, hint);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("loading-card");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        root = new StackPane(card);
        root.setId("loading-overlay");
        root.getStyleClass().add("loading-overlay");
        root.setMouseTransparent(true);
        root.setVisible(false);
        busy.runningProperty().bind(root.visibleProperty());
        delay.setOnFinished(e -> root.setVisible(wanted()));
        runner.tasks().addListener((ListChangeListener<Task<?>>) c -> update());
        model.frameProperty().addListener((o, a, b) -> update());
        model.selectionProperty().addListener((o, a, b) -> update());
        update();
    }

    public StackPane getRoot() {
        return root;
    }

    /** The tabs have no data of their own to show, and work is running that will bring it. */
    private boolean wanted() {
        var frame = model.getFrame();
        boolean empty = model.getSelection() == null || frame == null || frame.size == 0;
        return empty && !runner.tasks().isEmpty();
    }

    private void update() {
        if (!runner.tasks().isEmpty()) {
            Task<?> newest = runner.tasks().get(runner.tasks().size() - 1);
            message.setText(newest.getTitle() == null || newest.getTitle().isBlank() ? "Working…"
                    : newest.getTitle() + "…");
        }
        if (!wanted()) {
            delay.stop();
            root.setVisible(false);
        } else if (!root.isVisible() && delay.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            // counted from when the card was first wanted: restarted on every task change, it never showed
            // while an open started and finished its many small tasks
            delay.playFromStart();
        }
    }
}
