package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * Toolbars that run out of room shrink what can shrink (search fields, event pickers, chips) and never cut a label
 * or button to "St…" / "Sessi…": those keep their preferred width.
 */
public final class Toolbars {
    private Toolbars() {
    }

    /**
     * Gives every label, button, check box, choice box and spinner in {@code bar} (and in boxes inside it that are
     * not listed in {@code shrinkable}) its preferred width as its least width. Nodes in {@code shrinkable} and
     * combo boxes keep theirs, so they give way first.
     */
    public static <T extends Pane> T keepLabelsWhole(T bar, Node... shrinkable) {
        java.util.Set<Node> skip = java.util.Set.of(shrinkable);
        for (Node n : bar.getChildren()) {
            keep(n, skip);
        }
        return bar;
    }

    private static void keep(Node n, java.util.Set<Node> skip) {
        if (skip.contains(n)) {
            return;
        }
        if (n instanceof Labeled || n instanceof ChoiceBox<?> || n instanceof Spinner<?>
                || n instanceof org.controlsfx.control.SegmentedButton) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        } else if (n instanceof Pane p) {
            p.getChildren().forEach(c -> keep(c, skip));
        }
    }
}
