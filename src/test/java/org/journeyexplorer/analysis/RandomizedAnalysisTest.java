package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The array implementations against {@link NaiveReference} on random logs with ties in time, hidden events,
 * rename rules and exclusions; plus the reconciliations between flows and funnels.
 */
class RandomizedAnalysisTest {
    private static final String[] TYPES = {"home", "search", "view", "cart", "buy", "help", "exit"};

    /** A random log: a few persons, 1–3 sessions each, short sessions over a skewed alphabet. */
    static EventFrame randomFrame(Random rnd) {
        return randomFrame(rnd, 9);
    }

    /** As {@link #randomFrame(Random)}, with sessions of 1 to {@code maxLength} events. */
    static EventFrame randomFrame(Random rnd, int maxLength) {
        int persons = 1 + rnd.nextInt(25);
        String[] lines = new String[persons];
        for (int p = 0; p < persons; p++) {
            StringBuilder sb = new StringBuilder("p" + p + ":");
            long minute = 0;
            int sessions = 1 + rnd.nextInt(3);
            for (int s = 0; s < sessions; s++) {
                if (s > 0) {
                    sb.append(" |");
                    minute += 30 + rnd.nextInt(3000);
                }
                int len = 1 + rnd.nextInt(maxLength);
                for (int e = 0; e < len; e++) {
                    minute += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(20); // ties on purpose
                    int t = Math.min(TYPES.length - 1, (int) Math.abs(rnd.nextGaussian() * 2.5));
                    sb.append(' ').append(TYPES[t]).append('@').append(minute);
                }
            }
            lines[p] = sb.toString();
        }
        return FrameFixture.frame(lines);
    }

    static Selection randomSelection(EventFrame f, Random rnd) {
        if (rnd.nextBoolean()) {
            return Selection.all(f);
        }
        BitSet keep = new BitSet();
        for (int i = 0; i < f.size; i++) {
            if (rnd.nextInt(8) != 0) {
                keep.set(i);
            }
        }
        return Selection.of(f, keep);
    }

    static EventLabeling randomLabeling(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> new EventLabeling(List.of(new RenameRule("view|cart", "Shop")), Set.of());
            case 1 -> new EventLabeling(List.of(), Set.of("help"));
            case 2 -> new EventLabeling(List.of(new RenameRule("h.*", "H"), new RenameRule("home|search", "never")),
                    Set.of("exit"));
            default -> EventLabeling.NONE;
        };
    }

    static String randomLabel(Random rnd, EventLabeling l) {
        String t = TYPES[Math.min(TYPES.length - 1, (int) Math.abs(rnd.nextGaussian() * 2))];
        for (RenameRule r : l.rules()) {
            if (t.matches(r.regex())) {
                return r.label();
            }
        }
        return t;
    }

    @Test
    void flowsMatchTheNaiveReference() {
        flowsMatch(new Random(42), 400);
    }

    /** The same comparison with the parallel paths forced on by tiny parts. */
    @Test
    void parallelFlowsMatchTheNaiveReference() {
        int saved = Chunks.minPerPart;
        Chunks.minPerPart = 2;
        try {
            flowsMatch(new Random(43), 150);
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    @Test
    void flowsFromTheJourneyStartMatchTheNaiveReference() {
        flowsMatch(new Random(5), 300, true);
    }

    /**
     * Forward journeys label only the events they read, a prefix longer when the walk runs out of it: long
     * sessions, few events kept (a sparse selection, hidden types), the anchor and the steps far into a unit.
     */
    @Test
    void forwardFlowsOverLongSparseJourneysMatchTheNaiveReference() {
        Random rnd = new Random(77);
        for (int round = 0; round < 300; round++) {
            EventFrame f = randomFrame(rnd, 70);
            BitSet keep = new BitSet();
            int oneIn = 1 + rnd.nextInt(6);
            for (int i = 0; i < f.size; i++) {
                if (rnd.nextInt(oneIn) == 0) {
                    keep.set(i);
                }
            }
            Selection sel = rnd.nextInt(4) == 0 ? Selection.all(f) : Selection.of(f, keep);
            flowMatches(sel, rnd, round, rnd.nextBoolean(), FlowQuery.Direction.FORWARD);
        }
    }

    /**
     * A flow's counts first ({@link Flows#countsFirst}, issue 16): every count is the complete flow's and the naive
     * reference's, every median -1 (pending); the medians filled in after are the reference's. Half the rounds give
     * the walk's rows back first ({@link Flows.Counted#discard}), so the medians are computed anew; sequential and
     * parallel parts, and the links counted from the cells rather than the walk's pairs.
     */
    @Test
    void flowCountsFirstThenMediansMatchTheNaiveReference() {
        int saved = Chunks.minPerPart;
        int savedPairs = Flows.Rows.pairsLimit;
        Random rnd = new Random(99);
        try {
            for (int round = 0; round < 360; round++) {
                Chunks.minPerPart = round % 3 == 0 ? 2 : saved;
                Flows.Rows.pairsLimit = round % 4 == 1 ? 0 : savedPairs;
                EventFrame f = randomFrame(rnd);
                Selection sel = rnd.nextInt(3) == 0 ? Selection.all(f) : randomSelection(f, rnd);
                EventLabeling labeling = randomLabeling(rnd);
                boolean fromStart = rnd.nextInt(3) == 0;
                FlowQuery.Direction dir = fromStart ? FlowQuery.Direction.FORWARD
                        : FlowQuery.Direction.values()[rnd.nextInt(3)];
                FlowQuery q = new FlowQuery(dir, fromStart ? FlowQuery.JOURNEY_START : randomLabel(rnd, labeling),
                        randomLabel(rnd, labeling), 1 + rnd.nextInt(5), 1 + rnd.nextInt(4),
                        rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS, rnd.nextBoolean(), labeling);
                String ctx = "round " + round + " " + q;
                f.forgetRemembered();
                Flows.Counted counted = Flows.countsFirst(sel, q);
                FlowResult counts = counted.counts();
                NaiveReference.Flow expected = NaiveReference.flow(sel, q);
                assertEquals(expected.journeys(), counts.journeys(), ctx);
                assertEquals(counts.links().stream().anyMatch(l -> !(fromStart && l.from() == 0)),
                        counts.mediansPending(), ctx);
                for (FlowResult.Link l : counts.links()) {
                    FlowResult.Node from = counts.nodes().get(l.from());
                    FlowResult.Node to = counts.nodes().get(l.to());
                    String key = from.column() + "|" + from.label() + ">" + to.column() + "|" + to.label();
                    assertEquals(expected.linkCounts().get(key), l.count(), ctx + " link " + key);
                    // the journey start's links take no time: known at once; every other median is pending
                    assertEquals(fromStart && l.from() == 0 ? 0 : -1, l.medianMicros(), ctx + " median " + key);
                }
                if (rnd.nextBoolean()) {
                    counted.discard();
                }
                FlowResult full = counted.complete();
                assertFalse(full.mediansPending(), ctx);
                assertSame(full, counted.complete(), ctx);
                assertLinks(expected, full, ctx);
                f.forgetRemembered();
                FlowResult computed = Flows.compute(sel, q);
                assertEquals(computed, full, ctx);
                assertEquals(computed.nodes(), counts.nodes(), ctx);
                for (int i = 0; i < counts.links().size(); i++) {
                    FlowResult.Link a = counts.links().get(i);
                    FlowResult.Link b = computed.links().get(i);
                    assertEquals(List.of(b.from(), b.to(), b.count()), List.of(a.from(), a.to(), a.count()), ctx);
                }
            }
        } finally {
            Chunks.minPerPart = saved;
            Flows.Rows.pairsLimit = savedPairs;
        }
    }

    private void flowsMatch(Random rnd, int rounds) {
        flowsMatch(rnd, rounds, false);
    }

    private void flowsMatch(Random rnd, int rounds, boolean fromStart) {
        for (int round = 0; round < rounds; round++) {
            EventFrame f = randomFrame(rnd);
            Selection sel = randomSelection(f, rnd);
            flowMatches(sel, rnd, round, fromStart, null);
        }
    }

    /** One random query of {@code direction} (null: any) over {@code sel}, compared with the naive reference. */
    private void flowMatches(Selection sel, Random rnd, int round, boolean fromStart, FlowQuery.Direction direction) {
        EventLabeling labeling = randomLabeling(rnd);
        FlowQuery.Direction dir = direction != null ? direction : fromStart ? (rnd.nextBoolean()
                ? FlowQuery.Direction.FORWARD : FlowQuery.Direction.BETWEEN)
                : FlowQuery.Direction.values()[rnd.nextInt(3)];
        String a = fromStart ? FlowQuery.JOURNEY_START : randomLabel(rnd, labeling);
        String b = randomLabel(rnd, labeling);
        FlowQuery q = new FlowQuery(dir, a, b, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4),
                rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS, rnd.nextBoolean(), labeling);
        String ctx = "round " + round + " " + q;
        FlowResult r = Flows.compute(sel, q);
        NaiveReference.Flow expected = NaiveReference.flow(sel, q);
        assertEquals(expected.journeys(), r.journeys(), ctx);
        assertEquals(expected.nodes().size(), r.nodes().size(), ctx);
        for (FlowResult.Node n : r.nodes()) {
            NaiveReference.NodeStats s = expected.nodes().get(n.column() + "|" + n.label());
            assertNotNull(s, ctx + " node " + n);
            assertEquals(s.count(), n.count(), ctx + " count " + n);
            assertEquals(s.dropoff(), n.dropoff(), ctx + " dropoff " + n);
            assertEquals(s.continuing(), n.continuing(), ctx + " continuing " + n);
            assertEquals(s.repeats(), n.repeatCount(), ctx + " repeats " + n);
            Map<String, Integer> members = new HashMap<>();
            n.members().forEach(m -> members.put(m.label(), m.count()));
            assertEquals(s.members(), members, ctx + " members " + n);
        }
        assertLinks(expected, r, ctx);
    }

    /** Compares every link's count and median with the naive reference's; returns how many links it checked. */
    static int assertLinks(NaiveReference.Flow expected, FlowResult r, String ctx) {
        assertEquals(expected.linkCounts().size(), r.links().size(), ctx);
        for (FlowResult.Link l : r.links()) {
            FlowResult.Node from = r.nodes().get(l.from());
            FlowResult.Node to = r.nodes().get(l.to());
            String key = from.column() + "|" + from.label() + ">" + to.column() + "|" + to.label();
            assertEquals(expected.linkCounts().get(key), l.count(), ctx + " link " + key);
            assertEquals(expected.linkMedians().get(key), l.medianMicros(), ctx + " median " + key);
        }
        return r.links().size();
    }

    @Test
    void funnelsMatchTheNaiveReference() {
        funnelsMatch(new Random(7), 400);
    }

    @Test
    void parallelFunnelsMatchTheNaiveReference() {
        int saved = Chunks.minPerPart;
        Chunks.minPerPart = 2;
        try {
            funnelsMatch(new Random(8), 150);
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    private void funnelsMatch(Random rnd, int rounds) {
        long[] windows = {FunnelQuery.NO_WINDOW, 0, 5 * FrameFixture.MIN, 30 * FrameFixture.MIN, 2 * 24 * 60 * FrameFixture.MIN};
        for (int round = 0; round < rounds; round++) {
            EventFrame f = randomFrame(rnd);
            Selection sel = randomSelection(f, rnd);
            EventLabeling labeling = randomLabeling(rnd);
            List<String> steps = new ArrayList<>();
            int ns = 1 + rnd.nextInt(4);
            for (int k = 0; k < ns; k++) {
                steps.add(randomLabel(rnd, labeling));
            }
            FunnelQuery q = new FunnelQuery(steps, windows[rnd.nextInt(windows.length)],
                    rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS, rnd.nextInt(3) == 0,
                    rnd.nextBoolean(), labeling, 1 + rnd.nextInt(3));
            assertFunnel(sel, q, "round " + round + " " + q);
        }
    }

    /**
     * A funnel labels each unit's events from the type column's chunks as it walks (32,768 values), not through a
     * label array over the frame: units that cross a chunk's end (a person of 35,000 events among them) give the
     * naive reference's funnel, filtered or not, in one part and many, and a new selection is given no label array
     * per event (on main one was made for every new selection: 20 MB at 5 M events).
     */
    @Test
    void funnelsOverUnitsAcrossTheTypeColumnsChunksMatchTheNaiveReference() {
        int saved = Chunks.minPerPart;
        Random rnd = new Random(12);
        EventFrame f = FlowMediansTest.frame(rnd, 1, 100_000, 40_000, 75_000);
        java.util.BitSet bits = FlowMediansTest.keepAllBut(f, rnd, 4);
        EventLabeling withoutT2 = new EventLabeling(List.of(), java.util.Set.of("t2"));
        try {
            for (int minPerPart : new int[]{50_000, 900}) {
                Chunks.minPerPart = minPerPart;
                for (boolean filtered : new boolean[]{false, true}) {
                    for (CountUnit unit : CountUnit.values()) {
                        for (long window : new long[]{FunnelQuery.NO_WINDOW, 5 * FrameFixture.MIN}) {
                            Selection sel = filtered ? Selection.of(f, bits) : Selection.all(f);
                            FunnelQuery q = new FunnelQuery(List.of("t0", "t1", "t3"), window, unit, false,
                                    window != FunnelQuery.NO_WINDOW, withoutT2, 3);
                            String ctx = q + ", parts of " + minPerPart + (filtered ? ", filtered" : "");
                            assertFunnel(sel, q, ctx);
                            if (filtered) {
                                assertTrue(sel.labels.isEmpty(), "a label array per event was made: " + ctx);
                            }
                        }
                    }
                }
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    /** The funnel of {@code q} over {@code sel} against the naive reference's. */
    private static void assertFunnel(Selection sel, FunnelQuery q, String ctx) {
        int ns = q.steps().size();
        FunnelResult r = Funnels.compute(sel, q);
        NaiveReference.Funnel e = NaiveReference.funnel(sel, q);
        assertEquals(e.units(), r.units(), ctx);
        for (int k = 0; k < ns; k++) {
            FunnelResult.Step s = r.steps().get(k);
            assertEquals(e.reached()[k], s.count(), ctx + " step " + k);
            assertEquals(k + 1 < ns ? e.reached()[k] - e.reached()[k + 1] : 0, s.dropoff(), ctx);
            if (k > 0 && !e.gaps().get(k).isEmpty()) {
                assertEquals(NaiveReference.lowerMedian(e.gaps().get(k)), s.medianFromPreviousMicros(), ctx);
            }
            List<FunnelResult.Next> expectedNext = new ArrayList<>();
            for (var en : NaiveReference.top(e.next().get(k), q.topNext())) {
                expectedNext.add(new FunnelResult.Next(en.getKey(), en.getValue()));
            }
            assertEquals(expectedNext, s.dropoffNext(), ctx + " next " + k);
        }
        List<Long> conv = new ArrayList<>(e.convert());
        conv.sort(null);
        TimeDistribution t = r.timeToConvert();
        assertEquals(conv.size(), t.count(), ctx);
        if (!conv.isEmpty()) {
            assertEquals(conv.get(0), t.min(), ctx);
            assertEquals(conv.get(conv.size() - 1), t.max(), ctx);
            assertEquals(NaiveReference.lowerMedian(conv), t.median(), ctx);
            assertEquals(conv.get((int) Math.ceil(0.9 * conv.size()) - 1), t.p90(), ctx);
            assertEquals(conv.size(), t.buckets().stream().mapToInt(TimeDistribution.Bucket::count).sum(), ctx);
        }
    }

    @Test
    void everyDirectionBalancesItsNodes() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            EventFrame f = randomFrame(rnd);
            Selection sel = randomSelection(f, rnd);
            EventLabeling labeling = randomLabeling(rnd);
            FlowQuery.Direction dir = FlowQuery.Direction.values()[rnd.nextInt(3)];
            String end = randomLabel(rnd, labeling);
            FlowQuery q = new FlowQuery(dir, randomLabel(rnd, labeling), end, 1 + rnd.nextInt(5),
                    1 + rnd.nextInt(3), rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS, rnd.nextBoolean(),
                    labeling);
            FlowResult r = Flows.compute(sel, q);
            String ctx = "round " + round + " " + q;
            if (r.journeys() == 0) {
                assertTrue(r.nodes().isEmpty(), ctx);
                continue;
            }
            int anchor = r.anchorColumn();
            assertEquals(dir == FlowQuery.Direction.BACKWARD ? q.steps() : 0, anchor, ctx);
            assertEquals(1, r.column(anchor).size(), ctx);
            assertEquals(r.journeys(), r.column(anchor).get(0).count(), ctx);
            for (FlowResult.Node n : r.nodes()) {
                int left = r.links().stream().filter(l -> l.to() == n.id()).mapToInt(FlowResult.Link::count).sum();
                int right = r.links().stream().filter(l -> l.from() == n.id()).mapToInt(FlowResult.Link::count).sum();
                int towardAnchor = dir == FlowQuery.Direction.BACKWARD ? right : left;
                int away = dir == FlowQuery.Direction.BACKWARD ? left : right;
                if (n.column() != anchor) {
                    assertEquals(n.count(), towardAnchor, ctx + " " + n);
                }
                assertEquals(n.count(), away + n.dropoff() + n.continuing(), ctx + " " + n);
                int outermost = dir == FlowQuery.Direction.BACKWARD ? 0 : q.steps();
                if (n.column() != outermost) {
                    assertEquals(0, n.continuing(), ctx + " " + n);
                }
                if (dir == FlowQuery.Direction.BETWEEN && n.label().equals(end) && n.column() > 0) {
                    assertEquals(n.count(), n.dropoff(), ctx + " the end event ends every journey " + n);
                }
            }
        }
    }

    @Test
    void flowTotalsBalanceAndAgreeWithStrictFunnels() {
        Random rnd = new Random(99);
        for (int round = 0; round < 300; round++) {
            EventFrame f = randomFrame(rnd);
            Selection sel = randomSelection(f, rnd);
            EventLabeling labeling = randomLabeling(rnd);
            CountUnit unit = rnd.nextBoolean() ? CountUnit.SESSIONS : CountUnit.PERSONS;
            boolean collapse = rnd.nextBoolean();
            String start = randomLabel(rnd, labeling);
            FlowQuery q = FlowQuery.forward(start, 1 + rnd.nextInt(4)).withTopK(1 + rnd.nextInt(3)).withUnit(unit)
                    .withCollapseRepeats(collapse).withLabeling(labeling);
            FlowResult r = Flows.compute(sel, q);
            String ctx = "round " + round + " " + q;

            // the start node counts the units containing the start event
            FunnelResult one = Funnels.compute(sel, new FunnelQuery(List.of(start), FunnelQuery.NO_WINDOW, unit,
                    true, collapse, labeling, 3));
            assertEquals(one.steps().get(0).count(), r.journeys(), ctx);
            if (r.journeys() == 0) {
                continue;
            }
            assertEquals(1, r.column(0).size(), ctx);
            assertEquals(r.journeys(), r.column(0).get(0).count(), ctx);

            // every node: inflow = outflow + drop-off (+ continuing in the last column)
            for (FlowResult.Node n : r.nodes()) {
                int in = r.links().stream().filter(l -> l.to() == n.id()).mapToInt(FlowResult.Link::count).sum();
                int out = r.links().stream().filter(l -> l.from() == n.id()).mapToInt(FlowResult.Link::count).sum();
                if (n.column() > 0) {
                    assertEquals(n.count(), in, ctx + " inflow " + n);
                }
                assertEquals(n.count(), out + n.dropoff() + n.continuing(), ctx + " outflow " + n);
                if (n.column() < q.steps()) {
                    assertEquals(0, n.continuing(), ctx);
                }
            }

            // a random path of named nodes agrees with the strict funnel over the same steps
            List<Integer> path = new ArrayList<>(List.of(r.column(0).get(0).id()));
            List<String> steps = new ArrayList<>(List.of(start));
            while (true) {
                int last = path.get(path.size() - 1);
                List<FlowResult.Link> outs = r.links().stream()
                        .filter(l -> l.from() == last && !r.nodes().get(l.to()).other()).toList();
                if (outs.isEmpty() || rnd.nextInt(5) == 0) {
                    break;
                }
                FlowResult.Node next = r.nodes().get(outs.get(rnd.nextInt(outs.size())).to());
                path.add(next.id());
                steps.add(next.label());
            }
            FunnelResult funnel = Funnels.compute(sel,
                    new FunnelQuery(steps, FunnelQuery.NO_WINDOW, unit, true, collapse, labeling, 3));
            int[] ids = path.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(funnel.converted(), Flows.journeysThrough(sel, r, ids), ctx + " path " + steps);
            if (path.size() == 2) {
                assertEquals(funnel.converted(), r.link(ids[0], ids[1]).count(), ctx);
            }
            // a non-strict funnel over the same steps can only convert more
            FunnelResult loose = Funnels.compute(sel,
                    new FunnelQuery(steps, FunnelQuery.NO_WINDOW, unit, false, collapse, labeling, 3));
            assertTrue(loose.converted() >= funnel.converted(), ctx);
            // drill-down sessions: with sessions as the unit, one per journey
            if (unit == CountUnit.SESSIONS) {
                assertEquals(funnel.converted(), Flows.sessionsThrough(sel, r, ids).sessions().length, ctx);
            }
        }
    }
}
