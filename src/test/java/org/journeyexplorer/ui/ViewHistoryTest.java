package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;
import org.journeyexplorer.analysis.FilterSettings;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back/forward as in a browser, and the view text saved in a project. */
class ViewHistoryTest {

    private static ViewState flows(String start, int steps) {
        return new ViewState(Feature.FLOWS, FilterSettings.NONE,
                Map.of("flows.start", start, "flows.steps", Integer.toString(steps)), null);
    }

    @Test
    void backAndForwardRetraceTheStepsAndANewStepDropsTheForwardOnes() {
        ViewHistory h = new ViewHistory();
        ViewState a = flows("home", 5);
        ViewState b = flows("home", 3);
        ViewState c = new ViewState(Feature.FUNNELS, FilterSettings.NONE, b.settings(), null);
        h.reset(a);
        assertFalse(h.canGoBackProperty().get());
        h.record(b);
        h.record(b); // no change, no step
        h.record(c);
        assertTrue(h.canGoBackProperty().get());
        assertEquals(Optional.of(b), h.goBack());
        assertEquals(Optional.of(a), h.goBack());
        assertEquals(Optional.empty(), h.goBack());
        assertTrue(h.canGoForwardProperty().get());
        assertEquals(Optional.of(b), h.goForward());
        ViewState d = flows("search", 3);
        h.record(d); // a new step after going back: c is gone
        assertFalse(h.canGoForwardProperty().get());
        assertEquals(Optional.empty(), h.goForward());
        assertEquals(Optional.of(b), h.goBack());
        assertEquals(Optional.of(a), h.goBack());
    }

    @Test
    void aTabFillingInItsDefaultsIsNotAStep() {
        ViewHistory h = new ViewHistory();
        ViewState bare = new ViewState(Feature.FLOWS, FilterSettings.NONE, Map.of("flows.steps", "5"), null);
        h.reset(bare);
        ViewState filled = flows("home", 5);
        assertTrue(filled.onlyFillsIn(bare));
        h.record(filled);
        assertFalse(h.canGoBackProperty().get());
        assertEquals(filled, h.current());
        // changing a value that was set is a step
        h.record(flows("cart", 5));
        assertEquals(Optional.of(filled), h.goBack());
    }

    @Test
    void historyKeepsTheLastHundredSteps() {
        ViewHistory h = new ViewHistory();
        h.reset(flows("s", 1));
        for (int i = 2; i <= 150; i++) {
            h.record(flows("s", i));
        }
        int back = 0;
        while (h.goBack().isPresent()) {
            back++;
        }
        assertEquals(ViewHistory.LIMIT, back);
        assertEquals(flows("s", 50), h.current());
    }

    @Test
    void aViewSurvivesItsJsonTextAndBadTextIsNoView() {
        FilterSettings f = new FilterSettings(LocalDate.of(2024, 3, 1), null, Set.of("b", "a"),
                ZoneId.systemDefault(), "plan", "pro");
        ViewState v = new ViewState(Feature.OVERVIEW, f, Map.of("overview.unit", "PERSONS", "flows.hidden", "x\ny"),
                "[{\"name\":\"s\"}]");
        assertEquals(v, ViewState.fromJson(v.toJson()));
        var named = java.util.List.of(new ViewState.Named("Mine", v), new ViewState.Named("Other", flows("a", 2)));
        assertEquals(named, ViewState.readNamed(ViewState.writeNamed(named)));
        assertNull(ViewState.fromJson("{\"tab\":\"NO_SUCH_TAB\"}"));
        assertNull(ViewState.fromJson("not json"));
        assertEquals(java.util.List.of(), ViewState.readNamed("[1"));
        assertEquals(java.util.OptionalInt.empty(), ViewState.intValue("99", 1, 20));
        assertEquals(java.util.OptionalInt.of(7), ViewState.intValue(" 7", 1, 20));
    }
}
