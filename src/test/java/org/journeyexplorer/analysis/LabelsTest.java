package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The per-event label arrays analyses share over one selection (40 MB each at 10 M events). */
class LabelsTest {

    private static EventFrame frame() {
        return FrameFixture.frame("p1: a b a | c", "p2: b c");
    }

    @Test
    void sharedOverOneSelectionAndExactPerEvent() {
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        BitSet keep = new BitSet();
        keep.set(0, f.size);
        keep.clear(1);
        Selection s = Selection.of(f, keep);
        int[] lab = l.perEvent(s);
        assertSame(lab, l.perEvent(s), "the second chart over the selection shares the array");
        int[] expected = new int[f.size];
        for (int e = 0; e < f.size; e++) {
            expected[e] = e == 1 ? -1 : l.ofType(f.type[e]);
        }
        assertArrayEquals(expected, lab);
        assertNotSame(lab, l.perEvent(Selection.of(f, keep)), "another selection has its own");
    }

    @Test
    void droppedAtTheNextLabellingOnceItsSelectionIsGone() {
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        Selection s = Selection.all(f);
        WeakReference<int[]> lab = new WeakReference<>(l.perEvent(s));
        WeakReference<Selection> sel = new WeakReference<>(s);
        s = null;
        for (int i = 0; i < 50 && sel.get() != null; i++) {
            System.gc();
        }
        assertNull(sel.get());
        // a filter change: the next chart labels the new selection, and the old array must go with it
        Selection next = Selection.all(f);
        assertArrayEquals(new int[]{0, 1, 0, 2, 1, 2}, l.perEvent(next));
        for (int i = 0; i < 50 && lab.get() != null; i++) {
            System.gc();
        }
        assertNull(lab.get(), "the labels outlived their selection");
        assertSame(l.perEvent(next), l.perEvent(next));
    }

    @Test
    void goneWithItsSelectionWithoutWaitingForTheNextLabelling() {
        // a live catch-up builds the next frame while the last one's selection is gone: its labels (40 MB at 10 M
        // events) must not wait for the next chart to be let go
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        Selection s = Selection.all(f);
        WeakReference<int[]> lab = new WeakReference<>(l.perEvent(s));
        s = null;
        for (int i = 0; i < 50 && lab.get() != null; i++) {
            System.gc();
        }
        assertNull(lab.get(), "the labels outlived their selection");
    }

    @Test
    void atMostThreeArraysAreKeptOverAllSelections() {
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        Selection[] live = {Selection.all(f), Selection.all(f), Selection.all(f), Selection.all(f)};
        int[][] labs = new int[4][];
        for (int k = 0; k < 4; k++) {
            labs[k] = l.perEvent(live[k]);
        }
        // the first was dropped for the fourth: made again; the others are shared
        int[] again = l.perEvent(live[0]);
        assertNotSame(labs[0], again);
        assertArrayEquals(labs[0], again);
        assertSame(labs[2], l.perEvent(live[2]));
        assertSame(labs[3], l.perEvent(live[3]));
    }
}
