package org.journeyexplorer.ui.chart;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Coalesces bursts of requests (a spinner held down, several filters applied at once). A lone request runs at once,
 * so one click on a control answers without a wait; requests that follow it within the quiet period are coalesced
 * into one run after it. ViewModel tests use {@link #immediate()}, which needs no FX toolkit.
 */
public interface Debouncer {

    /**
     * Runs {@code action} now when nothing was requested during the last quiet period, else once things are quiet
     * again; a newer request replaces an older pending one.
     */
    void request(Runnable action);

    /** Runs every request at once on the calling thread. */
    static Debouncer immediate() {
        return Runnable::run;
    }

    /**
     * On the FX thread: the first request after {@code millis} of quiet runs at once (a single click costs no wait,
     * 120 ms of the 150 ms a re-query may take); later ones in a burst wait until {@code millis} of quiet and run
     * once, the newest.
     */
    static Debouncer fx(double millis) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        return action -> {
            if (pause.getStatus() == Animation.Status.RUNNING) {
                pause.setOnFinished(e -> action.run());
            } else {
                pause.setOnFinished(null);
                action.run();
            }
            pause.playFromStart();
        };
    }
}
