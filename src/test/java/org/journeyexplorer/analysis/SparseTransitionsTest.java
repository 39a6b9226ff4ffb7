package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse {@link TransitionMatrix} against a naive reference over boxed maps, for few and for many event
 * types, through the dense cell index and the hash table alike, with and without a filter, by sessions and by
 * persons.
 */
class SparseTransitionsTest {

    /** Naive counts and gaps per "from>to" name pair, walking each unit's included events. */
    private static void naive(Selection sel, CountUnit unit, Map<String, Long> counts, Map<String, List<Long>> gaps) {
        EventFrame f = sel.frame();
        int[] bounds = unit == CountUnit.SESSIONS ? f.sessionStart : f.personStart;
        for (int u = 0; u + 1 < bounds.length; u++) {
            List<Integer> kept = new ArrayList<>();
            for (int i = bounds[u]; i < bounds[u + 1]; i++) {
                if (sel.includes(i)) {
                    kept.add(i);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            counts.merge("START>" + f.typeNames[f.type.get(kept.get(0))], 1L, Long::sum);
            for (int k = 1; k < kept.size(); k++) {
                int a = kept.get(k - 1);
                int b = kept.get(k);
                String key = f.typeNames[f.type.get(a)] + ">" + f.typeNames[f.type.get(b)];
                counts.merge(key, 1L, Long::sum);
                gaps.computeIfAbsent(key, x -> new ArrayList<>()).add(f.time.get(b) - f.time.get(a));
            }
            counts.merge(f.typeNames[f.type.get(kept.get(kept.size() - 1))] + ">END", 1L, Long::sum);
        }
    }

    private static void assertAgrees(Selection sel, CountUnit unit, TransitionMatrix m, String ctx) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, List<Long>> gaps = new HashMap<>();
        naive(sel, unit, counts, gaps);
        assertEquals(counts.size(), m.pairCount(), ctx + ": pairs that occur");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < m.size(); i++) {
            index.put(m.name(i), i);
        }
        Map<Integer, TreeSet<Integer>> successors = new HashMap<>();
        for (String key : counts.keySet()) {
            String[] pair = key.split(">");
            successors.computeIfAbsent(index.get(pair[0]), x -> new TreeSet<>()).add(index.get(pair[1]));
        }
        long total = 0;
        for (int from = 0; from < m.size(); from++) {
            TreeSet<Integer> expected = successors.getOrDefault(from, new TreeSet<>());
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), m.successors(from),
                    ctx + ": successors of " + m.name(from));
            long rowTotal = 0;
            for (int to : expected) {
                String key = m.name(from) + ">" + m.name(to);
                assertEquals(counts.get(key), m.count(from, to), ctx + " " + key);
                rowTotal += counts.get(key);
                List<Long> g = gaps.get(key);
                assertEquals(g == null ? -1 : NaiveReference.percentile(g, 50), m.medianMicros(from, to), ctx + " " + key);
                assertEquals(g == null ? -1 : NaiveReference.percentile(g, 90), m.p90Micros(from, to), ctx + " " + key);
            }
            assertEquals(rowTotal, m.rowTotal(from), ctx + ": row total of " + m.name(from));
            total += rowTotal;
            // a pair that never occurs: zero, no time
            if (!expected.contains(0)) {
                assertEquals(0, m.count(from, 0), ctx);
                assertEquals(-1, m.medianMicros(from, 0), ctx);
                assertEquals(Double.NaN, m.p90Seconds(from, 0), ctx);
            }
        }
        assertEquals(total, m.total(), ctx);
    }

    /** The counts alone: the same pairs and counts as the whole matrix, every time pending (-1). */
    private static void assertCountsOnly(TransitionMatrix whole, TransitionMatrix counts, String ctx) {
        assertFalse(whole.timesPending(), ctx);
        assertTrue(counts.timesPending(), ctx);
        assertEquals(whole.pairCount(), counts.pairCount(), ctx);
        assertEquals(whole.total(), counts.total(), ctx);
        for (int from = 0; from < whole.size(); from++) {
            assertArrayEquals(whole.successors(from), counts.successors(from), ctx);
            for (int to : whole.successors(from)) {
                assertEquals(whole.count(from, to), counts.count(from, to), ctx);
                assertEquals(-1, counts.medianMicros(from, to), ctx);
                assertEquals(-1, counts.p90Micros(from, to), ctx);
            }
        }
    }

    @Test
    void agreesWithTheNaiveReferenceThroughTheDenseIndexAndTheHashTable() {
        Random r = new Random(20261205);
        for (int round = 0; round < 24; round++) {
            int types = round % 2 == 0 ? 1 + r.nextInt(12) : 200 + r.nextInt(2000);
            EventFrame f = FrameFixture.random(r, types, 1 + r.nextInt(300));
            BitSet bits = new BitSet(f.size);
            for (int i = 0; i < f.size; i++) {
                bits.set(i, r.nextInt(3) != 0);
            }
            for (Selection sel : List.of(Selection.all(f), Selection.of(f, bits))) {
                for (CountUnit unit : CountUnit.values()) {
                    String ctx = "round " + round + ", " + types + " types, " + unit
                            + (sel.isAll() ? "" : ", filtered");
                    for (long bucketed : bothWays(types)) {
                        String how = bucketed == 0 ? ", every gap selected from" : ", gaps in buckets";
                        Transitions.bucketedCells = bucketed;
                        try {
                            TransitionMatrix dense = Transitions.compute(sel, unit, Long.MAX_VALUE, TaskContext.NONE);
                            TransitionMatrix hashed = Transitions.compute(sel, unit, 0, TaskContext.NONE);
                            assertAgrees(sel, unit, dense, ctx + ", dense index" + how);
                            assertAgrees(sel, unit, hashed, ctx + ", hash table" + how);
                            assertCountsOnly(dense, Transitions.counts(sel, unit, TaskContext.NONE), ctx);
                        } finally {
                            Transitions.bucketedCells = BUCKETED_CELLS;
                        }
                    }
                }
            }
        }
    }

    /**
     * With 40–62 types, hundreds to thousands of pairs in one part (a part starts with room for 256): the
     * histograms of the gaps per pair grow with the pairs met, on one thread and in parts.
     */
    @Test
    void manyPairsInBucketsAgreeWithTheNaiveReference() {
        int saved = Chunks.minPerPart;
        Random r = new Random(4040);
        try {
            for (int round = 0; round < 4; round++) {
                int types = 40 + r.nextInt(23);
                EventFrame f = FrameFixture.random(r, types, 600 + r.nextInt(600));
                BitSet bits = new BitSet(f.size);
                for (int i = 0; i < f.size; i++) {
                    bits.set(i, r.nextInt(4) != 0);
                }
                for (int minPerPart : new int[]{Integer.MAX_VALUE, 1 + f.size / 3}) {
                    Chunks.minPerPart = minPerPart;
                    for (Selection sel : List.of(Selection.all(f), Selection.of(f, bits))) {
                        String ctx = "round " + round + ", " + types + " types, parts of " + minPerPart
                                + (sel.isAll() ? "" : ", filtered");
                        TransitionMatrix m = Transitions.compute(sel, CountUnit.SESSIONS, Long.MAX_VALUE,
                                TaskContext.NONE);
                        assertTrue(m.pairCount() > 600, ctx + ": " + m.pairCount() + " pairs");
                        assertAgrees(sel, CountUnit.SESSIONS, m, ctx);
                    }
                }
            }
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    /**
     * The timed pass with histograms runs in one part per core (at least two), not four per core: each part's
     * histograms are 1 KB per pair it meets. Still several parts, and the same matrix as the naive reference.
     */
    @Test
    void theTimedPassWithHistogramsRunsInAPartPerCore() {
        int saved = Chunks.minPerPart;
        try {
            Chunks.minPerPart = 1;
            int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
            assertEquals(Math.min(cores, Chunks.parts(1_000_000)), Transitions.bucketedParts(Chunks.parts(1_000_000)));
            assertTrue(Chunks.parts(1_000_000) > Transitions.bucketedParts(Chunks.parts(1_000_000)));
            assertEquals(1, Transitions.bucketedParts(1));
            EventFrame f = FrameFixture.random(new Random(8), 30, 400);
            assertAgrees(Selection.all(f), CountUnit.SESSIONS, Transitions.compute(Selection.all(f), CountUnit.SESSIONS,
                    Long.MAX_VALUE, TaskContext.NONE), "parts of one event");
        } finally {
            Chunks.minPerPart = saved;
        }
    }

    /**
     * A new selection's timed matrix selects its medians in the gaps array the last matrix gave back ({@link Scratch}),
     * which holds that matrix's gaps, and makes none: with every gap of a pair selected from and with buckets, in one
     * part and in several, equal to the naive reference each time (with nothing given back, every timed matrix made
     * its gaps array anew, a few MB at 5 M events).
     */
    @Test
    void aNewSelectionsTimedMatrixTakesTheLastGapsArrayAgainAndAgreesWithTheNaiveReference() {
        int saved = Chunks.minPerPart;
        long savedCap = Scratch.capBytes;
        Random r = new Random(4041);
        EventFrame f = FrameFixture.random(r, 5, 4_000);
        Scratch.clear();
        try {
            Scratch.capBytes = 1L << 30;
            for (long bucketed : new long[]{0, BUCKETED_CELLS}) {
                Transitions.bucketedCells = bucketed;
                for (int minPerPart : new int[]{Integer.MAX_VALUE, 1 + f.size / 5}) {
                    Chunks.minPerPart = minPerPart;
                    for (int round = 0; round < 3; round++) {
                        BitSet bits = new BitSet(f.size);
                        for (int i = 0; i < f.size; i++) {
                            bits.set(i, r.nextInt(round == 0 ? 5 : 4) != 0); // then fewer gaps
                        }
                        Selection sel = Selection.of(f, bits);
                        String ctx = (bucketed == 0 ? "every gap" : "buckets") + ", parts of " + minPerPart
                                + ", round " + round;
                        long before = Scratch.made.get();
                        TransitionMatrix m = Transitions.compute(sel, CountUnit.SESSIONS, Long.MAX_VALUE,
                                TaskContext.NONE);
                        if (round > 0) {
                            assertEquals(0, Scratch.made.get() - before, "arrays made: " + ctx);
                        }
                        assertAgrees(sel, CountUnit.SESSIONS, m, ctx);
                    }
                }
            }
        } finally {
            Transitions.bucketedCells = BUCKETED_CELLS;
            Chunks.minPerPart = saved;
            Scratch.capBytes = savedCap;
            Scratch.clear();
        }
    }

    /**
     * A part's gap histograms are an array per pair, made when the pair is met and never copied: as one array grown
     * by doubling they were copied at each growth and, past 1 MB (about 1,000 pairs), taken as a humongous object
     * from fresh heap regions, most of the CPU of the Transitions tab's timed pass in the app at 5 M events.
     */
    @Test
    void aPartsHistogramsAreNotCopiedAsItsPairsGrow() {
        Transitions.Cells cells = new Transitions.Cells(-1, true);
        int[][] first = new int[5_000][];
        for (int k = 0; k < 5_000; k++) {
            int c = cells.add(7L * k);
            cells.hist[c][k % GapBuckets.BUCKETS]++;
            first[k] = cells.hist[c];
        }
        for (int k = 0; k < 5_000; k++) {
            int c = cells.indexOf(7L * k);
            assertTrue(cells.hist[c] == first[k], "pair " + k + "'s histogram was copied");
            assertEquals(GapBuckets.BUCKETS, cells.hist[c].length);
            assertEquals(1, cells.hist[c][k % GapBuckets.BUCKETS]);
        }
    }

    @Test
    void partsOverRunsOfSessionsGiveTheSameMatrixAsOneThread() {
        int saved = Chunks.minPerPart;
        try {
            Random r = new Random(16);
            for (int round = 0; round < 8; round++) {
                int types = round % 2 == 0 ? 1 + r.nextInt(12) : 200 + r.nextInt(400);
                EventFrame f = FrameFixture.random(r, types, 1 + r.nextInt(300));
                BitSet bits = new BitSet(f.size);
                for (int i = 0; i < f.size; i++) {
                    bits.set(i, r.nextInt(3) != 0);
                }
                Chunks.minPerPart = 1 + r.nextInt(40); // several parts, some holding no whole session
                for (Selection sel : List.of(Selection.all(f), Selection.of(f, bits))) {
                    for (CountUnit unit : CountUnit.values()) {
                        String ctx = "round " + round + ", " + types + " types, " + unit + ", parts of "
                                + Chunks.minPerPart + (sel.isAll() ? "" : ", filtered");
                        for (long bucketed : bothWays(types)) {
                            Transitions.bucketedCells = bucketed;
                            String how = bucketed == 0 ? ", every gap selected from" : ", gaps in buckets";
                            assertAgrees(sel, unit, Transitions.compute(sel, unit, Long.MAX_VALUE, TaskContext.NONE),
                                    ctx + ", dense index" + how);
                            assertAgrees(sel, unit, Transitions.compute(sel, unit, 0, TaskContext.NONE),
                                    ctx + ", hash table" + how);
                        }
                    }
                }
            }
        } finally {
            Chunks.minPerPart = saved;
            Transitions.bucketedCells = BUCKETED_CELLS;
        }
    }

    private static final long BUCKETED_CELLS = Transitions.bucketedCells;

    /**
     * With few types both ways (every gap, and buckets: with the hash table too, as the tests pass no dense
     * index); many types only as the default runs them, without buckets.
     */
    private static long[] bothWays(int types) {
        return types <= 62 ? new long[]{0, Long.MAX_VALUE} : new long[]{BUCKETED_CELLS};
    }

    @Test
    void bucketsFollowTheOrderOfGaps() {
        Random r = new Random(5);
        List<Long> gaps = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 15L, 16L, Long.MAX_VALUE));
        for (int k = 0; k < 63; k++) {
            gaps.add((1L << k) - 1);
            gaps.add(1L << k);
            gaps.add((1L << k) + 1);
            gaps.add((1L << k) + (1L << k) / 4 * 3);
        }
        for (int k = 0; k < 2_000; k++) {
            gaps.add(r.nextLong() >>> r.nextInt(64));
        }
        gaps.sort(null);
        for (int k = 1; k < gaps.size(); k++) {
            int b = GapBuckets.bucket(gaps.get(k));
            assertTrue(b >= GapBuckets.bucket(gaps.get(k - 1)) && b < GapBuckets.BUCKETS, "gap " + gaps.get(k));
        }
    }

    @Test
    void gapsFromMicrosecondsToCenturiesAgreeWithTheNaiveReference() {
        // gaps across many buckets, on buckets' edges, repeated, and beyond a long (negative after subtraction),
        // with p90 in the median's bucket or another, split over several parts
        int saved = Chunks.minPerPart;
        Random r = new Random(77);
        try {
            for (int round = 0; round < 14; round++) {
                int n = 50 + r.nextInt(1_500);
                int types = 1 + r.nextInt(5);
                int[] person = new int[n];
                long[] time = new long[n];
                int[] type = new int[n];
                int[] session = new int[n];
                int spread = r.nextInt(4);
                long t = round % 7 == 0 ? Long.MIN_VALUE + 5 : 0;
                for (int i = 0; i < n; i++) {
                    long gap = switch (spread) {
                        case 0 -> r.nextInt(20);
                        case 1 -> (1L << r.nextInt(40)) + r.nextInt(3) - 1;
                        case 2 -> r.nextInt(4) == 0 ? 1_000_000L : r.nextLong() >>> (24 + r.nextInt(40));
                        default -> r.nextLong() >>> (2 + r.nextInt(60));
                    };
                    t += Math.max(0, gap);
                    if (round % 7 == 0 && i == n / 2) {
                        t = Long.MAX_VALUE - 5; // one gap beyond a long: negative after the subtraction
                    }
                    time[i] = t;
                    type[i] = r.nextInt(types);
                    session[i] = i / 40;
                }
                int sessions = (n + 39) / 40;
                int[] sessionStart = new int[sessions + 1];
                for (int s = 0; s < sessions; s++) {
                    sessionStart[s] = s * 40;
                }
                sessionStart[sessions] = n;
                String[] names = new String[types];
                for (int k = 0; k < types; k++) {
                    names[k] = "t" + k;
                }
                EventFrame f = new EventFrame(person, time, type, session, sessionStart, new int[]{0, n},
                        new int[n], names, new String[]{"p"});
                Chunks.minPerPart = 1 + r.nextInt(200);
                for (long bucketed : new long[]{0, Long.MAX_VALUE}) {
                    Transitions.bucketedCells = bucketed;
                    for (CountUnit unit : CountUnit.values()) {
                        assertAgrees(Selection.all(f), unit, Transitions.compute(Selection.all(f), unit,
                                TaskContext.NONE), "round " + round + ", spread " + spread + ", " + unit
                                + (bucketed == 0 ? ", every gap" : ", buckets"));
                    }
                }
            }
        } finally {
            Chunks.minPerPart = saved;
            Transitions.bucketedCells = BUCKETED_CELLS;
        }
    }

    @Test
    void fortyThousandEventTypesNeedMemoryForThePairsThatOccurOnly() {
        // a dense matrix of 40,002² cells is 12.8 GB per long array: more than the tests' heap holds
        EventFrame f = FrameFixture.random(new Random(7), 40_000, 3_000);
        Selection sel = Selection.all(f);
        TransitionMatrix m = Transitions.compute(sel, TaskContext.NONE);
        assertEquals(40_002, m.size());
        assertAgrees(sel, CountUnit.SESSIONS, m, "40,000 types");
    }
}
