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
}
