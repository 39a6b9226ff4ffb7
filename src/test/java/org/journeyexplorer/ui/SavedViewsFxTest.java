package org.journeyexplorer.ui;

import javafx.scene.input.KeyCode;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.ui.flows.FlowsView;
import org.journeyexplorer.ui.flows.FlowsViewModel;
import org.journeyexplorer.ui.overview.OverviewView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back/forward with Alt+Left / Alt+Right, saved views kept in the project, and the last view on reopening. */
class SavedViewsFxTest extends AppFxTestBase {
    private static final org.journeyexplorer.analysis.Segment CLOSED = new org.journeyexplorer.analysis.Segment(
            "Closed", CountUnit.PERSONS, List.of(new org.journeyexplorer.analysis.SegmentCondition.Performed("6", true)));

    private static FlowsViewModel flows() {
        return ((FlowsView) app.window().view(Feature.FLOWS)).viewModel();
    }

    private static ViewNavigator navigator() {
        return app.window().navigator();
    }

    /** Runs an action on FX as a user would, then lets the navigator record it as one step. */
    private static void act(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> null); // the navigator records on the next pulse
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void altArrow(KeyCode arrow) throws Exception {
        focusMainWindow(); // the keys go to the focused window; in the full run another test's stage may hold it
        press(KeyCode.ALT, arrow).release(arrow, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The project settled: a project another test class reopened may still be applying its last view, which starts
     * the history afresh and, until then, records no steps (ci24–ci27: Alt+Left never went back to Flows).
     */
    @org.junit.jupiter.api.BeforeEach
    void projectSettled() throws Exception {
        waitFor(60, "the project open with its last view applied", () -> app.model().getSelection() != null
                && !app.model().loadingProperty().get() && !navigator().isOpening());
    }

    @AfterEach
    void plainView() throws Exception {
        act(() -> {
            app.model().filtersProperty().set(FilterSettings.NONE);
            flows().stepsProperty().set(5);
            flows().directionProperty().set(FlowQuery.Direction.FORWARD);
            flows().startEventProperty().set(FlowQuery.JOURNEY_START);
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
        });
    }

    @Test
    void altLeftAndAltRightStepThroughWhatTheAnalystDidAndASavedViewComesBack() throws Exception {
        act(() -> {
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            flows().stepsProperty().set(5);
        });
        act(() -> flows().stepsProperty().set(3));
        act(() -> app.model().selectedFeatureProperty().set(Feature.FUNNELS));

        // back and forward apply on a later pulse in a busy full run: wait for each step, then check it all
        String before = onFx(() -> navigator().history().toString());
        assertEquals(Feature.FUNNELS, onFx(() -> navigator().history().current().feature()), before);
        altArrow(KeyCode.LEFT);
        waitFor(10, () -> "back to Flows; history before " + before + "; now " + navigator().history()
                + "; focus " + app.window().stage().isFocused(),
                () -> app.model().selectedFeatureProperty().get() == Feature.FLOWS);
        assertEquals(3, onFx(() -> flows().stepsProperty().get()));
        altArrow(KeyCode.LEFT);
        waitFor(10, "back to 5 steps", () -> flows().stepsProperty().get() == 5);
        altArrow(KeyCode.RIGHT);
        waitFor(10, "forward to 3 steps", () -> flows().stepsProperty().get() == 3);
        altArrow(KeyCode.RIGHT);
        waitFor(10, "forward to Funnels", () -> app.model().selectedFeatureProperty().get() == Feature.FUNNELS);
        assertEquals(3, onFx(() -> flows().stepsProperty().get()));

        // saved in the project under a name, shown again after other changes
        act(() -> navigator().save("Three steps"));
        long end = System.nanoTime() + 20_000_000_000L;
        while (!app.model().backend().userSetting(ViewNavigator.VIEWS).orElse("").contains("Three steps")
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertTrue(app.model().backend().userSetting(ViewNavigator.VIEWS).orElse("").contains("Three steps"));
        act(() -> {
            app.model().selectedFeatureProperty().set(Feature.OVERVIEW);
            flows().stepsProperty().set(7);
        });
        act(() -> navigator().show("Three steps"));
        assertEquals(Feature.FUNNELS, onFx(() -> app.model().selectedFeatureProperty().get()));
        assertEquals(3, onFx(() -> flows().stepsProperty().get()));
        // and going back returns to what was shown before it
        altArrow(KeyCode.LEFT);
        waitFor(10, "back to Overview", () -> app.model().selectedFeatureProperty().get() == Feature.OVERVIEW);
        assertEquals(7, onFx(() -> flows().stepsProperty().get()));
        act(() -> navigator().delete("Three steps"));
    }

    @Test
    void backAndForwardKeepAJourneysDrillDownButSavedViewsDoNot() throws Exception {
        org.journeyexplorer.analysis.Drilldown drill = onFx(() -> org.journeyexplorer.analysis.Drilldown.of(
                "Two sessions", new int[]{0, 1}, app.model().getFrame()));
        act(() -> app.model().selectedFeatureProperty().set(Feature.FLOWS));
        act(() -> app.model().showJourneys(drill));
        act(() -> navigator().back());
        waitFor(10, "back to Flows", () -> app.model().selectedFeatureProperty().get() == Feature.FLOWS);
        assertEquals(null, onFx(() -> app.model().drilldownProperty().get()), "Flows was shown without one");
        act(() -> navigator().forward());
        waitFor(10, "forward to the drill-down", () -> app.model().selectedFeatureProperty().get() == Feature.JOURNEYS
                && app.model().drilldownProperty().get() == drill);

        // a saved view names no sessions: they are numbers in this frame only
        act(() -> navigator().save("Drilled"));
        ViewState saved = onFx(() -> navigator().savedViews().stream().filter(v -> v.name().equals("Drilled"))
                .findFirst().orElseThrow().state());
        assertEquals(Feature.JOURNEYS, saved.feature());
        assertEquals(null, saved.drill());
        act(() -> navigator().delete("Drilled"));

        // nor does a step back once the frame was rebuilt (an import, a link undone): the numbers changed meaning
        act(() -> app.model().clearDrilldown());
        var frame = onFx(() -> app.model().getFrame());
        FrameOptions options = onFx(() -> app.model().frameOptionsProperty().get());
        try {
            // (helpdesk's journeys are cases, which the session timeout does not change)
            act(() -> app.model().frameOptionsProperty().set(new FrameOptions(!options.stitchIdentities(),
                    options.sessionTimeout(), options.journey())));
            waitFor(60, "frame rebuilt", () -> app.model().getFrame() != null && app.model().getFrame() != frame
                    && !app.model().loadingProperty().get());
            act(() -> navigator().back());
            assertEquals(Feature.JOURNEYS, onFx(() -> app.model().selectedFeatureProperty().get()));
            assertEquals(null, onFx(() -> app.model().drilldownProperty().get()));
        } finally {
            act(() -> app.model().frameOptionsProperty().set(options));
            waitFor(60, "frame as before", () -> app.model().getFrame() != null
                    && !app.model().loadingProperty().get());
        }
    }

    /**
     * A default a view fills in from the data (an end event this log does not have, replaced by its most common
     * one) is not a step: Alt+Left goes back to what the analyst chose before, not to the value the data replaced
     * (ci31: a flows end from another project was replaced after the test's steps, and Alt+Left stayed on Funnels).
     */
    @Test
    void defaultsFilledInFromTheDataAreNotSteps() throws Exception {
        act(() -> {
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            flows().directionProperty().set(FlowQuery.Direction.BACKWARD);
            flows().endEventProperty().set("no such event");
        });
        waitFor(30, "the end filled in", () -> !flows().busyProperty().get()
                && !"no such event".equals(flows().endEventProperty().get()) && !flows().events().isEmpty());
        String filled = onFx(() -> flows().endEventProperty().get());
        String chosen = onFx(() -> flows().events().stream().filter(e -> !e.equals(filled)).findFirst().orElseThrow());
        act(() -> flows().endEventProperty().set(chosen));
        waitFor(30, "flows computed", () -> !flows().busyProperty().get());
        act(() -> flows().endEventProperty().set("not in this log either"));
        waitFor(30, "the end filled in again", () -> !flows().busyProperty().get()
                && filled.equals(flows().endEventProperty().get()));
        act(() -> navigator().back());
        waitFor(30, () -> "back to the chosen end " + chosen + ", history " + navigator().history(),
                () -> !flows().busyProperty().get() && chosen.equals(flows().endEventProperty().get()));
    }

    @Test
    void theLastViewIsRestoredWhenTheProjectIsOpenedAgain() throws Exception {
        Path project = onFx(() -> app.model().getProject().path());
        OverviewView overview = (OverviewView) app.window().view(Feature.OVERVIEW);
        act(() -> {
            flows().startEventProperty().set("8");
            flows().stepsProperty().set(4);
            overview.viewModel().unitProperty().set(CountUnit.PERSONS);
            app.model().filtersProperty().set(FilterSettings.NONE.withHidden(Set.of("9")));
            app.model().selectedFeatureProperty().set(Feature.OVERVIEW);
            app.model().segments().setAll(CLOSED);
        });
        // another project, then this one again
        act(() -> app.model().openProject(tempDir.resolve("saved-views-other")));
        waitFor(60, "other project open", () -> app.model().getProject().name().equals("saved-views-other")
                && !app.model().loadingProperty().get());
        act(() -> {
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            overview.viewModel().unitProperty().set(CountUnit.SESSIONS);
            flows().stepsProperty().set(6);
        });
        // what is computed while the project opens: its last view is applied before the first selection and chart,
        // so neither is made of the other project's settings only to be replaced (the Sankey was computed twice)
        List<Integer> selected = new java.util.ArrayList<>();
        List<Integer> flowSteps = new java.util.ArrayList<>();
        javafx.beans.value.ChangeListener<org.journeyexplorer.analysis.Selection> selections = (o, a, s) -> {
            if (s != null) {
                selected.add(s.count());
            }
        };
        javafx.beans.value.ChangeListener<org.journeyexplorer.analysis.FlowResult> results = (o, a, r) -> {
            if (r != null) {
                flowSteps.add(r.query().steps());
            }
        };
        onFx(() -> {
            app.model().selectionProperty().addListener(selections);
            flows().resultProperty().addListener(results);
            return null;
        });
        act(() -> app.model().openProject(project));
        waitFor(60, "last view restored", () -> app.model().getProject().path().equals(project)
                && app.model().getSelection() != null && !app.model().loadingProperty().get()
                && app.model().selectedFeatureProperty().get() == Feature.OVERVIEW);
        onFx(() -> {
            app.model().selectionProperty().removeListener(selections);
            flows().resultProperty().removeListener(results);
            return null;
        });
        int all = onFx(() -> app.model().getFrame().size);
        int filtered = onFx(() -> app.model().getSelection().count());
        assertTrue(filtered < all, "type 9 hidden");
        assertEquals(filtered, selected.get(0), "the first selection is of the last view's filters: " + selected);
        assertEquals(List.of(), flowSteps, "no Sankey of the other project's controls, and none of the hidden tab");
        assertEquals(Set.of("9"), onFx(() -> app.model().filtersProperty().get().hiddenTypes()));
        assertEquals(4, onFx(() -> flows().stepsProperty().get()));
        assertEquals(CountUnit.PERSONS, onFx(() -> overview.viewModel().unitProperty().get()));
        waitFor(30, "start kept", () -> "8".equals(flows().startEventProperty().get()));
        // the project's segments (kept on their own) come back beside the last view
        assertEquals(List.of(CLOSED), onFx(() -> List.copyOf(app.model().segments())));
        act(() -> {
            overview.viewModel().unitProperty().set(CountUnit.SESSIONS);
            app.model().segments().clear();
        });
    }

    @Test
    void aSavedViewKeepsTransitionsProcessMapCompareJourneysAndPredictions() throws Exception {
        var transitions = (org.journeyexplorer.ui.heatmap.TransitionsView) app.window().view(Feature.TRANSITIONS);
        var map = (org.journeyexplorer.ui.processmap.ProcessMapView) app.window().view(Feature.PROCESS_MAP);
        var compare = (org.journeyexplorer.ui.compare.CompareView) app.window().view(Feature.COMPARE);
        var journeys = (org.journeyexplorer.ui.journeys.JourneysView) app.window().view(Feature.JOURNEYS);
        var predictions = ((org.journeyexplorer.ui.predict.PredictionsView) app.window().view(Feature.PREDICTIONS))
                .viewModel();
        List<String> types = onFx(() -> List.copyOf(predictions.eventTypes()));
        assertTrue(types.size() >= 3, types.toString());
        List<String> path = List.of(types.get(1), types.get(0));
        // the process map once, so that its defaults for this log (a readable number of activities) are in
        act(() -> app.model().selectedFeatureProperty().set(Feature.PROCESS_MAP));
        waitFor(30, "process map", () -> !map.viewModel().busyProperty().get());
        act(() -> {
            transitions.viewModel().topKProperty().set(4);
            transitions.viewModel().modeProperty().set(org.journeyexplorer.chart.HeatmapLayout.Mode.COUNT);
            map.viewModel().activitiesProperty().set(0.5);
            map.viewModel().annotationProperty().set(org.journeyexplorer.chart.ProcessMapData.Annotation.MEDIAN_TIME);
            compare.viewModel().modeProperty().set(org.journeyexplorer.ui.compare.CompareViewModel.Mode.OVERVIEW);
            journeys.viewModel().searchProperty().set("42");
            predictions.clearPrefix();
            path.forEach(predictions::addToPrefix);
            predictions.goalProperty().set(types.get(2));
            app.model().selectedFeatureProperty().set(Feature.PROCESS_MAP);
        });
        act(() -> navigator().save("Everything"));
        act(() -> {
            transitions.viewModel().topKProperty().set(30);
            transitions.viewModel().modeProperty().set(org.journeyexplorer.chart.HeatmapLayout.Mode.PROBABILITY);
            map.viewModel().activitiesProperty().set(1.0);
            map.viewModel().annotationProperty().set(org.journeyexplorer.chart.ProcessMapData.Annotation.FREQUENCY);
            compare.viewModel().modeProperty().set(org.journeyexplorer.ui.compare.CompareViewModel.Mode.FLOWS);
            journeys.viewModel().searchProperty().set("");
            predictions.clearPrefix();
            predictions.goalProperty().set(types.get(0));
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
        });
        act(() -> navigator().show("Everything"));
        assertEquals(Feature.PROCESS_MAP, onFx(() -> app.model().selectedFeatureProperty().get()));
        assertEquals(4, onFx(() -> transitions.viewModel().topKProperty().get()));
        assertEquals(org.journeyexplorer.chart.HeatmapLayout.Mode.COUNT,
                onFx(() -> transitions.viewModel().modeProperty().get()));
        assertEquals(0.5, onFx(() -> map.viewModel().activitiesProperty().get()), 1e-9);
        assertEquals(org.journeyexplorer.chart.ProcessMapData.Annotation.MEDIAN_TIME,
                onFx(() -> map.viewModel().annotationProperty().get()));
        assertEquals(org.journeyexplorer.ui.compare.CompareViewModel.Mode.OVERVIEW,
                onFx(() -> compare.viewModel().modeProperty().get()));
        assertEquals("42", onFx(() -> journeys.viewModel().searchProperty().get()));
        assertEquals(path, onFx(() -> List.copyOf(predictions.prefix())));
        assertEquals(types.get(2), onFx(() -> predictions.goalProperty().get()));
        act(() -> {
            predictions.clearPrefix();
            navigator().delete("Everything");
            transitions.viewModel().topKProperty().set(org.journeyexplorer.ui.heatmap.TransitionsViewModel.DEFAULT_TOP_K);
            transitions.viewModel().modeProperty().set(org.journeyexplorer.chart.HeatmapLayout.Mode.PROBABILITY);
            map.viewModel().activitiesProperty().set(1.0);
            map.viewModel().annotationProperty().set(org.journeyexplorer.chart.ProcessMapData.Annotation.FREQUENCY);
            compare.viewModel().modeProperty().set(org.journeyexplorer.ui.compare.CompareViewModel.Mode.FLOWS);
            journeys.viewModel().searchProperty().set("");
        });
    }
}
