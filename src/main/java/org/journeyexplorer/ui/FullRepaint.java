package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Whole-window repaints where JavaFX 21 leaves stale pixels on screen. Its dirty regions miss some changes: a node
 * changed while it was not drawn keeps its dirty mark, the marks of later changes below it stop there and never
 * reach the window, and the next frames repaint only around what they did reach (most likely JDK-8322619: fixed
 * in JavaFX 23, which needs Java 21; 21.0.11 still has the code that fix removed). Seen twice, both gone with
 * {@code -Dprism.dirtyopts=false}: the Journeys tab of a case log opened on that tab showed "Select a person." in
 * Sessions and Events beside a selected case while the tables held its rows and were laid out (sepsis.csv: stale
 * in 9 of 9 screenshots, shown in 3 of 3 with this); and the top row of the status bar's Cancel button stayed as a
 * grey dash after the jobs ended. A repaint of everything draws every node and clears every mark. It is asked for
 * by setting the scene's fill to an equal colour: a new fill repaints the whole scene, the only public way to ask
 * for that.
 */
public final class FullRepaint {
    private FullRepaint() {
    }

    /** Pulses at whose end the whole scene is repainted after a request: the change's own and the layout after it. */
    static final int PULSES = 3;

    private static final Object KEY = new Object();

    /** After each change of {@code rows}, shown by {@code view}, repaints the whole window on the next pulses. */
    public static void afterChanges(Node view, ObservableList<?> rows) {
        rows.addListener((ListChangeListener<Object>) c -> request(view));
    }

    /** Repaints the whole window of {@code node} at the end of each of the next {@link #PULSES} pulses. */
    public static void request(Node node) {
        Scene scene = node.getScene();
        if (scene == null) {
            return;
        }
        int[] left = (int[]) scene.getProperties().computeIfAbsent(KEY, k -> {
            int[] counter = {0};
            scene.addPostLayoutPulseListener(() -> {
                if (counter[0] > 0) {
                    counter[0]--;
                    refill(scene);
                    if (counter[0] > 0) {
                        Platform.requestNextPulse();
                    }
                }
            });
            return counter;
        });
        left[0] = PULSES;
        Platform.requestNextPulse();
    }

    /** Sets the scene's fill to an equal but new colour (a property fires on a new object, equal or not). */
    static void refill(Scene scene) {
        Paint fill = scene.getFill();
        if (fill instanceof Color c) {
            scene.setFill(Color.color(c.getRed(), c.getGreen(), c.getBlue(), c.getOpacity()));
        } else if (fill != null) {
            scene.setFill(null);
            scene.setFill(fill);
        }
    }
}
