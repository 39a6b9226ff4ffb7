package org.journeyexplorer.analysis;

/**
 * What flows, funnels and metrics count. {@link #SESSIONS}: every session is its own journey. {@link #PERSONS}:
 * a person's events across all their sessions, in time order, form one journey, so each person counts once.
 */
public enum CountUnit {
    PERSONS,
    SESSIONS;

    /** Start offsets of the units in the frame (length unitCount + 1). */
    int[] starts(EventFrame frame) {
        return this == SESSIONS ? frame.sessionStart : frame.personStart;
    }

    /** Lower-case name for CLI output and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "persons" / "sessions" (case-insensitive, singular accepted). */
    public static CountUnit parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("person") || t.startsWith("user")) {
            return PERSONS;
        }
        if (t.startsWith("session")) {
            return SESSIONS;
        }
        throw new org.journeyexplorer.core.UserFacingException(
                "Count by \"" + text + "\" is not known; use persons or sessions.");
    }
}
