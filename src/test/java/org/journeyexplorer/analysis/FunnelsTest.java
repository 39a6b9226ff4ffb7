package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.journeyexplorer.analysis.FrameFixture.MIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Funnels over the {@link FlowsTest} log, expected numbers worked out by hand. */
class FunnelsTest {
    // s0 = a@0 b@1 c@2, s1 = a c, s2 = b@0 a@1 b@2 d@3, s3 = a@0 b@10 c@12 d@13, s4 = c d, s5 = a@0 a@1 b@2
    static final Selection ALL = FlowsTest.ALL;

    @Test
    void windowedFunnelBySessions() {
        FunnelResult r = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "b", "c"), 5 * MIN));
        assertEquals(6, r.units());
        // a: s0 s1 s2 s3 s5; b within 5 min: s0, s2, s5 (s3's b is at minute 10); c: s0
        assertEquals(5, r.steps().get(0).count());
        assertEquals(3, r.steps().get(1).count());
        assertEquals(1, r.steps().get(2).count());
        assertEquals(2, r.steps().get(0).dropoff());
        assertEquals(2, r.steps().get(1).dropoff());
        assertEquals(0, r.steps().get(2).dropoff());
        assertEquals(0.6, r.steps().get(1).fromStart(), 1e-12);
        assertEquals(1.0 / 3, r.steps().get(2).fromPrevious(), 1e-12);
        assertEquals(0.2, r.conversion(), 1e-12);
        // after a, s1 went to c and s3 to b (b came, but too late)
        assertEquals(List.of(new FunnelResult.Next("b", 1), new FunnelResult.Next("c", 1)),
                r.steps().get(0).dropoffNext());
        // after b, s2 went to d and s5 ended
        assertEquals(List.of(new FunnelResult.Next(FunnelResult.END, 1), new FunnelResult.Next("d", 1)),
                r.steps().get(1).dropoffNext());
        // a→b: s0 1 min, s2 1 min, s5 2 min (entry is the first a) → median 1 min
        assertEquals(MIN, r.steps().get(1).medianFromPreviousMicros());
        assertEquals(MIN, r.steps().get(2).medianFromPreviousMicros());
        TimeDistribution t = r.timeToConvert();
        assertEquals(1, t.count());
        assertEquals(2 * MIN, t.median());
        assertEquals(1, t.buckets().get(1).count()); // "1–5 min"
        assertEquals(0, t.buckets().get(0).count());
    }

    @Test
    void withoutWindowS3Converts() {
        FunnelResult r = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "b", "c"), FunnelQuery.NO_WINDOW));
        assertEquals(4, r.steps().get(1).count()); // s0 s2 s3 s5
        assertEquals(2, r.steps().get(2).count()); // s0 s3
        // 2 min (s0) and 12 min (s3): lower median 2 min, p90 12 min
        assertEquals(2 * MIN, r.timeToConvert().median());
        assertEquals(12 * MIN, r.timeToConvert().p90());
        assertEquals(7 * MIN, r.timeToConvert().mean());
    }

    @Test
    void strictFunnelFollowsDirectSteps() {
        FunnelResult r = Funnels.compute(ALL,
                FunnelQuery.of(List.of("a", "b", "c"), FunnelQuery.NO_WINDOW).withStrict(true));
        // s0 a b c, s1 a|c, s2 a b|d, s3 a b c, s5 a|a
        assertEquals(5, r.steps().get(0).count());
        assertEquals(3, r.steps().get(1).count());
        assertEquals(2, r.steps().get(2).count());
        assertEquals(List.of(new FunnelResult.Next("a", 1), new FunnelResult.Next("c", 1)),
                r.steps().get(0).dropoffNext());
        // collapsing turns s5 into a b
        FunnelResult collapsed = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "b", "c"), FunnelQuery.NO_WINDOW)
                .withStrict(true).withCollapseRepeats(true));
        assertEquals(4, collapsed.steps().get(1).count());
    }

    @Test
    void byPersonsAcrossSessions() {
        FunnelResult r = Funnels.compute(ALL,
                FunnelQuery.of(List.of("a", "b", "c"), FunnelQuery.NO_WINDOW).withUnit(CountUnit.PERSONS));
        assertEquals(5, r.units());
        // p1 a b c, p2 a b, p3 a b c, p5 a a b; p4 never does a
        assertEquals(4, r.steps().get(0).count());
        assertEquals(4, r.steps().get(1).count());
        assertEquals(2, r.steps().get(2).count());
        // a step that spans sessions: p1 does c in s0 and a second a in s1 — a, c, a needs both sessions
        FunnelResult across = Funnels.compute(ALL,
                FunnelQuery.of(List.of("a", "c", "a"), FunnelQuery.NO_WINDOW).withUnit(CountUnit.PERSONS));
        assertEquals(1, across.converted());
        FunnelResult perSession = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "c", "a"), FunnelQuery.NO_WINDOW));
        assertEquals(0, perSession.converted());
    }

    @Test
    void drillDownListsSessions() {
        FunnelResult r = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "b", "c"), 5 * MIN));
        assertArrayEquals(new int[]{0, 2, 5}, Funnels.sessionsAt(ALL, r, 1, Funnels.Outcome.REACHED).sessions());
        assertArrayEquals(new int[]{2, 5}, Funnels.sessionsAt(ALL, r, 1, Funnels.Outcome.DROPPED).sessions());
        assertArrayEquals(new int[]{1, 3}, Funnels.sessionsAt(ALL, r, 0, Funnels.Outcome.DROPPED).sessions());
    }

    @Test
    void unknownStepReachesNobody() {
        FunnelResult r = Funnels.compute(ALL, FunnelQuery.of(List.of("a", "nope"), FunnelQuery.NO_WINDOW));
        assertEquals(5, r.steps().get(0).count());
        assertEquals(0, r.steps().get(1).count());
        assertEquals(0, r.conversion(), 0);
    }
}
