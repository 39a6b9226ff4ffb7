package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A computed flow: step-indexed nodes in columns (left to right = time order) and links between adjacent columns.
 * The anchor column holds exactly one node, whose count is {@link #journeys}. For every node,
 * {@code count = dropoff + continuing + (sum of links on the side away from the anchor)}, and for every node that
 * is not the anchor, {@code count = sum of links on the anchor side}.
 *
 * @param query        the query that produced it (needed for drill-down)
 * @param journeys     units (persons or sessions) that contain the anchor event
 * @param anchorColumn column of the anchor: 0 forward and between, {@code steps} backward
 * @param nodes        all nodes, column by column; within a column by count descending, "Other" last
 * @param links        all links with a count &gt; 0, by source node then target node
 * @param mediansPending true for the counts of a flow whose links' medians are still being computed
 *                     ({@link Flows#countsFirst}): every count is final, each link's median is -1
 */
public record FlowResult(FlowQuery query, int journeys, int anchorColumn, List<Node> nodes, List<Link> links,
                         boolean mediansPending) {

    /** Label of the node that groups the labels outside the top K of a step. */
    public static final String OTHER = "Other";

    public FlowResult {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** A flow with every median computed. */
    public FlowResult(FlowQuery query, int journeys, int anchorColumn, List<Node> nodes, List<Link> links) {
        this(query, journeys, anchorColumn, nodes, links, false);
    }

    /**
     * One node of the Sankey.
     *
     * @param id          index in {@link #nodes()}
     * @param column      0..steps, left to right
     * @param label       the event label, or {@link #OTHER}
     * @param other       true for the grouped node
     * @param count       journeys at this node
     * @param dropoff     journeys that end here (forward, between) or begin here (backward): there is no further
     *                    event away from the anchor. In between-mode the end event's node drops everything off
     * @param continuing  journeys that go on beyond the last shown column (only in the outermost column)
     * @param repeatCount journeys whose event at this node already appeared at an earlier (left) column — loops
     * @param members     for "Other": the grouped labels and their counts, by count descending; else empty
     */
    public record Node(int id, int column, String label, boolean other, int count, int dropoff, int continuing,
                       int repeatCount, List<Member> members) {
        public Node {
            members = List.copyOf(members);
        }

        /** True when, on some journey into this node, its event already appeared at an earlier step. */
        public boolean repeatsEarlierStep() {
            return repeatCount > 0;
        }
    }

    /** A label grouped into an "Other" node, with its journeys at that step. */
    public record Member(String label, int count) {
    }

    /**
     * Journeys going from one node to a node in the next column.
     *
     * @param from         source node id (left)
     * @param to           target node id (right)
     * @param count        journeys
     * @param medianMicros nearest-rank median of the time between the two events; -1 while it is being computed
     *                     ({@link FlowResult#mediansPending()})
     */
    public record Link(int from, int to, int count, long medianMicros) {
    }

    /** Number of columns (steps + 1). */
    public int columns() {
        return query.columns();
    }

    /** Nodes of one column, in display order. */
    public List<Node> column(int column) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.column == column) {
                out.add(n);
            }
        }
        return out;
    }

    /** The node with this label in this column (the "Other" node for a grouped label), or null. */
    public Node node(int column, String label) {
        Node other = null;
        for (Node n : nodes) {
            if (n.column != column) {
                continue;
            }
            if (!n.other && n.label.equals(label)) {
                return n;
            }
            if (n.other && n.members.stream().anyMatch(m -> m.label().equals(label))) {
                other = n;
            }
        }
        return other;
    }

    /** The link between two nodes, or null. */
    public Link link(int from, int to) {
        for (Link l : links) {
            if (l.from == from && l.to == to) {
                return l;
            }
        }
        return null;
    }
}
