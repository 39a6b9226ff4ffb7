package org.journeyexplorer.ui.predict;

import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionsViewModelTest {
    private AppModel model;
    private PredictionsViewModel vm;

    @BeforeEach
    void setUp() {
        // 40 persons, one session each: 30 × view → cart → purchase, 10 × view → search (every fourth person).
        FakeBackend b = new FakeBackend();
        for (int i = 0; i < 40; i++) {
            String p = String.format("p%02d", i);
            b.add(p, 0, "view");
            if (i % 4 == 3) {
                b.add(p, 10, "search");
            } else {
                b.add(p, 10, "cart").add(p, 20, "purchase");
            }
        }
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(b, runner);
        vm = new PredictionsViewModel(model, runner);
        model.openProject(Path.of("/tmp/p.mv.db"));
    }

    @Test
    void nothingIsComputedUntilTheTabIsShown() {
        assertNull(vm.trainedProperty().get());
        model.selectedFeatureProperty().set(Feature.PREDICTIONS);
        assertNotNull(vm.trainedProperty().get());
    }

    @Test
    void rankedNextStepsFollowThePrefix() {
        model.selectedFeatureProperty().set(Feature.PREDICTIONS);
        // Every session starts with view.
        assertEquals("view", vm.nextSteps().get(0).name());
        vm.addToPrefix("view");
        List<NextStep> steps = vm.nextSteps();
        assertEquals("cart", steps.get(0).name());
        assertEquals("search", steps.get(1).name());
        assertTrue(steps.get(0).probability() > 0.6 && steps.get(0).probability() < 0.9, steps.toString());
        vm.addToPrefix("cart");
        assertEquals("purchase", vm.nextSteps().get(0).name());
        vm.truncatePrefix(1);
        assertEquals(List.of("view"), vm.prefix());
        assertTrue(vm.prefixInfoProperty().get().contains("context seen 40 times"), vm.prefixInfoProperty().get());
    }

    @Test
    void aPathClickedInTheSankeyBecomesThePrefix() {
        model.showPredictions(List.of("view", "cart"));
        assertEquals(Feature.PREDICTIONS, model.selectedFeatureProperty().get());
        assertEquals(List.of("view", "cart"), vm.prefix());
        // 30 of 30 sessions with view → cart go on to purchase
        assertEquals("purchase", vm.nextSteps().get(0).name());
    }

    @Test
    void evaluationHoldsOutTheLatestFifthOfSessions() {
        model.selectedFeatureProperty().set(Feature.PREDICTIONS);
        org.journeyexplorer.predict.DeployedModel t = vm.trainedProperty().get();
        assertEquals(32, t.evaluation().trainSequences());
        assertEquals(8, t.evaluation().testSequences());
        // Test sessions p32..p39: 6 × (view cart purchase) and 2 × (view search); every step after the first plus
        // leaving is a target: 6 × 3 + 2 × 2 = 22 predictions.
        assertEquals(22, t.evaluation().report().model().predictions());
        assertTrue(vm.statusProperty().get().startsWith("Next step right"), vm.statusProperty().get());
    }

    @Test
    void conversionToTheGoalByHand() {
        vm.goalProperty().set("purchase");
        model.selectedFeatureProperty().set(Feature.PREDICTIONS);
        ConversionAnalysis.Result r = vm.conversionProperty().get();
        assertNotNull(r);
        // START → view; view → cart 30/40, → search 10/40; cart → purchase.
        assertEquals(0.75, r.startConversion(), 1e-12);
        assertEquals(3.0, r.startExpectedSteps(), 1e-12);
        ConversionAnalysis.RemovalEffect cart = r.removalEffects().stream().filter(e -> e.name().equals("cart"))
                .findFirst().orElseThrow();
        assertEquals(1.0, cart.effect(), 1e-12);
        ConversionAnalysis.RemovalEffect search = r.removalEffects().stream()
                .filter(e -> e.name().equals("search")).findFirst().orElseThrow();
        assertEquals(0.0, search.effect(), 1e-12);
        vm.goalProperty().set("search");
        assertEquals(0.25, vm.conversionProperty().get().startConversion(), 1e-12);
    }
}
