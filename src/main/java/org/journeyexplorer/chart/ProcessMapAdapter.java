package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.ProcessMap;
import org.journeyexplorer.analysis.TransitionMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns a computed {@link ProcessMap} and the paths its path slider keeps into {@link ProcessMapData}. */
public final class ProcessMapAdapter {
    private ProcessMapAdapter() {
    }

    /**
     * START, the kept activities (most frequent first) and END, with the given paths. START's frequency is the
     * number of cases, END's the cases that end (the same number: every case ends).
     */
    public static ProcessMapData from(ProcessMap map, List<ProcessMap.Edge> edges, ProcessMapData.Annotation a) {
        TransitionMatrix m = map.matrix();
        int[] node = new int[m.size()];
        Arrays.fill(node, -1);
        List<ProcessMapData.Node> nodes = new ArrayList<>();
        node[m.start()] = 0;
        nodes.add(new ProcessMapData.Node("START", map.cases(), ProcessMapData.Kind.START));
        for (ProcessMap.Activity act : map.activities()) {
            node[act.type()] = nodes.size();
            nodes.add(new ProcessMapData.Node(act.name(), act.frequency(), ProcessMapData.Kind.ACTIVITY));
        }
        node[m.end()] = nodes.size();
        nodes.add(new ProcessMapData.Node("END", map.cases(), ProcessMapData.Kind.END));
        List<ProcessMapData.Link> links = new ArrayList<>(edges.size());
        for (ProcessMap.Edge e : edges) {
            if (node[e.from()] >= 0 && node[e.to()] >= 0) {
                links.add(new ProcessMapData.Link(node[e.from()], node[e.to()], e.count(), e.medianMicros()));
            }
        }
        return new ProcessMapData(nodes, links, a, map.unit().label());
    }
}
