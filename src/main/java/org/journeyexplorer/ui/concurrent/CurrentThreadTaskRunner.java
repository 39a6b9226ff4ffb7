package org.journeyexplorer.ui.concurrent;

import javafx.concurrent.Task;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TaskRunner} for ViewModel tests: the job and its callback run at once on the calling thread, so a test
 * can assert the outcome right after the command. No FX toolkit is needed. The returned task is a handle that is
 * never started and ignores cancel (the job is already over); titles and last messages are recorded for assertions.
 */
public final class CurrentThreadTaskRunner implements TaskRunner {
    private final List<String> titles = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    @Override
    public <T> Task<T> run(String title, Function<TaskContext, T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        titles.add(title);
        TaskContext ctx = TaskContext.messagesTo(messages::add);
        T result;
        try {
            result = work.apply(ctx);
        } catch (CancelledException e) {
            onFailure.accept(e);
            return handle(null);
        } catch (RuntimeException | Error e) {
            onFailure.accept(e);
            return handle(null);
        }
        onSuccess.accept(result);
        return handle(result);
    }

    /** Titles of every job run so far, in order. */
    public List<String> titles() {
        return titles;
    }

    /** Every message jobs reported, in order. */
    public List<String> messages() {
        return messages;
    }

    /**
     * A handle for a job run outside the FX toolkit: never started, it ignores cancel (a real cancel would need the
     * toolkit), so the view model's own generation check is what drops a superseded result.
     */
    public static <T> Task<T> handle(T value) {
        return new Task<>() {
            @Override
            protected T call() {
                return value;
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return false;
            }
        };
    }
}
