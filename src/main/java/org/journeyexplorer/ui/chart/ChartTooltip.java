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
 * where no window shows it. The {@link Tooltip} (a popup window with a scene of its own) is made on the first hover
 * that has something to show, not with the chart (issue 16: the Sankey's was made while the window started).
 */
public final class ChartTooltip {
    private Tooltip tooltip;
    private final ReadOnlyStringWrapper text;
    private final double wrapWidth;

    /** @param bean the chart owning the {@code tooltipText} property */
    public ChartTooltip(Object bean) {
        this(bean, 0);
    }

    /**
     * @param bean      the chart owning the {@code tooltipText} property
     * @param wrapWidth the width at which long texts wrap; 0 for none
     */
    public ChartTooltip(Object bean, double wrapWidth) {
        text = new ReadOnlyStringWrapper(bean, "tooltipText", "");
        this.wrapWidth = wrapWidth;
    }

    /** The tooltip, made now if no hover has made it yet. */
    public Tooltip tooltip() {
        if (tooltip == null) {
            tooltip = new Tooltip();
            tooltip.setShowDuration(Duration.INDEFINITE);
            tooltip.getStyleClass().add("chart-tooltip");
            if (wrapWidth > 0) {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(wrapWidth);
            }
        }
        return tooltip;
    }

    /** True once the tooltip is made (on the first hover with something to show, or {@link #tooltip()}). */
    public boolean isMade() {
        return tooltip != null;
    }

    /** Text for the hovered mark ("" when nothing is hovered). */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Shows {@code t} below right of the pointer, or hides the tooltip when {@code t} is empty. */
    public void show(Node owner, MouseEvent e, String t) {
        text.set(t);
        if (t.isEmpty()) {
            hide();
        } else {
            tooltip().setText(t);
            if (owner.getScene() != null && owner.getScene().getWindow() != null) {
                tooltip.show(owner, e.getScreenX() + 14, e.getScreenY() + 16);
            }
        }
    }

    /** Hides the tooltip, keeping its text (e.g. while a menu opens). */
    public void hide() {
        if (tooltip != null) {
            tooltip.hide();
        }
    }

    /** Hides the tooltip and clears its text (the pointer left the chart). */
    public void clear() {
        hide();
        text.set("");
    }
}
