package org.journeyexplorer.ui.flows;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.controlsfx.control.SearchableComboBox;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.cli.FlowCommands;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.chart.Debouncer;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Flows tab in a window: controls change the chart, hover shows numbers, exports write files. */
@ExtendWith(ApplicationExtension.class)
class FlowsViewFxTest {

    private AppModel model;
    private org.journeyexplorer.ui.FakeBackend backend;
    private FlowsView view;
    private final List<Throwable> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        backend = ChartTestData.backend();
        model = new AppModel(backend, runner);
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.FLOWS);
        view = new FlowsView(model, runner, Debouncer.immediate());
        view.viewModel().startEventProperty().set("home"); // most tests follow the journeys from home
        Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), 1100, 700);
        org.journeyexplorer.ui.Theme.style(scene); // the colour tokens the chart CSS looks up
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/charts-test.mv.db"));
    }

    private SankeyGeometry awaitGeometry(Predicate<SankeyGeometry> ready) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            SankeyGeometry g = view.canvas().getGeometry();
            return g != null && g.data() == view.viewModel().chartDataProperty().get() && ready.test(g);
        });
        return view.canvas().getGeometry();
    }

    @Test
    void onlyThePickersTheDirectionUsesAreInTheWindow(FxRobot robot) throws Exception {
        awaitGeometry(x -> true);
        // a hidden picker was still styled: its value following the data left pulses with nothing but that
        // restyling to sync, and JavaFX repaints the whole window for such a pulse
        assertEquals(java.util.List.of("flows-direction", "flows-start"), pickerIds(robot));
        robot.interact(() -> view.viewModel().directionProperty().set(org.journeyexplorer.analysis.FlowQuery.Direction.BETWEEN));
        assertEquals(java.util.List.of("flows-direction", "flows-start", "and", "flows-end"), pickerIds(robot));
        robot.interact(() -> view.viewModel().directionProperty().set(org.journeyexplorer.analysis.FlowQuery.Direction.BACKWARD));
        assertEquals(java.util.List.of("flows-direction", "flows-end"), pickerIds(robot));
        robot.interact(() -> view.viewModel().directionProperty().set(org.journeyexplorer.analysis.FlowQuery.Direction.FORWARD));
        assertEquals(java.util.List.of("flows-direction", "flows-start"), pickerIds(robot));
        assertTrue(robot.from(view.getRoot()).lookup("#flows-end").tryQuery().isEmpty(), "the end picker is out of the window");
    }

    @Test
    void newDataIsLaidOutAtOnceNotAfterTheNextPulse(FxRobot robot) throws Exception {
        SankeyGeometry before = awaitGeometry(x -> true);
        boolean[] pending = new boolean[1];
        robot.interact(() -> {
            view.viewModel().stepsProperty().set(2); // computed at once here: a new chart's data
            // still in the same event, before any pulse: the layout is already on its way (issue 16: the first Sankey
            // of an opening project waited for a pulse that styles the pickers' new lists first)
            pending[0] = view.canvas().layoutPendingProperty().get();
        });
        assertTrue(pending[0], "the layout waits for the next pulse");
        SankeyGeometry after = awaitGeometry(x -> true);
        assertTrue(after != before);
        assertEquals(before.width(), after.width());
        assertEquals(3, after.headers().size(), "steps 1 and 2 from home: three columns");
    }

    /** The toolbar's first nodes up to the first separator: the direction and the pickers in the window. */
    private java.util.List<String> pickerIds(FxRobot robot) {
        javafx.scene.layout.HBox bar = robot.from(view.getRoot()).lookup(".chart-toolbar").query();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n.getStyleClass().contains("toolbar-separator")) {
                break;
            }
            ids.add(n instanceof javafx.scene.control.Label l ? l.getText() : n.getId());
        }
        return ids;
    }

    @Test
    void stepsAndStartAnchorChangeTheChart(FxRobot robot) throws Exception {
        SankeyGeometry g = awaitGeometry(x -> true);
        assertEquals("home", view.viewModel().startEventProperty().get());
        assertEquals(6, g.columns().size(), "anchor + 5 steps (the long journeys reach them all)");
        assertEquals(15, g.data().startTotal(), "15 sessions contain home");

        robot.clickOn(robot.from(view.getRoot()).lookup("#flows-steps .increment-arrow-button").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, ((Spinner<?>) robot.from(view.getRoot()).lookup("#flows-steps").query()).getValue());
        g = awaitGeometry(x -> x.columns().size() == 7);
        assertEquals(7, g.columns().size());

        robot.interact(() -> ((SearchableComboBox<String>) robot.from(view.getRoot()).lookup("#flows-start").query()).setValue("search"));
        g = awaitGeometry(x -> x.data().startTotal() == 12);
        assertEquals(3, g.columns().size(), "search view buy / search search view are the longest");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void withoutAChoiceFlowsFollowEveryJourneyFromItsStart(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().startEventProperty().set(null));
        SankeyGeometry g = awaitGeometry(x -> x.data().startTotal() == 17);
        assertEquals(org.journeyexplorer.analysis.FlowQuery.JOURNEY_START, view.viewModel().startEventProperty().get());
        // 17 sessions in all: 15 begin at home, 2 at search
        assertEquals("Journey start", g.data().nodes().get(0).label());
        SearchableComboBox<String> picker = robot.from(view.getRoot()).lookup("#flows-start").query();
        assertEquals("Journey start", picker.getConverter().toString(picker.getValue()));
        assertEquals(org.journeyexplorer.analysis.FlowQuery.JOURNEY_START, picker.getItems().get(0));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theStartPickerKeepsItsValueWhenTheEventsChange(FxRobot robot) throws Exception {
        awaitGeometry(x -> true);
        List<Throwable> uncaught = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler[] previous = new Thread.UncaughtExceptionHandler[1];
        robot.interact(() -> {
            previous[0] = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        });
        try {
            SearchableComboBox<String> picker = robot.from(view.getRoot()).lookup("#flows-start").query();
            // an import brings new event types that sort before the current ones
            backend.add("p-new", 0, "aaa_first").add("p-new", 10, "aaa_second").add("p-new", 20, "home");
            robot.interact(() -> model.reloadFrame());
            awaitGeometry(x -> view.viewModel().events().contains("aaa_first"));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("home", view.viewModel().startEventProperty().get());
            assertEquals("home", picker.getValue());
            // a project whose events do not include the anchor: back to the journey start, never blank
            backend.events.removeIf(e -> e.type().equals("home"));
            robot.interact(() -> model.openProject(Path.of("/tmp/charts-test-2.mv.db")));
            awaitGeometry(x -> !view.viewModel().events().contains("home"));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(org.journeyexplorer.analysis.FlowQuery.JOURNEY_START, picker.getValue());
            assertEquals(org.journeyexplorer.analysis.FlowQuery.JOURNEY_START,
                    view.viewModel().startEventProperty().get());
            assertTrue(uncaught.isEmpty(), uncaught.toString());
            assertTrue(errors.isEmpty(), errors.toString());
        } finally {
            robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(previous[0]));
        }
    }

    @Test
    void hoveringANodeShowsItsCountAndShare(FxRobot robot) throws Exception {
        SankeyGeometry g = awaitGeometry(x -> true);
        SankeyGeometry.NodeBox search = g.nodes().stream()
                .filter(b -> g.data().nodes().get(b.node()).label().equals("search")
                        && g.data().nodes().get(b.node()).step() == 1)
                .findFirst().orElseThrow();
        Point2D p = view.canvas().localToScreen(search.x() + search.w() / 2, search.y() + search.h() / 2);
        robot.moveTo(p);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.canvas().tooltipTextProperty().get().isEmpty());
        String text = view.canvas().tooltipTextProperty().get();
        assertTrue(text.startsWith("search — step 1"), text);
        // 10 of the 15 home sessions go on to search: 67 % of the start
        assertTrue(text.contains("10 sessions · 67% of the start"), text);
        assertTrue(view.canvas().getTooltip().isShowing());
    }

    @Test
    void clickingANodeOffersSetAsStartAndHide(FxRobot robot) throws Exception {
        SankeyGeometry g0 = awaitGeometry(x -> true);
        SankeyGeometry.NodeBox view1 = g0.nodes().stream()
                .filter(b -> g0.data().nodes().get(b.node()).label().equals("view")
                        && g0.data().nodes().get(b.node()).step() == 1)
                .findFirst().orElseThrow();
        robot.clickOn(view.canvas().localToScreen(view1.x() + view1.w() / 2, view1.y() + view1.h() / 2));
        robot.clickOn("Set as start");
        SankeyGeometry g = awaitGeometry(x -> "view".equals(view.viewModel().startEventProperty().get())
                && x.data().startTotal() == 14);
        assertEquals(14, g.data().startTotal(), "12 + 2 sessions contain view");

        SankeyGeometry.NodeBox buy = g.nodes().stream()
                .filter(b -> g.data().nodes().get(b.node()).label().equals("buy"))
                .findFirst().orElseThrow();
        robot.clickOn(view.canvas().localToScreen(buy.x() + buy.w() / 2, buy.y() + buy.h() / 2));
        robot.clickOn("Hide “buy”");
        awaitGeometry(x -> x.data().nodes().stream().noneMatch(n -> n.label().equals("buy")));
        assertTrue(view.viewModel().hiddenEvents().contains("buy"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aNodeCarriesTheBusiestPathIntoItToThePredictions(FxRobot robot) throws Exception {
        SankeyGeometry g = awaitGeometry(x -> true);
        SankeyGeometry.NodeBox box = g.nodes().stream()
                .filter(b -> g.data().nodes().get(b.node()).step() == 2 && !g.data().nodes().get(b.node()).other())
                .max(java.util.Comparator.comparingDouble(b -> g.data().nodes().get(b.node()).value()))
                .orElseThrow();
        List<String> path = g.data().busiestPathTo(box.node());
        assertEquals(3, path.size(), path.toString());
        assertEquals("home", path.get(0));
        robot.clickOn(view.canvas().localToScreen(box.x() + box.w() / 2, box.y() + box.h() / 2));
        javafx.scene.control.ContextMenu menu = WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows()
                .stream().filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .map(w -> (javafx.scene.control.ContextMenu) w).findFirst().orElseThrow()).get(5, TimeUnit.SECONDS);
        // event names hold underscores: the menu must show them as they are, not as mnemonics
        assertTrue(menu.getItems().stream().noneMatch(javafx.scene.control.MenuItem::isMnemonicParsing));
        robot.clickOn("Predict what comes next after " + String.join(" → ", path));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(path, model.predictionRequestProperty().get());
        assertEquals(Feature.PREDICTIONS, model.selectedFeatureProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void otherListsWhatItHolds(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().topKProperty().set(1));
        // from home, step 2: search 10 is kept; about 3 and view 2 go into Other
        SankeyGeometry g = awaitGeometry(x -> x.data().nodes().stream().anyMatch(n -> n.other() && n.step() == 1));
        SankeyGeometry.NodeBox other = g.nodes().stream()
                .filter(b -> g.data().nodes().get(b.node()).other() && g.data().nodes().get(b.node()).step() == 1)
                .findFirst().orElseThrow();
        assertEquals(List.of("about 3", "view 2"), g.data().nodes().get(other.node()).members());
        robot.clickOn(view.canvas().localToScreen(other.x() + other.w() / 2, other.y() + other.h() / 2));
        robot.clickOn("List the 2 events in Other…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.canvas().isMembersPopupShowing());
        assertTrue(robot.lookup("about 3").tryQuery().isPresent());
    }

    @Test
    void backgroundMenuExportsToTheChosenFile(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitGeometry(x -> true);
        Path target = dir.resolve("chosen.svg");
        view.setFileDialogs(new org.journeyexplorer.ui.NoFileDialogs() {
            @Override
            public java.util.Optional<Path> chooseSaveFile(javafx.stage.Window owner, String title, String name,
                                                           String extension) {
                assertEquals("flows-starting-at-home." + extension, name);
                return java.util.Optional.of(dir.resolve("chosen." + extension));
            }
        });
        robot.rightClickOn(view.canvas().localToScreen(3, 3));
        robot.clickOn("Export SVG…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.size(target) > 1000);
        // the toolbar's Export menu offers the same commands as File ▸ Export
        robot.clickOn(robot.from(view.getRoot()).lookup("#flows-export").queryAs(javafx.scene.Node.class));
        robot.clickOn("Flows data as CSV…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.readAllLines(dir.resolve("chosen.csv")).get(0).startsWith("# Flows starting at home"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void csvExportIsByteForByteWhatTheCliPrints(@TempDir Path dir) throws Exception {
        awaitGeometry(x -> true);
        Path csv = dir.resolve("flows.csv");
        WaitForAsyncUtils.asyncFx(() -> view.exportCsv(csv)).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());
        FlowResult r = view.viewModel().resultProperty().get();
        FlowQuery q = r.query();
        String cli = FlowCommands.flows(view.viewModel().selectionProperty().get().frame(),
                new ChartCaption("", "charts-test", "", ChartCaption.ALL_DATES),
                "--start", q.start(), "--steps", Integer.toString(q.steps()), "--top",
                Integer.toString(q.topK()), "--by", q.unit().label(), "--csv");
        assertArrayEquals(cli.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv));
        // 15 sessions contain home, and each goes on after it
        assertTrue(cli.contains("\r\nnode,0,0,home,15,100.00,0,0,0,,,,,,\r\n"), cli);
    }

    @Test
    void exportsPngAtTwiceTheSizeAndSvgWithOnePathPerLink(@TempDir Path dir) throws Exception {
        SankeyGeometry g = awaitGeometry(x -> true);
        Path png = dir.resolve("flows.png");
        Path svg = dir.resolve("flows.svg");
        Path csv = dir.resolve("flows.csv");
        WaitForAsyncUtils.asyncFx(() -> {
            view.exportPng(png);
            view.exportSvg(svg);
            view.exportCsv(csv);
        }).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());

        BufferedImage img = ImageIO.read(png.toFile());
        // caption: title, project, dates, filters = 4 lines under the chart
        double captionH = 4 * ChartPaint.CAPTION_LINE + 10;
        assertEquals(Math.ceil(2 * g.width()), img.getWidth());
        assertEquals(Math.ceil(2 * (g.height() + captionH)), img.getHeight());
        assertEquals(2 * view.canvas().getWidth(), img.getWidth(), 1, "2× the canvas");

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        NodeList paths = doc.getElementsByTagName("path");
        assertEquals(g.data().links().size(), paths.getLength());
        assertTrue(doc.getElementsByTagName("metadata").item(0).getTextContent().contains("Project: charts-test"));

        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("# Flows starting at home"), lines.get(0));
        long nodeRows = lines.stream().filter(l -> l.startsWith("node,")).count();
        assertEquals(g.data().nodes().size(), nodeRows);
        // every export is recorded for the project's audit log
        assertEquals(List.of("PNG chart → flows.png × 1", "SVG chart → flows.svg × 1",
                "chart data CSV → flows.csv × 1"), backend.exports);
    }
}
