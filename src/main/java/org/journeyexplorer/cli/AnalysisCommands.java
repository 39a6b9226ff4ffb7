package org.journeyexplorer.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.TaskContext;
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
import org.journeyexplorer.domain.EventColumns;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
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
    private static final Set<String> RULE_VALUES = CommandArgs.with(CommandArgs.RULE_OPTIONS, "--project",
            "--threshold");
    private static final Set<String> TRANSITION_VALUES = CommandArgs.with(RULE_VALUES, CommandArgs.FILTER_OPTIONS);
    private static final Set<String> IDENTITY_FLAGS = Set.of("--no-stitch", "--probabilistic", "--no-probabilistic");

    private AnalysisCommands() {
    }

    /**
     * {@code sessions --project P [--timeout 30m] [--session-start a,b] [--session-end c] [--max-length 4h]
     * [--no-stitch] [--probabilistic|--no-probabilistic] [--threshold 0.8] [--json]}. Identity stitching follows the
     * project's identity rules (see {@code identity}); {@code --probabilistic}, {@code --no-probabilistic} and
     * {@code --threshold} override them for this run only.
     */
    public static int sessions(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("sessions", err, () -> {
            CommandArgs a = CommandArgs.parse(args, RULE_VALUES, CommandArgs.with(IDENTITY_FLAGS, "--json"));
            BuiltFrame built = Projects.frame(a, true).built();
            Map<String, Object> summary = sessionsSummary(built);
            if (a.flag("--json")) {
                out.println(json(summary));
            } else {
                summary.forEach((k, v) -> {
                    if (!(v instanceof List) && !(v instanceof Map)) {
                        out.println(k + ": " + v);
                    }
                });
                IdentityReport r = built.identity();
                if (r.stitched()) {
                    out.println(joinedLine(r));
                }
            }
            return 0;
        });
    }

    /**
     * {@code transitions --project P [--timeout 30m] [--session-start a,b] [--session-end c] [--max-length 4h]
     * [--no-stitch] [--csv] [--caption]}: CSV is the only output format; {@code --caption} adds the app's {@code #}
     * caption lines.
     */
    public static int transitions(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("transitions", err, () -> {
            CommandArgs a = CommandArgs.parse(args, TRANSITION_VALUES,
                    CommandArgs.with(IDENTITY_FLAGS, "--csv", "--caption"));
            Projects.Framed framed = Projects.frame(a);
            out.print(transitions(framed.selection(), framed.caption(a)));
            return 0;
        });
    }

    /** {@code generate-demo --events N --seed S --out FILE [--truth FILE]}. */
    public static int generateDemo(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("generate-demo", err, () -> {
            CommandArgs a = CommandArgs.parse(args, Set.of("--events", "--seed", "--out", "--truth"), Set.of());
            long events = a.positiveInt("--events", 60_000);
            long seed = a.longValue("--seed", 42);
            Path file = a.path("--out");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path truth = a.has("--truth") ? a.path("--truth") : null;
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

    /** The identity graph's counts on one line, as {@code sessions} and {@code identity} print them. */
    static String joinedLine(IdentityReport r) {
        return "ids joined: " + r.joined().signIn() + " by sign-in, " + r.joined().email() + " by email, "
                + r.joined().phone() + " by phone, " + r.joined().probable() + " probable; " + r.accountMergeCount()
                + " account merges, " + r.keyConflictCount() + " refused key links, " + r.unlinkedIds()
                + " unlinked ids";
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

    /**
     * The {@code transitions} output for a frame: the {@link TransitionsCsv} of all its events, under {@code caption}
     * (null for none) titled as the app titles it.
     */
    public static String transitions(EventFrame frame, ChartCaption caption) {
        return transitions(Selection.all(frame), caption);
    }

    /** The {@code transitions} output for the events of {@code selection} (a frame's, filtered). */
    static String transitions(Selection selection, ChartCaption caption) {
        TransitionMatrix m = Transitions.compute(selection, TaskContext.NONE);
        return TransitionsCsv.asString(m, caption == null ? null : caption.withTitle(TransitionsCsv.TITLE));
    }

    /**
     * {@code o} as indented JSON, the characters an {@code ObjectMapper} with {@code INDENT_OUTPUT} writes: maps,
     * lists, strings, numbers and booleans through the streaming generator (a process's first {@code ObjectMapper}
     * costs 60-90 ms of CPU, see {@code IdentitySettingsJson}), anything else through the mapper.
     */
    static String json(Object o) throws IOException {
        if (!plain(o)) {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, o);
        }
        return out.toString();
    }

    /** Whether {@link #write} writes {@code o} as the mapper would. */
    private static boolean plain(Object o) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Integer || o instanceof Long
                || o instanceof Double || o instanceof Float || o instanceof Short || o instanceof BigInteger
                || o instanceof BigDecimal) {
            return true;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (o instanceof List<?> l) {
            for (Object v : l) {
                if (!plain(v)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(JsonGenerator g, Object o) throws IOException {
        if (o == null) {
            g.writeNull();
        } else if (o instanceof String v) {
            g.writeString(v);
        } else if (o instanceof Boolean v) {
            g.writeBoolean(v);
        } else if (o instanceof Integer v) {
            g.writeNumber(v);
        } else if (o instanceof Long v) {
            g.writeNumber(v);
        } else if (o instanceof Double v) {
            g.writeNumber(v);
        } else if (o instanceof Float v) {
            g.writeNumber(v);
        } else if (o instanceof Short v) {
            g.writeNumber(v);
        } else if (o instanceof BigInteger v) {
            g.writeNumber(v);
        } else if (o instanceof BigDecimal v) {
            g.writeNumber(v);
        } else if (o instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object v : (List<?>) o) {
                write(g, v);
            }
            g.writeEndArray();
        }
    }
}
