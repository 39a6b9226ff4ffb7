package org.journeyexplorer.chart;

import java.util.List;

/**
 * What a process map shows, independent of how it was computed: activities with their frequency, START and END,
 * and the paths between them (a directly-follows graph). Self-loops ({@code from == to}) are repetitions of an
 * activity.
 *
 * @param nodes      START first, then the activities, then END; a node's index is its id in {@link Link}
 * @param links      paths, each at most once per ordered pair
 * @param annotation what the path labels say
 * @param unit       what a case is, e.g. "persons", for tooltips and captions
 */
public record ProcessMapData(List<Node> nodes, List<Link> links, Annotation annotation, String unit) {

    public ProcessMapData {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        for (Link l : links) {
            if (l.from() < 0 || l.from() >= nodes.size() || l.to() < 0 || l.to() >= nodes.size()) {
                throw new IllegalArgumentException("link refers to a missing node: " + l);
            }
        }
    }

    /** What kind of box a node is. */
    public enum Kind { START, END, ACTIVITY }

    /** The number written on each path. */
    public enum Annotation {
        /** How often the path was taken. */
        FREQUENCY,
        /** The median time between its two events. */
        MEDIAN_TIME
    }

    /**
     * A box of the map.
     *
     * @param frequency events of the activity; for START and END the cases that start or end
     */
    public record Node(String label, long frequency, Kind kind) {
    }

    /**
     * A path between two nodes.
     *
     * @param medianMicros median time between the two events, -1 when unknown (paths from START or to END)
     */
    public record Link(int from, int to, long count, long medianMicros) {
        public boolean isLoop() {
            return from == to;
        }
    }

    public ProcessMapData withAnnotation(Annotation a) {
        return new ProcessMapData(nodes, links, a, unit);
    }
}
