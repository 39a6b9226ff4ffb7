package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.SegmentJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saved views, back/forward and the last view of a project. Watches the tab, the filters, the segments and every
 * tab's {@link FeatureView#viewSettingsSources() controls}; each settled change is a step in the
 * {@link ViewHistory}. Saved views and the last view are kept in the project ({@link ProjectBackend#userSetting}),
 * the last one written when the project is closed (another project opened, or the app quit) and applied when it
 * is opened again, as its frame arrives (before any tab computes a chart of it).
 */
public final class ViewNavigator {
    /** Project setting holding the saved views. */
    public static final String VIEWS = "views";
    /** Project setting holding the view shown when the project was last closed. */
    public static final String LAST_VIEW = "lastView";

    private final AppModel model;
    private final Map<Feature, FeatureView> views;
    private final ViewHistory history = new ViewHistory();
    private final ObservableList<ViewState.Named> saved = FXCollections.observableArrayList();
    private boolean restoring;
    private boolean scheduled;
    /** A change the analyst made (not only {@link ViewDefaults defaults filled in}) since the last record. */
    private boolean stepTaken;
    /** Between a project opening and its first frame with its last view applied: changes are not steps. */
    private boolean opening;
    private boolean settingsRead;
    private ViewState pendingLast;
    private Path openPath;
    private long generation;
    /** Counts the frames built: a drill-down in the history is valid only in the frame it was picked from. */
    private long frameGeneration;

    public ViewNavigator(AppModel model, Map<Feature, FeatureView> views) {
        this.model = model;
        this.views = Map.copyOf(views);
        List<Observable> sources = new ArrayList<>(List.of(model.selectedFeatureProperty(), model.filtersProperty(),
                model.segments(), model.drilldownProperty()));
        views.values().forEach(v -> sources.addAll(v.viewSettingsSources()));
        sources.forEach(o -> o.addListener(x -> changed()));
        model.frameProperty().addListener((o, a, f) -> {
            frameGeneration++;
            // the last view is applied as the opened project's frame arrives, before its selection is computed: its
            // filters then go into the first selection, and each tab's first chart is of the restored controls (when
            // it came after the selection, the Sankey of the 5 M project was computed twice on opening, the first
            // one for nothing)
            if (f != null && opening && settingsRead) {
                restoreLast();
            }
        });
        model.projectProperty().addListener((o, a, p) -> projectChanged(p));
        model.setProjectClosing(this::closingSettings);
        projectChanged(model.getProject());
    }

    // ---------------------------------------------------------------- state

    /** What the window shows now. */
    public ViewState capture() {
        Map<String, String> settings = new HashMap<>();
        views.values().forEach(v -> settings.putAll(v.viewSettings()));
        String segments = model.segments().isEmpty() ? null : SegmentJson.write(List.copyOf(model.segments()));
        var drilldown = model.drilldownProperty().get();
        return new ViewState(model.selectedFeatureProperty().get(), model.filtersProperty().get(), settings,
                segments, drilldown == null ? null : new ViewState.Drill(drilldown, frameGeneration));
    }

    /** Shows {@code s}: filters, segments, every tab's controls, then its tab. Not a step of its own. */
    void apply(ViewState s) {
        restoring = true;
        try {
            FilterSettings f = s.filters();
            model.filtersProperty().set(new FilterSettings(f.from(), f.to(), f.hiddenTypes(),
                    model.filtersProperty().get().zone(), f.propertyKey(), f.propertyValue()));
            String segments = model.segments().isEmpty() ? null : SegmentJson.write(List.copyOf(model.segments()));
            if (!java.util.Objects.equals(segments, s.segmentsJson())) {
                model.segments().setAll(s.segmentsJson() == null ? List.of() : SegmentJson.read(s.segmentsJson()));
            }
            views.values().forEach(v -> v.applyViewSettings(s.settings()));
            ViewState.Drill drill = s.drill();
            model.restoreDrilldown(drill != null && drill.frame() == frameGeneration ? drill.drilldown() : null);
            model.selectedFeatureProperty().set(s.feature());
        } finally {
            // listeners of the controls run now or in a moment; the view has settled once they have
            Platform.runLater(() -> {
                restoring = false;
                history.settle(capture());
            });
        }
    }

    private void changed() {
        if (restoring || opening) {
            return;
        }
        stepTaken |= !ViewDefaults.fillingIn();
        if (scheduled) {
            return;
        }
        scheduled = true;
        // one step for the several properties one action changes (Start at… sets the direction and the start)
        Platform.runLater(() -> {
            scheduled = false;
            boolean step = stepTaken;
            stepTaken = false;
            if (!restoring && !opening) {
                if (step) {
                    history.record(capture());
                } else {
                    history.settle(capture()); // only defaults filled in (ci31: the flows end a new log lacks)
                }
            }
        });
    }

    // ---------------------------------------------------------------- back / forward

    /**
     * True between a project opening and its last view applied: changes then are not steps, and applying the last
     * view starts the history afresh.
     */
    public boolean isOpening() {
        return opening;
    }

    /** Alt+Left. */
    public void back() {
        history.goBack().ifPresent(this::apply);
    }

    /** Alt+Right. */
    public void forward() {
        history.goForward().ifPresent(this::apply);
    }

    public ViewHistory history() {
        return history;
    }

    // ---------------------------------------------------------------- saved views

    /** The open project's saved views, in the order saved. */
    public ObservableList<ViewState.Named> savedViews() {
        return saved;
    }

    /** Saves what the window shows under {@code name} (replacing a view of that name) in the project. */
    public void save(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || model.getProject() == null) {
            return;
        }
        ViewState.Named view = new ViewState.Named(n, capture().withoutDrill());
        int at = indexOf(n);
        if (at >= 0) {
            saved.set(at, view);
        } else {
            saved.add(view);
        }
        persistSaved();
    }

    /** Shows a saved view; going back returns to what was shown before. */
    public void show(String name) {
        int at = indexOf(name);
        if (at < 0) {
            return;
        }
        ViewState s = saved.get(at).state();
        history.record(capture());
        history.record(s);
        apply(s);
    }

    /** Deletes a saved view from the project. */
    public void delete(String name) {
        int at = indexOf(name);
        if (at >= 0) {
            saved.remove(at);
            persistSaved();
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void persistSaved() {
        String json = ViewState.writeNamed(List.copyOf(saved));
        Path path = model.getProject().path();
        var backend = model.backend();
        model.runner().run("Saving views", ctx -> {
            ProjectInfo p = backend.current();
            if (p != null && p.path().equals(path)) {
                backend.putUserSetting(VIEWS, json);
            }
            return json;
        }, j -> {
        }, model::fail);
    }

    // ---------------------------------------------------------------- project open / close

    private void projectChanged(ProjectInfo p) {
        Path path = p == null ? null : p.path();
        if (java.util.Objects.equals(path, openPath)) {
            return; // the same project with new counts
        }
        openPath = path;
        long gen = ++generation;
        history.reset(null);
        saved.clear();
        pendingLast = null;
        settingsRead = false;
        opening = p != null;
        if (p == null) {
            return;
        }
        var backend = model.backend();
        model.runner().run("Reading saved views", ctx -> new Stored(backend.userSetting(LAST_VIEW),
                backend.userSetting(VIEWS)), stored -> {
            if (gen != generation) {
                return;
            }
            saved.setAll(ViewState.readNamed(stored.views().orElse(null)));
            pendingLast = ViewState.fromJson(stored.last().orElse(null));
            settingsRead = true;
            // the project's frame may be there already, or comes later (frame listener)
            if (model.getFrame() != null) {
                restoreLast();
            }
        }, t -> {
            opening = false;
            model.fail(t);
        });
    }

    private record Stored(Optional<String> last, Optional<String> views) {
    }

    private void restoreLast() {
        ViewState last = pendingLast;
        pendingLast = null;
        opening = false;
        if (last != null) {
            // the segments are the project's own (AppModel.SEGMENTS_SETTING, saved on every change), restored as
            // it opened: the last view, written only on closing, must not bring back older ones after a crash
            String segments = model.segments().isEmpty() ? null : SegmentJson.write(List.copyOf(model.segments()));
            ViewState kept = new ViewState(last.feature(), last.filters(), last.settings(), segments);
            apply(kept);
            history.reset(kept);
        } else {
            history.reset(capture());
            model.completesOnlyWhereStartsAreRecorded(); // a first open: a log with starts and completes
        }
    }

    /** The settings to write into the project as it closes: its last view (nothing while it is still opening). */
    private Map<String, String> closingSettings() {
        if (model.getProject() == null || opening) {
            return Map.of();
        }
        return Map.of(LAST_VIEW, capture().withoutDrill().toJson());
    }
}
