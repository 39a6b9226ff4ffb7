package org.journeyexplorer.chart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapLayoutTest {

    /** Counts from explicit random sequences: START → first, consecutive pairs, last → END. */
    static HeatmapData fromSequences(long seed, int types, int sequences) {
        Random rnd = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types; i++) {
            names.add("t" + i);
        }
        long[][] counts = new long[types + 1][types + 1];
        for (int s = 0; s < sequences; s++) {
            int len = 1 + rnd.nextInt(6);
            int prev = -1;
            for (int k = 0; k < len; k++) {
                int t = rnd.nextInt(types);
                counts[prev + 1][t]++;
                prev = t;
            }
            counts[prev + 1][types]++;
        }
        return new HeatmapData(names, counts, null, "transitions");
    }

    @Test
    void cellsCoverTheWholeGridExactlyOnce() {
        for (int types : new int[]{2, 7, 200}) {
            HeatmapData data = fromSequences(types, types, 500);
            HeatmapGeometry g = HeatmapLayout.layout(data, HeatmapLayout.Mode.PROBABILITY,
                    HeatmapLayout.Order.FREQUENCY, 14);
            int n = types + 1;
            assertEquals(n * n, g.cells().size());
            Set<String> seen = new HashSet<>();
            Set<String> positions = new HashSet<>();
            for (HeatmapGeometry.Cell c : g.cells()) {
                assertTrue(seen.add(c.row() + "," + c.col()), "duplicate cell");
                int dr = (int) Math.round((c.y() - g.gridY()) / 14);
                int dc = (int) Math.round((c.x() - g.gridX()) / 14);
                assertTrue(dr >= 0 && dr < n && dc >= 0 && dc < n);
                assertTrue(positions.add(dr + "," + dc), "two cells at one position");
                assertEquals(data.counts()[c.row()][c.col()], c.count());
            }
            assertEquals(0, g.rowOrder()[0], "START is the first row");
            assertEquals(types, g.colOrder()[n - 1], "END is the last column");
            assertTrue(g.width() >= g.gridX() + n * 14 && g.height() >= g.gridY() + n * 14);
        }
    }

    @Test
    void probabilitiesSumToOnePerRowAndCellAtInvertsPositions() {
        HeatmapData data = fromSequences(3, 6, 300);
        HeatmapGeometry g = HeatmapLayout.layout(data, HeatmapLayout.Mode.PROBABILITY,
                HeatmapLayout.Order.SIMILARITY, 20);
        double[] sums = new double[7];
        for (HeatmapGeometry.Cell c : g.cells()) {
            sums[c.row()] += c.value();
            HeatmapGeometry.Cell hit = g.cellAt(c.x() + 10, c.y() + 10);
            assertEquals(c, hit);
            if (c.count() == 0) {
                assertNull(c.color());
            } else {
                assertNotNull(c.color());
            }
        }
        for (int r = 0; r < 7; r++) {
            if (data.rowTotal(r) > 0) {
                assertEquals(1.0, sums[r], 1e-9);
            }
        }
        assertNull(g.cellAt(g.gridX() - 1, g.gridY() + 1));
        assertNull(g.cellAt(g.gridX() + 7 * 20 + 1, g.gridY() + 1));
    }

    @Test
    void frequencyOrderPutsTheBusiestTypeFirst() {
        // t1 occurs 10 times, t0 3 times, t2 once
        long[][] c = new long[4][4];
        c[0][1] = 10;
        c[2][3] = 10;
        c[0][0] = 3;
        c[1][3] = 3;
        c[0][2] = 1;
        c[3][3] = 1;
        HeatmapData data = new HeatmapData(List.of("t0", "t1", "t2"), c, null, "transitions");
        assertEquals(List.of(1, 0, 2), toList(HeatmapLayout.byFrequency(data)));
    }

    @Test
    void similarityOrderChainsTypesWithTheSameSuccessors() {
        // a and c both go to x; b and d both go to y; frequency order is a, b, c, d, x, y.
        List<String> types = List.of("a", "b", "c", "d", "x", "y");
        long[][] m = new long[7][7];
        m[1][4] = 40; // a → x
        m[2][5] = 30; // b → y
        m[3][4] = 20; // c → x
        m[4][5] = 10; // d → y
        m[5][6] = 5;  // x → END
        m[6][6] = 4;  // y → END
        HeatmapData data = new HeatmapData(types, m, null, "transitions");
        assertEquals(List.of(0, 1, 2, 3, 4, 5), toList(HeatmapLayout.byFrequency(data)));
        List<Integer> sim = toList(HeatmapLayout.bySimilarity(data));
        assertEquals(List.of(0, 2), sim.subList(0, 2), "c follows a: identical successor distribution");
        assertEquals(List.of(1, 3), sim.subList(2, 4), "then b and d, sharing y");
    }

    @Test
    void countModeUsesTheLargestCountAtTheTopOfTheLegend() {
        HeatmapData data = fromSequences(9, 4, 1000);
        HeatmapGeometry g = HeatmapLayout.layout(data, HeatmapLayout.Mode.COUNT, HeatmapLayout.Order.FREQUENCY, 40);
        long max = g.cells().stream().mapToLong(HeatmapGeometry.Cell::count).max().orElseThrow();
        HeatmapGeometry.Cell top = g.cells().stream().filter(c -> c.count() == max).findFirst().orElseThrow();
        assertEquals(HeatmapLayout.Ramp.LIGHT.stops().get(4), top.color());
        assertEquals(HeatmapLayout.compact(max), g.legend().ticks().get(4).text());
        assertNotNull(top.text(), "40 px cells print their value");
    }

    @Test
    void smallCellsGetUprightSmallerColumnLabelsAndLongNamesKeepTheirEnds() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add("checkout_step_event_number_" + i);
        }
        long[][] c = new long[31][31];
        c[0][0] = 1;
        HeatmapData data = new HeatmapData(names, c, null, "transitions");
        HeatmapGeometry small = HeatmapLayout.layout(data, HeatmapLayout.Mode.COUNT, HeatmapLayout.Order.FREQUENCY, 12);
        HeatmapGeometry big = HeatmapLayout.layout(data, HeatmapLayout.Mode.COUNT, HeatmapLayout.Order.FREQUENCY, 30);
        assertEquals(-90, small.colLabelAngle());
        assertEquals(-45, big.colLabelAngle());
        assertTrue(small.fontSize() < big.fontSize());
        HeatmapGeometry.AxisLabel l = big.colLabels().stream().filter(x -> x.fullText().endsWith("_17"))
                .findFirst().orElseThrow();
        assertTrue(l.text().contains("…") && l.text().endsWith("_17"), l.text());
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    @Test
    void topKGroupsTheRestIntoOtherKeepingEveryTotal() {
        // t0 → t1 ×5, t1 → t2 ×2, t2 → t3 ×1, t3 → END ×1; START → t0 ×5, START → t3 ×1
        // row totals: t0 5, t1 2, t2 1, t3 1 → top 2 keeps t0, t1; Other = {t2, t3}
        long[][] c = new long[5][5];
        c[0][0] = 5;
        c[0][3] = 1;
        c[1][1] = 5;
        c[2][2] = 2;
        c[3][3] = 1;
        c[4][4] = 1;
        long[][] med = new long[5][5];
        for (long[] row : med) {
            java.util.Arrays.fill(row, -1);
        }
        med[1][1] = 60;
        med[2][2] = 90;
        HeatmapData d = new HeatmapData(List.of("t0", "t1", "t2", "t3"), c, med, "transitions");
        HeatmapData top = d.topK(2);
        assertEquals(List.of("t0", "t1", "Other (2 types)"), top.types());
        assertEquals(List.of("t2", "t3"), top.otherMembers());
        assertTrue(top.isOther(2) && !top.isOther(1) && !d.isOther(3));
        long[][] g = top.counts();
        assertEquals(5, g[0][0], "START → t0");
        assertEquals(1, g[0][2], "START → t3 went into Other");
        assertEquals(5, g[1][1], "t0 → t1");
        assertEquals(2, g[2][2], "t1 → t2 into Other");
        assertEquals(1, g[3][2], "t2 → t3 is Other → Other");
        assertEquals(1, g[3][3], "t3 → END from Other");
        for (int row = 0; row <= 2; row++) {
            assertEquals(d.rowTotal(row), top.rowTotal(row));
        }
        assertEquals(d.rowTotal(3) + d.rowTotal(4), top.rowTotal(3));
        assertEquals(60, top.median(1, 1), "t0 → t1 keeps its median");
        assertEquals(-1, top.median(2, 2), "a merged cell's median is unknown");
        // k of at least types − 1 changes nothing: grouping one type would only rename it
        assertTrue(d.topK(3) == d && d.topK(10) == d);
        // Other stays last in both orders, although it is the second most frequent row here
        for (HeatmapLayout.Order o : HeatmapLayout.Order.values()) {
            HeatmapGeometry geo = HeatmapLayout.layout(top, HeatmapLayout.Mode.COUNT, o, 20);
            assertEquals(3, geo.rowOrder()[3], o + ": Other is the last type row");
            assertEquals(2, geo.colOrder()[2], o + ": Other is the last type column before END");
        }
    }

    @Test
    void fitFindsTheLargestCellSizeThatFits() {
        TextMeasure m = TextMeasure.approximate(12);
        for (int types : new int[]{3, 31, 120, 381}) {
            HeatmapData d = fromSequences(types, types, 3 * types);
            for (double[] box : new double[][]{{1100, 700}, {600, 500}, {2400, 1400}}) {
                double cell = HeatmapLayout.fitCellSize(d, box[0], box[1], m, 12);
                HeatmapGeometry g = HeatmapLayout.layout(d, HeatmapLayout.Mode.PROBABILITY,
                        HeatmapLayout.Order.FREQUENCY, cell, m, 12, HeatmapLayout.Ramp.LIGHT);
                if (cell > HeatmapLayout.MIN_CELL) {
                    assertTrue(g.width() <= box[0] && g.height() <= box[1], types + " types at " + cell);
                }
                if (cell < HeatmapLayout.MAX_CELL) {
                    HeatmapGeometry more = HeatmapLayout.layout(d, HeatmapLayout.Mode.PROBABILITY,
                            HeatmapLayout.Order.FREQUENCY, cell + 1, m, 12, HeatmapLayout.Ramp.LIGHT);
                    assertTrue(more.width() > box[0] || more.height() > box[1], types + " types: " + (cell + 1)
                            + " would fit too");
                }
            }
        }
        // 381 types cannot fit 1100 × 700 even at the smallest cells: the view scrolls
        assertEquals(HeatmapLayout.MIN_CELL, HeatmapLayout.fitCellSize(fromSequences(1, 381, 1000), 1100, 700, m, 12));
    }
}
