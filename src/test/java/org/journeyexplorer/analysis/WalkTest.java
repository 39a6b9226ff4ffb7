package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WalkTest {

    @Test
    void handWalkOverExcludedEventsAndRuns() {
        // labels: a a x b x b a, with x excluded (-1); indices 0..6
        int[] lab = {0, 0, -1, 1, -1, 1, 0};
        assertEquals(0, Walk.first(lab, 0, 7));
        assertEquals(6, Walk.last(lab, 0, 7));
        assertEquals(1, Walk.next(lab, 0, 7, false));
        assertEquals(3, Walk.next(lab, 0, 7, true));   // the run a a is one step
        assertEquals(6, Walk.next(lab, 3, 7, true));   // b x b is one step too
        assertEquals(5, Walk.next(lab, 3, 7, false));
        assertEquals(-1, Walk.next(lab, 6, 7, true));
        assertEquals(3, Walk.previous(lab, 6, 0, true)); // back to the first b of its run
        assertEquals(0, Walk.previous(lab, 3, 0, true)); // and to the first a
        assertEquals(5, Walk.previous(lab, 6, 0, false));
        assertEquals(-1, Walk.previous(lab, 0, 0, true));
        assertEquals(3, Walk.find(lab, 0, 7, 1));
        assertEquals(-1, Walk.find(lab, 0, 3, 1));
    }

    /** Naive steps of a unit: its included events, dropping one whose label repeats the last kept one. */
    private static List<Integer> steps(int[] lab, int from, int to, boolean collapse) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int i = from; i < to; i++) {
            if (lab[i] >= 0 && !(collapse && lab[i] == prev)) {
                out.add(i);
                prev = lab[i];
            } else if (lab[i] >= 0) {
                prev = lab[i];
            }
        }
        return out;
    }

    @Test
    void forwardAndBackwardVisitTheNaiveStepsOnRandomUnits() {
        Random rnd = new Random(5);
        for (int round = 0; round < 2000; round++) {
            int n = rnd.nextInt(20);
            int[] lab = new int[n + 4];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = rnd.nextInt(4) - 1; // -1 excluded, 0..2 labels: many runs
            }
            int from = 2;
            int to = 2 + n;
            boolean collapse = rnd.nextBoolean();
            List<Integer> expected = steps(lab, from, to, collapse);
            List<Integer> forward = new ArrayList<>();
            for (int i = Walk.first(lab, from, to); i >= 0; i = Walk.next(lab, i, to, collapse)) {
                forward.add(i);
            }
            assertEquals(expected, forward, "round " + round);
            if (!expected.isEmpty()) {
                List<Integer> backward = new ArrayList<>();
                for (int i = expected.get(expected.size() - 1); i >= 0; i = Walk.previous(lab, i, from, collapse)) {
                    backward.add(0, i);
                }
                assertEquals(expected, backward, "round " + round);
                assertEquals(lastIncluded(lab, from, to), Walk.last(lab, from, to));
            }
        }
    }

    private static int lastIncluded(int[] lab, int from, int to) {
        int last = -1;
        for (int i = from; i < to; i++) {
            if (lab[i] >= 0) {
                last = i;
            }
        }
        return last;
    }
}
