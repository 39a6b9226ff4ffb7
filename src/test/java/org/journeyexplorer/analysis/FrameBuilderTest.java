package org.journeyexplorer.analysis;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.session.Sessionizer;
import org.journeyexplorer.session.Sessions;
import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameBuilderTest {
    static final long BASE = 1_700_000_000_000_000L;
    static final long SEC = 1_000_000L;

    /**
     * Two persons, rows out of order, equal timestamps, a gap of exactly 30 minutes (no split) and one of
     * 30 minutes + 1 µs (split). Hand-computed frame order: A: r1 r2 r4 | r5 r6, B: r3 r0 r7 r8 | r9.
     */
    static EventColumns fixture() {
        return new TestLogs()
                .row("B", null, BASE + 100 * SEC, "x")               // r0
                .row("A", null, BASE, "a")                           // r1
                .row("A", null, BASE, "b")                           // r2 same instant as r1: keeps file order
                .row("B", null, BASE + 50 * SEC, "y")                // r3
                .row("A", null, BASE + 1800 * SEC, "c")              // r4 exactly 30 min after r2: same session
                .row("A", null, BASE + 3600 * SEC + 1, "d")          // r5 30 min + 1 µs after r4: new session
                .row("A", null, BASE + 3660 * SEC + 1, "a")          // r6
                .row("B", null, BASE + 1900 * SEC, "z")              // r7 exactly 30 min after r0
                .row("B", null, BASE + 1900 * SEC, "x")              // r8 tie with r7
                .row("B", null, BASE + 10_000 * SEC, "y")            // r9 new session
                .columns();
    }

    @Test
    void sortsByPersonThenTimeAndCutsSessionsStrictlyAfterTheTimeout() {
        EventFrame f = FrameBuilder.build(fixture(), true, SessionRule.defaults(), TaskContext.NONE).frame();
        assertArrayEquals(new int[]{1, 2, 4, 5, 6, 3, 0, 7, 8, 9}, f.sourceRow().toArray());
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, f.personColumn());
        for (int i = 0; i < f.size; i++) {
            assertEquals(i < 5 ? 0 : 1, f.personOf(i), "person of event " + i);
        }
        assertArrayEquals(new int[]{0, 5, 10}, f.personStart);
        assertArrayEquals(new String[]{"A", "B"}, f.personNames);
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 2, 2, 2, 3}, f.sessionColumn());
        assertArrayEquals(new int[]{0, 3, 5, 9, 10}, f.sessionStart);
        for (int i = 0; i < f.size; i++) {
            assertEquals(fixture().timeMicros()[f.sourceRow().get(i)], f.time.get(i));
            assertEquals(fixture().eventTypes()[fixture().eventType()[f.sourceRow().get(i)]],
                    f.typeNames[f.type.get(i)]);
        }
    }

    @Test
    void aLongerTimeoutJoinsTheSessions() {
        EventFrame f = FrameBuilder.build(fixture(), true, SessionRule.timeout(1800 * SEC + 1), TaskContext.NONE)
                .frame();
        assertArrayEquals(new int[]{0, 5, 9, 10}, f.sessionStart);
    }

    @Test
    void startAndEndTypesAndMaximumLengthAlsoCut() {
        // start type "c": r4 begins a session; end type "z": the event after r7 begins one
        EventFrame f = FrameBuilder.build(fixture(), true,
                new SessionRule(SessionRule.DEFAULT_TIMEOUT_MICROS, Set.of("c"), Set.of("z"), 0),
                TaskContext.NONE).frame();
        assertArrayEquals(new int[]{0, 2, 3, 5, 8, 9, 10}, f.sessionStart);
        EventFrame g = FrameBuilder.build(fixture(), true,
                new SessionRule(SessionRule.DEFAULT_TIMEOUT_MICROS, Set.of(), Set.of(), 49 * SEC),
                TaskContext.NONE).frame();
        // at most 49 s per session: r4 (1800 s after r1) and r6 (60 s after r5) start sessions, so does r0
        // (50 s after r3) and r7; r8 is 0 s after r7 and stays
        assertArrayEquals(new int[]{0, 2, 3, 4, 5, 6, 7, 9, 10}, g.sessionStart);
    }

    /**
     * The sort in parts (a slice of the rows per core, then a slice of the persons) gives the order of a naive stable
     * sort by person name, then time, ties in storage order, with each event's time and type: rows out of time order
     * within persons, ties, persons whose rows straddle the slices.
     */
    @Test
    void theSortInPartsIsTheNaiveStableSort() {
        int saved = Chunks.minPerPart;
        java.util.Random rnd = new java.util.Random(77);
        try {
            for (int round = 0; round < 3; round++) {
                int n = 2000 + rnd.nextInt(3000);
                int persons = 1 + rnd.nextInt(40);
                TestLogs log = new TestLogs();
                String[] user = new String[n];
                long[] time = new long[n];
                String[] type = new String[n];
                for (int r = 0; r < n; r++) {
                    user[r] = String.format("u%03d", rnd.nextInt(persons));
                    // few distinct times: many ties; in storage order only now and then
                    time[r] = BASE + (rnd.nextInt(5) == 0 ? r : rnd.nextInt(200)) * SEC;
                    type[r] = "t" + rnd.nextInt(6);
                    log.row(user[r], null, time[r], type[r]);
                }
                EventColumns columns = log.columns();
                Integer[] expected = new Integer[n];
                for (int r = 0; r < n; r++) {
                    expected[r] = r;
                }
                // Arrays.sort of objects is stable: ties keep storage order
                java.util.Arrays.sort(expected, java.util.Comparator.<Integer, String>comparing(r -> user[r])
                        .thenComparingLong(r -> time[r]));
                for (int minPerPart : new int[]{Integer.MAX_VALUE, 1 + n / 5}) {
                    Chunks.minPerPart = minPerPart;
                    String ctx = "round " + round + ", parts of " + minPerPart;
                    EventFrame f = FrameBuilder.build(columns, true, SessionRule.defaults(), TaskContext.NONE)
                            .frame();
                    int[] rows = f.sourceRow().toArray();
                    assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), rows,
                            ctx);
                    for (int i = 0; i < n; i++) {
                        assertEquals(time[rows[i]], f.time.get(i), ctx);
                        assertEquals(type[rows[i]], f.typeNames[f.type.get(i)], ctx);
                        assertEquals(user[rows[i]], f.personNames[f.personOf(i)], ctx);
                    }
                }
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    @Test
    void cancellationStopsTheBuild() {
        TaskContext cancelled = TaskContext.NONE.cancelledWhen(() -> true);
        assertThrows(CancelledException.class,
                () -> FrameBuilder.build(fixture(), true, SessionRule.defaults(), cancelled));
    }

    @Test
    void filterSelectsWithoutCopying() {
        EventFrame f = FrameBuilder.build(fixture(), true, SessionRule.defaults(), TaskContext.NONE).frame();
        Selection all = Filter.NONE.apply(f, null);
        assertEquals(10, all.count());
        Selection noX = Filter.NONE.withHiddenTypes(Set.of("x")).apply(f, null);
        assertEquals(8, noX.count()); // x is r0 and r8
        Selection onlyB = Filter.NONE.withPersons(Set.of("B")).apply(f, null);
        assertEquals(5, onlyB.count());
        Selection early = Filter.NONE.withRange(BASE, BASE + 1800 * SEC).apply(f, null); // r1 r2 r3 r0
        assertEquals(4, early.count());
        assertEquals(java.util.List.of(true, true, false, false, false, true, true, false, false, false),
                java.util.stream.IntStream.range(0, 10).mapToObj(early::includes).toList());
        java.util.BitSet rows = new java.util.BitSet();
        rows.set(9);
        rows.set(1);
        Selection prop = Filter.NONE.withProperty("device", "mobile").apply(f, (k, v) -> rows);
        assertEquals(2, prop.count());
        assertEquals(true, prop.includes(0));
        assertEquals(true, prop.includes(9));
        assertSame(f, prop.frame());
    }

    private static void assertSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertSame(a, b);
    }

    @Test
    void aFrameKeepsNoPersonPerEventButChecksOneItIsGiven() {
        // persons with one, none (an empty range is not made by the builder, but the look-up must skip it) and three
        // events
        int[] personStart = {0, 1, 1, 4};
        EventFrame f = new EventFrame(new long[4], new int[4], new int[]{0, 1, 2, 2}, new int[]{0, 1, 2, 4},
                personStart, new int[]{0, 1, 2, 3}, new String[]{"t"}, new String[]{"a", "b", "c"});
        assertArrayEquals(new int[]{0, 2, 2, 2}, f.personColumn());
        assertEquals(0, f.personOf(0));
        assertEquals(2, f.personOf(1));
        assertEquals(2, f.personOf(3));
        assertThrows(IllegalArgumentException.class, () -> new EventFrame(new int[]{0, 1, 1, 2}, new long[4],
                new int[4], new int[]{0, 1, 2, 2}, new int[]{0, 1, 2, 4}, personStart, new int[]{0, 1, 2, 3},
                new String[]{"t"}, new String[]{"a", "b", "c"}), "a person per event that is not personStart's");
    }

    @Test
    void aFrameKeepsNoSessionPerEventButChecksOneItIsGiven() {
        // sessions of two, one and three events; the look-up halves sessionStart
        int[] sessionStart = {0, 2, 3, 6};
        int[] session = {0, 0, 1, 2, 2, 2};
        EventFrame f = new EventFrame(new long[6], new int[6], session, sessionStart, new int[]{0, 3, 6},
                new int[]{0, 1, 2, 3, 4, 5}, new String[]{"t"}, new String[]{"a", "b"});
        assertArrayEquals(session, f.sessionColumn());
        for (int i = 0; i < 6; i++) {
            assertEquals(session[i], f.sessionOf(i), "event " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> f.sessionOf(6));
        for (var field : EventFrame.class.getDeclaredFields()) {
            // per event the frame holds its time, type and storage row, nothing more (each costs 4-8 bytes an event)
            assertTrue(!field.getType().isArray() || Set.of("time", "type", "sessionStart", "personStart",
                    "typeNames", "personNames", "typeCounts" /* per type, not per event */)
                    .contains(field.getName()), field.getName());
        }
        assertThrows(IllegalArgumentException.class, () -> new EventFrame(new long[6], new int[6],
                new int[]{0, 0, 0, 1, 1, 2}, sessionStart, new int[]{0, 3, 6}, new int[]{0, 1, 2, 3, 4, 5},
                new String[]{"t"}, new String[]{"a", "b"}), "a session per event that is not sessionStart's");
        assertThrows(IllegalArgumentException.class, () -> new EventFrame(new long[6], new int[6], session,
                new int[]{0, 2, 3, 5}, new int[]{0, 3, 6}, new int[]{0, 1, 2, 3, 4, 5}, new String[]{"t"},
                new String[]{"a", "b"}), "sessions that end before the events");
        // stored sessions round-trip without a column
        Sessions s = new Sessions(6, sessionStart);
        assertArrayEquals(session, s.session());
        assertArrayEquals(sessionStart, Sessionizer.decode(Sessionizer.encode(s), 6).sessionStart());
    }
}
