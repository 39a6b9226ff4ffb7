package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

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
 *
 * <p>A whole-window repaint is dear in the software pipeline: 15–60 ms of the render thread per pulse at 1,600 × 1,000
 * on this machine. Where the stale pixels lie inside one node that is always drawn, {@link #requestArea} repaints
 * only that node's bounds.
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

    /** The opacity of an area's step: no one can tell it from 1, but it is a change. */
    static final double STEP_OPACITY = 0.999;

    private static final Object AREA_KEY = new Object();

    /**
     * Repaints the bounds of {@code node} (not the whole window) on the next two pulses: an opacity step of the node
     * ({@link #STEP_OPACITY} times its own on the first pulse, its own again on the second) marks all of it dirty,
     * whatever stale marks lie below it. Set and reset within one pulse repaints nothing. {@code node} must be one
     * that is always drawn while in its window (a hidden node's own marks are the stale ones).
     */
    public static void requestArea(Node node) {
        Scene scene = node.getScene();
        if (scene == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<Node, double[]> pending = (Map<Node, double[]>) scene.getProperties().computeIfAbsent(AREA_KEY, k -> {
            Map<Node, double[]> steps = new IdentityHashMap<>();
            scene.addPostLayoutPulseListener(() -> stepAreas(steps));
            return steps;
        });
        // per node: its own opacity and the steps left; a request during a step starts again from its own
        double[] step = pending.get(node);
        if (step == null) {
            pending.put(node, new double[]{node.getOpacity(), 2});
        } else {
            step[1] = 2;
        }
        Platform.requestNextPulse();
    }

    private static void stepAreas(Map<Node, double[]> pending) {
        for (Iterator<Map.Entry<Node, double[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Node, double[]> e = it.next();
            double[] step = e.getValue();
            step[1]--;
            if (step[1] > 0) {
                e.getKey().setOpacity(step[0] * STEP_OPACITY);
            } else {
                e.getKey().setOpacity(step[0]);
                it.remove();
            }
        }
        if (!pending.isEmpty()) {
            Platform.requestNextPulse();
        }
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
