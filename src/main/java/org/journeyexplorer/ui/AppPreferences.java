package org.journeyexplorer.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (window bounds, theme, last project, recent projects), in
 * {@link Preferences}. The node is {@code org/journeyexplorer/app} unless the system property
 * {@code je.prefs.node} names another one (tests use their own node so they never touch a user's settings).
 */
public final class AppPreferences {
    private static final int MAX_RECENT = 8;
    private final Preferences prefs;

    public AppPreferences(Preferences prefs) {
        this.prefs = prefs;
    }

    public static AppPreferences standard() {
        return new AppPreferences(Preferences.userRoot().node(System.getProperty("je.prefs.node", "org/journeyexplorer/app")));
    }

    /** Window bounds x, y, width, height, or null when never saved. */
    public double[] windowBounds() {
        double w = prefs.getDouble("window.w", -1);
        if (w <= 0) {
            return null;
        }
        return new double[]{prefs.getDouble("window.x", 0), prefs.getDouble("window.y", 0), w,
                prefs.getDouble("window.h", 800)};
    }

    public void setWindowBounds(double x, double y, double w, double h, boolean maximized) {
        prefs.putDouble("window.x", x);
        prefs.putDouble("window.y", y);
        prefs.putDouble("window.w", w);
        prefs.putDouble("window.h", h);
        prefs.putBoolean("window.maximized", maximized);
    }

    public boolean windowMaximized() {
        return prefs.getBoolean("window.maximized", false);
    }

    public boolean darkTheme() {
        return prefs.getBoolean("theme.dark", false);
    }

    public void setDarkTheme(boolean dark) {
        prefs.putBoolean("theme.dark", dark);
    }

    /** The project open when the app last closed, or null. */
    public Path lastProject() {
        String s = prefs.get("project.last", null);
        return s == null ? null : Path.of(s);
    }

    /** Remembers {@code p} as the last project and moves it to the top of the recent list. */
    public void projectOpened(Path p) {
        String s = p.toAbsolutePath().toString();
        prefs.put("project.last", s);
        List<Path> recent = new ArrayList<>(recentProjects());
        recent.remove(Path.of(s));
        recent.add(0, Path.of(s));
        prefs.put("project.recent", String.join("\n", recent.stream().limit(MAX_RECENT).map(Path::toString).toList()));
    }

    /** Recently opened projects, most recent first. */
    public List<Path> recentProjects() {
        String s = prefs.get("project.recent", "");
        return s.isBlank() ? List.of() : s.lines().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    public void clearRecent() {
        prefs.remove("project.recent");
    }

    public void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // losing window bounds is not worth bothering the user about
        }
    }
}
