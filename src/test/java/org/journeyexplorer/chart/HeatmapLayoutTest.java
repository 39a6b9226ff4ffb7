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
}
