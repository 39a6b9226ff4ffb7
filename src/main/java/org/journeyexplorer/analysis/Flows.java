package org.journeyexplorer.analysis;

import org.journeyexplorer.core.LongChunks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes Sankey flows ({@link FlowQuery} → {@link FlowResult}) over a {@link Selection}, exactly. The anchor
 * search is the only walk over whole units; everything after it works on a compact table of at most
 * {@code steps + 1} event positions per journey. The passes are split over the cores in parts whose counters are
 * merged, so results do not depend on the number of parts.
 *
 * <p>Drill-down does not keep per-node session lists: {@link #sessionsThrough} recomputes the journeys on demand,
 * and must be given the same selection the result was computed over.
 */
public final class Flows {
    private Flows() {
    }

    /**
     * The flow for {@code query} over the included events of {@code selection} (over every event of a frame, the
     * one computed before for the same query while the frame keeps it: {@link Selection#remembered}).
     */
    public static FlowResult compute(Selection selection, FlowQuery query) {
        return selection.remembered(List.of(Flows.class, query), () -> computeNow(selection, query));
    }

    private static FlowResult computeNow(Selection selection, FlowQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        Journeys js = journeys(f, query, labels, lab);
        FlowResult r = summarize(f, query, labels, lab, js);
        return query.fromJourneyStart() ? withStartNode(r) : r;
    }

    /**
     * Puts the journey-start node in front of a flow computed from each journey's first event: the journeys'
     * events move one column right, and the start node links to every node of the first event column with that
     * node's count (no time passes between the start and the first event).
     */
    private static FlowResult withStartNode(FlowResult r) {
        if (r.journeys() == 0) {
            return r; // no journey: no start node either, as an unknown anchor gives no node
        }
        List<FlowResult.Node> nodes = new ArrayList<>(r.nodes().size() + 1);
        nodes.add(new FlowResult.Node(0, 0, FlowQuery.JOURNEY_START, false, r.journeys(), 0, 0, 0, List.of()));
        List<FlowResult.Link> links = new ArrayList<>(r.links().size() + 8);
        for (FlowResult.Node n : r.nodes()) {
            nodes.add(new FlowResult.Node(n.id() + 1, n.column() + 1, n.label(), n.other(), n.count(), n.dropoff(),
                    n.continuing(), n.repeatCount(), n.members()));
            if (n.column() == 0) {
                links.add(new FlowResult.Link(0, n.id() + 1, n.count(), 0));
            }
        }
        for (FlowResult.Link l : r.links()) {
            links.add(new FlowResult.Link(l.from() + 1, l.to() + 1, l.count(), l.medianMicros()));
        }
        return new FlowResult(r.query(), r.journeys(), 0, nodes, links);
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
        return Drilldown.of(d.toString(), through(selection, result, nodeIds, true).sessions, selection.frame());
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
        // from the journey start, the journeys' first event sits in column 1 of the result, column 0 of js
        boolean fromStart = q.fromJourneyStart();
        int shift = fromStart ? 1 : 0;
        int[] nodeOf = new int[cols * nl];
        Arrays.fill(nodeOf, -1);
        for (FlowResult.Node n : result.nodes()) {
            int c = n.column() - shift;
            if (c < 0) {
                continue;
            }
            if (n.other()) {
                for (FlowResult.Member m : n.members()) {
                    nodeOf[c * nl + labels.index(m.label())] = n.id();
                }
            } else {
                nodeOf[c * nl + labels.index(n.label())] = n.id();
            }
        }
        int[] wantCol = new int[nodeIds.length];
        boolean[] anyLabel = new boolean[nodeIds.length];
        for (int k = 0; k < nodeIds.length; k++) {
            int c = result.nodes().get(nodeIds[k]).column() - shift;
            anyLabel[k] = c < 0; // the start node: every journey passes it, at its first event
            wantCol[k] = Math.max(0, c);
        }
        int count = 0;
        int[] sessions = new int[16];
        int ns = 0;
        for (int j = 0; j < js.n; j++) {
            int base = j * cols;
            boolean ok = true;
            for (int k = 0; k < nodeIds.length && ok; k++) {
                int p = js.pos[base + wantCol[k]];
                ok = p >= 0 && (anyLabel[k] || nodeOf[wantCol[k] * nl + lab[p]] == nodeIds[k]);
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
                    sessions[ns++] = f.sessionOf(js.pos[base + wantCol[k]]);
                }
            }
        }
        return new Through(count, Drilldown.sessions(sessions, ns));
    }

    /** Event positions per journey and column (-1 = no event there), plus "goes on beyond the last column". */
    static final class Journeys {
        final int cols;
        final int n;
        final int[] pos;
        final boolean[] more;

        Journeys(int cols, int n) {
            this.cols = cols;
            this.n = n;
            this.pos = new int[n * cols];
            this.more = new boolean[n];
        }
    }

    /**
     * Two passes: find each unit's anchor (the only walk over whole units, split over the cores), then fill the
     * rows of the journeys, whose number is now known, in parallel too.
     */
    static Journeys journeys(EventFrame f, FlowQuery q, Labels labels, int[] lab) {
        // from the journey start, the rows hold the journeys' events only; the start node is added afterwards
        boolean fromStart = q.fromJourneyStart();
        int cols = fromStart ? q.steps() : q.columns();
        int[] us = q.unit().starts(f);
        int units = us.length - 1;
        FlowQuery.Direction dir = q.direction();
        int startL = dir != FlowQuery.Direction.BACKWARD && !fromStart ? labels.index(q.start()) : -1;
        int endL = dir != FlowQuery.Direction.FORWARD ? labels.index(q.end()) : -1;
        if ((dir != FlowQuery.Direction.BACKWARD && startL < 0 && !fromStart)
                || (dir != FlowQuery.Direction.FORWARD && endL < 0)) {
            return new Journeys(cols, 0);
        }
        boolean collapse = q.collapseRepeats();
        int[] anchor = new int[units];
        Chunks.forRange(units, (u0, u1) -> {
            for (int u = u0; u < u1; u++) {
                int from = us[u];
                int to = us[u + 1];
                int a = fromStart ? Walk.first(lab, from, to)
                        : Walk.find(lab, from, to, dir == FlowQuery.Direction.BACKWARD ? endL : startL);
                if (a >= 0 && dir == FlowQuery.Direction.BETWEEN && !(fromStart && lab[a] == endL)
                        && reach(lab, a, to, endL, collapse) < 0) {
                    a = -1;
                }
                anchor[u] = a;
            }
        });
        int n = 0;
        for (int u = 0; u < units; u++) {
            if (anchor[u] >= 0) {
                n++;
            }
        }
        int[] unitOf = new int[n];
        int[] anchorOf = new int[n];
        for (int u = 0, j = 0; u < units; u++) {
            if (anchor[u] >= 0) {
                unitOf[j] = u;
                anchorOf[j++] = anchor[u];
            }
        }
        Journeys js = new Journeys(cols, n);
        int[] pos = js.pos;
        boolean[] more = js.more;
        Chunks.forRange(n, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                int u = unitOf[j];
                int base = j * cols;
                Arrays.fill(pos, base, base + cols, -1);
                int a = anchorOf[j];
                more[j] = switch (dir) {
                    case FORWARD -> forward(lab, a, us[u + 1], -1, collapse, pos, base, cols);
                    case BETWEEN -> fromStart && lab[a] == endL ? startsAtEnd(a, pos, base)
                            : forward(lab, a, us[u + 1], endL, collapse, pos, base, cols);
                    case BACKWARD -> backward(lab, a, us[u], collapse, pos, base, cols);
                };
            }
        });
        return js;
    }

    /**
     * Fills a row from anchor {@code a} forward; stops after an {@code endL} event when {@code endL ≥ 0}. Returns
     * whether the journey goes on beyond the last column.
     */
    private static boolean forward(int[] lab, int a, int to, int endL, boolean collapse, int[] pos, int base,
                                   int cols) {
        pos[base] = a;
        int c = 1;
        for (int i = Walk.next(lab, a, to, collapse); i >= 0; i = Walk.next(lab, i, to, collapse)) {
            if (c == cols) {
                return true;
            }
            pos[base + c++] = i;
            if (lab[i] == endL) {
                return false;
            }
        }
        return false;
    }

    /** The first {@code endL} step of a between-journey from {@code a}, walking exactly as {@link #forward} does. */
    private static int reach(int[] lab, int a, int to, int endL, boolean collapse) {
        int i = Walk.next(lab, a, to, collapse);
        while (i >= 0 && lab[i] != endL) {
            i = Walk.next(lab, i, to, collapse);
        }
        return i;
    }

    /** Fills a row backward from anchor {@code a}, right to left; returns whether earlier events exist. */
    private static boolean backward(int[] lab, int a, int from, boolean collapse, int[] pos, int base, int cols) {
        pos[base + cols - 1] = a;
        int c = cols - 2;
        for (int i = Walk.previous(lab, a, from, collapse); i >= 0; i = Walk.previous(lab, i, from, collapse)) {
            if (c < 0) {
                return true;
            }
            pos[base + c--] = i;
        }
        return false;
    }

    /** A journey from the start whose first event is already the end event: that event alone. */
    private static boolean startsAtEnd(int a, int[] pos, int base) {
        pos[base] = a;
        return false;
    }

    private static FlowResult summarize(EventFrame f, FlowQuery q, Labels labels, int[] lab, Journeys js) {
        int cols = js.cols;
        int nl = labels.count();
        int[] pos = js.pos;
        int parts = Chunks.parts(js.n);
        int[][] partCnt = new int[parts][cols * nl];
        Chunks.forParts(js.n, parts, (part, j0, j1) -> {
            int[] cn = partCnt[part];
            for (int j = j0; j < j1; j++) {
                for (int c = 0, k = j * cols; c < cols; c++, k++) {
                    int p = pos[k];
                    if (p >= 0) {
                        cn[c * nl + lab[p]]++;
                    }
                }
            }
        });
        int[] cnt = sum(partCnt);
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
        boolean backward = q.direction() == FlowQuery.Direction.BACKWARD;
        boolean smallAlphabet = nl <= 64;
        // per part: count, dropoff, continuing, repeats per node, then link counts per slot
        int stride = 4 * nodes + linkSlots;
        // per-part counters are merged afterwards; keep their total memory bounded when there are many nodes
        int statParts = (int) Math.max(1, Math.min(parts, (8L << 20) / Math.max(1, stride)));
        int[][] partStats = new int[statParts][stride];
        int[] slotOf = new int[js.n * cols]; // link slot entering each cell, -1 where none
        Chunks.forParts(js.n, statParts, (part, j0, j1) -> {
            int[] st = partStats[part];
            int[] node = new int[cols];
            for (int j = j0; j < j1; j++) {
                int base = j * cols;
                int firstCol = -1;
                int lastCol = -1;
                long seen = 0;
                for (int c = 0; c < cols; c++) {
                    int p = pos[base + c];
                    slotOf[base + c] = -1;
                    if (p < 0) {
                        continue;
                    }
                    int l = lab[p];
                    int nd = nodeOf[c * nl + l];
                    node[c] = nd;
                    st[nd]++;
                    if (firstCol < 0) {
                        firstCol = c;
                    } else {
                        int from = node[c - 1];
                        int slot = linkBase[c - 1] + (from - colFirst[c - 1]) * (colFirst[c + 1] - colFirst[c])
                                + nd - colFirst[c];
                        st[4 * nodes + slot]++;
                        slotOf[base + c] = slot;
                    }
                    lastCol = c;
                    if (smallAlphabet) {
                        if ((seen & (1L << l)) != 0) {
                            st[3 * nodes + nd]++;
                        }
                        seen |= 1L << l;
                    } else {
                        for (int c2 = firstCol; c2 < c; c2++) {
                            if (lab[pos[base + c2]] == l) {
                                st[3 * nodes + nd]++;
                                break;
                            }
                        }
                    }
                }
                int edge = backward ? firstCol : lastCol;
                boolean outermost = backward ? firstCol == 0 : lastCol == cols - 1;
                st[(outermost && js.more[j] ? 2 : 1) * nodes + node[edge]]++;
            }
        });
        int[] stats = sum(partStats);
        int[] count = Arrays.copyOfRange(stats, 0, nodes);
        int[] dropoff = Arrays.copyOfRange(stats, nodes, 2 * nodes);
        int[] continuing = Arrays.copyOfRange(stats, 2 * nodes, 3 * nodes);
        int[] repeats = Arrays.copyOfRange(stats, 3 * nodes, 4 * nodes);
        int[] linkCount = Arrays.copyOfRange(stats, 4 * nodes, stride);
        long[] medians = linkMedians(f, js, slotOf, statParts, partStats, 4 * nodes, linkCount);

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

    private static int[] sum(int[][] parts) {
        int[] total = parts[0].clone();
        for (int p = 1; p < parts.length; p++) {
            int[] a = parts[p];
            for (int i = 0; i < total.length; i++) {
                total[i] += a[i];
            }
        }
        return total;
    }

    /**
     * Median time per link slot: a counting sort of every link's durations by slot (each part fills its own
     * stretch of every slot, from the per-part link counts), then a quickselect per slot.
     */
    private static long[] linkMedians(EventFrame f, Journeys js, int[] slotOf, int parts, int[][] partStats,
                                      int linkOffsetInStats, int[] linkCount) {
        int slots = linkCount.length;
        int[] offset = new int[slots + 1];
        for (int s = 0; s < slots; s++) {
            offset[s + 1] = offset[s] + linkCount[s];
        }
        int[][] cursor = new int[parts][slots];
        for (int s = 0; s < slots; s++) {
            int at = offset[s];
            for (int p = 0; p < parts; p++) {
                cursor[p][s] = at;
                at += partStats[p][linkOffsetInStats + s];
            }
        }
        long[] durations = new long[offset[slots]];
        LongChunks time = f.time;
        int[] pos = js.pos;
        int cols = js.cols;
        Chunks.forParts(js.n, parts, (part, j0, j1) -> {
            int[] fill = cursor[part];
            for (int k = j0 * cols, end = j1 * cols; k < end; k++) {
                int slot = slotOf[k];
                if (slot >= 0) {
                    durations[fill[slot]++] = time.get(pos[k]) - time.get(pos[k - 1]);
                }
            }
        });
        long[] medians = new long[slots];
        java.util.stream.IntStream all = java.util.stream.IntStream.range(0, slots);
        (parts > 1 ? all.parallel() : all).forEach(s -> medians[s] = Percentiles.median(durations, offset[s], offset[s + 1]));
        return medians;
    }
}
