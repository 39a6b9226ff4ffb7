package org.journeyexplorer.session;

import java.util.Arrays;

/**
 * A session assignment over events sorted by person then time: where each session starts. No session per event is
 * kept (an array of the events' size: 46 MB at 11.5 M events, held by every frame); {@link #session()} makes one.
 *
 * @param size         the number of events
 * @param sessionStart first event of each session, then the number of events (length count + 1)
 */
public record Sessions(int size, int[] sessionStart) {

    public Sessions {
        if (sessionStart.length == 0 || sessionStart[sessionStart.length - 1] != size) {
            throw new IllegalArgumentException("the sessions do not end at the events' end");
        }
    }

    public int count() {
        return sessionStart.length - 1;
    }

    /** The session index per event, made now (non-decreasing, 0..count-1). */
    public int[] session() {
        int[] session = new int[size];
        for (int s = 0; s < count(); s++) {
            Arrays.fill(session, sessionStart[s], sessionStart[s + 1], s);
        }
        return session;
    }
}
