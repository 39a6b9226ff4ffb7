package org.journeyexplorer.ui.chart;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chart's tooltip (a popup window with a scene of its own) is made on the first hover with something to show, not
 * with the chart: the Sankey's was made while the window started (issue 16).
 */
@ExtendWith(ApplicationExtension.class)
class ChartTooltipFxTest {

    @Start
    void start(Stage stage) {
    }

    @Test
    void theTooltipIsMadeOnTheFirstHoverWithAText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ChartTooltip tip = new ChartTooltip(this, 420);
            Region owner = new Region(); // in no window: the text is kept, nothing is shown
            MouseEvent e = new MouseEvent(MouseEvent.MOUSE_MOVED, 5, 5, 5, 5, MouseButton.NONE, 0, false, false,
                    false, false, false, false, false, false, false, false, null);
            assertFalse(tip.isMade());
            tip.show(owner, e, ""); // over no mark
            tip.hide();
            tip.clear();
            assertFalse(tip.isMade(), "made with nothing to show");

            tip.show(owner, e, "search — step 1");
            assertTrue(tip.isMade());
            assertEquals("search — step 1", tip.tooltip().getText());
            assertEquals("search — step 1", tip.textProperty().get());
            assertTrue(tip.tooltip().isWrapText());
            assertEquals(420, tip.tooltip().getMaxWidth());
            tip.clear();
            assertEquals("", tip.textProperty().get());
            return null;
        }).get();
    }
}
