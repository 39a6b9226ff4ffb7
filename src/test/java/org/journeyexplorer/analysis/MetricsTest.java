package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.journeyexplorer.analysis.FrameFixture.BASE;
import static org.journeyexplorer.analysis.FrameFixture.MIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {
    static final long DAY = 24 * 60 * MIN;
    // 2024-01-01 is a Monday: days 0–6 are 2024-W01, 7–13 W02, 21–27 W04
    static final EventFrame F = FrameFixture.frame(
            "p1: home@0 search@10 buy@30",          // 30 min, 3 steps, W01
            "p2: home@8d search@8d buy@9d",         // 1 day, 3 steps, W02
            "p3: search@1d | home@3d",              // never buys
            "p4: home@7d buy@7d",                   // 0, 2 steps, W02
            "p5: buy@13d",                          // 0, 1 step, W02 (Sunday)
            "p6: home@20d | buy@21d");              // persons: 1 day, 2 steps, W04; sessions: only s7 converts

    @Test
    void byPersons() {
        MetricsResult r = Metrics.compute(Selection.all(F), MetricsQuery.of("buy", CountUnit.PERSONS));
        assertEquals(6, r.units());
        assertEquals(5, r.completed());
        assertEquals(5.0 / 6, r.completionRate(), 1e-12);
        // durations 0, 0, 30 min, 1 d, 1 d
        TimeDistribution t = r.timeToMilestone();
        assertEquals(30 * MIN, t.median());
        assertEquals(0, t.min());
        assertEquals(DAY, t.max());
        assertEquals(2, t.buckets().get(0).count()); // < 1 min
        assertEquals(1, t.buckets().get(3).count()); // 15–60 min
        assertEquals(2, t.buckets().get(6).count()); // 1–3 d
        assertEquals(List.of(
                new MetricsResult.Week("2024-W01", BASE, 1, 30 * MIN, 3),
                new MetricsResult.Week("2024-W02", BASE + 7 * DAY, 3, 0, 2),
                new MetricsResult.Week("2024-W04", BASE + 21 * DAY, 1, DAY, 2)), r.velocity());
    }

    @Test
    void bySessions() {
        MetricsResult r = Metrics.compute(Selection.all(F), MetricsQuery.of("buy", CountUnit.SESSIONS));
        assertEquals(8, r.units());
        assertEquals(5, r.completed());
        assertEquals(0, r.timeToMilestone().median()); // 0, 0, 0, 30 min, 1 d
        assertEquals(new MetricsResult.Week("2024-W04", BASE + 21 * DAY, 1, 0, 1), r.velocity().get(2));
    }

    @Test
    void isoWeeksAcrossAYearBoundary() {
        // 2020-12-31 (Thursday) is in 2020-W53; 2021-01-04 (Monday) starts 2021-W01
        EventFrame f = FrameFixture.frame("p1: buy@-1096d", "p2: buy@-1092d");
        MetricsResult r = Metrics.compute(Selection.all(f), MetricsQuery.of("buy", CountUnit.PERSONS));
        assertEquals("2020-W53", r.velocity().get(0).isoWeek());
        assertEquals("2021-W01", r.velocity().get(1).isoWeek());
    }

    @Test
    void overview() {
        Overview o = Metrics.overview(Selection.all(F), 2);
        assertEquals(13, o.events());
        assertEquals(6, o.persons());
        assertEquals(8, o.sessions());
        assertEquals(BASE, o.firstMicros());
        assertEquals(BASE + 21 * DAY, o.lastMicros());
        assertEquals(List.of(new Overview.TypeCount("buy", 5, 5.0 / 13), new Overview.TypeCount("home", 5, 5.0 / 13)),
                o.topEvents());
    }

    @Test
    void parallelPartsGiveTheSameMetrics() {
        int saved = Chunks.minPerPart;
        MetricsResult sequential = Metrics.compute(Selection.all(F), MetricsQuery.of("buy", CountUnit.SESSIONS));
        Chunks.minPerPart = 1;
        try {
            assertEquals(sequential, Metrics.compute(Selection.all(F), MetricsQuery.of("buy", CountUnit.SESSIONS)));
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    @Test
    void completionsEqualUnitsContainingTheMilestone() {
        Random rnd = new Random(3);
        for (int round = 0; round < 100; round++) {
            EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
            Selection sel = RandomizedAnalysisTest.randomSelection(f, rnd);
            CountUnit unit = rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS;
            MetricsResult m = Metrics.compute(sel, MetricsQuery.of("cart", unit));
            FunnelResult one = Funnels.compute(sel, FunnelQuery.of(List.of("cart"), FunnelQuery.NO_WINDOW).withUnit(unit));
            assertEquals(one.units(), m.units());
            assertEquals(one.steps().get(0).count(), m.completed());
            assertEquals(m.completed(), m.velocity().stream().mapToInt(MetricsResult.Week::completions).sum());
        }
    }
}
