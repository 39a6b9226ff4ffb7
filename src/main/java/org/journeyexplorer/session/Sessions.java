package org.journeyexplorer.session;

/**
 * A session assignment over events sorted by person then time.
 *
 * @param session      session index per event, non-decreasing, 0..count-1
 * @param sessionStart first event of each session, then the number of events (length count + 1)
 */
public record Sessions(int[] session, int[] sessionStart) {

    public int count() {
        return sessionStart.length - 1;
    }
}
