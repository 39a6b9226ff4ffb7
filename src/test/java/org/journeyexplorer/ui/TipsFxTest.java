package org.journeyexplorer.ui;

import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.project.ProjectPanelView;
import org.journeyexplorer.ui.project.ProjectPanelViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The project panel's tooltips are made when the pointer first comes over their control (issue 16: each tooltip is a
 * popup window with a scene, about 55 ms of the window's start in all), and then show as any tooltip does.
 */
@ExtendWith(ApplicationExtension.class)
class TipsFxTest {
    private ProjectPanelView panel;

    @Start
    void start(Stage stage) {
        AppModel model = new AppModel(new FakeBackend(), new CurrentThreadTaskRunner());
        panel = new ProjectPanelView(new ProjectPanelViewModel(model));
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(panel.getRoot()), 320, 900));
        stage.show();
    }

    @Test
    void aTooltipIsMadeOnTheFirstHoverAndShows(FxRobot robot) throws Exception {
        // none is made before the pointer comes over it
        for (String id : new String[]{"#identity-email-joins", "#identity-phone-joins", "#filter-stitching",
                "#filter-last"}) {
            CheckBox c = robot.lookup(id).queryAs(CheckBox.class);
            assertNull(WaitForAsyncUtils.asyncFx(c::getTooltip).get(), id);
        }
        CheckBox email = robot.lookup("#identity-email-joins").queryAs(CheckBox.class);
        robot.moveTo(robot.lookup("#summary-events").queryAs(Label.class));
        robot.moveTo(email);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            Tooltip t = email.getTooltip();
            return t != null && t.isShowing();
        });
        assertEquals("Off: an e-mail address stays with the first account it was seen with, and the other account"
                + " is listed as refused", WaitForAsyncUtils.asyncFx(() -> email.getTooltip().getText()).get());
    }
}
