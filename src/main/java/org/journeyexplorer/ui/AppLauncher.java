package org.journeyexplorer.ui;

import javafx.application.Application;

/** Starts the JavaFX application (kept apart from {@code Main} so the core never loads JavaFX classes). */
public final class AppLauncher {
    private AppLauncher() {
    }

    public static void launch(String[] args) {
        JitFocus.start();
        Application.launch(JourneyExplorerApp.class, args);
    }
}
