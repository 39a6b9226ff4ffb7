package org.journeyexplorer.ui;

import org.journeyexplorer.session.JourneyScope;

import java.nio.file.Path;

/**
 * The open project as the shell shows it.
 *
 * @param path    where the project lives (what the user opened; also the key in the recent list)
 * @param name    short display name
 * @param events  number of stored events
 * @param journey how the project's journeys are cut (the analyst's saved choice, else guessed from its imports)
 * @param demo    true for the bundled demo data, which a new file should not be mixed into
 */
public record ProjectInfo(Path path, String name, long events, JourneyScope journey, boolean demo) {

    public ProjectInfo {
        java.util.Objects.requireNonNull(journey);
    }

    /** A project of sessions that is not the demo. */
    public ProjectInfo(Path path, String name, long events) {
        this(path, name, events, JourneyScope.SESSION, false);
    }

    /** The same project after its events changed. */
    public ProjectInfo withEvents(long n) {
        return new ProjectInfo(path, name, n, journey, demo);
    }

    public ProjectInfo withJourney(JourneyScope j) {
        return new ProjectInfo(path, name, events, j, demo);
    }
}
