package org.journeyexplorer.ui.compare;

import javafx.stage.Stage;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.ui.AppModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Compare tab opens on an answer: with a conversion event and no segment of the analyst's own, it compares the
 * persons who did it with those who did not (it opened empty, asking for two segments). The pair is not saved with
 * the project, and the analyst's first own segment is compared with everyone.
 */
@ExtendWith(ApplicationExtension.class)
class CompareSuggestionsFxTest {
    private AppModel model;
    private CompareView view;
    private final List<Throwable> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        String[][] persons = {{"p1", "web", "view cart purchase"}, {"p2", "web", "view cart"}, {"p3", "ios", "view"},
                {"p4", "ios", "view purchase"}, {"p5", "web", "home view cart"}};
        CompareViewFxTest.Shown shown = CompareViewFxTest.show(stage, persons, errors,
                "/tmp/compare-suggestions-fx.mv.db");
        model = shown.model();
        view = shown.view();
    }

    @Test
    void buyersAreComparedWithTheRestUntilTheAnalystDefinesASegment(FxRobot robot) throws Exception {
        CompareViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> vm.flowAProperty().get() != null && vm.flowBProperty().get() != null);
        assertEquals(CompareViewModel.Mode.FLOWS, vm.modeProperty().get(), "their journeys side by side");
        assertEquals("purchase", model.conversionEventProperty().get());
        Segment did = new Segment("Did purchase", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("purchase", true)));
        Segment didNot = new Segment("Did not purchase", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("purchase", false)));
        assertEquals(did, vm.segmentAProperty().get());
        assertEquals(didNot, vm.segmentBProperty().get());
        // p1 (3 events) and p4 (2) bought; p2 (2), p3 (1) and p5 (3) did not
        assertEquals("A  Did purchase · 2 persons · 5 events",
                robot.from(view.getRoot()).lookup("#compare-summary-a").queryLabeled().getText());
        assertEquals("B  Did not purchase · 3 persons · 6 events",
                robot.from(view.getRoot()).lookup("#compare-summary-b").queryLabeled().getText());
        // both start at the most frequent event, view: all 2 buyers and all 3 others
        assertEquals(2.0, vm.flowAProperty().get().nodes().get(0).value());
        assertEquals(3.0, vm.flowBProperty().get().nodes().get(0).value());
        assertEquals("view", vm.flowAProperty().get().nodes().get(0).label());
        assertTrue(model.segments().isEmpty(), "the suggested pair is not saved with the project");

        // the analyst's own segment: compared with everyone, the pair stays offered
        Segment carts = new Segment("Carts", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("cart", true)));
        robot.interact(() -> view.add(carts));
        assertEquals(CompareView.EVERYONE, vm.segmentAProperty().get());
        assertEquals(carts, vm.segmentBProperty().get());
        assertEquals(List.of(carts), model.segments());
        robot.interact(() -> vm.segmentAProperty().set(did));
        assertEquals(did, vm.segmentAProperty().get(), "the suggestions are still among the choices");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void noConversionEventNoSuggestion() {
        assertEquals(List.of(), CompareView.suggestions(null));
        assertEquals(List.of("Did order", "Did not order"),
                CompareView.suggestions("order").stream().map(Segment::name).toList());
    }
}
