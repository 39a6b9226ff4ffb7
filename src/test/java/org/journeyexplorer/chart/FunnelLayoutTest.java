package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.FunnelResult;
import org.journeyexplorer.export.SvgWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The funnel's bars, drop-off shading and axis at hand-computed positions, and the SVG written from them. */
class FunnelLayoutTest {

    /** 200 enter, 120 reach step 2, 30 reach step 3. */
    static FunnelResult funnel() {
        return new FunnelResult(null, 250, List.of(
                new FunnelResult.Step(0, "visit", 200, 1.0, 1.0, 80, 0, List.of()),
                new FunnelResult.Step(1, "cart", 120, 0.6, 0.6, 90, 0, List.of()),
                new FunnelResult.Step(2, "buy", 30, 0.15, 0.25, 0, 0, List.of())), null);
    }

    @Test
    void barsAreAsTallAsTheirCountsAndTheDropOffIsShadedUpToThePreviousBar() {
        // plot: 600 - 56 - 12 = 532 wide, 300 - 12 - 28 = 260 tall, axis up to 200 (step 1's count is round)
        FunnelGeometry g = FunnelLayout.layout(funnel(), 600, 300, TextMeasure.approximate(12));
        assertEquals(532, g.plotW(), 1e-9);
        assertEquals(260, g.plotH(), 1e-9);
        List<FunnelGeometry.Bar> b = g.bars();
        assertEquals(260, b.get(0).h(), 1e-9);
        assertEquals(12, b.get(0).y(), 1e-9);
        assertEquals(0, b.get(0).dropH(), 1e-9);
        assertEquals(156, b.get(1).h(), 1e-9);          // 260 × 120 / 200
        assertEquals(104, b.get(1).dropH(), 1e-9);      // 260 × 80 / 200: the 80 who left after step 1
        assertEquals(b.get(0).y(), b.get(1).dropY(), 1e-9);
        assertEquals(39, b.get(2).h(), 1e-9);           // 260 × 30 / 200
        assertEquals(117, b.get(2).dropH(), 1e-9);      // 260 × 90 / 200
        assertEquals(List.of("100.0 %", "60.0 %", "15.0 %"), b.stream().map(FunnelGeometry.Bar::percent).toList());
        assertEquals("", b.get(0).dropText());
        assertEquals("80 dropped off between step 1 and step 2 (40.0 %)", b.get(1).dropText());
        assertEquals("90 dropped off between step 2 and step 3 (75.0 %)", b.get(2).dropText());
        // bars centred in three equal slots
        double slot = 532 / 3.0;
        assertEquals(56 + slot * 2.5, b.get(2).x() + b.get(2).w() / 2, 1e-9);
        assertEquals(List.of("0", "50", "100", "150", "200"), g.ticks().stream().map(FunnelGeometry.Tick::text)
                .toList());
        assertEquals(272, g.ticks().get(0).y(), 1e-9);
        assertEquals(12, g.ticks().get(4).y(), 1e-9);
    }

    @Test
    void gridlinesFallOnRoundCountsAndTheAxisEndsOnOne() {
        assertEquals(1, FunnelLayout.niceTick(0));
        assertEquals(2, FunnelLayout.niceTick(7));
        assertEquals(50, FunnelLayout.niceTick(200));
        assertEquals(500, FunnelLayout.niceTick(2240));  // 0 … 2,500 in 5 steps, not 625 apart
        assertEquals(1000, FunnelLayout.niceTick(3804));
        FunnelResult big = new FunnelResult(null, 2240, List.of(
                new FunnelResult.Step(0, "view_item", 2240, 1.0, 1.0, 0, 0, List.of())), null);
        FunnelGeometry g = FunnelLayout.layout(big, 600, 300, TextMeasure.approximate(12));
        assertEquals(List.of("0", "500", "1,000", "1,500", "2,000", "2,500"),
                g.ticks().stream().map(FunnelGeometry.Tick::text).toList());
        assertEquals(260 * 2240 / 2500.0, g.bars().get(0).h(), 1e-9);
    }

    @Test
    void theSvgHasOneBarAndOneShadingPerStepAfterTheFirstAtTheLaidOutPlaces() throws Exception {
        FunnelGeometry g = FunnelLayout.layout(funnel(), 600, 300, TextMeasure.approximate(12));
        StringBuilder out = new StringBuilder();
        SvgWriter.writeFunnel(g, new ChartCaption("Funnel: visit → cart → buy", "shop", "", ChartCaption.ALL_DATES),
                SvgWriter.Style.light(), out);
        String svg = out.toString();
        List<String> bars = all(svg, "<rect class=\"bar\"[^>]*height=\"([0-9.]+)\"");
        assertEquals(List.of("260", "156", "39"), bars);
        List<String> drops = all(svg, "<rect class=\"dropped\"[^>]*height=\"([0-9.]+)\"");
        assertEquals(List.of("104", "117"), drops);
        assertTrue(svg.contains("<title>80 dropped off between step 1 and step 2 (40.0 %)</title>"), svg);
        assertTrue(svg.contains(">15.0 %</text>"));
        assertTrue(svg.contains("<title>Funnel: visit → cart → buy</title>"));
        assertTrue(svg.trim().endsWith("</svg>"));
    }

    private static List<String> all(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
