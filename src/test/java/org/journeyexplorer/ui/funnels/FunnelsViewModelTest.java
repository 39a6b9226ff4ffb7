package org.journeyexplorer.ui.funnels;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.concurrent.HeldTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunnelsViewModelTest {
    private AppModel model;
    private FunnelsViewModel vm;

    @BeforeEach
    void setUp() {
        // 4 persons; view_item → add_to_cart → purchase reached by 4, 3, 1 persons
        FakeBackend b = new FakeBackend();
        for (String p : List.of("a", "b", "c", "d")) {
            b.add(p, 0, "view_item").add(p, 5, "view_item");
        }
        b.add("a", 10, "add_to_cart").add("a", 20, "purchase");
        b.add("b", 10, "add_to_cart").add("b", 15, "search");
        b.add("c", 10, "add_to_cart");
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(b, runner);
        vm = new FunnelsViewModel(model, runner);
        model.openProject(Path.of("/tmp/f.mv.db"));
        model.selectedFeatureProperty().set(Feature.FUNNELS);
    }

    @Test
    void defaultStepsGoFromTheMostFrequentEventToTheConversion() {
        assertEquals(List.of("view_item", "add_to_cart", "purchase"), vm.steps());
    }

    @Test
    void theFunnelCountsPersonsPerStep() {
        vm.unitProperty().set(CountUnit.PERSONS);
        vm.windowProperty().set(FunnelsViewModel.Window.NONE);
        FunnelResult r = vm.resultProperty().get();
        assertNotNull(r);
        assertEquals(List.of(4, 3, 1), r.steps().stream().map(FunnelResult.Step::count).toList());
        assertTrue(vm.headlineProperty().get().startsWith("1 of 4 persons converted (25.0 %)"),
                vm.headlineProperty().get());
        // a converted from view_item at 0 s to purchase at 20 s, said in the one duration format (as the CLI does)
        assertTrue(vm.headlineProperty().get().endsWith("median time to convert 20 s"), vm.headlineProperty().get());
        vm.removeStep(2);
        assertEquals(List.of(4, 3), vm.resultProperty().get().steps().stream().map(FunnelResult.Step::count).toList());
    }

    @Test
    void drillingDownOpensJourneysWithTheDroppedSessions() {
        vm.windowProperty().set(FunnelsViewModel.Window.NONE);
        vm.drillDown(1, org.journeyexplorer.analysis.Funnels.Outcome.DROPPED);
        assertEquals(Feature.JOURNEYS, model.selectedFeatureProperty().get());
        // b and c reached add_to_cart but not purchase: one session each
        assertEquals(2, model.drilldownProperty().get().sessions().length);
        assertTrue(model.drilldownProperty().get().description().contains("add_to_cart"));
    }

    @Test
    void addStepProposesWhatCompletingJourneysDoNext() {
        // sessions: home → search → cart → pay (p, q), home → search → help (r), home → about (s), home → search (t)
        FakeBackend b = new FakeBackend();
        for (String p : List.of("p", "q")) {
            b.add(p, 0, "home").add(p, 10, "search").add(p, 20, "cart").add(p, 30, "pay");
        }
        b.add("r", 0, "home").add("r", 10, "search").add("r", 20, "help");
        b.add("s", 0, "home").add("s", 10, "about");
        b.add("t", 0, "home").add("t", 10, "search");
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        AppModel m = new AppModel(b, runner);
        FunnelsViewModel f = new FunnelsViewModel(m, runner);
        m.openProject(Path.of("/tmp/g.mv.db"));
        m.selectedFeatureProperty().set(Feature.FUNNELS);
        f.windowProperty().set(FunnelsViewModel.Window.NONE);
        f.steps().setAll("home");
        f.addStep(); // after home: search 4, about 1 (alphabetically first, so order is not by name)
        assertEquals(List.of("home", "search"), f.steps());
        f.addStep(); // after home → search: cart 2, help 1 (t stops)
        assertEquals(List.of("home", "search", "cart"), f.steps());
        f.addStep();
        assertEquals(List.of("home", "search", "cart", "pay"), f.steps());
        f.addStep(); // nobody goes on after pay: the first event (by name) not yet a step
        assertEquals(List.of("home", "search", "cart", "pay", "about"), f.steps());
    }

    @Test
    void theDefaultFunnelStartsWhereEveryCaseBeginsNotAtTheMostFrequentEventThatEndsThem() {
        // every case reaches "incoming" and "end", the most frequent type; "incoming" begins them. A funnel from
        // "end" converted nobody (0 of 3,512 on teleclaims)
        FakeBackend b = FakeBackend.claimsLog();
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        AppModel m = new AppModel(b, runner);
        FunnelsViewModel f = new FunnelsViewModel(m, runner);
        m.openProject(Path.of("/tmp/t.mv.db"));
        m.selectedFeatureProperty().set(Feature.FUNNELS);
        assertEquals("initiate payment", m.conversionEventProperty().get(), "guessed, as on teleclaims");
        assertEquals(List.of("incoming", "initiate payment"), f.steps());
        f.windowProperty().set(FunnelsViewModel.Window.NONE);
        assertEquals(List.of(3, 2), f.resultProperty().get().steps().stream().map(FunnelResult.Step::count).toList());
        // without a conversion event: that first event, then the most frequent others
        assertEquals(List.of("incoming", "end", "check"),
                FunnelsViewModel.defaultSteps(m.frameProperty().get(), null));
    }

    @Test
    void theDefaultStepsAreChosenInTheBackgroundAndStepsSetMeanwhileStay() {
        // choosing them is a pass over every event (50-90 ms at 5 M): it ran on the FX thread when a project opened
        FakeBackend b = FakeBackend.claimsLog();
        HeldTaskRunner runner = new HeldTaskRunner(t -> t.startsWith("Choosing"));
        AppModel m = new AppModel(b, runner);
        FunnelsViewModel f = new FunnelsViewModel(m, runner);
        m.selectedFeatureProperty().set(Feature.FUNNELS);
        m.openProject(Path.of("/tmp/t.mv.db"));
        assertEquals(List.of("Choosing the funnel's first steps"), runner.heldTitles());
        assertEquals(List.of(), f.steps());
        assertEquals("Choosing the first steps…", f.headlineProperty().get());
        assertNull(f.resultProperty().get());
        runner.release();
        assertEquals(List.of("incoming", "initiate payment"), f.steps());
        assertEquals(List.of(3, 2), f.resultProperty().get().steps().stream().map(FunnelResult.Step::count).toList());

        // a project whose saved view sets the steps while the defaults are being chosen: the saved steps stay
        AppModel m2 = new AppModel(FakeBackend.claimsLog(), runner);
        FunnelsViewModel f2 = new FunnelsViewModel(m2, runner);
        m2.selectedFeatureProperty().set(Feature.FUNNELS);
        m2.openProject(Path.of("/tmp/u.mv.db"));
        assertEquals(List.of("Choosing the funnel's first steps"), runner.heldTitles());
        f2.steps().setAll("check", "end");
        runner.release();
        assertEquals(List.of("check", "end"), f2.steps());
        assertEquals(List.of(3, 3), f2.resultProperty().get().steps().stream().map(FunnelResult.Step::count).toList());
    }

    @Test
    void aFailedOrCancelledChoiceOfTheDefaultStepsAsksForStepsInsteadOfWaiting() {
        // the headline said "Choosing the first steps…" for good when that job failed or was cancelled
        for (Throwable failure : List.of(new IllegalStateException("disk gone"), new CancelledException())) {
            HeldTaskRunner runner = new HeldTaskRunner(t -> t.startsWith("Choosing"));
            AppModel m = new AppModel(FakeBackend.claimsLog(), runner);
            List<Throwable> shown = new java.util.ArrayList<>();
            m.setErrorHandler(shown::add);
            FunnelsViewModel f = new FunnelsViewModel(m, runner);
            m.selectedFeatureProperty().set(Feature.FUNNELS);
            m.openProject(Path.of("/tmp/t.mv.db"));
            assertEquals("Choosing the first steps…", f.headlineProperty().get());
            runner.fail(failure);
            assertEquals("Add a step to build a funnel.", f.headlineProperty().get(), failure.toString());
            assertEquals(failure instanceof CancelledException ? List.of() : List.of(failure), shown);
            f.steps().setAll("check", "end"); // the user's steps still make a funnel
            assertEquals(List.of(3, 3), f.resultProperty().get().steps().stream().map(FunnelResult.Step::count)
                    .toList());
        }
    }

    @Test
    void aStepNobodyReachedHasNoMedianGap() {
        vm.windowProperty().set(FunnelsViewModel.Window.NONE);
        vm.steps().setAll("view_item", "purchase", "search");
        List<FunnelResult.Step> s = vm.resultProperty().get().steps();
        assertEquals(List.of(4, 1, 0), s.stream().map(FunnelResult.Step::count).toList());
        // the first step has no gap, the second a's, the one nobody reached none (its median of none read "0 ms")
        assertEquals(List.of(false, true, false), s.stream().map(FunnelResult.Step::hasGap).toList());
    }

    @Test
    void theDefaultFunnelStartsAtTheEventMostJourneysReachNotTheOneMostBeginWith() {
        // shaped like the demo: app users begin with app_open (3 of 5 sessions), but view_item is in all 5; the
        // funnel from app_open would leave out the web sessions
        FakeBackend b = new FakeBackend();
        for (String p : List.of("a1", "a2", "a3")) {
            b.add(p, 0, "app_open").add(p, 10, "view_item");
        }
        for (String p : List.of("w1", "w2")) {
            b.add(p, 0, "view_item").add(p, 10, "view_item").add(p, 20, "purchase");
        }
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        AppModel m = new AppModel(b, runner);
        FunnelsViewModel f = new FunnelsViewModel(m, runner);
        m.openProject(Path.of("/tmp/d.mv.db"));
        m.selectedFeatureProperty().set(Feature.FUNNELS);
        assertEquals(List.of("view_item", "purchase"), f.steps());
    }
}
