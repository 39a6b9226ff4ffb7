package org.journeyexplorer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A short read-only command (sessions, transitions, flows, funnel) runs without the optimizing compiler (C2): on two
 * cores C2 spent 0.4–0.45 s of CPU of such a command's 1.2–2.7 s at 5 M events, compiling H2, JDK and our own code
 * that then ran for a second at most. With {@code -XX:TieredStopAtLevel=1} the same commands took 17–26 % less CPU
 * (first {@code sessions} after an import 2.72 → 2.19 s, {@code transitions} 1.63 → 1.20 s, {@code flows} 1.37 →
 * 1.14 s; same output), but a JVM flag cannot be given per command through {@code java -jar}, and the import needs
 * C2 (its parse loops). So the command adds a compiler directive that excludes every method from C2 as
 * its first step, through the JVM's diagnostic command ({@code jcmd PID Compiler.directives_add FILE}), which it
 * calls directly (15 ms of CPU; the jar's {@code Add-Opens} manifest entry opens it to us). Through the platform
 * MBean server, as the app's start does, the server's own start cost 0.1–0.3 s of CPU, most of the gain. In
 * process the gain is about half the flag's (hot methods still start in C1's profiling code and are compiled
 * again when C2 refuses them): {@code transitions} 1.65 → 1.36 s CPU, {@code flows} 1.37 → 1.30 s, the first
 * {@code sessions} 2.68 → 2.49 s (medians of 4 alternating runs, load 12–13, issue 16 in the README). Anything
 * missing (another JVM, a launcher that does not read the manifest, {@code -Dje.cli.c2=true}) leaves the command
 * on the usual compilers: an optimization, never a requirement. The import and the long-running or compute-heavy
 * commands (live, predict, evaluate, export-model) keep C2.
 */
public final class ShortCommandJit {
    static final Set<String> COMMANDS = Set.of("sessions", "transitions", "flows", "funnel");
    private static final String DIRECTIVE = "[ { match: [\"*.*\"], c2: { Exclude: true } } ]\n";

    private ShortCommandJit() {
    }

    /**
     * Adds the C1-only directive when {@code command} is a short one; true when it is in force. Called by
     * {@code Main} for the process's one command (not by {@link Cli#run}, which tests call in a shared JVM).
     */
    public static boolean forCommand(String command) {
        if (!COMMANDS.contains(command) || Boolean.getBoolean("je.cli.c2")) {
            return false;
        }
        return add();
    }

    /** Adds the directive to this JVM; false, with nothing changed, when the diagnostic command is out of reach. */
    static boolean add() {
        try {
            Path file = org.journeyexplorer.core.DiagnosticCommand.directiveFile("je-c1-only");
            try {
                Files.writeString(file, DIRECTIVE);
                String out = command("Compiler.directives_add " + file);
                return out != null && out.contains("1 compiler directives added");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Removes the directive {@link #add} added (for tests, which share their JVM). */
    static void remove() {
        try {
            command("Compiler.directives_remove");
        } catch (Exception | LinkageError e) {
            // nothing was added
        }
    }

    /** Runs one diagnostic command in this JVM and returns its output (what {@code jcmd} would print). */
    static String command(String line) throws ReflectiveOperationException {
        return org.journeyexplorer.core.DiagnosticCommand.run(line);
    }
}
