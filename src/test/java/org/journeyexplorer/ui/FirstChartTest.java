package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.flows.FlowsViewModel;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class FirstChartTest {

    /** alice: open search | open (2 h later); bob: open buy; carol: search. Sessions: 4. */
    private static Path sixEvents(Path dir, ViewState last) throws Exception {
        Files.createDirectories(dir);
        Path csv = dir.resolve("six.csv");
        Files.writeString(csv, """
                user_id,timestamp,event
                alice,2024-01-01T10:00:00Z,open
                alice,2024-01-01T10:01:00Z,search
                alice,2024-01-01T12:00:00Z,open
                bob,2024-01-02T09:00:00Z,open
                bob,2024-01-02T09:05:00Z,buy
                carol,2024-01-03T08:00:00Z,search
                """);
        Path p = dir.resolve("six");
        try (StoreBackend b = new StoreBackend()) {
            b.open(p, TaskContext.NONE);
            b.importFile(Ingest.inspect(csv, ZoneOffset.UTC), false, new AtomicLong(), TaskContext.NONE);
            if (last != null) {
                b.putUserSetting(ViewNavigator.LAST_VIEW, last.toJson());
            }
        }
        return p;
    }

    /** What the Flows tab's first computation over every event of {@code backend}'s frame shows. */
    private static FlowResult firstFlow(ProjectBackend backend, Map<String, String> controls) {
        EventFrame f = backend.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE); // the frame built ahead
        FlowsViewModel vm = new FlowsViewModel(new CurrentThreadTaskRunner(), Debouncer.immediate());
        vm.applyViewSettings(controls);
        vm.selectionProperty().set(backend.select(f, FilterSettings.NONE, TaskContext.NONE));
        return vm.resultProperty().get();
    }

    @Test
    void theFirstTabIsTheLastViewsElseTheOneAskedForElseTheFirst() {
        ViewState last = new ViewState(Feature.FUNNELS, FilterSettings.NONE, Map.of(), null);
        assertEquals(Feature.FUNNELS, FirstChart.firstTab(last, "flows"), "the last view is applied over -Dje.tab");
        assertEquals(Feature.FLOWS, FirstChart.firstTab(null, " flows "));
        assertEquals(Feature.PROCESS_MAP, FirstChart.firstTab(null, "process-map"));
        assertEquals(Feature.OVERVIEW, FirstChart.firstTab(null, null));
        assertEquals(Feature.OVERVIEW, FirstChart.firstTab(null, "no such tab"));
        assertEquals(new AppModel(new StoreBackend(), new CurrentThreadTaskRunner()).selectedFeatureProperty().get(),
                FirstChart.firstTab(null, null));
    }

    @Test
    void theAppsOpenAheadComputesTheLastViewsFlowWhichTheTabThenShows(@TempDir Path dir) throws Exception {
        Map<String, String> controls = Map.of("flows.start", "open", "flows.steps", "2");
        Path p = sixEvents(dir, new ViewState(Feature.FLOWS, FilterSettings.NONE, controls, null));
        FirstChart.lastComputed = null;
        Backends.openAhead(() -> p);
        try (ProjectBackend b = Backends.create()) {
            b.open(p, TaskContext.NONE); // waits for the open ahead
            FirstChart.windowLaidOut(); // the chart is computed once the window is laid out
            FirstChart.awaitComputed();
            FlowResult ahead = FirstChart.lastComputed;
            assertNotNull(ahead, "computed ahead");
            assertEquals("open", ahead.query().start());
            assertEquals(3, ahead.journeys(), "alice's two sessions and bob's contain open, carol's does not");
            assertSame(ahead, firstFlow(b, controls), "the tab's first computation finds it");
        }
    }

    @Test
    void theOpenAheadReadsTheTabOfTheLastViewForTheWindowToBeBuiltOn(@TempDir Path dir) throws Exception {
        Path funnels = sixEvents(dir.resolve("a"), new ViewState(Feature.FUNNELS, FilterSettings.NONE, Map.of(), null));
        Path none = sixEvents(dir.resolve("b"), null);
        for (Path p : new Path[]{funnels, none}) {
            try (StoreBackend b = new StoreBackend()) {
                b.openAhead(() -> p, FrameOptions.DEFAULT, () -> FirstChart.openedAhead(b), f -> {
                });
                b.open(p, TaskContext.NONE); // waits for the open ahead
                assertEquals(p == funnels ? Feature.FUNNELS : null, FirstChart.aheadTab(b), p.toString());
                try (StoreBackend other = new StoreBackend()) {
                    assertNull(FirstChart.aheadTab(other), "another backend (a test's app in the same JVM) gets no tab");
                }
            }
        }
    }

    @Test
    void whatTheOpenedCallbackThrowsLeavesTheOpenAheadAsItWas(@TempDir Path dir) throws Exception {
        Path p = sixEvents(dir, null);
        java.util.concurrent.atomic.AtomicReference<EventFrame> built = new java.util.concurrent.atomic.AtomicReference<>();
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> p, FrameOptions.DEFAULT, () -> {
                throw new IllegalStateException("broken");
            }, built::set);
            b.open(p, TaskContext.NONE);
            assertNotNull(built.get(), "the frame is still built ahead");
            assertEquals(6, built.get().size);
        }
    }

    @Test
    void nothingIsComputedAheadForAnotherTabOrAFilteredLastView(@TempDir Path dir) throws Exception {
        Path other = sixEvents(dir.resolve("a"), new ViewState(Feature.FUNNELS, FilterSettings.NONE, Map.of(), null));
        Path filtered = sixEvents(dir.resolve("b"), new ViewState(Feature.FLOWS, new FilterSettings(
                LocalDate.of(2024, 1, 2), null, Set.of(), ZoneOffset.UTC), Map.of(), null));
        for (Path p : new Path[]{other, filtered}) {
            FirstChart.lastComputed = null;
            try (StoreBackend b = new StoreBackend()) {
                b.openAhead(() -> p, FrameOptions.DEFAULT, f -> FirstChart.computeAhead(b, f));
                b.open(p, TaskContext.NONE);
                FirstChart.windowLaidOut();
                FirstChart.awaitComputed();
                assertNull(FirstChart.lastComputed, p.toString());
            }
        }
    }
}
