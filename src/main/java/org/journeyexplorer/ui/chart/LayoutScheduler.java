package org.journeyexplorer.ui.chart;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs chart layouts off the FX thread and hands the newest result back on it. Resizing fires many layouts in a
 * row; only the latest matters, so a job that is superseded before it starts is skipped and a result that is
 * superseded before it arrives is dropped. Layouts are milliseconds of pure geometry, so they use one shared
 * daemon thread rather than the app's task list (which is for work the user waits on).
 */
public final class LayoutScheduler {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-layout");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong generation = new AtomicLong();

    /** Computes {@code work} in the background and passes it to {@code onFx} unless a newer job was submitted. */
    public <G> void submit(Supplier<G> work, Consumer<G> onFx) {
        long gen = generation.incrementAndGet();
        THREAD.execute(() -> {
            if (generation.get() != gen) {
                return;
            }
            G result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
                return;
            }
            Platform.runLater(() -> {
                if (generation.get() == gen) {
                    onFx.accept(result);
                }
            });
        });
    }

    /** Drops any job in flight. */
    public void cancel() {
        generation.incrementAndGet();
    }
}
