package org.journeyexplorer.ui;

import org.journeyexplorer.project.ProjectSession;

import java.nio.file.Path;

/** Where projects live on disk and how their files are named. */
public final class ProjectFiles {
    /** A project is one H2 database file. */
    public static final String EXTENSION = ProjectSession.EXTENSION;

    private ProjectFiles() {
    }

    /** Appends the extension when the user typed a bare name. */
    public static Path normalize(Path p) {
        return ProjectSession.projectFile(p);
    }

    /** Display name: the file name without extension. */
    public static String displayName(Path p) {
        return ProjectSession.displayName(p);
    }

    /** The per-user data directory ({@code ~/.journey-explorer}, or the system property {@code je.data.dir}). */
    public static Path dataDir() {
        String d = System.getProperty("je.data.dir");
        return d != null ? Path.of(d) : Path.of(System.getProperty("user.home"), ".journey-explorer");
    }

    /** The demo project created on first start. */
    public static Path demoProject() {
        return dataDir().resolve("demo" + EXTENSION);
    }
}
