package org.journeyexplorer.ui.processmap;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.chart.ProcessMapGeometry;
import org.journeyexplorer.ui.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first view of a map: one too tall for the viewport starts readable with its top in view (the demo's 20
 * activities had been fitted whole at under half size, labels of 5 px); Fit then shows it all; a small map is
 * shown whole from the start.
 */
@ExtendWith(ApplicationExtension.class)
class ProcessMapCanvasFxTest {
    private ProcessMapCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new ProcessMapCanvas();
        Scene scene = new Scene(new StackPane(canvas), 900, 320);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** START → a1 → … → an → END, each activity on a layer of its own. */
    private static ProcessMapData chain(int n) {
        List<ProcessMapData.Node> nodes = new ArrayList<>();
        List<ProcessMapData.Link> links = new ArrayList<>();
        nodes.add(new ProcessMapData.Node("Start", 100, ProcessMapData.Kind.START));
        for (int i = 1; i <= n; i++) {
            nodes.add(new ProcessMapData.Node("step " + i, 100, ProcessMapData.Kind.ACTIVITY));
        }
        nodes.add(new ProcessMapData.Node("End", 100, ProcessMapData.Kind.END));
        for (int i = 0; i <= n; i++) {
            links.add(new ProcessMapData.Link(i, i + 1, 100, i == 0 || i == n ? -1 : 1_000_000));
        }
        return new ProcessMapData(nodes, links, ProcessMapData.Annotation.FREQUENCY, "persons");
    }

    private ProcessMapGeometry show(ProcessMapData d, FxRobot robot) throws Exception {
        robot.interact(() -> canvas.dataProperty().set(d));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> canvas.getGeometry() != null && canvas.getGeometry().data() == d);
        WaitForAsyncUtils.waitForFxEvents();
        return canvas.getGeometry();
    }

    @Test
    void aTallMapStartsReadableWithItsTopInViewAndFitShowsItAll(FxRobot robot) throws Exception {
        ProcessMapGeometry g = show(chain(12), robot);
        double whole = Math.min(canvas.getWidth() / g.width(), canvas.getHeight() / g.height());
        assertTrue(whole < ProcessMapCanvas.READABLE_ZOOM, "the fixture must not fit at a readable size: " + whole);
        assertEquals(ProcessMapCanvas.READABLE_ZOOM, canvas.zoomProperty().get(), 1e-9);
        assertEquals(0, canvas.toView(0, 0)[1], 1e-9, "the map's top is at the top of the view");
        assertFalse(canvas.wholeMapInView());

        robot.interact(canvas::fit);
        assertEquals(whole, canvas.zoomProperty().get(), 1e-9);
        assertTrue(canvas.wholeMapInView());
    }

    @Test
    void aSmallMapIsShownWhole(FxRobot robot) throws Exception {
        ProcessMapGeometry g = show(chain(1), robot);
        assertTrue(canvas.wholeMapInView());
        double whole = Math.min(canvas.getWidth() / g.width(), canvas.getHeight() / g.height());
        assertEquals(Math.min(1.4, whole), canvas.zoomProperty().get(), 1e-9);
    }
}
