package org.journeyexplorer.ui.heatmap;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.ui.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a large frame the heatmap's counts come first and its exact medians after: the medians change the tooltips,
 * not the picture, so they are not painted again; new counts are.
 */
@ExtendWith(ApplicationExtension.class)
class HeatmapTimesFxTest {
    private HeatmapCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new HeatmapCanvas();
        Scene scene = new Scene(canvas, 800, 600);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** a b c: START row, then a, b, c; columns a, b, c, END. */
    private static HeatmapData data(long ab, long[][] medians, boolean pending) {
        long[][] counts = {
                {5, 2, 0, 0},
                {0, ab, 3, 1},
                {1, 0, 2, 4},
                {0, 1, 0, 6}};
        return new HeatmapData(List.of("a", "b", "c"), counts, medians, medians, "transitions", List.of(), pending);
    }

    private static long[][] times(long t) {
        long[][] m = new long[4][4];
        for (long[] row : m) {
            java.util.Arrays.fill(row, -1);
        }
        m[1][1] = t;
        m[1][2] = 2 * t;
        m[2][2] = 3 * t;
        return m;
    }

    private HeatmapGeometry shown(HeatmapData d) throws Exception {
        onFx(() -> {
            canvas.dataProperty().set(d);
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> canvas.getGeometry() != null
                && canvas.getGeometry().data() == d);
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(canvas::getGeometry);
    }

    @Test
    void theMediansAfterTheCountsRepaintNothingNewCountsDo(FxRobot robot) throws Exception {
        HeatmapGeometry counted = shown(data(4, times(-1), true));
        long paints = onFx(canvas::paints);
        HeatmapData timed = data(4, times(60_000_000L), false);
        HeatmapGeometry g = shown(timed);
        assertTrue(g.paintsLike(counted));
        assertEquals(paints, (long) onFx(canvas::paints), "the medians alone are not painted");
        // the tooltips read the new times
        HeatmapGeometry.Cell ab = g.cells().stream().filter(c -> c.row() == 1 && c.col() == 1).findFirst()
                .orElseThrow();
        String text = HeatmapCanvas.cellText(g, ab);
        assertTrue(text.contains("Median time between: 1 min"), text);
        assertFalse(HeatmapCanvas.cellText(counted, ab).contains("1 min"));

        // another count (a → a 4 → 9): a new picture, painted
        HeatmapGeometry recounted = shown(data(9, times(60_000_000L), false));
        assertFalse(recounted.paintsLike(g));
        assertTrue(onFx(canvas::paints) > paints, "new counts are painted");
    }
}
