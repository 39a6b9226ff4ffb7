package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A drill-down finds its sessions again by person and time span after the frame is rebuilt. */
class DrilldownTest {

    @Test
    void onTheFrameItWasMadeOnItKeepsItsSessions() {
        EventFrame f = FrameFixture.frame("p1: a b | c d | e", "p2: a c", "p3: b");
        for (int[] drilled : new int[][]{{}, {0}, {1, 3}, {0, 1, 2, 3, 4}, {2, 4}}) {
            assertArrayEquals(drilled, Drilldown.of("d", drilled, f).on(f));
        }
    }

    @Test
    void inARebuiltFrameItFindsTheSamePersonsSessionsNotTheSameIndices() {
        EventFrame before = FrameFixture.frame("p1: a b | c d", "p2: a c", "p3: b");
        // sessions 1 (p1's second) and 2 (p2's)
        Drilldown d = Drilldown.of("d", new int[]{1, 2}, before);
        // a new person first, p2's session grew by an event, p3 is gone (its import removed)
        EventFrame after = FrameFixture.frame("p0: x | y", "p1: a b | c d", "p2: a c e");
        assertArrayEquals(new int[]{3, 4}, d.on(after));
        // p1's two sessions became one (a longer timeout): the one that overlaps is found
        EventFrame merged = FrameFixture.frame("p1: a b c@2h d@3h", "p2: a c");
        assertArrayEquals(new int[]{0, 1}, d.on(merged));
        assertArrayEquals(new int[]{}, Drilldown.of("d", new int[]{3}, before).on(after)); // p3 gone
    }
}
