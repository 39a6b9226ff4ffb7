package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameFixture;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void groupingFromThePairsThatOccurEqualsGroupingTheFullHeatmap() {
        // the reference: every type's dense heatmap, then HeatmapData.topK; the adapter groups without the dense one
        Random r = new Random(11);
        for (int round = 0; round < 30; round++) {
            int types = 1 + r.nextInt(round < 10 ? 6 : 300);
            EventFrame f = FrameFixture.random(r, types, 1 + r.nextInt(200));
            BitSet bits = new BitSet(f.size);
            for (int i = 0; i < f.size; i++) {
                bits.set(i, r.nextInt(4) != 0);
            }
            Selection sel = round % 3 == 0 ? Selection.all(f) : Selection.of(f, bits);
            TransitionMatrix m = Transitions.compute(sel, TaskContext.NONE);
            HeatmapData full = HeatmapAdapter.from(m);
            assertEquals(full.typeCount(), HeatmapAdapter.typeCount(m));
            for (int k : new int[]{1, 2, 5, 30, types - 1, types, types + 3}) {
                if (k < 1) {
                    continue;
                }
                String ctx = "round " + round + ", " + types + " types, top " + k;
                HeatmapData expected = full.topK(k);
                HeatmapData actual = HeatmapAdapter.from(m, k);
                assertEquals(expected.types(), actual.types(), ctx);
                assertEquals(expected.otherMembers(), actual.otherMembers(), ctx);
                assertEquals(expected.unit(), actual.unit(), ctx);
                for (int row = 0; row < expected.counts().length; row++) {
                    assertArrayEquals(expected.counts()[row], actual.counts()[row], ctx + ", counts of row " + row);
                    assertArrayEquals(expected.medianMicros()[row], actual.medianMicros()[row], ctx + ", medians " + row);
                    assertArrayEquals(expected.p90Micros()[row], actual.p90Micros()[row], ctx + ", p90 " + row);
                }
                assertEquals(expected.counts().length, actual.counts().length, ctx);
            }
        }
    }
}
