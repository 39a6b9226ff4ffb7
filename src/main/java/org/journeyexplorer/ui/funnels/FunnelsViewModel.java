package org.journeyexplorer.ui.funnels;

import org.journeyexplorer.chart.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FunnelQuery;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.analysis.Funnels;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The funnel builder: ordered steps (event names), a conversion window, persons or sessions; the funnel is
 * computed with {@link Funnels} in the background whenever an input changes while the tab is shown.
 */
public final class FunnelsViewModel {
    /** Conversion window choices. */
    public enum Window {
        NONE(null), MIN_30(Duration.ofMinutes(30)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30));

        private final Duration duration;

        Window(Duration duration) {
            this.duration = duration;
        }

        long micros() {
            return duration == null ? FunnelQuery.NO_WINDOW : duration.toNanos() / 1000;
        }

        /** "No limit", else the window in the app's one duration format ("30 min", "7 d"). */
        @Override
        public String toString() {
            return duration == null ? "No limit" : Formats.duration(micros());
        }
    }

    private final AppModel model;
    private final TaskRunner runner;
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final ObservableList<String> eventTypes = FXCollections.observableArrayList();
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(this, "window", Window.DAY);
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.PERSONS);
    private final BooleanProperty strict = new SimpleBooleanProperty(this, "strict", false);
    private final ReadOnlyObjectWrapper<FunnelResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private boolean dirty = true;
    private long generation;
    private Selection computedOn;
    /** The frame whose default steps are being chosen in the background; null when none are awaited. */
    private EventFrame choosingFor;
    private boolean settingDefaults;

    public FunnelsViewModel(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
        model.frameProperty().addListener((o, a, f) -> frameChanged(f));
        model.selectionProperty().addListener((o, a, s) -> invalidate());
        model.selectedFeatureProperty().addListener((o, a, f) -> refreshIfShown());
        steps.addListener((ListChangeListener<String>) c -> {
            if (!settingDefaults) {
                choosingFor = null; // steps set meanwhile (a saved view, the user) stay: the defaults are dropped
            }
            invalidate();
        });
        window.addListener((o, a, b) -> invalidate());
        unit.addListener((o, a, b) -> invalidate());
        strict.addListener((o, a, b) -> invalidate());
        frameChanged(model.getFrame());
        refreshIfShown(); // made when its tab is shown, with the project's selection there already
    }

    private void frameChanged(EventFrame f) {
        if (f == null) {
            return;
        }
        eventTypes.setAll(AppModel.sortedTypeNames(f));
        boolean valid = !steps.isEmpty() && steps.stream().allMatch(s -> f.typeIndex(s) >= 0);
        if (!valid) {
            // a pass over every event (50-90 ms at 5 M events, cold): in the background, not on the FX thread
            choosingFor = f;
            setDefaultSteps(List.of()); // not the old project's: the view says the first steps are being chosen
            String conversion = model.conversionEventProperty().get();
            runner.run("Choosing the funnel's first steps", ctx -> defaultSteps(f, conversion), d -> {
                if (choosingFor == f && model.getFrame() == f) {
                    choosingFor = null;
                    setDefaultSteps(d);
                }
            }, e -> {
                if (choosingFor == f) {
                    choosingFor = null; // none will come: the headline asks for steps instead of waiting for them
                    invalidate();
                }
                model.fail(e);
            });
        }
    }

    private void setDefaultSteps(List<String> d) {
        settingDefaults = true;
        try {
            steps.setAll(d);
        } finally {
            settingDefaults = false;
        }
    }

    /**
     * A sensible first funnel: the event most journeys reach, ties to the one that begins more of them
     * ({@link EventFrame#firstStepType}; the most frequent event may end every case, as teleclaims' "end" does,
     * which made a funnel nobody converts in), the usual cart / checkout steps when present, then the conversion
     * event; else that first event and the two most frequent others.
     */
    static List<String> defaultSteps(EventFrame f, String conversion) {
        long[] counts = f.typeCounts();
        Integer[] order = new Integer[f.typeCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer t) -> counts[t]).reversed());
        List<String> out = new ArrayList<>();
        if (order.length == 0) {
            return out;
        }
        boolean goal = conversion != null && f.typeIndex(conversion) >= 0;
        out.add(f.firstStepType(goal ? conversion : null));
        if (goal) {
            for (String[] hints : new String[][]{{"add_to_cart", "addtocart", "add_to_basket", "cart"},
                    {"begin_checkout", "checkout"}}) {
                String step = firstMatch(f.typeNames, hints, out, conversion);
                if (step != null) {
                    out.add(step);
                }
            }
            if (!out.contains(conversion)) {
                out.add(conversion);
            }
            return out;
        }
        for (int k = 0; k < order.length && out.size() < 3; k++) {
            if (!out.contains(f.typeNames[order[k]])) {
                out.add(f.typeNames[order[k]]);
            }
        }
        return out;
    }

    /** The first name containing a hint (hints in order of preference) that is not a view / removal step. */
    private static String firstMatch(String[] names, String[] hints, List<String> taken, String conversion) {
        for (String hint : hints) {
            for (String n : names) {
                String l = n.toLowerCase(Locale.ROOT);
                if (l.contains(hint) && !l.contains("view") && !l.contains("remove") && !taken.contains(n)
                        && !n.equals(conversion)) {
                    return n;
                }
            }
        }
        return null;
    }

    private void invalidate() {
        dirty = true;
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (dirty && model.selectedFeatureProperty().get() == Feature.FUNNELS) {
            refresh();
        }
    }

    /** Computes the funnel now. */
    public void refresh() {
        dirty = false;
        Selection sel = model.getSelection();
        List<String> s = steps.stream().filter(Objects::nonNull).toList();
        if (sel == null || s.isEmpty()) {
            result.set(null);
            headline.set(sel == null ? "" : choosingFor != null ? "Choosing the first steps…"
                    : "Add a step to build a funnel.");
            if (choosingFor != null) {
                dirty = true; // computed when the default steps arrive
            }
            return;
        }
        FunnelQuery q = FunnelQuery.of(s, window.get().micros()).withUnit(unit.get()).withStrict(strict.get());
        long gen = ++generation;
        runner.run("Computing funnel", ctx -> Funnels.compute(sel, q), r -> {
            if (gen == generation) {
                computedOn = sel;
                result.set(r);
                headline.set(headline(r));
            }
        }, model::fail);
    }

    static String headline(FunnelResult r) {
        String unit = r.query().unit() == CountUnit.PERSONS ? "persons" : "sessions";
        int entered = r.steps().get(0).count();
        String s = Format.count(r.converted()) + " of " + Format.count(entered) + " " + unit + " converted ("
                + Format.percent(r.conversion()) + ")";
        if (r.timeToConvert().count() > 0) {
            s += " · median time to convert " + Formats.duration(r.timeToConvert().median());
        }
        return s;
    }

    /** Shows the journeys that reached (or dropped off after) a step in the Journeys tab. */
    public void drillDown(int step, Funnels.Outcome outcome) {
        FunnelResult r = result.get();
        Selection sel = computedOn;
        if (r == null || sel == null) {
            return;
        }
        String label = r.steps().get(step).label();
        String what = outcome == Funnels.Outcome.REACHED ? "Reached step " + (step + 1) + " (" + label + ")"
                : "Dropped off after step " + (step + 1) + " (" + label + ")";
        runner.run("Finding journeys", ctx -> Funnels.sessionsAt(sel, r, step, outcome), d ->
                model.showJourneys(d.withDescription(what)), model::fail);
    }

    /**
     * Adds a step: the event that most often comes right after the funnel's last step in the journeys that
     * complete it, not already a step (computed in the background); else the first event not yet used.
     */
    public void addStep() {
        Selection sel = model.getSelection();
        List<String> s = steps.stream().filter(Objects::nonNull).toList();
        if (sel == null || s.isEmpty()) {
            addStep(List.of());
            return;
        }
        FunnelQuery q = FunnelQuery.of(s, window.get().micros()).withUnit(unit.get()).withStrict(strict.get());
        runner.run("Proposing a step", ctx -> Funnels.following(sel, q), this::addStep, model::fail);
    }

    private void addStep(List<String> following) {
        String last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        String next = following.stream().filter(t -> !steps.contains(t)).findFirst()
                .orElse(eventTypes.stream().filter(t -> !steps.contains(t)).findFirst().orElse(last));
        if (next != null) {
            steps.add(next);
        }
    }

    public void removeStep(int i) {
        if (i >= 0 && i < steps.size() && steps.size() > 1) {
            steps.remove(i);
        }
    }

    public void setStep(int i, String type) {
        if (i >= 0 && i < steps.size() && type != null && !type.equals(steps.get(i))) {
            steps.set(i, type);
        }
    }

    public AppModel model() {
        return model;
    }

    public TaskRunner runner() {
        return runner;
    }

    public ObservableList<String> steps() {
        return steps;
    }

    /** Event names to pick steps from, sorted. */
    public ObservableList<String> eventTypes() {
        return eventTypes;
    }

    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    public BooleanProperty strictProperty() {
        return strict;
    }

    public ReadOnlyObjectProperty<FunnelResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }
}
