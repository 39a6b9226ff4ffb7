package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-selection counts the Overview and the Flows tab's event list read ({@link Selection#typeCounts},
 * {@link Metrics#overview}), counted in parts on the cores: against a naive count event by event, with parts
 * forced down to a few events so that sessions and persons straddle them.
 */
class SelectionCountsTest {

    @Test
    void typeCountsAndOverviewMatchANaiveCountInAnyParts() {
        Random rnd = new Random(16);
        int saved = Chunks.minPerPart;
        try {
            for (int round = 0; round < 400; round++) {
                EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
                Selection sel = selection(f, rnd);
                Chunks.minPerPart = round % 4 == 0 ? 50_000 : 1 + rnd.nextInt(4);
                String ctx = "round " + round + ", parts of " + Chunks.minPerPart;
                long[] expected = new long[f.typeCount()];
                for (int i = 0; i < f.size; i++) {
                    if (sel.includes(i)) {
                        expected[f.type.get(i)]++;
                    }
                }
                assertArrayEquals(expected, sel.typeCounts(), ctx);
                assertEquals(naiveOverview(sel, 3), Metrics.overview(sel, 3), ctx);
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    @Test
    void firstAndLastIncludedMatchAWalkOverEveryRange() {
        // the Overview finds a person's and a session's included events a word at a time: ranges within a word,
        // across words, ending on a word's last bit, empty, over words with no bit and over every event
        Random rnd = new Random(64);
        for (int round = 0; round < 60; round++) {
            EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
            Selection sel = round % 10 == 0 ? Selection.all(f) : selection(f, rnd);
            for (int from = 0; from <= f.size; from++) {
                for (int to = from; to <= f.size; to++) {
                    int first = -1;
                    int last = -1;
                    for (int i = from; i < to; i++) {
                        if (sel.includes(i)) {
                            first = first < 0 ? i : first;
                            last = i;
                        }
                    }
                    assertEquals(first, sel.firstIncluded(from, to), "round " + round + " [" + from + ", " + to + ")");
                    assertEquals(last, sel.lastIncluded(from, to), "round " + round + " [" + from + ", " + to + ")");
                }
            }
        }
    }

    @Test
    void sessionAndPersonAcrossAPartBoundaryCountOnce() {
        // one person, one session of six events: every part of one event holds a piece of both
        EventFrame f = FrameFixture.frame("p1: a b a b a b", "p2: c | c");
        int saved = Chunks.minPerPart;
        Chunks.minPerPart = 1;
        try {
            Overview o = Metrics.overview(Selection.all(f), 5);
            assertEquals(8, o.events());
            assertEquals(2, o.persons());
            assertEquals(3, o.sessions());
            BitSet keep = new BitSet();
            keep.set(1, 5); // b a b a: p1's session only, cut from its ends
            keep.set(7); // p2's second session
            Overview some = Metrics.overview(Selection.of(f, keep), 5);
            assertEquals(5, some.events());
            assertEquals(2, some.persons());
            assertEquals(2, some.sessions());
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    private static Selection selection(EventFrame f, Random rnd) {
        if (rnd.nextInt(4) == 0) {
            return Selection.all(f);
        }
        double keep = new double[]{0, 0.1, 0.5, 0.9, 1}[rnd.nextInt(5)];
        BitSet bits = new BitSet();
        for (int i = 0; i < f.size; i++) {
            if (rnd.nextDouble() < keep) {
                bits.set(i);
            }
        }
        return Selection.of(f, bits);
    }

    /** Event by event, with sets of sessions and persons seen. */
    private static Overview naiveOverview(Selection sel, int top) {
        EventFrame f = sel.frame();
        int[] person = f.personColumn();
        int[] session = f.sessionColumn();
        Set<Integer> sessions = new HashSet<>();
        Set<Integer> persons = new HashSet<>();
        int[] perType = new int[f.typeCount()];
        int events = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < f.size; i++) {
            if (!sel.includes(i)) {
                continue;
            }
            events++;
            perType[f.type.get(i)]++;
            sessions.add(session[i]);
            persons.add(person[i]);
            first = Math.min(first, f.time.get(i));
            last = Math.max(last, f.time.get(i));
        }
        List<Integer> types = new ArrayList<>();
        for (int t = 0; t < perType.length; t++) {
            if (perType[t] > 0) {
                types.add(t);
            }
        }
        types.sort(Comparator.<Integer>comparingInt(t -> -perType[t]).thenComparing(t -> f.typeNames[t]));
        List<Overview.TypeCount> topEvents = new ArrayList<>();
        for (int t : types.subList(0, Math.min(top, types.size()))) {
            topEvents.add(new Overview.TypeCount(f.typeNames[t], perType[t], (double) perType[t] / events));
        }
        return events == 0 ? new Overview(0, 0, 0, 0, 0, topEvents)
                : new Overview(events, persons.size(), sessions.size(), first, last, topEvents);
    }
}
