package org.journeyexplorer.ui;

import javafx.scene.Scene;

/**
 * Light and dark theme: both use the same stylesheets; the dark theme only adds the {@code dark} style class on
 * the root, which redefines the colour tokens (see app.css). Dialogs call {@link #style(Scene)} to match;
 * feature views add their own stylesheet to their root node ({@link #stylesheet(String)}).
 */
public final class Theme {
    private static boolean dark;

    private Theme() {
    }

    public static void apply(Scene scene, boolean darkTheme) {
        dark = darkTheme;
        style(scene);
    }

    /** Adds the app's stylesheets and the current theme to any scene (dialogs, popups). */
    public static void style(Scene scene) {
        String css = Theme.class.getResource("app.css").toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().remove("dark");
            if (dark) {
                scene.getRoot().getStyleClass().add("dark");
            }
        }
    }

    /** Styles an alert or dialog like the main window (its pane becomes the root of the dialog's scene). */
    public static void style(javafx.scene.control.DialogPane pane) {
        pane.getStylesheets().add(stylesheet("app.css"));
        if (dark) {
            pane.getStyleClass().add("dark");
        }
    }

    /** The URL of a stylesheet next to this class, e.g. {@code "journeys.css"}. */
    public static String stylesheet(String name) {
        return Theme.class.getResource(name).toExternalForm();
    }

    public static boolean isDark() {
        return dark;
    }
}
