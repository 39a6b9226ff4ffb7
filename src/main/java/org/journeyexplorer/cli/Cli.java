package org.journeyexplorer.cli;

import java.io.PrintStream;

/** Headless commands over the same core the desktop app uses. */
public final class Cli {
    private Cli() {
    }

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: journey-explorer COMMAND [options]; commands: import, sessions, transitions,"
                    + " flows, funnel, evaluate, predict, forget, export-person, audit, drop-pseudonym-key, generate-demo");
            return 2;
        }
        // one line per command; each gets the whole argument list, command name first
        return switch (args[0]) {
            case "import" -> ImportCommand.run(args, out, err);
            case "drop-pseudonym-key" -> ImportCommand.dropPseudonymKey(args, out, err);
            case "sessions" -> AnalysisCommands.sessions(args, out, err);
            case "transitions" -> AnalysisCommands.transitions(args, out, err);
            case "generate-demo" -> AnalysisCommands.generateDemo(args, out, err);
            case "flows" -> FlowCommands.flows(args, out, err);
            case "funnel" -> FlowCommands.funnel(args, out, err);
            case "evaluate" -> PredictCommands.evaluate(args, out, err);
            case "predict" -> PredictCommands.predict(args, out, err);
            case "forget" -> PrivacyCommands.forget(args, out, err);
            case "export-person" -> PrivacyCommands.exportPerson(args, out, err);
            case "audit" -> PrivacyCommands.audit(args, out, err);
            default -> {
                err.println("Unknown command: " + args[0]);
                yield 2;
            }
        };
    }
}
