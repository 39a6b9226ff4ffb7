package org.journeyexplorer.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Lays out a {@link SankeyData} into {@link SankeyGeometry}. Pure computation, no JavaFX: the UI runs it off the
 * FX thread and the SVG exporter runs it headless.
 *
 * <p>Node order within a column minimises link crossings with barycenter sweeps (forward over incoming links,
 * backward over outgoing links, weighted by link value), keeping the best order seen; ties break by label and key,
 * and "Other" stays at the bottom, so the result is deterministic. Heights are proportional to value with one
 * scale for the whole chart; vertical positions are then relaxed towards the weighted centre of connected nodes
 * (as d3-sankey does) without changing the order, which keeps ribbons flat.
 */
public final class SankeyLayout {

    /**
     * Layout knobs.
     *
     * @param nodeWidth    width of node boxes
     * @param maxPadding   largest vertical gap between nodes
     * @param stubLength   length of drop-off stubs
     * @param fontSize     label font size (labels are hidden on nodes thinner than this)
     * @param headerHeight space on top for column headers (0 = no headers)
     * @param margin       outer margin
     * @param keyHeight    space at the bottom for the legend of drop-off / continuing / loop marks (0 = none)
     */
    public record Options(double nodeWidth, double maxPadding, double stubLength, double fontSize,
                          double headerHeight, double margin, double keyHeight) {
        public static Options defaults() {
            return new Options(12, 14, 14, 12, 20, 10, 22);
        }
    }

    private static final int SWEEPS = 8;
    /** Fewest characters an elided label keeps; shorter ones are hidden. */
    static final int MIN_LABEL_CHARS = 4;
    private static final int RELAX_ITERATIONS = 8;

    private SankeyLayout() {
    }

    /** Lays out with default options and an approximate text measure. */
    public static SankeyGeometry layout(SankeyData data, double width, double height) {
        Options o = Options.defaults();
        return layout(data, width, height, o, TextMeasure.approximate(o.fontSize()));
    }

    public static SankeyGeometry layout(SankeyData data, double width, double height, Options o, TextMeasure measure) {
        return layout(data, width, height, o, measure, Double.POSITIVE_INFINITY);
    }

    /**
     * The pixels per journey at which the chart fills {@code height}: the tallest column (its nodes plus the gaps
     * between them) just fits. Two charts drawn at the smaller of their two scales compare by height.
     */
    public static double fitScale(SankeyData data, double height, Options o) {
        java.util.Map<Integer, double[]> columns = new java.util.TreeMap<>(); // step -> {nodes, sum}
        for (SankeyData.Node node : data.nodes()) {
            double[] c = columns.computeIfAbsent(node.step(), k -> new double[2]);
            c[0]++;
            c[1] += node.value();
        }
        double avail = Math.max(1, height - o.margin() - o.headerHeight() - o.margin() - o.keyHeight());
        int maxNodes = (int) columns.values().stream().mapToDouble(c -> c[0]).max().orElse(1);
        double padding = padding(maxNodes, avail, o);
        double scale = Double.MAX_VALUE;
        for (double[] c : columns.values()) {
            if (c[1] > 0) {
                scale = Math.min(scale, Math.max(0, avail - (c[0] - 1) * padding) / c[1]);
            }
        }
        return scale == Double.MAX_VALUE ? 0 : scale;
    }

    private static double padding(int maxNodes, double avail, Options o) {
        return maxNodes <= 1 ? 0 : Math.max(2, Math.min(o.maxPadding(), avail * 0.35 / (maxNodes - 1)));
    }

    /**
     * As {@link #layout(SankeyData, double, double, Options, TextMeasure)} but never more than {@code maxScale}
     * pixels per journey, so charts of different data can share one scale (the chart is then shorter).
     */
    public static SankeyGeometry layout(SankeyData data, double width, double height, Options o, TextMeasure measure,
                                        double maxScale) {
        List<SankeyData.Node> nodes = data.nodes();
        int n = nodes.size();
        int[] stepOf = new int[n];
        TreeSet<Integer> stepSet = new TreeSet<>();
        for (SankeyData.Node node : nodes) {
            stepSet.add(node.step());
        }
        int[] steps = stepSet.stream().mapToInt(Integer::intValue).toArray();
        int cols = steps.length;
        for (int i = 0; i < n; i++) {
            stepOf[i] = Arrays.binarySearch(steps, nodes.get(i).step());
        }
        if (n == 0) {
            return new SankeyGeometry(width, height, data, List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of());
        }

        List<List<Integer>> columns = order(data, stepOf, cols);

        // ---- node label texts: the name with its share of the start, the anchor with its count
        int anchorStep = data.anchoredAtEnd() ? cols - 1 : 0;
        String[] full = new String[n];
        for (int i = 0; i < n; i++) {
            SankeyData.Node node = nodes.get(i);
            String name = (node.repeat() ? "↻ " : "") + node.label();
            full[i] = name + "  " + (stepOf[i] == anchorStep ? Formats.count(node.value())
                    : Formats.percent(node.value(), data.startTotal()));
        }

        // ---- horizontal positions; the last column's labels go right of it, in room kept for them, so they never
        // share the last gap with the labels of the column before
        double lastLabels = 0;
        for (int i = 0; i < n; i++) {
            if (stepOf[i] == cols - 1) {
                lastLabels = Math.max(lastLabels, measure.width(full[i]));
            }
        }
        double labelRoom = Math.min(lastLabels, Math.min(MAX_LAST_LABEL, width * 0.2)) + LABEL_GAP;
        double lastStub = data.anchoredAtEnd() ? 0 : o.stubLength();
        double left = o.margin() + (data.anchoredAtEnd() ? o.stubLength() : 0);
        double right = width - o.margin() - lastStub - labelRoom;
        double span = Math.max(0, right - left - o.nodeWidth());
        double[] colX = new double[cols];
        for (int c = 0; c < cols; c++) {
            colX[c] = cols == 1 ? left + span / 2 : left + span * c / (cols - 1);
        }

        // ---- vertical scale
        double top = o.margin() + o.headerHeight();
        double avail = Math.max(1, height - top - o.margin() - o.keyHeight());
        int maxNodes = columns.stream().mapToInt(List::size).max().orElse(1);
        double padding = padding(maxNodes, avail, o);
        // nodes thinner than MIN_NODE_HEIGHT are drawn that tall (a hairline reads as a dash, not a node): room for
        // them is taken from the scale of the others
        double scale = Math.min(maxScale, fitScale(data, height, o));
        scale = Math.min(maxScale, scale(nodes, columns, avail, padding, scale));

        double[] y = new double[n];
        double[] h = new double[n];
        for (List<Integer> col : columns) {
            double cy = top;
            for (int i : col) {
                double v = nodes.get(i).value();
                h[i] = v > 0 ? Math.max(MIN_NODE_HEIGHT, v * scale) : 0;
                y[i] = cy;
                cy += h[i] + padding;
            }
        }
        relax(data, columns, stepOf, y, h, top, top + avail, padding);

        // ---- ribbons: stack outgoing bands by target position, incoming bands by source position
        List<SankeyData.Link> links = data.links();
        List<List<Integer>> out = new ArrayList<>();
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
            in.add(new ArrayList<>());
        }
        for (int l = 0; l < links.size(); l++) {
            out.get(links.get(l).from()).add(l);
            in.get(links.get(l).to()).add(l);
        }
        double[] sy = new double[links.size()];
        double[] ty = new double[links.size()];
        for (int i = 0; i < n; i++) {
            // Entry bands (anchored at end) sit below incoming bands, so incoming start at the top either way.
            stack(out.get(i), links, y, y[i], scale, sy, true);
            stack(in.get(i), links, y, y[i], scale, ty, false);
        }
        List<SankeyGeometry.Ribbon> ribbons = new ArrayList<>();
        for (int l = 0; l < links.size(); l++) {
            SankeyData.Link link = links.get(l);
            SankeyData.Node src = nodes.get(link.from());
            ribbons.add(new SankeyGeometry.Ribbon(l, colX[stepOf[link.from()]] + o.nodeWidth(), sy[l],
                    colX[stepOf[link.to()]], ty[l], link.value() * scale, colorOf(src)));
        }

        // ---- nodes, stubs, labels, headers
        List<SankeyGeometry.NodeBox> boxes = new ArrayList<>();
        List<SankeyGeometry.Stub> stubs = new ArrayList<>();
        List<SankeyGeometry.Label> labels = new ArrayList<>();
        double colGap = cols == 1 ? width : (span / (cols - 1)) - o.nodeWidth();
        for (int i = 0; i < n; i++) {
            SankeyData.Node node = nodes.get(i);
            double x = colX[stepOf[i]];
            boxes.add(new SankeyGeometry.NodeBox(i, x, y[i], o.nodeWidth(), h[i], colorOf(node), node.other(),
                    node.repeat()));
            // Open side, top to bottom: links (stacked above), then drop-off, then journeys that continue.
            double ch = node.continuing() * scale;
            double dh = node.dropOff() * scale;
            double sx = data.anchoredAtEnd() ? x : x + o.nodeWidth();
            if (node.dropOff() > 0) {
                stubs.add(new SankeyGeometry.Stub(i, sx, y[i] + h[i] - ch - dh, dh, o.stubLength(),
                        data.anchoredAtEnd(), false));
            }
            if (node.continuing() > 0) {
                stubs.add(new SankeyGeometry.Stub(i, sx, y[i] + h[i] - ch, ch, o.stubLength(), data.anchoredAtEnd(),
                        true));
            }
        }
        labels.addAll(labels(nodes, columns, stepOf, full, colX, y, h, colGap, labelRoom, lastStub,
                top, top + avail, o, measure, data.anchoredAtEnd()));
        List<SankeyGeometry.Header> headers = new ArrayList<>();
        if (o.headerHeight() > 0) {
            double spacing = cols > 1 ? span / (cols - 1) : width;
            // The anchor column is the start (or the end); the others count steps away from it, so "5 steps" draws
            // the anchor and five steps. Crowded columns get bare numbers after the first step.
            boolean crowded = measure.width("Step −" + cols) + 10 > spacing;
            for (int c = 0; c < cols; c++) {
                String text;
                if (c == anchorStep) {
                    text = data.anchoredAtEnd() ? "End" : "Start";
                } else {
                    int away = Math.abs(steps[c] - steps[anchorStep]);
                    boolean first = away == 1;
                    text = (crowded && !first ? "" : "Step ") + (data.anchoredAtEnd() ? "−" : "") + away;
                }
                headers.add(new SankeyGeometry.Header(text, colX[c], o.margin() + o.fontSize(), false));
            }
        }
        List<SankeyGeometry.Key> keys = new ArrayList<>();
        if (o.keyHeight() > 0) {
            double ky = height - o.margin() - 10;
            double kx = o.margin();
            boolean anyDrop = stubs.stream().anyMatch(s -> !s.continuing());
            boolean anyCont = stubs.stream().anyMatch(SankeyGeometry.Stub::continuing);
            boolean anyLoop = boxes.stream().anyMatch(SankeyGeometry.NodeBox::repeat);
            if (anyDrop) {
                String t = data.anchoredAtEnd() ? "started here" : "dropped off";
                keys.add(new SankeyGeometry.Key(SankeyGeometry.KeyKind.DROP_OFF, t, kx, ky));
                kx += 10 + 6 + measure.width(t) + 18;
            }
            if (anyCont) {
                String t = data.anchoredAtEnd() ? "came from further back" : "go on beyond the last step";
                keys.add(new SankeyGeometry.Key(SankeyGeometry.KeyKind.CONTINUING, t, kx, ky));
                kx += 10 + 6 + measure.width(t) + 18;
            }
            if (anyLoop) {
                keys.add(new SankeyGeometry.Key(SankeyGeometry.KeyKind.LOOP,
                        "↻ most journeys here repeat an earlier step", kx, ky));
            }
        }
        return new SankeyGeometry(width, height, data, columns, boxes, ribbons, stubs, labels, headers, keys);
    }

    /** Largest room kept right of the chart for the last column's labels. */
    static final double MAX_LAST_LABEL = 180;
    /** Space between a node (or its stub) and its label. */
    private static final double LABEL_GAP = 4;
    /** Least height a node with journeys is drawn with. */
    static final double MIN_NODE_HEIGHT = 3;

    /**
     * Pixels per journey: the largest scale at which every column fits {@code avail}, given that nodes which would
     * be thinner than {@link #MIN_NODE_HEIGHT} at {@code previous} take that height instead.
     */
    private static double scale(List<SankeyData.Node> nodes, List<List<Integer>> columns, double avail,
                                double padding, double previous) {
        double scale = Double.MAX_VALUE;
        for (List<Integer> col : columns) {
            double sum = 0;
            double fixed = 0;
            for (int i : col) {
                double v = nodes.get(i).value();
                if (v > 0 && v * previous < MIN_NODE_HEIGHT) {
                    fixed += MIN_NODE_HEIGHT;
                } else {
                    sum += v;
                }
            }
            if (sum > 0) {
                scale = Math.min(scale, Math.max(0, avail - (col.size() - 1) * padding - fixed) / sum);
            }
        }
        return scale == Double.MAX_VALUE ? 0 : scale;
    }

    /**
     * Node labels: right of each node (after the stubs in the last column), elided to the room before the next
     * column. Within a column, labels are placed largest node first and one that would overlap a placed label is
     * left out (the tooltip still tells), so a crowded column never shows labels on top of each other, while a
     * thin node with free space around it is labelled too.
     */
    private static List<SankeyGeometry.Label> labels(List<SankeyData.Node> nodes, List<List<Integer>> columns,
                                                     int[] stepOf, String[] full, double[] colX, double[] y,
                                                     double[] h, double colGap, double labelRoom, double lastStub,
                                                     double top, double bottom, Options o, TextMeasure measure,
                                                     boolean anchoredAtEnd) {
        List<SankeyGeometry.Label> out = new ArrayList<>();
        int cols = columns.size();
        double half = o.fontSize() * 0.6;
        for (List<Integer> col : columns) {
            List<Integer> bySize = new ArrayList<>(col);
            bySize.sort(Comparator.<Integer>comparingDouble(i -> -nodes.get(i).value()).thenComparingInt(i -> i));
            List<double[]> taken = new ArrayList<>();
            for (int i : bySize) {
                if (h[i] <= 0) {
                    continue;
                }
                boolean last = stepOf[i] == cols - 1;
                double x = colX[stepOf[i]] + o.nodeWidth() + (last ? lastStub : 0) + LABEL_GAP;
                double room = last ? labelRoom - LABEL_GAP
                        : Math.max(0, colGap - 2 * LABEL_GAP - (anchoredAtEnd ? 0 : o.stubLength() * 0.5));
                String text = elide(full[i], nodes.get(i).label(), room, measure);
                if (text.isEmpty()) {
                    continue;
                }
                double ly = Math.max(top + half, Math.min(bottom - half, y[i] + h[i] / 2));
                boolean free = true;
                for (double[] t : taken) {
                    if (ly + half > t[0] && ly - half < t[1]) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    taken.add(new double[]{ly - half, ly + half});
                    out.add(new SankeyGeometry.Label(i, text, full[i], x, ly, false));
                }
            }
        }
        out.sort(Comparator.comparingInt(SankeyGeometry.Label::node));
        return out;
    }

    /**
     * A label fitted to {@code room}: whole if it fits, else the name elided with its figure kept, else the name
     * alone elided; "" when what is left would be a couple of letters ("ev…"), which says nothing.
     */
    private static String elide(String full, String name, double room, TextMeasure measure) {
        if (measure.width(full) <= room) {
            return full;
        }
        String figure = full.substring(full.lastIndexOf("  "));
        String withFigure = measure.elide(full.substring(0, full.length() - figure.length()),
                room - measure.width(figure));
        if (useful(withFigure, name)) {
            return withFigure + figure;
        }
        String bare = measure.elide(full.substring(0, full.length() - figure.length()), room);
        return useful(bare, name) ? bare : "";
    }

    private static boolean useful(String elided, String name) {
        return !elided.isEmpty() && elided.length() - 1 >= Math.min(MIN_LABEL_CHARS, name.length());
    }

    private static String colorOf(SankeyData.Node node) {
        return node.other() ? EventColors.OTHER_COLOR : EventColors.colorOf(node.colorKey());
    }

    private static void stack(List<Integer> ls, List<SankeyData.Link> links, double[] y, double start, double scale,
                              double[] into, boolean byTarget) {
        ls.sort(Comparator.<Integer>comparingDouble(l -> y[byTarget ? links.get(l).to() : links.get(l).from()])
                .thenComparingInt(l -> byTarget ? links.get(l).to() : links.get(l).from()));
        double cy = start;
        for (int l : ls) {
            into[l] = cy;
            cy += links.get(l).value() * scale;
        }
    }

    // ------------------------------------------------------------------ ordering

    /** Node order per column (top to bottom) after barycenter sweeps; deterministic. */
    static List<List<Integer>> order(SankeyData data, int[] stepOf, int cols) {
        List<SankeyData.Node> nodes = data.nodes();
        List<List<Integer>> columns = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            columns.get(stepOf[i]).add(i);
        }
        Comparator<Integer> byLabel = Comparator.comparing((Integer i) -> nodes.get(i).label())
                .thenComparing(i -> nodes.get(i).key()).thenComparingInt(i -> i);
        Comparator<Integer> initial = Comparator.comparing((Integer i) -> nodes.get(i).other())
                .thenComparing(Comparator.comparingDouble((Integer i) -> nodes.get(i).value()).reversed())
                .thenComparing(byLabel);
        for (List<Integer> col : columns) {
            col.sort(initial);
        }
        int[] rank = new int[nodes.size()];
        updateRanks(columns, rank);
        List<List<Integer>> best = copy(columns);
        List<int[]> groups = linkGroups(data);
        double bestCrossings = crossings(data, rank, true, groups);
        // Links into a column from the previous one and out of it into the next, so a sweep touches only those.
        List<List<Integer>> inFromPrev = new ArrayList<>();
        List<List<Integer>> outToNext = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            inFromPrev.add(new ArrayList<>());
            outToNext.add(new ArrayList<>());
        }
        for (int l = 0; l < data.links().size(); l++) {
            SankeyData.Link link = data.links().get(l);
            if (stepOf[link.to()] == stepOf[link.from()] + 1) {
                inFromPrev.get(stepOf[link.to()]).add(l);
                outToNext.get(stepOf[link.from()]).add(l);
            }
        }
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            boolean forward = sweep % 2 == 0;
            for (int k = 1; k < cols; k++) {
                int c = forward ? k : cols - 1 - k;
                List<Integer> col = columns.get(c);
                double[] bary = new double[nodes.size()];
                for (int i : col) {
                    bary[i] = rank[i];
                }
                double[] sum = new double[nodes.size()];
                double[] weight = new double[nodes.size()];
                for (int li : forward ? inFromPrev.get(c) : outToNext.get(c)) {
                    SankeyData.Link l = data.links().get(li);
                    int self = forward ? l.to() : l.from();
                    int other = forward ? l.from() : l.to();
                    sum[self] += l.value() * rank[other];
                    weight[self] += l.value();
                }
                for (int i : col) {
                    if (weight[i] > 0) {
                        bary[i] = sum[i] / weight[i];
                    }
                }
                col.sort(Comparator.comparing((Integer i) -> nodes.get(i).other())
                        .thenComparingDouble(i -> bary[i]).thenComparing(byLabel));
                updateRanks(columns, rank);
            }
            double crossings = crossings(data, rank, true, groups);
            if (crossings < bestCrossings) {
                bestCrossings = crossings;
                best = copy(columns);
            }
        }
        return best;
    }

    private static void updateRanks(List<List<Integer>> columns, int[] rank) {
        for (List<Integer> col : columns) {
            for (int r = 0; r < col.size(); r++) {
                rank[col.get(r)] = r;
            }
        }
    }

    private static List<List<Integer>> copy(List<List<Integer>> columns) {
        List<List<Integer>> c = new ArrayList<>();
        for (List<Integer> col : columns) {
            c.add(new ArrayList<>(col));
        }
        return c;
    }

    /** Links grouped by (source step, target step): only links within a group can cross. */
    private static List<int[]> linkGroups(SankeyData data) {
        java.util.Map<Long, List<Integer>> groups = new java.util.TreeMap<>();
        List<SankeyData.Link> links = data.links();
        for (int l = 0; l < links.size(); l++) {
            long key = ((long) data.nodes().get(links.get(l).from()).step() << 32)
                    | data.nodes().get(links.get(l).to()).step();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static double crossings(SankeyData data, int[] rank, boolean weighted, List<int[]> groups) {
        // Per column pair: sort links by source rank; a link crosses every earlier link with a smaller source rank
        // and a larger target rank. Target ranks are small (nodes per column), so a plain array of weights per
        // target rank answers "how much weight lies above" in O(nodes) per link.
        List<SankeyData.Link> links = data.links();
        double total = 0;
        for (int[] group : groups) {
            Integer[] order = new Integer[group.length];
            int maxTo = 0;
            for (int k = 0; k < group.length; k++) {
                order[k] = group[k];
                maxTo = Math.max(maxTo, rank[links.get(group[k]).to()]);
            }
            java.util.Arrays.sort(order, (x, y) -> Integer.compare(rank[links.get(x).from()],
                    rank[links.get(y).from()]));
            double[] byTo = new double[maxTo + 1];
            int k = 0;
            while (k < order.length) {
                int from = rank[links.get(order[k]).from()];
                int end = k;
                while (end < order.length && rank[links.get(order[end]).from()] == from) {
                    end++;
                }
                for (int i = k; i < end; i++) { // links of one source node never cross each other
                    SankeyData.Link l = links.get(order[i]);
                    double above = 0;
                    for (int t = rank[l.to()] + 1; t <= maxTo; t++) {
                        above += byTo[t];
                    }
                    total += weighted ? l.value() * above : above;
                }
                for (int i = k; i < end; i++) {
                    SankeyData.Link l = links.get(order[i]);
                    byTo[rank[l.to()]] += weighted ? l.value() : 1;
                }
                k = end;
            }
        }
        return total;
    }

    /**
     * Number of pairs of links between the same two columns that cross when nodes are ordered as in
     * {@code columns} (top to bottom). Used to compare orders.
     */
    public static int crossings(SankeyData data, List<List<Integer>> columns) {
        int[] rank = new int[data.nodes().size()];
        updateRanks(columns, rank);
        return (int) crossings(data, rank, false, linkGroups(data));
    }

    // ------------------------------------------------------------------ vertical relaxation

    private static void relax(SankeyData data, List<List<Integer>> columns, int[] stepOf, double[] y, double[] h,
                              double top, double bottom, double padding) {
        List<SankeyData.Link> links = data.links();
        List<List<Integer>> into = new ArrayList<>();
        List<List<Integer>> outOf = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            into.add(new ArrayList<>());
            outOf.add(new ArrayList<>());
        }
        for (int l = 0; l < links.size(); l++) {
            into.get(stepOf[links.get(l).to()]).add(l);
            outOf.get(stepOf[links.get(l).from()]).add(l);
        }
        for (int it = 0; it < RELAX_ITERATIONS; it++) {
            double alpha = Math.pow(0.9, it);
            boolean forward = it % 2 == 0;
            for (int k = 0; k < columns.size(); k++) {
                int c = forward ? k : columns.size() - 1 - k;
                List<Integer> col = columns.get(c);
                double[] sum = new double[data.nodes().size()];
                double[] weight = new double[data.nodes().size()];
                for (int li : forward ? into.get(c) : outOf.get(c)) {
                    SankeyData.Link l = links.get(li);
                    int self = forward ? l.to() : l.from();
                    int other = forward ? l.from() : l.to();
                    sum[self] += l.value() * (y[other] + h[other] / 2);
                    weight[self] += l.value();
                }
                for (int i : col) {
                    if (weight[i] > 0) {
                        double target = sum[i] / weight[i] - h[i] / 2;
                        y[i] += (target - y[i]) * alpha * 0.5;
                    }
                }
                resolveCollisions(col, y, h, top, bottom, padding);
            }
        }
    }

    private static void resolveCollisions(List<Integer> col, double[] y, double[] h, double top, double bottom,
                                          double padding) {
        // Push down from the top in order, then back up from the bottom: keeps order and bounds.
        double cy = top;
        for (int i : col) {
            if (y[i] < cy) {
                y[i] = cy;
            }
            cy = y[i] + h[i] + padding;
        }
        cy = bottom;
        for (int r = col.size() - 1; r >= 0; r--) {
            int i = col.get(r);
            if (y[i] + h[i] > cy) {
                y[i] = cy - h[i];
            }
            cy = y[i] - padding;
        }
    }
}
