package org.journeyexplorer.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.journeyexplorer.analysis.FrameFixture.MIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VariantsTest {

    @Test
    void handComputedVariants() {
        EventFrame f = FrameFixture.frame(
                "p1: a b c | a b",          // s0 a b c (2 min), s1 a b (1 min)
                "p2: a b@5 c@9",            // s2 a b c (9 min)
                "p3: a b c@30 | a a b",     // s3 a b c (30 min), s4 a a b
                "p4: x");                   // s5 x (0)
        VariantResult r = Variants.compute(Selection.all(f), VariantQuery.top(3));
        assertEquals(6, r.sessions());
        assertEquals(4, r.distinct()); // abc, ab, aab, x
        VariantResult.Variant abc = r.variants().get(0);
        assertEquals(List.of("a", "b", "c"), abc.steps());
        assertEquals(3, abc.count());
        assertEquals(0.5, abc.share(), 1e-12);
        assertEquals(9 * MIN, abc.medianDurationMicros()); // 2, 9, 30 min
        assertEquals(0, abc.firstSession());
        // the ties at count 1 are ranked by their first session: ab (s1), aab (s4); x (s5) is cut by top 3
        assertEquals(List.of("a", "b"), r.variants().get(1).steps());
        assertEquals(List.of("a", "a", "b"), r.variants().get(2).steps());
        assertEquals(3, r.variants().size());
        assertArrayEquals(new int[]{0, 2, 3}, Variants.sessionsOf(Selection.all(f), r, 0).sessions());

        // collapsing merges a a b into a b
        VariantResult c = Variants.compute(Selection.all(f), new VariantQuery(5, true, EventLabeling.NONE));
        assertEquals(3, c.distinct());
        assertEquals(2, c.variants().get(1).count());
        assertArrayEquals(new int[]{1, 4}, Variants.sessionsOf(Selection.all(f), c, 1).sessions());
    }

    @Test
    void matchesTheNaiveReference() {
        checkAgainstTheNaiveReference(new Random(5), 300, "");
    }

    /**
     * The grouping split into hash partitions over several cores, and hashes cut to a few bits so that different
     * sequences share one and only the step-by-step check keeps them apart, with short sequences keyed by their
     * packed labels or not: the same variants, counts, ties.
     */
    @Test
    void partitionsAndHashCollisionsMatchTheNaiveReference() {
        int savedParts = Chunks.minPerPart;
        long savedMask = Variants.hashMask;
        int savedPack = Variants.packBits;
        try {
            Random rnd = new Random(17);
            for (int round = 0; round < 40; round++) {
                Chunks.minPerPart = 1 + rnd.nextInt(4);
                Variants.packBits = round < 20 ? 0 : 2 + rnd.nextInt(8); // all hashed, or short ones packed
                Variants.hashMask = switch (round % 4) {
                    case 0 -> -1L;
                    case 1 -> 0L;
                    case 2 -> 0x3L;
                    default -> 0xC000_0000_0000_0001L; // two partition bits, one table bit
                };
                checkAgainstTheNaiveReference(rnd, 5, "minPerPart " + Chunks.minPerPart + ", mask "
                        + Long.toHexString(Variants.hashMask) + ", packBits " + Variants.packBits + ", ");
            }
        } finally {
            Chunks.minPerPart = savedParts;
            Variants.hashMask = savedMask;
            Variants.packBits = savedPack;
        }
    }

    private static void checkAgainstTheNaiveReference(Random rnd, int rounds, String prefix) {
        for (int round = 0; round < rounds; round++) {
            EventFrame f = RandomizedAnalysisTest.randomFrame(rnd);
            Selection sel = RandomizedAnalysisTest.randomSelection(f, rnd);
            EventLabeling labeling = RandomizedAnalysisTest.randomLabeling(rnd);
            VariantQuery q = new VariantQuery(1 + rnd.nextInt(6), rnd.nextBoolean(), labeling);
            VariantResult r = Variants.compute(sel, q);
            List<NaiveReference.Variant> expected = NaiveReference.variants(sel, labeling, q.collapseRepeats());
            String ctx = prefix + "round " + round + " " + q;
            assertEquals(expected.size(), r.distinct(), ctx);
            assertEquals(Math.min(q.top(), expected.size()), r.variants().size(), ctx);
            for (int i = 0; i < r.variants().size(); i++) {
                VariantResult.Variant v = r.variants().get(i);
                NaiveReference.Variant e = expected.get(i);
                assertEquals(e.steps(), v.steps(), ctx + " #" + i);
                assertEquals(e.count(), v.count(), ctx + " #" + i);
                assertEquals(e.medianDuration(), v.medianDurationMicros(), ctx + " #" + i);
                assertEquals(e.firstSession(), v.firstSession(), ctx + " #" + i);
                int[] members = Variants.sessionsOf(sel, r, i).sessions();
                assertEquals(e.count(), members.length, ctx + " #" + i);
                assertEquals(e.firstSession(), members[0], ctx + " #" + i);
            }
        }
    }
}
