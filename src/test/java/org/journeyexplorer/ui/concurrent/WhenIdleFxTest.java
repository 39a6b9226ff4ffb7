package org.journeyexplorer.ui.concurrent;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.journeyexplorer.ui.chart.LayoutScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work nobody asked for yet (a reopened project's identity graph) waits for the tasks of the shown view, including
 * those a finished task's result starts, and for the chart layout such a result starts, and runs at the latest after
 * its maximum wait.
 */
@ExtendWith(ApplicationExtension.class)
class WhenIdleFxTest {
    private final FxTaskRunner runner = new FxTaskRunner(2);

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(runner::close).get();
    }

    @Test
    void waitsForTheRunningTasksAndThoseTheirResultsStart() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> {
            // the frame's task: its result starts the view's computation, as a new selection does
            runner.run("Filtering", ctx -> await(first), r -> runner.run("Computing flows", ctx -> await(second),
                    x -> ran.add("flows"), t -> { }), t -> { });
            runner.whenIdle(() -> ran.add("identity"), 60_000);
        }).get();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), ran, "a task still runs");
        first.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> runner.tasks().size() == 1
                        && runner.tasks().get(0).getTitle().equals("Computing flows")).get());
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), ran, "the task the first one's result started still runs");
        second.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 2);
        assertEquals(List.of("flows", "identity"), ran);
        Thread.sleep(300);
        assertEquals(2, ran.size(), "runs once");
    }

    @Test
    void waitsForTheChartLayoutALastResultStarted() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch layout = new CountDownLatch(1);
        LayoutScheduler chart = new LayoutScheduler();
        WaitForAsyncUtils.asyncFx(() -> {
            // the flow's result goes to the Sankey, which lays it out on the chart thread, then paints it
            runner.run("Computing flows", ctx -> "flow", r -> chart.submit(() -> await(layout), g -> ran.add("painted")),
                    t -> { });
            runner.whenIdle(() -> ran.add("identity"), 60_000);
        }).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> runner.tasks().isEmpty()).get());
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), ran, "the chart is still being laid out");
        layout.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 2);
        assertEquals(List.of("painted", "identity"), ran);
        Thread.sleep(300);
        assertEquals(2, ran.size(), "runs once");
    }

    @Test
    void runsAtOnceWhenNothingRunsAndAfterItsMaximumWaitOtherwise() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> runner.whenIdle(() -> ran.add("idle"), 60_000)).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 1);

        CountDownLatch never = new CountDownLatch(1);
        long t0 = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> {
            runner.run("Following a stream", ctx -> await(never), r -> { }, t -> { });
            runner.whenIdle(() -> ran.add("waited"), 500);
        }).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ran.size() == 2);
        assertTrue(System.nanoTime() - t0 >= 500_000_000L, "not before its maximum wait");
        assertEquals(List.of("idle", "waited"), ran);
        never.countDown();
    }

    private static Object await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    /**
     * Closing the runner (the app's quit) cancels a running job but never interrupts its thread: an interrupt inside
     * H2's file I/O closes the project's file channel (shutdownNow did it on every quit).
     */
    @Test
    void closingNeverInterruptsARunningJob() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean sawCancel = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.run("Reading the store", ctx -> {
            running.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && !ctx.isCancelled()) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            if (Thread.currentThread().isInterrupted()) {
                interrupted.set(true);
            }
            sawCancel.set(ctx.isCancelled());
            done.countDown();
            return null;
        }, r -> { }, t -> { })).get();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        WaitForAsyncUtils.asyncFx(runner::close).get();
        assertTrue(done.await(10, TimeUnit.SECONDS), "the job ends on its cancel");
        assertTrue(sawCancel.get(), "the job saw its cancel");
        assertTrue(!interrupted.get(), "the job's thread was interrupted");
    }
}
