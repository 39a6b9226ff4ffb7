package org.journeyexplorer.ui.chart;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Coalesces bursts of requests (a spinner held down, several filters applied at once) into one run after a short
 * quiet period. ViewModel tests use {@link #immediate()}, which needs no FX toolkit.
 */
public interface Debouncer {

    /** Runs {@code action} once things are quiet; a newer request replaces an older pending one. */
    void request(Runnable action);

    /** Runs every request at once on the calling thread. */
    static Debouncer immediate() {
        return Runnable::run;
    }

    /** Waits {@code millis} of quiet on the FX thread. */
    static Debouncer fx(double millis) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        return action -> {
            pause.setOnFinished(e -> action.run());
            pause.playFromStart();
        };
    }
}
