package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.FlowQuery;
import org.journeyexplorer.analysis.FlowResult;

import java.util.ArrayList;
import java.util.List;

/** Turns an {@link FlowResult} into chart input. Node and link indices are kept, so chart ids are flow ids. */
public final class SankeyAdapter {
    private SankeyAdapter() {
    }

    public static SankeyData from(FlowResult r) {
        List<SankeyData.Node> nodes = new ArrayList<>(r.nodes().size());
        for (int i = 0; i < r.nodes().size(); i++) {
            FlowResult.Node n = r.nodes().get(i);
            if (n.id() != i) {
                throw new IllegalArgumentException("flow node ids must be their index");
            }
            List<String> members = new ArrayList<>();
            for (FlowResult.Member m : n.members()) {
                members.add(m.label() + " " + Formats.count(m.count()));
            }
            if (i == 0 && r.query().fromJourneyStart()) {
                nodes.add(new SankeyData.Node(0, SankeyData.JOURNEY_START_KEY, "Journey start", n.count(), 0, 0,
                        EventColors.OTHER, false, 0, List.of()));
                continue;
            }
            String label = n.other() ? "Other (" + n.members().size() + ")" : n.label();
            nodes.add(new SankeyData.Node(n.column(), n.column() + ":" + (n.other() ? "\u0000other" : n.label()),
                    label, n.count(), n.dropoff(), n.continuing(), n.other() ? EventColors.OTHER : n.label(),
                    n.other(), n.repeatCount(), members));
        }
        List<SankeyData.Link> links = new ArrayList<>(r.links().size());
        for (FlowResult.Link l : r.links()) {
            links.add(new SankeyData.Link(l.from(), l.to(), l.count(), l.medianMicros()));
        }
        return new SankeyData(nodes, links, r.journeys(), r.query().unit().label(),
                r.query().direction() == FlowQuery.Direction.BACKWARD);
    }
}
