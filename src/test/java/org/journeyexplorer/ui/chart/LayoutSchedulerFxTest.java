package org.journeyexplorer.ui.chart;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chart whose layout is still being computed says so (the "Laying out the chart…" note and the toolbar spinner)
 * instead of showing an empty area: pending runs from a submit until the newest result is handed over, and ends on
 * cancel and on a failed layout.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutSchedulerFxTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    /** A layout that returns {@code result} once {@code release} is counted down. */
    private static Supplier<String> held(CountDownLatch release, String result) {
        return () -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        };
    }

    @Test
    void pendingUntilTheNewestLayoutArrives(FxRobot robot) throws Exception {
        LayoutScheduler scheduler = new LayoutScheduler();
        SimpleObjectProperty<String> geometry = new SimpleObjectProperty<>();
        SimpleObjectProperty<String> data = new SimpleObjectProperty<>("data");
        Label note = LayoutPending.note(scheduler.pendingProperty(), geometry, data);
        SimpleBooleanProperty computing = new SimpleBooleanProperty(false);
        boolean[] spinner = new boolean[1];
        robot.interact(() -> LayoutPending.busy(computing, scheduler.pendingProperty())
                .addListener((o, a, b) -> spinner[0] = b));
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        List<String> handed = new ArrayList<>();
        robot.interact(() -> {
            assertFalse(note.isVisible());
            scheduler.submit(held(first, "old"), handed::add);
            assertTrue(scheduler.pendingProperty().get());
            assertTrue(note.isVisible(), "nothing painted yet and a layout is coming: the note shows");
            assertTrue(spinner[0], "the toolbar spinner turns while the layout is computed");
            scheduler.submit(held(second, "new"), g -> {
                handed.add(g);
                geometry.set(g);
            });
        });
        first.countDown();
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            assertTrue(scheduler.pendingProperty().get(), "a superseded layout does not end the wait");
            assertTrue(note.isVisible());
        });
        second.countDown();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "new".equals(geometry.get()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            assertFalse(scheduler.pendingProperty().get());
            assertFalse(note.isVisible());
            assertFalse(spinner[0]);
        });
        assertEquals(List.of("new"), handed, "only the newest layout is handed over");

        // a newer layout of a chart already painted: the chart stays, only the spinner turns
        CountDownLatch third = new CountDownLatch(1);
        robot.interact(() -> {
            scheduler.submit(held(third, "newer"), geometry::set);
            assertTrue(spinner[0]);
            assertFalse(note.isVisible());
        });
        third.countDown();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "newer".equals(geometry.get()));
    }

    @Test
    void cancelAndFailureEndThePendingState(FxRobot robot) throws Exception {
        LayoutScheduler scheduler = new LayoutScheduler();
        CountDownLatch release = new CountDownLatch(1);
        robot.interact(() -> {
            scheduler.submit(held(release, "x"), g -> { });
            scheduler.cancel();
            assertFalse(scheduler.pendingProperty().get());
        });
        release.countDown();

        robot.interact(() -> scheduler.submit(() -> {
            // this one failure is expected: keep it off the log, then give the thread its handler back
            Thread t = Thread.currentThread();
            Thread.UncaughtExceptionHandler before = t.getUncaughtExceptionHandler();
            t.setUncaughtExceptionHandler((th, e) -> th.setUncaughtExceptionHandler(before));
            throw new IllegalStateException("layout failed");
        }, g -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !scheduler.pendingProperty().get());
    }
}
