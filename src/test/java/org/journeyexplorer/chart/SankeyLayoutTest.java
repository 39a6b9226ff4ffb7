package org.journeyexplorer.chart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SankeyLayoutTest {

    private static final double EPS = 1e-6;

    private static SankeyData random(long seed, int steps, int types) {
        return SankeyFixtures.fromJourneys(SankeyFixtures.randomJourneys(seed, 400, types, steps + 3), steps);
    }

    @Test
    void nodesInAColumnNeverOverlapAndStayInside() {
        for (long seed = 1; seed <= 20; seed++) {
            SankeyData data = random(seed, 2 + (int) (seed % 19), 3 + (int) (seed % 10));
            SankeyGeometry g = SankeyLayout.layout(data, 1200, 700);
            for (List<Integer> col : g.columns()) {
                for (int k = 1; k < col.size(); k++) {
                    SankeyGeometry.NodeBox a = g.nodes().get(col.get(k - 1));
                    SankeyGeometry.NodeBox b = g.nodes().get(col.get(k));
                    assertTrue(a.y() + a.h() < b.y() + EPS, "overlap in seed " + seed);
                    assertEquals(a.x(), b.x(), EPS);
                }
            }
            for (SankeyGeometry.NodeBox b : g.nodes()) {
                assertTrue(b.y() >= -EPS && b.y() + b.h() <= 700 + EPS, "node outside the chart");
                assertTrue(b.x() >= 0 && b.x() + b.w() <= 1200);
            }
        }
    }

    @Test
    void inflowEqualsOutflowPlusDropOffInValuesAndInBandHeights() {
        for (long seed = 1; seed <= 20; seed++) {
            SankeyData data = random(seed, 8, 6);
            SankeyGeometry g = SankeyLayout.layout(data, 1000, 600);
            int n = data.nodes().size();
            double[] inV = new double[n];
            double[] outV = new double[n];
            double[] inH = new double[n];
            double[] outH = new double[n];
            for (SankeyGeometry.Ribbon r : g.ribbons()) {
                SankeyData.Link l = data.links().get(r.link());
                inV[l.to()] += l.value();
                outV[l.from()] += l.value();
                inH[l.to()] += r.thickness();
                outH[l.from()] += r.thickness();
            }
            double[] stubH = new double[n];
            for (SankeyGeometry.Stub s : g.stubs()) {
                stubH[s.node()] += s.h();
            }
            for (int i = 0; i < n; i++) {
                SankeyData.Node node = data.nodes().get(i);
                SankeyGeometry.NodeBox box = g.nodes().get(i);
                assertEquals(node.value(), outV[i] + node.dropOff() + node.continuing(), EPS, "values out " + node);
                assertEquals(box.h(), outH[i] + stubH[i], EPS, "heights out " + node);
                if (node.step() > 0) {
                    assertEquals(node.value(), inV[i], EPS, "values in " + node);
                    assertEquals(box.h(), inH[i], EPS, "heights in " + node);
                }
            }
        }
    }

    @Test
    void bandsStackInsideTheirNodesWithoutGaps() {
        SankeyData data = random(7, 6, 5);
        SankeyGeometry g = SankeyLayout.layout(data, 900, 500);
        for (SankeyGeometry.NodeBox box : g.nodes()) {
            List<double[]> spans = new ArrayList<>();
            for (SankeyGeometry.Ribbon r : g.ribbons()) {
                if (data.links().get(r.link()).from() == box.node()) {
                    spans.add(new double[]{r.y0(), r.y0() + r.thickness()});
                    assertEquals(box.x() + box.w(), r.x0(), EPS);
                }
            }
            for (SankeyGeometry.Stub s : g.stubs()) {
                if (s.node() == box.node()) {
                    spans.add(new double[]{s.y(), s.y() + s.h()});
                }
            }
            spans.sort((a, b) -> Double.compare(a[0], b[0]));
            double y = box.y();
            for (double[] s : spans) {
                assertEquals(y, s[0], EPS, "gap or overlap in the outgoing side of node " + box.node());
                y = s[1];
            }
            if (!spans.isEmpty()) {
                assertEquals(box.y() + box.h(), y, EPS);
            }
        }
    }

    @Test
    void orderIsDeterministicAndIndependentOfInputOrder() {
        SankeyData data = random(3, 10, 8);
        SankeyGeometry a = SankeyLayout.layout(data, 1200, 700);
        SankeyGeometry b = SankeyLayout.layout(data, 1200, 700);
        assertEquals(a, b);

        // Same chart with nodes listed in a shuffled order: the columns must list the same labels.
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < data.nodes().size(); i++) {
            perm.add(i);
        }
        Collections.shuffle(perm, new Random(42));
        int[] newIndex = new int[perm.size()];
        List<SankeyData.Node> nodes = new ArrayList<>();
        for (int k = 0; k < perm.size(); k++) {
            newIndex[perm.get(k)] = k;
            nodes.add(data.nodes().get(perm.get(k)));
        }
        List<SankeyData.Link> links = new ArrayList<>();
        for (SankeyData.Link l : data.links()) {
            links.add(new SankeyData.Link(newIndex[l.from()], newIndex[l.to()], l.value(), l.medianMicros()));
        }
        Collections.reverse(links);
        SankeyData shuffled = new SankeyData(nodes, links, data.startTotal(), data.unit(), false);
        SankeyGeometry c = SankeyLayout.layout(shuffled, 1200, 700);
        assertEquals(keys(a), keys(c));
    }

    private static List<List<String>> keys(SankeyGeometry g) {
        return g.columns().stream().map(col -> col.stream().map(i -> g.data().nodes().get(i).key()).toList()).toList();
    }

    @Test
    void barycenterRemovesCrossingsOfACraftedExample() {
        // Column 0: A, B, C; column 1: X, Y, Z (input order = naive order). Links A→Z, B→Y, C→X cross 3 times in the
        // naive order; flipping one column gives 0. Values are equal so the value sort does not solve it.
        List<SankeyData.Node> nodes = List.of(
                node(0, "A", 10, 0), node(0, "B", 10, 0), node(0, "C", 10, 0),
                node(1, "X", 10, 10), node(1, "Y", 10, 10), node(1, "Z", 10, 10));
        List<SankeyData.Link> links = List.of(new SankeyData.Link(0, 5, 10, -1), new SankeyData.Link(1, 4, 10, -1),
                new SankeyData.Link(2, 3, 10, -1));
        SankeyData data = new SankeyData(nodes, links, 30, "persons", false);
        List<List<Integer>> naive = List.of(List.of(0, 1, 2), List.of(3, 4, 5));
        assertEquals(3, SankeyLayout.crossings(data, naive));
        SankeyGeometry g = SankeyLayout.layout(data, 600, 400);
        assertEquals(0, SankeyLayout.crossings(data, g.columns()));
    }

    @Test
    void crossingCountMatchesANaivePairwiseCount() {
        Random rnd = new Random(9);
        for (long seed = 1; seed <= 10; seed++) {
            SankeyData data = random(seed, 6, 7);
            int steps = data.nodes().stream().mapToInt(SankeyData.Node::step).max().orElse(0) + 1;
            List<List<Integer>> cols = new ArrayList<>();
            for (int c = 0; c < steps; c++) {
                cols.add(new ArrayList<>());
            }
            for (int i = 0; i < data.nodes().size(); i++) {
                cols.get(data.nodes().get(i).step()).add(i);
            }
            cols.forEach(c -> Collections.shuffle(c, rnd));
            int[] pos = new int[data.nodes().size()];
            for (List<Integer> c : cols) {
                for (int r = 0; r < c.size(); r++) {
                    pos[c.get(r)] = r;
                }
            }
            int naive = 0;
            List<SankeyData.Link> ls = data.links();
            for (int a = 0; a < ls.size(); a++) {
                for (int b = a + 1; b < ls.size(); b++) {
                    SankeyData.Link x = ls.get(a);
                    SankeyData.Link y = ls.get(b);
                    boolean sameColumns = data.nodes().get(x.from()).step() == data.nodes().get(y.from()).step()
                            && data.nodes().get(x.to()).step() == data.nodes().get(y.to()).step();
                    if (sameColumns && (pos[x.from()] - pos[y.from()]) * (pos[x.to()] - pos[y.to()]) < 0) {
                        naive++;
                    }
                }
            }
            assertEquals(naive, SankeyLayout.crossings(data, cols), "seed " + seed);
        }
    }

    @Test
    void barycenterNeverDoesWorseThanNaiveOnRandomCharts() {
        for (long seed = 1; seed <= 15; seed++) {
            SankeyData data = random(seed, 5, 6);
            List<List<Integer>> naive = new ArrayList<>();
            int steps = data.nodes().stream().mapToInt(SankeyData.Node::step).max().orElse(0) + 1;
            for (int s = 0; s < steps; s++) {
                naive.add(new ArrayList<>());
            }
            for (int i = 0; i < data.nodes().size(); i++) {
                naive.get(data.nodes().get(i).step()).add(i); // input (discovery) order
            }
            int before = SankeyLayout.crossings(data, naive);
            int after = SankeyLayout.crossings(data, SankeyLayout.layout(data, 1000, 600).columns());
            assertTrue(after <= before, "seed " + seed + ": " + after + " > " + before);
        }
    }

    private static SankeyData.Node node(int step, String label, double value, double drop) {
        return new SankeyData.Node(step, step + ":" + label, label, value, drop, 0, label, false, 0, List.of());
    }

    @Test
    void otherStaysAtTheBottomOfItsColumn() {
        List<SankeyData.Node> nodes = List.of(node(0, "A", 100, 0),
                new SankeyData.Node(1, "1:Other", "Other (5 types)", 60, 60, 0, EventColors.OTHER, true, 0,
                        List.of("p 30", "q 30")),
                node(1, "X", 40, 40));
        SankeyData data = new SankeyData(nodes, List.of(new SankeyData.Link(0, 1, 60, -1),
                new SankeyData.Link(0, 2, 40, -1)), 100, "persons", false);
        SankeyGeometry g = SankeyLayout.layout(data, 600, 400);
        assertEquals(List.of(2, 1), g.columns().get(1));
        assertEquals(EventColors.OTHER_COLOR, g.nodes().get(1).color());
    }

    @Test
    void readableAtTwentyStepsByTenNodes() {
        SankeyData data = random(11, 20, 10);
        SankeyGeometry g = SankeyLayout.layout(data, 1400, 800);
        assertEquals(20, g.columns().size());
        assertTrue(g.columns().stream().allMatch(c -> c.size() <= 10));
        TextMeasure m = TextMeasure.approximate(12);
        for (SankeyGeometry.NodeBox box : g.nodes()) {
            if (box.h() >= 24) {
                assertTrue(g.labels().stream().anyMatch(l -> l.node() == box.node()), "no label on a tall node");
            }
        }
        labelsFitTheirGapsAndNeverOverlap(g, m, 12);
    }

    /** Every label ends before the next column (or inside the chart) and no two labels of a column overlap. */
    private static void labelsFitTheirGapsAndNeverOverlap(SankeyGeometry g, TextMeasure m, double fontSize) {
        int cols = g.columns().size();
        for (SankeyGeometry.Label l : g.labels()) {
            int col = g.data().nodes().get(l.node()).step();
            int c = 0;
            while (!g.columns().get(c).contains(l.node())) {
                c++;
            }
            double end = c == cols - 1 ? g.width() : g.nodes().get(g.columns().get(c + 1).get(0)).x();
            assertTrue(l.x() + m.width(l.text()) <= end + EPS, "label runs into the next column: " + l.text()
                    + " at step " + col);
            assertTrue(l.x() >= g.nodes().get(l.node()).x() + g.nodes().get(l.node()).w(), "label right of its node");
            for (SankeyGeometry.Label o : g.labels()) {
                if (o != l && g.columns().get(c).contains(o.node())) {
                    assertTrue(Math.abs(o.y() - l.y()) >= fontSize * 1.2 - EPS,
                            "labels overlap: " + l.text() + " / " + o.text());
                }
            }
        }
    }

    @Test
    void tenStepsByTopFifteenKeepsEveryLabelApartAndTheLastColumnReadable() {
        SankeyData data = random(3, 11, 15); // the start and ten steps
        SankeyGeometry g = SankeyLayout.layout(data, 1100, 640);
        assertEquals(11, g.columns().size(), "the start and ten steps");
        labelsFitTheirGapsAndNeverOverlap(g, TextMeasure.approximate(12), 12);
        // the last column is labelled to its right, in room kept for it
        int lastCol = g.columns().size() - 1;
        SankeyGeometry.NodeBox biggest = g.columns().get(lastCol).stream().map(g.nodes()::get)
                .max(java.util.Comparator.comparingDouble(SankeyGeometry.NodeBox::h)).orElseThrow();
        SankeyGeometry.Label l = g.labels().stream().filter(x -> x.node() == biggest.node()).findFirst().orElseThrow();
        assertTrue(l.x() > biggest.x() + biggest.w(), "right of the node");
        assertEquals(l.fullText(), l.text(), "the last column's labels have room");
        // every node is at least a few pixels tall: a hairline reads as a dash, not a node
        for (SankeyGeometry.NodeBox b : g.nodes()) {
            assertTrue(b.h() >= SankeyLayout.MIN_NODE_HEIGHT - EPS, "node " + b.node() + " is " + b.h() + " px");
        }
    }

    @Test
    void labelsGiveTheShareOfTheStartAndTheAnchorItsCount() {
        SankeyData data = new SankeyData(List.of(node(0, "home", 200, 0), node(1, "search", 150, 150),
                node(1, "about", 50, 50)), List.of(new SankeyData.Link(0, 1, 150, -1),
                new SankeyData.Link(0, 2, 50, -1)), 200, "sessions", false);
        SankeyGeometry g = SankeyLayout.layout(data, 800, 400);
        assertEquals("home  200", label(g, 0));
        assertEquals("search  75%", label(g, 1));
        assertEquals("about  25%", label(g, 2));
    }

    private static String label(SankeyGeometry g, int node) {
        return g.labels().stream().filter(l -> l.node() == node).findFirst().orElseThrow().text();
    }

    @Test
    void headersNameTheAnchorAndCountTheStepsFromIt() {
        SankeyData forward = new SankeyData(List.of(node(0, "a", 10, 0), node(1, "b", 10, 0), node(2, "c", 10, 10)),
                List.of(new SankeyData.Link(0, 1, 10, -1), new SankeyData.Link(1, 2, 10, -1)), 10, "persons", false);
        assertEquals(List.of("Start", "Step 1", "Step 2"), SankeyLayout.layout(forward, 900, 400).headers().stream()
                .map(SankeyGeometry.Header::text).toList());
        assertEquals("step 2", forward.stepName(2));
        assertEquals("start", forward.stepName(0));
        SankeyData backward = new SankeyData(forward.nodes(), forward.links(), 10, "persons", true);
        assertEquals(List.of("Step −2", "Step −1", "End"), SankeyLayout.layout(backward, 900, 400).headers().stream()
                .map(SankeyGeometry.Header::text).toList());
        assertEquals("end", backward.stepName(2));
        assertEquals("step −2", backward.stepName(0));
    }

    @Test
    void longLabelsAreElidedAndThinNodesAreStillVisible() {
        String longName = "checkout_payment_method_selected_with_a_very_long_event_name";
        // three columns so that the long label sits in a middle column with a bounded gap
        SankeyData data = new SankeyData(List.of(node(0, "start", 1000, 0), new SankeyData.Node(1, "1:long",
                longName, 990, 0, 0, longName, false, 0, List.of()), node(1, "tiny", 1, 1), node(2, "z", 990, 990)),
                List.of(new SankeyData.Link(0, 1, 990, -1), new SankeyData.Link(0, 2, 1, -1),
                        new SankeyData.Link(1, 3, 990, -1)), 1000, "persons", false);
        SankeyGeometry g = SankeyLayout.layout(data, 500, 400);
        SankeyGeometry.Label lb = g.labels().stream().filter(l -> l.node() == 1).findFirst().orElseThrow();
        assertTrue(lb.text().endsWith("…  99%"), "elided, with its share kept: " + lb.text());
        assertEquals(longName + "  99%", lb.fullText());
        // the 1-in-1000 node is drawn a few pixels tall and, with free space beside it, labelled
        assertTrue(g.nodes().get(2).h() >= SankeyLayout.MIN_NODE_HEIGHT);
        assertTrue(g.labels().stream().anyMatch(l -> l.node() == 2 && l.text().startsWith("tiny")));
    }

    @Test
    void repeatsCarryALoopGlyphAndDropOffsGetStubs() {
        List<SankeyData.Node> nodes = List.of(node(0, "a", 10, 2),
                new SankeyData.Node(1, "1:a", "a", 8, 8, 0, "a", false, 8, List.of()));
        SankeyData data = new SankeyData(nodes, List.of(new SankeyData.Link(0, 1, 8, -1)), 10, "persons", false);
        SankeyGeometry g = SankeyLayout.layout(data, 400, 300);
        assertTrue(g.nodes().get(1).repeat());
        assertTrue(g.labels().stream().anyMatch(l -> l.node() == 1 && l.fullText().startsWith("↻")));
        assertEquals(2, g.stubs().size());
        SankeyGeometry.Stub s0 = g.stubs().stream().filter(s -> s.node() == 0).findFirst().orElseThrow();
        assertEquals(g.nodes().get(0).h() * 0.2, s0.h(), EPS);
    }

    @Test
    void hitTestingFindsNodesLinksAndNothingElse() {
        SankeyData data = random(5, 4, 4);
        SankeyGeometry g = SankeyLayout.layout(data, 800, 500);
        for (SankeyGeometry.NodeBox b : g.nodes()) {
            if (b.h() > 2) {
                assertEquals(b.node(), g.nodeAt(b.x() + b.w() / 2, b.y() + b.h() / 2));
            }
        }
        SankeyGeometry.Ribbon thick = g.ribbons().stream()
                .max((a, b) -> Double.compare(a.thickness(), b.thickness())).orElseThrow();
        double mx = thick.midX();
        double top = thick.topAt(mx);
        assertEquals((thick.y0() + thick.y1()) / 2, top, 1e-3, "the curve passes the midpoint of its ends");
        assertTrue(thick.contains(mx, top + thick.thickness() / 2));
        assertFalse(thick.contains(mx, top - 5));
        assertFalse(thick.contains(mx, top + thick.thickness() + 5));
        assertEquals(-1, g.nodeAt(1, 1));
    }

    @Test
    void tinyCanvasesDoNotBreakTheLayout() {
        SankeyData data = random(2, 20, 10);
        for (double[] size : new double[][]{{1, 1}, {30, 500}, {800, 20}, {0, 0}}) {
            SankeyGeometry g = SankeyLayout.layout(data, size[0], size[1]);
            assertEquals(data.nodes().size(), g.nodes().size());
            for (SankeyGeometry.NodeBox b : g.nodes()) {
                assertTrue(Double.isFinite(b.y()) && Double.isFinite(b.h()) && b.h() >= 0);
            }
        }
    }

    @Test
    void emptyDataGivesEmptyGeometry() {
        SankeyGeometry g = SankeyLayout.layout(SankeyData.empty("persons"), 300, 200);
        assertTrue(g.nodes().isEmpty());
        assertTrue(g.ribbons().isEmpty());
    }

    @Test
    void eventColorsAreStableAndSyntheticNodesGrey() {
        assertEquals(EventColors.colorOf("search"), EventColors.colorOf(new String("search")));
        assertEquals(EventColors.START_COLOR, EventColors.colorOf(EventColors.START));
        assertEquals(EventColors.OTHER_COLOR, EventColors.colorOf(EventColors.OTHER));
        // 300 types spread over the palette: every colour used, none more than 3x its fair share
        int[] used = new int[EventColors.paletteSize()];
        java.util.Map<String, Integer> slot = new java.util.HashMap<>();
        for (int i = 0; i < 300; i++) {
            String c = EventColors.colorOf("type_" + i);
            slot.putIfAbsent(c, slot.size());
            used[slot.get(c)]++;
        }
        assertEquals(EventColors.paletteSize(), slot.size());
        for (int u : used) {
            assertTrue(u <= 3 * 300 / EventColors.paletteSize(), "skewed palette use " + u);
        }
        assertNotEquals(EventColors.colorOf("a"), EventColors.colorOf("b"));
    }
}
