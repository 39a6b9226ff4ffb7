package org.journeyexplorer.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;
import org.journeyexplorer.ui.funnels.FunnelsView;
import org.journeyexplorer.ui.journeys.JourneysView;
import org.journeyexplorer.ui.overview.OverviewView;
import org.journeyexplorer.ui.predict.PredictionsView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's start-up: a tab's view (and view model) is made when the tab is first shown, not with the window; a
 * view made after the project's data arrived shows that data, and what was asked of the tab before (a drill-down, a
 * prediction request, settings of a view) as a view made with the window did.
 */
@ExtendWith(ApplicationExtension.class)
class LazyViewsFxTest {
    private static final String PREFS = "org/journeyexplorer/test-lazy-views-" + ProcessHandle.current().pid();
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private AppModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        FakeBackend b = new FakeBackend();
        // three persons, one session each: view 4 times, cart twice, buy once
        b.add("p1", 0, "view").add("p1", 60, "cart").add("p1", 120, "buy");
        b.add("p2", 0, "view").add("p2", 30, "view");
        b.add("p3", 0, "view").add("p3", 10, "cart");
        model = new AppModel(b, runner);
        model.selectedFeatureProperty().set(Feature.FLOWS); // as -Dje.tab=flows: the window opens on Flows
        window = new MainWindow(stage, model, runner, new AppPreferences(Preferences.userRoot().node(PREFS)),
                new NoFileDialogs());
        Scene scene = new Scene(new javafx.scene.layout.Pane(), 1200, 800);
        window.showIn(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(runner::close).get();
        Preferences.userRoot().node(PREFS).removeNode();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private void openAndWait() throws Exception {
        onFx(() -> {
            model.openProject(Path.of("/tmp/lazy-views.jexp"));
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> model.getSelection() != null
                && model.getSelection().frame().size == 7 && runner.tasks().isEmpty()));
    }

    @Test
    void hiddenTabsAreMadeWhenFirstShownAndShowTheDataThere() throws Exception {
        openAndWait();
        for (Feature f : Feature.values()) {
            assertEquals(f == Feature.FLOWS, onFx(() -> window.isBuilt(f)), f + " made");
        }

        // switched to by the model (View menu, Ctrl+digit): the tab is selected before its view exists
        onFx(() -> {
            model.selectedFeatureProperty().set(Feature.OVERVIEW);
            return null;
        });
        assertTrue(onFx(() -> window.isBuilt(Feature.OVERVIEW)));
        var overview = ((OverviewView) window.view(Feature.OVERVIEW)).viewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> overview.dataProperty().get() != null));
        var counts = onFx(() -> overview.dataProperty().get().overview());
        assertEquals(7, counts.events());
        assertEquals(3, counts.persons());
        assertEquals(3, counts.sessions());

        onFx(() -> {
            model.selectedFeatureProperty().set(Feature.FUNNELS);
            return null;
        });
        var funnels = ((FunnelsView) window.view(Feature.FUNNELS)).viewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> funnels.resultProperty().get() != null));
        var steps = onFx(() -> funnels.resultProperty().get().steps());
        // the default funnel of this frame: the most frequent event first, reached by all three persons
        assertEquals("view", steps.get(0).label());
        assertEquals(3, steps.get(0).count());
        assertEquals("cart", steps.get(1).label());
        assertEquals(2, steps.get(1).count());
        for (Feature f : List.of(Feature.TRANSITIONS, Feature.PREDICTIONS, Feature.JOURNEYS, Feature.PROCESS_MAP,
                Feature.COMPARE)) {
            assertFalse(onFx(() -> window.isBuilt(f)), f + " made before it was shown");
        }
    }

    @Test
    void aDrillDownAndAPredictionRequestMakeTheirTabsAndAreShown() throws Exception {
        openAndWait();
        // the Journeys tab is made by the drill-down that switches to it, and narrows to p1's session
        onFx(() -> {
            model.showJourneys(Drilldown.of("Test sessions", new int[]{0}, model.getFrame()));
            return null;
        });
        var journeys = ((JourneysView) window.view(Feature.JOURNEYS)).viewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> journeys.persons().size() == 1));
        assertEquals("p1", onFx(() -> journeys.persons().get(0).name()));
        assertEquals("Test sessions · 1 sessions", onFx(() -> journeys.drilldownTextProperty().get()));

        // settings of a view applied while the Predictions tab was never shown, then a path asked of it: the
        // request is newer, so it is the path shown
        onFx(() -> {
            window.navigator().apply(new ViewState(Feature.JOURNEYS, FilterSettings.NONE,
                    Map.of("predictions.path", "cart", "predictions.goal", "buy"), null));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> window.isBuilt(Feature.PREDICTIONS)));
        assertEquals("cart", onFx(() -> window.navigator().capture().settings().get("predictions.path")));
        onFx(() -> {
            model.showPredictions(List.of("view"));
            return null;
        });
        var predictions = ((PredictionsView) window.view(Feature.PREDICTIONS)).viewModel();
        assertEquals(List.of("view"), onFx(() -> List.copyOf(predictions.prefix())));
        assertEquals("buy", onFx(() -> predictions.goalProperty().get()));
    }
}
