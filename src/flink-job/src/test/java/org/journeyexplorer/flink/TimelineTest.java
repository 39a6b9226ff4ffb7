package org.journeyexplorer.flink;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The session rule of the job, by hand: gaps, the close time, releasing in time order, merging a device. */
class TimelineTest {
    private static final long MIN = 60_000_000L;

    @Test
    void aGapEqualToTheTimeoutStaysAGreaterOneCuts() {
        Timeline t = new Timeline();
        assertNull(t.add("a", 0, 30 * MIN));
        assertNull(t.add("b", 30 * MIN, 30 * MIN));
        Timeline.Closed c = t.add("c", 60 * MIN + 1, 30 * MIN);
        assertNotNull(c);
        assertArrayEquals(new String[]{"a", "b"}, c.types());
        assertEquals(1, t.size);
    }

    @Test
    void theSessionClosesOnceTheWatermarkRulesOutAnEventWithinTheTimeout() {
        Timeline t = new Timeline();
        t.add("a", 1_500, 30 * MIN); // 1.5 ms
        long closeAt = t.closeAtMillis(30 * MIN);
        assertEquals(1_800_001, closeAt); // an event at 1.5 ms + 30 min still belongs; its ms time is this
        assertNull(t.closeIfDue(closeAt - 1, 30 * MIN));
        assertNotNull(t.closeIfDue(closeAt, 30 * MIN));
        assertEquals(0, t.size);
    }

    @Test
    void releasesOnlyWhatTheWatermarkPassedInTimeThenArrivalOrder() {
        Timeline t = new Timeline();
        t.buffer(ev("late", 5_000, 3));
        t.buffer(ev("first", 1_000, 1));
        t.buffer(ev("tie-second", 2_000, 7));
        t.buffer(ev("tie-first", 2_000, 2));
        t.buffer(ev("future", 9_000, 4));
        List<JourneyEvent> out = t.release(5);
        assertEquals(List.of("first", "tie-first", "tie-second", "late"), out.stream().map(e -> e.type).toList());
        assertEquals(1, t.pendingCount);
        assertEquals(9, t.nextPendingMillis());
    }

    @Test
    void mergingADeviceInterleavesByTimeAndCutsAgain() {
        Timeline user = new Timeline();
        user.add("u1", 0, 30 * MIN);
        user.add("u2", 50 * MIN, 30 * MIN); // user's open session: u2 (u1 closed by the gap)
        user.close();
        user.add("u3", 100 * MIN, 30 * MIN);
        // the device browsed 90..110 min: joins u3's session; its event at 10 min is an older session of its own
        List<Timeline.Closed> closed = user.merge(new String[]{"d0", "d1", "d2"},
                new long[]{10 * MIN, 90 * MIN, 110 * MIN}, 30 * MIN);
        assertEquals(1, closed.size());
        assertArrayEquals(new String[]{"d0"}, closed.get(0).types());
        assertArrayEquals(new String[]{"d1", "u3", "d2"}, user.sessionTypes());
    }

    private static JourneyEvent ev(String type, long micros, long seq) {
        JourneyEvent e = JourneyEvent.event("u", null, type, micros);
        e.seq = seq;
        return e;
    }
}
