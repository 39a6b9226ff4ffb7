package org.journeyexplorer.ui.compare;

import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The segment dialog names a journey as the project does: a session, or a case on a case log. */
@ExtendWith(ApplicationExtension.class)
class SegmentEditorFxTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static List<String> choices(FxRobot robot, String journeys) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            SegmentEditorViewModel vm = new SegmentEditorViewModel(new CurrentThreadTaskRunner(),
                    new FakeBackend(), List.of("view", "buy"), null);
            SegmentEditor editor = new SegmentEditor(null, vm, false, journeys);
            return editor.dialog().getDialogPane().lookupAll(".radio-button").stream()
                    .map(n -> ((RadioButton) n).getText() + " / " + ((RadioButton) n).getTooltip().getText())
                    .collect(Collectors.toList());
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theJourneyChoiceSaysCasesOnACaseLog(FxRobot robot) throws Exception {
        assertEquals(List.of("Persons / The conditions hold somewhere in a person's whole history",
                "Sessions / The conditions hold within one session"), choices(robot, "Sessions"));
        assertEquals(List.of("Persons / The conditions hold somewhere in a person's whole history",
                "Cases / The conditions hold within one case"), choices(robot, "Cases"));
    }
}
