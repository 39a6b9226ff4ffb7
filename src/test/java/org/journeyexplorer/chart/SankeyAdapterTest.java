package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Flows;
import org.journeyexplorer.analysis.Selection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SankeyAdapterTest {

    @Test
    void forwardFlowBecomesNodesLinksAndDropOffs() {
        // Sessions from "home": home→search→buy, home→search, home→about, home→search→search.
        var frame = TinyFrames.of("home search buy", "home search", "home about", "home search search");
        FlowResult r = Flows.compute(Selection.all(frame), FlowQuery.forward("home", 2).withUnit(CountUnit.SESSIONS));
        SankeyData d = SankeyAdapter.from(r);
        assertEquals(4, d.startTotal());
        assertFalse(d.anchoredAtEnd());
        SankeyData.Node home = d.nodes().stream().filter(n -> n.step() == 0).findFirst().orElseThrow();
        assertEquals("home", home.label());
        assertEquals(4, home.value());
        SankeyData.Node search = d.nodes().stream().filter(n -> n.step() == 1 && n.label().equals("search"))
                .findFirst().orElseThrow();
        assertEquals(3, search.value());
        assertEquals(1, search.dropOff(), "home search ends there");
        SankeyData.Node about = d.nodes().stream().filter(n -> n.label().equals("about")).findFirst().orElseThrow();
        assertEquals(1, about.dropOff());
        SankeyData.Node search2 = d.nodes().stream().filter(n -> n.step() == 2 && n.label().equals("search"))
                .findFirst().orElseThrow();
        assertTrue(search2.repeat(), "search at step 2 repeats step 1");
        // Conservation of the adapted data holds in the laid-out chart too.
        SankeyGeometry g = SankeyLayout.layout(d, 600, 400);
        for (int i = 0; i < d.nodes().size(); i++) {
            SankeyData.Node n = d.nodes().get(i);
            int id = i;
            double out = d.links().stream().filter(l -> l.from() == id).mapToDouble(SankeyData.Link::value).sum();
            assertEquals(n.value(), out + n.dropOff() + n.continuing(), 1e-9, n.label());
        }
        assertEquals(d.links().size(), g.ribbons().size());
    }

    @Test
    void backwardFlowIsAnchoredAtTheEnd() {
        var frame = TinyFrames.of("a b buy", "c buy", "buy");
        FlowResult r = Flows.compute(Selection.all(frame), FlowQuery.backward("buy", 2));
        SankeyData d = SankeyAdapter.from(r);
        assertTrue(d.anchoredAtEnd());
        SankeyGeometry g = SankeyLayout.layout(d, 600, 400);
        assertTrue(g.stubs().stream().allMatch(SankeyGeometry.Stub::leftSide));
        assertEquals(3, d.startTotal());
    }
}
