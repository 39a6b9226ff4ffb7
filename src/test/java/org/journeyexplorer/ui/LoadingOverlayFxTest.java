package org.journeyexplorer.ui;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loading card: shown while a project without data on screen opens, never over a project's charts. */
@ExtendWith(ApplicationExtension.class)
class LoadingOverlayFxTest {
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private AppModel model;
    private LoadingOverlay overlay;

    @Start
    void start(Stage stage) {
        FakeBackend b = new FakeBackend();
        b.add("p1", 0, "view", "{}");
        b.add("p1", 60, "buy", "{}");
        model = new AppModel(b, runner);
        overlay = new LoadingOverlay(model, runner);
        stage.setScene(new Scene(new StackPane(new Label("tabs"), overlay.getRoot()), 400, 300));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        // on the FX thread, where the runner's task list changes (ci32: a ConcurrentModificationException here)
        WaitForAsyncUtils.asyncFx(runner::close).get();
    }

    @Test
    void theCardShowsWhileNothingIsLoadedAndNeverOverLoadedCharts() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        // work that brings the first data: the card appears after its short delay, named after the work
        WaitForAsyncUtils.asyncFx(() -> runner.run("Opening demo", ctx -> await(open), r -> { }, t -> { })).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> overlay.getRoot().isVisible());
        assertEquals("Opening demo…", ((Label) overlay.getRoot().lookup("#loading-message")).getText());
        open.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !overlay.getRoot().isVisible());

        // a project with data: its refreshes (a live stream, a filter) keep the charts without a card
        WaitForAsyncUtils.asyncFx(() -> model.openProject(Path.of("/tmp/loading-overlay.jexp"))).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.getSelection() != null
                && runner.tasks().isEmpty());
        CountDownLatch refresh = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.run("Building journeys", ctx -> await(refresh), r -> { },
                t -> { })).get();
        Thread.sleep((long) LoadingOverlay.DELAY.toMillis() * 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(overlay.getRoot().isVisible());
        refresh.countDown();
    }

    /** Small tasks starting and ending around the work that brings the data do not keep putting the card off. */
    @Test
    void theCardShowsWhileSmallTasksComeAndGo() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.run("Opening demo", ctx -> await(open), r -> { }, t -> { })).get();
        boolean shown = false;
        for (int i = 0; i < 30 && !shown; i++) { // 3 s of a task every 100 ms, each done in 20 ms
            WaitForAsyncUtils.asyncFx(() -> runner.run("Reading settings", ctx -> pause(20), r -> { }, t -> { }))
                    .get();
            Thread.sleep(100);
            shown = WaitForAsyncUtils.asyncFx(() -> overlay.getRoot().isVisible()).get();
        }
        assertTrue(shown, "the card showed while small tasks came and went");
        // closing the runner cancels what still runs (the open): each cancelled task leaves the runner's list
        WaitForAsyncUtils.asyncFx(runner::close).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(WaitForAsyncUtils.asyncFx(() -> runner.tasks().isEmpty()).get());
        open.countDown();
    }

    private static Object pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static Object await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
