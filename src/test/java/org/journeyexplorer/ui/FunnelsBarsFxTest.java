package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.ui.funnels.FunnelsView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Funnel bars carry their share of step 1, and a right click opens a menu instead of drilling down. */
class FunnelsBarsFxTest extends AppFxTestBase {

    @AfterEach
    void back() throws Exception {
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            return null;
        });
    }

    private static List<String> percents(FunnelsView view) {
        return view.getRoot().lookupAll(".funnel-bar-percent").stream().map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void barsShowTheirShareAndRightClickOpensAMenu() throws Exception {
        FunnelsView view = (FunnelsView) app.window().view(Feature.FUNNELS);
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.FUNNELS);
            view.viewModel().steps().setAll("1", "8", "6"); // helpdesk: open, …, closed
            return null;
        });
        // this funnel's result, drawn (a funnel another test left may still be on screen for a moment)
        waitFor(30, "funnel", () -> view.viewModel().resultProperty().get() != null
                && view.viewModel().resultProperty().get().steps().stream().map(FunnelResult.Step::label).toList()
                .equals(List.of("1", "8", "6"))
                && percents(view).equals(view.viewModel().resultProperty().get().steps().stream()
                .map(s -> Format.percent(s.fromStart())).toList()));
        List<String> shown = onFx(() -> percents(view));
        assertEquals("100.0 %", shown.get(0));

        Node bar = onFx(() -> view.getRoot().lookupAll(".funnel-bar").iterator().next());
        clickOn(bar, MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Feature.FUNNELS, onFx(() -> app.model().selectedFeatureProperty().get()), "no drill-down");
        // the menu itself (headless Monocle sends no context-menu event for a robot's right click)
        javafx.scene.control.ContextMenu menu = onFx(() -> {
            javafx.geometry.Bounds b = bar.localToScreen(bar.getBoundsInLocal());
            javafx.event.Event.fireEvent(bar, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                    false, null));
            return javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                    .map(w -> (javafx.scene.control.ContextMenu) w).findFirst().orElse(null);
        });
        assertTrue(menu != null, "a menu");
        assertEquals(List.of("Show journeys that reached this step", "Show journeys that dropped off after this step"),
                onFx(() -> menu.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList()));
        onFx(() -> {
            menu.hide();
            return null;
        });
    }
}
