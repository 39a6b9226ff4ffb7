package org.journeyexplorer.ui;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.MetricsResult;
import org.journeyexplorer.analysis.Overview;
import org.journeyexplorer.ui.overview.OverviewView;
import org.journeyexplorer.ui.overview.OverviewViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Overview's charts follow a re-query that keeps their categories by changing their bars' values in place (the
 * same bar nodes, new heights), a week's bar is drawn whatever its year, and a bar's tooltip says that bar's numbers.
 */
class OverviewChartsFxTest extends AppFxTestBase {

    @AfterEach
    void back() throws Exception {
        onFx(() -> {
            app.model().filtersProperty().set(app.model().filtersProperty().get().withRange(null, null));
            app.model().selectedFeatureProperty().set(Feature.FLOWS);
            app.model().conversionEventProperty().set(null);
            return null;
        });
    }

    /** The chart's items in data order (the top events chart lists the biggest last: it draws bottom-up). */
    private static List<? extends XYChart.Data<?, ?>> items(OverviewView v, String chart) {
        return List.copyOf(((XYChart<?, ?>) v.getRoot().lookup("#" + chart)).getData().get(0).getData());
    }

    private static List<Node> bars(OverviewView v, String chart) {
        return items(v, chart).stream().map(XYChart.Data::getNode).map(n -> (Node) n).toList();
    }

    private static double heightOf(Node bar) throws Exception {
        return onFx(() -> bar.getLayoutBounds().getHeight());
    }

    private static String hover(OverviewView v, Node n) {
        Event.fireEvent(n, new MouseEvent(MouseEvent.MOUSE_MOVED, 1, 1, 1, 1, MouseButton.NONE, 0, false, false,
                false, false, false, false, false, false, false, false, null));
        return v.tooltipTextProperty().get();
    }

    @Test
    void withoutAConversionEventTheConversionChartsSayWhatToChoose() throws Exception {
        OverviewView v = (OverviewView) view(Feature.OVERVIEW);
        OverviewViewModel vm = v.viewModel();
        List<String> hints = List.of("#overview-time-hint", "#overview-conversions-hint", "#overview-velocity-hint");
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.OVERVIEW);
            app.model().conversionEventProperty().set(null);
            return null;
        });
        waitFor(60, "overview without an event", () -> vm.dataProperty().get() != null
                && vm.dataProperty().get().metrics() == null);
        WaitForAsyncUtils.waitForFxEvents();
        for (String h : hints) {
            Node n = onFx(() -> v.getRoot().lookup(h));
            assertTrue(onFx(n::isVisible), h + " shown over the empty chart");
            assertTrue(onFx(() -> ((javafx.scene.control.Label) n).getText()).startsWith("Choose a conversion event"));
        }

        onFx(() -> {
            app.model().conversionEventProperty().set("6"); // helpdesk: closed
            return null;
        });
        waitFor(60, "overview with an event", () -> vm.dataProperty().get() != null
                && vm.dataProperty().get().metrics() != null);
        WaitForAsyncUtils.waitForFxEvents();
        for (String h : hints) {
            assertTrue(!onFx(() -> v.getRoot().lookup(h).isVisible()), h + " hidden once the charts have data");
        }
    }

    @Test
    void anotherUnitChangesTheBarsInPlaceAndTheirTooltipsSayTheirNumbers() throws Exception {
        OverviewView v = (OverviewView) view(Feature.OVERVIEW);
        OverviewViewModel vm = v.viewModel();
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.OVERVIEW);
            vm.unitProperty().set(CountUnit.PERSONS);
            app.model().conversionEventProperty().set("6"); // helpdesk: closed
            return null;
        });
        waitFor(60, "overview per person", () -> vm.dataProperty().get() != null
                && vm.dataProperty().get().metrics() != null
                && vm.dataProperty().get().metrics().query().unit() == CountUnit.PERSONS);
        WaitForAsyncUtils.waitForFxEvents();
        List<Node> topBefore = onFx(() -> bars(v, "overview-top-events"));
        List<Node> weeksBefore = onFx(() -> bars(v, "overview-conversions"));

        onFx(() -> {
            vm.unitProperty().set(CountUnit.SESSIONS);
            return null;
        });
        waitFor(60, "overview per session", () -> vm.dataProperty().get().metrics().query().unit()
                == CountUnit.SESSIONS);
        WaitForAsyncUtils.waitForFxEvents();
        OverviewViewModel.Data d = onFx(() -> vm.dataProperty().get());
        MetricsResult m = d.metrics();

        // the same categories: the very same bar nodes
        List<Node> topAfter = onFx(() -> bars(v, "overview-top-events"));
        List<Node> weeksAfter = onFx(() -> bars(v, "overview-conversions"));
        assertEquals(topBefore.size(), topAfter.size());
        for (int i = 0; i < topBefore.size(); i++) {
            assertSame(topBefore.get(i), topAfter.get(i), "top event bar " + i);
        }
        assertEquals(m.velocity().size(), weeksAfter.size());
        for (int i = 0; i < weeksBefore.size(); i++) {
            assertSame(weeksBefore.get(i), weeksAfter.get(i), "week bar " + i);
        }
        // …showing the new values: each week's item holds its session count, and the bars' heights follow them (the
        // helpdesk log's weeks span three years: a bar per week, not per week number, which the axis holds once)
        List<? extends XYChart.Data<?, ?>> items = onFx(() -> items(v, "overview-conversions"));
        int tallest = 0;
        for (int i = 0; i < m.velocity().size(); i++) {
            assertEquals(m.velocity().get(i).completions(), ((Number) items.get(i).getYValue()).intValue(), "week " + i);
            tallest = m.velocity().get(i).completions() > m.velocity().get(tallest).completions() ? i : tallest;
        }
        double tallestHeight = heightOf(weeksAfter.get(tallest));
        assertTrue(tallestHeight > 20, "the tallest week bar is drawn: " + tallestHeight);
        for (int i = 0; i < m.velocity().size(); i++) {
            assertEquals(tallestHeight * m.velocity().get(i).completions() / m.velocity().get(tallest).completions(),
                    heightOf(weeksAfter.get(i)), 1.5, "height of week bar " + i);
        }

        // a bar's tooltip: its own numbers, after the re-query (the biggest event type is the top bar, the last item)
        Overview.TypeCount biggest = d.overview().topEvents().get(0);
        String tip = onFx(() -> hover(v, topAfter.get(topAfter.size() - 1)));
        assertEquals(biggest.type() + ": " + Format.count(biggest.count()) + " events ("
                + Format.percent(biggest.share()) + ")", tip);
        MetricsResult.Week w = m.velocity().get(0);
        String weekTip = onFx(() -> hover(v, weeksAfter.get(0)));
        assertEquals(w.isoWeek() + " (first touch): " + Format.count(w.started()) + " " + m.query().unit().label()
                + " started, ",
                weekTip.substring(0, weekTip.indexOf("started, ") + "started, ".length()));
    }

    @Test
    void whenNoWeekOfFirstTouchIsOldEnoughTheCohortChartsSaySo() throws Exception {
        // teleclaims' cases all fall on one day: both cohort charts were empty, without a word. Here the date filter
        // keeps helpdesk's last week, less than the 30 d horizon before its last event
        OverviewView v = (OverviewView) view(Feature.OVERVIEW);
        OverviewViewModel vm = v.viewModel();
        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.OVERVIEW);
            app.model().conversionEventProperty().set("6"); // helpdesk: closed
            app.model().filtersProperty().set(app.model().filtersProperty().get().withRange(
                    java.time.LocalDate.of(2012, 10, 20), java.time.LocalDate.of(2012, 11, 6)));
            return null;
        });
        waitFor(60, "overview of the last days", () -> vm.dataProperty().get() != null
                && vm.dataProperty().get().metrics() != null
                && vm.dataProperty().get().overview().events() < 1000);
        WaitForAsyncUtils.waitForFxEvents();
        MetricsResult m = onFx(() -> vm.dataProperty().get().metrics());
        assertTrue(m.units() > 0 && m.velocity().isEmpty(), m.units() + " units, " + m.velocity().size() + " weeks");
        for (String h : List.of("#overview-conversions-hint", "#overview-velocity-hint")) {
            Node n = onFx(() -> v.getRoot().lookup(h));
            assertTrue(onFx(n::isVisible), h + " shown over the empty chart");
            assertTrue(onFx(() -> ((javafx.scene.control.Label) n).getText())
                    .startsWith("No week of first touch can be judged yet: a week counts once 30 d have passed"));
        }
        assertTrue(!onFx(() -> v.getRoot().lookup("#overview-time-hint").isVisible()), "time to conversion shown");

        onFx(() -> {
            app.model().filtersProperty().set(app.model().filtersProperty().get().withRange(null, null));
            return null;
        });
        waitFor(60, "overview of every day", () -> vm.dataProperty().get() != null
                && vm.dataProperty().get().metrics() != null && !vm.dataProperty().get().metrics().velocity()
                .isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        for (String h : List.of("#overview-conversions-hint", "#overview-velocity-hint")) {
            assertTrue(!onFx(() -> v.getRoot().lookup(h).isVisible()), h + " hidden once weeks are shown");
        }
    }
}
