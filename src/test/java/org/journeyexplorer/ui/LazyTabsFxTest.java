package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's start-up: a tab's view joins the window only when the tab is first shown, and settings applied to a
 * tab not yet shown (a saved view, the last view of a project) are what it shows once it is.
 */
@ExtendWith(ApplicationExtension.class)
class LazyTabsFxTest {
    private static final String PREFS = "org/journeyexplorer/test-lazy-tabs-" + ProcessHandle.current().pid();
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private MainWindow window;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        AppModel model = new AppModel(new FakeBackend(), runner);
        window = new MainWindow(stage, model, runner, new AppPreferences(Preferences.userRoot().node(PREFS)),
                new NoFileDialogs());
        Scene scene = new Scene(new javafx.scene.layout.Pane(), 1200, 800);
        window.showIn(scene); // with the app's theme, whose colours the views' style sheets look up
        stage.setScene(scene);
        stage.show();
        tabs = (TabPane) window.tabsNode();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(runner::close).get(); // on the FX thread, where its task list changes
        Preferences.userRoot().node(PREFS).removeNode();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private Node content(Feature f) throws Exception {
        return onFx(() -> tabs.getTabs().get(f.ordinal()).getContent());
    }

    @Test
    void onlyTheShownTabIsBuiltAndSettingsAppliedBeforeAreShownOnceItIs() throws Exception {
        Feature first = onFx(() -> window.navigator().capture().feature());
        assertNotNull(content(first));
        for (Feature f : Feature.values()) {
            if (f != first) {
                assertNull(content(f), f + " built before it was shown");
            }
        }

        // a saved view of another tab, applied while the transitions, flows and process map tabs were never shown
        Map<String, String> settings = Map.of("flows.steps", "3", "transitions.mode", "COUNT",
                "processmap.annotation", "MEDIAN_TIME", "compare.mode", "FLOWS", "compare.unit", "SESSIONS");
        onFx(() -> {
            window.navigator().apply(new ViewState(first, FilterSettings.NONE, settings, null));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // kept while unseen: closing the project now would store them as its last view
        Map<String, String> captured = onFx(() -> window.navigator().capture().settings());
        settings.forEach((k, v) -> assertEquals(v, captured.get(k), k));
        assertNull(content(Feature.TRANSITIONS));

        select(Feature.TRANSITIONS);
        assertTrue(selected(Feature.TRANSITIONS, "Counts"), "the heatmap's Counts toggle shows the applied mode");
        select(Feature.FLOWS);
        assertEquals(3, onFx(() -> ((Spinner<?>) content(Feature.FLOWS).lookup("#flows-steps")).getValue()));
        select(Feature.PROCESS_MAP);
        assertTrue(selected(Feature.PROCESS_MAP, "Median time"));
        select(Feature.COMPARE);
        assertTrue(selected(Feature.COMPARE, "Flows"));
        assertTrue(selected(Feature.COMPARE, "Sessions"));

        // and a tab shown later still follows what changes it
        onFx(() -> {
            window.navigator().apply(new ViewState(Feature.COMPARE, FilterSettings.NONE,
                    Map.of("transitions.mode", "PROBABILITY", "compare.unit", "PERSONS"), null));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(selected(Feature.TRANSITIONS, "Share of row"));
        assertTrue(selected(Feature.COMPARE, "Persons"));

        // tests asking for a view, from their own thread, get it in the window, built (on the FX thread)
        assertNull(content(Feature.FUNNELS));
        window.view(Feature.FUNNELS);
        assertNotNull(content(Feature.FUNNELS));
        assertNotNull(onFx(() -> content(Feature.FUNNELS).lookup("#funnel-table")));
    }

    private void select(Feature f) throws Exception {
        onFx(() -> {
            tabs.getSelectionModel().select(f.ordinal());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Tab tab = onFx(() -> tabs.getSelectionModel().getSelectedItem());
        assertNotNull(onFx(tab::getContent), f + " built when shown");
    }

    private boolean selected(Feature f, String toggle) throws Exception {
        return onFx(() -> {
            // a SegmentedButton's toggles are its skin's children, and the skin is made by the tab's first CSS
            // pass: on a loaded machine no pulse may have come yet since the tab was selected
            content(f).applyCss();
            List<ToggleButton> found = content(f).lookupAll(".toggle-button").stream()
                    .filter(n -> n instanceof ToggleButton t && toggle.equals(t.getText()))
                    .map(n -> (ToggleButton) n).toList();
            assertEquals(1, found.size(), f + ": one toggle " + toggle);
            return found.get(0).isSelected();
        });
    }
}
