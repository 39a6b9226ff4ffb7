package org.journeyexplorer.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentJson;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The application state every view observes: the open project, its current {@link EventFrame}, and the current
 * {@link Selection} (the frame under the left panel's filters). State is exposed read-only; it changes through
 * the commands here, which do their work on the {@link TaskRunner} and publish results on the FX thread.
 *
 * <p>Pipeline: {@link #openProject} → {@link #reloadFrame()} (when the project's events or the
 * {@link #frameOptionsProperty() frame options} change) → selection (when the frame or the
 * {@link #filtersProperty() filters} change). A newer request supersedes an older one still running: the older
 * one is cancelled and its result, if it arrives anyway, is dropped.
 *
 * <p>Feature views plug in as described in {@link FeatureView}.
 */
public final class AppModel {
    private final TaskRunner runner;
    private final ProjectBackend backend;

    private final ReadOnlyObjectWrapper<ProjectInfo> project = new ReadOnlyObjectWrapper<>(this, "project");
    private final javafx.beans.property.ReadOnlyStringWrapper journeysNoun =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "journeysNoun", "Sessions");
    private final ReadOnlyObjectWrapper<EventFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyObjectWrapper<Drilldown> drilldown = new ReadOnlyObjectWrapper<>(this, "drilldown");
    private final ReadOnlyObjectWrapper<List<String>> predictionRequest =
            new ReadOnlyObjectWrapper<>(this, "predictionRequest");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<IdentityInfo> identity = new ReadOnlyObjectWrapper<>(this, "identity");
    private final ObjectProperty<FrameOptions> frameOptions =
            new SimpleObjectProperty<>(this, "frameOptions", FrameOptions.DEFAULT);
    private final ObjectProperty<FilterSettings> filters =
            new SimpleObjectProperty<>(this, "filters", FilterSettings.NONE);
    private final ObjectProperty<String> conversionEvent = new SimpleObjectProperty<>(this, "conversionEvent");
    private final javafx.beans.property.ReadOnlyStringWrapper filterNote =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "filterNote", "");
    private final ObjectProperty<Feature> selectedFeature =
            new SimpleObjectProperty<>(this, "selectedFeature", FIRST_FEATURE);
    private final javafx.collections.ObservableList<org.journeyexplorer.analysis.Segment> segments =
            javafx.collections.FXCollections.observableArrayList();

    /** Set while the open project's stored segments replace the list, which is then not saved back. */
    private boolean restoringSegments;

    /** Project user setting holding the analyst's segments as a JSON array ({@link SegmentJson}). */
    public static final String SEGMENTS_SETTING = "segments";
    /** The tab shown before anything else is asked for ({@code -Dje.tab}, a project's last view). */
    static final Feature FIRST_FEATURE = Feature.OVERVIEW;
    /** How long a reopened frame's identity graph waits for the shown view's tasks at most before it is worked out. */
    static final long IDENTITY_MAX_WAIT_MILLIS = 3000;

    private Consumer<Throwable> errorHandler = Throwable::printStackTrace;
    private java.util.function.Supplier<Map<String, String>> projectClosing = Map::of;
    private Task<?> frameTask;
    private Task<?> selectionTask;
    private long frameGeneration;
    private long selectionGeneration;

    public AppModel(ProjectBackend backend, TaskRunner runner) {
        this.backend = Objects.requireNonNull(backend);
        this.runner = Objects.requireNonNull(runner);
        frameOptions.addListener((o, a, b) -> reloadFrame());
        filters.addListener((o, a, b) -> {
            if (!filterNote.get().isEmpty() && !isCompletesOnly(b)) {
                filterNote.set(""); // it said why the property filter was set; the analyst changed it
            }
            recomputeSelection();
        });
        segments.addListener((javafx.collections.ListChangeListener<Segment>) c -> saveSegments());
        project.addListener((o, a, p) -> journeysNoun.set(journeysNoun(p)));
    }

    /** "Cases" when the project's journeys are whole cases, else "Sessions". */
    static String journeysNoun(ProjectInfo p) {
        return p != null && p.journey() == JourneyScope.CASE ? "Cases" : "Sessions";
    }

    /**
     * What one journey is called in running text, lower case: "session" / "sessions", or "case" / "cases" when
     * the project's journeys are whole cases.
     */
    public String journeyWord(boolean plural) {
        return journeyWord(journeysNoun.get(), plural);
    }

    /** {@code noun} ("Sessions" or "Cases", as {@link #journeysNounProperty}) in running text, lower case. */
    public static String journeyWord(String noun, boolean plural) {
        String w = noun.toLowerCase(java.util.Locale.ROOT);
        return plural ? w : w.substring(0, w.length() - 1);
    }

    // ---- commands ----

    /** Opens (or creates) a project in the background, then builds its frame. */
    public void openProject(Path path) {
        openProject(path, p -> {
        });
    }

    /** As {@link #openProject(Path)}, then runs {@code then} on the FX thread once the project is open. */
    public void openProject(Path path, Consumer<ProjectInfo> then) {
        cancel(frameTask);
        cancel(selectionTask);
        frameGeneration++;
        selectionGeneration++;
        loading.set(true);
        Map<String, String> keep = project.get() == null ? Map.of() : Map.copyOf(projectClosing.get());
        runner.run("Opening " + ProjectFiles.displayName(path), ctx -> {
            keepSettings(keep); // the closing project's last view
            ProjectInfo info = backend.open(path, ctx);
            try {
                return new Opened(info, backend.userSetting(SEGMENTS_SETTING).map(SegmentJson::read)
                        .orElse(List.of()), null);
            } catch (RuntimeException e) {
                return new Opened(info, List.of(), e); // the project opens; the analyst hears of the segments
            }
        }, opened -> {
            ProjectInfo info = opened.info();
            project.set(info);
            restoringSegments = true;
            try {
                segments.setAll(opened.segments());
            } finally {
                restoringSegments = false;
            }
            if (opened.segmentsError() != null) {
                errorHandler.accept(opened.segmentsError());
            }
            identity.set(null);
            drilldown.set(null);
            selection.set(null);
            frame.set(null);
            filters.set(FilterSettings.NONE);
            reloadFrame();
            then.accept(info);
        }, this::fail);
    }

    /**
     * What to write into the open project's settings as it closes (its last view…), asked on the FX thread when
     * another project is opened and when the app quits.
     */
    public void setProjectClosing(java.util.function.Supplier<Map<String, String>> settings) {
        this.projectClosing = Objects.requireNonNull(settings);
    }

    /** Writes the closing settings into the open project now; for quitting, where no background job runs later. */
    public void keepSettingsOnExit() {
        if (project.get() != null) {
            keepSettings(projectClosing.get());
        }
    }

    private void keepSettings(Map<String, String> settings) {
        if (settings.isEmpty() || backend.current() == null) {
            return;
        }
        try {
            settings.forEach(backend::putUserSetting);
        } catch (RuntimeException e) {
            // a read-only or vanished project: losing its last view must not stop opening the next one
        }
    }

    /** Rebuilds the frame from the store (after an import, or when frame options change). */
    public void reloadFrame() {
        if (project.get() == null) {
            return;
        }
        cancel(frameTask);
        long gen = ++frameGeneration;
        FrameOptions options = frameOptions.get();
        loading.set(true);
        // the project info (its event count changes with imports, and the first import decides whether journeys
        // are cases) is read in the task too: no backend call on FX
        frameTask = runner.run("Building journeys", ctx -> {
            ProjectInfo p = backend.current();
            EventFrame f = backend.buildFrame(p == null ? options : options.withJourney(p.journey()), ctx);
            f.typeCounts(); // counted here, not on the FX thread by the first tab that asks (the funnel's steps)
            return new Built(f, p, backend.identityReady() ? backend.identity() : null);
        }, built -> {
            if (gen != frameGeneration) {
                return;
            }
            EventFrame f = built.frame();
            if (built.project() != null) {
                project.set(built.project());
            }
            if (conversionEvent.get() == null || f.typeIndex(conversionEvent.get()) < 0) {
                conversionEvent.set(guessConversion(f.typeNames));
            }
            identity.set(built.identity()); // null until worked out: the last one's persons are not this frame's
            frame.set(f);
            recomputeSelection();
            if (built.identity() == null) {
                // after the shown view's results: stitching is not needed for them and took a core from them
                runner.whenIdle(() -> {
                    if (gen == frameGeneration) {
                        resolveIdentity(gen);
                    }
                }, IDENTITY_MAX_WAIT_MILLIS);
            }
        }, t -> {
            // a build superseded by a newer open or reload can fail on its way out ("no project is open" when
            // another project replaced this one): the newer request reports its own result and clears loading
            if (gen == frameGeneration) {
                fail(t);
            }
        });
    }

    /**
     * Works out the identity graph of the frame of generation {@code gen} after it is shown: a reopened project's
     * frame comes without it, and its Sankey need not wait for stitching the events.
     */
    private void resolveIdentity(long gen) {
        runner.run("Resolving identities", ctx -> backend.identity(), info -> {
            if (gen == frameGeneration) {
                identity.set(info);
            }
        }, t -> {
            if (gen == frameGeneration) {
                fail(t); // else the project was closed or the frame rebuilt meanwhile
            }
        });
    }

    private record Built(EventFrame frame, ProjectInfo project, IdentityInfo identity) {
    }

    private record Opened(ProjectInfo info, List<Segment> segments, RuntimeException segmentsError) {
    }

    /** Keeps the segments in the open project, in the background; never into a project opened meanwhile. */
    private void saveSegments() {
        ProjectInfo p = project.get();
        if (restoringSegments || p == null) {
            return;
        }
        String json = SegmentJson.write(List.copyOf(segments));
        Path target = p.path();
        runner.run("Saving segments", ctx -> {
            ProjectInfo now = backend.current();
            if (now != null && now.path().equals(target)) {
                backend.putUserSetting(SEGMENTS_SETTING, json);
            }
            return target;
        }, saved -> {
        }, this::fail);
    }

    /** Saves the project's identity settings in the background, then rebuilds the frame under them. */
    public void applyIdentitySettings(org.journeyexplorer.identity.IdentitySettings settings) {
        if (project.get() == null) {
            return;
        }
        runner.run("Saving identity settings", ctx -> {
            backend.saveIdentitySettings(settings);
            return settings;
        }, s -> reloadFrame(), this::fail);
    }

    /** Unlinks an id from its person ({@code unlink}) or links it again, and rebuilds; analyses follow. */
    public void unlink(String id, boolean unlink) {
        IdentityInfo info = identity.get();
        if (info != null) {
            applyIdentitySettings(info.settings().withDetached(id, unlink));
        }
    }

    /** The identity graph of the current frame, or null while none is built. */
    public ReadOnlyObjectProperty<IdentityInfo> identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /**
     * Makes a journey a whole case or a session in the open project: saves the choice in the project (so it is
     * the same on reopening, and in the command line), then rebuilds the frame.
     */
    public void setJourneyScope(JourneyScope scope) {
        ProjectInfo p = project.get();
        if (p == null || p.journey() == scope) {
            return;
        }
        loading.set(true);
        runner.run("Saving the journey choice", ctx -> backend.saveJourneyScope(scope), info -> {
            project.set(info);
            reloadFrame();
        }, this::fail);
    }

    /** Views follow a live stream at most this often (each refresh re-filters and re-lays out what is shown). */
    public static final java.time.Duration LIVE_REFRESH = org.journeyexplorer.live.LiveRefresh.INTERVAL;
    private long lastLiveRefresh = System.nanoTime() - LIVE_REFRESH.toNanos();
    private boolean liveRefreshDue;
    private boolean liveCatchUpDue;
    private Task<?> liveCatchUpTask;
    private final org.journeyexplorer.live.LiveRefresh.Pacer livePacer = new org.journeyexplorer.live.LiveRefresh.Pacer();

    /**
     * A live stream committed events into the open project: refreshes the frame (the session brings it up to date
     * incrementally) and through it every view, at most every {@link #LIVE_REFRESH} and never while the previous
     * refresh is still being computed. Call on the FX thread.
     */
    public void liveEventsAppended() {
        if (project.get() == null || liveRefreshDue) {
            return;
        }
        long wait = lastLiveRefresh + LIVE_REFRESH.toNanos() - System.nanoTime();
        if (frameTask != null && !frameTask.isDone() || selectionTask != null && !selectionTask.isDone()) {
            wait = Math.max(wait, 250_000_000L);
        }
        if (wait <= 0) {
            lastLiveRefresh = System.nanoTime();
            reloadFrame();
            return;
        }
        liveRefreshDue = true;
        javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(
                javafx.util.Duration.millis(Math.max(1, wait / 1_000_000)));
        t.setOnFinished(e -> {
            liveRefreshDue = false;
            liveEventsAppended();
        });
        t.play();
        scheduleLiveCatchUp();
    }

    /**
     * Halfway to the next live refresh, the frame catches up in the background on the rows committed since the last
     * one (when many wait: {@link org.journeyexplorer.live.LiveRefresh}), so the refresh's own catch-up, which an
     * event committed just after the last refresh began waits for, covers only the rows since. Nothing is shown.
     */
    private void scheduleLiveCatchUp() {
        if (liveCatchUpDue) {
            return;
        }
        // left out when it would not end before the next refresh (a loaded machine), which would wait for it
        long delay = livePacer.delayNanos(lastLiveRefresh, System.nanoTime());
        if (delay < 0) {
            return;
        }
        liveCatchUpDue = true;
        long refresh = lastLiveRefresh;
        javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(
                javafx.util.Duration.millis(Math.max(1, delay / 1_000_000)));
        t.setOnFinished(e -> {
            liveCatchUpDue = false;
            if (refresh == lastLiveRefresh) {
                catchUpLive();
            }
        });
        t.play();
    }

    /** The frame's catch-up between two live refreshes, in the background; not while a refresh builds the frame. */
    private void catchUpLive() {
        if (project.get() == null || frameTask != null && !frameTask.isDone()
                || liveCatchUpTask != null && !liveCatchUpTask.isDone()) {
            return;
        }
        FrameOptions options = frameOptions.get();
        liveCatchUpTask = runner.run("Catching up with the stream", ctx -> {
            long t0 = System.nanoTime();
            ProjectInfo p = backend.current();
            int rows = backend.catchUp(p == null ? options : options.withJourney(p.journey()),
                    org.journeyexplorer.live.LiveRefresh.CATCH_UP_ROWS, ctx);
            return rows > 0 ? System.nanoTime() - t0 : -1L;
        }, wall -> {
            if (wall >= 0) {
                livePacer.took(wall);
            }
        }, this::fail);
    }

    /**
     * Removes one import from the open project in the background (through the backend's session, in one
     * transaction with its audit entry), then rebuilds the frame; {@code then} runs on the FX thread with the
     * number of events removed.
     */
    public void removeImport(ImportEntry entry, Consumer<Long> then) {
        if (project.get() == null) {
            return;
        }
        loading.set(true);
        runner.run("Removing " + entry.name(), ctx -> backend.removeImport(entry.id(), ctx), n -> {
            reloadFrame();
            then.accept(n);
        }, this::fail);
    }

    /** Re-applies the filters to the current frame. */
    public void recomputeSelection() {
        EventFrame f = frame.get();
        if (f == null) {
            loading.set(false);
            return;
        }
        cancel(selectionTask);
        long gen = ++selectionGeneration;
        FilterSettings settings = filters.get();
        loading.set(true);
        selectionTask = runner.run("Filtering", ctx -> backend.select(f, settings, ctx), s -> {
            if (gen != selectionGeneration) {
                return;
            }
            selection.set(s);
            loading.set(false);
        }, this::fail);
    }

    /** Switches to the Journeys tab showing only the journeys behind a chart mark. */
    public void showJourneys(Drilldown d) {
        drilldown.set(d);
        selectedFeature.set(Feature.JOURNEYS);
    }

    /** Switches to the Predictions tab with this path prefix (e.g. a path clicked in the Sankey). */
    public void showPredictions(List<String> prefix) {
        predictionRequest.set(List.copyOf(prefix));
        selectedFeature.set(Feature.PREDICTIONS);
    }

    /** The latest path prefix another view asked the Predictions tab to show; null until one is asked for. */
    public ReadOnlyObjectProperty<List<String>> predictionRequestProperty() {
        return predictionRequest.getReadOnlyProperty();
    }

    /** See {@link ProjectBackend#recordExport}; for export jobs, off the FX thread. */
    public void recordExport(String what, Path file, long count) {
        backend.recordExport(what, file, count);
    }

    /** Removes the drill-down filter of the Journeys tab. */
    public void clearDrilldown() {
        drilldown.set(null);
    }

    /** Sets the Journeys tab's drill-down (or none) without switching tabs: back/forward ({@link ViewNavigator}). */
    void restoreDrilldown(Drilldown d) {
        drilldown.set(d);
    }

    /** Reports a failure of a background job to the user (cancellation is not a failure). */
    public void fail(Throwable t) {
        if (t instanceof CancelledException) {
            return; // superseded by a newer request, which will clear the loading flag
        }
        loading.set(false);
        errorHandler.accept(t);
    }

    /** Where failures go; the shell shows a dialog. */
    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = Objects.requireNonNull(handler);
    }

    public ProjectBackend backend() {
        return backend;
    }

    public TaskRunner runner() {
        return runner;
    }

    private static void cancel(Task<?> t) {
        if (t != null && !t.isDone()) {
            t.cancel(false);
        }
    }

    // ---- state ----

    /** The open project, or null. */
    public ReadOnlyObjectProperty<ProjectInfo> projectProperty() {
        return project.getReadOnlyProperty();
    }

    /**
     * What a journey is called where the views count them: "Cases" when the project's journeys are whole cases (a
     * case log), else "Sessions". Follows the project and its journey choice.
     */
    public javafx.beans.property.ReadOnlyStringProperty journeysNounProperty() {
        return journeysNoun.getReadOnlyProperty();
    }

    public ProjectInfo getProject() {
        return project.get();
    }

    /** The frame of the open project under the current frame options, or null while none is built. */
    public ReadOnlyObjectProperty<EventFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public EventFrame getFrame() {
        return frame.get();
    }

    /** The current frame under the current filters — what every analysis view shows. Null until loaded. */
    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Selection getSelection() {
        return selection.get();
    }

    /** The drill-down the Journeys tab is filtered by, or null. */
    public ReadOnlyObjectProperty<Drilldown> drilldownProperty() {
        return drilldown.getReadOnlyProperty();
    }

    /** True while the project, frame or selection is being (re)computed. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /**
     * Identity stitching and session timeout; setting it rebuilds the frame. Whether journeys are cases or sessions
     * is the project's ({@link ProjectInfo#journey()}, {@link #setJourneyScope}), not part of these options.
     */
    public ObjectProperty<FrameOptions> frameOptionsProperty() {
        return frameOptions;
    }

    /** Date range and hidden event types; setting it recomputes the selection. */
    public ObjectProperty<FilterSettings> filtersProperty() {
        return filters;
    }

    /**
     * The event that counts as converting (purchase, order, case closed…), shared by Journeys and Overview;
     * guessed from the event names when a frame loads, changeable by the user. Null when there is no guess.
     */
    public ObjectProperty<String> conversionEventProperty() {
        return conversionEvent;
    }

    /** The XES standard's event property for where in its life an activity is ("start", "complete", …). */
    public static final String LIFECYCLE = "lifecycle:transition";
    /** Stored events looked at for an activity's start before the lifecycle values are counted. */
    static final int LIFECYCLE_LOOK = 5_000;

    private static boolean isCompletesOnly(FilterSettings f) {
        return f != null && LIFECYCLE.equals(f.propertyKey()) && "complete".equals(f.propertyValue());
    }

    /**
     * For a project opened without a last view (its first open): when its events record activities' starts as
     * well as their completes (XES {@value #LIFECYCLE}, teleclaims: 21,313 starts, 24,826 completes), every such
     * activity showed twice in a row, as a repeat and a self-loop in every view. The property filter is then set to
     * the completes, in the background (the property index is read or built), and {@link #filterNoteProperty} says
     * so; the analyst clears it like any filter. Nothing happens when the filters were set meanwhile.
     */
    public void completesOnlyWhereStartsAreRecorded() {
        ProjectInfo p = project.get();
        if (p == null) {
            return;
        }
        Path path = p.path();
        runner.whenIdle(() -> runner.run("Reading activity lifecycles", ctx -> {
            ProjectInfo now = backend.current();
            if (now == null || !now.path().equals(path)) {
                return null;
            }
            // a look at the first stored events first: the property index (read or built for the counts) takes
            // seconds at millions of events, and most logs have no lifecycle
            int look = (int) Math.min(now.events(), LIFECYCLE_LOOK);
            int[] rows = new int[look];
            java.util.Arrays.setAll(rows, i -> i);
            boolean anyStart = false;
            for (String json : backend.propertiesJson(rows)) {
                if (json != null && json.contains(LIFECYCLE) && json.contains("\"start\"")) {
                    anyStart = true;
                    break;
                }
            }
            if (!anyStart) {
                return null;
            }
            long starts = 0;
            long completes = 0;
            for (ProjectBackend.PropertyValue v : backend.propertyValues(LIFECYCLE, 20, ctx)) {
                if (v.value().equals("start")) {
                    starts = v.events();
                } else if (v.value().equals("complete")) {
                    completes = v.events();
                }
            }
            return starts > 0 && completes > 0 ? new long[]{starts, completes} : null;
        }, counts -> {
            ProjectInfo now = project.get();
            if (counts == null || now == null || !now.path().equals(path) || !filters.get().isEmpty()) {
                return;
            }
            ViewDefaults.fillIn(() -> filters.set(filters.get().withProperty(LIFECYCLE, "complete")));
            filterNote.set("Completes only: this log records " + Format.count(counts[0]) + " activity starts besides"
                    + " its " + Format.count(counts[1]) + " completes; each started activity showed twice. Clear"
                    + " the property to see both.");
        }, this::fail), IDENTITY_MAX_WAIT_MILLIS);
    }

    /** Why the filters are as they are when the app set them (empty otherwise): shown under the filters. */
    public javafx.beans.property.ReadOnlyStringProperty filterNoteProperty() {
        return filterNote.getReadOnlyProperty();
    }

    /** The event names of {@code f} in the order every picker shows them (case-insensitive); empty for null. */
    public static List<String> sortedTypeNames(EventFrame f) {
        if (f == null) {
            return List.of();
        }
        return java.util.Arrays.stream(f.typeNames).sorted(String::compareToIgnoreCase).toList();
    }

    /** The most likely conversion event among {@code names}, or null. */
    static String guessConversion(String[] names) {
        String[] hints = {"purchase", "order_completed", "order", "checkout_completed", "checkout", "convert",
                "subscribe", "signup", "sign_up", "closed", "complete", "paid", "payment"};
        for (String hint : hints) {
            for (String n : names) {
                if (n.toLowerCase(java.util.Locale.ROOT).replace(' ', '_').contains(hint)) {
                    return n;
                }
            }
        }
        return null;
    }

    /**
     * The segments the analyst defined in this project (Compare tab), in the order made. Each is an immutable,
     * serialisable definition ({@link org.journeyexplorer.analysis.SegmentJson}), so saved views can store them.
     * Kept in the project ({@link #SEGMENTS_SETTING}): replaced by the stored ones when a project opens, saved on
     * every change.
     */
    public javafx.collections.ObservableList<org.journeyexplorer.analysis.Segment> segments() {
        return segments;
    }

    /** The visible tab; views use it to compute only while shown. */
    public ObjectProperty<Feature> selectedFeatureProperty() {
        return selectedFeature;
    }
}
