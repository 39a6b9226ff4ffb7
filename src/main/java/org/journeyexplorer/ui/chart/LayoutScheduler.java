package org.journeyexplorer.ui.chart;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs chart layouts off the FX thread and hands the newest result back on it. Resizing fires many layouts in a
 * row; only the latest matters, so a job that is superseded before it starts is skipped and a result that is
 * superseded before it arrives is dropped. Layouts are milliseconds of pure geometry, so they use one shared
 * daemon thread rather than the app's task list (which is for work the user waits on). On a busy machine a layout
 * can still take a while, so {@link #pendingProperty()} says when the newest layout has not arrived yet: the charts
 * show "Laying out…" and their toolbar spinner meanwhile instead of an empty area. Call it on the FX thread.
 */
public final class LayoutScheduler {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-layout");
        t.setDaemon(true);
        return t;
    });

    /** How many schedulers have a layout pending (FX thread only). */
    private static int pendingSchedulers;
    /** Whether {@link #pendingSchedulers} is above 0 (FX thread only). */
    private static final ReadOnlyBooleanWrapper ANY_PENDING = new ReadOnlyBooleanWrapper(LayoutScheduler.class,
            "anyPending");

    private final AtomicLong generation = new AtomicLong();
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");

    public LayoutScheduler() {
        pending.addListener((o, was, is) -> {
            pendingSchedulers += is ? 1 : -1;
            ANY_PENDING.set(pendingSchedulers > 0);
        });
    }

    /** Whether any chart's newest layout has not arrived yet (for timing the app end to end); FX thread only. */
    public static boolean anyPending() {
        return pendingSchedulers > 0;
    }

    /**
     * {@link #anyPending()} as a property: the task runner's {@link
     * org.journeyexplorer.ui.concurrent.FxTaskRunner#whenIdle idle} waits for it, since a chart whose data has come
     * is still being laid out, and then painted. FX thread only.
     */
    public static ReadOnlyBooleanProperty anyPendingProperty() {
        return ANY_PENDING.getReadOnlyProperty();
    }

    /** Computes {@code work} in the background and passes it to {@code onFx} unless a newer job was submitted. */
    public <G> void submit(Supplier<G> work, Consumer<G> onFx) {
        long gen = generation.incrementAndGet();
        pending.set(true);
        THREAD.execute(() -> {
            if (generation.get() != gen) {
                return;
            }
            G result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (generation.get() == gen) {
                        pending.set(false);
                    }
                });
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
                return;
            }
            Platform.runLater(() -> {
                if (generation.get() == gen) {
                    pending.set(false);
                    onFx.accept(result);
                }
            });
        });
    }

    /** Drops any job in flight. */
    public void cancel() {
        generation.incrementAndGet();
        pending.set(false);
    }

    /** True from a {@link #submit} until its result (or a newer one) has been handed over, or it was cancelled. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }
}
