package org.journeyexplorer.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the frame catches up between two live refreshes (2 s apart): halfway, never in the last half second. */
class LiveRefreshTest {
    private static final long MS = 1_000_000L;

    @Test
    void theCatchUpBetweenRefreshesIsDueHalfwayAndNotNearTheNextRefresh() {
        long start = 5_000 * MS; // the last refresh began here; the next is due at 7,000 ms
        assertEquals(900 * MS, LiveRefresh.catchUpDelayNanos(start, start + 100 * MS), "a batch right after it");
        assertEquals(0, LiveRefresh.catchUpDelayNanos(start, start + 1_000 * MS), "halfway");
        assertEquals(0, LiveRefresh.catchUpDelayNanos(start, start + 1_400 * MS), "the first batch after halfway");
        assertEquals(0, LiveRefresh.catchUpDelayNanos(start, start + 1_500 * MS), "half a second before");
        assertEquals(-1, LiveRefresh.catchUpDelayNanos(start, start + 1_600 * MS), "the refresh catches up itself");
        assertEquals(-1, LiveRefresh.catchUpDelayNanos(start, start + 2_500 * MS), "the refresh is overdue");
    }

    @Test
    void aCatchUpThatWouldNotEndBeforeTheNextRefreshIsLeftOutUntilTheMachineIsLessBusy() {
        LiveRefresh.Pacer pacer = new LiveRefresh.Pacer();
        long t = 0;
        assertEquals(900 * MS, pacer.delayNanos(t, t + 100 * MS), "nothing measured yet");
        pacer.took(700 * MS); // ends 300 ms before the next refresh
        t += 2_000 * MS;
        assertEquals(900 * MS, pacer.delayNanos(t, t + 100 * MS));
        pacer.took(3_000 * MS); // a loaded machine: it ended long after the refresh it was to prepare began
        t += 2_000 * MS;
        assertEquals(-1, pacer.delayNanos(t, t + 100 * MS), "3 s expected, 1 s left: left out");
        t += 2_000 * MS;
        assertEquals(-1, pacer.delayNanos(t, t + 100 * MS), "1.5 s expected: left out");
        t += 2_000 * MS;
        assertEquals(900 * MS, pacer.delayNanos(t, t + 100 * MS), "0.75 s expected: fits again");
        // late in the interval, only what is left counts: 0.6 s left from now
        pacer.took(700 * MS);
        t += 2_000 * MS;
        assertEquals(-1, pacer.delayNanos(t, t + 1_400 * MS), "0.7 s expected, 0.6 s left");
        assertEquals(0, pacer.delayNanos(t, t + 1_000 * MS), "0.35 s expected, 1 s left");
    }
}
