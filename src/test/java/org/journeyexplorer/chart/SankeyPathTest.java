package org.journeyexplorer.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SankeyPathTest {
    private static SankeyData.Node node(int step, String label, double value, boolean other) {
        return new SankeyData.Node(step, step + ":" + label, label, value, 0, 0, label, other, 0, List.of());
    }

    @Test
    void busiestPathFollowsTheHeaviestIncomingLinkBackToTheStart() {
        // step 0: home(100); step 1: search(60), browse(40); step 2: item(70), Other(30); step 3: cart(50)
        List<SankeyData.Node> nodes = List.of(node(0, "home", 100, false), node(1, "search", 60, false),
                node(1, "browse", 40, false), node(2, "item", 70, false), node(2, "Other", 30, true),
                node(3, "cart", 50, false));
        List<SankeyData.Link> links = List.of(new SankeyData.Link(0, 1, 60, 0), new SankeyData.Link(0, 2, 40, 0),
                // item is reached more from browse (40) than from search (30)
                new SankeyData.Link(1, 3, 30, 0), new SankeyData.Link(2, 3, 40, 0), new SankeyData.Link(1, 4, 30, 0),
                // cart is reached more through Other (30) than through item (20)
                new SankeyData.Link(3, 5, 20, 0), new SankeyData.Link(4, 5, 30, 0));
        SankeyData d = new SankeyData(nodes, links, 100, "sessions", false);
        assertEquals(List.of("home", "browse", "item"), d.busiestPathTo(3));
        assertEquals(List.of("home"), d.busiestPathTo(0));
        // Other stands for several events, so the prefix starts after it
        assertEquals(List.of("cart"), d.busiestPathTo(5));
        assertEquals(List.of(), d.busiestPathTo(4));
    }
}
