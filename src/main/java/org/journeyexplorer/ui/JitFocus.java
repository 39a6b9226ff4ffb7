package org.journeyexplorer.ui;

import org.journeyexplorer.core.DiagnosticCommand;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * While the app starts and opens its project, only our own code may reach the optimizing (C2) compiler; the JDK's,
 * JavaFX's and H2's code is compiled by C1 only. On two cores the JIT's threads used 2.3–3.0 s of the 5–6 s of CPU a
 * start of the 5 M project took until its Sankey was painted, about 70 % of it C2 compiling JavaFX's own code (CSS
 * matching, bounds, the spinner's rasterizer) that runs a few hundred times and is done. With the directive the same
 * open took 3.0–3.4 s of CPU instead of 4.5–5.6 s (issue 16, README).
 * <p>
 * The directive ({@code jit-focus.json}) is added through the JVM's diagnostic command MBean (as
 * {@code jcmd PID Compiler.directives_add} would) on a thread of its own as the app starts, and removed
 * {@link #HOLD_SECONDS} after the project's data is first shown, on whichever tab the app opens (or
 * {@link #MAX_SECONDS} after the start), so code that
 * gets hot later, such as a Kafka stream's parsing and the project store's writes, is compiled by C2 as usual.
 * Methods that C2 was refused while it held stay at C1's full optimization. {@code -Dje.jit.focus=false} turns it
 * off; so does a JVM without the diagnostic commands (the directive is an optimization, never a requirement).
 */
public final class JitFocus {
    static final int HOLD_SECONDS = 10;
    static final int MAX_SECONDS = 60;
    private static final Object LOCK = new Object();
    /** Read without the lock by {@link #dataShown} (the FX thread must not wait for an add in progress). */
    private static volatile boolean started;
    private static boolean added;
    private static boolean released;

    private JitFocus() {
    }

    /** Adds the directive in the background (once per process), unless {@code -Dje.jit.focus=false}. */
    public static void start() {
        if (!Boolean.parseBoolean(System.getProperty("je.jit.focus", "true"))) {
            return;
        }
        synchronized (LOCK) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread t = new Thread(JitFocus::add, "je-jit-focus");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        CompletableFuture.delayedExecutor(MAX_SECONDS, TimeUnit.SECONDS).execute(JitFocus::release);
    }

    /**
     * The project's data is shown: the directive goes {@link #HOLD_SECONDS} later (if {@link #start} added one).
     * Not the first Sankey painted: the app opens on the Overview by default, whose charts are JavaFX's own, and the
     * directive then held for {@link #MAX_SECONDS}, so that whatever got hot in that minute (an import's store
     * writes, the JDK's code our analysis calls) was refused C2 for good.
     */
    static void dataShown() {
        if (!started) {
            return; // an app embedded in tests, or started with -Dje.jit.focus=false
        }
        CompletableFuture.delayedExecutor(HOLD_SECONDS, TimeUnit.SECONDS).execute(JitFocus::release);
    }

    /** Whether the directive is in force now (for tests). */
    static boolean holding() {
        synchronized (LOCK) {
            return added && !released;
        }
    }

    static void add() {
        synchronized (LOCK) {
            if (released) {
                return;
            }
            try {
                Path file = DiagnosticCommand.directiveFile("je-jit-focus");
                try {
                    try (InputStream in = JitFocus.class.getResourceAsStream("jit-focus.json")) {
                        if (in == null) {
                            return;
                        }
                        Files.write(file, in.readAllBytes());
                    }
                    String out = command("Compiler.directives_add " + file);
                    added = out != null && out.contains("added") && !out.contains(" 0 compiler directives added");
                    StartupTiming.mark(added ? "compiler directive added" : "compiler directive refused: " + out);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (Exception | LinkageError e) {
                added = false; // no diagnostic commands in this JVM: run without the directive
            }
        }
    }

    static void release() {
        synchronized (LOCK) {
            if (released) {
                return;
            }
            released = true;
            if (added) {
                try {
                    command("Compiler.directives_remove");
                    StartupTiming.mark("compiler directive removed");
                } catch (Exception | LinkageError e) {
                    // the directive stays: C1 for the JDK's and JavaFX's code, slower but correct
                }
            }
        }
    }

    /** Runs a diagnostic command ({@code jcmd}'s {@code Compiler.directives_add FILE}), directly or else through the server. */
    static String command(String line) throws Exception {
        return DiagnosticCommand.runAnyWay(line);
    }
}
