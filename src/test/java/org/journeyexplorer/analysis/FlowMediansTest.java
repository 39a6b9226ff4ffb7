package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sankey links' medians against the naive reference: gaps
 * from microseconds to centuries (many buckets, buckets' edges), ties, links of a single journey, a gap beyond a
 * long (negative after the subtraction), "Other" nodes merging several labels' gaps, and several parts.
 */
class FlowMediansTest {
    @Test
    void linkMediansAgreeWithTheNaiveReference() {
        int savedParts = Chunks.minPerPart;
        int savedPairs = Flows.Rows.pairsLimit;
        Random r = new Random(616);
        int checked = 0;
        try {
            for (int round = 0; round < 24; round++) {
                EventFrame f = frame(r, round);
                BitSet bits = new BitSet(f.size);
                for (int i = 0; i < f.size; i++) {
                    bits.set(i, r.nextInt(4) != 0);
                }
                Chunks.minPerPart = round % 3 == 0 ? 50_000 : 1 + r.nextInt(60);
                // links counted from the walk's pairs of cells, or in a pass of their own (many labels)
                Flows.Rows.pairsLimit = round % 2 == 0 ? savedPairs : 0;
                for (Selection sel : List.of(Selection.all(f), Selection.of(f, bits))) {
                    for (FlowQuery q : List.of(FlowQuery.forward("t0", 4).withTopK(2),
                            FlowQuery.backward("t1", 3).withUnit(CountUnit.PERSONS),
                            FlowQuery.between("t0", "t2", 5).withTopK(1).withCollapseRepeats(true),
                            FlowQuery.forward("rare", 3))) {
                        NaiveReference.Flow expected = NaiveReference.flow(sel, q);
                        String ctx = "round " + round + ", " + q + ", parts of " + Chunks.minPerPart
                                + (sel.isAll() ? "" : ", filtered");
                        checked += RandomizedAnalysisTest.assertLinks(expected, Flows.compute(sel, q), ctx);
                    }
                }
            }
        } finally {
            Chunks.minPerPart = savedParts;
            Flows.Rows.pairsLimit = savedPairs;
        }
        assertTrue(checked > 2_000, "links checked: " + checked);
    }

    /**
     * Flows label each unit's events from the frame's types as they walk it, read from the type column's chunks
     * (32,768 values): units that cross a chunk's end (a person of 35,000 events among them, longer than any scratch
     * array the walk starts with) give the same nodes and links as the naive reference, also when a part's journeys
     * fill several of its blocks.
     */
    @Test
    void unitsAcrossTheTypeColumnsChunksMatchTheNaiveReference() {
        int savedParts = Chunks.minPerPart;
        int savedPairs = Flows.Rows.pairsLimit;
        Random r = new Random(617);
        EventFrame f = frame(r, 1, 100_000, 40_000, 75_000);
        BitSet bits = new BitSet(f.size);
        for (int i = 0; i < f.size; i++) {
            bits.set(i, r.nextInt(5) != 0);
        }
        int checked = 0;
        try {
            for (int minPerPart : new int[]{50_000, 700}) {
                Chunks.minPerPart = minPerPart;
                Flows.Rows.pairsLimit = minPerPart == 700 ? 0 : savedPairs;
                for (Selection sel : List.of(Selection.all(f), Selection.of(f, bits))) {
                    // 20 steps of some 6,700 sessions: more cells than one block of a part's rows holds
                    for (FlowQuery q : List.of(FlowQuery.forward(FlowQuery.JOURNEY_START, 20).withTopK(2),
                            FlowQuery.forward("t1", 5).withUnit(CountUnit.PERSONS),
                            FlowQuery.backward("rare", 4).withUnit(CountUnit.PERSONS),
                            FlowQuery.between("t0", "t3", 5).withCollapseRepeats(true).withUnit(CountUnit.PERSONS))) {
                        String ctx = q + ", parts of " + minPerPart + (sel.isAll() ? "" : ", filtered");
                        checked += assertFlowIsTheNaiveOne(sel, q, ctx).checkedLinks();
                    }
                }
            }
        } finally {
            Chunks.minPerPart = savedParts;
            Flows.Rows.pairsLimit = savedPairs;
        }
        assertTrue(checked > 200, "links checked: " + checked);
    }

    /** A flow computed and the number of its links checked against the naive reference. */
    private record Checked(FlowResult got, int checkedLinks) {
    }

    /** Computes the flow and asserts its journeys, nodes (counts, drop-offs, continuing, repeats) and links. */
    private static Checked assertFlowIsTheNaiveOne(Selection sel, FlowQuery q, String ctx) {
        NaiveReference.Flow expected = NaiveReference.flow(sel, q);
        FlowResult got = Flows.compute(sel, q);
        org.junit.jupiter.api.Assertions.assertEquals(expected.journeys(), got.journeys(), ctx);
        org.junit.jupiter.api.Assertions.assertEquals(expected.nodes().size(), got.nodes().size(), ctx);
        for (FlowResult.Node n : got.nodes()) {
            NaiveReference.NodeStats e = expected.nodes().get(n.column() + "|" + n.label());
            String at = ctx + " node " + n;
            org.junit.jupiter.api.Assertions.assertEquals(e.count(), n.count(), at);
            org.junit.jupiter.api.Assertions.assertEquals(e.dropoff(), n.dropoff(), at);
            org.junit.jupiter.api.Assertions.assertEquals(e.continuing(), n.continuing(), at);
            org.junit.jupiter.api.Assertions.assertEquals(e.repeats(), n.repeatCount(), at);
        }
        return new Checked(got, RandomizedAnalysisTest.assertLinks(expected, got, ctx));
    }

    /**
     * A flow writes its cells and gaps, and sorts its links' gaps, into scratch arrays the last flow gave back
     * ({@link Scratch}), which hold that flow's values: flows over different selections in turn, one part and
     * several, links of over a quarter block (arrays of their own) and small ones (sharing a block), each equal to the
     * naive reference.
     */
    @Test
    void flowsOverScratchArraysTheLastFlowsLeftMatchTheNaiveReference() {
        int savedParts = Chunks.minPerPart;
        long savedCap = Scratch.capBytes;
        Random r = new Random(618);
        EventFrame f = shortSessions(r, 300_000, 3);
        int checked = 0;
        Scratch.clear();
        try {
            Scratch.capBytes = 1L << 30;
            for (int round = 0; round < 6; round++) {
                Chunks.minPerPart = round % 2 == 0 ? 50_000 : 20_000;
                BitSet bits = new BitSet(f.size);
                int keep = 2 + round % 3; // a quarter to a half of the events left out
                for (int i = 0; i < f.size; i++) {
                    bits.set(i, r.nextInt(keep) != 0);
                }
                Selection sel = round == 0 ? Selection.all(f) : Selection.of(f, bits);
                FlowQuery q = round % 3 == 2 ? FlowQuery.forward("t1", 4).withUnit(CountUnit.PERSONS)
                        : FlowQuery.forward(FlowQuery.JOURNEY_START, 5 + round % 2).withTopK(2);
                String ctx = "round " + round + ", " + q + ", parts of " + Chunks.minPerPart;
                Checked c = assertFlowIsTheNaiveOne(sel, q, ctx);
                assertTrue(c.got().links().stream().anyMatch(l -> l.count() > Flows.Rows.BLOCK / 4), ctx);
                checked += c.checkedLinks();
            }
        } finally {
            Chunks.minPerPart = savedParts;
            Scratch.capBytes = savedCap;
            Scratch.clear();
        }
        assertTrue(checked > 50, "links checked: " + checked);
    }

    /**
     * A new flow over another selection (of fewer events) makes no new arrays: it takes the ones the last flow gave
     * back (with nothing given back, as before, every filtered flow made its blocks and links' arrays anew).
     */
    @Test
    void aFlowTakesTheLastFlowsArraysAgain() {
        long savedCap = Scratch.capBytes;
        Random r = new Random(619);
        EventFrame f = shortSessions(r, 200_000, 6);
        FlowQuery q = FlowQuery.forward(FlowQuery.JOURNEY_START, 5).withTopK(3);
        Scratch.clear();
        try {
            Scratch.capBytes = 1L << 30;
            for (int round = 0; round < 3; round++) {
                BitSet bits = new BitSet(f.size);
                for (int i = 0; i < f.size; i++) {
                    bits.set(i, r.nextInt(round == 0 ? 4 : 3) != 0); // then fewer events: fewer cells per link
                }
                long before = Scratch.made.get();
                FlowResult got = Flows.compute(Selection.of(f, bits), q);
                long made = Scratch.made.get() - before;
                assertTrue(got.journeys() > 10_000, "journeys " + got.journeys());
                if (round == 0) {
                    assertTrue(made > 2, "arrays made by the first flow: " + made);
                } else {
                    org.junit.jupiter.api.Assertions.assertEquals(0, made, "arrays made by flow " + round);
                }
            }
        } finally {
            Scratch.capBytes = savedCap;
            Scratch.clear();
        }
    }

    /**
     * {@code n} events in sessions of 1–8 events of {@code types} types (gaps of up to a minute, some ties), a
     * person for every two sessions: few types, so the largest links hold many thousand gaps.
     */
    private static EventFrame shortSessions(Random r, int n, int types) {
        long[] time = new long[n];
        int[] type = new int[n];
        int[] session = new int[n];
        int[] sessionStart = new int[n + 1];
        int[] personStart = new int[n + 1];
        int sessions = 0;
        int persons = 0;
        long t = 0;
        for (int i = 0; i < n; ) {
            int len = Math.min(n - i, 1 + r.nextInt(8));
            if (sessions % 2 == 0) {
                personStart[persons++] = i;
                t = 0;
            }
            sessionStart[sessions] = i;
            t += 3_600_000_000L;
            for (int k = 0; k < len; k++, i++) {
                t += r.nextInt(4) == 0 ? 1_000_000 : r.nextInt(60_000_000);
                time[i] = t;
                type[i] = r.nextInt(types);
                session[i] = sessions;
            }
            sessions++;
        }
        sessionStart[sessions] = n;
        personStart[persons] = n;
        String[] typeNames = new String[types];
        for (int k = 0; k < types; k++) {
            typeNames[k] = "t" + k;
        }
        String[] personNames = new String[persons];
        for (int q = 0; q < persons; q++) {
            personNames[q] = "p" + q;
        }
        return new EventFrame(time, type, session, java.util.Arrays.copyOf(sessionStart, sessions + 1),
                java.util.Arrays.copyOf(personStart, persons + 1), new int[n], typeNames, personNames);
    }

    /**
     * Sessions of 1–30 events of four types (one "rare" event in all, so its links have a single gap) whose gaps
     * follow one of five spreads; every seventh round starts near the smallest long and jumps to near the largest
     * once, a gap beyond a long.
     */
    private static EventFrame frame(Random r, int round) {
        return frame(r, round, 200 + r.nextInt(3_000), -1, -1);
    }

    /** As above with {@code n} events, those in {@code [oneFrom, oneTo)} one person's single session. */
    /** The events a filter keeps: each but about one in {@code outOf}, at random. */
    static BitSet keepAllBut(EventFrame f, Random r, int outOf) {
        BitSet bits = new BitSet(f.size);
        for (int i = 0; i < f.size; i++) {
            bits.set(i, r.nextInt(outOf) != 0);
        }
        return bits;
    }

    static EventFrame frame(Random r, int round, int n, int oneFrom, int oneTo) {
        int spread = round % 5;
        int[] person = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        int[] session = new int[n];
        int[] sessionStart = new int[n + 1];
        int sessions = 0;
        int p = 0;
        long t = round % 7 == 0 ? Long.MIN_VALUE + 5 : 0;
        int rare = r.nextInt(n);
        for (int i = 0; i < n; i++) {
            boolean inOne = i > oneFrom && i < oneTo;
            if (i == 0 || i == oneFrom || i == oneTo || (!inOne && r.nextInt(15) == 0)) {
                sessionStart[sessions++] = i;
            }
            long gap = switch (spread) {
                case 0 -> r.nextInt(20); // ties: few distinct gaps, in one-microsecond buckets
                case 1 -> (1L << r.nextInt(40)) + r.nextInt(3) - 1; // on and beside buckets' edges
                case 2 -> r.nextInt(3) == 0 ? 60_000_000L : r.nextLong() >>> (24 + r.nextInt(40));
                case 3 -> 1_000_000L; // every gap the same
                default -> r.nextLong() >>> (2 + r.nextInt(60)); // up to centuries
            };
            t += Math.max(0, gap);
            if (round % 7 == 0 && i == n / 2) {
                t = Long.MAX_VALUE - 5;
            }
            time[i] = t;
            type[i] = i == rare ? 4 : r.nextInt(4);
            session[i] = sessions - 1;
            if (i > 0 && (i == oneFrom || i == oneTo || (sessionStart[sessions - 1] == i && (sessions - 1) % 3 == 0))) {
                p++;
            }
            person[i] = p;
        }
        sessionStart[sessions] = n;
        int persons = person[n - 1] + 1;
        int[] personStart = new int[persons + 1];
        for (int i = n - 1; i >= 0; i--) {
            personStart[person[i]] = i;
        }
        personStart[persons] = n;
        String[] personNames = new String[persons];
        for (int q = 0; q < persons; q++) {
            personNames[q] = "p" + q;
        }
        return new EventFrame(person, time, type, session, java.util.Arrays.copyOf(sessionStart, sessions + 1),
                personStart, new int[n], new String[]{"t0", "t1", "t2", "t3", "rare"}, personNames);
    }
}
