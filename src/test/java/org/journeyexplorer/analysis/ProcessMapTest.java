package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directly-follows graph by hand and against a naive walk, the activity and path sliders, drill-downs. */
class ProcessMapTest {

    /** "from>to" → count, with START and END, for readable expectations. */
    private static Map<String, Long> edges(ProcessMap m) {
        Map<String, Long> out = new HashMap<>();
        for (ProcessMap.Edge e : m.edges()) {
            out.put(m.matrix().name(e.from()) + ">" + m.matrix().name(e.to()), e.count());
        }
        return out;
    }

    @Test
    void casesArePersonsOrSessions() {
        // one person, two sessions: "A B C" and "B C"
        EventFrame f = FrameFixture.frame("p: A B C | B C");
        ProcessMap byPerson = ProcessMap.compute(Selection.all(f), CountUnit.PERSONS, 1, TaskContext.NONE);
        assertEquals(Map.of("START>A", 1L, "A>B", 1L, "B>C", 2L, "C>B", 1L, "C>END", 1L), edges(byPerson));
        assertEquals(1, byPerson.cases());
        ProcessMap bySession = ProcessMap.compute(Selection.all(f), CountUnit.SESSIONS, 1, TaskContext.NONE);
        assertEquals(Map.of("START>A", 1L, "START>B", 1L, "A>B", 1L, "B>C", 2L, "C>END", 2L), edges(bySession));
        assertEquals(2, bySession.cases());
        // activities by frequency, ties by name
        assertEquals(List.of("B", "C", "A"), byPerson.activities().stream().map(ProcessMap.Activity::name).toList());
        assertEquals(3, byPerson.presentActivities());
        // times: B → C took a minute both times (events a minute apart)
        ProcessMap.Edge bc = bySession.edges().stream().filter(e -> e.count() == 2 && !e.isLoop()
                && bySession.matrix().name(e.from()).equals("B")).findFirst().orElseThrow();
        assertEquals(60_000_000L, bc.medianMicros());
    }

    @Test
    void theActivitySliderDropsRareActivitiesAndJoinsTheirNeighbours() {
        // A and D are rare: without them "A B C D B" reads "B C B"
        EventFrame f = FrameFixture.frame("p: A B C D B", "q: B C B C");
        ProcessMap half = ProcessMap.compute(Selection.all(f), CountUnit.PERSONS, 0.5, TaskContext.NONE);
        assertEquals(List.of("B", "C"), half.activities().stream().map(ProcessMap.Activity::name).toList());
        assertEquals(Map.of("START>B", 2L, "B>C", 3L, "C>B", 2L, "B>END", 1L, "C>END", 1L), edges(half));
        // at 0 only the most frequent activity remains, with its repetitions as a self-loop
        ProcessMap one = ProcessMap.compute(Selection.all(f), CountUnit.PERSONS, 0, TaskContext.NONE);
        assertEquals(Map.of("START>B", 2L, "B>B", 2L, "B>END", 2L), edges(one)); // "B B" each
        assertTrue(one.edges().stream().anyMatch(ProcessMap.Edge::isLoop));
    }

    @Test
    void thePathSliderKeepsTheStrongestPathsAndEveryActivityConnected() {
        // 5 × "A B", "A C B", "A C": C → B and C → END once each; C → B wins the tie (listed first)
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add("p" + i + ": A B");
        }
        lines.add("q: A C B");
        lines.add("r: A C");
        EventFrame f = FrameFixture.frame(lines.toArray(new String[0]));
        ProcessMap m = ProcessMap.compute(Selection.all(f), CountUnit.PERSONS, 1, TaskContext.NONE);
        assertEquals(Map.of("START>A", 7L, "A>B", 5L, "B>END", 6L, "A>C", 2L, "C>B", 1L, "C>END", 1L), edges(m));
        assertEquals(m.edges(), m.paths(1));
        Map<String, Long> kept = new HashMap<>();
        for (ProcessMap.Edge e : m.paths(0)) {
            kept.put(m.matrix().name(e.from()) + ">" + m.matrix().name(e.to()), e.count());
        }
        // each activity's strongest way in and out: C → END is the only path not needed
        assertEquals(Map.of("START>A", 7L, "A>B", 5L, "B>END", 6L, "A>C", 2L, "C>B", 1L), kept);
        // every activity keeps a way in and out at every slider position
        for (double share = 0; share <= 1; share += 0.1) {
            List<ProcessMap.Edge> p = m.paths(share);
            for (ProcessMap.Activity a : m.activities()) {
                assertTrue(p.stream().anyMatch(e -> e.to() == a.type()), a.name() + " has a way in at " + share);
                assertTrue(p.stream().anyMatch(e -> e.from() == a.type()), a.name() + " has a way out at " + share);
            }
        }
    }

    @Test
    void drillDownsListTheSessionsBehindAPathOrAnActivity() {
        // sessions: 0 "A B", 1 "B C" (person p); 2 "A C" (person q)
        EventFrame f = FrameFixture.frame("p: A B | B C", "q: A C");
        ProcessMap bySession = ProcessMap.compute(Selection.all(f), CountUnit.SESSIONS, 1, TaskContext.NONE);
        ProcessMap.Edge ab = find(bySession, "A", "B");
        assertArrayEquals(new int[]{0}, bySession.drill(ab).sessions());
        assertArrayEquals(new int[]{1, 2}, bySession.drill(find(bySession, "C", "END")).sessions());
        // by person, p's B → B runs across its two sessions: the session of the second B
        ProcessMap byPerson = ProcessMap.compute(Selection.all(f), CountUnit.PERSONS, 1, TaskContext.NONE);
        assertArrayEquals(new int[]{1}, byPerson.drill(find(byPerson, "B", "B")).sessions());
        assertTrue(byPerson.drill(find(byPerson, "B", "B")).description().startsWith("Persons with B"));
        ProcessMap.Activity c = byPerson.activities().stream().filter(a -> a.name().equals("C")).findFirst()
                .orElseThrow();
        assertArrayEquals(new int[]{1, 2}, byPerson.drill(c).sessions());
    }

    private static ProcessMap.Edge find(ProcessMap m, String from, String to) {
        return m.edges().stream().filter(e -> m.matrix().name(e.from()).equals(from)
                && m.matrix().name(e.to()).equals(to)).findFirst().orElseThrow();
    }

    @Test
    void matchesANaiveWalkOnRandomLogs() {
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
            Selection sel = RandomizedAnalysisTest.randomSelection(f, rnd);
            CountUnit unit = rnd.nextBoolean() ? CountUnit.PERSONS : CountUnit.SESSIONS;
            double share = rnd.nextInt(5) / 4.0;
            ProcessMap m = ProcessMap.compute(sel, unit, share, TaskContext.NONE);
            java.util.Set<String> kept = new java.util.HashSet<>();
            m.activities().forEach(a -> kept.add(a.name()));
            Map<String, Long> expected = new HashMap<>();
            int[] starts = unit == CountUnit.PERSONS ? f.personStart : f.sessionStart;
            for (int u = 0; u + 1 < starts.length; u++) {
                String prev = "START";
                for (int i = starts[u]; i < starts[u + 1]; i++) {
                    String t = f.typeNames[f.type.get(i)];
                    if (!sel.includes(i) || !kept.contains(t)) {
                        continue;
                    }
                    expected.merge(prev + ">" + t, 1L, Long::sum);
                    prev = t;
                }
                if (!prev.equals("START")) {
                    expected.merge(prev + ">END", 1L, Long::sum);
                }
            }
            assertEquals(expected, edges(m), "round " + round);
        }
    }
}
