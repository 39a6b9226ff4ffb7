package org.journeyexplorer.ui.chart;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A lone change of a chart control runs its computation at once (no 120 ms wait before a re-query starts); a burst
 * (a spinner held down) runs its first request at once and then only its newest, once things are quiet.
 */
@ExtendWith(ApplicationExtension.class)
class DebouncerFxTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void aLoneRequestRunsAtOnceAndABurstRunsItsFirstAndItsNewest(FxRobot robot) throws Exception {
        Debouncer debouncer = Debouncer.fx(300);
        List<String> ran = new CopyOnWriteArrayList<>();
        List<String> seenRightAfter = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            debouncer.request(() -> ran.add("lone"));
            seenRightAfter.addAll(ran);
        });
        assertEquals(List.of("lone"), seenRightAfter, "a lone request runs before request() returns");

        Thread.sleep(600); // quiet again
        robot.interact(() -> {
            debouncer.request(() -> ran.add("first"));
            debouncer.request(() -> ran.add("second"));
            debouncer.request(() -> ran.add("third"));
        });
        assertEquals(List.of("lone", "first"), ran, "the burst's first ran at once, the rest wait");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 3);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("lone", "first", "third"), ran, "only the newest of the burst ran after the quiet");
    }
}
