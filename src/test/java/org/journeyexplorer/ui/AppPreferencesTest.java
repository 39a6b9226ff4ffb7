package org.journeyexplorer.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AppPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("org/journeyexplorer/unit-" + ProcessHandle.current().pid());
    private final AppPreferences prefs = new AppPreferences(node);

    @AfterEach
    void tearDown() throws Exception {
        node.removeNode();
    }

    @Test
    void recentProjectsAreMostRecentFirstWithoutDuplicatesAndCapped() {
        assertNull(prefs.lastProject());
        for (int i = 0; i < 10; i++) {
            prefs.projectOpened(Path.of("/p/" + i));
        }
        prefs.projectOpened(Path.of("/p/3"));
        List<Path> recent = prefs.recentProjects();
        assertEquals(8, recent.size());
        assertEquals(Path.of("/p/3"), recent.get(0));
        assertEquals(Path.of("/p/9"), recent.get(1));
        assertEquals(1, recent.stream().filter(p -> p.equals(Path.of("/p/3"))).count());
        assertEquals(Path.of("/p/3"), prefs.lastProject());
    }

    @Test
    void windowBoundsAndThemeRoundTrip() {
        assertNull(prefs.windowBounds());
        prefs.setWindowBounds(10, 20, 1200, 700, true);
        prefs.setDarkTheme(true);
        AppPreferences again = new AppPreferences(node);
        assertArrayEquals(new double[]{10, 20, 1200, 700}, again.windowBounds());
        assertEquals(true, again.windowMaximized());
        assertEquals(true, again.darkTheme());
    }
}
