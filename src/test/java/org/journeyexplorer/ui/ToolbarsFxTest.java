package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.ui.flows.FlowsView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** At a 1600 px window no toolbar label or button is cut to "St…" (Flows between two events, Journeys drilled). */
class ToolbarsFxTest extends AppFxTestBase {
    private double width;

    /** Labels and buttons shown narrower than their text needs. */
    private static List<String> cut(Node toolbar) {
        List<String> out = new ArrayList<>();
        collect(toolbar, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible() || !n.isManaged()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                && l.getWidth() + 0.5 < l.prefWidth(-1)) {
            out.add(l.getText() + " (" + Math.round(l.getWidth()) + " of " + Math.round(l.prefWidth(-1)) + " px)");
        }
        if (n instanceof Parent p && !(n instanceof Labeled)) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private void at1600() throws Exception {
        width = onFx(() -> app.window().stage().getWidth());
        onFx(() -> {
            app.window().stage().setWidth(1600);
            return null;
        });
    }

    @AfterEach
    void restore() throws Exception {
        onFx(() -> {
            app.window().stage().setWidth(width);
            var vm = ((FlowsView) app.window().view(Feature.FLOWS)).viewModel();
            vm.directionProperty().set(FlowQuery.Direction.FORWARD);
            vm.hiddenEvents().clear();
            app.model().clearDrilldown();
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            return null;
        });
    }

    @Test
    void flowsBetweenTwoEventsKeepsEveryLabelWhole() throws Exception {
        at1600();
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            var vm = ((FlowsView) app.window().view(Feature.FLOWS)).viewModel();
            vm.directionProperty().set(FlowQuery.Direction.BETWEEN);
            vm.hiddenEvents().addAll(List.of("9", "3")); // chips of events hidden in the chart take room too
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node bar = onFx(() -> app.window().view(Feature.FLOWS).getRoot().lookup(".chart-toolbar"));
        List<String> cut = onFx(() -> cut(bar));
        cut.removeIf(s -> s.startsWith("9 ") || s.startsWith("3 ")); // the hidden-event chips may give way
        assertEquals(List.of(), cut);
        assertFalse(onFx(() -> bar.lookupAll(".label").isEmpty()));
    }

    @Test
    void journeysAfterADrillDownKeepsItsTitleAndLabelsWhole() throws Exception {
        at1600();
        onFx(() -> {
            app.model().showJourneys(Drilldown.of("Reached step 3 (Resolve ticket after the second-line"
                    + " escalation and the customer's confirmation)", new int[]{0, 1, 2}, app.model().getFrame()));
            return null;
        });
        waitFor(20, "journeys shown", () -> app.model().selectedFeatureProperty().get() == Feature.JOURNEYS);
        WaitForAsyncUtils.waitForFxEvents();
        Node bar = onFx(() -> app.window().view(Feature.JOURNEYS).getRoot().lookup(".view-toolbar"));
        List<String> cut = onFx(() -> cut(bar));
        // only the drill-down chip may give way (its tooltip has the whole text)
        cut.removeIf(s -> s.startsWith("Reached step 3"));
        assertEquals(List.of(), cut);
    }
}
