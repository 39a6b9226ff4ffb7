package org.journeyexplorer.ui.chart;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/**
 * What a chart shows while its layout is still being computed ({@link LayoutScheduler#pendingProperty()}): on a busy
 * machine that can take seconds after the data arrived, and an empty chart area with a still spinner looked broken.
 */
public final class LayoutPending {

    public static final String TEXT = "Laying out the chart…";

    private LayoutPending() {
    }

    /**
     * A note for the chart area, shown while there is data but nothing painted yet because its first layout is
     * pending. Once a chart is painted, a newer layout replaces it in place and only the toolbar spinner turns.
     */
    public static Label note(ObservableBooleanValue pending, ObservableValue<?> geometry, ObservableValue<?> data) {
        Label note = new Label(TEXT);
        note.getStyleClass().addAll("chart-message", "layout-pending");
        note.setMouseTransparent(true);
        note.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> pending.get() && geometry.getValue() == null && data.getValue() != null,
                pending, geometry, data));
        return note;
    }

    /** The toolbar spinner's condition: the view model computing, or the chart laying out its result. */
    public static BooleanBinding busy(ObservableBooleanValue computing, ObservableBooleanValue pending) {
        return Bindings.or(computing, pending);
    }
}
