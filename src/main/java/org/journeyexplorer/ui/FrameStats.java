package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Metrics;
import org.journeyexplorer.analysis.Overview;
import org.journeyexplorer.analysis.Selection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

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

    /** The project panel's numbers: {@link Metrics#overview} with the counts of every event type by index. */
    public static FrameStats of(Selection sel) {
        EventFrame f = sel.frame();
        Overview o = Metrics.overview(sel, f.typeCount());
        Map<String, Integer> index = new HashMap<>();
        for (int t = 0; t < f.typeCount(); t++) {
            index.put(f.typeNames[t], t);
        }
        long[] typeCounts = new long[f.typeCount()];
        for (Overview.TypeCount tc : o.topEvents()) {
            typeCounts[index.get(tc.type())] = tc.count();
        }
        return new FrameStats(o.events(), o.persons(), o.sessions(), typeCounts,
                o.events() == 0 ? null : micros(o.firstMicros()), o.events() == 0 ? null : micros(o.lastMicros()));
    }

    public static Instant micros(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }
}
