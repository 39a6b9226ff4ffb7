package org.journeyexplorer.project;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.store.ImportResult;

import java.time.Instant;
import java.util.BitSet;

/**
 * Persons, event types and time range of a range of stored events, computed from loaded columns (for example
 * the events several imports just added). Persons are counted like {@link ImportResult#persons()}.
 */
public record EventSummary(int events, int persons, int eventTypes, Instant firstTime, Instant lastTime) {

    /** Summary of rows {@code [from, to)} of the columns. */
    public static EventSummary of(EventColumns c, int from, int to) {
        BitSet seen = new BitSet();
        BitSet anonymousWithUser = new BitSet();
        boolean rowWithoutIds = false;
        BitSet types = new BitSet();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int u = c.user().get(i);
            int a = c.anonymous().get(i);
            if (u >= 0) {
                seen.set(u);
            }
            if (a >= 0) {
                seen.set(a);
                if (u >= 0) {
                    anonymousWithUser.set(a);
                }
            }
            rowWithoutIds |= u < 0 && a < 0;
            types.set(c.eventType()[i]);
            min = Math.min(min, c.timeMicros()[i]);
            max = Math.max(max, c.timeMicros()[i]);
        }
        seen.andNot(anonymousWithUser);
        return new EventSummary(to - from, seen.cardinality() + (rowWithoutIds ? 1 : 0), types.cardinality(),
                to > from ? micros(min) : null, to > from ? micros(max) : null);
    }

    static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
