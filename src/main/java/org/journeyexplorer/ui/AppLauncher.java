package org.journeyexplorer.ui;

import javafx.application.Application;

/** Starts the JavaFX application (kept apart from {@code Main} so the core never loads JavaFX classes). */
public final class AppLauncher {
    /** What JavaFX says when its classes come from the class path, as the app's one jar has them by design. */
    static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";
    /** JavaFX's logger; held here so that the filter {@link #quietClassPathWarning} sets stays with it. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private AppLauncher() {
    }

    public static void launch(String[] args) {
        JitFocus.start();
        quietClassPathWarning();
        warmPreferences();
        if (Boolean.parseBoolean(System.getProperty("je.open.ahead", "true"))) {
            // the project opens (store, frame) while the toolkit starts and the window is built, which need none of it
            java.util.List<String> a = java.util.List.of(args);
            Backends.openAhead(() -> JourneyExplorerApp.projectToOpen(a, AppPreferences.standard()));
        }
        Application.launch(JourneyExplorerApp.class, args);
    }

    /**
     * Drops JavaFX's warning that its classes were loaded from the class path (every start of the jar logged it);
     * every other JavaFX message is logged as before. Formatting that one line (java.util.logging's first record:
     * its date and message formats, the console handler) took 30–37 ms of the toolkit's start, before the window.
     */
    static void quietClassPathWarning() {
        java.util.logging.Filter before = JAVAFX_LOG.getFilter();
        JAVAFX_LOG.setFilter(r -> {
            String m = r.getMessage();
            if (m != null && m.startsWith(CLASS_PATH_WARNING)) {
                return false;
            }
            return before == null || before.isLoggable(r);
        });
    }

    /**
     * Reads the app's preferences ({@link AppPreferences#standard}) on a thread of its own while the toolkit starts,
     * so the FX thread's first read (the window's bounds, before the window is shown) finds them loaded: the first
     * read of a preferences node parses its XML file, about 20 ms of the FX thread otherwise.
     */
    static Thread warmPreferences() {
        Thread t = new Thread(() -> warm(AppPreferences.standard()), "je-prefs");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reads what {@link JourneyExplorerApp#start} reads first. */
    static void warm(AppPreferences prefs) {
        try {
            prefs.windowBounds();
            prefs.windowMaximized();
            prefs.darkTheme();
        } catch (RuntimeException e) {
            // the FX thread reads them again, and handles what fails there
        }
    }
}
