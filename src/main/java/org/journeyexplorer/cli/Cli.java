package org.journeyexplorer.cli;

import java.io.PrintStream;

/** Headless commands over the same core the desktop app uses. */
public final class Cli {
    private Cli() {
    }

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("Unknown command: " + args[0]);
        return 2;
    }
}
