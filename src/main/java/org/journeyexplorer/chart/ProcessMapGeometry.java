package org.journeyexplorer.chart;

import java.util.List;

/**
 * A laid-out process map in pixels, flowing top to bottom: what the canvas paints and hit-tests and what the SVG
 * writer writes, so the two draw the very same shapes.
 *
 * @param width  chart width
 * @param height chart height
 * @param data   the input, for tooltips and drill-down
 * @param nodes  one box per data node, in data order
 * @param edges  one path per data link, in data order
 */
public record ProcessMapGeometry(double width, double height, ProcessMapData data, List<NodeBox> nodes,
                                 List<EdgePath> edges) {

    public ProcessMapGeometry {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A node box with rounded corners; START and END are drawn as circles of diameter {@code h}.
     *
     * @param fill   box colour (by frequency)
     * @param stripe the event type's colour, a bar at the box's left edge (null for START and END)
     * @param text   colour of the label on the fill
     * @param title  the (possibly elided) activity name
     * @param detail second line: the frequency
     */
    public record NodeBox(int node, double x, double y, double w, double h, String fill, String stripe, String text,
                          String title, String detail) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }

        public double centerX() {
            return x + w / 2;
        }

        public double centerY() {
            return y + h / 2;
        }
    }

    /**
     * A path drawn as a chain of cubic Bézier segments: {@code points} holds the start (x, y) and then three points
     * (two control points and the end) per segment. The arrowhead's tip is the last point; {@code arrow} holds its
     * two base corners (x, y, x, y).
     *
     * @param loop  a self-loop drawn beside its node
     * @param back  a path against the flow (a loop over several activities), drawn along the right side
     * @param label the annotation ("1,234" or "3 h 10 min"), drawn at (labelX, labelY), left-aligned
     */
    public record EdgePath(int link, double[] points, double thickness, String color, double[] arrow, String label,
                           double labelX, double labelY, boolean loop, boolean back) {

        /** Number of cubic segments. */
        public int segments() {
            return (points.length - 2) / 6;
        }

        /** Smallest distance from a point to the path (sampled, 24 pieces per segment). */
        public double distanceTo(double px, double py) {
            double best = Double.MAX_VALUE;
            double x0 = points[0];
            double y0 = points[1];
            for (int s = 0; s < segments(); s++) {
                int o = 2 + s * 6;
                double ax = x0;
                double ay = y0;
                for (int k = 1; k <= 24; k++) {
                    double t = k / 24.0;
                    double u = 1 - t;
                    double bx = u * u * u * x0 + 3 * u * u * t * points[o] + 3 * u * t * t * points[o + 2]
                            + t * t * t * points[o + 4];
                    double by = u * u * u * y0 + 3 * u * u * t * points[o + 1] + 3 * u * t * t * points[o + 3]
                            + t * t * t * points[o + 5];
                    best = Math.min(best, segmentDistance(px, py, ax, ay, bx, by));
                    ax = bx;
                    ay = by;
                }
                x0 = points[o + 4];
                y0 = points[o + 5];
            }
            return best;
        }

        private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
            double dx = bx - ax;
            double dy = by - ay;
            double len = dx * dx + dy * dy;
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
            double cx = ax + t * dx - px;
            double cy = ay + t * dy - py;
            return Math.sqrt(cx * cx + cy * cy);
        }
    }

    /** The node under a point, or -1. */
    public int nodeAt(double px, double py) {
        for (NodeBox n : nodes) {
            if (n.contains(px, py)) {
                return n.node();
            }
        }
        return -1;
    }

    /** The path under a point (within a few pixels of it), or -1; the nearest one wins. */
    public int edgeAt(double px, double py) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (EdgePath e : edges) {
            double d = e.distanceTo(px, py);
            if (d <= e.thickness() / 2 + 4 && d < bestDistance) {
                best = e.link();
                bestDistance = d;
            }
        }
        return best;
    }
}
