package org.journeyexplorer.cli;

import java.io.PrintStream;

/** Headless commands over the same core the desktop app uses. */
public final class Cli {
    private Cli() {
    }

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args[0].equals("sessions")) return AnalysisCommands.sessions(args, out, err);
        if (args[0].equals("transitions")) return AnalysisCommands.transitions(args, out, err);
        if (args[0].equals("generate-demo")) return AnalysisCommands.generateDemo(args, out, err);
        if (args[0].equals("flows")) return FlowCommands.flows(args, out, err);
        if (args[0].equals("funnel")) return FlowCommands.funnel(args, out, err);
        if (args[0].equals("evaluate")) return PredictCommands.evaluate(args, out, err);
        if (args[0].equals("predict")) return PredictCommands.predict(args, out, err);
        err.println("Unknown command: " + args[0]);
        return 2;
    }
}
