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

    @Test
    void topKIsGroupedStraightFromTheMatrixWithoutTheFullGrid() {
        // sessions: a b a | b c | a ; rows: a 3 (a→b, a→END ×2), b 2 (b→a, b→c), c 1 (c→END)
        var m = Transitions.compute(Selection.all(TinyFrames.of("a b a", "b c", "a")), TaskContext.NONE);
        HeatmapData d = HeatmapAdapter.from(m, 1);
        assertEquals(List.of("a", "Other (2 types)"), d.types());
        assertEquals(List.of("b", "c"), d.otherMembers());
        int a = 0, other = 1, end = 2;
        assertEquals(2, d.counts()[0][a], "START → a");
        assertEquals(1, d.counts()[0][other], "START → b");
        assertEquals(0, d.counts()[0][end]);
        assertEquals(0, d.counts()[1 + a][a]);
        assertEquals(1, d.counts()[1 + a][other], "a → b");
        assertEquals(2, d.counts()[1 + a][end]);
        assertEquals(1, d.counts()[1 + other][a], "b → a");
        assertEquals(1, d.counts()[1 + other][other], "b → c");
        assertEquals(1, d.counts()[1 + other][end], "c → END");
        assertEquals(-1, d.median(1 + a, other), "a merged cell has no median");
        assertEquals(-1, d.median(1 + other, a));
        assertEquals(3, HeatmapAdapter.keptTypes(m).length);
        // the same as grouping the full grid
        HeatmapData viaFull = HeatmapAdapter.from(m).topK(1);
        assertEquals(viaFull.types(), d.types());
        for (int r = 0; r <= 2; r++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(viaFull.counts()[r], d.counts()[r]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(viaFull.medianMicros()[r], d.medianMicros()[r]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(viaFull.p90Micros()[r], d.p90Micros()[r]);
        }
        // k of 0 is every type
        assertEquals(List.of("a", "b", "c"), HeatmapAdapter.from(m, 0).types());
    }
}
