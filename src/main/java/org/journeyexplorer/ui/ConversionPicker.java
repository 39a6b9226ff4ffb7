package org.journeyexplorer.ui;

import javafx.scene.control.ComboBox;

/**
 * The conversion-event picker that Journeys and Overview both show: bound both ways to
 * {@link AppModel#conversionEventProperty()}, listing the frame's event names and refilled when the frame changes.
 */
public final class ConversionPicker {
    private ConversionPicker() {
    }

    public static ComboBox<String> create(AppModel model, String id, String prompt) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText(prompt);
        box.valueProperty().bindBidirectional(model.conversionEventProperty());
        model.frameProperty().addListener((o, a, f) -> fill(box, f));
        fill(box, model.getFrame());
        return box;
    }

    private static void fill(ComboBox<String> box, org.journeyexplorer.analysis.EventFrame f) {
        String v = box.getValue(); // setAll may clear the value when it is not among the old items
        box.getItems().setAll(AppModel.sortedTypeNames(f));
        box.setValue(v);
    }
}
