package org.journeyexplorer.bench;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.EventLabeling;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.Metrics;
import org.journeyexplorer.analysis.MetricsQuery;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.session.SessionRule;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The engine's part of the app's re-query tour ({@code -Dje.requery}) on a real project (issue 16, target 4): the
 * tour's date filter of the middle 60 days (UTC days here) and a type hidden, with what the Flows tab computes on
 * them (the flow, its counts alone as shown first on a large frame, and those then its medians), then what the
 * Transitions tab computes on it (counts,
 * then counts and exact times), the Funnels tab's first funnel and what the Overview tab computes (headline numbers,
 * and the metrics to the conversion event {@code purchase} by persons). A new selection per run, results not
 * remembered. Args: {@code PROJECT [runs]}; {@code -Dje.bench.warmup}, {@code -Dje.bench.only} as for {@code flows}. The same class
 * runs against another build's classes ({@code java -cp OTHER.jar:target/test-classes
 * org.journeyexplorer.bench.Benchmarks requery …}) to compare builds.
 */
public final class RequeryBenchmark {
    private static final long DAY = 86_400_000_000L;

    private RequeryBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Selection.rememberResults = false;
        EventFrame f;
        try (ProjectSession s = ProjectSession.open(project)) {
            f = s.frame(new FrameRule(s.identitySettings(), SessionRule.defaults()), TaskContext.NONE).frame();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < f.size; i++) {
            first = Math.min(first, f.time.get(i));
            last = Math.max(last, f.time.get(i));
        }
        long midDay = Math.floorDiv(first, DAY) + (Math.floorDiv(last, DAY) - Math.floorDiv(first, DAY)) / 2;
        Filter range = Filter.NONE.withRange((midDay - 30) * DAY, (midDay + 30) * DAY);
        System.out.printf(Locale.ROOT, "frame: %,d events, %,d sessions, %,d persons, %d types; 60 days: %,d events%n",
                f.size, f.sessionCount(), f.personCount(), f.typeCount(), range.apply(f, null).count());
        System.out.printf(Locale.ROOT, "load average before: %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        FlowsBenchmark.time("date filter: selection", runs, () -> range.apply(f, null), x -> x.count() + " events");
        // what the Flows tab redoes (its default chart: from the journey start, 5 steps, top 8): under the date
        // filter, and with the alphabetically first type hidden
        FlowQuery flow = new FlowQuery(FlowQuery.Direction.FORWARD, FlowQuery.JOURNEY_START, null, 5, 8,
                CountUnit.SESSIONS, false, EventLabeling.NONE);
        FlowsBenchmark.time("date filter: selection + flow", runs, () -> Flows.compute(range.apply(f, null), flow),
                x -> x.journeys() + " journeys");
        // what the tab shows first on a large frame (issue 16: counts first, the links' medians after), and both
        FlowsBenchmark.time("date filter: selection + flow counts", runs,
                () -> counts(Flows.countsFirst(range.apply(f, null), flow)), x -> x.journeys() + " journeys");
        FlowsBenchmark.time("date filter: selection + flow counts, medians", runs,
                () -> Flows.countsFirst(range.apply(f, null), flow).complete(), x -> x.journeys() + " journeys");
        String firstType = java.util.Arrays.stream(f.typeNames).sorted().findFirst().orElseThrow();
        Filter hide = Filter.NONE.withHiddenTypes(java.util.Set.of(firstType));
        FlowsBenchmark.time("hide " + firstType + ": selection + flow", runs,
                () -> Flows.compute(hide.apply(f, null), flow.withLabeling(new EventLabeling(java.util.List.of(),
                        java.util.Set.of(firstType)))), x -> x.journeys() + " journeys");
        FlowsBenchmark.time("hide " + firstType + ": selection + flow counts", runs,
                () -> counts(Flows.countsFirst(hide.apply(f, null), flow.withLabeling(new EventLabeling(
                        java.util.List.of(), java.util.Set.of(firstType))))), x -> x.journeys() + " journeys");
        FlowsBenchmark.time("date filter: transitions counts", runs,
                () -> Transitions.counts(range.apply(f, null), CountUnit.SESSIONS, TaskContext.NONE),
                x -> x.total() + " transitions");
        FlowsBenchmark.time("date filter: transitions with times", runs,
                () -> Transitions.compute(range.apply(f, null), TaskContext.NONE), x -> x.total() + " transitions");
        // the Funnels tab's first funnel: the most frequent type, the cart and checkout steps present, the conversion
        java.util.List<String> steps = new java.util.ArrayList<>();
        long[] counts = f.typeCounts();
        int top = 0;
        for (int t = 1; t < counts.length; t++) {
            top = counts[t] > counts[top] ? t : top;
        }
        steps.add(f.typeNames[top]);
        for (String step : new String[]{"add_to_cart", "begin_checkout", "checkout", "purchase"}) {
            if (f.typeIndex(step) >= 0 && !steps.contains(step)) {
                steps.add(step);
            }
        }
        org.journeyexplorer.analysis.FunnelQuery funnel = org.journeyexplorer.analysis.FunnelQuery.of(steps,
                org.journeyexplorer.analysis.FunnelQuery.NO_WINDOW);
        FlowsBenchmark.time("date filter: funnel " + String.join(" > ", steps), runs,
                () -> org.journeyexplorer.analysis.Funnels.compute(range.apply(f, null), funnel),
                x -> x.units() + " journeys");
        FlowsBenchmark.time("date filter: overview numbers", runs, () -> Metrics.overview(range.apply(f, null), 12),
                x -> x.persons() + " persons");
        FlowsBenchmark.time("date filter: metrics to purchase, persons", runs,
                () -> Metrics.compute(range.apply(f, null), MetricsQuery.of("purchase", CountUnit.PERSONS)),
                x -> x.completed() + " completed");
        System.out.printf(Locale.ROOT, "load average after: %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The counts a flow shows first; its rows are given back, as when a newer flow supersedes it. */
    private static org.journeyexplorer.analysis.FlowResult counts(Flows.Counted c) {
        c.discard();
        return c.counts();
    }
}
