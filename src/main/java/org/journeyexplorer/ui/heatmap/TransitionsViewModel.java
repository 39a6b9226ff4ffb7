package org.journeyexplorer.ui.heatmap;

import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.EventColors;
import org.journeyexplorer.chart.HeatmapAdapter;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State and commands of the Transitions tab: the event → next event matrix of the selection, shown as row
 * probabilities or counts, ordered by frequency or similarity. Recomputes in the background when the selection
 * changes (mode and order only change the layout); a newer computation supersedes an older one.
 */
public final class TransitionsViewModel {

    /** Types shown by default: a 31 × 31 grid still reads at a glance, 382 × 382 does not. */
    public static final int DEFAULT_TOP_K = 30;

    private final TaskRunner runner;
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<HeatmapLayout.Mode> mode =
            new SimpleObjectProperty<>(this, "mode", HeatmapLayout.Mode.PROBABILITY);
    private final ObjectProperty<HeatmapLayout.Order> order =
            new SimpleObjectProperty<>(this, "order", HeatmapLayout.Order.FREQUENCY);
    /** Event types shown before the rest are grouped into "Other"; 0 shows every type. */
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", DEFAULT_TOP_K);
    private final ReadOnlyObjectWrapper<HeatmapData> data = new ReadOnlyObjectWrapper<>(this, "data");
    /** The matrix of the current selection (what the CSV export writes); regrouping reads it, not a dense copy. */
    private TransitionMatrix matrix;
    private int typeCount;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Consumer<Drilldown> onDrilldown = d -> {
    };
    private Consumer<Throwable> onError = Throwable::printStackTrace;
    private Task<?> running;
    private long generation;

    public TransitionsViewModel(TaskRunner runner) {
        this.runner = runner;
        selection.addListener((Observable o) -> recompute());
        topK.addListener((o, a, b) -> regroup());
    }

    /** Event types shown before the rest are grouped into one "Other" row and column; 0 = all types. */
    public IntegerProperty topKProperty() {
        return topK;
    }

    /** Number of event types in the selection (before grouping), 0 when nothing is computed. */
    public int typeCount() {
        return matrix == null ? 0 : typeCount;
    }

    private void regroup() {
        if (matrix != null) {
            data.set(HeatmapAdapter.from(matrix, topK.get()));
        }
    }

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ObjectProperty<HeatmapLayout.Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<HeatmapLayout.Order> orderProperty() {
        return order;
    }

    public ReadOnlyObjectProperty<HeatmapData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /**
     * The matrix behind {@link #dataProperty()}, or null when there is none; its times may still be being computed
     * ({@link #timesPending()}): the picture (counts and shares) is final, the CSV's times are not.
     */
    public TransitionMatrix matrix() {
        return data.get() == null ? null : matrix;
    }

    /** Whether the matrix shown has its counts but not yet its median times. */
    public boolean timesPending() {
        TransitionMatrix m = matrix();
        return m != null && m.timesPending();
    }

    /**
     * What the CSV export writes: {@link #matrix()}, refused while its times are pending (a file must not hold times
     * that are not there yet).
     *
     * @throws UserFacingException while the times are being computed
     */
    public TransitionMatrix matrixForCsv() {
        if (timesPending()) {
            throw new UserFacingException("The times between steps are still being computed: export the CSV again "
                    + "when the Transitions tab is no longer busy.");
        }
        return matrix();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void setOnDrilldown(Consumer<Drilldown> onDrilldown) {
        this.onDrilldown = onDrilldown;
    }

    public void setOnError(Consumer<Throwable> onError) {
        this.onError = onError;
    }

    public String title() {
        HeatmapData d = data.get();
        String top = d != null && !d.otherMembers().isEmpty()
                ? " · top " + (d.typeCount() - 1) + " of " + typeCount() + " event types" : "";
        return "Transitions · " + (mode.get() == HeatmapLayout.Mode.PROBABILITY ? "share of next events per row"
                : "counts") + " · ordered by " + order.get().name().toLowerCase(java.util.Locale.ROOT) + top;
    }

    private record Counted(TransitionMatrix matrix, int types, HeatmapData data) {
    }

    /** Recomputes the matrix for the current selection. */
    public void recompute() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        long gen = ++generation;
        Selection sel = selection.get();
        if (sel == null) {
            matrix = null;
            data.set(null);
            message.set("Open a project to see transitions.");
            busy.set(false);
            return;
        }
        busy.set(true);
        int k = topK.get();
        // on a large frame the exact times cost two more passes and a selection per pair: the counts are shown
        // at once, their cells' times marked as being computed, and a second task fills them in
        boolean countsFirst = sel.frame().size >= countsFirstEvents;
        // the heatmap input is built in the task too: with many event types it is many cells
        running = runner.run("Counting transitions", ctx -> {
                    TransitionMatrix counted = countsFirst ? Transitions.counts(sel, CountUnit.SESSIONS, ctx)
                            : Transitions.compute(sel, ctx);
                    return new Counted(counted, HeatmapAdapter.typeCount(counted), HeatmapAdapter.from(counted, k));
                },
                out -> {
                    if (gen != generation) {
                        return;
                    }
                    running = null;
                    show(out, k);
                    if (matrix == null || !matrix.timesPending()) {
                        busy.set(false);
                        return;
                    }
                    int kt = topK.get();
                    running = runner.run("Timing transitions", ctx -> {
                        TransitionMatrix timed = Transitions.compute(sel, ctx);
                        return new Counted(timed, HeatmapAdapter.typeCount(timed), HeatmapAdapter.from(timed, kt));
                    }, timed -> {
                        if (gen != generation) {
                            return;
                        }
                        running = null;
                        busy.set(false);
                        show(timed, kt);
                    }, err -> failed(gen, err));
                }, err -> failed(gen, err));
    }

    /** From this many events in the frame the counts are shown before the times (tests lower it). */
    static volatile int countsFirstEvents = 500_000;

    /** Shows a computed matrix; {@code k} is the number of types its heatmap data was grouped to. */
    private void show(Counted out, int k) {
        typeCount = out.types();
        matrix = typeCount == 0 ? null : out.matrix();
        // the number of types shown may have changed while the task ran
        data.set(matrix == null ? null : k == topK.get() ? out.data() : HeatmapAdapter.from(matrix, topK.get()));
        message.set(typeCount == 0 ? "No events in the current selection." : "");
    }

    private void failed(long gen, Throwable err) {
        if (gen != generation) {
            return;
        }
        running = null;
        busy.set(false);
        if (!(err instanceof CancelledException)) {
            matrix = null;
            data.set(null);
            message.set("Transitions could not be computed: " + err.getMessage());
            onError.accept(err);
        }
    }

    /**
     * Drills down into the sessions where the row's event is directly followed by the column's event (for the
     * "Other" row or column: by any of the types it groups).
     */
    public void drill(int row, int col) {
        HeatmapData d = data.get();
        Selection sel = selection.get();
        if (d == null || sel == null) {
            return;
        }
        String from = d.rowLabel(row);
        String to = d.colLabel(col);
        Set<String> fromTypes = row == 0 ? null : typesOf(d, row - 1);
        Set<String> toTypes = col == d.typeCount() ? null : typesOf(d, col);
        runner.run("Finding sessions", ctx -> Drilldown.of("Sessions with " + from + " → " + to,
                sessionsWith(sel, fromTypes, toTypes, ctx), sel.frame()), onDrilldown, onError);
    }

    private static Set<String> typesOf(HeatmapData d, int type) {
        return d.isOther(type) ? Set.copyOf(d.otherMembers()) : Set.of(d.types().get(type));
    }

    /**
     * Sessions (ascending) in which {@code to} directly follows {@code from} among the included events; "START" and
     * "END" stand for the beginning and end of the session.
     */
    static int[] sessionsWith(Selection sel, String from, String to, TaskContext ctx) {
        return sessionsWith(sel, from.equals(EventColors.START) ? null : Set.of(from),
                to.equals(EventColors.END) ? null : Set.of(to), ctx);
    }

    /**
     * Sessions (ascending) in which an event of {@code to} directly follows an event of {@code from} among the
     * included events; a null {@code from} is the session's start, a null {@code to} its end.
     */
    static int[] sessionsWith(Selection sel, Set<String> from, Set<String> to, TaskContext ctx) {
        EventFrame f = sel.frame();
        boolean fromStart = from == null;
        boolean toEnd = to == null;
        boolean[] isFrom = new boolean[f.typeCount()];
        boolean[] isTo = new boolean[f.typeCount()];
        for (int t = 0; t < f.typeCount(); t++) {
            isFrom[t] = !fromStart && from.contains(f.typeNames[t]);
            isTo[t] = !toEnd && to.contains(f.typeNames[t]);
        }
        int[] out = new int[16];
        int n = 0;
        for (int s = 0; s < f.sessionCount(); s++) {
            if ((s & 0xffff) == 0) {
                ctx.checkCancelled();
            }
            int prev = -1; // START
            boolean hit = false;
            boolean any = false;
            for (int i = f.sessionStart[s]; i < f.sessionStart[s + 1] && !hit; i++) {
                if (!sel.includes(i)) {
                    continue;
                }
                any = true;
                int t = f.type.get(i);
                hit = (prev < 0 ? fromStart : isFrom[prev]) && !toEnd && isTo[t];
                prev = t;
            }
            if (!hit && any && toEnd && (prev < 0 ? fromStart : isFrom[prev])) {
                hit = true; // last included event → END
            }
            if (hit) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = s;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** For tests: the labels in data order. */
    List<String> types() {
        return data.get() == null ? List.of() : data.get().types();
    }
}
