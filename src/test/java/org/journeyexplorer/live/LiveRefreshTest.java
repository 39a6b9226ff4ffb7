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
}
