package org.journeyexplorer.ui.predict;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Predictions tab: extending the path from the next-step table, cutting it by its chip. */
@ExtendWith(ApplicationExtension.class)
class PredictionsViewFxTest {
    private AppModel model;
    private FakeBackend backend;
    private PredictionsView view;
    private final List<Throwable> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        FakeBackend b = new FakeBackend();
        backend = b;
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
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.PREDICTIONS);
        view = new PredictionsView(model, runner);
        Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), 1200, 800);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/predictions-test.mv.db"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNextStepExtendsThePathAndAChipCutsIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().conversionProperty().get() != null);
        TableView<NextStep> next = robot.from(view.getRoot()).lookup("#predictions-next").queryAs(TableView.class);
        assertEquals("view", next.getItems().get(0).name());
        // Click + Enter rather than a double-click, whose timing a loaded machine can break.
        robot.clickOn(robot.from(view.getRoot()).lookup("#predictions-next .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("view"), view.viewModel().prefix());
        assertEquals("cart", next.getItems().get(0).name());
        Button chip = robot.from(view.getRoot()).lookup(".prefix-chip").queryAs(Button.class);
        robot.clickOn(chip);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.viewModel().prefix().isEmpty());
        assertTrue(robot.from(view.getRoot()).lookup(".effect-bar").queryAll().size() >= 2);
        // The reliability diagram of the evaluation panel has its bars.
        assertTrue(robot.from(view.getRoot()).lookup(".reliability-bar").queryAll().size() >= 1);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void onACaseLogThePathStartsAtTheStartOfACase(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().conversionProperty().get() != null);
        assertTrue(robot.from(view.getRoot()).lookup("(start of a session)").tryQuery().isPresent());
        backend.journey = org.journeyexplorer.session.JourneyScope.CASE;
        robot.interact(() -> model.openProject(Path.of("/tmp/predictions-test.mv.db")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().conversionProperty().get() != null);
        assertTrue(robot.from(view.getRoot()).lookup("(start of a case)").tryQuery().isPresent(),
                "a case log's journeys are its cases");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void exportsConversionAsCsv(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().conversionProperty().get() != null);
        Path target = dir.resolve("conversion-purchase.csv");
        view.setFileDialogs(savingTo(dir));
        robot.interact(() -> view.viewModel().goalProperty().set("purchase"));
        robot.interact(() -> view.exportActions().get(1).action().run());
        List<String> lines = java.nio.file.Files.readAllLines(target);
        assertEquals("goal,state,visits,conversion,expected_steps,removal_effect,ci_low,ci_high", lines.get(0));
        // START reaches purchase in 30 of 40 sessions.
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("purchase,(start),40,0.750000,3.000000,")), lines.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theEmptyConversionTableSaysWhatItWaitsFor(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().conversionProperty().get() != null);
        Label empty = (Label) robot.from(view.getRoot()).lookup("#predictions-states").queryAs(TableView.class)
                .getPlaceholder();
        robot.interact(() -> view.viewModel().goalProperty().set(null));
        assertEquals("Choose a goal", empty.getText());
        robot.interact(() -> view.viewModel().goalProperty().set("purchase"));
        // the analysis ran at once (this runner is synchronous): the table has its rows, not a pending message
        assertTrue(robot.from(view.getRoot()).lookup("#predictions-states").queryAs(TableView.class).getItems().size() > 0);
        assertEquals("No state reaches purchase", empty.getText());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** Answers every save dialog with its suggested name in {@code dir}. */
    private static org.journeyexplorer.ui.FileDialogs savingTo(Path dir) {
        return new org.journeyexplorer.ui.FileDialogs() {
            public java.util.Optional<Path> chooseEventFile(javafx.stage.Window owner) {
                return java.util.Optional.empty();
            }

            public java.util.Optional<Path> chooseProjectToOpen(javafx.stage.Window owner) {
                return java.util.Optional.empty();
            }

            public java.util.Optional<Path> chooseNewProject(javafx.stage.Window owner) {
                return java.util.Optional.empty();
            }

            public java.util.Optional<Path> chooseSaveFile(javafx.stage.Window owner, String title, String name,
                                                           String ext) {
                return java.util.Optional.of(dir.resolve(name));
            }
        };
    }

    private void runExport(FxRobot robot, String label) {
        robot.interact(() -> view.exportActions().stream().filter(a -> a.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no export " + label)).action().run());
    }

    @Test
    void exportsTheReliabilityDiagramFromItsGeometry(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().trainedProperty().get() != null
                && view.reliabilityGeometry() != null);
        view.setFileDialogs(savingTo(dir));
        runExport(robot, "Reliability diagram as PNG…");
        runExport(robot, "Reliability diagram as SVG…");
        runExport(robot, "Reliability diagram data as CSV…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        var g = view.reliabilityGeometry();
        var report = view.viewModel().trainedProperty().get().evaluation().report();
        // The CSV's bins hold every test prediction of the model, and its hits.
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("reliability.csv"));
        int predictions = 0;
        double hits = 0;
        int nonEmpty = 0;
        for (String line : csv) {
            if (line.startsWith("#") || line.startsWith("bin_from")) {
                continue;
            }
            String[] c = line.split(",", -1);
            int n = Integer.parseInt(c[2]);
            predictions += n;
            hits += n == 0 ? 0 : n * Double.parseDouble(c[4]);
            nonEmpty += n > 0 ? 1 : 0;
        }
        assertEquals(report.model().predictions(), predictions);
        assertEquals(report.model().hits(), hits, 1e-3);
        // The SVG draws the geometry on screen: one bar per non-empty bin, at the same place.
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("reliability.svg").toFile());
        List<org.w3c.dom.Element> bars = new ArrayList<>();
        var rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            var e = (org.w3c.dom.Element) rects.item(i);
            if ("bar".equals(e.getAttribute("class"))) {
                bars.add(e);
            }
        }
        assertEquals(nonEmpty, bars.size());
        assertEquals(g.bars().size(), bars.size());
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(g.bars().get(i).h(), Double.parseDouble(bars.get(i).getAttribute("height")), 0.01);
            assertEquals(g.bars().get(i).x(), Double.parseDouble(bars.get(i).getAttribute("x")), 0.01);
        }
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("reliability.png").toFile());
        assertEquals(Math.ceil(2 * g.width()), png.getWidth());
        assertTrue(png.getHeight() > 2 * g.height(), "caption under the chart");
    }
}
