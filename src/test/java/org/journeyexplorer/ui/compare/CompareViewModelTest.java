package org.journeyexplorer.ui.compare;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FunnelComparison;
import org.journeyexplorer.analysis.Proportions;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Compare view model on a hand-written log: three iOS persons (view cart buy / view cart / view) against four
 * web persons (view cart buy / view / view / home), the device as an event property.
 */
class CompareViewModelTest {
    private AppModel model;
    private CompareViewModel vm;
    private FakeBackend backend;

    private static final Segment IOS = new Segment("iOS", CountUnit.PERSONS,
            List.of(new SegmentCondition.Property("device", Set.of("ios"), false)));
    private static final Segment WEB = new Segment("Web", CountUnit.PERSONS,
            List.of(new SegmentCondition.Property("device", Set.of("web"), false)));

    private static void person(FakeBackend b, String name, String device, String... events) {
        for (int i = 0; i < events.length; i++) {
            b.add(name, i * 60L, events[i], "{\"device\":\"" + device + "\"}");
        }
    }

    @BeforeEach
    void setUp() {
        backend = new FakeBackend();
        person(backend, "i1", "ios", "view", "cart", "buy");
        person(backend, "i2", "ios", "view", "cart");
        person(backend, "i3", "ios", "view");
        person(backend, "w1", "web", "view", "cart", "buy");
        person(backend, "w2", "web", "view");
        person(backend, "w3", "web", "view");
        person(backend, "w4", "web", "home");
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(backend, runner);
        model.openProject(Path.of("/tmp/compare.mv.db"));
        vm = new CompareViewModel(runner, Debouncer.immediate(), backend::propertyIndex, ZoneOffset.UTC);
        vm.selectionProperty().set(model.getSelection());
    }

    @Test
    void asksForTwoSegmentsFirst() {
        assertEquals("Choose two segments to compare, or define one with Segments ▸ New segment….", vm.messageProperty().get());
        vm.segmentAProperty().set(IOS);
        assertNull(vm.funnelProperty().get());
    }

    @Test
    void segmentsWithoutPropertyConditionsDoNotAskTheStore() {
        // the Did / Did not pair the tab opens on: computed from the frame alone, so it cannot fail while a
        // project is being switched and the store is closed ("no project is open" in the smoke run)
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        List<Throwable> errors = new java.util.ArrayList<>();
        CompareViewModel closed = new CompareViewModel(runner, Debouncer.immediate(), () -> {
            throw new IllegalStateException("no project is open");
        }, ZoneOffset.UTC);
        closed.setOnError(errors::add);
        closed.selectionProperty().set(model.getSelection());
        closed.funnelSteps().setAll("view", "cart");
        closed.segmentAProperty().set(new Segment("Did buy", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("buy", true))));
        closed.segmentBProperty().set(new Segment("Did not buy", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("buy", false))));
        assertEquals(List.of(), errors);
        assertEquals("Did buy · 2 persons · 6 events", closed.summaryAProperty().get());
        assertEquals("Did not buy · 5 persons · 6 events", closed.summaryBProperty().get());
        // a property condition does need the store, and says so
        closed.segmentBProperty().set(IOS);
        assertEquals(1, errors.size());
    }

    @Test
    void funnelPerStepWithIntervalsAndTests() {
        vm.funnelSteps().setAll("view", "cart", "buy");
        vm.segmentAProperty().set(IOS);
        vm.segmentBProperty().set(WEB);
        assertEquals("", vm.messageProperty().get());
        assertEquals("iOS · 3 persons · 6 events", vm.summaryAProperty().get());
        assertEquals("Web · 4 persons · 6 events", vm.summaryBProperty().get());
        FunnelComparison c = vm.funnelProperty().get();
        // step 1 of the segment: iOS 3 of 3, web 3 of 4; then of step 1: cart 2/3 vs 1/3, buy 1/3 vs 1/3
        long[][] expected = {{3, 3, 3, 4}, {2, 3, 1, 3}, {1, 3, 1, 3}};
        for (int k = 0; k < 3; k++) {
            Proportions.Comparison s = c.steps().get(k).comparison();
            assertEquals(List.of(expected[k][0], expected[k][1], expected[k][2], expected[k][3]),
                    List.of(s.a().x(), s.a().n(), s.b().x(), s.b().n()), "step " + (k + 1));
        }
        // Fisher on [[3, 0], [3, 1]]: P(A = 3) = 4/7, P(A = 2) = 3/7, both no more likely than observed → p = 1
        assertEquals(1, c.steps().get(0).comparison().p(), 1e-9);
        assertEquals(-0.25, c.steps().get(0).comparison().difference(), 1e-12);
        assertEquals("p = 1.000 (Fisher)", CompareViewModel.verdict(c.steps().get(0).comparison()));
        assertEquals("−25.0 pp", CompareViewModel.points(c.steps().get(0).comparison().difference()));
        assertTrue(vm.noteProperty().get().contains("two-proportion z-test"), vm.noteProperty().get());
        // a step more: recomputed with the evaluated segments kept
        vm.removeFunnelStep(2);
        assertEquals(2, vm.funnelProperty().get().steps().size());
    }

    @Test
    void overviewMetricsAndTheConversionRate() {
        vm.conversionEventProperty().set("buy");
        vm.modeProperty().set(CompareViewModel.Mode.OVERVIEW);
        vm.segmentAProperty().set(IOS);
        vm.segmentBProperty().set(WEB);
        List<CompareViewModel.MetricRow> rows = vm.overview();
        assertEquals(new CompareViewModel.MetricRow("Persons", "3", "4", "+1", ""), rows.get(0));
        assertEquals(new CompareViewModel.MetricRow("Events", "6", "6", "+0", ""), rows.get(2));
        assertEquals(new CompareViewModel.MetricRow("Events per person", "2.00", "1.50", "−0.50", ""), rows.get(3));
        // 1 of 3 against 1 of 4; Wilson 1/3: centre 0.4269, half 0.3654 → 6.1 – 79.2 %
        CompareViewModel.MetricRow converted = rows.get(5);
        assertEquals("Converted (buy)", converted.metric());
        assertEquals("33.3 % (6.1–79.2 %)", converted.a());
        assertEquals("25.0 % (4.6–69.9 %)", converted.b());
        assertEquals("−8.3 pp", converted.difference());
        assertTrue(converted.significance().startsWith("p = 1.000"), converted.significance());
        assertEquals("Sessions", rows.get(1).metric());
        assertEquals("Sessions per person", rows.get(4).metric());
        // on a case log the journeys are cases (the view binds this to AppModel.journeysNounProperty)
        vm.journeysNounProperty().set("Cases");
        vm.recompute();
        assertEquals("Cases", vm.overview().get(1).metric());
        assertEquals("Cases per person", vm.overview().get(4).metric());
    }

    @Test
    void flowsOfBothSegmentsFromOneStart() {
        vm.modeProperty().set(CompareViewModel.Mode.FLOWS);
        vm.stepsProperty().set(2);
        vm.segmentAProperty().set(IOS);
        vm.segmentBProperty().set(WEB);
        assertEquals("view", vm.startEventProperty().get(), "the most frequent event by default");
        assertEquals(3, vm.flowAProperty().get().startTotal(), 1e-9);
        assertEquals(3, vm.flowBProperty().get().startTotal(), 1e-9);
        // overlapping segments are called out: everyone against web shares the four web persons
        vm.segmentAProperty().set(Segment.everyone("Everyone"));
        assertTrue(vm.noteProperty().get().contains("share 4 persons"), vm.noteProperty().get());
        vm.segmentBProperty().set(new Segment("Nobody", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("refund", true))));
        assertNull(vm.flowBProperty().get(), "a segment without the start event has no chart");
    }

    @Test
    void theDefaultFlowAndFunnelStartWhereEveryCaseBeginsNotAtTheMostFrequentEventThatEndsThem() {
        // shaped like teleclaims (FakeBackend.claimsLog): both segments' flows started at "end", the most frequent
        // type, and showed one step into "end" again
        FakeBackend b = FakeBackend.claimsLog();
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        AppModel m = new AppModel(b, runner);
        m.openProject(Path.of("/tmp/compare-t.mv.db"));
        CompareViewModel c = new CompareViewModel(runner, Debouncer.immediate(), b::propertyIndex, ZoneOffset.UTC);
        c.selectionProperty().set(m.getSelection());
        c.conversionEventProperty().set("initiate payment");
        c.segmentAProperty().set(new Segment("Did pay", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("initiate payment", true))));
        c.segmentBProperty().set(new Segment("Did not pay", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("initiate payment", false))));
        assertEquals("", c.messageProperty().get());
        assertEquals(List.of("incoming", "initiate payment"), c.funnelSteps());
        c.modeProperty().set(CompareViewModel.Mode.FLOWS);
        assertEquals("incoming", c.startEventProperty().get());
        // the payers' flow: both from incoming, on to check
        var nodes = c.flowAProperty().get().nodes();
        assertEquals(List.of("incoming 2.0"), nodes.stream().filter(n -> n.step() == 0)
                .map(n -> n.label() + " " + n.value()).toList());
        assertTrue(nodes.stream().anyMatch(n -> n.step() == 1 && n.label().equals("check") && n.value() == 2),
                nodes.toString());
    }
}
