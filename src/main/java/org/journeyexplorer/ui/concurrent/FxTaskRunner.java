package org.journeyexplorer.ui.concurrent;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ui.chart.LayoutScheduler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Production {@link TaskRunner}: each job becomes a {@link Task} on a small bounded pool of daemon threads (two by
 * default, since the machine is assumed to have few cores and the FX thread needs one). Jobs waiting or running
 * are listed in {@link #tasks()} for the status bar.
 *
 * <p>Cancel is cooperative: {@link Task#cancel(boolean)} never interrupts the worker thread, because interrupting a
 * thread inside file I/O closes the H2 file channel; jobs poll {@link TaskContext#isCancelled()} per batch.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService pool;
    private final ObservableList<Task<?>> tasks = FXCollections.observableArrayList();

    public FxTaskRunner(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "je-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1); // keep the FX thread snappy on two cores
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    public FxTaskRunner() {
        this(2);
    }

    /** Waiting and running tasks, in submission order; only changed on the FX thread. */
    public ObservableList<Task<?>> tasks() {
        return tasks;
    }

    @Override
    public <T> Task<T> run(String title, Function<TaskContext, T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        ContextTask<T> task = new ContextTask<>(title, work);
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            Throwable ex = task.getException();
            onFailure.accept(ex instanceof CancelledException || task.isCancelled() ? new CancelledException() : ex);
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            onFailure.accept(new CancelledException());
        });
        if (Platform.isFxApplicationThread()) {
            tasks.add(task);
        } else {
            Platform.runLater(() -> {
                if (!task.isDone()) {
                    tasks.add(task);
                }
            });
        }
        pool.execute(task);
        return task;
    }

    /**
     * Runs {@code action} on the FX thread once no task waits or runs and no chart's layout is pending ({@link
     * LayoutScheduler#anyPendingProperty()}), seen on a later pulse, so that tasks and layouts started by the last
     * one's result count; or after {@code maxWaitMillis} at the latest: for work the user has not asked for yet,
     * which should not take a core from what the shown view is computing. The chart's layout counts because the view
     * has not shown its result until it is laid out and painted: a reopened 5 M project's identity graph (0.2-0.4 s
     * of CPU, loading every event's columns) started as the flow's task ended and ran beside the Sankey's layout and
     * paint, 30-760 ms before it was painted in 8 of 8 opens at load 17-20 (issue 16). Call on the FX thread.
     */
    @Override
    public void whenIdle(Runnable action, long maxWaitMillis) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        javafx.beans.value.ObservableBooleanValue layouts = LayoutScheduler.anyPendingProperty();
        javafx.beans.InvalidationListener[] check = new javafx.beans.InvalidationListener[1];
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                tasks.removeListener(check[0]);
                layouts.removeListener(check[0]);
                action.run();
            }
        };
        check[0] = o -> {
            if (idle(layouts)) {
                Platform.runLater(() -> {
                    if (idle(layouts)) {
                        once.run();
                    }
                });
            }
        };
        tasks.addListener(check[0]);
        layouts.addListener(check[0]);
        check[0].invalidated(null);
        java.util.concurrent.CompletableFuture.delayedExecutor(maxWaitMillis, TimeUnit.MILLISECONDS)
                .execute(() -> Platform.runLater(once));
    }

    /** No task waits or runs, and no chart's layout is pending (reading the latter lets it invalidate again). */
    private boolean idle(javafx.beans.value.ObservableBooleanValue layouts) {
        boolean laidOut = !layouts.get();
        return tasks.isEmpty() && laidOut;
    }

    /**
     * Cancels what runs and stops the pool; on the FX thread, which owns the list of running tasks. Like a cancel, it
     * never interrupts a worker: {@code shutdownNow} did, on every quit of the app, and a worker inside H2's file I/O
     * then has the project's file channel closed under it (H2's MVStore is not interrupt-safe). A quit of the app at
     * its first chart (the cold-start bench, 9 opens of a 5 M project alternating two builds) once left a project H2
     * could no longer open ("File corrupted in chunk 63, expected page length 4..48, got 811742764"); whether this
     * interrupt did it is not proven (24 more opens did not repeat it), but it is the one path that can.
     */
    @Override
    public void close() {
        // a copy: a task cancelled on the FX thread leaves the list at once (ci33: ConcurrentModificationException)
        java.util.List.copyOf(tasks).forEach(t -> t.cancel(false));
        pool.shutdown(); // queued jobs were cancelled above and end at once; running ones poll isCancelled
    }

    /** A task that adapts itself to the core's {@link TaskContext}. */
    private static final class ContextTask<T> extends Task<T> implements TaskContext {
        /** With {@code -Dje.timing=true} every task prints its wall and CPU time when it ends. */
        private static final boolean TIMING = Boolean.getBoolean("je.timing");
        private static final long START = TIMING
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final Function<TaskContext, T> work;
        private final String name; // getTitle() is for the FX thread only

        ContextTask(String title, Function<TaskContext, T> work) {
            this.work = work;
            this.name = title;
            updateTitle(title);
        }

        @Override
        protected T call() {
            if (TIMING) {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try {
                    return runWork();
                } finally {
                    // when it ran too, in ms since the JVM started as StartupTiming counts: a chain of short tasks
                    // can still wait long for the FX thread in between
                    long end = System.currentTimeMillis() - START;
                    long took = (System.nanoTime() - t0) / 1_000_000;
                    System.err.printf(java.util.Locale.ROOT, "task: %s %d ms, CPU %d ms (its thread), ran %d–%d ms"
                            + " after start%n", name, took, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1_000_000,
                            end - took, end);
                }
            }
            return runWork();
        }

        private T runWork() {
            T result = work.apply(this);
            if (isCancelled()) {
                throw new CancelledException();
            }
            return result;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return super.cancel(false); // see class comment: never interrupt
        }

        @Override
        public void progress(long done, long total) {
            updateProgress(done, total > 0 ? total : -1);
        }

        @Override
        public void message(String message) {
            updateMessage(message);
        }

        // isCancelled() comes from FutureTask: thread-safe, unlike Task's state property
    }
}
