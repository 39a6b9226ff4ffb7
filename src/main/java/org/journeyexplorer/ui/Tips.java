package org.journeyexplorer.ui;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first comes over their control, not with the window. Each {@link Tooltip} is a
 * popup window with a scene of its own; the 60 or so the window's start made (the project panel's, the identity
 * panel's, the shown tab's toolbar) took about 55 ms of the FX thread while the 5 M project opened (issue 16), for
 * tooltips that are mostly never seen. The tooltip is made on the pointer's entry, so the move that entered reaches
 * its handlers and it shows after the usual delay.
 */
public final class Tips {
    private Tips() {
    }

    /** Gives {@code c} a tooltip of {@code text} once the pointer first comes over it. */
    public static void set(Control c, String text) {
        onFirstEntry(c, () -> c.setTooltip(new Tooltip(text)));
    }

    /** Gives {@code c} a tooltip that follows {@code text} once the pointer first comes over it. */
    public static void bind(Control c, ObservableValue<String> text) {
        onFirstEntry(c, () -> {
            Tooltip t = new Tooltip();
            t.textProperty().bind(text);
            c.setTooltip(t);
        });
    }

    private static void onFirstEntry(Control c, Runnable make) {
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                c.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (c.getTooltip() == null) { // one set meanwhile stays
                    make.run();
                }
            }
        });
    }
}
