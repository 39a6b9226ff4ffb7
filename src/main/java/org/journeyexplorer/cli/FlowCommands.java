package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.EventLabeling;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.FunnelQuery;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.analysis.ProjectFrames;
import org.journeyexplorer.analysis.RenameRule;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TimeDistribution;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.FlowsCsv;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.store.ProjectStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code flows} and {@code funnel} CLI commands. Each command is split into loading the project's frame and a
 * pure function over an {@link EventFrame} ({@link #flows(EventFrame, Map, Set)}, {@link #funnel}), which the tests
 * call directly.
 */
public final class FlowCommands {
    private FlowCommands() {
    }

    private static final Set<String> FLOW_VALUES = Set.of("--project", "--start", "--end", "--steps", "--top", "--by",
            "--exclude", "--rename", "--timeout", "--journey");
    private static final Set<String> FLOW_FLAGS = Set.of("--csv", "--collapse", "--no-stitch");
    private static final Set<String> FUNNEL_VALUES = Set.of("--project", "--steps", "--window", "--by", "--exclude",
            "--rename", "--timeout", "--top-next", "--journey");
    private static final Set<String> FUNNEL_FLAGS = Set.of("--json", "--strict", "--collapse", "--no-stitch");

    /**
     * {@code flows --project P [--start E | --end E | --start E --end F] --steps N [--top K] [--by persons|sessions]
     * [--collapse] [--exclude a,b] [--rename 'regex=Label;regex2=Label2'] [--journey case|session] [--timeout 30m]
     * [--no-stitch] --csv}; without --start or --end the journeys are followed from their start.
     */
    public static int flows(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, FLOW_VALUES, FLOW_FLAGS,
                (o) -> withFrame(o, (f, store) -> flows(f, AnalysisCommands.caption("", store), o.values, o.flags)));
    }

    /**
     * {@code funnel --project P --steps a,b,c [--window 7d] [--by persons|sessions] [--strict] [--collapse]
     * [--exclude a,b] [--rename ...] [--top-next 5] [--json]}.
     */
    public static int funnel(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, FUNNEL_VALUES, FUNNEL_FLAGS, (o) -> withFrame(o, (f, store) -> funnel(f, o.values, o.flags)));
    }

    /**
     * The {@code flows} output for a frame: the {@link FlowsCsv} of the flow, under {@code caption} whose title is
     * replaced by the query's.
     */
    public static String flows(EventFrame frame, ChartCaption caption, Map<String, String> values, Set<String> flags) {
        String start = values.get("--start");
        String end = values.get("--end");
        if (start == null && end == null) {
            start = FlowQuery.JOURNEY_START; // as the app does: journeys from their beginning
        }
        FlowQuery.Direction dir = start != null && end != null ? FlowQuery.Direction.BETWEEN
                : start != null ? FlowQuery.Direction.FORWARD : FlowQuery.Direction.BACKWARD;
        EventLabeling labeling = labeling(values);
        for (String e : new String[]{start, end}) {
            if (e != null && !e.equals(FlowQuery.JOURNEY_START)) {
                requireEvent(frame, labeling, e);
            }
        }
        FlowQuery q = new FlowQuery(dir, start, end, intValue(values, "--steps", 5), intValue(values, "--top", 10),
                CountUnit.parse(values.getOrDefault("--by", "sessions")), flags.contains("--collapse"), labeling);
        return FlowsCsv.asString(Flows.compute(Selection.all(frame), q), caption.withTitle(q.title()));
    }

    /** The {@code funnel} output for a frame: JSON with {@code --json}, else a readable table. */
    public static String funnel(EventFrame frame, Map<String, String> values, Set<String> flags) {
        String steps = values.get("--steps");
        if (steps == null || steps.isBlank()) {
            throw new IllegalArgumentException("funnel needs --steps a,b,c");
        }
        EventLabeling labeling = labeling(values);
        List<String> list = new ArrayList<>();
        for (String s : steps.split(",")) {
            requireEvent(frame, labeling, s.trim());
            list.add(s.trim());
        }
        String w = values.get("--window");
        long window = w == null ? FunnelQuery.NO_WINDOW : SessionRule.parseDurationMicros(w);
        FunnelQuery q = new FunnelQuery(list, window, CountUnit.parse(values.getOrDefault("--by", "sessions")),
                flags.contains("--strict"), flags.contains("--collapse"), labeling, intValue(values, "--top-next", 5));
        FunnelResult r = Funnels.compute(Selection.all(frame), q);
        return flags.contains("--json") ? funnelJson(r) : funnelText(r);
    }

    /** The funnel as JSON (durations in seconds). */
    public static String funnelJson(FunnelResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        FunnelQuery q = r.query();
        m.put("steps", q.steps());
        m.put("window_seconds", q.windowMicros() == FunnelQuery.NO_WINDOW ? null : q.windowMicros() / 1e6);
        m.put("by", q.unit().label());
        m.put("strict", q.strict());
        m.put("units", r.units());
        m.put("entered", r.steps().get(0).count());
        m.put("converted", r.converted());
        m.put("conversion", r.conversion());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (FunnelResult.Step s : r.steps()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("step", s.index() + 1);
            e.put("event", s.label());
            e.put("count", s.count());
            e.put("conversion_from_start", s.fromStart());
            e.put("conversion_from_previous", s.fromPrevious());
            e.put("dropoff", s.dropoff());
            e.put("median_seconds_from_previous", s.index() == 0 ? null : s.medianFromPreviousMicros() / 1e6);
            List<Map<String, Object>> next = new ArrayList<>();
            for (FunnelResult.Next n : s.dropoffNext()) {
                next.add(pair("event", n.label(), "count", n.count()));
            }
            e.put("dropoff_next", next);
            steps.add(e);
        }
        m.put("funnel", steps);
        TimeDistribution t = r.timeToConvert();
        Map<String, Object> ttc = new LinkedHashMap<>();
        ttc.put("count", t.count());
        ttc.put("min_seconds", t.min() / 1e6);
        ttc.put("p10_seconds", t.p10() / 1e6);
        ttc.put("p25_seconds", t.p25() / 1e6);
        ttc.put("median_seconds", t.median() / 1e6);
        ttc.put("p75_seconds", t.p75() / 1e6);
        ttc.put("p90_seconds", t.p90() / 1e6);
        ttc.put("max_seconds", t.max() / 1e6);
        ttc.put("mean_seconds", t.mean() / 1e6);
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (TimeDistribution.Bucket b : t.buckets()) {
            buckets.add(pair("label", b.label(), "count", b.count()));
        }
        ttc.put("buckets", buckets);
        m.put("time_to_convert", ttc);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String funnelText(FunnelResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-4s %-24s %10s %8s %8s %10s  %s%n", "step", "event",
                r.query().unit().label(), "of first", "of prev", "dropoff", "median from prev"));
        for (FunnelResult.Step s : r.steps()) {
            sb.append(String.format(Locale.ROOT, "%-4d %-24s %10d %7.1f%% %7.1f%% %10d  %s%n", s.index() + 1,
                    s.label(), s.count(), 100 * s.fromStart(), 100 * s.fromPrevious(), s.dropoff(),
                    s.index() == 0 ? "" : Formats.duration(s.medianFromPreviousMicros())));
            if (!s.dropoffNext().isEmpty()) {
                StringBuilder next = new StringBuilder();
                for (FunnelResult.Next n : s.dropoffNext()) {
                    next.append(next.length() == 0 ? "" : ", ").append(n.label()).append(' ').append(n.count());
                }
                sb.append("     dropped off, then: ").append(next).append('\n');
            }
        }
        TimeDistribution t = r.timeToConvert();
        sb.append(String.format(Locale.ROOT, "converted %d of %d (%.1f%%); time to convert: median %s, p25 %s, "
                        + "p75 %s, p90 %s%n", r.converted(), r.steps().get(0).count(), 100 * r.conversion(),
                Formats.duration(t.median()), Formats.duration(t.p25()), Formats.duration(t.p75()), Formats.duration(t.p90())));
        return sb.toString();
    }

    // ------------------------------------------------------------------ plumbing

    private record Opts(Map<String, String> values, Set<String> flags) {
    }

    private interface Body {
        String apply(Opts o) throws Exception;
    }

    private static int run(String[] args, PrintStream out, PrintStream err, Set<String> valued, Set<String> flagNames,
                           Body body) {
        try {
            CommandArgs a = CommandArgs.parse(args, valued, flagNames);
            out.print(body.apply(new Opts(a.values(), a.flags())));
            return 0;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("Failed: " + e);
            return 1;
        }
    }

    private static String withFrame(Opts o, BiFunction<EventFrame, ProjectStore, String> f) {
        String p = o.values.get("--project");
        if (p == null) {
            throw new IllegalArgumentException("--project is required");
        }
        try (ProjectStore store = ProjectStore.open(Path.of(p))) {
            SessionRule rule = ProjectFrames.rule(store, o.values.get("--journey"), o.values.get("--timeout"));
            return f.apply(ProjectFrames.build(store, !o.flags.contains("--no-stitch"), rule, TaskContext.NONE).frame(),
                    store);
        }
    }

    private static EventLabeling labeling(Map<String, String> values) {
        List<RenameRule> rules = new ArrayList<>();
        String r = values.get("--rename");
        if (r != null) {
            for (String rule : r.split(";")) {
                int eq = rule.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--rename expects regex=Label pairs separated by ';', got " + rule);
                }
                rules.add(new RenameRule(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim()));
            }
        }
        Set<String> excluded = new LinkedHashSet<>();
        String x = values.get("--exclude");
        if (x != null) {
            for (String e : x.split(",")) {
                excluded.add(e.trim());
            }
        }
        return new EventLabeling(rules, excluded);
    }

    private static void requireEvent(EventFrame frame, EventLabeling labeling, String name) {
        if (labeling.resolve(frame).index(name) < 0) {
            String[] known = frame.typeNames.clone();
            Arrays.sort(known);
            String list = String.join(", ", Arrays.asList(known).subList(0, Math.min(20, known.length)));
            throw new UserFacingException("The event \"" + name + "\" does not occur in this project (or is excluded). "
                    + "Known events: " + list + (known.length > 20 ? ", …" : ""));
        }
    }

    private static int intValue(Map<String, String> values, String key, int def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects a positive whole number, got " + v);
        }
    }

}
