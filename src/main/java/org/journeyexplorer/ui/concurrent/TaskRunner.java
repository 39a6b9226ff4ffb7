package org.journeyexplorer.ui.concurrent;

import javafx.concurrent.Task;
import org.journeyexplorer.core.TaskContext;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way the UI runs work off the FX thread. Production runs each job as a {@link Task} on a small bounded
 * pool and shows it in the status bar; tests use a runner that executes on the calling thread. Inputs must be
 * captured on the FX thread before calling; {@code onSuccess} / {@code onFailure} run on the FX thread.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background.
     *
     * @param title     shown in the task list ("Importing events.csv")
     * @param work      the job; it reports through the {@link TaskContext} and must not touch nodes
     * @param onSuccess receives the result on the FX thread
     * @param onFailure receives the failure on the FX thread (a {@code CancelledException} when cancelled)
     * @return the task, for binding progress and for cancel
     */
    <T> Task<T> run(String title, Function<TaskContext, T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs {@code action} on the FX thread when no task of this runner waits or runs, or after
     * {@code maxWaitMillis} at the latest: for work nobody has asked for yet. A runner that runs each job on the
     * calling thread is always idle, so by default the action runs at once.
     */
    default void whenIdle(Runnable action, long maxWaitMillis) {
        action.run();
    }
}
