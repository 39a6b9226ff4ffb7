package org.journeyexplorer.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/** Help ▸ Getting started and Help ▸ Keyboard shortcuts. */
final class HelpDialog {
    private HelpDialog() {
    }

    /** A few steps that get a new analyst from a file to an answer. */
    static final String GUIDE = """
            1. Import a file: File ▸ Import… (Ctrl+I) or drop it on the window. CSV, TSV, JSON Lines, JSON and XES \
            are read; the dialog finds the person, time and event columns and shows how the first rows will be \
            imported. A file that is not part of the open project gets a project of its own.

            2. Look at the journeys. Flows shows where journeys go from their start (or from an event); \
            Transitions what follows what; Funnels how many reach each step; Process map the paths of a process; \
            Compare two segments side by side; Overview the headline numbers; Predictions the likely next steps.

            3. Narrow down with the left panel: dates, a property value, event types to hide, and whether a \
            journey is a whole case or a session. Every tab follows.

            4. Click a node, a bar or a cell to see the journeys behind it in the Journeys tab; right-click for \
            more (start here, hide this event, export).

            5. Go back and forward with Alt+Left and Alt+Right, save what you see with View ▸ Save View…, and \
            find it again under View ▸ Saved views. A project reopens where you left it.

            6. Export any chart as PNG, SVG or CSV from File ▸ Export or its right-click menu. The project panel \
            lists the imported files; remove one there if it did not belong.""";

    static void showGuide(Window owner) {
        Label text = new Label(GUIDE);
        text.setWrapText(true);
        text.setId("help-guide");
        VBox box = new VBox(text);
        box.setStyle("-fx-padding: 18;");
        show(owner, "Getting started", box, 620, 520);
    }

    /** Every menu command with a keyboard shortcut, as {shortcut, "Menu ▸ Command"}, in menu order. */
    static List<String[]> shortcuts(MenuBar bar) {
        List<String[]> out = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            collect(m.getText(), m.getItems(), out);
        }
        out.add(new String[]{"Esc", "Clear a search field"});
        out.add(new String[]{"Mouse back / forward", "View ▸ Back / Forward"});
        return out;
    }

    private static void collect(String path, List<MenuItem> items, List<String[]> out) {
        for (MenuItem i : items) {
            if (i instanceof Menu sub) {
                collect(path + " ▸ " + sub.getText(), sub.getItems(), out);
            } else if (i.getAccelerator() != null) {
                out.add(new String[]{i.getAccelerator().getDisplayText(), path + " ▸ " + i.getText()});
            }
        }
    }

    static void showShortcuts(Window owner, MenuBar bar) {
        TableView<String[]> table = new TableView<>();
        table.setId("help-shortcuts");
        table.getItems().setAll(shortcuts(bar));
        TableColumn<String[], String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[0]));
        keys.setPrefWidth(170);
        TableColumn<String[], String> what = new TableColumn<>("Command");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[1]));
        what.setPrefWidth(330);
        table.getColumns().addAll(List.of(keys, what));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setStyle("-fx-padding: 12;");
        show(owner, "Keyboard shortcuts", box, 540, 560);
    }

    private static void show(Window owner, String title, VBox content, double w, double h) {
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle(title);
        Scene scene = new Scene(content, w, h);
        Theme.style(scene);
        s.setScene(scene);
        s.show();
    }
}
