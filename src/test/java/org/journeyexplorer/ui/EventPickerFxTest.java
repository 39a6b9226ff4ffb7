package org.journeyexplorer.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The event picker follows its items. The same events in another order, while the box is not in use, leave it as
 * it is (its value never leaves it, so its cell is not restyled) until it is used; other events replace its items
 * at once and keep the chosen value.
 */
@ExtendWith(ApplicationExtension.class)
class EventPickerFxTest {
    private final ObservableList<String> items = FXCollections.observableArrayList("home", "search", "buy", "about");
    private final StringProperty target = new SimpleStringProperty("search");
    private SearchableComboBox<String> box;
    private Button elsewhere;

    @Start
    void start(Stage stage) {
        box = EventPicker.of(items, target);
        elsewhere = new Button("elsewhere");
        stage.setScene(new Scene(new VBox(elsewhere, box), 300, 120));
        stage.show();
        elsewhere.requestFocus();
    }

    @Test
    void anotherOrderWaitsUntilTheBoxIsUsedAndOtherEventsComeAtOnce(FxRobot robot) {
        List<String> values = new ArrayList<>();
        robot.interact(() -> box.valueProperty().addListener((o, a, b) -> values.add(b)));
        robot.interact(() -> items.setAll("buy", "home", "about", "search"));
        assertEquals(List.of(), values, "the value never left the box");
        assertEquals("search", box.getValue());
        assertEquals(List.of("home", "search", "buy", "about"), new ArrayList<>(box.getItems()), "not yet reordered");

        // used: the box shows the events in their new order, with the same value
        robot.interact(() -> box.requestFocus());
        assertEquals(List.of("buy", "home", "about", "search"), new ArrayList<>(box.getItems()));
        assertEquals("search", box.getValue());
        assertEquals("search", target.get());

        // other events while not in use: replaced at once, the value kept
        robot.interact(() -> elsewhere.requestFocus());
        robot.interact(() -> items.setAll("search", "pay"));
        assertEquals(List.of("search", "pay"), new ArrayList<>(box.getItems()));
        assertEquals("search", box.getValue());

        // reordered, then the view picks another start: the box shows the new order and that value
        robot.interact(() -> items.setAll("pay", "search"));
        robot.interact(() -> target.set("pay"));
        assertEquals(List.of("pay", "search"), new ArrayList<>(box.getItems()));
        assertEquals("pay", box.getValue());

        // a choice in the box reaches the target
        robot.interact(() -> box.setValue("search"));
        assertEquals("search", target.get());
    }
}
