package org.journeyexplorer.project;

/**
 * A committed change of a project's events, as {@link ProjectSession.Listener}s hear of it.
 *
 * @param kind    what changed them
 * @param version the events version after the change
 * @param events  events in the project after it
 * @param added   events the change added (an append or import), else 0
 */
public record ProjectChange(Kind kind, long version, long events, long added) {

    /** What changed the events. */
    public enum Kind {
        /** A file import committed. */
        IMPORT,
        /** A stream batch committed; cached frames catch up with it when next asked for. */
        APPEND,
        /** An import was removed. */
        REMOVE,
        /** A person's data was erased. */
        ERASE
    }
}
