package org.journeyexplorer.cli;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options and {@code --flag}s after a command name, parsed the one way the analysis and
 * flow commands share, so both reject unknown options and missing values with the same messages.
 */
record CommandArgs(Map<String, String> values, Set<String> flags) {

    /** Parses {@code args[1..]}; {@code args[0]} is the command name. Throws IllegalArgumentException (exit 2). */
    static CommandArgs parse(String[] args, Set<String> valued, Set<String> flagNames) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.put(a, args[++i]);
            } else if (flagNames.contains(a)) {
                flags.add(a);
            } else {
                throw new IllegalArgumentException("Unknown option " + a + " for " + args[0] + " (accepted: "
                        + String.join(" ", valued) + " " + String.join(" ", flagNames) + ")");
            }
        }
        return new CommandArgs(values, flags);
    }
}
