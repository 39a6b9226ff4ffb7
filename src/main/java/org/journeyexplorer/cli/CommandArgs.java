package org.journeyexplorer.cli;

import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.session.SessionRule;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one command-line parser of every command: {@code --name value} options, {@code --flag}s and (where the
 * command takes them) positional arguments after the command name. Unknown options, missing values and values of
 * the wrong kind are refused with a {@link UsageException} (exit code 2, one line) naming the option; the typed
 * getters ({@link #positiveInt}, {@link #durationMicros}, {@link #path}…) are where values are checked, so every
 * command checks them the same way.
 */
final class CommandArgs {
    /** Options of the frame rule, shared by every command that builds a frame. */
    static final Set<String> RULE_OPTIONS = Set.of("--journey", "--timeout", "--session-start", "--session-end",
            "--max-length");
    /** Options of the filters the app's left panel sets ({@link #filters}), for the commands that chart events. */
    static final Set<String> FILTER_OPTIONS = Set.of("--dates", "--where");

    private final String command;
    private final Map<String, List<String>> values;
    private final Set<String> flags;
    private final List<String> positional;

    private CommandArgs(String command, Map<String, List<String>> values, Set<String> flags, List<String> positional) {
        this.command = command;
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /** Parses {@code args[1..]} ({@code args[0]} is the command name); no positional arguments. */
    static CommandArgs parse(String[] args, Set<String> valued, Set<String> flagNames) {
        return parse(args, valued, flagNames, false);
    }

    /**
     * Parses {@code args[1..]}. A valued option given twice keeps both values ({@link #all}); {@link #value} reads
     * the last.
     *
     * @param positionalAllowed whether arguments that are not options (file names) are accepted
     */
    static CommandArgs parse(String[] args, Set<String> valued, Set<String> flagNames, boolean positionalAllowed) {
        String command = args.length == 0 ? "" : args[0];
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value.");
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else if (flagNames.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("-") && a.length() > 1 || !positionalAllowed) {
                Set<String> accepted = new TreeSet<>(valued);
                accepted.addAll(flagNames);
                throw new UsageException("Unknown option " + a + " for " + command + " (accepted: "
                        + String.join(" ", accepted) + ").");
            } else {
                positional.add(a);
            }
        }
        return new CommandArgs(command, values, flags, positional);
    }

    String command() {
        return command;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value of {@code name}, or {@code def}. */
    String value(String name, String def) {
        List<String> v = values.get(name);
        return v == null ? def : v.get(v.size() - 1);
    }

    /** The value of a required option. */
    String required(String name) {
        String v = value(name, null);
        if (v == null) {
            throw new UsageException(name + " is required.");
        }
        return v;
    }

    /** Every value given for {@code name}, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return positional;
    }

    /** A required path option. */
    Path path(String name) {
        return Path.of(required(name));
    }

    /** A whole number of at least 1. */
    int positiveInt(String name, int def) {
        return parsed(name, def, v -> {
            int n = Integer.parseInt(v.trim().replace("_", ""));
            return n >= 1 ? n : null;
        }, "a positive whole number");
    }

    /** A whole number (may be negative). */
    long longValue(String name, long def) {
        return parsed(name, def, v -> Long.parseLong(v.trim().replace("_", "")), "a whole number");
    }

    /** A number of at least 0. */
    double nonNegative(String name, double def) {
        return parsed(name, def, v -> {
            double d = Double.parseDouble(v.trim());
            return d >= 0 && !Double.isInfinite(d) ? d : null;
        }, "a number of at least 0");
    }

    /** A duration such as {@code 30m}, {@code 90s}, {@code 7d}. */
    long durationMicros(String name, long def) {
        return parsed(name, def, SessionRule::parseDurationMicros, "a duration such as 30m, 90s, 1h or 7d");
    }

    /**
     * The value of {@code name} read by {@code parse}, or {@code def} when absent; a value {@code parse} refuses
     * (null or an {@link IllegalArgumentException}, which {@link NumberFormatException} is) is a usage error that
     * names the option, what it expects and what it got.
     */
    private <T> T parsed(String name, T def, java.util.function.Function<String, T> parse, String expects) {
        String v = value(name, null);
        if (v == null) {
            return def;
        }
        T out;
        try {
            out = parse.apply(v);
        } catch (IllegalArgumentException e) {
            out = null;
        }
        if (out == null) {
            throw new UsageException(name + " expects " + expects + ", got '" + v + "'.");
        }
        return out;
    }

    /** A comma-separated list, trimmed, without blanks; empty when the option is absent. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        String v = value(name, null);
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** One of {@code choices} (case-sensitive), or {@code def}. */
    String choice(String name, String def, String... choices) {
        String v = value(name, def);
        for (String c : choices) {
            if (c.equals(v)) {
                return v;
            }
        }
        throw new UsageException(name + " expects one of " + String.join(", ", choices) + ", got '" + v + "'.");
    }

    /**
     * The session rule from the {@link #RULE_OPTIONS}: {@code --journey case} is whole cases; a timeout, start or
     * end events or a maximum length cut sessions; with none of them the project's own choice
     * ({@code projectJourney}: whole cases for a case log) holds, as in the app.
     */
    SessionRule sessionRule(JourneyScope projectJourney) {
        String j = value("--journey", null);
        JourneyScope scope;
        try {
            scope = j == null ? null : JourneyScope.parse(j);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--journey: " + e.getMessage());
        }
        boolean sessionOptions = has("--timeout") || has("--session-start") || has("--session-end")
                || has("--max-length");
        if (scope == JourneyScope.CASE && sessionOptions) {
            throw new UsageException("--timeout, --session-start, --session-end and --max-length cut sessions;"
                    + " they do not go with --journey case.");
        }
        long timeout = durationMicros("--timeout", SessionRule.DEFAULT_TIMEOUT_MICROS);
        long max = durationMicros("--max-length", 0);
        if (scope == null && !sessionOptions) {
            scope = projectJourney;
        }
        if (scope == JourneyScope.CASE) {
            return SessionRule.wholeCase();
        }
        return new SessionRule(timeout, new TreeSet<>(list("--session-start")), new TreeSet<>(list("--session-end")),
                max);
    }

    /**
     * The project's identity rules as the command line overrides them: {@code --no-stitch},
     * {@code --probabilistic} / {@code --no-probabilistic} and {@code --threshold} (where the command accepts them).
     */
    IdentitySettings identity(IdentitySettings project) {
        IdentitySettings s = project.withStitch(!flag("--no-stitch"));
        if (flag("--probabilistic") && flag("--no-probabilistic")) {
            throw new UsageException("Give --probabilistic or --no-probabilistic, not both.");
        }
        if (flag("--probabilistic") || flag("--no-probabilistic")) {
            s = s.withProbabilistic(flag("--probabilistic"));
        }
        String t = value("--threshold", null);
        if (t != null) {
            double v = nonNegative("--threshold", 0);
            if (v > 1) {
                throw new UsageException("--threshold takes a number between 0 and 1, not '" + t + "'.");
            }
            s = s.withThreshold(v);
        }
        return s;
    }

    /**
     * The project's identity rules as the {@code identity} command changes them: {@link #identity} plus
     * {@code --window}, {@code --email-joins on|off}, {@code --phone-joins on|off}, {@code --unlink ID} and
     * {@code --link ID} (each may be given several times).
     */
    IdentitySettings projectIdentity(IdentitySettings project) {
        IdentitySettings s = identity(project);
        if (has("--window")) {
            long micros = durationMicros("--window", 0);
            if (micros < 60_000_000L) {
                throw new UsageException("--window expects at least a minute, such as 30m, 12h or 7d, got '"
                        + value("--window", "") + "'.");
            }
            s = s.withWindowMinutes((int) Math.min(Integer.MAX_VALUE, micros / 60_000_000L));
        }
        if (has("--email-joins")) {
            s = s.withEmailJoinsAccounts(onOff("--email-joins"));
        }
        if (has("--phone-joins")) {
            s = s.withPhoneJoinsAccounts(onOff("--phone-joins"));
        }
        for (String id : all("--unlink")) {
            s = s.withDetached(id, true);
        }
        for (String id : all("--link")) {
            s = s.withDetached(id, false);
        }
        return s;
    }

    /** {@code on} or {@code off}. */
    boolean onOff(String name) {
        return "on".equals(choice(name, null, "on", "off"));
    }

    /** The frame rule: the project's identity rules and journey choice as overridden here. */
    FrameRule frameRule(IdentitySettings project, JourneyScope projectJourney) {
        return new FrameRule(identity(project), sessionRule(projectJourney));
    }

    /** Checks the frame rule options before a project is opened (refusing bad values with exit code 2). */
    void checkFrameRule() {
        frameRule(IdentitySettings.DEFAULT, JourneyScope.SESSION);
    }

    /**
     * The filters of {@code --dates FROM..TO} (days included, in this machine's time zone as in the app; either
     * side may be left out, one day alone means that day) and {@code --where key=value} (the app's "Property
     * equals"), or null when neither is given.
     */
    FilterSettings filters() {
        String dates = value("--dates", null);
        String where = value("--where", null);
        if (dates == null && where == null) {
            return null;
        }
        LocalDate from = null;
        LocalDate to = null;
        if (dates != null) {
            int dots = dates.indexOf("..");
            from = day(dots < 0 ? dates : dates.substring(0, dots), dates);
            to = dots < 0 ? from : day(dates.substring(dots + 2), dates);
            if (from != null && to != null && to.isBefore(from)) {
                throw new UsageException("--dates " + dates + ": the last day is before the first.");
            }
        }
        String key = null;
        String val = null;
        if (where != null) {
            int eq = where.indexOf('=');
            if (eq <= 0 || where.substring(0, eq).isBlank()) {
                throw new UsageException("--where takes key=value (the event property and the value it must"
                        + " have, e.g. --where country=FR), not '" + where + "'.");
            }
            key = where.substring(0, eq).trim();
            val = where.substring(eq + 1);
        }
        return new FilterSettings(from, to, Set.of(), ZoneId.systemDefault(), key, val);
    }

    private static LocalDate day(String text, String dates) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException("--dates takes FROM..TO as days, e.g. 2025-09-01..2025-09-30 (either side may"
                    + " be left out), not '" + dates + "'.");
        }
    }

    /** {@code a} plus {@code more}, for option sets. */
    static Set<String> with(Set<String> a, String... more) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(List.of(more));
        return s;
    }

    /** {@code a} plus {@code b} plus {@code more}, for option sets. */
    static Set<String> with(Set<String> a, Set<String> b, String... more) {
        Set<String> s = with(a, more);
        s.addAll(b);
        return s;
    }
}
