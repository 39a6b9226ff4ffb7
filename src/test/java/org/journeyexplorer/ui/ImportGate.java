package org.journeyexplorer.ui;

import org.journeyexplorer.core.TaskContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a file import at its first progress report until the test releases it (or the import is cancelled), so
 * that a test can act "while an import runs" without racing a fast machine. The real backend does all the work;
 * this only wraps the {@link TaskContext} it is given.
 */
final class ImportGate {
    private static volatile CountDownLatch reached;
    private static volatile CountDownLatch release;

    private ImportGate() {
    }

    /** The next import stops at its first progress report. */
    static void arm() {
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Waits until the armed import is held. */
    static boolean awaitHeld(int seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held import go on (and disarms the gate). */
    static void release() {
        CountDownLatch r = release;
        release = null;
        if (r != null) {
            r.countDown();
        }
    }

    /** Wraps a backend so that its imports pass through the gate. */
    static ProjectBackend wrap(ProjectBackend real) {
        return (ProjectBackend) Proxy.newProxyInstance(ProjectBackend.class.getClassLoader(),
                new Class<?>[]{ProjectBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("importFile") && args != null
                            && args[args.length - 1] instanceof TaskContext ctx) {
                        args[args.length - 1] = gated(ctx);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static TaskContext gated(TaskContext ctx) {
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
                ctx.progress(done, total);
                hold(ctx);
            }

            @Override
            public void message(String message) {
                ctx.message(message);
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }
        };
    }

    private static void hold(TaskContext ctx) {
        CountDownLatch r = release;
        CountDownLatch at = reached;
        if (r == null || at == null) {
            return;
        }
        at.countDown();
        try {
            while (!r.await(50, TimeUnit.MILLISECONDS) && !ctx.isCancelled()) {
                // held: the test acts while the import is known to be running
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
