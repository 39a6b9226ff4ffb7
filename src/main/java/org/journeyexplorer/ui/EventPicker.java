package org.journeyexplorer.ui;

import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.controlsfx.control.SearchableComboBox;

/**
 * A searchable event picker that shows {@code items} and follows {@code target} both ways. Use it instead of a
 * SearchableComboBox bound to changing items: a SearchableComboBox whose items change while it holds a value
 * re-selects through its inner filtered list before that list has caught up, which throws
 * IndexOutOfBoundsException on the FX thread (Flows after every import or project switch; Compare when a project
 * opened with a start event chosen) and leaves the picker blank. The box gets a copy of the items, replaced with no
 * value set, and the value is put back afterwards.
 */
public final class EventPicker {
    private EventPicker() {
    }

    /** The picker; the caller sets its id, widths and converter. */
    public static SearchableComboBox<String> of(ObservableList<String> items, StringProperty target) {
        ObservableList<String> shown = FXCollections.observableArrayList(items);
        SearchableComboBox<String> box = new SearchableComboBox<>(shown);
        box.setValue(target.get());
        boolean[] replacing = {false};
        // true while the box shows the right events in an older order, to be put in order when it is next used
        boolean[] reordered = {false};
        Runnable showItems = () -> {
            reordered[0] = false;
            if (shown.equals(items)) {
                return;
            }
            replacing[0] = true;
            try {
                box.setValue(null);
                shown.setAll(items);
            } finally {
                replacing[0] = false;
            }
            box.setValue(target.get());
        };
        box.valueProperty().addListener((o, a, b) -> {
            if (!replacing[0] && b != null && !b.equals(target.get())) {
                target.set(b);
            }
        });
        target.addListener((o, a, b) -> {
            if (reordered[0]) {
                showItems.run();
            }
            if (b != null && !b.equals(box.getValue())) {
                box.setValue(b);
            }
        });
        items.addListener((ListChangeListener<String>) c -> {
            if (!box.isFocusWithin() && !box.isShowing() && sameEvents(shown, items)) {
                // the same events in another order (a filter changed their frequencies), while nobody uses the
                // box: it keeps its items and value until it is next used. Replacing them, even with the value put
                // back, restyles its cell, and a pulse with only that to sync repaints the whole window (issue 16)
                reordered[0] = !shown.equals(items);
                return;
            }
            showItems.run();
        });
        box.focusWithinProperty().addListener((o, a, now) -> {
            if (now && reordered[0]) {
                showItems.run();
            }
        });
        return box;
    }

    /** Whether both lists hold the same events (each list holds an event once). */
    private static boolean sameEvents(java.util.List<String> a, java.util.List<String> b) {
        return a.size() == b.size() && new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }
}
