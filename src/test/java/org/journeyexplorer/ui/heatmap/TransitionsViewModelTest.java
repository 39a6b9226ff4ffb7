package org.journeyexplorer.ui.heatmap;

import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.TinyFrames;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TransitionsViewModelTest {

    // sessions: 0 "a b c", 1 "b a", 2 "a c" | 3 "a b"
    private final Selection sel = Selection.all(TinyFrames.of("a b c", "b a", "a c | a b"));

    @Test
    void sessionsWithATransitionIncludingStartAndEnd() {
        assertArrayEquals(new int[]{0, 3}, TransitionsViewModel.sessionsWith(sel, "a", "b", TaskContext.NONE));
        assertArrayEquals(new int[]{1}, TransitionsViewModel.sessionsWith(sel, "START", "b", TaskContext.NONE));
        assertArrayEquals(new int[]{0, 2}, TransitionsViewModel.sessionsWith(sel, "c", "END", TaskContext.NONE));
        assertArrayEquals(new int[]{1}, TransitionsViewModel.sessionsWith(sel, "a", "END", TaskContext.NONE));
    }

    @Test
    void excludedEventsMakeTheirNeighboursAdjacent() {
        BitSet keep = new BitSet();
        keep.set(0, sel.frame().size);
        keep.clear(1); // the b of session 0: a c remains
        Selection s = Selection.of(sel.frame(), keep);
        assertArrayEquals(new int[]{0, 2}, TransitionsViewModel.sessionsWith(s, "a", "c", TaskContext.NONE));
    }

    @Test
    void computesTheMatrixAndDrillsDown() {
        TransitionsViewModel vm = new TransitionsViewModel(new CurrentThreadTaskRunner());
        List<Drilldown> got = new ArrayList<>();
        vm.setOnDrilldown(got::add);
        vm.selectionProperty().set(sel);
        HeatmapData d = vm.dataProperty().get();
        assertEquals(List.of("a", "b", "c"), d.types());
        assertEquals(3, d.counts()[0][0], "three sessions start with a");
        assertEquals(2, d.counts()[1][1], "a → b twice");
        vm.drill(1, 1);
        assertEquals("Sessions with a → b", got.get(0).description());
        assertArrayEquals(new int[]{0, 3}, got.get(0).sessions());
    }
}
