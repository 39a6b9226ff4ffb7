package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app's "working…" sign: three small square dots, one lit after the other five times a second, shown while
 * {@link #runningProperty() running}. It stands where JavaFX's indeterminate {@code ProgressIndicator} and
 * {@code ProgressBar} stood (the loading card, the status bar, the charts' toolbars): those animate at 60 frames a
 * second, a turning ring of SVG shapes and a sliding gradient, which the software renderer rasterizes with Marlin and
 * Pisces on every frame. While the 5 M project opened, with four of them turning, that took about 0.5 s of CPU of the
 * 4.3-5.0 s the open used on two cores (render thread, and C2 compiling Marlin's rasterizer several times over;
 * issue 16). A step here repaints a few square pixels, once per {@link #STEP_MILLIS}, and the steps come from a timer,
 * not from an {@code Animation}, whose running makes JavaFX pulse the whole scene 60 times a second.
 */
public final class BusyIndicator extends HBox {
    /** Time between two steps (one dot to the next). */
    public static final long STEP_MILLIS = 200;
    static final double DIM = 0.3;

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final Region[] dots = new Region[3];
    private int lit;
    private long generation;
    private long steps;

    public BusyIndicator() {
        super(3);
        getStyleClass().add("busy-indicator");
        setAlignment(Pos.CENTER);
        setMouseTransparent(true);
        for (int i = 0; i < dots.length; i++) {
            dots[i] = new Region();
            dots[i].getStyleClass().add("busy-dot");
        }
        getChildren().addAll(dots);
        visibleProperty().bind(running);
        running.addListener(o -> restart());
        sceneProperty().addListener(o -> restart()); // a splash replaced by the window stops
        light();
    }

    /** While true the dots are shown and step; false hides them. FX thread. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Steps taken since made (tests: the dots move while running, and stand still otherwise). */
    long steps() {
        return steps;
    }

    /** Steps now, and goes on while running in a scene. */
    private boolean active() {
        return running.get() && getScene() != null;
    }

    private void restart() {
        long gen = ++generation; // a step already scheduled sees the new generation and ends its chain
        if (active()) {
            schedule(gen);
        }
    }

    private void schedule(long gen) {
        CompletableFuture.delayedExecutor(STEP_MILLIS, TimeUnit.MILLISECONDS).execute(() -> Platform.runLater(() -> {
            if (gen == generation && active()) {
                lit = (lit + 1) % dots.length;
                light();
                steps++;
                schedule(gen);
            }
        }));
    }

    private void light() {
        for (int i = 0; i < dots.length; i++) {
            dots[i].setOpacity(i == lit ? 1 : DIM); // opacity only: no CSS pass or layout, a repaint of the dots
        }
    }
}
