package org.journeyexplorer.ui.processmap;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.chart.ProcessMapGeometry;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.flows.ChartTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the Process map tab on a hand-written log (ChartTestData): 17 journeys over home, search, view, buy and
 * about, one session each. Counted by hand: 12 paths (START → home, search; home → search, view, about;
 * search → search, view; view → buy, home, END; buy, about → END); home → search 10, search → view 12,
 * view → buy 8, home → view 8, view → home 6, search → search 4; home 21 events, view 20.
 */
@ExtendWith(ApplicationExtension.class)
class ProcessMapViewFxTest {
    private AppModel model;
    private org.journeyexplorer.ui.FakeBackend backend;
    private ProcessMapView view;
    private final List<Throwable> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        backend = ChartTestData.backend();
        model = new AppModel(backend, runner);
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.PROCESS_MAP);
        view = new ProcessMapView(model, runner, Debouncer.immediate());
        Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), 1100, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/process-map-test.mv.db"));
    }

    private ProcessMapGeometry await(Predicate<ProcessMapGeometry> ok) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            ProcessMapGeometry g = view.canvas().getGeometry();
            return g != null && ok.test(g);
        });
        return view.canvas().getGeometry();
    }

    private static int link(ProcessMapGeometry g, String from, String to) {
        ProcessMapData d = g.data();
        for (int i = 0; i < d.links().size(); i++) {
            ProcessMapData.Link l = d.links().get(i);
            if (d.nodes().get(l.from()).label().equals(from) && d.nodes().get(l.to()).label().equals(to)) {
                return i;
            }
        }
        return -1;
    }

    private Point2D onScreen(ProcessMapGeometry.EdgePath e) {
        double[] p = e.points();
        // the middle of the first segment
        double x = (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8;
        double y = (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8;
        double[] v = view.canvas().toView(x, y);
        return view.canvas().localToScreen(v[0], v[1]);
    }

    @Test
    void onACaseLogTheUnitToggleSaysCases(FxRobot robot) throws Exception {
        await(x -> true);
        ToggleButton journeys = (ToggleButton) robot.lookup("#process-map-unit")
                .queryAs(org.controlsfx.control.SegmentedButton.class).getButtons().get(1);
        assertEquals("Sessions", journeys.getText());
        backend.journey = org.journeyexplorer.session.JourneyScope.CASE;
        robot.interact(() -> model.openProject(Path.of("/tmp/process-map-test.mv.db")));
        assertEquals("Cases", journeys.getText(), "a case log's journeys are its cases, as on the other tabs");
        assertEquals("Follow each case of the log as one case of the map", journeys.getTooltip().getText());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void hoverAndClickAPathShowTheseJourneys(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().pathsProperty().set(1));
        ProcessMapGeometry g = await(x -> x.data().links().size() == 12);
        ProcessMapData d = g.data();
        assertEquals(List.of("START", "home", "view", "search", "buy", "about", "END"),
                d.nodes().stream().map(ProcessMapData.Node::label).toList());
        assertEquals(21, d.nodes().get(1).frequency());
        assertEquals("5 of 5 activities · 12 of 12 paths", robot.lookup("#process-map-summary").queryLabeled()
                .getText());
        int homeSearch = link(g, "home", "search");
        assertEquals(10, d.links().get(homeSearch).count());
        assertEquals(4, d.links().get(link(g, "search", "search")).count());
        assertTrue(g.edges().get(link(g, "search", "search")).loop());
        assertTrue(g.edges().get(link(g, "view", "home")).back(), "view → home goes back up");

        Point2D p = onScreen(g.edges().get(homeSearch));
        robot.moveTo(p);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.canvas().tooltipTextProperty().get().isEmpty());
        String tip = view.canvas().tooltipTextProperty().get();
        assertTrue(tip.startsWith("home → search\n10 times · median 10 s"), tip);
        robot.clickOn(p);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.drilldownProperty().get() != null);
        assertEquals(10, model.drilldownProperty().get().sessions().length);
        assertEquals(Feature.JOURNEYS, model.selectedFeatureProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void slidersSimplifyAndTheAnnotationSwitchesToTimes(FxRobot robot) throws Exception {
        await(x -> true);
        Slider activities = robot.lookup("#process-map-activities").queryAs(Slider.class);
        robot.interact(() -> view.viewModel().pathsProperty().set(1));
        robot.interact(() -> activities.setValue(0));
        ProcessMapGeometry one = await(x -> x.data().nodes().size() == 3);
        assertEquals("home", one.data().nodes().get(1).label(), "the most frequent activity stays");
        // home's repeats across the dropped activities become a self-loop: home (view) home (view) … → 3 × 2
        assertEquals(6, one.data().links().get(link(one, "home", "home")).count());
        robot.interact(() -> activities.setValue(100));
        robot.interact(() -> view.viewModel().pathsProperty().set(0));
        ProcessMapGeometry minimal = await(x -> x.data().nodes().size() == 7);
        // every activity keeps a way in and out
        for (int n = 1; n < 6; n++) {
            int node = n;
            assertTrue(minimal.data().links().stream().anyMatch(l -> l.to() == node && !l.isLoop()));
            assertTrue(minimal.data().links().stream().anyMatch(l -> l.from() == node && !l.isLoop()));
        }
        assertTrue(minimal.data().links().size() < 12);

        ToggleButton time = robot.lookup("Median time").queryAs(ToggleButton.class);
        robot.clickOn(time);
        ProcessMapGeometry timed = await(x -> x.data().annotation() == ProcessMapData.Annotation.MEDIAN_TIME);
        int viewBuy = link(timed, "view", "buy");
        assertEquals(Formats.duration(10_000_000L), timed.edges().get(viewBuy).label());
        assertEquals("", timed.edges().get(link(timed, "START", "home")).label(), "no time from START");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void exportsPngAndSvgFromTheSameGeometry(@TempDir Path dir) throws Exception {
        ProcessMapGeometry g = await(x -> true);
        Path png = dir.resolve("map.png");
        Path svg = dir.resolve("map.svg");
        Path csv = dir.resolve("map.csv");
        WaitForAsyncUtils.asyncFx(() -> {
            view.exportPng(png);
            view.exportSvg(svg);
            view.exportCsv(csv);
        }).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Math.ceil(2 * g.width()), ImageIO.read(png.toFile()).getWidth());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        var paths = doc.getElementsByTagName("path");
        int edges = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            if (((org.w3c.dom.Element) paths.item(i)).getAttribute("class").startsWith("edge")) {
                edges++;
            }
        }
        assertEquals(g.data().links().size(), edges);
        String text = java.nio.file.Files.readString(csv);
        assertTrue(text.contains("from,to,count,median_seconds"), text);
        assertNotNull(text.lines().filter(l -> l.startsWith("home,search,10,10.000")).findFirst().orElse(null), text);
    }
}
