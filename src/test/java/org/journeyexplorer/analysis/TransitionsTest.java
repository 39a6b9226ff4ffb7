package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.journeyexplorer.analysis.FrameBuilderTest.SEC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionsTest {

    private static TransitionMatrix of(Selection s) {
        return Transitions.compute(s, TaskContext.NONE);
    }

    private static long count(TransitionMatrix m, String from, String to) {
        return m.count(m.indexOf(from), m.indexOf(to));
    }

    @Test
    void countsHandComputedTransitionsOfTheSessionFixture() {
        // sessions: [a b c] [d a] [y x z x] [y]
        EventFrame f = FrameBuilder.build(FrameBuilderTest.fixture(), true, SessionRule.defaults(),
                TaskContext.NONE).frame();
        TransitionMatrix m = of(Selection.all(f));
        assertEquals(1, count(m, "START", "a"));
        assertEquals(1, count(m, "START", "d"));
        assertEquals(2, count(m, "START", "y"));
        assertEquals(1, count(m, "a", "b"));
        assertEquals(1, count(m, "b", "c"));
        assertEquals(1, count(m, "c", "END"));
        assertEquals(1, count(m, "d", "a"));
        assertEquals(1, count(m, "a", "END"));
        assertEquals(1, count(m, "y", "x"));
        assertEquals(1, count(m, "x", "z"));
        assertEquals(1, count(m, "z", "x"));
        assertEquals(1, count(m, "x", "END"));
        assertEquals(1, count(m, "y", "END"));
        assertEquals(14, m.total()); // 10 events + 4 sessions
        assertEquals(0.5, m.probability(m.start(), m.indexOf("y")));
        assertEquals(0.25, m.probability(m.start(), m.indexOf("a")));
        assertEquals(0.5, m.probability(m.indexOf("x"), m.end()));
        assertEquals(0.0, m.medianSeconds(m.indexOf("a"), m.indexOf("b")));
        assertEquals(1800.0, m.medianSeconds(m.indexOf("b"), m.indexOf("c")));
        assertEquals(60.0, m.medianSeconds(m.indexOf("d"), m.indexOf("a")));
        assertEquals(50.0, m.medianSeconds(m.indexOf("y"), m.indexOf("x")));
        assertTrue(Double.isNaN(m.medianSeconds(m.start(), m.indexOf("a"))));
        assertTrue(Double.isNaN(m.medianSeconds(m.indexOf("a"), m.indexOf("c"))));
    }

    @Test
    void hiddenTypesMakeTheirNeighboursAdjacent() {
        EventFrame f = FrameBuilder.build(FrameBuilderTest.fixture(), true, SessionRule.defaults(),
                TaskContext.NONE).frame();
        TransitionMatrix m = of(Filter.NONE.withHiddenTypes(Set.of("b", "y")).apply(f, null));
        assertEquals(1, count(m, "a", "c"));
        assertEquals(1800.0, m.medianSeconds(m.indexOf("a"), m.indexOf("c")));
        assertEquals(0, count(m, "a", "b"));
        assertEquals(1, count(m, "START", "x")); // session [y x z x] starts at x now
        assertEquals(3, m.rowTotal(m.start())); // session [y] has no included event
        assertEquals(0, m.rowTotal(m.indexOf("y")));
    }

    @Test
    void mediansAndP90AreNearestRank() {
        TestLogs logs = new TestLogs();
        // person p: four a→b gaps of 10, 20, 40, 100 s, each pair its own session (2 h apart)
        long t = 0;
        for (long gap : new long[]{40, 10, 100, 20}) {
            logs.row("p", null, t, "a").row("p", null, t + gap * SEC, "b");
            t += 7200 * SEC;
        }
        // person q: three b→a gaps of 5, 1, 3 s
        t = 0;
        for (long gap : new long[]{5, 1, 3}) {
            logs.row("q", null, t, "b").row("q", null, t + gap * SEC, "a");
            t += 7200 * SEC;
        }
        EventFrame f = FrameBuilder.build(logs.columns(), true, SessionRule.defaults(), TaskContext.NONE).frame();
        TransitionMatrix m = of(Selection.all(f));
        int a = m.indexOf("a");
        int b = m.indexOf("b");
        assertEquals(4, m.count(a, b));
        assertEquals(20.0, m.medianSeconds(a, b));    // rank ⌈4 · 0.5⌉ = 2 of 10, 20, 40, 100: the lower middle
        assertEquals(100.0, m.p90Seconds(a, b));      // rank ⌈4 · 0.9⌉ = 4
        assertEquals(3.0, m.medianSeconds(b, a));     // rank 2 of 1, 3, 5
        assertEquals(5.0, m.p90Seconds(b, a));        // rank ⌈2.7⌉ = 3
        assertEquals(20_000_000L, m.medianMicros(a, b));
        assertEquals(-1, m.medianMicros(m.start(), a));
        assertEquals(4.0 / 7, m.probability(a, b), 1e-12);     // a→b 4, a→END 3
        assertEquals(3.0 / 7, m.probability(b, a), 1e-12);     // b→a 3, b→END 4
    }

    @Test
    void drilldownListsTheSessionsOfACell() {
        // sessions: 0 [a b c] 1 [d a] 2 [y x z x] 3 [y]
        EventFrame f = FrameBuilder.build(FrameBuilderTest.fixture(), true, SessionRule.defaults(),
                TaskContext.NONE).frame();
        Selection all = Selection.all(f);
        TransitionMatrix m = of(all);
        assertArrayEquals(new int[]{2, 3}, Transitions.sessionsWith(all, m, m.start(), m.indexOf("y")).sessions());
        assertArrayEquals(new int[]{1}, Transitions.sessionsWith(all, m, m.indexOf("a"), m.end()).sessions());
        assertArrayEquals(new int[]{2}, Transitions.sessionsWith(all, m, m.indexOf("z"), m.indexOf("x")).sessions());
        assertArrayEquals(new int[]{}, Transitions.sessionsWith(all, m, m.indexOf("c"), m.indexOf("a")).sessions());
        Selection noB = Filter.NONE.withHiddenTypes(Set.of("b")).apply(f, null);
        assertArrayEquals(new int[]{0}, Transitions.sessionsWith(noB, of(noB), m.indexOf("a"), m.indexOf("c"))
                .sessions());
        assertEquals("Sessions with START \u2192 y",
                Transitions.sessionsWith(all, m, m.start(), m.indexOf("y")).description());
    }
}
