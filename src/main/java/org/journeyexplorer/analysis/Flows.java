package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes Sankey flows ({@link FlowQuery} → {@link FlowResult}) over a {@link Selection}, exactly. One walk over
 * the units labels each unit's events, finds its anchor and writes its journey's events compactly (a cell and the time
 * since the previous event, at most {@code steps + 1} per journey) while counting what the nodes need per column and
 * label; after the nodes are chosen, one pass over those cells sorts the links' times by link for their medians. No
 * array is as long as the frame or the journeys. The passes are split over the cores in parts whose counters are
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
        return count(selection, query).finish();
    }

    /** The walk and the counts of a flow, its links' medians still to take ({@link Summary#finish}). */
    private static Summary count(Selection selection, FlowQuery query) {
        Labels labels = query.labeling().resolve(selection.frame());
        List<Rows> rows = walk(selection, query, labels, part -> new Rows(selection.frame().time, query, labels));
        return summarize(query, labels, rows);
    }

    /**
     * The counts of the flow for {@code query} over the included events of {@code selection} at once, and its links'
     * medians when asked for (issue 16: at 5 M events the medians were about 30 % of a filtered flow's CPU, and only
     * tooltips and the CSV show them). The walk's rows are kept until {@link Counted#complete} takes the medians from
     * them or {@link Counted#discard} gives them back. A flow remembered with the frame (or being computed for it)
     * comes complete.
     */
    public static Counted countsFirst(Selection selection, FlowQuery query) {
        List<Object> key = List.of(Flows.class, query);
        if (selection.remembers(key)) {
            return new Counted(selection, query, null, compute(selection, query));
        }
        return new Counted(selection, query, count(selection, query), null);
    }

    /**
     * A flow's counts ({@link #counts()}) and, on {@link #complete()}, the same flow with its links' medians. Safe to
     * hand from thread to thread; {@link #complete()} may be called from any thread, and more than once.
     */
    public static final class Counted {
        private final Selection selection;
        private final FlowQuery query;
        private final FlowResult counts;
        /** The walk's rows and counters while the medians are still to take; null once taken or discarded. */
        private final java.util.concurrent.atomic.AtomicReference<Summary> pending;
        private FlowResult complete;

        private Counted(Selection selection, FlowQuery query, Summary pending, FlowResult complete) {
            this.selection = selection;
            this.query = query;
            this.pending = new java.util.concurrent.atomic.AtomicReference<>(pending);
            this.complete = complete;
            this.counts = complete != null ? complete : pending.counts;
        }

        /** The flow's counts: every count final; its links' medians are -1 when {@link FlowResult#mediansPending()}. */
        public FlowResult counts() {
            return counts;
        }

        /**
         * The complete flow, equal to {@link Flows#compute}'s: the medians taken from the kept rows (after a
         * {@link #discard()}, computed again from the selection). Over every event of a frame it is remembered there.
         */
        public synchronized FlowResult complete() {
            if (complete == null) {
                Summary s = pending.getAndSet(null);
                complete = selection.remembered(List.of(Flows.class, query),
                        () -> s != null ? s.finish() : computeNow(selection, query));
                if (s != null) {
                    s.release(); // when the frame had it already (else finish gave the rows back)
                }
            }
            return complete;
        }

        /**
         * Gives the kept rows back (a newer flow supersedes this one) unless {@link #complete()} has taken them; a
         * later {@link #complete()} computes the flow anew. Does not wait for a {@link #complete()} under way.
         */
        public void discard() {
            Summary s = pending.getAndSet(null);
            if (s != null) {
                s.release();
            }
        }
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
        return new FlowResult(r.query(), r.journeys(), 0, nodes, links, r.mediansPending());
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
        int cols = q.fromJourneyStart() ? q.steps() : q.columns();
        int nl = labels.count();
        // from the journey start, the journeys' first event sits in column 1 of the result, column 0 of a row
        int shift = q.fromJourneyStart() ? 1 : 0;
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
        final class Found implements RowSink {
            int count;
            int[] sessions = new int[16];
            int ns;

            @Override
            public void row(int[] pos, int[] lab, boolean more) {
                for (int k = 0; k < nodeIds.length; k++) {
                    int c = wantCol[k];
                    if (pos[c] < 0 || !(anyLabel[k] || nodeOf[c * nl + lab[c]] == nodeIds[k])) {
                        return;
                    }
                }
                count++;
                if (wantSessions) {
                    for (int k = 0; k < nodeIds.length; k++) {
                        if (ns == sessions.length) {
                            sessions = Arrays.copyOf(sessions, ns * 2);
                        }
                        sessions[ns++] = f.sessionOf(pos[wantCol[k]]);
                    }
                }
            }
        }
        int count = 0;
        int[] sessions = new int[16];
        int ns = 0;
        for (Found part : walk(selection, q, labels, part -> new Found())) {
            count += part.count;
            if (ns + part.ns > sessions.length) {
                sessions = Arrays.copyOf(sessions, Math.max(ns + part.ns, sessions.length * 2));
            }
            System.arraycopy(part.sessions, 0, sessions, ns, part.ns);
            ns += part.ns;
        }
        return new Through(count, Drilldown.sessions(sessions, ns));
    }

    /** Takes the journeys of one part of the units, in their order. */
    interface RowSink {
        /**
         * One journey: its events' frame positions per column ({@code -1} = no event there; the events fill a run of
         * columns from the anchor's), their labels, and whether it goes on beyond the outermost column. The arrays
         * are the walk's and are overwritten by the next journey.
         */
        void row(int[] pos, int[] lab, boolean more);
    }

    /**
     * Walks every unit once, split over the cores in parts of consecutive units: labels the unit's events (from the
     * frame's types and the selection, into a scratch array as long as the unit, so there is no label array over
     * the frame), finds its anchor and hands its journey, if any, to the part's sink. The sinks come back in the
     * units' order.
     */
    static <S extends RowSink> List<S> walk(Selection selection, FlowQuery q, Labels labels,
                                            java.util.function.IntFunction<S> sinkOfPart) {
        EventFrame f = selection.frame();
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
            return List.of(sinkOfPart.apply(0));
        }
        int parts = Chunks.parts(units);
        List<S> sinks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            sinks.add(sinkOfPart.apply(p));
        }
        boolean collapse = q.collapseRepeats();
        int anchorL = dir == FlowQuery.Direction.BACKWARD ? endL : startL;
        IntChunks type = f.type;
        int[] ofType = labels.ofTypes();
        Chunks.forParts(units, parts, (part, u0, u1) -> {
            S sink = sinks.get(part);
            int[] lab = new int[64];
            int[] types = new int[64];
            int[] pos = new int[cols];
            int[] rowLab = new int[cols];
            for (int u = u0; u < u1; u++) {
                int from = us[u];
                int n = us[u + 1] - from;
                if (!selection.isAll() && selection.firstIncluded(from, from + n) < 0) {
                    // no included event: no journey (a word of the selection at a time, not a label per event; a
                    // date filter leaves most units out of its range, a property filter most of their events)
                    continue;
                }
                if (n > lab.length) {
                    lab = new int[Math.max(n, lab.length * 2)];
                }
                int[] tw = type.window(from, from + n, types);
                int t0 = type.windowStart(from, from + n);
                if (n > 0 && !type.inOneChunk(from, from + n)) {
                    types = tw; // a copy across two chunks: the scratch, perhaps grown (never keep a chunk)
                }
                if (selection.isAll()) {
                    for (int i = 0; i < n; i++) {
                        lab[i] = ofType[tw[t0 + i]];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        lab[i] = selection.includes(from + i) ? ofType[tw[t0 + i]] : -1;
                    }
                }
                int a = fromStart ? Walk.first(lab, 0, n) : Walk.find(lab, 0, n, anchorL);
                if (a < 0 || (dir == FlowQuery.Direction.BETWEEN && !(fromStart && lab[a] == endL)
                        && reach(lab, a, n, endL, collapse) < 0)) {
                    continue;
                }
                Arrays.fill(pos, -1);
                boolean more = switch (dir) {
                    case FORWARD -> forward(lab, a, n, -1, collapse, pos, 0, cols);
                    case BETWEEN -> fromStart && lab[a] == endL ? startsAtEnd(a, pos, 0)
                            : forward(lab, a, n, endL, collapse, pos, 0, cols);
                    case BACKWARD -> backward(lab, a, 0, collapse, pos, 0, cols);
                };
                for (int c = 0; c < cols; c++) {
                    int p = pos[c];
                    if (p >= 0) {
                        rowLab[c] = lab[p];
                        pos[c] = p + from;
                    } else {
                        rowLab[c] = -1;
                    }
                }
                sink.row(pos, rowLab, more);
            }
        });
        return sinks;
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

    /**
     * One part's journeys, compactly: per event its cell ({@code column × labels + label}, complemented for a
     * journey's first event) and the time since the journey's previous event, in blocks of {@value #BLOCK} (no array
     * as long as the frame or the journeys, so nothing humongous for G1), plus the per-label counters of everything a
     * node counts, taken while the rows are written; with few labels also the links per pair of cells.
     */
    static final class Rows implements RowSink {
        static final int BLOCK = 1 << 15;
        /**
         * Most (column, label, label) triples counted in the walk; more are counted per link slot afterwards (tests
         * set it to 0 to run that way on small alphabets).
         */
        static volatile int pairsLimit = 1 << 16;
        private final LongChunks time;
        private final int cols;
        private final int nl;
        private final boolean backward;
        private final boolean smallAlphabet;
        /** Per column and label: events, repeats, journeys that end there and stop / go on beyond the last column. */
        final int[] count;
        final int[] repeats;
        final int[] stop;
        final int[] goOn;
        /** Links per (cell before × labels + label after), or null when there would be over {@link #pairsLimit}. */
        final int[] pairs;
        int journeys;
        final List<int[]> cells = new ArrayList<>();
        /**
         * The gaps as ints (half the memory a flow allocates, and the medians select among ints): a gap an int does
         * not hold is written as {@link #WIDE} and kept, in the order written, in {@link #wide}.
         */
        final List<int[]> gaps = new ArrayList<>();
        static final int WIDE = Integer.MIN_VALUE;
        long[] wide = new long[0];
        int wideCount;
        /** Cells written in each full block (a journey never spans two). */
        private final List<Integer> used = new ArrayList<>();
        private int[] cb;
        private int[] gb;
        private int at = BLOCK;

        Rows(LongChunks time, FlowQuery q, Labels labels) {
            this.time = time;
            this.cols = q.fromJourneyStart() ? q.steps() : q.columns();
            this.nl = labels.count();
            this.backward = q.direction() == FlowQuery.Direction.BACKWARD;
            this.smallAlphabet = nl <= 64;
            count = new int[cols * nl];
            repeats = new int[cols * nl];
            stop = new int[cols * nl];
            goOn = new int[cols * nl];
            pairs = pairsCounted(cols, nl) ? new int[(cols - 1) * nl * nl] : null;
        }

        static boolean pairsCounted(int cols, int nl) {
            return (long) (cols - 1) * nl * nl <= pairsLimit;
        }

        @Override
        public void row(int[] pos, int[] lab, boolean more) {
            int first = 0;
            while (pos[first] < 0) {
                first++;
            }
            int last = first;
            while (last + 1 < cols && pos[last + 1] >= 0) {
                last++;
            }
            if (at + last - first + 1 > BLOCK) {
                if (cb != null) {
                    used.add(at);
                }
                cb = Scratch.ints(BLOCK);
                gb = Scratch.ints(BLOCK);
                cells.add(cb);
                gaps.add(gb);
                at = 0;
            }
            long seen = 0;
            long prevTime = 0;
            int prevCell = 0;
            for (int c = first; c <= last; c++) {
                int l = lab[c];
                long t = time.get(pos[c]);
                int k = c * nl + l;
                if (c == first) {
                    cb[at] = ~k;
                    gb[at++] = 0;
                } else {
                    cb[at] = k;
                    long g = t - prevTime;
                    if (g != (int) g || g == WIDE) {
                        if (wideCount == wide.length) {
                            wide = Arrays.copyOf(wide, Math.max(16, wideCount * 2));
                        }
                        wide[wideCount++] = g;
                        gb[at++] = WIDE;
                    } else {
                        gb[at++] = (int) g;
                    }
                    if (pairs != null) {
                        pairs[prevCell * nl + l]++;
                    }
                }
                prevTime = t;
                prevCell = k;
                count[k]++;
                if (smallAlphabet) {
                    if ((seen & (1L << l)) != 0) {
                        repeats[k]++;
                    }
                    seen |= 1L << l;
                } else {
                    for (int c2 = first; c2 < c; c2++) {
                        if (lab[c2] == l) {
                            repeats[k]++;
                            break;
                        }
                    }
                }
            }
            int edge = backward ? first : last;
            boolean outermost = backward ? first == 0 : last == cols - 1;
            (outermost && more ? goOn : stop)[edge * nl + lab[edge]]++;
            journeys++;
        }

        /** Cells written in block {@code b}. */
        int used(int b) {
            return b == cells.size() - 1 ? at : used.get(b);
        }

        /** Gives the blocks back for the next flow ({@link Scratch}); the rows are not read afterwards. */
        void release() {
            cells.forEach(Scratch::give);
            gaps.forEach(Scratch::give);
            cells.clear();
            gaps.clear();
            used.clear();
            cb = null;
            gb = null;
            at = BLOCK;
        }
    }

    private static Summary summarize(FlowQuery q, Labels labels, List<Rows> rows) {
        int cols = q.fromJourneyStart() ? q.steps() : q.columns();
        int nl = labels.count();
        int n = 0;
        int[] cnt = new int[cols * nl];
        int[] rep = new int[cols * nl];
        int[] stop = new int[cols * nl];
        int[] goOn = new int[cols * nl];
        for (Rows r : rows) {
            n += r.journeys;
            add(cnt, r.count);
            add(rep, r.repeats);
            add(stop, r.stop);
            add(goOn, r.goOn);
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
        // a node's counts are the sums of its labels'
        int[] count = new int[nodes];
        int[] dropoff = new int[nodes];
        int[] continuing = new int[nodes];
        int[] repeats = new int[nodes];
        for (int k = 0; k < cols * nl; k++) {
            int nd = nodeOf[k];
            if (nd >= 0) {
                count[nd] += cnt[k];
                dropoff[nd] += stop[k];
                continuing[nd] += goOn[k];
                repeats[nd] += rep[k];
            }
        }
        int[] linkBase = new int[cols];
        for (int c = 0; c + 1 < cols; c++) {
            linkBase[c + 1] = linkBase[c] + (colFirst[c + 1] - colFirst[c]) * (colFirst[c + 2] - colFirst[c + 1]);
        }
        int linkSlots = cols > 1 ? linkBase[cols - 1] : 0;
        // a link's slot is slotBase[from node] + rank[to node] (its place in its column)
        int[] slotBase = new int[nodes];
        int[] rank = new int[nodes];
        for (int c = 0; c < cols; c++) {
            for (int id = colFirst[c]; id < colFirst[c + 1]; id++) {
                rank[id] = id - colFirst[c];
                slotBase[id] = c + 1 < cols ? linkBase[c] + rank[id] * (colFirst[c + 2] - colFirst[c + 1]) : -1;
            }
        }
        int[][] partCount = linkCounts(rows, cols, nl, nodeOf, slotBase, rank, linkSlots);
        int[] linkCount = new int[linkSlots];
        for (int[] pc : partCount) {
            add(linkCount, pc);
        }

        List<FlowResult.Node> nodeList = new ArrayList<>(nodes);
        for (int c = 0; c < cols; c++) {
            for (int id = colFirst[c]; id < colFirst[c + 1]; id++) {
                List<FlowResult.Member> m = nodeMembers.get(id);
                nodeList.add(new FlowResult.Node(id, c, nodeLabel.get(id), m != null, count[id], dropoff[id],
                        continuing[id], repeats[id], m == null ? List.of() : m));
            }
        }
        List<FlowResult.Link> links = new ArrayList<>();
        int[] slotOf = new int[16];
        for (int c = 0; c + 1 < cols; c++) {
            int width = colFirst[c + 2] - colFirst[c + 1];
            for (int a = colFirst[c]; a < colFirst[c + 1]; a++) {
                for (int b = colFirst[c + 1]; b < colFirst[c + 2]; b++) {
                    int slot = linkBase[c] + (a - colFirst[c]) * width + b - colFirst[c + 1];
                    if (linkCount[slot] > 0) {
                        if (links.size() == slotOf.length) {
                            slotOf = Arrays.copyOf(slotOf, slotOf.length * 2);
                        }
                        slotOf[links.size()] = slot;
                        links.add(new FlowResult.Link(a, b, linkCount[slot], -1));
                    }
                }
            }
        }
        boolean backward = q.direction() == FlowQuery.Direction.BACKWARD;
        FlowResult counts = new FlowResult(q, n, backward ? cols - 1 : 0, nodeList, links, !links.isEmpty());
        if (q.fromJourneyStart()) {
            counts = withStartNode(counts);
            // the start node's links come first; they have their median (0) already
            int added = counts.links().size() - links.size();
            int[] shifted = new int[added + links.size()];
            Arrays.fill(shifted, 0, added, -1);
            System.arraycopy(slotOf, 0, shifted, added, links.size());
            slotOf = shifted;
        }
        return new Summary(counts, rows, nodeOf, slotBase, rank, linkSlots, partCount, linkCount,
                Arrays.copyOf(slotOf, counts.links().size()));
    }

    /**
     * A flow counted, its links' medians still to take from the walk's rows: per part and link slot the part's
     * links, and per link of the result its slot (-1 for a link whose median is known, from the journey start).
     */
    private record Summary(FlowResult counts, List<Rows> rows, int[] nodeOf, int[] slotBase, int[] rank, int slots,
                           int[][] partCount, int[] linkCount, int[] slotOfLink) {

        /** The complete flow: the links' medians from the rows, which are given back. */
        FlowResult finish() {
            if (!counts.mediansPending()) {
                release();
                return counts;
            }
            long[] medians = new long[slots];
            linkMedians(rows, nodeOf, slotBase, rank, slots, partCount, linkCount, medians);
            release();
            List<FlowResult.Link> links = new ArrayList<>(counts.links().size());
            for (int i = 0; i < counts.links().size(); i++) {
                FlowResult.Link l = counts.links().get(i);
                links.add(slotOfLink[i] < 0 ? l : new FlowResult.Link(l.from(), l.to(), l.count(), medians[slotOfLink[i]]));
            }
            FlowResult c = counts;
            return new FlowResult(c.query(), c.journeys(), c.anchorColumn(), c.nodes(), links, false);
        }

        void release() {
            rows.forEach(Rows::release);
        }
    }

    private static void add(int[] total, int[] part) {
        for (int i = 0; i < total.length; i++) {
            total[i] += part[i];
        }
    }

    /** The links per part and link slot: from the walk's pairs of cells, or one pass over the part's cells. */
    private static int[][] linkCounts(List<Rows> rows, int cols, int nl, int[] nodeOf, int[] slotBase, int[] rank,
                                      int slots) {
        int parts = rows.size();
        int[][] partCount = new int[parts][slots];
        Chunks.forParts(parts, parts, (part, p0, p1) -> {
            int[] pc = partCount[part];
            Rows r = rows.get(part);
            if (r.pairs != null) {
                int[] pairs = r.pairs;
                for (int before = 0; before < (cols - 1) * nl; before++) {
                    int from = nodeOf[before];
                    for (int l = 0, k = before * nl, after = before - before % nl + nl; l < nl; l++, k++) {
                        if (pairs[k] > 0) {
                            pc[slotBase[from] + rank[nodeOf[after + l]]] += pairs[k];
                        }
                    }
                }
                return;
            }
            for (int b = 0; b < r.cells.size(); b++) {
                int[] cb = r.cells.get(b);
                int from = -1;
                for (int i = 0, end = r.used(b); i < end; i++) {
                    int k = cb[i];
                    if (k < 0) {
                        from = nodeOf[~k];
                    } else {
                        int to = nodeOf[k];
                        pc[slotBase[from] + rank[to]]++;
                        from = to;
                    }
                }
            }
        });
        return partCount;
    }

    /**
     * The median time per link slot: a counting sort of the links' times by slot (each part fills its own stretch of
     * every slot's own array; {@code partCount} is overwritten with where) and a quickselect per slot.
     */
    private static void linkMedians(List<Rows> rows, int[] nodeOf, int[] slotBase, int[] rank, int slots,
                                    int[][] partCount, int[] linkCount, long[] medians) {
        int parts = rows.size();
        boolean anyWide = false;
        for (Rows r : rows) {
            anyWide |= r.wideCount > 0;
        }
        // ints unless some gap needs a long (spans of over 35 minutes in microseconds are rare between steps)
        int[][] narrow = anyWide ? null : new int[slots][];
        long[][] gaps = anyWide ? new long[slots][] : null;
        // the ints in scratch arrays (Scratch) given back at the end: a slot of under a quarter block shares a
        // block with the next slots, from narrowAt[s] on; a larger one has an array of its own
        int[] narrowAt = anyWide ? null : new int[slots];
        List<int[]> taken = new ArrayList<>();
        int[] shared = null;
        int sharedAt = 0;
        for (int s = 0; s < slots; s++) {
            // from here on, a part's count is where its stretch of the slot starts
            int at = 0;
            for (int p = 0; p < parts; p++) {
                int c = partCount[p][s];
                partCount[p][s] = at;
                at += c;
            }
            if (anyWide) {
                gaps[s] = new long[at];
            } else if (at > Rows.BLOCK / 4) {
                narrow[s] = Scratch.ints(at);
                taken.add(narrow[s]);
            } else {
                if (shared == null || sharedAt + at > shared.length) {
                    shared = Scratch.ints(Rows.BLOCK);
                    taken.add(shared);
                    sharedAt = 0;
                }
                narrow[s] = shared;
                narrowAt[s] = sharedAt;
                sharedAt += at;
            }
            if (narrowAt != null) {
                for (int p = 0; p < parts; p++) {
                    partCount[p][s] += narrowAt[s];
                }
            }
        }
        Chunks.forParts(parts, parts, (part, p0, p1) -> {
            int[] fill = partCount[part];
            Rows r = rows.get(part);
            int nextWide = 0;
            for (int b = 0; b < r.cells.size(); b++) {
                int[] cb = r.cells.get(b);
                int[] gb = r.gaps.get(b);
                int from = -1;
                for (int i = 0, end = r.used(b); i < end; i++) {
                    int k = cb[i];
                    if (k < 0) {
                        from = nodeOf[~k];
                    } else {
                        int to = nodeOf[k];
                        int s = slotBase[from] + rank[to];
                        if (narrow != null) {
                            narrow[s][fill[s]++] = gb[i];
                        } else {
                            gaps[s][fill[s]++] = gb[i] == Rows.WIDE ? r.wide[nextWide++] : gb[i];
                        }
                        from = to;
                    }
                }
            }
        });
        java.util.stream.IntStream all = java.util.stream.IntStream.range(0, slots);
        (parts > 1 ? all.parallel() : all).forEach(s -> medians[s] = narrow != null
                ? Percentiles.median(narrow[s], narrowAt[s], narrowAt[s] + linkCount[s])
                : Percentiles.median(gaps[s], 0, gaps[s].length));
        taken.forEach(Scratch::give);
    }
}
