package org.journeyexplorer.ui.compare;

import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.EventLabeling;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.FunnelComparison;
import org.journeyexplorer.analysis.FunnelQuery;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.analysis.Metrics;
import org.journeyexplorer.analysis.MetricsQuery;
import org.journeyexplorer.analysis.MetricsResult;
import org.journeyexplorer.analysis.Overview;
import org.journeyexplorer.analysis.Proportions;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.analysis.Segments;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.SankeyAdapter;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * State and commands of the Compare tab: two segments of the current selection side by side, as flows (two Sankeys
 * on one scale), a funnel (conversion per step with 95 % intervals and a test of the difference) or the overview
 * metrics. Segments are evaluated in the background once per selection and pair (three passes over the frame);
 * switching between the views or changing their settings reuses them. Knows no nodes.
 */
public final class CompareViewModel {

    /** What is compared. */
    public enum Mode { FLOWS, FUNNEL, OVERVIEW }

    /** How the two Sankeys share their scale. */
    public enum Scale {
        /** One pixel height per journey in both: sizes compare. */
        COUNTS,
        /** Both start at the same height: shares of each segment compare. */
        SHARES
    }

    /**
     * A row of the overview comparison.
     *
     * @param significance the test's verdict for rates ("p = 0.003, significant"), else ""
     */
    public record MetricRow(String metric, String a, String b, String difference, String significance) {
    }

    private final TaskRunner runner;
    private final Debouncer debouncer;
    private final Supplier<Filter.PropertyIndex> properties;
    private final ZoneId zone;

    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<Segment> segmentA = new SimpleObjectProperty<>(this, "segmentA");
    private final ObjectProperty<Segment> segmentB = new SimpleObjectProperty<>(this, "segmentB");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.FUNNEL);
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.PERSONS);
    private final StringProperty startEvent = new SimpleStringProperty(this, "startEvent");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 4);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 6);
    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(this, "scale", Scale.SHARES);
    private final ObservableList<String> funnelSteps = FXCollections.observableArrayList();
    private final IntegerProperty windowDays = new SimpleIntegerProperty(this, "windowDays", 7);
    private final StringProperty conversionEvent = new SimpleStringProperty(this, "conversionEvent");
    /** What a journey is called in the overview's rows: "Sessions", or "Cases" on a case log (the view binds it). */
    private final StringProperty journeysNoun = new SimpleStringProperty(this, "journeysNoun", "Sessions");

    private final ReadOnlyObjectWrapper<SankeyData> flowA = new ReadOnlyObjectWrapper<>(this, "flowA");
    private final ReadOnlyObjectWrapper<SankeyData> flowB = new ReadOnlyObjectWrapper<>(this, "flowB");
    private final ReadOnlyObjectWrapper<FunnelComparison> funnel = new ReadOnlyObjectWrapper<>(this, "funnel");
    private final ObservableList<MetricRow> overview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summaryA = new ReadOnlyStringWrapper(this, "summaryA", "");
    private final ReadOnlyStringWrapper summaryB = new ReadOnlyStringWrapper(this, "summaryB", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private Consumer<Throwable> onError = Throwable::printStackTrace;
    private Evaluated evaluated;
    private Task<?> running;
    private long generation;

    /**
     * @param properties answers property conditions of the open project (looked up per run)
     * @param zone       zone in which segment date ranges are meant
     */
    public CompareViewModel(TaskRunner runner, Debouncer debouncer, Supplier<Filter.PropertyIndex> properties,
                            ZoneId zone) {
        this.runner = runner;
        this.debouncer = debouncer;
        this.properties = properties;
        this.zone = zone;
        for (Observable o : List.<Observable>of(selection, segmentA, segmentB, mode, unit, startEvent, steps, topK,
                funnelSteps, windowDays, conversionEvent)) {
            o.addListener(x -> debouncer.request(this::recompute));
        }
    }

    // ------------------------------------------------------------------ inputs

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ObjectProperty<Segment> segmentAProperty() {
        return segmentA;
    }

    public ObjectProperty<Segment> segmentBProperty() {
        return segmentB;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Persons or sessions: what flows, funnels and rates count. */
    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    /** The flows' start event; the event most journeys reach ({@link org.journeyexplorer.analysis.EventFrame#firstStepType}) when unset. */
    public StringProperty startEventProperty() {
        return startEvent;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    /** Only changes how the two Sankeys are drawn: no recomputation. */
    public ObjectProperty<Scale> scaleProperty() {
        return scale;
    }

    /** The funnel's steps in order; a sensible default is filled in when empty. */
    public ObservableList<String> funnelSteps() {
        return funnelSteps;
    }

    /** Conversion window of the funnel from its first step, in days (0 = none). */
    public IntegerProperty windowDaysProperty() {
        return windowDays;
    }

    /** The event that counts as converting (shared with the other tabs), for the overview's completion rate. */
    public StringProperty conversionEventProperty() {
        return conversionEvent;
    }

    public StringProperty journeysNounProperty() {
        return journeysNoun;
    }

    public void setOnError(Consumer<Throwable> onError) {
        this.onError = onError;
    }

    // ------------------------------------------------------------------ outputs

    public ReadOnlyObjectProperty<SankeyData> flowAProperty() {
        return flowA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SankeyData> flowBProperty() {
        return flowB.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FunnelComparison> funnelProperty() {
        return funnel.getReadOnlyProperty();
    }

    public ObservableList<MetricRow> overview() {
        return overview;
    }

    /** "iOS buyers · 1,234 persons · 23,456 events". */
    public ReadOnlyStringProperty summaryAProperty() {
        return summaryA.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryBProperty() {
        return summaryB.getReadOnlyProperty();
    }

    /** The test used and a warning when the segments overlap. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Why nothing is shown, or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Caption title of exports. */
    public String title() {
        String a = segmentA.get() == null ? "A" : segmentA.get().name();
        String b = segmentB.get() == null ? "B" : segmentB.get().name();
        return "Compare " + a + " with " + b + " · " + mode.get().name().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ computing

    /** The two segments evaluated over one base selection. */
    private record Evaluated(Selection base, Segment a, Segment b, Selection selA, Selection selB, int overlap,
                             CountUnit unit) {
        boolean matches(Selection s, Segment x, Segment y, CountUnit u) {
            return base == s && a.equals(x) && b.equals(y) && unit == u;
        }
    }

    private record Inputs(Selection base, Segment a, Segment b, Mode mode, CountUnit unit, String start, int steps,
                          int topK, List<String> funnelSteps, long windowMicros, String conversion,
                          Evaluated cached, String journeys) {
    }

    private record Output(Evaluated ev, String summaryA, String summaryB, String start, SankeyData flowA,
                          SankeyData flowB, FunnelComparison funnel, List<String> funnelSteps,
                          List<MetricRow> overview) {
    }

    /** Runs the comparison now (the debouncer normally calls this). */
    public void recompute() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        long gen = ++generation;
        Selection base = selection.get();
        Segment a = segmentA.get();
        Segment b = segmentB.get();
        if (base == null || a == null || b == null) {
            clear(base == null ? "Open a project to compare segments."
                    : "Choose two segments to compare, or define one with Segments ▸ New segment….");
            return;
        }
        long window = windowDays.get() <= 0 ? FunnelQuery.NO_WINDOW : windowDays.get() * 86_400_000_000L;
        Inputs in = new Inputs(base, a, b, mode.get(), unit.get(), startEvent.get(), steps.get(), topK.get(),
                List.copyOf(funnelSteps), window, conversionEvent.get(), evaluated, journeysNoun.get());
        // read in the task: the index comes from the project store (built on first use), never on the FX thread;
        // and only for a condition on a property: the others need the frame alone, which stays valid while a
        // project is being switched (the store does not: "no project is open")
        Supplier<Filter.PropertyIndex> index = needsProperties(a) || needsProperties(b) ? properties : () -> null;
        busy.set(true);
        running = runner.run("Comparing segments", ctx -> compute(in, index.get(), zone, ctx), out -> {
            if (gen != generation) {
                return;
            }
            running = null;
            busy.set(false);
            evaluated = out.ev();
            summaryA.set(out.summaryA());
            summaryB.set(out.summaryB());
            message.set("");
            note.set(noteFor(out));
            flowA.set(out.flowA());
            flowB.set(out.flowB());
            funnel.set(out.funnel());
            overview.setAll(out.overview() == null ? List.of() : out.overview());
            if (out.start() != null && !out.start().equals(startEvent.get())) {
                startEvent.set(out.start()); // the default it chose; recomputes to the same result, cheaply
            }
            if (out.funnelSteps() != null && funnelSteps.isEmpty()) {
                funnelSteps.setAll(out.funnelSteps());
            }
        }, err -> {
            if (gen != generation) {
                return;
            }
            running = null;
            busy.set(false);
            if (err instanceof CancelledException) {
                return;
            }
            clear(err instanceof UserFacingException ? err.getMessage()
                    : "The comparison could not be computed: " + err.getMessage());
            if (!(err instanceof UserFacingException)) {
                onError.accept(err);
            }
        });
    }

    private void clear(String why) {
        busy.set(false);
        flowA.set(null);
        flowB.set(null);
        funnel.set(null);
        overview.clear();
        summaryA.set("");
        summaryB.set("");
        note.set("");
        message.set(why);
    }

    private String noteFor(Output out) {
        String who = out.ev().unit() == CountUnit.PERSONS ? "persons" : "sessions";
        String shared = " The segments share " + Formats.count(out.ev().overlap()) + " " + who;
        String overlap = out.ev().overlap() == 0 ? "" : mode.get() == Mode.FLOWS ? shared + ", drawn in both charts."
                : shared + ", so they are not independent samples as the test assumes.";
        return switch (mode.get()) {
            case FUNNEL, OVERVIEW -> "Rates with 95 % Wilson intervals; differences tested with a two-sided"
                    + " two-proportion z-test (Fisher's exact test when a group expects fewer than 5), significant"
                    + " at p < 0.05." + overlap;
            case FLOWS -> (scale.get() == Scale.SHARES ? "Both charts start at the same height: compare shares."
                    : "One pixel per journey in both charts: compare sizes.") + overlap;
        };
    }

    private static boolean needsProperties(Segment s) {
        return s.conditions().stream().anyMatch(c -> c instanceof SegmentCondition.Property);
    }

    private static Output compute(Inputs in, Filter.PropertyIndex index, ZoneId zone, TaskContext ctx) {
        Evaluated ev = in.cached() != null && in.cached().matches(in.base(), in.a(), in.b(), in.unit()) ? in.cached()
                : evaluate(in, index, zone, ctx);
        ctx.checkCancelled();
        Overview oa = Metrics.overview(ev.selA(), 1);
        Overview ob = Metrics.overview(ev.selB(), 1);
        String sa = describe(in.a(), oa, in.unit());
        String sb = describe(in.b(), ob, in.unit());
        if (oa.events() == 0 && ob.events() == 0) {
            throw new UserFacingException("Neither segment has events in the current selection.");
        }
        return switch (in.mode()) {
            case FLOWS -> {
                String start = in.start();
                if (start == null || in.base().frame().typeIndex(start) < 0) {
                    // the event most journeys reach: the most frequent one may end every case (teleclaims'
                    // "end"), which showed both segments' flows as one step into "end"
                    start = in.base().frame().firstStepType(null);
                }
                if (start == null) {
                    throw new UserFacingException("No events in the current selection.");
                }
                FlowQuery q = FlowQuery.forward(start, Math.max(1, in.steps())).withTopK(Math.max(1, in.topK()))
                        .withUnit(in.unit());
                FlowResult ra = Flows.compute(ev.selA(), q);
                FlowResult rb = Flows.compute(ev.selB(), q);
                yield new Output(ev, sa, sb, start, ra.journeys() == 0 ? null : SankeyAdapter.from(ra),
                        rb.journeys() == 0 ? null : SankeyAdapter.from(rb), null, null, null);
            }
            case FUNNEL -> {
                List<String> steps = in.funnelSteps().isEmpty() ? defaultFunnel(in) : in.funnelSteps();
                FunnelQuery q = new FunnelQuery(steps, in.windowMicros(), in.unit(), false, false, EventLabeling.NONE,
                        5);
                FunnelComparison c = FunnelComparison.of(Funnels.compute(ev.selA(), q), Funnels.compute(ev.selB(),
                        q));
                yield new Output(ev, sa, sb, null, null, null, c, steps, null);
            }
            case OVERVIEW -> new Output(ev, sa, sb, null, null, null, null, null,
                    overviewRows(ev, oa, ob, in.conversion(), in.unit(), in.journeys()));
        };
    }

    private static Evaluated evaluate(Inputs in, Filter.PropertyIndex index, ZoneId zone, TaskContext ctx) {
        ctx.message("Finding the segments");
        Selection a = Segments.evaluate(in.a(), in.base(), index, zone, ctx);
        Selection b = Segments.evaluate(in.b(), in.base(), index, zone, ctx);
        return new Evaluated(in.base(), in.a(), in.b(), a, b, Segments.overlap(a, b, in.unit()), in.unit());
    }

    private static String describe(Segment s, Overview o, CountUnit unit) {
        int units = unit == CountUnit.PERSONS ? o.persons() : o.sessions();
        return s.name() + " · " + Formats.count(units) + " " + unit.label() + " · " + Formats.count(o.events())
                + " events";
    }

    /** The most frequent event, then the conversion event (or the second most frequent). */
    private static List<String> defaultFunnel(Inputs in) {
        Overview all = Metrics.overview(in.base(), 3);
        List<String> top = all.topEvents().stream().map(Overview.TypeCount::type).toList();
        if (top.isEmpty()) {
            throw new UserFacingException("No events in the current selection.");
        }
        String goal = in.conversion() != null && in.base().frame().typeIndex(in.conversion()) >= 0 ? in.conversion()
                : null;
        // from the event most journeys reach, as the Funnels tab's default (FunnelsViewModel.defaultSteps)
        String first = in.base().frame().firstStepType(goal);
        List<String> steps = new ArrayList<>();
        steps.add(first);
        String last = goal != null && !goal.equals(first) ? goal
                : top.stream().filter(t -> !t.equals(first)).findFirst().orElse(null);
        if (last != null) {
            steps.add(last);
        }
        return steps;
    }

    /** @param journeys what a journey is called: "Sessions", or "Cases" on a case log */
    private static List<MetricRow> overviewRows(Evaluated ev, Overview a, Overview b, String conversion,
                                                CountUnit unit, String journeys) {
        List<MetricRow> rows = new ArrayList<>();
        rows.add(count("Persons", a.persons(), b.persons()));
        rows.add(count(journeys, a.sessions(), b.sessions()));
        rows.add(count("Events", a.events(), b.events()));
        rows.add(ratio("Events per person", a.events(), a.persons(), b.events(), b.persons()));
        rows.add(ratio(journeys + " per person", a.sessions(), a.persons(), b.sessions(), b.persons()));
        if (conversion != null && ev.base().frame().typeIndex(conversion) >= 0) {
            MetricsQuery q = MetricsQuery.of(conversion, unit);
            MetricsResult ma = Metrics.compute(ev.selA(), q);
            MetricsResult mb = Metrics.compute(ev.selB(), q);
            Proportions.Comparison c = Proportions.compare(ma.completed(), ma.units(), mb.completed(), mb.units());
            rows.add(new MetricRow("Converted (" + conversion + ")", rate(c.a()), rate(c.b()),
                    points(c.difference()), verdict(c)));
            rows.add(new MetricRow("Median time to " + conversion, time(ma), time(mb), "", ""));
        }
        return rows;
    }

    private static MetricRow count(String name, long a, long b) {
        return new MetricRow(name, Formats.count(a), Formats.count(b), signed(b - a), "");
    }

    private static MetricRow ratio(String name, long xa, long na, long xb, long nb) {
        double a = na == 0 ? Double.NaN : (double) xa / na;
        double b = nb == 0 ? Double.NaN : (double) xb / nb;
        return new MetricRow(name, decimal(a), decimal(b), Double.isNaN(a) || Double.isNaN(b) ? ""
                : (b - a >= 0 ? "+" : "−") + decimal(Math.abs(b - a)), "");
    }

    private static String time(MetricsResult m) {
        return m.completed() == 0 ? "—" : Formats.duration(m.timeToMilestone().median());
    }

    /** "12.3 % (10.1–14.8 %)". */
    public static String rate(Proportions.Interval i) {
        if (i.n() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f %% (%.1f–%.1f %%)", i.rate() * 100, i.low() * 100, i.high() * 100);
    }

    /** "+3.0 pp". */
    public static String points(double difference) {
        if (Double.isNaN(difference)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%s%.1f pp", difference >= 0 ? "+" : "−", Math.abs(difference) * 100);
    }

    /** "p = 0.012 · significant" / "p = 0.41" / "" for an empty group. */
    public static String verdict(Proportions.Comparison c) {
        if (Double.isNaN(c.p())) {
            return "";
        }
        String p = c.p() < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", c.p());
        return p + (c.significant() ? " · significant" : "") + (c.test() == Proportions.Test.FISHER ? " (Fisher)"
                : "");
    }

    private static String signed(long d) {
        return (d >= 0 ? "+" : "−") + Formats.count(Math.abs(d));
    }

    private static String decimal(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Adds a funnel step (at the end). */
    public void addFunnelStep(String event) {
        if (event != null && !event.isBlank()) {
            funnelSteps.add(event);
        }
    }

    /** Removes the funnel step at {@code index}; the funnel keeps at least one step. */
    public void removeFunnelStep(int index) {
        if (funnelSteps.size() > 1 && index >= 0 && index < funnelSteps.size()) {
            funnelSteps.remove(index);
        }
    }

    /** Replaces a segment everywhere it is chosen (after editing it). */
    public void replaced(Segment old, Segment now) {
        if (Objects.equals(segmentA.get(), old)) {
            segmentA.set(now);
        }
        if (Objects.equals(segmentB.get(), old)) {
            segmentB.set(now);
        }
    }
}
