package org.journeyexplorer.core;

/**
 * What a long-running core operation (import, sessionizing, training, export) reports to whoever runs it:
 * progress, a human message, and whether it should stop. The UI adapts a JavaFX task to this interface; the
 * CLI and tests use {@link #NONE} or a console reporter. Implementations must be cheap to call per batch.
 */
public interface TaskContext {

    /** Reports {@code done} units of work out of {@code total} (total ≤ 0 means unknown). */
    void progress(long done, long total);

    /** A short message for the status line, e.g. "Reading events.csv — 1.2 M rows". */
    void message(String message);

    /** True once the user asked to cancel; operations check it per batch and throw {@link CancelledException}. */
    boolean isCancelled();

    /** Throws {@link CancelledException} when cancellation was requested. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /**
     * This context's progress and messages, but cancelled exactly when {@code cancelled} says so (e.g. a step that
     * must finish once begun, or a test that cancels from the start).
     */
    default TaskContext cancelledWhen(java.util.function.BooleanSupplier cancelled) {
        TaskContext reports = this;
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
                reports.progress(done, total);
            }

            @Override
            public void message(String message) {
                reports.message(message);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** A context that passes its messages to {@code messages}, drops its progress and is never cancelled. */
    static TaskContext messagesTo(java.util.function.Consumer<String> messages) {
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
            }

            @Override
            public void message(String message) {
                messages.accept(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /** A context that reports nowhere and is never cancelled. */
    TaskContext NONE = new TaskContext() {
        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
