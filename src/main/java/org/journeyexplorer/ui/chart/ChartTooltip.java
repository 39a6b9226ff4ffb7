package org.journeyexplorer.ui.chart;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * The hover tooltip of a canvas chart: one {@link Tooltip} shown next to the pointer for the mark under it (canvas
 * marks are not nodes, so {@code Tooltip.install} cannot do this), plus its text as a property tests can read even
 * where no window shows it.
 */
public final class ChartTooltip {
    private final Tooltip tooltip = new Tooltip();
    private final ReadOnlyStringWrapper text;

    /** @param bean the chart owning the {@code tooltipText} property */
    public ChartTooltip(Object bean) {
        text = new ReadOnlyStringWrapper(bean, "tooltipText", "");
        tooltip.setShowDuration(Duration.INDEFINITE);
        tooltip.getStyleClass().add("chart-tooltip");
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    /** Text for the hovered mark ("" when nothing is hovered). */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Shows {@code t} below right of the pointer, or hides the tooltip when {@code t} is empty. */
    public void show(Node owner, MouseEvent e, String t) {
        text.set(t);
        if (t.isEmpty()) {
            tooltip.hide();
        } else {
            tooltip.setText(t);
            if (owner.getScene() != null && owner.getScene().getWindow() != null) {
                tooltip.show(owner, e.getScreenX() + 14, e.getScreenY() + 16);
            }
        }
    }

    /** Hides the tooltip, keeping its text (e.g. while a menu opens). */
    public void hide() {
        tooltip.hide();
    }

    /** Hides the tooltip and clears its text (the pointer left the chart). */
    public void clear() {
        tooltip.hide();
        text.set("");
    }
}
