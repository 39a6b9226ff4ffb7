package org.journeyexplorer.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds Sankey inputs the naive way, by walking explicit journeys, so flow conservation holds by construction and
 * tests can check the layout preserves it.
 */
public final class SankeyFixtures {
    private SankeyFixtures() {
    }

    /** Random journeys over {@code types} event types, at most {@code steps} long. */
    public static List<List<String>> randomJourneys(long seed, int persons, int types, int steps) {
        Random rnd = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            int len = 1 + rnd.nextInt(steps);
            List<String> j = new ArrayList<>();
            for (int s = 0; s < len; s++) {
                // skewed so that some types are much more common, like real logs
                int t = (int) Math.min(types - 1, Math.floor(-Math.log(1 - rnd.nextDouble()) * types / 3));
                j.add("event_" + t);
            }
            out.add(j);
        }
        return out;
    }

    /** Nodes (step, type) with counts, links between consecutive steps, drop-off = journeys ending there. */
    public static SankeyData fromJourneys(List<List<String>> journeys, int steps) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<double[]> nodeVals = new ArrayList<>(); // value, dropOff, continuing
        List<String[]> nodeInfo = new ArrayList<>(); // step, type
        Map<String, double[]> links = new LinkedHashMap<>();
        for (List<String> j : journeys) {
            int prev = -1;
            for (int s = 0; s < Math.min(steps, j.size()); s++) {
                String key = s + ":" + j.get(s);
                int id = index.computeIfAbsent(key, k -> {
                    nodeVals.add(new double[3]);
                    return nodeVals.size() - 1;
                });
                if (nodeInfo.size() <= id) {
                    nodeInfo.add(new String[]{Integer.toString(s), j.get(s)});
                }
                nodeVals.get(id)[0]++;
                if (s == j.size() - 1) {
                    nodeVals.get(id)[1]++;
                } else if (s == steps - 1) {
                    nodeVals.get(id)[2]++; // goes on beyond the last column
                }
                if (prev >= 0) {
                    links.computeIfAbsent(prev + ">" + id, k -> new double[1])[0]++;
                }
                prev = id;
            }
        }
        List<SankeyData.Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodeVals.size(); i++) {
            String[] info = nodeInfo.get(i);
            nodes.add(new SankeyData.Node(Integer.parseInt(info[0]), info[0] + ":" + info[1], info[1],
                    nodeVals.get(i)[0], nodeVals.get(i)[1], nodeVals.get(i)[2], info[1], false, 0, List.of()));
        }
        List<SankeyData.Link> ls = new ArrayList<>();
        for (Map.Entry<String, double[]> e : links.entrySet()) {
            String[] ft = e.getKey().split(">");
            ls.add(new SankeyData.Link(Integer.parseInt(ft[0]), Integer.parseInt(ft[1]), e.getValue()[0], 1_000_000));
        }
        double start = nodes.stream().filter(n -> n.step() == 0).mapToDouble(SankeyData.Node::value).sum();
        return new SankeyData(nodes, ls, start, "persons", false);
    }
}
