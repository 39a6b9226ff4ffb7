package org.journeyexplorer.ui.heatmap;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.cli.AnalysisCommands;
import org.journeyexplorer.export.TransitionsCsv;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.Theme;
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
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Transitions tab: the grid covers every pair, hover shows the share, click drills down. */
@ExtendWith(ApplicationExtension.class)
class TransitionsViewFxTest {

    private AppModel model;
    private TransitionsView view;
    private final List<Throwable> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(ChartTestData.backend(), runner);
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.TRANSITIONS);
        view = new TransitionsView(model, runner);
        Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), 1000, 700);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/charts-test.mv.db"));
    }

    private HeatmapGeometry awaitGeometry() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.canvas().getGeometry() != null);
        return view.canvas().getGeometry();
    }

    @Test
    void hoverShowsTheShareAndClickDrillsDown(FxRobot robot) throws Exception {
        HeatmapGeometry g = awaitGeometry();
        assertEquals(5, g.data().typeCount(), "home search view buy about");
        assertEquals(36, g.cells().size(), "(5 types + START) × (5 types + END)");
        int home = g.data().types().indexOf("home");
        int search = g.data().types().indexOf("search");
        HeatmapGeometry.Cell cell = g.cells().stream().filter(c -> c.row() == home + 1 && c.col() == search)
                .findFirst().orElseThrow();
        Point2D p = view.canvas().localToScreen(cell.x() + cell.size() / 2, cell.y() + cell.size() / 2);
        robot.moveTo(p);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.canvas().tooltipTextProperty().get().isEmpty());
        String text = view.canvas().tooltipTextProperty().get();
        // home is followed 21 times: search 10, about 3, view 8
        assertTrue(text.startsWith("home → search\n10 transitions · 48% of what follows home"), text);
        assertTrue(text.contains("Median time between: 10 s · 90% within 10 s"), text);

        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(model.drilldownProperty().get());
        assertEquals(10, model.drilldownProperty().get().sessions().length);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void zoomSliderAndCtrlWheelChangeTheCellSize(FxRobot robot) throws Exception {
        HeatmapGeometry g = awaitGeometry();
        robot.interact(() -> ((javafx.scene.control.Slider) robot.from(view.getRoot()).lookup("#transitions-zoom").query()).setValue(40));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.canvas().getGeometry().cellSize() == 40);
        assertNotNull(view.canvas().getGeometry().cells().get(0).text(), "40 px cells print their value");
        HeatmapGeometry.Cell c = view.canvas().getGeometry().cells().get(8);
        robot.moveTo(view.canvas().localToScreen(c.x() + 5, c.y() + 5));
        robot.press(javafx.scene.input.KeyCode.CONTROL);
        try {
            robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        } finally {
            robot.release(javafx.scene.input.KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.canvas().getGeometry().cellSize() != 40);
        assertTrue(view.canvas().getGeometry().cellSize() != 40);
    }

    @Test
    void chartColoursComeFromCss(FxRobot robot) throws Exception {
        awaitGeometry();
        robot.interact(() -> view.canvas().setStyle("-je-chart-background: #102030;"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(javafx.scene.paint.Color.web("#102030"), view.canvas().palette().background());
        assertEquals("#102030", view.canvas().palette().svgStyle().background());
    }

    @Test
    void csvExportIsByteForByteWhatTheCliPrints(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitGeometry();
        // a display setting must not change the data: the CSV is in matrix order whatever the heatmap shows
        robot.interact(() -> view.viewModel().orderProperty().set(HeatmapLayout.Order.SIMILARITY));
        Path csv = dir.resolve("t.csv");
        WaitForAsyncUtils.asyncFx(() -> view.exportCsv(csv)).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());
        EventFrame frame = view.viewModel().selectionProperty().get().frame();
        String cli = AnalysisCommands.transitions(frame,
                new ChartCaption("", "charts-test", "", ChartCaption.ALL_DATES));
        assertArrayEquals(cli.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv));
        // home is followed 21 times, 10 of them by search, always 10 s later
        assertTrue(cli.contains("\r\nhome,search,10,0.476190,10.000,10.000\r\n"), cli);
        assertTrue(cli.startsWith("# " + TransitionsCsv.TITLE + "\r\n# Project: charts-test\r\n"), cli);
    }

    @Test
    void exportsPngAndSvgOfTheWholeMatrix(@TempDir Path dir) throws Exception {
        HeatmapGeometry g = awaitGeometry();
        Path png = dir.resolve("t.png");
        Path svg = dir.resolve("t.svg");
        WaitForAsyncUtils.asyncFx(() -> {
            view.exportPng(png);
            view.exportSvg(svg);
        }).get(10, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), errors.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Math.ceil(2 * g.width()), img.getWidth());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        int cells = 0;
        var rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if ("cell".equals(((org.w3c.dom.Element) rects.item(i)).getAttribute("class"))) {
                cells++;
            }
        }
        assertEquals(36, cells);
    }
}
