package org.journeyexplorer.ui;

import javafx.application.Application;

/** Starts the JavaFX application (kept apart from {@code Main} so the core never loads JavaFX classes). */
public final class AppLauncher {
    private AppLauncher() {
    }

    public static void launch(String[] args) {
        JitFocus.start();
        if (Boolean.parseBoolean(System.getProperty("je.open.ahead", "true"))) {
            // the project opens (store, frame) while the toolkit starts and the window is built, which need none of it
            java.util.List<String> a = java.util.List.of(args);
            Backends.openAhead(() -> JourneyExplorerApp.projectToOpen(a, AppPreferences.standard()));
        }
        Application.launch(JourneyExplorerApp.class, args);
    }
}
