package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.ProjectFrames;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.export.TransitionsCsv;
import org.journeyexplorer.identity.IdentityConflict;
import org.journeyexplorer.identity.AccountMerge;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.IdentitySettingsJson;
import org.journeyexplorer.identity.JoinRule;
import org.journeyexplorer.identity.KeyConflict;
import org.journeyexplorer.identity.ProbableLink;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.store.EventColumns;
import org.journeyexplorer.store.ProjectStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CLI commands of the analysis engine: {@code sessions}, {@code transitions} and {@code generate-demo}.
 * The sessions summary is computed by {@link #sessionsSummary} over plain columns, so tests can check it without a
 * project file; the transitions CSV is {@link TransitionsCsv}, the same as the app's export.
 */
public final class AnalysisCommands {
    private static final Set<String> RULE_OPTIONS = Set.of("--project", "--timeout", "--session-start",
            "--session-end", "--max-length", "--threshold", "--journey");
    private static final Set<String> IDENTITY_FLAGS = Set.of("--no-stitch", "--probabilistic");

    private AnalysisCommands() {
    }

    /**
     * {@code sessions --project P [--timeout 30m] [--session-start a,b] [--session-end c] [--max-length 4h]
     * [--no-stitch] [--probabilistic [--threshold 0.8]] [--json]}. Identity stitching follows the project's identity
     * settings; {@code --probabilistic} and {@code --threshold} override them for this run.
     */
    public static int sessions(String[] args, PrintStream out, PrintStream err) {
        return guarded(err, () -> {
            Options o = Options.parse(args, RULE_OPTIONS, union(IDENTITY_FLAGS, Set.of("--json")));
            try (ProjectStore store = ProjectStore.open(o.path("--project"))) {
                BuiltFrame built = ProjectFrames.build(store, store.loadColumns(TaskContext.NONE), o.identity(store),
                        o.rule(store), TaskContext.NONE);
                Map<String, Object> summary = sessionsSummary(built);
                if (o.flag("--json")) {
                    out.println(json(summary));
                } else {
                    summary.forEach((k, v) -> {
                        if (!(v instanceof List) && !(v instanceof Map)) {
                            out.println(k + ": " + v);
                        }
                    });
                    IdentityReport r = built.identity();
                    if (r.stitched()) {
                        out.println("ids joined: " + r.joined().signIn() + " by sign-in, " + r.joined().email()
                                + " by email, " + r.joined().phone() + " by phone, " + r.joined().probable()
                                + " probable; " + r.accountMergeCount() + " account merges, " + r.keyConflictCount()
                                + " refused key links, " + r.unlinkedIds() + " unlinked ids");
                    }
                }
            }
            return 0;
        });
    }

    /**
     * {@code transitions --project P [--timeout 30m] [--session-start a,b] [--session-end c] [--max-length 4h]
     * [--no-stitch] [--csv]}: CSV is the only output format.
     */
    public static int transitions(String[] args, PrintStream out, PrintStream err) {
        return guarded(err, () -> {
            Options o = Options.parse(args, RULE_OPTIONS, union(IDENTITY_FLAGS, Set.of("--csv")));
            try (ProjectStore store = ProjectStore.open(o.path("--project"))) {
                BuiltFrame built = ProjectFrames.build(store, store.loadColumns(TaskContext.NONE), o.identity(store),
                        o.rule(store), TaskContext.NONE);
                out.print(transitions(built.frame(), caption("", store)));
            }
            return 0;
        });
    }

    /** {@code generate-demo --events N --seed S --out FILE [--truth FILE]}. */
    public static int generateDemo(String[] args, PrintStream out, PrintStream err) {
        return guarded(err, () -> {
            Options o = Options.parse(args, Set.of("--events", "--seed", "--out", "--truth"), Set.of());
            long events = Long.parseLong(o.value("--events", "60000").replace("_", ""));
            long seed = Long.parseLong(o.value("--seed", "42"));
            Path file = o.path("--out");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path truth = o.values().containsKey("--truth") ? o.path("--truth") : null;
            DemoGenerator.writeCsv(file, events, seed, truth);
            out.println("Wrote " + events + " events to " + file + (truth == null ? "" : ", whose ids are whose to "
                    + truth));
            return 0;
        });
    }

    /** Summary of a built frame as the {@code sessions} command prints it. */
    public static Map<String, Object> sessionsSummary(BuiltFrame built) {
        IdentityReport r = built.identity();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", r.events());
        m.put("persons", r.persons());
        boolean cases = built.rule().isWholeCase();
        // a case log's journeys are its cases: say so, rather than report "sessions" of an infinite timeout
        m.put("journey", cases ? JourneyScope.CASE.key() : JourneyScope.SESSION.key());
        m.put("sessions", built.frame().sessionCount());
        if (cases) {
            m.put("cases", built.frame().sessionCount());
        } else {
            m.put("timeout_seconds", built.rule().timeoutMicros() / 1e6);
        }
        m.put("stitched", r.stitched());
        m.put("user_ids", r.userIds());
        m.put("anonymous_ids", r.anonymousIds());
        m.put("merged_ids", r.mergedAnonymousIds());
        m.put("multi_device_persons", r.multiDevicePersons());
        m.put("conflicts", r.conflictCount());
        List<Map<String, Object>> list = new ArrayList<>();
        for (IdentityConflict c : r.conflicts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("anonymous_id", c.anonymousId());
            e.put("kept_user_id", c.keptUserId());
            e.put("other_user_id", c.otherUserId());
            e.put("first_seen", Instant.EPOCH.plusNanos(c.firstSeenMicros() * 1000).toString());
            list.add(e);
        }
        m.put("conflict_list", list);
        m.put("identity", identitySummary(r));
        return m;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /**
     * The identity graph's counts as {@code sessions --json} reports them under {@code identity}: ids joined per
     * rule, account merges, refused key links, unlinked ids and probable links (the same numbers as the identity
     * panel).
     */
    public static Map<String, Object> identitySummary(IdentityReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> joined = new LinkedHashMap<>();
        for (JoinRule rule : JoinRule.values()) {
            joined.put(rule.label(), r.joined().of(rule));
        }
        m.put("joined_by_rule", joined);
        m.put("joined_ids", r.joined().total());
        m.put("account_merges", r.accountMergeCount());
        m.put("key_conflicts", r.keyConflictCount());
        m.put("unlinked_ids", r.unlinkedIds());
        m.put("probable_links", r.probableLinks().size());
        List<Map<String, Object>> merges = new ArrayList<>();
        for (AccountMerge a : r.accountMerges()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rule", a.rule().label());
            e.put("user_id", a.userId());
            e.put("joined_user_id", a.joinedUserId());
            e.put("seen", Instant.EPOCH.plusNanos(a.firstSeenMicros() * 1000).toString());
            merges.add(e);
        }
        m.put("account_merge_list", merges);
        List<Map<String, Object>> refused = new ArrayList<>();
        for (KeyConflict k : r.keyConflicts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rule", k.rule().label());
            e.put("id", k.id());
            e.put("person", k.idPerson());
            e.put("key_person", k.keyPerson());
            e.put("first_seen", Instant.EPOCH.plusNanos(k.firstSeenMicros() * 1000).toString());
            refused.add(e);
        }
        m.put("key_conflict_list", refused);
        List<Map<String, Object>> probable = new ArrayList<>();
        for (ProbableLink p : r.probableLinks()) {
            if (probable.size() >= IdentityResolver.MAX_LISTED_CONFLICTS) {
                break;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("anonymous_id", p.anonymousId());
            e.put("linked_to", p.linkedTo());
            e.put("score", Math.round(p.score() * 1000) / 1000.0);
            e.put("signals", p.signals());
            probable.add(e);
        }
        m.put("probable_link_list", probable);
        return m;
    }

    /** Summary of plain columns (no project), for tests and benchmarks. */
    public static Map<String, Object> sessionsSummary(EventColumns columns, boolean stitch, SessionRule rule) {
        return sessionsSummary(FrameBuilder.build(columns, stitch, rule, TaskContext.NONE));
    }

    /** The {@code transitions} output for a frame: the {@link TransitionsCsv} of all its events. */
    public static String transitions(EventFrame frame, ChartCaption caption) {
        TransitionMatrix m = Transitions.compute(Selection.all(frame), TaskContext.NONE);
        return TransitionsCsv.asString(m, caption.withTitle(TransitionsCsv.TITLE));
    }

    /**
     * The caption of a CLI export: the CLI applies no date range or filter, so it says so exactly as the app does
     * for an unfiltered chart, and the same data gives the same bytes from both.
     */
    static ChartCaption caption(String title, ProjectStore store) {
        return new ChartCaption(title, ProjectStore.displayName(store.file()), "", ChartCaption.ALL_DATES);
    }

    private static String json(Object o) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }

    private interface Body {
        int run() throws Exception;
    }

    private static int guarded(PrintStream err, Body body) {
        try {
            return body.run();
        } catch (UserFacingException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return e instanceof UserFacingException ? 1 : 2;
        } catch (IOException e) {
            err.println("Could not write: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Failed: " + e);
            return 1;
        }
    }

    /** {@code --name value} options and {@code --flag}s after the command name. */
    private record Options(Map<String, String> values, Set<String> flags) {
        static Options parse(String[] args, Set<String> valued, Set<String> flagNames) {
            CommandArgs a = CommandArgs.parse(args, valued, flagNames);
            return new Options(a.values(), a.flags());
        }

        boolean flag(String f) {
            return flags.contains(f);
        }

        String value(String k, String def) {
            return values.getOrDefault(k, def);
        }

        Path path(String k) {
            String v = values.get(k);
            if (v == null) {
                throw new IllegalArgumentException(k + " is required");
            }
            return Path.of(v);
        }

        /** The project's identity settings, with stitching and probabilistic matching as the flags say. */
        IdentitySettings identity(ProjectStore store) {
            IdentitySettings s = IdentitySettingsJson.read(store).withStitch(!flag("--no-stitch"));
            if (flag("--probabilistic")) {
                s = s.withProbabilistic(true);
            }
            String t = values.get("--threshold");
            if (t != null) {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--threshold takes a number between 0 and 1, not '" + t + "'.");
                }
                s = s.withThreshold(v);
            }
            return s;
        }

        /** The options' rule; without any, the project's ({@link ProjectFrames#defaultRule}). */
        SessionRule rule(ProjectStore store) {
            String t = values.get("--timeout");
            String max = values.get("--max-length");
            boolean markers = values.containsKey("--session-start") || values.containsKey("--session-end")
                    || max != null;
            if (!markers) {
                return ProjectFrames.rule(store, values.get("--journey"), t);
            }
            if (values.containsKey("--journey") && JourneyScope.parse(values.get("--journey")) == JourneyScope.CASE) {
                throw new IllegalArgumentException("--session-start, --session-end and --max-length cut sessions;"
                        + " they do not go with --journey case");
            }
            return new SessionRule(
                    t == null ? SessionRule.DEFAULT_TIMEOUT_MICROS : SessionRule.parseDurationMicros(t),
                    names("--session-start"), names("--session-end"),
                    max == null ? 0 : SessionRule.parseDurationMicros(max));
        }

        private Set<String> names(String k) {
            String v = values.get(k);
            Set<String> out = new java.util.TreeSet<>();
            if (v != null) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            return out;
        }
    }
}
