package org.journeyexplorer.ui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FullRepaint} in a real window: a change of a watched table's rows sets the scene's fill to a new but equal
 * colour (which repaints the whole window) at the end of each of the next {@link FullRepaint#PULSES} pulses, and no
 * more; while nothing changes, nothing is repainted. Monocle repaints whole frames anyway, so the stale pixels
 * themselves (seen under Xvfb) cannot be shown here: this checks that the repaint is asked for, and only then.
 */
@ExtendWith(ApplicationExtension.class)
class FullRepaintFxTest {
    private static final Color FILL = Color.rgb(250, 250, 250);
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final List<Paint> fills = new ArrayList<>();
    private Scene scene;
    private TableView<String> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>(rows);
        FullRepaint.afterChanges(table, rows);
        scene = new Scene(table, 300, 200, FILL);
        // an invalidation listener: a change listener ignores an equal value, the scene's own repaint does not
        scene.fillProperty().addListener(o -> fills.add(scene.getFill()));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aChangeOfTheRowsRepaintsTheWholeWindowOnTheNextPulsesOnly() throws Exception {
        settle();
        assertEquals(List.of(), fills, "nothing asked before a change");

        WaitForAsyncUtils.asyncFx(() -> rows.setAll("a", "b")).get(5, TimeUnit.SECONDS);
        settle();
        assertEquals(FullRepaint.PULSES, fills.size(), "one new fill per pulse after the change: " + fills);
        for (Paint p : fills) {
            assertEquals(FILL, p, "the window looks the same");
        }
        assertNotSame(fills.get(0), fills.get(1), "a new object each time (an equal one fires too)");
        assertEquals(FILL, scene.getFill());

        settle();
        assertEquals(FullRepaint.PULSES, fills.size(), "idle again: no repaints without changes");

        WaitForAsyncUtils.asyncFx(() -> rows.clear()).get(5, TimeUnit.SECONDS);
        settle();
        assertEquals(2 * FullRepaint.PULSES, fills.size());
    }

    @Test
    void aNodeOutsideAnyWindowAsksNothing() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> FullRepaint.request(new TableView<String>())).get(5, TimeUnit.SECONDS);
        settle();
        assertTrue(fills.isEmpty(), fills.toString());
    }

    /** Lets several pulses pass (a pulse is requested by each repaint still to come). */
    private static void settle() throws Exception {
        for (int i = 0; i < 6; i++) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
