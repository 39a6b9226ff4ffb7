package org.journeyexplorer.chart;

import java.util.List;

/**
 * What a Sankey chart shows, independent of how it was computed: nodes per step and the links between them.
 * Values are counts of persons or sessions. Flow is conserved on the open side of every node: when anchored at a
 * start event, {@code value = Σ outgoing + dropOff + continuing} (the drop-off is who stopped here, continuing is who
 * goes on beyond the last column shown); when anchored at an end event, {@code value = Σ incoming + dropOff +
 * continuing} (who began here / came from further back).
 *
 * @param nodes         all nodes; their index is their id in {@link Link}
 * @param links         links from a node to a node of a later step
 * @param startTotal    the 100 % reference for percentages (people at the anchor step)
 * @param unit          "persons" or "sessions", for tooltips and captions
 * @param anchoredAtEnd true when steps lead up to an end event (drop-offs are drawn on the left side)
 */
public record SankeyData(List<Node> nodes, List<Link> links, double startTotal, String unit, boolean anchoredAtEnd) {

    /** {@link Node#key()} of the node every journey starts from when flows follow journeys from their start. */
    public static final String JOURNEY_START_KEY = "0:\u0000journey-start";

    public SankeyData {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        for (Link l : links) {
            if (l.from < 0 || l.from >= nodes.size() || l.to < 0 || l.to >= nodes.size()) {
                throw new IllegalArgumentException("link refers to a missing node: " + l);
            }
            if (nodes.get(l.to).step <= nodes.get(l.from).step) {
                throw new IllegalArgumentException("link must go to a later step: " + l);
            }
        }
    }

    /**
     * The busiest path into a node of a chart anchored at its start: from the node back along its heaviest incoming
     * link to the first column, as event labels in journey order. The walk stops before an "Other" node, which
     * stands for several events, so the path then starts after it, and before the journey start, which is no event.
     * Used to carry a clicked Sankey node to the next-step predictions as a path prefix.
     */
    public List<String> busiestPathTo(int node) {
        java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
        int at = node;
        while (at >= 0 && !nodes.get(at).other() && !nodes.get(at).isJourneyStart()) {
            path.addFirst(nodes.get(at).label());
            int best = -1;
            double bestValue = -1;
            for (Link l : links) {
                if (l.to() == at && l.value() > bestValue) {
                    best = l.from();
                    bestValue = l.value();
                }
            }
            at = best;
        }
        return List.copyOf(path);
    }

    /**
     * How a column is named in headers and tooltips: "start" (or "end" when anchored at the end) for the anchor
     * column, else "step 2" (or "step −2") counting from the anchor, so "5 steps" are the anchor and five more.
     */
    public String stepName(int step) {
        int anchor = anchoredAtEnd ? nodes.stream().mapToInt(Node::step).max().orElse(0)
                : nodes.stream().mapToInt(Node::step).min().orElse(0);
        if (step == anchor) {
            return anchoredAtEnd ? "end" : "start";
        }
        return "step " + (anchoredAtEnd ? "−" : "") + Math.abs(step - anchor);
    }

    /**
     * Whether {@code o} draws the same chart: equal but for the links' medians, which only tooltips show (a flow's
     * medians arrive after its counts, issue 16).
     */
    public boolean sameChart(SankeyData o) {
        if (!nodes.equals(o.nodes) || startTotal != o.startTotal || !unit.equals(o.unit)
                || anchoredAtEnd != o.anchoredAtEnd || links.size() != o.links.size()) {
            return false;
        }
        for (int i = 0; i < links.size(); i++) {
            Link a = links.get(i);
            Link b = o.links.get(i);
            if (a.from != b.from || a.to != b.to || a.value != b.value) {
                return false;
            }
        }
        return true;
    }

    /** An empty chart. */
    public static SankeyData empty(String unit) {
        return new SankeyData(List.of(), List.of(), 0, unit, false);
    }

    /**
     * One box: an event type (or "Other") at a step.
     *
     * @param step     0-based column
     * @param key      stable id, e.g. "3:search"
     * @param label    display text, e.g. "search" or "Other (12 types)"
     * @param value    persons/sessions at this node
     * @param dropOff  who ended (or, anchored at end, began) here
     * @param continuing who goes on beyond the outermost column shown (0 elsewhere)
     * @param colorKey event type name for {@link EventColors}
     * @param other    true for the aggregated "Other" node
     * @param repeats  journeys at this node whose event already occurred at an earlier step (loops)
     * @param members  for "Other": the event types it holds with their counts, largest first ("search 12")
     */
    public record Node(int step, String key, String label, double value, double dropOff, double continuing,
                       String colorKey, boolean other, double repeats, List<String> members) {
        public Node {
            members = members == null ? List.of() : List.copyOf(members);
        }

        /** True for the node every journey starts from ({@link #JOURNEY_START_KEY}): no event of its own. */
        public boolean isJourneyStart() {
            return JOURNEY_START_KEY.equals(key);
        }

        /**
         * True when most journeys here repeat an earlier step: the node is then marked as a loop. A few repeating
         * journeys are common in real logs; marking every node that has one would mark almost all of them.
         */
        public boolean repeat() {
            return repeats > 0 && repeats * 2 >= value;
        }
    }

    /**
     * Journeys going from one node to the next.
     *
     * @param medianMicros median time between the two events, or -1 when unknown
     */
    public record Link(int from, int to, double value, long medianMicros) {
    }
}
