package org.journeyexplorer.ui;

import javafx.scene.input.KeyCode;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.ui.processmap.ProcessMapView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Process map in the real window on helpdesk.csv: Ctrl+7 opens it, a path click lands in Journeys. */
class ProcessMapWindowFxTest extends AppFxTestBase {
    private static java.nio.file.Path shared;

    @org.junit.jupiter.api.BeforeAll
    static void helpdeskOnly() throws Exception {
        shared = openFreshHelpdesk("pmwin");
    }

    @org.junit.jupiter.api.AfterAll
    static void backToTheSharedProject() throws Exception {
        reopen(shared);
    }


    @Test
    void ctrlSevenShowsTheHelpdeskProcessAndAPathDrillsIntoJourneys() throws Exception {
        press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitFor(10, "Process map tab", () -> app.model().selectedFeatureProperty().get() == Feature.PROCESS_MAP);
        ProcessMapView view = onFx(() -> (ProcessMapView) app.window().view(Feature.PROCESS_MAP));
        waitFor(60, "map", () -> view.viewModel().dataProperty().get() != null && !view.viewModel().busyProperty()
                .get() && view.canvas().getGeometry() != null);
        ProcessMapData d = onFx(() -> view.viewModel().dataProperty().get());
        // helpdesk has 9 activities and 3,804 cases; persons are its cases
        assertEquals(11, d.nodes().size(), "START, 9 activities, END");
        assertEquals(HELPDESK_CASES, d.nodes().get(0).frequency());
        assertTrue(onFx(() -> view.viewModel().summaryProperty().get()).startsWith("9 of 9 activities"));
        // the busiest path drills into as many sessions as it has cases at most
        int busiest = 0;
        for (int i = 1; i < d.links().size(); i++) {
            if (d.links().get(i).count() > d.links().get(busiest).count()) {
                busiest = i;
            }
        }
        int link = busiest;
        onFx(() -> {
            view.viewModel().drillLink(link);
            return null;
        });
        waitFor(30, "Journeys", () -> app.model().selectedFeatureProperty().get() == Feature.JOURNEYS
                && app.model().drilldownProperty().get() != null);
        int sessions = onFx(() -> app.model().drilldownProperty().get().sessions().length);
        assertTrue(sessions > 0 && sessions <= d.links().get(busiest).count(), "sessions " + sessions);
        onFx(() -> {
            app.model().clearDrilldown();
            return null;
        });
    }
}
