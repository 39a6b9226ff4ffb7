package org.journeyexplorer.ui.flows;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.EventLabeling;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.Labels;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.SankeyAdapter;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.ViewDefaults;
import org.journeyexplorer.ui.ViewState;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State and commands of the Flows tab. Any change of the selection or of a control recomputes the flow in the
 * background: a new selection at once, bursts of control changes coalesced by a {@link Debouncer}; a newer
 * computation supersedes (cancels, and drops the result of) an older one. Knows no nodes.
 */
public final class FlowsViewModel {

    /** Most steps the chart offers; more columns stop being readable. */
    public static final int MAX_STEPS = 20;
    public static final int MAX_TOP_K = 30;

    private final TaskRunner runner;
    private final Debouncer debouncer;

    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<FlowQuery.Direction> direction =
            new SimpleObjectProperty<>(this, "direction", FlowQuery.Direction.FORWARD);
    private final StringProperty startEvent = new SimpleStringProperty(this, "startEvent");
    private final StringProperty endEvent = new SimpleStringProperty(this, "endEvent");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 5);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 8);
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.SESSIONS);
    private final BooleanProperty collapseRepeats = new SimpleBooleanProperty(this, "collapseRepeats", false);
    private final ObservableSet<String> hidden = FXCollections.observableSet();

    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObservableList<String> anchors = FXCollections.observableArrayList(FlowQuery.JOURNEY_START);
    private final ReadOnlyObjectWrapper<FlowResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<SankeyData> chartData = new ReadOnlyObjectWrapper<>(this, "chartData");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private Consumer<Drilldown> onDrilldown = d -> {
    };
    private Consumer<Throwable> onError = Throwable::printStackTrace;
    private Task<?> running;
    private long generation;
    /**
     * The flow shown while its links' medians are being computed (its counts are {@link #result}), else null: the
     * CSV export completes it ({@link #resultForExport}).
     */
    private Flows.Counted counted;
    /** Whether a large frame's flow is shown on its counts before its medians ({@link #countsFirstEvents}). */
    private boolean countsFirst = true;
    private Selection eventsFor;
    private boolean applyingDefaults;

    public FlowsViewModel(TaskRunner runner, Debouncer debouncer) {
        this.runner = runner;
        this.debouncer = debouncer;
        // a new selection (a filter applied, a live stream's refresh) comes in one piece: waiting out the debounce
        // was 120 ms more on every live refresh's way to the chart, for nothing to coalesce
        selection.addListener(x -> {
            if (!applyingDefaults) {
                recompute();
            }
        });
        for (Observable o : List.<Observable>of(direction, startEvent, endEvent, steps, topK, unit,
                collapseRepeats, hidden)) {
            o.addListener(x -> {
                if (!applyingDefaults) {
                    inputChanges++;
                    debouncer.request(this::recomputeIfChanged);
                }
            });
        }
    }

    /** Control changes so far, and how many of them the last computation saw. */
    private long inputChanges;
    private long computedChanges;

    /** The debounced computation: skipped when one since (for a new selection) already saw every change. */
    private void recomputeIfChanged() {
        if (inputChanges != computedChanges) {
            recompute();
        }
    }

    // ------------------------------------------------------------------ inputs

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ObjectProperty<FlowQuery.Direction> directionProperty() {
        return direction;
    }

    public StringProperty startEventProperty() {
        return startEvent;
    }

    public StringProperty endEventProperty() {
        return endEvent;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    public BooleanProperty collapseRepeatsProperty() {
        return collapseRepeats;
    }

    /** Event labels hidden in this chart only (their neighbours become adjacent). */
    public ObservableSet<String> hiddenEvents() {
        return hidden;
    }

    public void setOnDrilldown(Consumer<Drilldown> onDrilldown) {
        this.onDrilldown = onDrilldown;
    }

    public void setOnError(Consumer<Throwable> onError) {
        this.onError = onError;
    }

    /**
     * Computes on the calling thread what this tab's first computation over {@code sel} computes under the controls
     * of {@code viewSettings} (as {@link #applyViewSettings} sets them, e.g. from a project's last view), by running a
     * view model of its own through it: the app does this while its window starts (issue 16). Over every event of a
     * frame the flow is then remembered with the frame ({@link Flows#compute}), so the tab's own first computation
     * finds it instead of computing it again. Needs no FX toolkit; a failure is left for the tab's own computation to
     * report. Returns the flow, or null when there is none (no events, every event hidden, a failure).
     */
    public static FlowResult computeAhead(Selection sel, java.util.Map<String, String> viewSettings) {
        FlowsViewModel vm = new FlowsViewModel(new org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner(),
                action -> {
                    // no control changes but the settings below, and the selection computes at once anyway
                });
        vm.setOnError(e -> {
        });
        // the complete flow is what the tab will look for, remembered with the frame (and waited for while computed)
        vm.countsFirst = false;
        vm.applyViewSettings(viewSettings);
        vm.selection.set(sel);
        return vm.result.get();
    }

    // ------------------------------------------------------------------ saved views

    /** The chart's controls as view settings ({@code flows.*}); unset anchors are left out. */
    public java.util.Map<String, String> viewSettings() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("flows.direction", direction.get().name());
        if (startEvent.get() != null) {
            m.put("flows.start", startEvent.get());
        }
        if (endEvent.get() != null) {
            m.put("flows.end", endEvent.get());
        }
        m.put("flows.steps", Integer.toString(steps.get()));
        m.put("flows.topK", Integer.toString(topK.get()));
        m.put("flows.unit", unit.get().name());
        m.put("flows.collapse", Boolean.toString(collapseRepeats.get()));
        if (!hidden.isEmpty()) {
            m.put("flows.hidden", String.join("\n", new java.util.TreeSet<>(hidden)));
        }
        return m;
    }

    /** Sets the controls from {@link #viewSettings()}; a missing or unreadable value keeps the control as it is. */
    public void applyViewSettings(java.util.Map<String, String> m) {
        ViewState.enumValue(m.get("flows.direction"), FlowQuery.Direction.class)
                .ifPresent(direction::set);
        if (m.containsKey("flows.start")) {
            startEvent.set(m.get("flows.start"));
        }
        if (m.containsKey("flows.end")) {
            endEvent.set(m.get("flows.end"));
        }
        ViewState.intValue(m.get("flows.steps"), 1, MAX_STEPS).ifPresent(steps::set);
        ViewState.intValue(m.get("flows.topK"), 1, MAX_TOP_K).ifPresent(topK::set);
        ViewState.enumValue(m.get("flows.unit"), CountUnit.class).ifPresent(unit::set);
        if (m.containsKey("flows.collapse")) {
            collapseRepeats.set(Boolean.parseBoolean(m.get("flows.collapse")));
        }
        String h = m.getOrDefault("flows.hidden", "");
        java.util.Set<String> wanted = h.isEmpty() ? Set.of() : Set.of(h.split("\n"));
        if (!hidden.equals(wanted)) {
            hidden.retainAll(wanted);
            hidden.addAll(wanted);
        }
    }

    /** The properties {@link #viewSettings()} reads. */
    public List<Observable> viewSettingsSources() {
        return List.of(direction, startEvent, endEvent, steps, topK, unit, collapseRepeats, hidden);
    }

    // ------------------------------------------------------------------ outputs

    /** Event labels of the selection, most frequent first, for the end picker. */
    public ObservableList<String> events() {
        return events;
    }

    /** What a flow can start at: {@link FlowQuery#JOURNEY_START}, then {@link #events()}. */
    public ObservableList<String> anchors() {
        return anchors;
    }

    /** How an anchor reads in pickers and titles ("Journey start" for {@link FlowQuery#JOURNEY_START}). */
    public static String anchorText(String anchor) {
        return FlowQuery.JOURNEY_START.equals(anchor) ? "Journey start" : anchor;
    }

    /**
     * The flow shown, or null. On a large frame its counts come first: its links' medians are then -1 until a second
     * task fills them in ({@link FlowResult#mediansPending()}, {@link #busyProperty()} stays true till then).
     */
    public ReadOnlyObjectProperty<FlowResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /**
     * What the CSV export writes, captured now: the flow shown with its medians (computed by the supplier, off the FX
     * thread, when they are still being computed), or null when there is no flow.
     */
    public java.util.function.Supplier<FlowResult> resultForExport() {
        FlowResult r = result.get();
        Flows.Counted c = counted;
        if (r == null) {
            return null;
        }
        return r.mediansPending() && c != null ? c::complete : () -> r;
    }

    public ReadOnlyObjectProperty<SankeyData> chartDataProperty() {
        return chartData.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the chart is empty ("No session contains …"), or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ commands

    /** Shows flows starting at {@code label} (between, when an end is already set in between mode). */
    public void startAt(String label) {
        if (direction.get() == FlowQuery.Direction.BACKWARD) {
            direction.set(FlowQuery.Direction.FORWARD);
        }
        startEvent.set(label);
    }

    /** Shows flows ending at {@code label} (between, when in between mode). */
    public void endAt(String label) {
        if (direction.get() == FlowQuery.Direction.FORWARD) {
            direction.set(FlowQuery.Direction.BACKWARD);
        }
        endEvent.set(label);
    }

    public void hide(String label) {
        hidden.add(label);
    }

    /** Drills down into the journeys through one node. */
    public void drillNode(int node) {
        drill(node);
    }

    /** Drills down into the journeys through both ends of a link. */
    public void drillLink(int link) {
        FlowResult r = result.get();
        if (r != null) {
            drill(r.links().get(link).from(), r.links().get(link).to());
        }
    }

    private void drill(int... nodes) {
        FlowResult r = result.get();
        Selection sel = selection.get();
        if (r == null || sel == null) {
            return;
        }
        runner.run("Finding journeys", ctx -> Flows.sessionsThrough(sel, r, nodes), onDrilldown, onError);
    }

    /** A short description of the chart for captions and file names ({@link FlowQuery#title}). */
    public String title() {
        // before the first result the anchors may still be unset: they read as empty then
        String start = startEvent.get() == null ? "" : startEvent.get();
        String end = endEvent.get() == null ? "" : endEvent.get();
        return new FlowQuery(direction.get(), start, end, steps.get(), topK.get(), unit.get(),
                collapseRepeats.get(), new EventLabeling(List.of(), Set.copyOf(hidden))).title();
    }

    /** Runs the computation now (the debouncer normally calls this). */
    public void recompute() {
        computedChanges = inputChanges;
        long seen = inputChanges;
        Selection sel = selection.get();
        if (running != null) {
            running.cancel();
            running = null;
        }
        long gen = ++generation;
        if (sel == null) {
            forgetCounted();
            result.set(null);
            chartData.set(null);
            events.clear();
            anchors.setAll(FlowQuery.JOURNEY_START);
            message.set("Open a project to see flows.");
            busy.set(false);
            return;
        }
        // Inputs captured on the FX thread; the job sees only these values.
        boolean needEvents = sel != eventsFor;
        Inputs in = new Inputs(direction.get(), startEvent.get(), endEvent.get(), steps.get(), topK.get(), unit.get(),
                collapseRepeats.get(), Set.copyOf(hidden));
        busy.set(true);
        boolean first = countsFirst && sel.frame().size >= countsFirstEvents;
        running = runner.run("Computing flows", ctx -> compute(sel, in, needEvents ? null : List.copyOf(events), first),
                out -> {
                    if (gen != generation) {
                        discard(out.counted());
                        return;
                    }
                    running = null;
                    if (seen != inputChanges) {
                        // a control changed while this ran (a saved view restored as its project opened): its
                        // defaults would overwrite that change; the computation the change requested follows
                        discard(out.counted());
                        return;
                    }
                    forgetCounted();
                    if (needEvents) {
                        eventsFor = sel;
                        // the same events in the same order (most re-queries): no change event, so the pickers keep
                        // their items and value; replacing them restyles the pickers' cells, and a pulse with only
                        // that to sync repaints the whole window (issue 16)
                        if (!events.equals(out.events())) {
                            events.setAll(out.events());
                            List<String> a = new ArrayList<>(out.events().size() + 1);
                            a.add(FlowQuery.JOURNEY_START);
                            a.addAll(out.events());
                            anchors.setAll(a);
                        }
                    }
                    // Fill in defaults without triggering a second computation of the same chart.
                    applyingDefaults = true;
                    try {
                        ViewDefaults.fillIn(() -> {
                            startEvent.set(out.start());
                            endEvent.set(out.end());
                        });
                    } finally {
                        applyingDefaults = false;
                    }
                    result.set(out.result());
                    chartData.set(out.result() == null ? null : SankeyAdapter.from(out.result()));
                    message.set(out.message());
                    if (out.counted() != null) {
                        counted = out.counted();
                        timeLinks(gen, out.counted());
                    } else {
                        busy.set(false);
                    }
                },
                err -> failed(gen, err));
    }

    /** From this many events in the frame a flow is shown on its counts before its medians (tests lower it). */
    static volatile int countsFirstEvents = 500_000;

    /**
     * The second task of a flow shown on its counts: its links' medians (issue 16: at 5 M events a third of a
     * filtered flow's CPU, for tooltips and the CSV only). The chart gets the complete flow; it draws the same.
     */
    private void timeLinks(long gen, Flows.Counted c) {
        running = runner.run("Timing flows", ctx -> c.complete(), full -> {
            if (gen != generation) {
                return;
            }
            running = null;
            busy.set(false);
            counted = null;
            result.set(full);
            chartData.set(SankeyAdapter.from(full));
        }, err -> failed(gen, err));
    }

    private void failed(long gen, Throwable err) {
        if (gen != generation) {
            return;
        }
        running = null;
        busy.set(false);
        if (err instanceof CancelledException) {
            return;
        }
        forgetCounted();
        result.set(null);
        chartData.set(null);
        message.set(err instanceof UserFacingException ? err.getMessage()
                : "Flows could not be computed: " + err);
        if (!(err instanceof UserFacingException)) {
            onError.accept(err);
        }
    }

    /** Lets the flow whose medians were pending go: its rows go back for the next flow (an export completes anew). */
    private void forgetCounted() {
        discard(counted);
        counted = null;
    }

    private static void discard(Flows.Counted c) {
        if (c != null) {
            c.discard();
        }
    }

    private record Inputs(FlowQuery.Direction direction, String start, String end, int steps, int topK,
                          CountUnit unit, boolean collapse, Set<String> hidden) {
    }

    /** {@code counted}: when the flow's counts came first, what completes it; else null. */
    private record Output(FlowResult result, Flows.Counted counted, List<String> events, String start, String end,
                          String message) {
    }

    /**
     * Background part: event list (when the selection changed), default anchors, the flow (with {@code countsFirst},
     * its counts, the medians left for {@link #timeLinks}).
     */
    private static Output compute(Selection sel, Inputs in, List<String> knownEvents, boolean countsFirst) {
        EventLabeling labeling = new EventLabeling(List.of(), in.hidden());
        List<String> events = knownEvents != null ? knownEvents : eventsByFrequency(sel);
        if (events.isEmpty()) {
            return new Output(null, null, events, null, null, "No events in the current selection.");
        }
        String start = in.start();
        String end = in.end();
        // journeys are followed from their start unless an event still in the data was chosen
        if (start == null || (!FlowQuery.JOURNEY_START.equals(start)
                && (!events.contains(start) || in.hidden().contains(start)))) {
            start = FlowQuery.JOURNEY_START;
        }
        if (end == null || !events.contains(end) || in.hidden().contains(end)) {
            end = mostCommon(sel, labeling, false);
        }
        if ((in.direction() != FlowQuery.Direction.BACKWARD && start == null)
                || (in.direction() != FlowQuery.Direction.FORWARD && end == null)) {
            return new Output(null, null, events, start, end, "Every event is hidden.");
        }
        FlowQuery q = new FlowQuery(in.direction(), start, end, in.steps(), in.topK(), in.unit(), in.collapse(),
                labeling);
        Flows.Counted counted = countsFirst ? Flows.countsFirst(sel, q) : null;
        FlowResult r = counted != null ? counted.counts() : Flows.compute(sel, q);
        if (counted != null && !r.mediansPending()) {
            counted = null; // complete already (remembered with the frame, or no links)
        }
        String message = "";
        if (r.journeys() == 0) {
            message = switch (in.direction()) {
                case FORWARD -> "No " + singular(in.unit()) + " contains “" + start + "”.";
                case BACKWARD -> "No " + singular(in.unit()) + " contains “" + end + "”.";
                case BETWEEN -> "No " + singular(in.unit()) + " has “" + end + "” after “" + start + "”.";
            };
            r = null;
            discard(counted);
            counted = null;
        }
        return new Output(r, counted, events, start, end, message);
    }

    private static String singular(CountUnit u) {
        return u == CountUnit.PERSONS ? "person" : "session";
    }

    /** Labels of included events, most frequent first (ties by name). */
    static List<String> eventsByFrequency(Selection sel) {
        EventFrame f = sel.frame();
        long[] counts = sel.typeCounts();
        List<Integer> types = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] > 0) {
                types.add(t);
            }
        }
        types.sort(Comparator.comparingLong((Integer t) -> -counts[t]).thenComparing(t -> f.typeNames[t]));
        return types.stream().map(t -> f.typeNames[t]).toList();
    }

    /** The label that most often begins (or ends) a session, as the default anchor; ties by name. */
    static String mostCommon(Selection sel, EventLabeling labeling, boolean first) {
        EventFrame f = sel.frame();
        Labels labels = labeling.resolve(f);
        long[] counts = new long[labels.count()];
        for (int s = 0; s < f.sessionCount(); s++) {
            int from = f.sessionStart[s];
            int to = f.sessionStart[s + 1];
            int i = first ? from : to - 1;
            int step = first ? 1 : -1;
            for (; i >= from && i < to; i += step) {
                int label = labels.ofType(f.type.get(i));
                if (sel.includes(i) && label >= 0) {
                    counts[label]++;
                    break;
                }
            }
        }
        int best = -1;
        for (int l = 0; l < counts.length; l++) {
            if (counts[l] > 0 && (best < 0 || counts[l] > counts[best]
                    || (counts[l] == counts[best] && labels.name(l).compareTo(labels.name(best)) < 0))) {
                best = l;
            }
        }
        return best < 0 ? null : labels.name(best);
    }
}
