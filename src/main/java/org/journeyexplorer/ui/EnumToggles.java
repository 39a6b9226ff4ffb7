package org.journeyexplorer.ui;

import java.util.Map;
import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;

/**
 * Two-way link between a group of toggles (a segmented button, radio buttons) and a view model's choice, for the
 * toolbars' "Persons | Sessions", "Flows | Funnel | Overview" and the like. The toggles start from the view model
 * (a saved view or a step back may have set it before the view was built), a click sets the view model, a change
 * of the view model selects its toggle, and one toggle always stays selected (clicking the selected one again
 * does not leave the group empty). Only a click changes the view model: a choice without a toggle shows the
 * fallback and stays as it is.
 */
public final class EnumToggles {
    private EnumToggles() {
    }

    /**
     * @param toggles  each choice's toggle, all in {@code group}
     * @param fallback the toggle shown while the view model holds no choice, or one that has no toggle here
     */
    public static <E> void bind(ToggleGroup group, ObjectProperty<E> choice, Map<E, ? extends Toggle> toggles,
                                Toggle fallback) {
        Objects.requireNonNull(fallback, "fallback");
        boolean[] showing = {false};
        Runnable show = () -> {
            Toggle t = choice.get() == null ? null : toggles.get(choice.get());
            showing[0] = true; // showing the fallback does not write it into the view model
            try {
                (t == null ? fallback : t).setSelected(true);
            } finally {
                showing[0] = false;
            }
        };
        show.run();
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (showing[0]) {
                return;
            }
            if (now == null) {
                if (was != null) {
                    was.setSelected(true); // one is always selected
                }
                return;
            }
            for (Map.Entry<E, ? extends Toggle> e : toggles.entrySet()) {
                if (e.getValue() == now) {
                    choice.set(e.getKey());
                    return;
                }
            }
        });
        choice.addListener((o, was, now) -> show.run());
    }
}
