package org.journeyexplorer.ui.flows;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.cli.FlowCommands;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.HeldTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flows tab on a frame large enough to show a flow's counts before its links' medians (issue 16; the threshold is
 * lowered to every frame here, and the medians' task is held): the Sankey is drawn on the counts, its tooltips say the
 * medians are being computed, the CSV exported meanwhile holds the exact medians, and once they arrive the tooltips
 * show them on the same chart, not laid out again.
 */
@ExtendWith(ApplicationExtension.class)
class FlowsMediansAfterCountsFxTest {

    private final int savedThreshold = FlowsViewModel.countsFirstEvents;
    private final HeldTaskRunner runner = new HeldTaskRunner("Timing flows"::equals);
    private final List<Throwable> errors = new ArrayList<>();
    private FlowsView view;

    @Start
    void start(Stage stage) {
        FlowsViewModel.countsFirstEvents = 0;
        AppModel model = new AppModel(ChartTestData.backend(), runner);
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.FLOWS);
        view = new FlowsView(model, runner, Debouncer.immediate());
        view.viewModel().startEventProperty().set("home");
        Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), 1100, 700);
        org.journeyexplorer.ui.Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/charts-test.mv.db"));
    }

    @AfterEach
    void restore() {
        FlowsViewModel.countsFirstEvents = savedThreshold;
    }

    private SankeyGeometry awaitGeometry() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            SankeyGeometry g = view.canvas().getGeometry();
            return g != null && g.data() == view.viewModel().chartDataProperty().get();
        });
        return view.canvas().getGeometry();
    }

    /** Hovers the middle of the ribbon home → search and returns the tooltip's text. */
    private String hoverHomeToSearch(FxRobot robot, SankeyGeometry g) throws Exception {
        SankeyData d = g.data();
        SankeyGeometry.Ribbon r = g.ribbons().stream().filter(x -> {
            SankeyData.Link l = d.links().get(x.link());
            return d.nodes().get(l.from()).label().equals("home") && d.nodes().get(l.to()).label().equals("search");
        }).findFirst().orElseThrow();
        robot.moveTo(view.canvas().localToScreen(5, 5)); // off the chart's marks first: a new tooltip
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.canvas().tooltipTextProperty().get().isEmpty());
        Point2D p = view.canvas().localToScreen(r.midX(), (r.y0() + r.y1()) / 2 + r.thickness() / 2);
        robot.moveTo(p);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.canvas().tooltipTextProperty().get().isEmpty());
        return view.canvas().tooltipTextProperty().get();
    }

    @Test
    void theSankeyIsDrawnOnItsCountsAndItsTooltipsShowTheExactMediansOnceFilled(FxRobot robot,
                                                                              @TempDir Path dir) throws Exception {
        SankeyGeometry counted = awaitGeometry();
        FlowResult counts = view.viewModel().resultProperty().get();
        assertTrue(counts.mediansPending());
        assertEquals(List.of("Timing flows"), runner.heldTitles());
        assertTrue(view.viewModel().busyProperty().get(), "busy until the medians are in");
        // 10 of the 15 home sessions go on to search, 10 s later each
        String pending = hoverHomeToSearch(robot, counted);
        assertTrue(pending.startsWith("home → search\n10 sessions"), pending);
        assertTrue(pending.endsWith("Median time from the previous step: being computed…"), pending);

        // the CSV exported now waits for the medians: the same bytes as the CLI's complete flow
        Path csv = dir.resolve("flows.csv");
        WaitForAsyncUtils.asyncFx(() -> view.exportCsv(csv)).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());
        FlowQuery q = counts.query();
        String cli = FlowCommands.flows(view.viewModel().selectionProperty().get().frame(),
                new ChartCaption("", "charts-test", "", ChartCaption.ALL_DATES),
                "--start", q.start(), "--steps", Integer.toString(q.steps()), "--top",
                Integer.toString(q.topK()), "--by", q.unit().label(), "--csv");
        assertArrayEquals(cli.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv));
        assertTrue(cli.contains(",0,home,1,search,10.000,"), cli);

        robot.interact(runner::release);
        FlowResult full = view.viewModel().resultProperty().get();
        assertFalse(full.mediansPending());
        assertFalse(view.viewModel().busyProperty().get());
        assertEquals(counts.nodes(), full.nodes());
        SankeyGeometry filled = awaitGeometry();
        // the same shapes, not laid out again: only the data behind the tooltips is new
        assertSame(counted.ribbons(), filled.ribbons());
        assertSame(counted.nodes(), filled.nodes());
        String exact = hoverHomeToSearch(robot, filled);
        assertTrue(exact.startsWith("home → search\n10 sessions"), exact);
        assertTrue(exact.endsWith("Median time from the previous step: 10 s"), exact);
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
