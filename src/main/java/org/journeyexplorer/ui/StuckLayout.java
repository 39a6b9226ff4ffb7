package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * A guard against a layout request that JavaFX loses inside nested split panes. Seen on the Journeys tab of a case
 * log (sepsis.csv opened on that tab): the first case was selected and the Sessions and Events tables held its rows,
 * yet they showed "Select a person." for good. The table and the box around it were marked as needing layout while
 * the split pane's content region above them was not, so no layout pass ever reached them (still so 8 s later; a
 * further {@code requestLayout()} on the table stops at the box, already marked). After each change of the rows, on
 * a later turn of the FX thread, this asks for layout at the first ancestor that is not marked, which takes the
 * next pass down to the table. It costs one layout request per change and nothing when the chain is intact.
 * How the request is lost was not found: a pane marked alone ({@code setNeedsLayout(true)}) or a sibling asking
 * during its parent's pass is laid out by the next pass in a test window; only the app's tab stayed stuck, in every
 * one of four screenshots before this and none of two after.
 */
public final class StuckLayout {
    private StuckLayout() {
    }

    /** Watches {@code rows}, shown by {@code view}: after each change, a stuck layout chain above the view is mended. */
    public static void mendAfterChanges(Node view, ObservableList<?> rows) {
        rows.addListener((ListChangeListener<Object>) c -> Platform.runLater(() -> mend(view)));
    }

    /**
     * Asks for layout at the first ancestor of {@code view} (or the view) not marked as needing it, when the view is
     * marked: returns that node, or null when nothing was stuck.
     */
    static Parent mend(Node view) {
        if (!(view instanceof Parent p) || !p.isNeedsLayout() || p.getScene() == null) {
            return null;
        }
        while (p.getParent() != null && p.isNeedsLayout()) {
            p = p.getParent();
        }
        p.requestLayout();
        return p;
    }
}
