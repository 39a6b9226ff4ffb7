package org.journeyexplorer.analysis;

import java.util.List;

/**
 * The headline numbers of a selection.
 *
 * @param events      included events
 * @param persons     persons with at least one included event
 * @param sessions    sessions with at least one included event
 * @param firstMicros time of the earliest included event (0 when there is none)
 * @param lastMicros  time of the latest included event (0 when there is none)
 * @param topEvents   event types by included events, descending (ties by name)
 */
public record Overview(int events, int persons, int sessions, long firstMicros, long lastMicros,
                       List<TypeCount> topEvents) {
    public Overview {
        topEvents = List.copyOf(topEvents);
    }

    /** An event type and its number of included events. */
    public record TypeCount(String type, int count, double share) {
    }
}
