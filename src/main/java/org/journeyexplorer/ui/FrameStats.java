package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;

import java.time.Instant;

/**
 * Counts over a selection that several views show (summary, status bar, overview), computed in one pass.
 *
 * @param events     included events
 * @param persons    persons with at least one included event
 * @param sessions   sessions with at least one included event
 * @param typeCounts included events per event type index
 * @param first      earliest included event, or null when none
 * @param last       latest included event, or null when none
 */
public record FrameStats(long events, int persons, int sessions, long[] typeCounts, Instant first, Instant last) {

    /** One pass over the frame; O(events). */
    public static FrameStats of(Selection sel) {
        EventFrame f = sel.frame();
        long[] typeCounts = new long[f.typeCount()];
        long events = 0;
        int persons = 0;
        int sessions = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int lastPerson = -1;
        int lastSession = -1;
        for (int i = 0; i < f.size; i++) {
            if (!sel.includes(i)) {
                continue;
            }
            events++;
            typeCounts[f.type[i]]++;
            long t = f.time[i];
            if (t < min) {
                min = t;
            }
            if (t > max) {
                max = t;
            }
            if (f.person[i] != lastPerson) {
                lastPerson = f.person[i];
                persons++;
            }
            if (f.session[i] != lastSession) {
                lastSession = f.session[i];
                sessions++;
            }
        }
        return new FrameStats(events, persons, sessions, typeCounts,
                events == 0 ? null : micros(min), events == 0 ? null : micros(max));
    }

    public static Instant micros(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }
}
