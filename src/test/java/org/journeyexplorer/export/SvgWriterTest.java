package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyFixtures;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.chart.SankeyLayout;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgWriterTest {

    static final ChartCaption CAPTION = new ChartCaption("Flows from <search> & more", "Shop demo",
            "country = NL", "2024-01-01 – 2024-03-31");

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sankeySvgParsesAndHasOnePathPerLink() throws Exception {
        SankeyData data = SankeyFixtures.fromJourneys(SankeyFixtures.randomJourneys(4, 300, 6, 6), 6);
        SankeyGeometry g = SankeyLayout.layout(data, 1000, 600);
        StringBuilder out = new StringBuilder();
        SvgWriter.writeSankey(g, CAPTION, SvgWriter.Style.light(), out);
        Document doc = parse(out.toString());
        NodeList paths = doc.getElementsByTagName("path");
        assertEquals(data.links().size(), paths.getLength());
        for (int i = 0; i < paths.getLength(); i++) {
            assertEquals("link", ((Element) paths.item(i)).getAttribute("class"));
        }
        int nodeRects = 0;
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if (((Element) rects.item(i)).getAttribute("class").startsWith("node")) {
                nodeRects++;
            }
        }
        assertEquals(data.nodes().size(), nodeRects);
        assertEquals("Flows from <search> & more", doc.getElementsByTagName("title").item(0).getTextContent());
        String meta = doc.getElementsByTagName("metadata").item(0).getTextContent();
        assertTrue(meta.contains("Shop demo") && meta.contains("country = NL") && meta.contains("2024-03-31"));
        assertTrue(out.toString().contains(">Filters: country = NL</text>"), "caption is visible text");
    }

    @Test
    void ribbonPathStartsAndEndsAtTheBandCorners() {
        SankeyGeometry.Ribbon r = new SankeyGeometry.Ribbon(0, 10, 20, 110, 60, 5, "#000000");
        assertEquals("M10,20 C60,20 60,60 110,60 L110,65 C60,65 60,25 10,25 Z", SvgWriter.ribbonPath(r));
    }

    @Test
    void numbersHaveAtMostTwoDecimals() {
        assertEquals("3", SvgWriter.n(3.0));
        assertEquals("3.14", SvgWriter.n(3.14159));
        assertEquals("0.05", SvgWriter.n(0.049));
        assertEquals("-2.50", SvgWriter.n(-2.5));
        assertEquals("0.00", SvgWriter.n(-0.001));
        assertEquals("10.00", SvgWriter.n(9.999));
    }

    @Test
    void heatmapSvgHasOneRectPerCell() throws Exception {
        long[][] c = {{3, 1, 0}, {0, 2, 2}, {1, 0, 2}};
        HeatmapData data = new HeatmapData(List.of("a", "b"), c, null, "transitions");
        HeatmapGeometry g = HeatmapLayout.layout(data, HeatmapLayout.Mode.PROBABILITY,
                HeatmapLayout.Order.FREQUENCY, 30);
        StringBuilder out = new StringBuilder();
        SvgWriter.writeHeatmap(g, CAPTION, SvgWriter.Style.light(), out);
        Document doc = parse(out.toString());
        int cells = 0;
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if (((Element) rects.item(i)).getAttribute("class").equals("cell")) {
                cells++;
            }
        }
        assertEquals(9, cells);
        // START → a: 3 of 4 = 75 %
        assertTrue(out.toString().contains(">75%</text>"), out.toString());
    }

    @Test
    void controlCharactersInNamesStillGiveWellFormedXml() throws Exception {
        SankeyData data = new SankeyData(List.of(new SankeyData.Node(0, "k", "bad\u0001name", 5, 5, 0, "x", false,
                0, List.of())), List.of(), 5, "persons", false);
        StringBuilder out = new StringBuilder();
        SvgWriter.writeSankey(SankeyLayout.layout(data, 300, 200), CAPTION, SvgWriter.Style.light(), out);
        parse(out.toString());
    }

    /** Calibration with two non-empty bins: 0.5–0.6 (10 predictions, 6 right) and 0.9–1 (30, 27 right). */
    static org.journeyexplorer.predict.Evaluation.Calibration twoBins() {
        List<org.journeyexplorer.predict.Evaluation.Calibration.Bin> bins = new java.util.ArrayList<>();
        for (int b = 0; b < 10; b++) {
            int n = b == 5 ? 10 : b == 9 ? 30 : 0;
            double conf = b == 5 ? 0.55 : b == 9 ? 0.95 : Double.NaN;
            double acc = b == 5 ? 0.6 : b == 9 ? 0.9 : Double.NaN;
            bins.add(new org.journeyexplorer.predict.Evaluation.Calibration.Bin(b / 10.0, (b + 1) / 10.0, n, conf,
                    acc));
        }
        // ECE = 10/40 · |0.6 − 0.55| + 30/40 · |0.9 − 0.95| = 0.05
        return new org.journeyexplorer.predict.Evaluation.Calibration(0.05, bins);
    }

    @Test
    void reliabilityHasOneBarPerNonEmptyBinAsTallAsItsAccuracy() throws Exception {
        var g = org.journeyexplorer.chart.ReliabilityLayout.layout(twoBins(), 400, 170);
        StringBuilder out = new StringBuilder();
        SvgWriter.writeReliability(g, CAPTION, SvgWriter.Style.light(), "#123456", out);
        Document doc = parse(out.toString());
        List<Element> bars = new java.util.ArrayList<>();
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if ("bar".equals(e.getAttribute("class"))) {
                bars.add(e);
            }
        }
        assertEquals(2, bars.size());
        // Plot: x 40..380 (340 wide), y 8..136 (128 high). Bin 0.5–0.6: x = 40 + 0.5·340 + 1, width 34 − 2,
        // height 0.6·128 = 76.8 up from the bottom; bin 0.9–1: height 0.9·128 = 115.2.
        assertEquals(211, Double.parseDouble(bars.get(0).getAttribute("x")), 0.01);
        assertEquals(32, Double.parseDouble(bars.get(0).getAttribute("width")), 0.01);
        assertEquals(76.8, Double.parseDouble(bars.get(0).getAttribute("height")), 0.01);
        assertEquals(136 - 76.8, Double.parseDouble(bars.get(0).getAttribute("y")), 0.01);
        assertEquals(115.2, Double.parseDouble(bars.get(1).getAttribute("height")), 0.01);
        assertEquals(40 + 0.9 * 340 + 1, Double.parseDouble(bars.get(1).getAttribute("x")), 0.01);
        assertTrue(bars.get(1).getTextContent().contains("30 predictions, right 90.0 %"),
                bars.get(1).getTextContent());
        assertEquals("#123456", ((Element) bars.get(0).getParentNode()).getAttribute("fill"));
        Element diagonal = (Element) doc.getElementsByTagName("line").item(0);
        assertEquals("diagonal", diagonal.getAttribute("class"));
        assertEquals(List.of(40.0, 136.0, 380.0, 8.0), List.of(Double.parseDouble(diagonal.getAttribute("x1")),
                Double.parseDouble(diagonal.getAttribute("y1")), Double.parseDouble(diagonal.getAttribute("x2")),
                Double.parseDouble(diagonal.getAttribute("y2"))));
        assertTrue(out.toString().contains(">100 %</text>"));
        assertTrue(out.toString().contains(org.journeyexplorer.chart.ReliabilityLayout.AXIS_LABEL));
    }
}
