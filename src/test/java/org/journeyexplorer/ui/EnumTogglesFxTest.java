package org.journeyexplorer.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toolbars' two-way link between a row of toggles and a view model's choice, clicked in a real window. */
@ExtendWith(ApplicationExtension.class)
class EnumTogglesFxTest {
    private enum Unit { PERSONS, SESSIONS, CASES }

    private final ObjectProperty<Unit> choice = new SimpleObjectProperty<>(Unit.SESSIONS);
    private final ToggleGroup group = new ToggleGroup();
    private ToggleButton persons;
    private ToggleButton sessions;

    @Start
    void start(Stage stage) {
        persons = new ToggleButton("Persons");
        persons.setId("t-persons");
        sessions = new ToggleButton("Sessions");
        sessions.setId("t-sessions");
        persons.setToggleGroup(group);
        sessions.setToggleGroup(group);
        // the view model already holds a choice when the view is built (a saved view set it)
        EnumToggles.bind(group, choice, Map.of(Unit.PERSONS, persons, Unit.SESSIONS, sessions), persons);
        stage.setScene(new Scene(new HBox(persons, sessions), 300, 80));
        stage.show();
    }

    @Test
    void togglesAndChoiceFollowEachOther(FxRobot robot) throws Exception {
        assertTrue(sessions.isSelected(), "starts from the view model's choice, not the fallback");

        robot.clickOn("#t-persons");
        assertEquals(Unit.PERSONS, choice.get());
        robot.clickOn("#t-persons"); // clicking the selected one again leaves it selected
        assertTrue(persons.isSelected());
        assertSame(persons, group.getSelectedToggle());
        assertEquals(Unit.PERSONS, choice.get());

        WaitForAsyncUtils.asyncFx(() -> choice.set(Unit.SESSIONS)).get(); // a step back, a saved view
        assertTrue(sessions.isSelected());
        assertEquals(Unit.SESSIONS, choice.get());

        // no choice, or one without a toggle here: the fallback is shown and the choice is left as it is
        WaitForAsyncUtils.asyncFx(() -> choice.set(null)).get();
        assertTrue(persons.isSelected());
        WaitForAsyncUtils.asyncFx(() -> choice.set(Unit.CASES)).get();
        assertTrue(persons.isSelected());
        assertEquals(Unit.CASES, choice.get());
    }
}
