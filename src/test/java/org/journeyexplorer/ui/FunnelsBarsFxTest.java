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

    private static String read(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
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
        // the drop-off since the previous step is shaded above steps 2 and 3, as tall as the units lost
        FunnelResult r = onFx(() -> view.viewModel().resultProperty().get());
        List<javafx.scene.layout.Region> bars = onFx(() -> view.getRoot().lookupAll(".funnel-bar").stream()
                .map(n -> (javafx.scene.layout.Region) n).toList());
        List<javafx.scene.layout.Region> drops = onFx(() -> view.getRoot().lookupAll(".funnel-dropped").stream()
                .map(n -> (javafx.scene.layout.Region) n).toList());
        assertEquals(3, drops.size());
        double perUnit = onFx(() -> bars.get(0).getHeight()) / r.steps().get(0).count();
        for (int i = 1; i < 3; i++) {
            int lost = r.steps().get(i - 1).count() - r.steps().get(i).count();
            int at = i;
            assertEquals(lost * perUnit, onFx(() -> drops.get(at).getHeight()), 1.0, "shading of step " + (i + 1));
            assertEquals(onFx(() -> bars.get(at - 1).getLayoutY()), onFx(() -> drops.get(at).getLayoutY()), 0.5);
        }
        // File ▸ Export ▸ Funnel chart as SVG writes the bars as drawn
        java.nio.file.Path svg = tempDir.resolve("funnel.svg");
        onFx(() -> {
            view.exportSvg(svg);
            return null;
        });
        waitFor(20, "svg written", () -> java.nio.file.Files.exists(svg) && read(svg).endsWith("</svg>\n"));
        String text = read(svg);
        assertEquals(3, text.split("<rect class=\"bar\"", -1).length - 1);
        assertTrue(text.contains(">" + Format.percent(r.steps().get(2).fromStart()) + "</text>"), text);

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
