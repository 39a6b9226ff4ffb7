package org.journeyexplorer.store;

import java.time.Instant;
import java.util.BitSet;

/**
 * Persons, event types and time range of a range of stored events, computed from loaded columns (for example
 * the events several imports just added). Persons are counted like {@link ImportResult#persons()}: identities
 * that occur together on an event are one person.
 */
public record EventSummary(int events, int persons, int eventTypes, Instant firstTime, Instant lastTime) {

    /** Summary of rows {@code [from, to)} of the columns. */
    public static EventSummary of(EventColumns c, int from, int to) {
        int[] parent = new int[c.identities().length];
        BitSet seen = new BitSet();
        BitSet types = new BitSet();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int u = c.user()[i];
            int a = c.anonymous()[i];
            if (u >= 0 && !seen.get(u)) {
                seen.set(u);
                parent[u] = u;
            }
            if (a >= 0 && !seen.get(a)) {
                seen.set(a);
                parent[a] = a;
            }
            if (u >= 0 && a >= 0) {
                int ru = find(parent, u);
                int ra = find(parent, a);
                if (ru != ra) {
                    parent[ru] = ra;
                }
            }
            types.set(c.eventType()[i]);
            min = Math.min(min, c.timeMicros()[i]);
            max = Math.max(max, c.timeMicros()[i]);
        }
        int persons = 0;
        for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
            if (find(parent, i) == i) {
                persons++;
            }
        }
        return new EventSummary(to - from, persons, types.cardinality(), to > from ? micros(min) : null,
                to > from ? micros(max) : null);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
