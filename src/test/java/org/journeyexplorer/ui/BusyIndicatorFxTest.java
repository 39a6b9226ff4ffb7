package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Pane;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: what the window shows while a project opens does not animate at 60 frames a second (JavaFX's
 * indeterminate spinner and progress bar did, and their painting took CPU from the open): the {@link BusyIndicator}
 * steps a few times a second, only while running and in a scene.
 */
@ExtendWith(ApplicationExtension.class)
class BusyIndicatorFxTest {
    private static final String PREFS = "org/journeyexplorer/test-busy-" + ProcessHandle.current().pid();
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private MainWindow window;
    private Scene scene;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppModel model = new AppModel(new FakeBackend(), runner);
        window = new MainWindow(stage, model, runner, new AppPreferences(Preferences.userRoot().node(PREFS)),
                new NoFileDialogs());
        scene = new Scene(new Pane(), 1200, 800);
        window.showIn(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(runner::close).get(); // on the FX thread, where its task list changes
        Preferences.userRoot().node(PREFS).removeNode();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void theDotsStepOnlyWhileRunningInAScene() throws Exception {
        BusyIndicator busy = onFx(BusyIndicator::new);
        StackPane holder = onFx(() -> {
            StackPane h = new StackPane(busy);
            ((javafx.scene.layout.BorderPane) window.getRoot()).setBottom(h);
            return h;
        });
        Thread.sleep(BusyIndicator.STEP_MILLIS * 3);
        assertEquals(0, onFx(busy::steps), "not running: no steps");
        assertFalse(onFx(busy::isVisible));

        onFx(() -> {
            busy.runningProperty().set(true);
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> busy.steps() >= 3);
        assertTrue(onFx(busy::isVisible));
        // one dot lit, the others dim
        long lit = onFx(() -> busy.getChildren().stream().filter(d -> d.getOpacity() == 1).count());
        assertEquals(1, lit);

        onFx(() -> {
            busy.runningProperty().set(false);
            return null;
        });
        long stopped = onFx(busy::steps);
        Thread.sleep(BusyIndicator.STEP_MILLIS * 3);
        assertEquals(stopped, onFx(busy::steps), "stopped: no more steps");
        assertFalse(onFx(busy::isVisible));

        // running, but out of the scene (a splash replaced by the main window): no steps either
        onFx(() -> {
            busy.runningProperty().set(true);
            holder.getChildren().clear();
            return null;
        });
        long removed = onFx(busy::steps);
        Thread.sleep(BusyIndicator.STEP_MILLIS * 3);
        assertEquals(removed, onFx(busy::steps));
    }

    /**
     * A window that has run no job yet shows no dots: the status bar's job area started visible, and the dots in it
     * stepped (and pulsed the window five times a second) until a first job came and went.
     */
    @Test
    void aWindowThatRunsNoJobShowsNoDots() throws Exception {
        Node jobs = onFx(() -> window.getRoot().lookup("#status-progress").getParent());
        BusyIndicator statusBusy = onFx(() -> (BusyIndicator) window.getRoot()
                .lookup("#status-progress .busy-indicator"));
        assertFalse(onFx(jobs::isVisible), "no job area without a job");
        assertFalse(onFx(() -> statusBusy.runningProperty().get()), runningIndicators());
        long steps = onFx(statusBusy::steps);
        Thread.sleep(BusyIndicator.STEP_MILLIS * 3);
        assertEquals(steps, onFx(statusBusy::steps), "the dots stand still");
    }

    @Test
    void whileAProjectOpensTheWindowRepaintsAFewTimesASecondNotSixty() throws Exception {
        // JavaFX pulses every scene of the JVM together: an animation left running by an earlier test in this JVM
        // (a tooltip's fade, a window closing) pulses this scene too (ci78 counted 63 a second once, right after
        // SavedViewsFxTest). Count only once the toolkit is quiet, so the count is this window's own.
        awaitQuietToolkit();
        CountDownLatch open = new CountDownLatch(1);
        // an open without progress: the loading card and the status bar show that work runs
        onFx(() -> runner.run("Opening p", ctx -> await(open), r -> { }, t -> { }));
        Node overlay = onFx(() -> window.getRoot().lookup("#loading-overlay"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, overlay::isVisible);
        ProgressBar bar = onFx(() -> (ProgressBar) window.getRoot().lookup("#status-progress .progress-bar"));
        BusyIndicator statusBusy = onFx(() -> (BusyIndicator) window.getRoot().lookup("#status-progress .busy-indicator"));
        assertFalse(onFx(bar::isVisible), "no indeterminate bar sliding in the status bar");
        assertTrue(onFx(() -> statusBusy.runningProperty().get()));
        assertNull(onFx(() -> window.getRoot().lookup(".progress-indicator")), "no turning spinner anywhere");

        AtomicInteger pulses = new AtomicInteger();
        Runnable count = pulses::incrementAndGet;
        onFx(() -> {
            scene.addPostLayoutPulseListener(count);
            return null;
        });
        Thread.sleep(1000);
        onFx(() -> {
            scene.removePostLayoutPulseListener(count);
            return null;
        });
        // five steps of each indicator a second (they need not fall on the same pulse); a 60 fps animation gave ~60
        assertTrue(pulses.get() <= 25, pulses.get() + " pulses in a second while the project opened");

        // a job telling its progress shows it in the bar, without the dots
        CountDownLatch imported = new CountDownLatch(1);
        onFx(() -> runner.run("Importing", ctx -> {
            ctx.progress(1, 4);
            return await(imported);
        }, r -> { }, t -> { }));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bar.isVisible() && bar.getProgress() == 0.25);
        assertFalse(onFx(() -> statusBusy.runningProperty().get()));
        imported.countDown();
        open.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runner.tasks().isEmpty() && !overlay.isVisible());
        assertFalse(onFx(() -> statusBusy.runningProperty().get()));
    }

    /**
     * Waits (at most 30 s) for a half second with at most three pulses while nothing runs in this window: no
     * animation runs in the JVM (60 fps would give 30), at most another window's dots step.
     */
    private void awaitQuietToolkit() throws Exception {
        AtomicInteger pulses = new AtomicInteger();
        Runnable count = pulses::incrementAndGet;
        onFx(() -> {
            scene.addPostLayoutPulseListener(count);
            return null;
        });
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int last;
            do {
                pulses.set(0);
                Thread.sleep(500);
                last = pulses.get();
            } while (last > 3 && System.nanoTime() < end);
            assertTrue(last <= 3, "something else in this JVM kept the toolkit pulsing for 30 s (" + last
                    + " pulses in the last half second) before the project's open began: "
                    + onFx(BusyIndicatorFxTest::runningIndicators));
        } finally {
            onFx(() -> {
                scene.removePostLayoutPulseListener(count);
                return null;
            });
        }
    }

    /** Each shown window's title and, for each of its running indicators, the nodes above it (failure messages). */
    private static String runningIndicators() {
        StringBuilder sb = new StringBuilder();
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() == null) {
                continue;
            }
            sb.append("[").append(w instanceof Stage st ? st.getTitle() : w.toString()).append(":");
            for (Node n : w.getScene().getRoot().lookupAll(".busy-indicator")) {
                if (((BusyIndicator) n).runningProperty().get()) {
                    sb.append(" running in");
                    for (Node p = n.getParent(); p != null; p = p.getParent()) {
                        sb.append(' ').append(p.getId() != null ? "#" + p.getId() : p.getClass().getSimpleName());
                    }
                }
            }
            sb.append("]");
        }
        return sb.toString();
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
