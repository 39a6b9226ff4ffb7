package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Set;

import static org.journeyexplorer.analysis.FrameFixture.MIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flows over a tiny log whose expected numbers are worked out by hand in the comments. */
class FlowsTest {
    // sessions: s0 = a b c, s1 = a c, s2 = b a b d, s3 = a b c d, s4 = c d, s5 = a a b
    static final EventFrame FRAME = FrameFixture.frame(
            "p1: a b c | a c",
            "p2: b a b d",
            "p3: a b@10 c@12 d",
            "p4: c d",
            "p5: a a b");
    static final Selection ALL = Selection.all(FRAME);

    @Test
    void forwardBySessionsWithTopOne() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 2).withTopK(1));
        // s0, s1, s2, s3, s5 contain a; s4 does not
        assertEquals(5, r.journeys());
        assertEquals(0, r.anchorColumn());
        assertEquals(1, r.column(0).size());
        FlowResult.Node a = r.column(0).get(0);
        assertEquals("a", a.label());
        assertEquals(5, a.count());
        // step 1: b in s0 s2 s3, c in s1, a in s5 → b shown, Other = {a:1, c:1}
        FlowResult.Node b1 = r.column(1).get(0);
        FlowResult.Node o1 = r.column(1).get(1);
        assertEquals("b", b1.label());
        assertEquals(3, b1.count());
        assertTrue(o1.other());
        assertEquals(2, o1.count());
        assertEquals(List.of(new FlowResult.Member("a", 1), new FlowResult.Member("c", 1)), o1.members());
        assertEquals(1, o1.dropoff()); // s1 ends after a c
        assertEquals(0, b1.dropoff());
        assertEquals(1, o1.repeatCount()); // s5: a again after a
        assertTrue(o1.repeatsEarlierStep());
        assertFalse(b1.repeatsEarlierStep());
        // step 2: c in s0 s3, d in s2, b in s5 → c shown, Other = {b:1, d:1}
        FlowResult.Node c2 = r.column(2).get(0);
        FlowResult.Node o2 = r.column(2).get(1);
        assertEquals("c", c2.label());
        assertEquals(2, c2.count());
        assertEquals(1, c2.dropoff());     // s0 ends at c
        assertEquals(1, c2.continuing());  // s3 goes on to d
        assertEquals(2, o2.count());
        assertEquals(2, o2.dropoff());
        assertEquals(List.of(new FlowResult.Member("b", 1), new FlowResult.Member("d", 1)), o2.members());
        // links
        assertEquals(3, r.link(a.id(), b1.id()).count());
        assertEquals(2, r.link(a.id(), o1.id()).count());
        assertEquals(2, r.link(b1.id(), c2.id()).count());
        assertEquals(1, r.link(b1.id(), o2.id()).count());
        assertEquals(1, r.link(o1.id(), o2.id()).count());
        assertNull(r.link(o1.id(), c2.id()));
        assertEquals(5, r.links().size());
        // a→b took 1, 1 and 10 minutes (s0, s2, s3): median 1 min; b→c took 1 (s0) and 2 (s3): lower median 1 min
        assertEquals(MIN, r.link(a.id(), b1.id()).medianMicros());
        assertEquals(MIN, r.link(b1.id(), c2.id()).medianMicros());
        // a→Other: s1 a→c 1 min, s5 a→a 1 min
        assertEquals(MIN, r.link(a.id(), o1.id()).medianMicros());
    }

    @Test
    void medianOfALinkWithDifferentGaps() {
        // b→c: 1 min (s0) and 2 min (s3); top 10 keeps c and d apart; c→d only in s3 (1 min)
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("b", 1));
        // sessions with b: s0 (b c), s2 (first b: b a), s3 (b c), s5 (b, end)
        assertEquals(4, r.journeys());
        FlowResult.Node b = r.node(0, "b");
        FlowResult.Node c = r.node(1, "c");
        assertEquals(2, c.count());
        assertEquals(MIN, r.link(b.id(), c.id()).medianMicros());
        assertEquals(1, b.dropoff()); // s5
        FlowResult.Node a = r.node(1, "a");
        assertEquals(1, a.count());
        assertEquals(1, a.continuing()); // s2 goes on b d
        assertEquals(1, c.continuing()); // s3 goes on d
        assertEquals(1, c.dropoff());    // s0
    }

    @Test
    void forwardByPersonsRunsAcrossSessions() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 2).withUnit(CountUnit.PERSONS));
        // p1: a b c (a c follows), p2: a b d, p3: a b c (d follows), p5: a a b; p4 has no a
        assertEquals(4, r.journeys());
        assertEquals(3, r.node(1, "b").count());
        assertEquals(1, r.node(1, "a").count());
        assertEquals(2, r.node(2, "c").count());
        assertEquals(2, r.node(2, "c").continuing());
        assertEquals(1, r.node(2, "d").dropoff());
        assertEquals(1, r.node(2, "b").dropoff());
    }

    @Test
    void backwardToAnEvent() {
        FlowResult r = Flows.compute(ALL, FlowQuery.backward("d", 2));
        // s2: (b) a b d, s3: (a) b c d, s4: c d
        assertEquals(3, r.journeys());
        assertEquals(2, r.anchorColumn());
        FlowResult.Node d = r.node(2, "d");
        assertEquals(3, d.count());
        FlowResult.Node c1 = r.node(1, "c");
        FlowResult.Node b1 = r.node(1, "b");
        assertEquals(2, c1.count());
        assertEquals(1, b1.count());
        assertEquals(1, c1.dropoff()); // s4 begins at c
        assertEquals(1, r.node(0, "a").continuing());
        assertEquals(1, r.node(0, "b").continuing());
        assertEquals(2, r.link(c1.id(), d.id()).count());
        assertEquals(1, r.link(r.node(0, "b").id(), c1.id()).count());
        assertEquals(1, r.link(r.node(0, "a").id(), b1.id()).count());
        // s2: b then d one minute later; s3: c at 12, d at 13; s4: c, d one minute apart
        assertEquals(MIN, r.link(c1.id(), d.id()).medianMicros());
    }

    @Test
    void betweenTwoEvents() {
        FlowResult r = Flows.compute(ALL, FlowQuery.between("a", "d", 3));
        // only s2 (a b d) and s3 (a b c d) reach d after a
        assertEquals(2, r.journeys());
        assertEquals(2, r.node(1, "b").count());
        FlowResult.Node d2 = r.node(2, "d");
        assertEquals(1, d2.count());
        assertEquals(1, d2.dropoff());
        assertEquals(1, r.node(3, "d").dropoff());
        // with only 2 steps, s3 is cut after c and continues
        FlowResult shorter = Flows.compute(ALL, FlowQuery.between("a", "d", 2));
        assertEquals(1, shorter.node(2, "c").continuing());
        assertEquals(0, shorter.node(2, "c").dropoff());
    }

    @Test
    void collapsingRepeats() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 1).withCollapseRepeats(true));
        // s5 a a b becomes a b: step 1 = b in s0 s2 s3 s5, c in s1
        assertEquals(4, r.node(1, "b").count());
        assertEquals(1, r.node(1, "c").count());
        assertNull(r.node(1, "a"));
        // the run a a is represented by its first a (minute 0); b is at minute 2
        FlowResult.Node a = r.node(0, "a");
        FlowResult single = Flows.compute(ALL, FlowQuery.forward("a", 1).withCollapseRepeats(true).withUnit(CountUnit.PERSONS));
        assertEquals(4, single.journeys());
        assertEquals(4, r.link(a.id(), r.node(1, "b").id()).count());
    }

    @Test
    void renameRulesApplyBeforeEverythingElse() {
        EventLabeling rules = new EventLabeling(List.of(new RenameRule("b|c", "X")), Set.of());
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 1).withLabeling(rules));
        // s0 a X, s1 a X, s2 a X, s3 a X, s5 a a
        assertEquals(4, r.node(1, "X").count());
        assertEquals(1, r.node(1, "a").count());
        // the renamed label is the anchor too: first X per session in s0 s1 s2 s3 s4 s5
        FlowResult fromX = Flows.compute(ALL, FlowQuery.forward("X", 1).withLabeling(rules).withCollapseRepeats(true));
        assertEquals(6, fromX.journeys());
        // s0 X(b c) end, s1 X end, s2 X a, s3 X d, s4 X d, s5 X end
        assertEquals(2, fromX.node(1, "d").count());
        assertEquals(1, fromX.node(1, "a").count());
        assertEquals(3, fromX.node(0, "X").dropoff());
    }

    @Test
    void excludedTypesVanishFromSequences() {
        EventLabeling noB = new EventLabeling(List.of(), Set.of("b"));
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 1).withLabeling(noB));
        // s0 a c, s1 a c, s2 a d, s3 a c, s5 a a
        assertEquals(3, r.node(1, "c").count());
        assertEquals(1, r.node(1, "d").count());
        assertEquals(1, r.node(1, "a").count());
        // the same through a selection that hides b events
        BitSet keep = new BitSet();
        for (int i = 0; i < FRAME.size; i++) {
            if (!FRAME.typeNames[FRAME.type.get(i)].equals("b")) {
                keep.set(i);
            }
        }
        FlowResult viaSelection = Flows.compute(Selection.of(FRAME, keep), FlowQuery.forward("a", 1));
        assertEquals(3, viaSelection.node(1, "c").count());
        assertEquals(1, viaSelection.node(1, "d").count());
    }

    @Test
    void drillDownRecomputesTheSessionsOfANode() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("a", 2).withTopK(1));
        FlowResult.Node b1 = r.node(1, "b");
        assertArrayEquals(new int[]{0, 2, 3}, Flows.sessionsThrough(ALL, r, b1.id()).sessions());
        FlowResult.Node o2 = r.column(2).get(1);
        assertArrayEquals(new int[]{2, 5}, Flows.sessionsThrough(ALL, r, o2.id()).sessions());
        // path a → b → c: s0 and s3
        assertEquals(2, Flows.journeysThrough(ALL, r, r.node(0, "a").id(), b1.id(), r.node(2, "c").id()));
        // by persons, the sessions are those holding the node's event: p1's b is in s0
        FlowResult byPerson = Flows.compute(ALL, FlowQuery.forward("a", 2).withUnit(CountUnit.PERSONS));
        assertArrayEquals(new int[]{0, 2, 3}, Flows.sessionsThrough(ALL, byPerson, byPerson.node(1, "b").id()).sessions());
    }

    @Test
    void fromTheJourneyStartEverySessionIsAJourneyAndItsFirstEventIsStepOne() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward(FlowQuery.JOURNEY_START, 2));
        assertEquals(6, r.journeys()); // every session, s4 (c d) included
        assertEquals(3, r.columns());  // the start, then two steps
        FlowResult.Node start = r.column(0).get(0);
        assertEquals(1, r.column(0).size());
        assertEquals(FlowQuery.JOURNEY_START, start.label());
        assertEquals(6, start.count());
        assertEquals(0, start.dropoff());
        // step 1 = first events: a (s0 s1 s3 s5), b (s2), c (s4)
        assertEquals(4, r.node(1, "a").count());
        assertEquals(1, r.node(1, "b").count());
        assertEquals(1, r.node(1, "c").count());
        assertEquals(4, r.link(start.id(), r.node(1, "a").id()).count());
        assertEquals(0, r.link(start.id(), r.node(1, "a").id()).medianMicros());
        // step 2: b (s0 s3, both go on), a (s2 s5, both go on; s5 repeats a), c (s1 ends), d (s4 ends)
        FlowResult.Node b2 = r.node(2, "b");
        FlowResult.Node a2 = r.node(2, "a");
        assertEquals(2, b2.count());
        assertEquals(2, b2.continuing());
        assertEquals(2, a2.count());
        assertEquals(2, a2.continuing());
        assertEquals(1, a2.repeatCount());
        assertEquals(1, r.node(2, "c").dropoff());
        assertEquals(1, r.node(2, "d").dropoff());
        assertEquals(2, r.link(r.node(1, "a").id(), b2.id()).count());
        assertEquals(1, r.link(r.node(1, "b").id(), a2.id()).count());
        // drill-down: the start node holds every session; a path through it counts as without it
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, Flows.sessionsThrough(ALL, r, start.id()).sessions());
        assertArrayEquals(new int[]{0, 1, 3, 5}, Flows.sessionsThrough(ALL, r, r.node(1, "a").id()).sessions());
        assertEquals(2, Flows.journeysThrough(ALL, r, start.id(), r.node(1, "a").id(), b2.id()));
    }

    @Test
    void betweenTheJourneyStartAndAnEventStopsAtThatEvent() {
        // sessions reaching d: s2 (b a b d), s3 (a b c d), s4 (c d); s4's journey is c d
        FlowResult r = Flows.compute(ALL, FlowQuery.between(FlowQuery.JOURNEY_START, "d", 4));
        assertEquals(3, r.journeys());
        assertEquals(1, r.node(2, "d").count()); // s4: d is its second event
        assertEquals(1, r.node(2, "d").dropoff());
        assertEquals(2, r.node(4, "d").count()); // s2 and s3 reach d at their fourth event
        assertEquals(2, r.node(4, "d").dropoff());
        assertEquals(1, r.node(3, "c").count()); // s3's third event
        assertEquals(0, r.node(3, "c").dropoff());
    }

    @Test
    void unknownStartGivesAnEmptyFlow() {
        FlowResult r = Flows.compute(ALL, FlowQuery.forward("zzz", 3));
        assertEquals(0, r.journeys());
        assertTrue(r.nodes().isEmpty());
        assertTrue(r.links().isEmpty());
    }
}
