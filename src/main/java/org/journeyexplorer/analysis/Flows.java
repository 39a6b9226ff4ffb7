package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes Sankey flows ({@link FlowQuery} → {@link FlowResult}) over a {@link Selection}. Exact and single-pass
 * over the events: the anchor search is the only walk over whole units; everything after it works on a compact
 * table of at most {@code steps + 1} event positions per journey.
 *
 * <p>Drill-down does not keep per-node session lists: {@link #sessionsThrough} recomputes the journeys on demand.
 */
public final class Flows {
    private Flows() {
    }

    /** The flow for {@code query} over the included events of {@code selection}. */
    public static FlowResult compute(Selection selection, FlowQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        Journeys js = journeys(f, query, labels, lab);
        return summarize(f, query, labels, lab, js);
    }

    /**
     * The sessions of the journeys that pass through every given node (one node per column, e.g. a path or the two
     * ends of a link). With {@link CountUnit#PERSONS} these are the sessions holding the events at those nodes.
     */
    public static Drilldown sessionsThrough(Selection selection, FlowResult result, int... nodeIds) {
        StringBuilder d = new StringBuilder(result.query().unit() == CountUnit.PERSONS ? "Persons through " : "Sessions through ");
        for (int i = 0; i < nodeIds.length; i++) {
            FlowResult.Node n = result.nodes().get(nodeIds[i]);
            d.append(i == 0 ? "" : " → ").append(n.label()).append(" (step ").append(n.column() - result.anchorColumn()).append(')');
        }
        return new Drilldown(d.toString(), through(selection, result, nodeIds, true).sessions);
    }

    /** Number of journeys that pass through every given node (at most one node per column). */
    public static int journeysThrough(Selection selection, FlowResult result, int... nodeIds) {
        return through(selection, result, nodeIds, false).journeys;
    }

    private record Through(int journeys, int[] sessions) {
    }

    private static Through through(Selection selection, FlowResult result, int[] nodeIds, boolean wantSessions) {
        EventFrame f = selection.frame();
        FlowQuery q = result.query();
        Labels labels = q.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        Journeys js = journeys(f, q, labels, lab);
        int cols = js.cols;
        int nl = labels.count();
        int[] nodeOf = new int[cols * nl];
        Arrays.fill(nodeOf, -1);
        for (FlowResult.Node n : result.nodes()) {
            if (n.other()) {
                for (FlowResult.Member m : n.members()) {
                    nodeOf[n.column() * nl + labels.index(m.label())] = n.id();
                }
            } else {
                nodeOf[n.column() * nl + labels.index(n.label())] = n.id();
            }
        }
        int[] wantCol = new int[nodeIds.length];
        for (int k = 0; k < nodeIds.length; k++) {
            wantCol[k] = result.nodes().get(nodeIds[k]).column();
        }
        int count = 0;
        int[] sessions = new int[16];
        int ns = 0;
        for (int j = 0; j < js.n; j++) {
            int base = j * cols;
            boolean ok = true;
            for (int k = 0; k < nodeIds.length && ok; k++) {
                int p = js.pos[base + wantCol[k]];
                ok = p >= 0 && nodeOf[wantCol[k] * nl + lab[p]] == nodeIds[k];
            }
            if (!ok) {
                continue;
            }
            count++;
            if (wantSessions) {
                for (int k = 0; k < nodeIds.length; k++) {
                    if (ns == sessions.length) {
                        sessions = Arrays.copyOf(sessions, ns * 2);
                    }
                    sessions[ns++] = f.session[js.pos[base + wantCol[k]]];
                }
            }
        }
        int[] s = Arrays.copyOf(sessions, ns);
        Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[u++] = s[i];
            }
        }
        return new Through(count, Arrays.copyOf(s, u));
    }

    /** Event positions per journey and column (-1 = no event there), plus "goes on beyond the last column". */
    static final class Journeys {
        final int cols;
        int n;
        int[] pos;
        boolean[] more;

        Journeys(int cols, int capacity) {
            this.cols = cols;
            this.pos = new int[Math.max(1, capacity) * cols];
            this.more = new boolean[Math.max(1, capacity)];
        }

        void add(int[] row, boolean goesOn) {
            if (n == more.length) {
                more = Arrays.copyOf(more, n * 2);
                pos = Arrays.copyOf(pos, n * 2 * cols);
            }
            System.arraycopy(row, 0, pos, n * cols, cols);
            more[n++] = goesOn;
        }
    }

    static Journeys journeys(EventFrame f, FlowQuery q, Labels labels, int[] lab) {
        int cols = q.columns();
        int[] us = q.unit().starts(f);
        int units = us.length - 1;
        Journeys js = new Journeys(cols, Math.min(units, 4096));
        FlowQuery.Direction dir = q.direction();
        int startL = dir != FlowQuery.Direction.BACKWARD ? labels.index(q.start()) : -1;
        int endL = dir != FlowQuery.Direction.FORWARD ? labels.index(q.end()) : -1;
        if ((dir != FlowQuery.Direction.BACKWARD && startL < 0) || (dir != FlowQuery.Direction.FORWARD && endL < 0)) {
            return js;
        }
        boolean collapse = q.collapseRepeats();
        int[] row = new int[cols];
        for (int u = 0; u < units; u++) {
            int from = us[u];
            int to = us[u + 1];
            switch (dir) {
                case FORWARD -> {
                    int a = first(lab, from, to, startL);
                    if (a < 0) {
                        continue;
                    }
                    Arrays.fill(row, -1);
                    row[0] = a;
                    int prev = startL;
                    int c = 1;
                    int i = a + 1;
                    for (; i < to && c < cols; i++) {
                        int l = lab[i];
                        if (l < 0 || (collapse && l == prev)) {
                            continue;
                        }
                        row[c++] = i;
                        prev = l;
                    }
                    boolean goesOn = false;
                    if (c == cols) {
                        for (; i < to; i++) {
                            int l = lab[i];
                            if (l >= 0 && !(collapse && l == prev)) {
                                goesOn = true;
                                break;
                            }
                        }
                    }
                    js.add(row, goesOn);
                }
                case BETWEEN -> {
                    int a = first(lab, from, to, startL);
                    if (a < 0) {
                        continue;
                    }
                    Arrays.fill(row, -1);
                    row[0] = a;
                    int prev = startL;
                    int c = 1;
                    boolean reached = false;
                    for (int i = a + 1; i < to; i++) {
                        int l = lab[i];
                        if (l < 0 || (collapse && l == prev)) {
                            continue;
                        }
                        if (c < cols) {
                            row[c] = i;
                        }
                        c++;
                        prev = l;
                        if (l == endL) {
                            reached = true;
                            break;
                        }
                    }
                    if (reached) {
                        js.add(row, c > cols);
                    }
                }
                case BACKWARD -> {
                    int a = first(lab, from, to, endL);
                    if (a < 0) {
                        continue;
                    }
                    Arrays.fill(row, -1);
                    row[cols - 1] = a;
                    int c = cols - 2;
                    int i = a - 1;
                    while (i >= from && c >= 0) {
                        int l = lab[i];
                        if (l < 0) {
                            i--;
                            continue;
                        }
                        int firstOfRun = i;
                        i--;
                        if (collapse) {
                            // a run is represented by its first event, as in the forward direction
                            while (i >= from && (lab[i] < 0 || lab[i] == l)) {
                                if (lab[i] == l) {
                                    firstOfRun = i;
                                }
                                i--;
                            }
                        }
                        row[c--] = firstOfRun;
                    }
                    boolean goesOn = false;
                    if (c < 0) {
                        for (; i >= from; i--) {
                            if (lab[i] >= 0) {
                                goesOn = true;
                                break;
                            }
                        }
                    }
                    js.add(row, goesOn);
                }
            }
        }
        return js;
    }

    private static int first(int[] lab, int from, int to, int label) {
        for (int i = from; i < to; i++) {
            if (lab[i] == label) {
                return i;
            }
        }
        return -1;
    }

    private static FlowResult summarize(EventFrame f, FlowQuery q, Labels labels, int[] lab, Journeys js) {
        int cols = js.cols;
        int nl = labels.count();
        int[] pos = js.pos;
        int[] cnt = new int[cols * nl];
        for (int k = 0, end = js.n * cols; k < end; k++) {
            int p = pos[k];
            if (p >= 0) {
                cnt[(k % cols) * nl + lab[p]]++;
            }
        }
        // Nodes: top K labels per column by journeys (ties by name), the rest grouped into "Other".
        int[] nodeOf = new int[cols * nl];
        Arrays.fill(nodeOf, -1);
        int[] colFirst = new int[cols + 1];
        List<String> nodeLabel = new ArrayList<>();
        List<List<FlowResult.Member>> nodeMembers = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            colFirst[c] = nodeLabel.size();
            final int base = c * nl;
            List<Integer> present = new ArrayList<>();
            for (int l = 0; l < nl; l++) {
                if (cnt[base + l] > 0) {
                    present.add(l);
                }
            }
            present.sort(Comparator.<Integer>comparingInt(l -> -cnt[base + l]).thenComparing(labels::name));
            int shown = Math.min(q.topK(), present.size());
            for (int r = 0; r < shown; r++) {
                nodeOf[base + present.get(r)] = nodeLabel.size();
                nodeLabel.add(labels.name(present.get(r)));
                nodeMembers.add(null);
            }
            if (present.size() > shown) {
                int other = nodeLabel.size();
                List<FlowResult.Member> members = new ArrayList<>();
                for (int r = shown; r < present.size(); r++) {
                    nodeOf[base + present.get(r)] = other;
                    members.add(new FlowResult.Member(labels.name(present.get(r)), cnt[base + present.get(r)]));
                }
                nodeLabel.add(FlowResult.OTHER);
                nodeMembers.add(members);
            }
        }
        colFirst[cols] = nodeLabel.size();
        int nodes = nodeLabel.size();
        int[] linkBase = new int[cols];
        for (int c = 0; c + 1 < cols; c++) {
            linkBase[c + 1] = linkBase[c] + (colFirst[c + 1] - colFirst[c]) * (colFirst[c + 2] - colFirst[c + 1]);
        }
        int linkSlots = cols > 1 ? linkBase[cols - 1] : 0;
        int[] count = new int[nodes];
        int[] dropoff = new int[nodes];
        int[] continuing = new int[nodes];
        int[] repeats = new int[nodes];
        int[] linkCount = new int[linkSlots];
        boolean backward = q.direction() == FlowQuery.Direction.BACKWARD;
        int[] node = new int[cols];
        for (int j = 0; j < js.n; j++) {
            int base = j * cols;
            int firstCol = -1;
            int lastCol = -1;
            for (int c = 0; c < cols; c++) {
                int p = pos[base + c];
                if (p < 0) {
                    node[c] = -1;
                    continue;
                }
                int l = lab[p];
                int nd = nodeOf[c * nl + l];
                node[c] = nd;
                count[nd]++;
                if (firstCol < 0) {
                    firstCol = c;
                }
                lastCol = c;
                for (int c2 = firstCol; c2 < c; c2++) {
                    if (lab[pos[base + c2]] == l) {
                        repeats[nd]++;
                        break;
                    }
                }
                if (c > firstCol) {
                    int from = node[c - 1];
                    linkCount[linkBase[c - 1] + (from - colFirst[c - 1]) * (colFirst[c + 1] - colFirst[c]) + nd - colFirst[c]]++;
                }
            }
            int edge = backward ? firstCol : lastCol;
            boolean outermost = backward ? firstCol == 0 : lastCol == cols - 1;
            if (outermost && js.more[j]) {
                continuing[node[edge]]++;
            } else {
                dropoff[node[edge]]++;
            }
        }
        long[] medians = linkMedians(f, js, lab, nodeOf, nl, colFirst, linkBase, linkCount);

        List<FlowResult.Node> nodeList = new ArrayList<>(nodes);
        for (int c = 0; c < cols; c++) {
            for (int id = colFirst[c]; id < colFirst[c + 1]; id++) {
                List<FlowResult.Member> m = nodeMembers.get(id);
                nodeList.add(new FlowResult.Node(id, c, nodeLabel.get(id), m != null, count[id], dropoff[id],
                        continuing[id], repeats[id], m == null ? List.of() : m));
            }
        }
        List<FlowResult.Link> links = new ArrayList<>();
        for (int c = 0; c + 1 < cols; c++) {
            int width = colFirst[c + 2] - colFirst[c + 1];
            for (int a = colFirst[c]; a < colFirst[c + 1]; a++) {
                for (int b = colFirst[c + 1]; b < colFirst[c + 2]; b++) {
                    int slot = linkBase[c] + (a - colFirst[c]) * width + b - colFirst[c + 1];
                    if (linkCount[slot] > 0) {
                        links.add(new FlowResult.Link(a, b, linkCount[slot], medians[slot]));
                    }
                }
            }
        }
        return new FlowResult(q, js.n, backward ? cols - 1 : 0, nodeList, links);
    }

    /** Median time per link slot: gather every link's durations into one array by slot, then quickselect. */
    private static long[] linkMedians(EventFrame f, Journeys js, int[] lab, int[] nodeOf, int nl, int[] colFirst,
                                      int[] linkBase, int[] linkCount) {
        int cols = js.cols;
        int[] offset = new int[linkCount.length + 1];
        for (int s = 0; s < linkCount.length; s++) {
            offset[s + 1] = offset[s] + linkCount[s];
        }
        long[] durations = new long[offset[linkCount.length]];
        int[] fill = Arrays.copyOf(offset, linkCount.length);
        long[] time = f.time;
        int[] pos = js.pos;
        for (int j = 0; j < js.n; j++) {
            int base = j * cols;
            for (int c = 1; c < cols; c++) {
                int p0 = pos[base + c - 1];
                int p1 = pos[base + c];
                if (p0 < 0 || p1 < 0) {
                    continue;
                }
                int from = nodeOf[(c - 1) * nl + lab[p0]];
                int to = nodeOf[c * nl + lab[p1]];
                int slot = linkBase[c - 1] + (from - colFirst[c - 1]) * (colFirst[c + 1] - colFirst[c]) + to - colFirst[c];
                durations[fill[slot]++] = time[p1] - time[p0];
            }
        }
        long[] medians = new long[linkCount.length];
        for (int s = 0; s < linkCount.length; s++) {
            medians[s] = Medians.median(durations, offset[s], offset[s + 1]);
        }
        return medians;
    }
}
