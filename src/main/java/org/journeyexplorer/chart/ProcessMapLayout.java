package org.journeyexplorer.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Lays out a {@link ProcessMapData} top to bottom as a layered graph (Sugiyama's method), the way process-mining
 * tools draw a directly-follows graph. Pure computation, no JavaFX: the UI runs it off the FX thread and the SVG
 * exporter runs it headless.
 *
 * <ol>
 *   <li><b>Loops.</b> A depth-first search from START, heaviest paths first, finds the paths that close a cycle;
 *       they are turned around for layering and drawn afterwards as arcs up the right side. Self-loops are set
 *       aside and drawn as small loops at the left of their activity.</li>
 *   <li><b>Layers.</b> Longest path from the sources (START on top, END at the bottom); a path over several layers
 *       gets a chain of invisible points, one per layer, so it bends around the boxes in between.</li>
 *   <li><b>Order.</b> Barycenter sweeps down and up, weighted by path frequency, keeping the order with the fewest
 *       crossings (counted exactly per pair of layers).</li>
 *   <li><b>Positions.</b> Each box moves towards the weighted centre of its neighbours; the closest positions that
 *       keep the order and the gaps are found per layer by isotonic regression (pool adjacent violators).</li>
 * </ol>
 * Path widths and darkness grow with the square root of their frequency, activity boxes are shaded by frequency
 * on the theme's scale, and carry their event colour as a bar at the left.
 */
public final class ProcessMapLayout {

    /**
     * Layout knobs.
     *
     * @param nodeHeight  height of an activity box (and diameter of START / END)
     * @param layerGap    vertical space between two layers of boxes
     * @param nodeGap     horizontal space between two boxes of a layer
     * @param margin      outer margin
     * @param maxLabel    widest activity label before it is elided
     * @param fontSize    label font size
     */
    public record Options(double nodeHeight, double layerGap, double nodeGap, double margin, double maxLabel,
                          double fontSize) {
        public static Options defaults() {
            return new Options(40, 62, 34, 24, 180, 12);
        }
    }

    private static final int SWEEPS = 24;
    private static final int PLACEMENT_ROUNDS = 10;
    private static final double DUMMY_GAP = 16;
    private static final double LOOP_REACH = 30;
    private static final double BACK_REACH = 34;
    /** Path colours from rare to frequent, per theme. */
    private static final String[] EDGE_LIGHT = {"#c5ccd6", "#3b4454"};
    private static final String[] EDGE_DARK = {"#4d5562", "#dfe4ea"};

    private ProcessMapLayout() {
    }

    /** Lays out with default options, an approximate text measure and the light theme. */
    public static ProcessMapGeometry layout(ProcessMapData data) {
        Options o = Options.defaults();
        return layout(data, o, TextMeasure.approximate(o.fontSize()), HeatmapLayout.Ramp.LIGHT);
    }

    public static ProcessMapGeometry layout(ProcessMapData data, Options o, TextMeasure measure,
                                            HeatmapLayout.Ramp ramp) {
        List<ProcessMapData.Node> nodes = data.nodes();
        List<ProcessMapData.Link> links = data.links();
        int n = nodes.size();
        if (n == 0) {
            return new ProcessMapGeometry(2 * o.margin(), 2 * o.margin(), data, List.of(), List.of());
        }
        boolean[] reversed = breakCycles(data);

        // ---- layers of the real nodes
        int[] layer = layers(data, reversed);
        int maxLayer = Arrays.stream(layer).max().orElse(0);

        // ---- vertices: real nodes, then one dummy per inner layer of every long path
        List<Integer> vLayer = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vLayer.add(layer[i]);
        }
        int[][] chain = new int[links.size()][]; // top to bottom in layering direction
        for (int l = 0; l < links.size(); l++) {
            ProcessMapData.Link link = links.get(l);
            if (link.isLoop()) {
                continue;
            }
            int top = reversed[l] ? link.to() : link.from();
            int bottom = reversed[l] ? link.from() : link.to();
            int span = layer[bottom] - layer[top];
            int[] c = new int[Math.max(2, span + 1)];
            c[0] = top;
            for (int k = 1; k < span; k++) {
                c[k] = vLayer.size();
                vLayer.add(layer[top] + k);
            }
            c[c.length - 1] = bottom;
            chain[l] = c;
        }
        int vn = vLayer.size();
        double[] weight = new double[links.size()];
        long maxCount = 1;
        for (ProcessMapData.Link link : links) {
            maxCount = Math.max(maxCount, link.count());
        }
        for (int l = 0; l < links.size(); l++) {
            weight[l] = Math.sqrt((double) links.get(l).count() / maxCount);
        }
        // adjacency between consecutive layers, with weights
        List<List<int[]>> down = new ArrayList<>(); // vertex -> (lower vertex, link)
        List<List<int[]>> up = new ArrayList<>();
        for (int v = 0; v < vn; v++) {
            down.add(new ArrayList<>());
            up.add(new ArrayList<>());
        }
        for (int l = 0; l < links.size(); l++) {
            int[] c = chain[l];
            if (c == null) {
                continue;
            }
            for (int k = 0; k + 1 < c.length; k++) {
                if (vLayer.get(c[k + 1]) - vLayer.get(c[k]) != 1) {
                    continue; // a path between boxes of one layer (both on the same layer): no segment to order
                }
                down.get(c[k]).add(new int[]{c[k + 1], l});
                up.get(c[k + 1]).add(new int[]{c[k], l});
            }
        }

        // ---- order within layers
        List<List<Integer>> layers = new ArrayList<>();
        for (int i = 0; i <= maxLayer; i++) {
            layers.add(new ArrayList<>());
        }
        for (int v : initialOrder(n, vn, vLayer, down)) {
            layers.get(vLayer.get(v)).add(v);
        }
        int[] pos = positions(layers, vn);
        long bestCrossings = crossings(layers, pos, down);
        List<List<Integer>> best = copy(layers);
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            boolean downward = sweep % 2 == 0;
            if (downward) {
                for (int L = 1; L <= maxLayer; L++) {
                    reorder(layers.get(L), up, pos, weight);
                    positions(layers.get(L), pos);
                }
            } else {
                for (int L = maxLayer - 1; L >= 0; L--) {
                    reorder(layers.get(L), down, pos, weight);
                    positions(layers.get(L), pos);
                }
            }
            long c = crossings(layers, pos, down);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(layers);
            }
        }
        layers = best;
        pos = positions(layers, vn);

        // ---- box sizes
        double[] w = new double[vn];
        String[] titles = new String[n];
        double scale = o.fontSize() / 12.0;
        for (int i = 0; i < n; i++) {
            ProcessMapData.Node node = nodes.get(i);
            if (node.kind() == ProcessMapData.Kind.ACTIVITY) {
                titles[i] = measure.elideMiddle(node.label(), o.maxLabel());
                double text = Math.max(measure.width(titles[i]), measure.width(Formats.count(node.frequency())));
                w[i] = Math.max(86 * scale, text + 30);
            } else {
                titles[i] = node.kind() == ProcessMapData.Kind.START ? "Start" : "End";
                w[i] = o.nodeHeight();
            }
        }

        // ---- horizontal positions: centres pulled towards neighbours, order and gaps kept
        double[] cx = new double[vn];
        for (List<Integer> L : layers) {
            double x = 0;
            for (int v : L) {
                cx[v] = x + w[v] / 2;
                x += w[v] + gap(v, n, o);
            }
        }
        for (int round = 0; round < PLACEMENT_ROUNDS; round++) {
            boolean downward = round % 2 == 0;
            int from = downward ? 1 : maxLayer - 1;
            int to = downward ? maxLayer + 1 : -1;
            int stepL = downward ? 1 : -1;
            for (int L = from; L != to; L += stepL) {
                List<Integer> layerVs = layers.get(L);
                double[] desired = new double[layerVs.size()];
                double[] wts = new double[layerVs.size()];
                for (int k = 0; k < layerVs.size(); k++) {
                    int v = layerVs.get(k);
                    double sum = 0;
                    double tw = 0;
                    // the last rounds look both ways, the first ones sweep like the ordering
                    List<List<List<int[]>>> sides = round >= PLACEMENT_ROUNDS - 2 ? List.of(up, down)
                            : List.of(downward ? up : down);
                    for (List<List<int[]>> side : sides) {
                        for (int[] e : side.get(v)) {
                            double ew = 0.2 + weight[e[1]];
                            sum += cx[e[0]] * ew;
                            tw += ew;
                        }
                    }
                    desired[k] = tw == 0 ? cx[v] : sum / tw;
                    wts[k] = v >= n ? 0.5 : 1 + tw; // invisible points give way to boxes
                }
                place(layerVs, desired, wts, w, cx, n, o);
            }
        }

        // ---- vertical positions
        double[] layerTop = new double[maxLayer + 1];
        for (int L = 0; L <= maxLayer; L++) {
            layerTop[L] = o.margin() + L * (o.nodeHeight() + o.layerGap());
        }
        double minX = Double.MAX_VALUE;
        for (int v = 0; v < vn; v++) {
            minX = Math.min(minX, cx[v] - w[v] / 2);
        }
        // room on the left for self-loops and their labels
        double loopRoom = 0;
        for (ProcessMapData.Link link : links) {
            if (link.isLoop()) {
                loopRoom = Math.max(loopRoom, LOOP_REACH + 8 + measure.width(annotation(link, data.annotation())));
            }
        }
        double shift = o.margin() + loopRoom - minX;
        for (int v = 0; v < vn; v++) {
            cx[v] += shift;
        }

        // ---- boxes
        long maxFrequency = 1;
        for (ProcessMapData.Node node : nodes) {
            if (node.kind() == ProcessMapData.Kind.ACTIVITY) {
                maxFrequency = Math.max(maxFrequency, node.frequency());
            }
        }
        List<ProcessMapGeometry.NodeBox> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ProcessMapData.Node node = nodes.get(i);
            double top = layerTop[layer[i]];
            String fill;
            String stripe = null;
            if (node.kind() == ProcessMapData.Kind.ACTIVITY) {
                // a floor keeps the rarest box visibly a box on the background
                fill = ramp.colorAt(0.12 + 0.88 * Math.sqrt((double) node.frequency() / maxFrequency));
                stripe = EventColors.colorOf(node.label());
            } else {
                fill = node.kind() == ProcessMapData.Kind.START ? EventColors.START_COLOR : EventColors.END_COLOR;
            }
            boxes.add(new ProcessMapGeometry.NodeBox(i, cx[i] - w[i] / 2, top, w[i], o.nodeHeight(), fill, stripe,
                    EventColors.textOn(fill), titles[i], Formats.count(node.frequency())));
        }

        // ---- paths
        String[] edgeRamp = ramp == HeatmapLayout.Ramp.DARK ? EDGE_DARK : EDGE_LIGHT;
        Ports ports = new Ports(data, chain, reversed, cx, boxes);
        List<ProcessMapGeometry.EdgePath> paths = new ArrayList<>(links.size());
        double right = 0;
        double bottom = 0;
        for (ProcessMapGeometry.NodeBox b : boxes) {
            right = Math.max(right, b.x() + b.w());
            bottom = Math.max(bottom, b.y() + b.h());
        }
        double[][] pointsOf = new double[links.size()][];
        for (int l = 0; l < links.size(); l++) {
            ProcessMapData.Link link = links.get(l);
            if (link.isLoop()) {
                ProcessMapGeometry.NodeBox b = boxes.get(link.from());
                double y0 = b.y() + b.h() * 0.28;
                double y1 = b.y() + b.h() * 0.72;
                pointsOf[l] = new double[]{b.x(), y0, b.x() - LOOP_REACH, y0 - 12, b.x() - LOOP_REACH, y1 + 12,
                        b.x(), y1};
            } else if (reversed[l]) {
                pointsOf[l] = backPath(l, chain[l], ports, boxes, cx, vLayer, layerTop, o);
            } else {
                pointsOf[l] = forwardPath(l, chain[l], ports, boxes, cx, vLayer, layerTop, o);
            }
        }
        // labels: the most frequent paths choose first, each at the first point along its path where the label
        // covers no box and no label placed before
        double[][] labelAt = new double[links.size()][];
        List<double[]> taken = new ArrayList<>();
        for (ProcessMapGeometry.NodeBox b : boxes) {
            taken.add(new double[]{b.x(), b.y(), b.x() + b.w(), b.y() + b.h()});
        }
        Integer[] byCount = new Integer[links.size()];
        for (int l = 0; l < byCount.length; l++) {
            byCount[l] = l;
        }
        Arrays.sort(byCount, Comparator.comparingLong((Integer l) -> -links.get(l).count()).thenComparingInt(l -> l));
        for (int l : byCount) {
            ProcessMapData.Link link = links.get(l);
            String label = annotation(link, data.annotation());
            double lw = measure.width(label);
            double[] pts = pointsOf[l];
            List<double[]> places = new ArrayList<>(); // left x, middle y; the first free one is taken
            if (link.isLoop()) {
                // left of the loop, else above or below it: left of it lay in the box on the left when the boxes
                // stand close (the demo's search loop's "1,366" drawn into view_promotion)
                double middle = (pts[1] + pts[pts.length - 1]) / 2;
                double centre = pts[0] - LOOP_REACH / 2;
                places.add(new double[]{pts[0] - LOOP_REACH - 6 - lw, middle});
                places.add(new double[]{centre - lw / 2, pts[3] - 7}); // the loop's top reaches halfway to pts[3]
                places.add(new double[]{centre - lw / 2, pts[5] + 7});
            } else {
                // along the path, right of it, then left of it
                double pad = 5 + (1.2 + 6.3 * weight[l]) / 2;
                for (int side = 0; side < 2; side++) {
                    for (double u : new double[]{0.5, 0.38, 0.62, 0.27, 0.73, 0.18, 0.82}) {
                        double[] p = pointAt(pts, u);
                        places.add(new double[]{side == 0 ? p[0] + pad : p[0] - pad - lw, p[1]});
                    }
                }
            }
            // where every place covers something, the one that covers the least, a box counting ten times a label
            double[] chosen = null;
            double least = Double.MAX_VALUE;
            for (double[] at : places) {
                if (at[0] < 0 && chosen != null) {
                    continue; // off the map's left edge
                }
                double[] rect = {at[0], at[1] - 7, at[0] + lw, at[1] + 7};
                double covered = covered(rect, taken, boxes.size());
                if (covered < least) {
                    least = covered;
                    chosen = rect;
                    if (covered == 0) {
                        break;
                    }
                }
            }
            taken.add(chosen);
            labelAt[l] = new double[]{chosen[0], chosen[1] + 7};
        }
        for (int l = 0; l < links.size(); l++) {
            ProcessMapData.Link link = links.get(l);
            double thickness = 1.2 + 6.3 * weight[l];
            String color = HeatmapLayout.interpolate(edgeRamp, 0.15 + 0.85 * weight[l]);
            String label = annotation(link, data.annotation());
            double[] pts = pointsOf[l];
            double[] arrow = arrow(pts, 5 + thickness);
            for (int k = 0; k < pts.length; k += 2) {
                right = Math.max(right, pts[k]);
                bottom = Math.max(bottom, pts[k + 1]);
            }
            right = Math.max(right, labelAt[l][0] + measure.width(label));
            paths.add(new ProcessMapGeometry.EdgePath(l, pts, thickness, color, arrow, label, labelAt[l][0],
                    labelAt[l][1], link.isLoop(), !link.isLoop() && reversed[l]));
        }
        return new ProcessMapGeometry(right + o.margin(), bottom + o.margin(), data, boxes, paths);
    }

    /** The area of {@code rect} that the rectangles taken cover; the first {@code boxes} of them count ten times. */
    static double covered(double[] rect, List<double[]> taken, int boxes) {
        double sum = 0;
        for (int i = 0; i < taken.size(); i++) {
            double[] t = taken.get(i);
            double w = Math.min(rect[2], t[2]) - Math.max(rect[0], t[0]);
            double h = Math.min(rect[3], t[3]) - Math.max(rect[1], t[1]);
            if (w > 0 && h > 0) {
                sum += w * h * (i < boxes ? 10 : 1);
            }
        }
        return sum;
    }

    /** The label of a path: its frequency, or its median time ("" where there is none). */
    static String annotation(ProcessMapData.Link link, ProcessMapData.Annotation a) {
        if (a == ProcessMapData.Annotation.MEDIAN_TIME) {
            return link.medianMicros() < 0 ? "" : Formats.duration(link.medianMicros());
        }
        return Formats.count(link.count());
    }

    private static double gap(int v, int n, Options o) {
        return v >= n ? DUMMY_GAP : o.nodeGap();
    }

    // ------------------------------------------------------------------ cycles and layers

    /** Marks the paths that close a cycle (depth-first from START, heaviest first); self-loops are not marked. */
    static boolean[] breakCycles(ProcessMapData data) {
        int n = data.nodes().size();
        List<ProcessMapData.Link> links = data.links();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int l = 0; l < links.size(); l++) {
            if (!links.get(l).isLoop()) {
                out.get(links.get(l).from()).add(l);
            }
        }
        for (List<Integer> o : out) {
            o.sort(Comparator.comparingLong((Integer l) -> -links.get(l).count()).thenComparingInt(l -> l));
        }
        boolean[] reversed = new boolean[links.size()];
        int[] state = new int[n]; // 0 new, 1 on the stack, 2 done
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (data.nodes().get(i).kind() == ProcessMapData.Kind.START) {
                roots.add(0, i);
            } else {
                roots.add(i);
            }
        }
        for (int root : roots) {
            if (state[root] != 0) {
                continue;
            }
            // iterative DFS: (node, next out-link index)
            int[] stackNode = new int[n];
            int[] stackNext = new int[n];
            int top = 0;
            stackNode[0] = root;
            state[root] = 1;
            while (top >= 0) {
                int u = stackNode[top];
                List<Integer> os = out.get(u);
                if (stackNext[top] < os.size()) {
                    int l = os.get(stackNext[top]++);
                    int v = links.get(l).to();
                    if (state[v] == 1) {
                        reversed[l] = true;
                    } else if (state[v] == 0) {
                        state[v] = 1;
                        top++;
                        stackNode[top] = v;
                        stackNext[top] = 0;
                    }
                } else {
                    state[u] = 2;
                    top--;
                }
            }
        }
        return reversed;
    }

    /** Longest-path layers of the acyclic orientation; START on layer 0, END alone below everything else. */
    static int[] layers(ProcessMapData data, boolean[] reversed) {
        int n = data.nodes().size();
        List<ProcessMapData.Link> links = data.links();
        int[] indegree = new int[n];
        List<List<Integer>> succ = new ArrayList<>();
        List<List<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>());
            pred.add(new ArrayList<>());
        }
        for (int l = 0; l < links.size(); l++) {
            ProcessMapData.Link link = links.get(l);
            if (link.isLoop()) {
                continue;
            }
            int a = reversed[l] ? link.to() : link.from();
            int b = reversed[l] ? link.from() : link.to();
            succ.get(a).add(b);
            pred.get(b).add(a);
            indegree[b]++;
        }
        int[] layer = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        int[] topo = new int[n];
        int seen = 0;
        while (head < tail) {
            int u = queue[head++];
            topo[seen++] = u;
            for (int v : succ.get(u)) {
                layer[v] = Math.max(layer[v], layer[u] + 1);
                if (--indegree[v] == 0) {
                    queue[tail++] = v;
                }
            }
        }
        // sources other than START sit just above their highest successor, not on top
        for (int k = seen - 1; k >= 0; k--) {
            int u = topo[k];
            if (pred.get(u).isEmpty() && data.nodes().get(u).kind() != ProcessMapData.Kind.START
                    && !succ.get(u).isEmpty()) {
                int min = Integer.MAX_VALUE;
                for (int v : succ.get(u)) {
                    min = Math.min(min, layer[v]);
                }
                layer[u] = Math.max(0, min - 1);
            }
        }
        wrapWideLayers(data, layer, topo, seen, pred);
        int max = 0;
        int end = -1;
        for (int i = 0; i < n; i++) {
            if (data.nodes().get(i).kind() == ProcessMapData.Kind.END) {
                end = i;
            } else {
                max = Math.max(max, layer[i]);
            }
        }
        if (end >= 0) {
            layer[end] = max + 1;
        }
        return layer;
    }

    /** The most boxes side by side in one layer before the rest go to the layers below. */
    static final int MAX_PER_LAYER = 8;

    /**
     * Keeps a layer to {@link #MAX_PER_LAYER} boxes, the most frequent; the others move one layer down, and what
     * follows them further down. A log whose journeys are mostly one step (Diginetica's item views: START, twenty
     * items, END) otherwise put every box in one row, and the fitted map drew them at a few pixels' text.
     */
    private static void wrapWideLayers(ProcessMapData data, int[] layer, int[] topo, int seen,
                                       List<List<Integer>> pred) {
        int n = layer.length;
        for (int L = 0; ; L++) {
            List<Integer> here = new ArrayList<>();
            boolean deeper = false;
            for (int i = 0; i < n; i++) {
                if (data.nodes().get(i).kind() == ProcessMapData.Kind.END) {
                    continue;
                }
                if (layer[i] == L) {
                    here.add(i);
                } else if (layer[i] > L) {
                    deeper = true;
                }
            }
            if (here.size() > MAX_PER_LAYER) {
                here.sort(Comparator.comparingLong((Integer i) -> -data.nodes().get(i).frequency())
                        .thenComparing(i -> data.nodes().get(i).label()));
                for (int k = MAX_PER_LAYER; k < here.size(); k++) {
                    layer[here.get(k)] = L + 1;
                }
                deeper = true;
                for (int k = 0; k < seen; k++) { // what follows a moved box stays below it
                    int v = topo[k];
                    for (int u : pred.get(v)) {
                        layer[v] = Math.max(layer[v], layer[u] + 1);
                    }
                }
            }
            if (!deeper) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ ordering

    /** Depth-first discovery order from the top layer, heaviest paths first: a good start for the sweeps. */
    private static List<Integer> initialOrder(int n, int vn, List<Integer> vLayer, List<List<int[]>> down) {
        boolean[] seen = new boolean[vn];
        List<Integer> order = new ArrayList<>(vn);
        Integer[] roots = new Integer[vn];
        for (int v = 0; v < vn; v++) {
            roots[v] = v;
        }
        Arrays.sort(roots, Comparator.comparingInt(vLayer::get));
        for (int r : roots) {
            if (seen[r]) {
                continue;
            }
            ArrayList<Integer> stack = new ArrayList<>();
            stack.add(r);
            while (!stack.isEmpty()) {
                int v = stack.remove(stack.size() - 1);
                if (seen[v]) {
                    continue;
                }
                seen[v] = true;
                order.add(v);
                List<int[]> next = down.get(v);
                for (int k = next.size() - 1; k >= 0; k--) {
                    if (!seen[next.get(k)[0]]) {
                        stack.add(next.get(k)[0]);
                    }
                }
            }
        }
        return order;
    }

    private static int[] positions(List<List<Integer>> layers, int vn) {
        int[] pos = new int[vn];
        for (List<Integer> L : layers) {
            positions(L, pos);
        }
        return pos;
    }

    private static void positions(List<Integer> layer, int[] pos) {
        for (int k = 0; k < layer.size(); k++) {
            pos[layer.get(k)] = k;
        }
    }

    /** Sorts a layer by the weighted mean position of each vertex's neighbours; vertices without keep their place. */
    private static void reorder(List<Integer> layer, List<List<int[]>> neighbours, int[] pos, double[] weight) {
        int size = layer.size();
        double[] key = new double[size];
        Integer[] idx = new Integer[size];
        for (int k = 0; k < size; k++) {
            int v = layer.get(k);
            double sum = 0;
            double tw = 0;
            for (int[] e : neighbours.get(v)) {
                double ew = 0.1 + weight[e[1]];
                sum += pos[e[0]] * ew;
                tw += ew;
            }
            key[k] = tw == 0 ? k : sum / tw;
            idx[k] = k;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer k) -> key[k]).thenComparingInt(k -> k));
        List<Integer> copy = new ArrayList<>(layer);
        for (int k = 0; k < size; k++) {
            layer.set(k, copy.get(idx[k]));
        }
    }

    /** Exact number of crossing segments between consecutive layers (inversions, counted with a Fenwick tree). */
    static long crossings(List<List<Integer>> layers, int[] pos, List<List<int[]>> down) {
        long total = 0;
        for (int L = 0; L + 1 < layers.size(); L++) {
            List<long[]> segs = new ArrayList<>();
            for (int v : layers.get(L)) {
                for (int[] e : down.get(v)) {
                    segs.add(new long[]{pos[v], pos[e[0]]});
                }
            }
            segs.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
            int width = layers.get(L + 1).size() + 1;
            long[] tree = new long[width + 1];
            long inserted = 0;
            for (long[] s : segs) {
                int p = (int) s[1] + 1;
                // segments already inserted whose lower end lies right of this one cross it
                long notGreater = 0;
                for (int i = p; i > 0; i -= i & -i) {
                    notGreater += tree[i];
                }
                total += inserted - notGreater;
                for (int i = p; i <= width; i += i & -i) {
                    tree[i]++;
                }
                inserted++;
            }
        }
        return total;
    }

    private static List<List<Integer>> copy(List<List<Integer>> layers) {
        List<List<Integer>> c = new ArrayList<>(layers.size());
        for (List<Integer> L : layers) {
            c.add(new ArrayList<>(L));
        }
        return c;
    }

    // ------------------------------------------------------------------ placement

    /**
     * Centres for a layer's vertices as close as possible (weighted least squares) to {@code desired} while keeping
     * their order and gaps: with offsets o_k (the least distance from the first centre), the free variables
     * c_k − o_k must be non-decreasing, which is an isotonic regression solved by pooling adjacent violators.
     */
    private static void place(List<Integer> layer, double[] desired, double[] wts, double[] w, double[] cx, int n,
                              Options o) {
        int size = layer.size();
        if (size == 0) {
            return;
        }
        double[] offset = new double[size];
        for (int k = 1; k < size; k++) {
            int a = layer.get(k - 1);
            int b = layer.get(k);
            offset[k] = offset[k - 1] + w[a] / 2 + Math.max(gap(a, n, o), gap(b, n, o)) + w[b] / 2;
        }
        double[] value = new double[size];
        double[] weight = new double[size];
        int[] count = new int[size];
        int blocks = 0;
        for (int k = 0; k < size; k++) {
            value[blocks] = desired[k] - offset[k];
            weight[blocks] = wts[k];
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double tw = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
                        / tw;
                weight[blocks - 2] = tw;
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < count[b]; c++, k++) {
                cx[layer.get(k)] = value[b] + offset[k];
            }
        }
    }

    // ------------------------------------------------------------------ path geometry

    /** Where paths leave and enter boxes, spread over the box edge in the order of where they go. */
    private static final class Ports {
        final double[] outX;
        final double[] inX;
        final double[] backOutY;
        final double[] backInY;

        Ports(ProcessMapData data, int[][] chain, boolean[] reversed, double[] cx,
              List<ProcessMapGeometry.NodeBox> boxes) {
            List<ProcessMapData.Link> links = data.links();
            int m = links.size();
            outX = new double[m];
            inX = new double[m];
            backOutY = new double[m];
            backInY = new double[m];
            int n = boxes.size();
            List<List<Integer>> outs = new ArrayList<>();
            List<List<Integer>> ins = new ArrayList<>();
            List<List<Integer>> backs = new ArrayList<>(); // per node: back paths touching its right side
            for (int i = 0; i < n; i++) {
                outs.add(new ArrayList<>());
                ins.add(new ArrayList<>());
                backs.add(new ArrayList<>());
            }
            for (int l = 0; l < m; l++) {
                if (chain[l] == null) {
                    continue;
                }
                if (reversed[l]) {
                    backs.get(links.get(l).from()).add(l);
                    backs.get(links.get(l).to()).add(l);
                } else {
                    outs.get(links.get(l).from()).add(l);
                    ins.get(links.get(l).to()).add(l);
                }
            }
            for (int i = 0; i < n; i++) {
                ProcessMapGeometry.NodeBox b = boxes.get(i);
                List<Integer> o = outs.get(i);
                o.sort(Comparator.comparingDouble(l -> cx[chain[l][1]]));
                spread(o, b.centerX(), b.w() * 0.6, outX);
                List<Integer> in = ins.get(i);
                in.sort(Comparator.comparingDouble(l -> cx[chain[l][chain[l].length - 2]]));
                spread(in, b.centerX(), b.w() * 0.6, inX);
                List<Integer> bk = backs.get(i);
                bk.sort(Comparator.comparingInt(l -> l));
                for (int k = 0; k < bk.size(); k++) {
                    int l = bk.get(k);
                    double y = b.y() + b.h() * (k + 1) / (bk.size() + 1);
                    if (links.get(l).from() == i) {
                        backOutY[l] = y;
                    }
                    if (links.get(l).to() == i) {
                        backInY[l] = y;
                    }
                }
            }
        }

        private static void spread(List<Integer> ls, double centre, double span, double[] out) {
            int k = ls.size();
            double step = k <= 1 ? 0 : Math.min(10, span / (k - 1));
            for (int i = 0; i < k; i++) {
                out[ls.get(i)] = centre + (i - (k - 1) / 2.0) * step;
            }
        }
    }

    /** Down the layers: from the bottom of the source through the chain's points to the top of the target. */
    private static double[] forwardPath(int l, int[] chain, Ports ports, List<ProcessMapGeometry.NodeBox> boxes,
                                        double[] cx, List<Integer> vLayer, double[] layerTop, Options o) {
        int k = chain.length;
        double[] xs = new double[k];
        double[] ys = new double[k];
        ProcessMapGeometry.NodeBox src = boxes.get(chain[0]);
        ProcessMapGeometry.NodeBox dst = boxes.get(chain[k - 1]);
        xs[0] = ports.outX[l];
        ys[0] = src.y() + src.h();
        for (int i = 1; i < k - 1; i++) {
            xs[i] = cx[chain[i]];
            ys[i] = layerTop[vLayer.get(chain[i])] + o.nodeHeight() / 2;
        }
        xs[k - 1] = ports.inX[l];
        ys[k - 1] = dst.y();
        return smooth(xs, ys);
    }

    /**
     * Up the layers, against the flow: out of the right side of the later activity, up through the chain's points
     * (shifted right of them) and into the right side of the earlier one, bulging outwards so it reads as a loop.
     */
    private static double[] backPath(int l, int[] chain, Ports ports, List<ProcessMapGeometry.NodeBox> boxes,
                                     double[] cx, List<Integer> vLayer, double[] layerTop, Options o) {
        int k = chain.length; // chain runs from the earlier activity (top) to the later one (bottom)
        ProcessMapGeometry.NodeBox top = boxes.get(chain[0]);
        ProcessMapGeometry.NodeBox bottom = boxes.get(chain[k - 1]);
        double x0 = bottom.x() + bottom.w();
        double y0 = ports.backOutY[l];
        double x1 = top.x() + top.w();
        double y1 = ports.backInY[l];
        if (k == 2) {
            // out to the right beside the lower box, up through the free band between the two layers, and in beside
            // the upper box: close to each box, so it stays clear of the boxes next to them
            double ym = bottom.y() - o.layerGap() / 2;
            double xm = Math.max(x0, x1) + BACK_REACH * 0.6;
            return new double[]{x0, y0, x0 + BACK_REACH, y0, xm, ym + o.layerGap() / 4, xm, ym,
                    xm, ym - o.layerGap() / 4, x1 + BACK_REACH, y1, x1, y1};
        }
        // through the inner points from bottom to top
        int inner = k - 2;
        double[] out = new double[2 + 6 * (inner + 1)];
        out[0] = x0;
        out[1] = y0;
        double px = x0;
        double py = y0;
        int w = 2;
        for (int i = k - 2; i >= 1; i--) {
            double qx = cx[chain[i]] + 6;
            double qy = layerTop[vLayer.get(chain[i])] + o.nodeHeight() / 2;
            if (i == k - 2) {
                out[w++] = px + BACK_REACH;
                out[w++] = py;
            } else {
                out[w++] = px;
                out[w++] = py - (py - qy) / 2;
            }
            out[w++] = qx;
            out[w++] = qy + (py - qy) / 2;
            out[w++] = qx;
            out[w++] = qy;
            px = qx;
            py = qy;
        }
        out[w++] = px;
        out[w++] = py - (py - y1) / 2;
        out[w++] = x1 + BACK_REACH;
        out[w++] = y1;
        out[w++] = x1;
        out[w] = y1;
        return out;
    }

    /** Cubic segments through the points with vertical tangents at every point (smooth at the bends). */
    private static double[] smooth(double[] xs, double[] ys) {
        int k = xs.length;
        double[] out = new double[2 + 6 * (k - 1)];
        out[0] = xs[0];
        out[1] = ys[0];
        for (int i = 1; i < k; i++) {
            double dy = (ys[i] - ys[i - 1]) / 2;
            int o = 2 + 6 * (i - 1);
            out[o] = xs[i - 1];
            out[o + 1] = ys[i - 1] + dy;
            out[o + 2] = xs[i];
            out[o + 3] = ys[i] - dy;
            out[o + 4] = xs[i];
            out[o + 5] = ys[i];
        }
        return out;
    }

    /** The two base corners of an arrowhead of length {@code size} whose tip is the path's end. */
    private static double[] arrow(double[] pts, double size) {
        int e = pts.length - 2;
        double tx = pts[e];
        double ty = pts[e + 1];
        double dx = tx - pts[e - 2];
        double dy = ty - pts[e - 1];
        double len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            dx = 0;
            dy = 1;
            len = 1;
        }
        dx /= len;
        dy /= len;
        double bx = tx - dx * size;
        double by = ty - dy * size;
        double half = size * 0.45;
        return new double[]{bx - dy * half, by + dx * half, bx + dy * half, by - dx * half};
    }

    /** The point at {@code u} (0..1) along a chain of cubic segments, each segment an equal share of u. */
    static double[] pointAt(double[] pts, double u) {
        int segments = (pts.length - 2) / 6;
        double pos = Math.max(0, Math.min(1, u)) * segments;
        int s = Math.min(segments - 1, (int) pos);
        double t = pos - s;
        int o = 2 + 6 * s;
        double x0 = s == 0 ? pts[0] : pts[o - 2];
        double y0 = s == 0 ? pts[1] : pts[o - 1];
        double v = 1 - t;
        return new double[]{
                v * v * v * x0 + 3 * v * v * t * pts[o] + 3 * v * t * t * pts[o + 2] + t * t * t * pts[o + 4],
                v * v * v * y0 + 3 * v * v * t * pts[o + 1] + 3 * v * t * t * pts[o + 3] + t * t * t * pts[o + 5]};
    }
}
