package org.journeyexplorer.ui.journeys;

import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.domain.EventProperties;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.journeys.JourneysViewModel.PersonRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JourneysViewModelTest {
    private AppModel model;
    private JourneysViewModel vm;
    private FakeBackend backend;

    @BeforeEach
    void setUp() {
        // frame order: alice (sessions 0, 1), bob (session 2), carol (session 3)
        backend = new FakeBackend()
                .add("alice", 0, "open").add("alice", 60, "search").add("alice", 120, "purchase")
                .add("alice", 10_000, "open")
                .add("bob", 500, "open").add("bob", 560, "search")
                .add("carol", 900, "search");
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(backend, runner);
        vm = new JourneysViewModel(model, runner);
        model.openProject(Path.of("/tmp/j.mv.db"));
        model.selectedFeatureProperty().set(Feature.JOURNEYS);
    }

    private PersonRow row(String name) {
        return vm.persons().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void personRowsCountEventsSessionsAndConversion() {
        assertEquals("purchase", model.conversionEventProperty().get()); // guessed from the names
        assertEquals(3, vm.persons().size());
        PersonRow alice = row("alice");
        assertEquals(4, alice.events());
        assertEquals(2, alice.sessions());
        assertEquals(0, alice.firstMicros());
        assertEquals(10_000_000_000L, alice.lastMicros());
        assertEquals(Boolean.TRUE, alice.converted());
        assertEquals(Boolean.FALSE, row("bob").converted());
    }

    @Test
    void selectingAPersonListsSessionsAndTheFirstSessionsEvents() {
        vm.selectedPersonProperty().set(row("alice"));
        assertEquals(2, vm.sessions().size());
        assertEquals(3, vm.sessions().get(0).events());
        assertEquals("open", vm.sessions().get(0).firstEvent());
        assertEquals("purchase", vm.sessions().get(0).lastEvent());
        assertEquals(List.of("open", "search", "purchase"), vm.events().stream().map(e -> e.type()).toList());
        vm.selectedSessionProperty().set(vm.sessions().get(1));
        assertEquals(List.of("open"), vm.events().stream().map(e -> e.type()).toList());
    }

    @Test
    void searchFiltersByNameAndHiddenTypesChangeCounts() {
        vm.searchProperty().set("CAR");
        assertEquals(List.of("carol"), vm.persons().stream().map(PersonRow::name).toList());
        vm.searchProperty().set("");
        model.filtersProperty().set(FilterSettings.NONE.withHidden(Set.of("search")));
        assertEquals(2, vm.persons().size()); // carol only searched
        assertEquals(3, row("alice").events());
    }

    @Test
    void drilldownKeepsOnlyTheDrilledSessions() {
        model.showJourneys(Drilldown.of("Sessions with search", new int[]{0, 2}, model.getFrame()));
        assertTrue(vm.drilldownTextProperty().get().startsWith("Sessions with search"));
        assertEquals(List.of("alice", "bob"), vm.persons().stream().map(PersonRow::name).sorted().toList());
        assertEquals(1, row("alice").sessions());
        assertEquals(3, row("alice").events());
        vm.selectedPersonProperty().set(row("alice"));
        assertEquals(1, vm.sessions().size());
        vm.clearDrilldown();
        assertNull(model.drilldownProperty().get());
        assertEquals(3, vm.persons().size());
    }

    @Test
    void nothingIsComputedWhileTheTabIsHidden() {
        model.selectedFeatureProperty().set(Feature.OVERVIEW);
        model.filtersProperty().set(FilterSettings.NONE.withHidden(Set.of("open", "purchase")));
        assertEquals(3, vm.persons().size()); // stale until shown
        model.selectedFeatureProperty().set(Feature.JOURNEYS);
        assertEquals(3, vm.persons().size());
        assertEquals(1, row("alice").events());
    }

    @Test
    void eventPropertiesArriveAsKeysAndValues() {
        backend = new FakeBackend()
                .add("dana", 0, "view", "{\"page\":\"/pricing\",\"v\":2,\"ok\":true,\"cart\":{\"n\":1}}")
                .add("dana", 30, "click");
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        AppModel m = new AppModel(backend, runner);
        JourneysViewModel v = new JourneysViewModel(m, runner);
        m.openProject(Path.of("/tmp/p.mv.db"));
        m.selectedFeatureProperty().set(Feature.JOURNEYS);
        v.selectedPersonProperty().set(v.persons().get(0));
        var first = v.events().get(0);
        assertEquals(List.of(new EventProperties.Entry("page", "/pricing"), new EventProperties.Entry("v", "2"),
                new EventProperties.Entry("ok", "true"), new EventProperties.Entry("cart", "{\"n\":1}")),
                first.properties());
        assertEquals("page: /pricing · v: 2 · ok: true · cart: {\"n\":1}", first.propertiesText());
        assertEquals(List.of(), v.events().get(1).properties());
    }

    @Test
    void theSearchIsClearedWhenAnotherProjectOpensButKeptWhenTheSameOneReloads() {
        vm.searchProperty().set("ali");
        assertEquals(1, vm.persons().size());
        model.reloadFrame(); // same project, e.g. after an import
        assertEquals("ali", vm.searchProperty().get());
        model.openProject(Path.of("/tmp/other.mv.db"));
        assertEquals("", vm.searchProperty().get());
        assertEquals(3, vm.persons().size());
    }

    /**
     * Events arrive (a stream, an import) after the click: the frame is rebuilt, a new person takes session 0 and
     * bob's session grows. The drill-down still shows alice's first session and bob's, not whatever sessions 0
     * and 2 are now (before: aaron's and alice's second).
     */
    @Test
    void drilldownKeepsItsSessionsWhenTheFrameIsRebuilt() {
        model.showJourneys(Drilldown.of("Sessions with search", new int[]{0, 2}, model.getFrame()));
        backend.add("aaron", 30, "open").add("bob", 600, "purchase");
        model.reloadFrame();
        assertEquals(5, model.getFrame().sessionCount());
        assertEquals(List.of("alice", "bob"), vm.persons().stream().map(PersonRow::name).sorted().toList());
        assertEquals(1, row("alice").sessions());
        assertEquals(3, row("alice").events());
        assertEquals(0, row("alice").firstMicros());
        assertEquals(3, row("bob").events()); // with the event that arrived
        assertTrue(vm.drilldownTextProperty().get().endsWith(" · 2 sessions"), vm.drilldownTextProperty().get());
    }
}
