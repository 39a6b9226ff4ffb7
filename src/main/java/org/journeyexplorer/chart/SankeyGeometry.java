package org.journeyexplorer.chart;

import java.util.List;

/**
 * A laid-out Sankey chart in pixels: everything the canvas paints, hit-tests and the SVG writer writes. Immutable
 * and free of JavaFX, so the painter and the exporter draw the very same shapes.
 *
 * @param width   chart width
 * @param height  chart height
 * @param data    the input, for tooltips and CSV
 * @param columns node indices per step column, top to bottom
 * @param nodes   one box per data node, in data order
 * @param ribbons one band per data link, in data order
 * @param stubs   drop-off stubs of nodes with a drop-off
 * @param labels  node labels (possibly elided; hidden ones are left out)
 * @param headers one header per column ("Step 1")
 * @param keys    legend entries for the marks that are not event colours (drop-off, continuing, loops)
 */
public record SankeyGeometry(double width, double height, SankeyData data, List<List<Integer>> columns,
                             List<NodeBox> nodes, List<Ribbon> ribbons, List<Stub> stubs, List<Label> labels,
                             List<Header> headers, List<Key> keys) {

    public SankeyGeometry {
        columns = columns.stream().map(List::copyOf).toList();
        nodes = List.copyOf(nodes);
        ribbons = List.copyOf(ribbons);
        stubs = List.copyOf(stubs);
        labels = List.copyOf(labels);
        headers = List.copyOf(headers);
        keys = List.copyOf(keys);
    }

    /** The same shapes over {@code other} data that draws the same ({@link SankeyData#sameChart}): new medians. */
    public SankeyGeometry withData(SankeyData other) {
        return new SankeyGeometry(width, height, other, columns, nodes, ribbons, stubs, labels, headers, keys);
    }

    /** What a legend entry explains. */
    public enum KeyKind { DROP_OFF, CONTINUING, LOOP }

    /** A legend entry under the chart: a swatch at (x, y) (10 × 10) and its text to the right. */
    public record Key(KeyKind kind, String text, double x, double y) {
    }

    /** A node rectangle. */
    public record NodeBox(int node, double x, double y, double w, double h, String color, boolean other,
                          boolean repeat) {
        public boolean contains(double px, double py) {
            // Thin nodes get a few pixels of slack so that they can still be hovered.
            double slack = h < 4 ? (4 - h) / 2 : 0;
            return px >= x && px <= x + w && py >= y - slack && py <= y + h + slack;
        }
    }

    /**
     * A link band: its top edge runs from (x0, y0) to (x1, y1) along a cubic Bézier with both control points at
     * the horizontal midpoint, its bottom edge is the same curve {@code thickness} lower.
     */
    public record Ribbon(int link, double x0, double y0, double x1, double y1, double thickness, String color) {

        public double midX() {
            return (x0 + x1) / 2;
        }

        /** Top edge y at horizontal position {@code px} (x0 ≤ px ≤ x1). */
        public double topAt(double px) {
            double t = solveT(px);
            double u = 1 - t;
            // y control points are y0, y0, y1, y1
            return y0 * (u * u * u + 3 * u * u * t) + y1 * (3 * u * t * t + t * t * t);
        }

        /** True when the point lies inside the band (exact, not a bounding box). */
        public boolean contains(double px, double py) {
            if (px < x0 || px > x1) {
                return false;
            }
            double top = topAt(px);
            double slack = thickness < 3 ? (3 - thickness) / 2 : 0;
            return py >= top - slack && py <= top + thickness + slack;
        }

        private double solveT(double px) {
            // x(t) is monotonic because both x control points sit at the midpoint: bisection is safe.
            double lo = 0;
            double hi = 1;
            double m = midX();
            for (int i = 0; i < 40; i++) {
                double t = (lo + hi) / 2;
                double u = 1 - t;
                double x = x0 * u * u * u + 3 * m * u * u * t + 3 * m * u * t * t + x1 * t * t * t;
                if (x < px) {
                    lo = t;
                } else {
                    hi = t;
                }
            }
            return (lo + hi) / 2;
        }
    }

    /**
     * The drop-off of a node ({@code continuing == false}), or the journeys that go on beyond the outermost column
     * ({@code continuing == true}): a band of height {@code h} leaving the node's open side at (x, y) and fading over
     * {@code length} pixels, to the right ({@code leftSide == false}) or to the left.
     */
    public record Stub(int node, double x, double y, double h, double length, boolean leftSide, boolean continuing) {
        public boolean contains(double px, double py) {
            double a = leftSide ? x - length : x;
            double b = leftSide ? x : x + length;
            double slack = h < 3 ? (3 - h) / 2 : 0;
            return px >= a && px <= b && py >= y - slack && py <= y + h + slack;
        }
    }

    /** A node label anchored at (x, y) (y = vertical centre); right-aligned labels end at x. */
    public record Label(int node, String text, String fullText, double x, double y, boolean alignRight) {
    }

    /** A column header; right-aligned headers end at x. */
    public record Header(String text, double x, double y, boolean alignRight) {
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

    /** The link under a point, or -1; the thinnest band wins where bands overlap, as it is drawn on top. */
    public int linkAt(double px, double py) {
        int best = -1;
        double bestThickness = Double.MAX_VALUE;
        for (Ribbon r : ribbons) {
            if (r.contains(px, py) && r.thickness() < bestThickness) {
                best = r.link();
                bestThickness = r.thickness();
            }
        }
        return best;
    }

    /** The stub under a point, or null. */
    public Stub stubAt(double px, double py) {
        for (Stub s : stubs) {
            if (s.contains(px, py)) {
                return s;
            }
        }
        return null;
    }
}
