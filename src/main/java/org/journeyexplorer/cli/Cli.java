package org.journeyexplorer.cli;

import java.io.PrintStream;

/** Headless commands over the same core the desktop app uses. */
public final class Cli {
    private Cli() {
    }

    static final String USAGE = """
            usage: journey-explorer                       open the desktop app
                   journey-explorer --project P           open the desktop app on project P
                   journey-explorer COMMAND [options]     run a command headless
            commands:
              import FILE... --project P [--timezone Z] [--map role=column ...] [--force] [--json]
                     [--pseudonymise] [--consent column=v1,v2] [--no-properties]
                     [--phone-region US|none] [--keep-plus-tags|--strip-plus-tags]
              sessions --project P [--journey case|session] [--timeout 30m] [--no-stitch] [--json]
                     [--probabilistic|--no-probabilistic] [--threshold 0.8]   (this run only)
                     (a case log's journeys are whole cases unless --journey session or --timeout says so)
              identity --project P [--probabilistic|--no-probabilistic] [--threshold 0.8] [--window 7d]
                     [--email-joins on|off] [--phone-joins on|off] [--unlink ID] [--link ID] [--json]
                     (shows the project's identity rules; options change and save them, as the app does)
              transitions --project P --csv [--caption]
              flows --project P [--start E|--end E] --steps N [--top K] [--by persons|sessions] --csv [--caption]
              funnel --project P --steps a,b,c [--window 7d] [--by persons|sessions] [--json]
                     (these three filter as the app does: [--dates 2025-09-01..2025-09-30] [--where key=value])
              evaluate FILE --protocol tax [--json]
              predict --project P --prefix a,b,c [--top N] [--json]
              export-model --project P --out model.json [--goal E] [--timeout 30m] [--no-stitch]
              forget --project P --id X [--json]
              export-person --project P --id X --out FILE
              audit --project P [--csv]
              drop-pseudonym-key --project P --yes
              generate-demo --events N --seed S --out FILE
              generate-demo --kafka HOST:PORT --topic T [--rate N] [--events N] [--seed S]
              live --project P --bootstrap HOST:PORT --topic T [--group G] [--from earliest|latest|stored]
                   [--until-idle 10s] [--json] [--map role=field ...] [--timezone Z]
                   [--security ssl|sasl_ssl|sasl_plaintext] [--truststore F] [--user U]
                   [--mechanism plain|scram-sha-256|scram-sha-512]   (password: $JE_KAFKA_PASSWORD or asked)
            """;

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        // one line per command; each gets the whole argument list, command name first
        return switch (args[0]) {
            case "import" -> ImportCommand.run(args, out, err);
            case "drop-pseudonym-key" -> PrivacyCommands.dropPseudonymKey(args, out, err);
            case "sessions" -> AnalysisCommands.sessions(args, out, err);
            case "identity" -> IdentityCommand.run(args, out, err);
            case "transitions" -> AnalysisCommands.transitions(args, out, err);
            case "generate-demo" -> java.util.List.of(args).contains("--kafka")
                    ? LiveCommands.generateDemo(args, out, err) : AnalysisCommands.generateDemo(args, out, err);
            case "live" -> LiveCommands.live(args, out, err);
            case "flows" -> FlowCommands.flows(args, out, err);
            case "funnel" -> FlowCommands.funnel(args, out, err);
            case "evaluate" -> PredictCommands.evaluate(args, out, err);
            case "predict" -> PredictCommands.predict(args, out, err);
            case "export-model" -> PredictCommands.exportModel(args, out, err);
            case "forget" -> PrivacyCommands.forget(args, out, err);
            case "export-person" -> PrivacyCommands.exportPerson(args, out, err);
            case "audit" -> PrivacyCommands.audit(args, out, err);
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("Unknown command: " + args[0] + " (journey-explorer --help lists the commands)");
                yield 2;
            }
        };
    }
}
