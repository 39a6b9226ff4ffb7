package org.journeyexplorer.ui.processmap;

import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.ProcessMap;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.ProcessMapAdapter;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.ViewDefaults;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * State and commands of the Process map tab: the directly-follows graph of the selection's cases with Disco's
 * two sliders. Moving the activity slider or changing what a case is recomputes the map in the background
 * (coalesced by a {@link Debouncer}, a newer run cancelling an older one); the path slider and the annotation only
 * re-pick the paths of the computed map.
 */
public final class ProcessMapViewModel {
    /** Activities shown at first on a log with many: about what a map can show readably. */
    static final int DEFAULT_ACTIVITIES = 20;
    /** Paths shown at first (besides those that keep every activity connected). */
    static final double DEFAULT_PATHS = 0.15;

    private final TaskRunner runner;
    private final Debouncer debouncer;
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.PERSONS);
    private final DoubleProperty activities = new SimpleDoubleProperty(this, "activities", 1);
    private final DoubleProperty paths = new SimpleDoubleProperty(this, "paths", DEFAULT_PATHS);
    private final ObjectProperty<ProcessMapData.Annotation> annotation =
            new SimpleObjectProperty<>(this, "annotation", ProcessMapData.Annotation.FREQUENCY);
    private final ReadOnlyObjectWrapper<ProcessMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyObjectWrapper<ProcessMapData> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private Consumer<Drilldown> onDrilldown = d -> {
    };
    private Consumer<Throwable> onError = Throwable::printStackTrace;
    private Task<?> running;
    private long generation;
    private EventFrame defaultsFor;
    private List<ProcessMap.Edge> shown = List.of();
    private boolean applyingDefaults;

    public ProcessMapViewModel(TaskRunner runner, Debouncer debouncer) {
        this.runner = runner;
        this.debouncer = debouncer;
        for (Observable o : List.<Observable>of(selection, unit, activities)) {
            o.addListener(x -> {
                if (!applyingDefaults) {
                    // busy from the change on: until the debounced run starts, the map shown is the old one (after
                    // a project switch, another log's), and nobody may take it for the new selection's
                    busy.set(true);
                    debouncer.request(this::recompute);
                }
            });
        }
        paths.addListener(x -> repick());
        annotation.addListener(x -> repick());
    }

    // ------------------------------------------------------------------ inputs

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    /** What a case is: a person's whole history (a case of a process log) or one session. */
    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    /** Share (0..1) of the activities shown, most frequent first; at 0 only the most frequent one. */
    /**
     * Sets the activities slider as a saved or last view had it: the default a newly seen log gets (a readable
     * number of activities) no longer replaces it.
     */
    public void restoreActivities(double share) {
        Selection sel = selection.get();
        if (sel != null) {
            defaultsFor = sel.frame();
        }
        activities.set(share);
    }

    public DoubleProperty activitiesProperty() {
        return activities;
    }

    /** Share (0..1) of the paths shown, most frequent first; every activity keeps its strongest way in and out. */
    public DoubleProperty pathsProperty() {
        return paths;
    }

    public ObjectProperty<ProcessMapData.Annotation> annotationProperty() {
        return annotation;
    }

    public void setOnDrilldown(Consumer<Drilldown> onDrilldown) {
        this.onDrilldown = onDrilldown;
    }

    public void setOnError(Consumer<Throwable> onError) {
        this.onError = onError;
    }

    // ------------------------------------------------------------------ outputs

    /** The computed map (all paths), or null. */
    public ReadOnlyObjectProperty<ProcessMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    /** What the chart draws: the kept activities and the paths the path slider keeps; null when there is none. */
    public ReadOnlyObjectProperty<ProcessMapData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why there is no map, or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "20 of 381 activities · 64 of 930 paths". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Caption title of exports. */
    public String title() {
        ProcessMap m = map.get();
        String cases = unit.get() == CountUnit.PERSONS ? "persons as cases" : "sessions as cases";
        return "Process map · " + cases + (m == null ? "" : " · " + summary.get())
                + (annotation.get() == ProcessMapData.Annotation.MEDIAN_TIME ? " · median times" : "");
    }

    // ------------------------------------------------------------------ commands

    /** Runs the computation now (the debouncer normally calls this). */
    public void recompute() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        long gen = ++generation;
        Selection sel = selection.get();
        if (sel == null) {
            map.set(null);
            data.set(null);
            summary.set("");
            message.set("Open a project to see its process map.");
            busy.set(false);
            return;
        }
        if (sel.frame() != defaultsFor) {
            // a new log: few enough activities to read, whatever it has
            defaultsFor = sel.frame();
            applyingDefaults = true;
            try {
                int types = Math.max(1, sel.frame().typeCount());
                ViewDefaults.fillIn(() -> activities.set(Math.min(1, (double) DEFAULT_ACTIVITIES / types)));
            } finally {
                applyingDefaults = false;
            }
        }
        CountUnit u = unit.get();
        double share = activities.get();
        busy.set(true);
        running = runner.run("Computing the process map", ctx -> ProcessMap.compute(sel, u, share, ctx), m -> {
            if (gen != generation) {
                return;
            }
            running = null;
            busy.set(false);
            if (m.activities().isEmpty()) {
                map.set(null);
                data.set(null);
                summary.set("");
                message.set("No events in the current selection.");
                return;
            }
            message.set("");
            map.set(m);
            repick();
        }, err -> {
            if (gen != generation) {
                return;
            }
            running = null;
            busy.set(false);
            if (err instanceof CancelledException) {
                return;
            }
            map.set(null);
            data.set(null);
            message.set(err instanceof UserFacingException ? err.getMessage()
                    : "The process map could not be computed: " + err.getMessage());
            if (!(err instanceof UserFacingException)) {
                onError.accept(err);
            }
        });
    }

    /** Applies the path slider and the annotation to the computed map (milliseconds, on the FX thread). */
    private void repick() {
        ProcessMap m = map.get();
        if (m == null) {
            return;
        }
        shown = m.paths(paths.get());
        ProcessMapData d = ProcessMapAdapter.from(m, shown, annotation.get());
        summary.set(String.format(Locale.ROOT, "%d of %d activities · %d of %d paths", m.activities().size(),
                m.presentActivities(), shown.size(), m.edges().size()));
        data.set(d);
    }

    /** Shows the journeys behind a drawn path (its index in {@link #dataProperty()}'s links). */
    public void drillLink(int link) {
        ProcessMap m = map.get();
        if (m == null || link < 0 || link >= shown.size()) {
            return;
        }
        ProcessMap.Edge edge = shown.get(link); // the adapter keeps the paths in this order
        runner.run("Finding journeys", ctx -> m.drill(edge), onDrilldown, onError);
    }

    /** Shows the journeys through a drawn activity (its index in {@link #dataProperty()}'s nodes). */
    public void drillNode(int node) {
        ProcessMap m = map.get();
        // nodes are START, the activities in the map's order, END
        if (m == null || node < 1 || node > m.activities().size()) {
            return;
        }
        ProcessMap.Activity a = m.activities().get(node - 1);
        runner.run("Finding journeys", ctx -> m.drill(a), onDrilldown, onError);
    }
}
