package org.journeyexplorer.ui.flows;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.TinyFrames;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.concurrent.HeldTaskRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowsViewModelTest {

    // Sessions: s0 home search buy | s1 home search | s2 home about | s3 search buy (person 3)
    private final Selection sel = Selection.all(TinyFrames.of("home search buy", "home search", "home about",
            "search buy"));
    private final CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
    private final FlowsViewModel vm = new FlowsViewModel(runner, Debouncer.immediate());

    private static SankeyData.Node node(SankeyData d, int step, String label) {
        return d.nodes().stream().filter(n -> n.step() == step && n.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void defaultsToTheJourneyStartAndListsEventsByFrequency() {
        vm.selectionProperty().set(sel);
        assertEquals(FlowQuery.JOURNEY_START, vm.startEventProperty().get(), "every session, from its first event");
        assertEquals("buy", vm.endEventProperty().get(), "2 sessions end with buy, 1 search, 1 about");
        assertEquals(List.of("home", "search", "buy", "about"), vm.events());
        assertEquals(List.of(FlowQuery.JOURNEY_START, "home", "search", "buy", "about"), vm.anchors());
        SankeyData d = vm.chartDataProperty().get();
        assertEquals(4, d.startTotal());
        assertTrue(d.nodes().get(0).isJourneyStart());
        assertEquals(3, node(d, 1, "home").value(), "3 of 4 sessions begin with home");
        assertEquals(1, node(d, 1, "search").value());
        assertEquals(2, node(d, 2, "search").value());
        assertEquals(1, node(d, 2, "about").dropOff());
        assertTrue(vm.title().startsWith("Flows starting at the journey start · 5 steps"), vm.title());
    }

    @Test
    void aFlowComputedAheadIsWhatTheTabsFirstComputationUnderTheSameControlsShows() {
        org.journeyexplorer.analysis.EventFrame f = TinyFrames.of("home search buy", "home search", "home about",
                "search buy");
        // a last view: 2 steps from search, counted in persons
        java.util.Map<String, String> last = java.util.Map.of("flows.start", "search", "flows.steps", "2",
                "flows.unit", "PERSONS");
        org.journeyexplorer.analysis.FlowResult ahead = FlowsViewModel.computeAhead(Selection.all(f), last);
        assertEquals("search", ahead.query().start());
        assertEquals(2, ahead.query().steps());
        assertEquals(3, ahead.journeys(), "the persons with a search: 0, 1 and 3");
        vm.applyViewSettings(last);
        vm.selectionProperty().set(Selection.all(f)); // the app's own selection: another object, the same frame
        org.junit.jupiter.api.Assertions.assertSame(ahead, vm.resultProperty().get(), "computed once");
        // what the tab computes without it
        FlowsViewModel plain = new FlowsViewModel(new CurrentThreadTaskRunner(), Debouncer.immediate());
        plain.applyViewSettings(last);
        plain.selectionProperty().set(Selection.all(TinyFrames.of("home search buy", "home search", "home about",
                "search buy")));
        assertEquals(plain.resultProperty().get(), ahead);
        assertEquals(plain.chartDataProperty().get(), vm.chartDataProperty().get());
        assertEquals("buy", vm.endEventProperty().get(), "defaults filled in as without");
        assertEquals(List.of("home", "search", "buy", "about"), vm.events());
    }

    /**
     * On a large frame (every frame here) a flow's counts are shown first and its medians follow in a second task; a
     * new selection meanwhile supersedes it: the old flow's medians, arriving after, are not shown.
     */
    @Test
    void theMediansOfASupersededFlowAreNotShown() {
        int saved = FlowsViewModel.countsFirstEvents;
        FlowsViewModel.countsFirstEvents = 0;
        try {
            HeldTaskRunner held = new HeldTaskRunner("Timing flows"::equals);
            FlowsViewModel m = new FlowsViewModel(held, Debouncer.immediate());
            m.selectionProperty().set(sel);
            assertTrue(m.resultProperty().get().mediansPending());
            assertTrue(m.chartDataProperty().get().links().stream().anyMatch(l -> l.medianMicros() == -1),
                    "not known yet");
            assertTrue(m.busyProperty().get());
            m.selectionProperty().set(Selection.all(TinyFrames.of("home search", "home search")));
            assertEquals(List.of("Timing flows", "Timing flows"), held.heldTitles());
            List<org.journeyexplorer.analysis.FlowResult> shown = new ArrayList<>();
            m.resultProperty().addListener((o, a, b) -> shown.add(b));
            held.release(); // the old flow's medians first, then the new one's
            assertEquals(1, shown.size(), "only the new flow's medians: " + shown);
            org.journeyexplorer.analysis.FlowResult r = m.resultProperty().get();
            assertFalse(r.mediansPending());
            assertFalse(m.busyProperty().get());
            assertEquals(2, r.journeys());
            assertEquals(org.journeyexplorer.analysis.Flows.compute(Selection.all(TinyFrames.of("home search",
                    "home search")), r.query()), r, "as computed in one go");
            assertEquals(10_000_000L, r.links().get(r.links().size() - 1).medianMicros(), "home → search, 10 s");
        } finally {
            FlowsViewModel.countsFirstEvents = saved;
        }
    }

    @Test
    void aNewSelectionWithTheSameEventsInTheSameOrderLeavesThePickersListsAlone() {
        vm.selectionProperty().set(sel);
        int[] changes = {0};
        vm.events().addListener((javafx.collections.ListChangeListener<String>) c -> changes[0]++);
        vm.anchors().addListener((javafx.collections.ListChangeListener<String>) c -> changes[0]++);
        // another selection (a filter set): home 4, search 3, buy 2, about 1, the same order as before
        vm.selectionProperty().set(Selection.all(TinyFrames.of("home search buy", "home search", "home about",
                "search buy", "home")));
        assertEquals(0, changes[0], "replacing equal lists restyled the pickers' cells for nothing");
        assertEquals(5, vm.chartDataProperty().get().startTotal(), "the flow is the new selection's");
        // about now more frequent than buy: the lists follow
        vm.selectionProperty().set(Selection.all(TinyFrames.of("home about", "about search", "about", "buy")));
        assertEquals(List.of("about", "buy", "home", "search"), vm.events());
        assertEquals(List.of(FlowQuery.JOURNEY_START, "about", "buy", "home", "search"), vm.anchors());
        assertEquals(2, changes[0]);
    }

    @Test
    void anEventChosenAsStartStaysUntilItIsGone() {
        vm.startEventProperty().set("home");
        vm.selectionProperty().set(sel);
        assertEquals("home", vm.startEventProperty().get());
        assertEquals(3, vm.chartDataProperty().get().startTotal(), "3 sessions contain home");
        vm.hide("home");
        assertEquals(FlowQuery.JOURNEY_START, vm.startEventProperty().get(), "a hidden start falls back");
    }

    @Test
    void changingStepsAnchorAndUnitRecomputes() {
        vm.selectionProperty().set(sel);
        vm.stepsProperty().set(1);
        assertEquals(2, vm.chartDataProperty().get().nodes().stream().mapToInt(SankeyData.Node::step).max()
                .orElseThrow() + 1);
        vm.startAt("search");
        SankeyData d = vm.chartDataProperty().get();
        assertEquals(3, d.startTotal(), "three sessions contain search");
        assertEquals(2, node(d, 1, "buy").value());
        vm.endAt("buy");
        assertEquals(FlowQuery.Direction.BACKWARD, vm.directionProperty().get());
        assertTrue(vm.chartDataProperty().get().anchoredAtEnd());
        vm.unitProperty().set(CountUnit.PERSONS);
        assertEquals(2, vm.chartDataProperty().get().startTotal(), "two persons reach buy");
    }

    @Test
    void hidingAnEventRemovesItFromSequences() {
        vm.selectionProperty().set(sel);
        vm.hide("search");
        SankeyData d = vm.chartDataProperty().get();
        // home buy (s0), home (s1), home about (s2)
        assertEquals(1, node(d, 1, "buy").value());
        assertTrue(d.nodes().stream().noneMatch(n -> n.label().equals("search")));
        assertTrue(vm.title().contains("hidden: search"));
    }

    @Test
    void collapsingRepeatsMergesBackToBackEvents() {
        FlowsViewModel m = new FlowsViewModel(runner, Debouncer.immediate());
        m.selectionProperty().set(Selection.all(TinyFrames.of("home search search buy", "home search buy")));
        assertEquals(1, node(m.chartDataProperty().get(), 3, "search").value(), "search search before collapsing");
        m.collapseRepeatsProperty().set(true);
        SankeyData d = m.chartDataProperty().get();
        assertEquals(2, node(d, 3, "buy").value(), "both go home → search → buy");
        assertTrue(m.title().contains("repeats collapsed"));
    }

    @Test
    void anchorThatNoJourneyHasShowsAMessage() {
        vm.selectionProperty().set(sel);
        vm.directionProperty().set(FlowQuery.Direction.BETWEEN);
        vm.startEventProperty().set("buy");
        vm.endEventProperty().set("home");
        assertNull(vm.chartDataProperty().get());
        assertEquals("No session has “home” after “buy”.", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void drilldownReturnsTheSessionsThroughANode() {
        List<Drilldown> got = new ArrayList<>();
        vm.setOnDrilldown(got::add);
        vm.selectionProperty().set(sel);
        SankeyData d = vm.chartDataProperty().get();
        vm.drillNode(d.nodes().indexOf(node(d, 2, "search")));
        assertEquals(1, got.size());
        assertArrayEquals(new int[]{0, 1}, got.get(0).sessions());
    }

    /** Holds the debounced action until the test lets it run, as the FX debouncer holds it for 120 ms. */
    private static final class HeldDebouncer implements Debouncer {
        Runnable pending;

        @Override
        public void request(Runnable action) {
            pending = action;
        }

        void fire() {
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void aNewSelectionIsComputedAtOnceWhileControlChangesWaitForTheDebounce() {
        HeldDebouncer held = new HeldDebouncer();
        FlowsViewModel m = new FlowsViewModel(runner, held);
        m.selectionProperty().set(sel);
        assertEquals(4, m.chartDataProperty().get().startTotal(), "a live refresh's selection is drawn without waiting");
        assertNull(held.pending, "nothing left to debounce");
        // read back as the view's controls do (a property set unread fires no second invalidation)
        assertEquals(FlowQuery.JOURNEY_START, m.startEventProperty().get());

        m.startEventProperty().set("search");
        assertEquals(4, m.chartDataProperty().get().startTotal(), "a control change waits for the debounce");
        held.fire();
        assertEquals(3, m.chartDataProperty().get().startTotal(), "3 sessions contain search");
        assertEquals("search", m.startEventProperty().get());

        // a control change, then a new selection before the debounce ends: one computation sees both
        m.startEventProperty().set("home");
        Selection fewer = Selection.all(TinyFrames.of("home search buy", "search buy"));
        m.selectionProperty().set(fewer);
        assertEquals(1, m.chartDataProperty().get().startTotal(), "1 of the 2 sessions contains home");
        var computed = m.resultProperty().get();
        held.fire();
        assertTrue(computed == m.resultProperty().get(), "the debounced request saw nothing new: not computed again");
    }

    /** Runs each job only when the test lets it finish, as a background task finishes some time later. */
    @Test
    void aControlSetWhileTheSelectionIsComputedIsNotOverwrittenByThatComputationsDefaults() {
        // a project opening: its selection is computed at once, and its saved view sets the start meanwhile
        HeldTaskRunner jobs = new HeldTaskRunner();
        HeldDebouncer held = new HeldDebouncer();
        FlowsViewModel m = new FlowsViewModel(jobs, held);
        m.selectionProperty().set(sel);
        m.startEventProperty().set("search");
        jobs.release(); // the selection's computation, begun before the start was set, ends
        assertEquals("search", m.startEventProperty().get(), "the restored start stays");
        held.fire();
        jobs.release();
        assertEquals("search", m.startEventProperty().get());
        assertEquals(3, m.chartDataProperty().get().startTotal(), "3 sessions contain search");
        assertFalse(m.busyProperty().get());
    }
}
