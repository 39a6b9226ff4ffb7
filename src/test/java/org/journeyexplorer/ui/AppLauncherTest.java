package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.prefs.AbstractPreferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the launcher does before the toolkit starts. */
class AppLauncherTest {
    @Test
    void javaFxsClassPathWarningIsDroppedAndItsOtherMessagesAreNot() {
        Logger javafx = Logger.getLogger("javafx");
        List<String> seen = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        javafx.addHandler(h);
        try {
            AppLauncher.quietClassPathWarning();
            // as PlatformImpl.startup logs it when JavaFX's classes come from the class path (the app's jar)
            System.getLogger("javafx").log(System.Logger.Level.WARNING,
                    "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @21f7fa32'");
            System.getLogger("javafx").log(System.Logger.Level.WARNING, "Something else went wrong");
            javafx.log(Level.SEVERE, "A failure");
            Logger.getLogger("javafx.css").warning("Could not resolve '-x' while resolving lookups");
            assertEquals(List.of("WARNING Something else went wrong", "SEVERE A failure",
                    "WARNING Could not resolve '-x' while resolving lookups"), seen);
        } finally {
            javafx.removeHandler(h);
        }
    }

    @Test
    void preferencesAreWarmedByReadingWhatTheWindowReadsFirstWithoutWritingAnything() throws Exception {
        List<String> read = new ArrayList<>();
        List<String> written = new ArrayList<>();
        AbstractPreferences node = new AbstractPreferences(null, "") {
            @Override
            protected void putSpi(String key, String value) {
                written.add(key);
            }

            @Override
            protected String getSpi(String key) {
                read.add(key);
                return key.equals("window.w") ? "900" : null;
            }

            @Override
            protected void removeSpi(String key) {
                written.add(key);
            }

            @Override
            protected void removeNodeSpi() {
            }

            @Override
            protected String[] keysSpi() {
                return new String[0];
            }

            @Override
            protected String[] childrenNamesSpi() {
                return new String[0];
            }

            @Override
            protected AbstractPreferences childSpi(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected void syncSpi() {
            }

            @Override
            protected void flushSpi() {
            }
        };
        AppLauncher.warm(new AppPreferences(node));
        assertTrue(read.containsAll(List.of("window.w", "window.x", "window.y", "window.h", "window.maximized",
                "theme.dark")), read.toString());
        assertEquals(List.of(), written);
        // and on a thread of its own, on the app's own node (one of this test's here, never a user's)
        String appNode = "org/journeyexplorer/unit-launcher-" + ProcessHandle.current().pid();
        String before = System.getProperty("je.prefs.node");
        System.setProperty("je.prefs.node", appNode);
        try {
            Thread t = AppLauncher.warmPreferences();
            t.join(10_000);
            assertEquals("je-prefs", t.getName());
            assertTrue(!t.isAlive() && t.isDaemon());
        } finally {
            if (before == null) {
                System.clearProperty("je.prefs.node");
            } else {
                System.setProperty("je.prefs.node", before);
            }
            java.util.prefs.Preferences.userRoot().node(appNode).removeNode();
        }
    }
}
