package org.journeyexplorer.ui.concurrent;

import javafx.concurrent.Task;
import org.journeyexplorer.core.TaskContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A runner for view-model tests that holds the jobs whose title matches until {@link #release()}, as a background
 * job that has not ended yet; the others run at once on the calling thread, as {@link CurrentThreadTaskRunner}'s.
 */
public final class HeldTaskRunner implements TaskRunner {
    private final CurrentThreadTaskRunner now = new CurrentThreadTaskRunner();
    private final Predicate<String> hold;
    private final List<Runnable> held = new ArrayList<>();
    private final List<Consumer<Throwable>> heldFailures = new ArrayList<>();
    private final List<String> heldTitles = new ArrayList<>();

    /** Holds every job. */
    public HeldTaskRunner() {
        this(title -> true);
    }

    /** Holds the jobs whose title matches. */
    public HeldTaskRunner(Predicate<String> hold) {
        this.hold = hold;
    }

    @Override
    public <T> Task<T> run(String title, Function<TaskContext, T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        if (hold.test(title)) {
            held.add(() -> now.run(title, work, onSuccess, onFailure));
            heldFailures.add(onFailure);
            heldTitles.add(title);
            return CurrentThreadTaskRunner.handle(null);
        }
        return now.run(title, work, onSuccess, onFailure);
    }

    /** The titles of the jobs held now, in the order they were started. */
    public List<String> heldTitles() {
        return List.copyOf(heldTitles);
    }

    /** Runs the jobs held so far, in the order they were started; jobs they start are held for the next call. */
    public void release() {
        List<Runnable> r = List.copyOf(held);
        clear();
        r.forEach(Runnable::run);
    }

    /** Ends the jobs held so far with {@code failure} instead of running them (a job that failed or was cancelled). */
    public void fail(Throwable failure) {
        List<Consumer<Throwable>> f = List.copyOf(heldFailures);
        clear();
        f.forEach(c -> c.accept(failure));
    }

    private void clear() {
        held.clear();
        heldFailures.clear();
        heldTitles.clear();
    }
}
