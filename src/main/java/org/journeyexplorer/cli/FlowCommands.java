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
import org.journeyexplorer.analysis.RenameRule;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TimeDistribution;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.FlowsCsv;
import org.journeyexplorer.session.SessionRule;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code flows} and {@code funnel} CLI commands. Each command is split into loading the project's frame and a
 * pure function over an {@link EventFrame} ({@link #flows(EventFrame, Map, Set)}, {@link #funnel}), which the tests
 * call directly.
 */
public final class FlowCommands {
    private FlowCommands() {
    }

    private static final Set<String> FLOW_VALUES = CommandArgs.with(CommandArgs.RULE_OPTIONS,
            CommandArgs.FILTER_OPTIONS, "--project", "--start", "--end", "--steps", "--top", "--by", "--exclude",
            "--rename");
    private static final Set<String> FLOW_FLAGS = Set.of("--csv", "--caption", "--collapse", "--no-stitch");
    private static final Set<String> FUNNEL_VALUES = CommandArgs.with(CommandArgs.RULE_OPTIONS,
            CommandArgs.FILTER_OPTIONS, "--project", "--steps", "--window", "--by", "--exclude", "--rename",
            "--top-next");
    private static final Set<String> FUNNEL_FLAGS = Set.of("--json", "--strict", "--collapse", "--no-stitch");

    /**
     * {@code flows --project P [--start E | --end E | --start E --end F] --steps N [--top K] [--by persons|sessions]
     * [--collapse] [--exclude a,b] [--rename 'regex=Label;regex2=Label2'] [--journey case|session] [--timeout 30m]
     * [--no-stitch] --csv [--caption]}; without --start or --end the journeys are followed from their start;
     * {@code --caption} adds the app's {@code #} caption lines.
     */
    public static int flows(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("flows", err, () -> {
            CommandArgs a = CommandArgs.parse(args, FLOW_VALUES, FLOW_FLAGS);
            checkFlows(a);
            Projects.Framed framed = Projects.frame(a);
            out.print(flows(framed.selection(), framed.caption(a), a));
            return 0;
        });
    }

    /**
     * {@code funnel --project P --steps a,b,c [--window 7d] [--by persons|sessions] [--strict] [--collapse]
     * [--exclude a,b] [--rename ...] [--top-next 5] [--json]}.
     */
    public static int funnel(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("funnel", err, () -> {
            CommandArgs a = CommandArgs.parse(args, FUNNEL_VALUES, FUNNEL_FLAGS);
            checkFunnel(a);
            out.print(funnel(Projects.frame(a).selection(), a));
            return 0;
        });
    }

    /** Everything about the command line that can be refused before the project is opened. */
    private static void checkFlows(CommandArgs a) {
        a.required("--project");
        a.positiveInt("--steps", 5);
        a.positiveInt("--top", 10);
        unit(a);
        labeling(a);
        a.checkFrameRule();
    }

    private static void checkFunnel(CommandArgs a) {
        a.required("--project");
        if (a.list("--steps").isEmpty()) {
            throw new UsageException("funnel needs --steps a,b,c.");
        }
        a.durationMicros("--window", FunnelQuery.NO_WINDOW);
        a.positiveInt("--top-next", 5);
        unit(a);
        labeling(a);
        a.checkFrameRule();
    }

    private static CountUnit unit(CommandArgs a) {
        try {
            return CountUnit.parse(a.value("--by", "sessions"));
        } catch (UserFacingException e) {
            throw new UsageException("--by: " + e.getMessage());
        }
    }

    /**
     * The {@code flows} output for a frame and a command line (e.g. {@code "--start", "x"}): the {@link FlowsCsv} of
     * the flow, under {@code caption} (null for none) whose title is replaced by the query's.
     */
    public static String flows(EventFrame frame, ChartCaption caption, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "flows";
        System.arraycopy(args, 0, full, 1, args.length);
        CommandArgs a = CommandArgs.parse(full, FLOW_VALUES, FLOW_FLAGS);
        return flows(Selection.all(frame), caption, a);
    }

    /** The {@code funnel} output for a frame and a command line. */
    public static String funnel(EventFrame frame, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "funnel";
        System.arraycopy(args, 0, full, 1, args.length);
        CommandArgs a = CommandArgs.parse(full, FUNNEL_VALUES, FUNNEL_FLAGS);
        return funnel(Selection.all(frame), a);
    }

    private static String flows(Selection selection, ChartCaption caption, CommandArgs a) {
        EventFrame frame = selection.frame();
        String start = a.value("--start", null);
        String end = a.value("--end", null);
        if (start == null && end == null) {
            start = FlowQuery.JOURNEY_START; // as the app does: journeys from their beginning
        }
        FlowQuery.Direction dir = start != null && end != null ? FlowQuery.Direction.BETWEEN
                : start != null ? FlowQuery.Direction.FORWARD : FlowQuery.Direction.BACKWARD;
        EventLabeling labeling = labeling(a);
        for (String e : new String[]{start, end}) {
            if (e != null && !e.equals(FlowQuery.JOURNEY_START)) {
                requireEvent(frame, labeling, e);
            }
        }
        FlowQuery q = new FlowQuery(dir, start, end, a.positiveInt("--steps", 5), a.positiveInt("--top", 10),
                unit(a), a.flag("--collapse"), labeling);
        return FlowsCsv.asString(Flows.compute(selection, q),
                caption == null ? null : caption.withTitle(q.title()));
    }

    private static String funnel(Selection selection, CommandArgs a) {
        EventFrame frame = selection.frame();
        List<String> list = a.list("--steps");
        if (list.isEmpty()) {
            throw new UsageException("funnel needs --steps a,b,c.");
        }
        EventLabeling labeling = labeling(a);
        for (String s : list) {
            requireEvent(frame, labeling, s);
        }
        long window = a.durationMicros("--window", FunnelQuery.NO_WINDOW);
        FunnelQuery q = new FunnelQuery(list, window, unit(a), a.flag("--strict"), a.flag("--collapse"), labeling,
                a.positiveInt("--top-next", 5));
        FunnelResult r = Funnels.compute(selection, q);
        return a.flag("--json") ? funnelJson(r) : funnelText(r);
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
            e.put("median_seconds_from_previous", !s.hasGap() ? null : s.medianFromPreviousMicros() / 1e6);
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
                    !s.hasGap() ? "" : Formats.duration(s.medianFromPreviousMicros())));
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

    private static EventLabeling labeling(CommandArgs a) {
        List<RenameRule> rules = new ArrayList<>();
        String r = a.value("--rename", null);
        if (r != null) {
            for (String rule : r.split(";")) {
                int eq = rule.lastIndexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--rename expects regex=Label pairs separated by ';', got '" + rule + "'.");
                }
                try {
                    rules.add(new RenameRule(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim()));
                } catch (UserFacingException e) {
                    throw new UsageException("--rename: " + e.getMessage());
                }
            }
        }
        return new EventLabeling(rules, new LinkedHashSet<>(a.list("--exclude")));
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

}
