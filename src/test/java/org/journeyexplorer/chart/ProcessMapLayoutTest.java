package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.ProcessMap;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layered layout of a process map: flow downwards, loops drawn as loops, no overlaps, exact hit tests. */
class ProcessMapLayoutTest {

    private static ProcessMapData.Node act(String name, long f) {
        return new ProcessMapData.Node(name, f, ProcessMapData.Kind.ACTIVITY);
    }

    private static ProcessMapData.Link link(int from, int to, long count) {
        return new ProcessMapData.Link(from, to, count, 60_000_000L);
    }

    /** START(0) → register(1) → check(2) → decide(3) → END(5); decide → check (a rework loop), check → check. */
    static ProcessMapData rework() {
        List<ProcessMapData.Node> nodes = List.of(new ProcessMapData.Node("START", 10, ProcessMapData.Kind.START),
                act("register", 10), act("check", 16), act("decide", 14), act("archive", 4),
                new ProcessMapData.Node("END", 10, ProcessMapData.Kind.END));
        List<ProcessMapData.Link> links = List.of(link(0, 1, 10), link(1, 2, 10), link(2, 3, 14), link(3, 2, 4),
                link(2, 2, 2), link(3, 5, 6), link(3, 4, 4), link(4, 5, 4));
        return new ProcessMapData(nodes, links, ProcessMapData.Annotation.FREQUENCY, "persons");
    }

    @Test
    void flowsDownWithLoopsAsLoops() {
        ProcessMapGeometry g = ProcessMapLayout.layout(rework());
        List<ProcessMapGeometry.NodeBox> b = g.nodes();
        // START above everything, END below everything
        for (int i = 1; i < b.size(); i++) {
            assertTrue(b.get(0).y() < b.get(i).y() || i == 0);
        }
        for (int i = 0; i < b.size() - 1; i++) {
            assertTrue(b.get(5).y() > b.get(i).y(), "END below " + i);
        }
        assertTrue(b.get(1).y() < b.get(2).y() && b.get(2).y() < b.get(3).y(), "register, check, decide in order");
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            ProcessMapData.Link l = g.data().links().get(e.link());
            double[] p = e.points();
            if (l.isLoop()) {
                assertTrue(e.loop(), "check → check is a loop");
                assertTrue(p[2] < b.get(2).x(), "drawn beside its box, on the left");
            } else if (l.from() == 3 && l.to() == 2) {
                assertTrue(e.back(), "decide → check goes against the flow");
                assertTrue(p[p.length - 1] < p[1], "and upwards");
                assertTrue(p[0] >= b.get(3).x() + b.get(3).w() - 1e-9, "out of the right side");
            } else {
                assertFalse(e.back() || e.loop());
                assertTrue(p[p.length - 1] > p[1], "a forward path goes down: " + l);
                // starts on the bottom edge of its source, ends on the top edge of its target
                assertEquals(b.get(l.from()).y() + b.get(l.from()).h(), p[1], 1e-9);
                assertEquals(b.get(l.to()).y(), p[p.length - 1], 1e-9);
            }
            assertEquals(Formats.count(l.count()), e.label());
        }
        // thicker for more frequent paths
        double thin = g.edges().get(4).thickness();
        double thick = g.edges().get(2).thickness();
        assertTrue(thick > thin);
    }

    @Test
    void boxesNeverOverlapAndEverythingLiesInside() {
        Random rnd = new Random(3);
        for (int round = 0; round < 40; round++) {
            int acts = 2 + rnd.nextInt(25);
            List<ProcessMapData.Node> nodes = new ArrayList<>();
            nodes.add(new ProcessMapData.Node("START", 1, ProcessMapData.Kind.START));
            for (int i = 0; i < acts; i++) {
                nodes.add(act("activity with a name " + i, 1 + rnd.nextInt(1000)));
            }
            nodes.add(new ProcessMapData.Node("END", 1, ProcessMapData.Kind.END));
            List<ProcessMapData.Link> links = new ArrayList<>();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int k = 0; k < acts * 3; k++) {
                int from = rnd.nextInt(acts + 1);
                int to = 1 + rnd.nextInt(acts + 1);
                if (seen.add(from * 1000L + to)) {
                    links.add(link(from, to, 1 + rnd.nextInt(500)));
                }
            }
            ProcessMapGeometry g = ProcessMapLayout.layout(new ProcessMapData(nodes, links,
                    ProcessMapData.Annotation.FREQUENCY, "sessions"));
            for (ProcessMapGeometry.NodeBox a : g.nodes()) {
                assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.w() <= g.width() && a.y() + a.h() <= g.height());
                for (ProcessMapGeometry.NodeBox c : g.nodes()) {
                    if (a != c && Math.abs(a.y() - c.y()) < 1e-9) {
                        assertTrue(a.x() + a.w() <= c.x() + 1e-6 || c.x() + c.w() <= a.x() + 1e-6,
                                "boxes " + a.node() + " and " + c.node() + " overlap in round " + round);
                    }
                }
            }
            for (ProcessMapGeometry.EdgePath e : g.edges()) {
                for (int k = 0; k < e.points().length; k += 2) {
                    assertTrue(e.points()[k] >= 0 && e.points()[k] <= g.width(), "path inside, round " + round);
                }
            }
        }
    }

    @Test
    void noCountIsDrawnIntoABoxOnTheDemosDefaultMap() {
        // the demo's map as the tab first shows it (20 activities, 15 % of the paths, persons): a count that found no
        // free place right of its path was drawn at the path's middle, into view_promotion's box ("1,366")
        BuiltFrame demo = FrameBuilder.build(DemoGenerator.generateColumns(60_000, 42), true, SessionRule.defaults(),
                TaskContext.NONE);
        ProcessMap m = ProcessMap.compute(Selection.all(demo.frame()), CountUnit.PERSONS,
                20.0 / demo.frame().typeCount(), TaskContext.NONE);
        ProcessMapLayout.Options o = ProcessMapLayout.Options.defaults();
        TextMeasure measure = TextMeasure.approximate(o.fontSize());
        ProcessMapGeometry g = ProcessMapLayout.layout(ProcessMapAdapter.from(m, m.paths(0.15),
                ProcessMapData.Annotation.FREQUENCY), o, measure, HeatmapLayout.Ramp.LIGHT);
        assertTrue(g.edges().size() > 30, "a busy map: " + g.edges().size() + " paths");
        List<String> into = new ArrayList<>();
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            double x0 = e.labelX();
            double x1 = x0 + measure.width(e.label());
            for (ProcessMapGeometry.NodeBox b : g.nodes()) {
                if (x0 < b.x() + b.w() && b.x() < x1 && e.labelY() - 7 < b.y() + b.h() && b.y() < e.labelY() + 7) {
                    ProcessMapData.Link l = g.data().links().get(e.link());
                    into.add(e.label() + " into " + b.title() + " (" + g.data().nodes().get(l.from()).label() + " → "
                            + g.data().nodes().get(l.to()).label() + (e.loop() ? ", loop" : "") + (e.back() ? ", back" : "")
                            + " at " + Math.round(x0) + "," + Math.round(e.labelY()) + "; box " + Math.round(b.x()) + ","
                            + Math.round(b.y()) + " " + Math.round(b.w()) + "x" + Math.round(b.h()) + ")");
                }
            }
        }
        assertEquals(List.of(), into);
    }

    @Test
    void aLogOfOneStepJourneysWrapsItsBoxesIntoRowsOfEight() {
        // Diginetica's item views: START, twenty items each seen alone, END; all twenty sat in one row and the
        // fitted map (7,139 activities shown as 20) drew its text a few pixels high
        List<ProcessMapData.Node> nodes = new ArrayList<>();
        List<ProcessMapData.Link> links = new ArrayList<>();
        nodes.add(new ProcessMapData.Node("START", 1000, ProcessMapData.Kind.START));
        for (int i = 1; i <= 20; i++) {
            nodes.add(act("item " + i, 100 - i));
            links.add(link(0, i, 100 - i));
            links.add(link(i, 21, 100 - i));
        }
        nodes.add(new ProcessMapData.Node("END", 1000, ProcessMapData.Kind.END));
        links.add(link(3, 5, 2)); // one journey saw two items: its second stays below its first
        ProcessMapGeometry g = ProcessMapLayout.layout(new ProcessMapData(nodes, links,
                ProcessMapData.Annotation.FREQUENCY, "persons"));
        java.util.TreeMap<Double, List<Integer>> rows = new java.util.TreeMap<>();
        for (ProcessMapGeometry.NodeBox b : g.nodes()) {
            rows.computeIfAbsent(b.y(), y -> new ArrayList<>()).add(b.node());
        }
        rows.values().forEach(java.util.Collections::sort);
        List<List<Integer>> r = new ArrayList<>(rows.values());
        assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4, 6, 7, 8, 9), List.of(5, 10, 11, 12, 13, 14, 15, 16),
                List.of(17, 18, 19, 20), List.of(21)), r, "rows top to bottom, the most frequent items first");
        assertTrue(g.width() < 3 * g.height(), g.width() + " x " + g.height()); // one row: about 10 to 1
    }

    @Test
    void orderingRemovesAvoidableCrossings() {
        // START → a, b; a → d, b → c; c, d → END: drawn without crossings, a is above d's side and b above c's
        List<ProcessMapData.Node> nodes = List.of(new ProcessMapData.Node("START", 2, ProcessMapData.Kind.START),
                act("a", 1), act("b", 1), act("c", 1), act("d", 1),
                new ProcessMapData.Node("END", 2, ProcessMapData.Kind.END));
        List<ProcessMapData.Link> links = List.of(link(0, 1, 1), link(0, 2, 1), link(1, 4, 1), link(2, 3, 1),
                link(3, 5, 1), link(4, 5, 1));
        ProcessMapGeometry g = ProcessMapLayout.layout(new ProcessMapData(nodes, links,
                ProcessMapData.Annotation.FREQUENCY, "persons"));
        boolean aLeftOfB = g.nodes().get(1).x() < g.nodes().get(2).x();
        boolean dLeftOfC = g.nodes().get(4).x() < g.nodes().get(3).x();
        assertEquals(aLeftOfB, dLeftOfC, "a → d and b → c do not cross");
    }

    @Test
    void hitTestsFindBoxesAndPaths() {
        ProcessMapGeometry g = ProcessMapLayout.layout(rework());
        ProcessMapGeometry.NodeBox check = g.nodes().get(2);
        assertEquals(2, g.nodeAt(check.centerX(), check.centerY()));
        assertEquals(-1, g.nodeAt(-5, -5));
        // a point on register → check, halfway along
        ProcessMapGeometry.EdgePath e = g.edges().get(1);
        double[] p = e.points();
        double x = (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8;
        double y = (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8;
        assertEquals(1, g.edgeAt(x, y));
        assertEquals(-1, g.edgeAt(x + 60, y), "far from every path");
    }

    @Test
    void medianTimeAnnotationAndSvgFromTheSameGeometry() throws Exception {
        ProcessMapData d = rework().withAnnotation(ProcessMapData.Annotation.MEDIAN_TIME);
        ProcessMapGeometry g = ProcessMapLayout.layout(d);
        assertEquals(Formats.duration(60_000_000L), g.edges().get(1).label());
        StringBuilder svg = new StringBuilder();
        SvgWriter.writeProcessMap(g, new ChartCaption("Process map", "test", "no filters", ChartCaption.ALL_DATES), SvgWriter.Style.light(), svg);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.toString().getBytes(StandardCharsets.UTF_8)));
        var paths = doc.getElementsByTagName("path");
        int edges = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            var el = (org.w3c.dom.Element) paths.item(i);
            if (el.getAttribute("class").startsWith("edge")) {
                edges++;
                assertEquals(SvgWriter.edgePath(g.edges().get(edges - 1)), el.getAttribute("d"));
            }
        }
        assertEquals(d.links().size(), edges);
        assertTrue(svg.toString().contains("class=\"edge loop\"") && svg.toString().contains("class=\"edge back\""));
        // the background, then a box and a colour bar per activity
        assertEquals(1 + 2 * 4, doc.getElementsByTagName("rect").getLength());
    }
}
