package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Segment evaluation by hand on tiny logs and against a naive per-event reference on random ones. */
class SegmentsTest {

    /** Properties of frame rows given as row → key → value. */
    private static Filter.PropertyIndex props(Map<Integer, Map<String, String>> byRow) {
        return (key, value) -> {
            BitSet b = new BitSet();
            byRow.forEach((row, m) -> {
                if (value.equals(m.get(key))) {
                    b.set(row);
                }
            });
            return b;
        };
    }

    private static List<Integer> events(Selection s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.frame().size; i++) {
            if (s.includes(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static Selection eval(Segment seg, Selection base, Filter.PropertyIndex p) {
        return Segments.evaluate(seg, base, p, ZoneOffset.UTC, TaskContext.NONE);
    }

    @Test
    void performedAndNotPerformedSelectWholePersons() {
        // rows: p0 = 0..2, p1 = 3..4, p2 = 5..7
        EventFrame f = FrameFixture.frame("a: home search buy", "b: home search", "c: home | buy help");
        Selection all = Selection.all(f);
        Segment buyers = new Segment("buyers", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("buy", true)));
        assertEquals(List.of(0, 1, 2, 5, 6, 7), events(eval(buyers, all, null)));
        Segment nonBuyers = new Segment("non", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("buy", false)));
        assertEquals(List.of(3, 4), events(eval(nonBuyers, all, null)));
        // by session: only c's second session holds buy
        Segment buySessions = new Segment("s", CountUnit.SESSIONS, List.of(new SegmentCondition.Performed("buy", true)));
        assertEquals(List.of(0, 1, 2, 6, 7), events(eval(buySessions, all, null)));
        // an event nobody performed: "did" matches nobody, "did not" everybody
        assertEquals(List.of(), events(eval(new Segment("x", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("refund", true))), all, null)));
        assertEquals(8, eval(new Segment("x", CountUnit.PERSONS,
                List.of(new SegmentCondition.Performed("refund", false))), all, null).count());
    }

    @Test
    void propertyConditionsAnyValueAndNegation() {
        EventFrame f = FrameFixture.frame("a: home search buy", "b: home search", "c: home | buy help");
        Map<Integer, Map<String, String>> p = new HashMap<>();
        p.put(0, Map.of("device", "ios"));
        p.put(3, Map.of("device", "web"));
        p.put(5, Map.of("device", "android"));
        p.put(6, Map.of("device", "web"));
        Selection all = Selection.all(f);
        Segment mobile = new Segment("mobile", CountUnit.PERSONS,
                List.of(new SegmentCondition.Property("device", Set.of("ios", "android"), false)));
        assertEquals(List.of(0, 1, 2, 5, 6, 7), events(eval(mobile, all, props(p))));
        Segment notWeb = new Segment("not web", CountUnit.PERSONS,
                List.of(new SegmentCondition.Property("device", Set.of("web"), true)));
        assertEquals(List.of(0, 1, 2), events(eval(notWeb, all, props(p))));
        Segment webSessions = new Segment("web sessions", CountUnit.SESSIONS,
                List.of(new SegmentCondition.Property("device", Set.of("web"), false)));
        assertEquals(List.of(3, 4, 6, 7), events(eval(webSessions, all, props(p))));
        // both conditions: mobile persons who bought in a web session → only c
        Segment both = new Segment("both", CountUnit.PERSONS, List.of(
                new SegmentCondition.Property("device", Set.of("ios", "android"), false),
                new SegmentCondition.Property("device", Set.of("web"), false),
                new SegmentCondition.Performed("buy", true)));
        assertEquals(List.of(5, 6, 7), events(eval(both, all, props(p))));
        assertThrows(UserFacingException.class, () -> eval(mobile, all, null));
    }

    @Test
    void datesNarrowEventsAndConditionsOnlySeeTheBase() {
        // a: day 1 home, day 3 buy; b: day 2 home, day 2 search
        EventFrame f = FrameFixture.frame("a: home@0 buy@2d", "b: home@1d search@1d");
        Selection all = Selection.all(f);
        Segment day2on = new Segment("d", CountUnit.PERSONS,
                List.of(new SegmentCondition.Dates(LocalDate.of(2024, 1, 2), null)));
        assertEquals(List.of(1, 2, 3), events(eval(day2on, all, null)));
        Segment day2 = new Segment("d", CountUnit.PERSONS, List.of(
                new SegmentCondition.Dates(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2))));
        assertEquals(List.of(2, 3), events(eval(day2, all, null)));
        // buyers in day 1..2: a bought on day 3, outside the range, so nobody
        Segment buyersEarly = new Segment("d", CountUnit.PERSONS, List.of(
                new SegmentCondition.Dates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)),
                new SegmentCondition.Performed("buy", true)));
        assertEquals(List.of(), events(eval(buyersEarly, all, null)));
        // the base selection hides buy: a no longer counts as a buyer
        BitSet noBuy = new BitSet();
        noBuy.set(0);
        noBuy.set(2);
        noBuy.set(3);
        Segment buyers = new Segment("b", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("buy", true)));
        assertEquals(List.of(), events(eval(buyers, Selection.of(f, noBuy), null)));
        // no condition: the base itself
        assertSame(all, eval(Segment.everyone("all"), all, null));
    }

    @Test
    void matchesNaiveReferenceOnRandomLogsAlsoInParallel() {
        Random rnd = new Random(11);
        int saved = Chunks.minPerPart;
        try {
            for (int round = 0; round < 300; round++) {
                Chunks.minPerPart = round % 2 == 0 ? 2 : 50_000;
                EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
                Selection base = RandomizedAnalysisTest.randomSelection(f, rnd);
                Map<Integer, Map<String, String>> p = new HashMap<>();
                for (int i = 0; i < f.size; i++) {
                    if (rnd.nextInt(3) == 0) {
                        p.put(f.sourceRow().get(i), Map.of("k", "v" + rnd.nextInt(3)));
                    }
                }
                List<SegmentCondition> cs = new ArrayList<>();
                if (rnd.nextBoolean()) {
                    cs.add(new SegmentCondition.Performed(f.typeNames[rnd.nextInt(f.typeCount())], rnd.nextBoolean()));
                }
                if (rnd.nextBoolean()) {
                    cs.add(new SegmentCondition.Property("k", Set.of("v" + rnd.nextInt(3)), rnd.nextBoolean()));
                }
                if (rnd.nextInt(3) == 0) {
                    cs.add(new SegmentCondition.Dates(LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(3)), null));
                }
                CountUnit unit = rnd.nextBoolean() ? CountUnit.PERSONS : CountUnit.SESSIONS;
                Segment seg = new Segment("r", unit, cs);
                assertEquals(naive(seg, base, p), events(eval(seg, base, props(p))), "round " + round);
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    /** Per event: in the base and the date range, and its unit (by the unit's id) meets every condition. */
    private static List<Integer> naive(Segment seg, Selection base, Map<Integer, Map<String, String>> props) {
        EventFrame f = base.frame();
        long from = Long.MIN_VALUE;
        for (SegmentCondition c : seg.conditions()) {
            if (c instanceof SegmentCondition.Dates d) {
                from = d.from().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < f.size; i++) {
            if (!base.includes(i) || f.time.get(i) < from) {
                continue;
            }
            int unit = seg.unit() == CountUnit.PERSONS ? f.personOf(i) : f.sessionOf(i);
            boolean all = true;
            for (SegmentCondition c : seg.conditions()) {
                boolean has = false;
                for (int j = 0; j < f.size; j++) {
                    int u = seg.unit() == CountUnit.PERSONS ? f.personOf(j) : f.sessionOf(j);
                    if (u != unit || !base.includes(j) || f.time.get(j) < from) {
                        continue;
                    }
                    if (c instanceof SegmentCondition.Performed p && f.typeNames[f.type.get(j)].equals(p.event())) {
                        has = true;
                    }
                    if (c instanceof SegmentCondition.Property p) {
                        Map<String, String> m = props.get(f.sourceRow().get(j));
                        has |= m != null && p.values().contains(m.get(p.key()));
                    }
                }
                if (c instanceof SegmentCondition.Performed p) {
                    all &= has == p.did();
                } else if (c instanceof SegmentCondition.Property p) {
                    all &= has != p.negate();
                }
            }
            if (all) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void jsonRoundTripAndStrictReading() {
        Segment s = new Segment("iOS buyers", CountUnit.SESSIONS, List.of(
                new SegmentCondition.Property("device", Set.of("ios", "ipad"), false),
                new SegmentCondition.Performed("purchase", false),
                new SegmentCondition.Dates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)),
                new SegmentCondition.Dates(null, LocalDate.of(2024, 2, 1))));
        String json = SegmentJson.write(List.of(s, Segment.everyone("All")));
        assertEquals(List.of(s, Segment.everyone("All")), SegmentJson.read(json));
        assertTrue(json.contains("\"values\":[\"ios\",\"ipad\"]"), json);
        assertEquals("Sessions: device = ios or ipad · did not perform purchase · 1 Jan 2024 – 31 Jan 2024"
                + " · until 1 Feb 2024", s.describe());
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> SegmentJson.read("[{\"name\":\"x\",\"conditions\":[{\"type\":\"weather\"}]}]"));
        assertEquals("Segment 'x' has a condition of unknown type 'weather'.", e.getMessage());
        assertThrows(UserFacingException.class, () -> SegmentJson.read("[{\"name\":\"x\",\"conditions\":"
                + "[{\"type\":\"dates\",\"from\":\"yesterday\"}]}]"));
        assertThrows(UserFacingException.class, () -> SegmentJson.read("{"));
        assertThrows(UserFacingException.class, () -> new Segment(" ", CountUnit.PERSONS, List.of()));
        assertTrue(SegmentCondition.isDeviceKey("device"));
        assertTrue(SegmentCondition.isDeviceKey("os_family"));
        assertTrue(SegmentCondition.isDeviceKey("dvce_type"));
        assertTrue(!SegmentCondition.isDeviceKey("country"));
        assertTrue(!SegmentCondition.isDeviceKey("cost"));
    }

    @Test
    void funnelsOfTwoSegmentsCompareStepByStep() {
        // a: view cart buy; b: view cart; c: view; d: home — A = persons who did cart (a, b), B = the others (c, d)
        EventFrame f = FrameFixture.frame("a: view cart buy", "b: view cart", "c: view", "d: home");
        Selection all = Selection.all(f);
        Selection a = eval(new Segment("A", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("cart", true))),
                all, null);
        Selection b = eval(new Segment("B", CountUnit.PERSONS, List.of(new SegmentCondition.Performed("cart", false))),
                all, null);
        assertEquals(0, Segments.overlap(a, b, CountUnit.PERSONS));
        assertEquals(2, Segments.overlap(a, all, CountUnit.PERSONS));
        FunnelQuery q = FunnelQuery.of(List.of("view", "cart", "buy"), FunnelQuery.NO_WINDOW).withUnit(CountUnit.PERSONS);
        FunnelComparison c = FunnelComparison.of(Funnels.compute(a, q), Funnels.compute(b, q));
        // step 1 over the segment (A 2 of 2, B 1 of 2); later steps over step 1 (A 2/2 and 1/2, B 0/1 and 0/1)
        Proportions.Comparison s1 = c.steps().get(0).comparison();
        assertEquals(2, s1.a().x());
        assertEquals(2, s1.a().n());
        assertEquals(1, s1.b().x());
        assertEquals(2, s1.b().n());
        assertEquals(-0.5, s1.difference(), 1e-12);
        // Fisher on [[2, 0], [1, 1]]: P(A = 2) = P(A = 1) = 2/4, both as likely as observed → p = 1
        assertEquals(Proportions.Test.FISHER, s1.test());
        assertEquals(1, s1.p(), 1e-9);
        Proportions.Comparison s3 = c.steps().get(2).comparison();
        assertEquals(1, s3.a().x());
        assertEquals(2, s3.a().n());
        assertEquals(0, s3.b().x());
        assertEquals(1, s3.b().n());
        assertEquals("buy", c.steps().get(2).label());
    }
}
