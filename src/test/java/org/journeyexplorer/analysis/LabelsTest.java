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
            expected[e] = e == 1 ? -1 : l.ofType(f.type.get(e));
        }
        assertArrayEquals(expected, lab);
        assertNotSame(lab, l.perEvent(Selection.of(f, keep)), "another selection has its own");
    }

    /** A filtered selection of every event: its labels are its own (unlike {@link Selection#all}'s). */
    private static Selection everyEventFiltered(EventFrame f) {
        BitSet keep = new BitSet();
        keep.set(0, f.size);
        return Selection.of(f, keep);
    }

    @Test
    void droppedAtTheNextLabellingOnceItsSelectionIsGone() {
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        Selection s = everyEventFiltered(f);
        WeakReference<int[]> lab = new WeakReference<>(l.perEvent(s));
        WeakReference<Selection> sel = new WeakReference<>(s);
        s = null;
        for (int i = 0; i < 50 && sel.get() != null; i++) {
            System.gc();
        }
        assertNull(sel.get());
        // a filter change: the next chart labels the new selection, and the old array must go with it
        Selection next = everyEventFiltered(f);
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
        Selection s = everyEventFiltered(f);
        WeakReference<int[]> lab = new WeakReference<>(l.perEvent(s));
        s = null;
        for (int i = 0; i < 50 && lab.get() != null; i++) {
            System.gc();
        }
        assertNull(lab.get(), "the labels outlived their selection");
    }

    @Test
    void everyEventsLabelsAreKeptWithTheFrameAndGoWithIt() {
        // a cleared filter makes a new selection of every event each time: its labels are not made again
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        int[] lab = l.perEvent(Selection.all(f));
        assertSame(lab, l.perEvent(Selection.all(f)));
        assertArrayEquals(new int[]{0, 1, 0, 2, 1, 2}, lab);
        assertNotSame(lab, l.perEvent(everyEventFiltered(f)), "a filtered selection has its own");
        assertSame(lab, l.perEvent(Selection.all(f)));
        // the frame replaced (a timeout change, a live refresh): its labels go with it
        WeakReference<int[]> held = new WeakReference<>(lab);
        lab = null;
        f = null;
        for (int i = 0; i < 50 && held.get() != null; i++) {
            System.gc();
        }
        assertNull(held.get(), "the labels outlived their frame");
    }

    @Test
    void atMostThreeArraysAreKeptOverAllSelections() {
        EventFrame f = frame();
        Labels l = EventLabeling.NONE.resolve(f);
        Selection[] live = {everyEventFiltered(f), everyEventFiltered(f), everyEventFiltered(f), everyEventFiltered(f)};
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
