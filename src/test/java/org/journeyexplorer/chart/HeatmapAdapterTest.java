package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeatmapAdapterTest {

    @Test
    void matrixBecomesStartRowAndEndColumnWithHandCountedCells() {
        // sessions: a b a | b c | a   (events 10 s apart)
        var frame = TinyFrames.of("a b a", "b c", "a");
        HeatmapData d = HeatmapAdapter.from(Transitions.compute(Selection.all(frame), TaskContext.NONE));
        assertEquals(List.of("a", "b", "c"), d.types());
        int a = 0, b = 1, c = 2, end = 3;
        assertEquals(2, d.counts()[0][a], "START → a twice");
        assertEquals(1, d.counts()[0][b]);
        assertEquals(1, d.counts()[1 + a][b]);
        assertEquals(1, d.counts()[1 + b][a]);
        assertEquals(1, d.counts()[1 + b][c]);
        assertEquals(2, d.counts()[1 + a][end], "a ends two sessions");
        assertEquals(1, d.counts()[1 + c][end]);
        assertEquals(10_000_000, d.median(1 + a, b), "10 s between a and b");
        assertEquals(-1, d.median(0, a), "no time from START");
        assertEquals("START", d.rowLabel(0));
        assertEquals("END", d.colLabel(3));
    }
}
