package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * A process map as process-mining tools draw it (Fluxicon Disco): the directly-follows graph of the activities
 * (event types) within each case (a person's whole history, or a session), with START and END. The activity
 * slider keeps the most frequent activities, and the others vanish from the cases as if filtered out, so their
 * neighbours follow each other directly; the path slider ({@link #paths}) then keeps the most frequent paths
 * while every activity keeps its strongest way in and out.
 *
 * @param unit              what a case is
 * @param selection         the selection with only the kept activities (what the map and its drill-downs see)
 * @param matrix            directly-follows counts and times over {@code selection}
 * @param activities        the kept activities, most frequent first
 * @param presentActivities activities with at least one event in the selection before the slider
 * @param edges             every path between kept activities, START and END, most frequent first
 */
public record ProcessMap(CountUnit unit, Selection selection, TransitionMatrix matrix, List<Activity> activities,
                         int presentActivities, List<Edge> edges) {

    public ProcessMap {
        activities = List.copyOf(activities);
        edges = List.copyOf(edges);
    }

    /**
     * An activity of the map.
     *
     * @param type      its index in the frame's (and the matrix's) types
     * @param frequency its events in the selection
     */
    public record Activity(int type, String name, long frequency) {
    }

    /**
     * A path: {@code to} directly followed {@code from} {@code count} times. Indices are the matrix's: a type,
     * {@link TransitionMatrix#start()} or {@link TransitionMatrix#end()}.
     *
     * @param medianMicros median time between the two events, -1 when one end is START or END
     */
    public record Edge(int from, int to, long count, long medianMicros) {
        public boolean isLoop() {
            return from == to;
        }
    }

    /**
     * The map of {@code base}, keeping the {@code activityShare} (0..1) most frequent activities: at 1 all of them,
     * at 0 only the most frequent one.
     */
    public static ProcessMap compute(Selection base, CountUnit unit, double activityShare, TaskContext ctx) {
        EventFrame f = base.frame();
        long[] frequency = new long[f.typeCount()];
        for (int i = 0; i < f.size; i++) {
            if (base.includes(i)) {
                frequency[f.type.get(i)]++;
            }
        }
        ctx.checkCancelled();
        Integer[] byFrequency = new Integer[f.typeCount()];
        int present = 0;
        for (int t = 0; t < byFrequency.length; t++) {
            byFrequency[t] = t;
            present += frequency[t] > 0 ? 1 : 0;
        }
        Arrays.sort(byFrequency, Comparator.comparingLong((Integer t) -> -frequency[t])
                .thenComparing(t -> f.typeNames[t]));
        int keep = present == 0 ? 0 : (int) Math.max(1, Math.round(Math.max(0, Math.min(1, activityShare)) * present));
        boolean[] kept = new boolean[f.typeCount()];
        List<Activity> activities = new ArrayList<>(keep);
        for (int r = 0; r < keep; r++) {
            int t = byFrequency[r];
            kept[t] = true;
            activities.add(new Activity(t, f.typeNames[t], frequency[t]));
        }
        Selection selection = keep == present ? base : without(base, kept);
        TransitionMatrix m = Transitions.compute(selection, unit, ctx);
        List<Edge> edges = new ArrayList<>();
        for (int from = 0; from < m.size(); from++) {
            for (int to : m.successors(from)) {
                edges.add(new Edge(from, to, m.count(from, to), m.medianMicros(from, to)));
            }
        }
        edges.sort(Comparator.comparingLong((Edge e) -> -e.count()).thenComparingInt(Edge::from)
                .thenComparingInt(Edge::to));
        return new ProcessMap(unit, selection, m, activities, present, edges);
    }

    private static Selection without(Selection base, boolean[] kept) {
        EventFrame f = base.frame();
        BitSet bits = new BitSet(f.size);
        for (int i = 0; i < f.size; i++) {
            if (kept[f.type.get(i)] && base.includes(i)) {
                bits.set(i);
            }
        }
        return Selection.of(f, bits);
    }

    /**
     * The paths to draw at a path slider position {@code share} (0..1): the {@code share} most frequent paths, and
     * for every activity its most frequent incoming and outgoing path, so no activity is left unconnected. At 1
     * every path; the result keeps the order of {@link #edges}.
     */
    public List<Edge> paths(double share) {
        int n = edges.size();
        int top = (int) Math.round(Math.max(0, Math.min(1, share)) * n);
        boolean[] keep = new boolean[n];
        for (int i = 0; i < top; i++) {
            keep[i] = true;
        }
        int size = matrix.size();
        boolean[] hasIn = new boolean[size];
        boolean[] hasOut = new boolean[size];
        // edges are most frequent first: the first non-loop edge met at a node is its strongest
        for (int i = 0; i < n; i++) {
            Edge e = edges.get(i);
            if (e.isLoop()) {
                continue;
            }
            if (!hasOut[e.from()]) {
                hasOut[e.from()] = true;
                keep[i] = true;
            }
            if (!hasIn[e.to()]) {
                hasIn[e.to()] = true;
                keep[i] = true;
            }
        }
        List<Edge> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(edges.get(i));
            }
        }
        return out;
    }

    /** Units (cases) with at least one event in the map. */
    public long cases() {
        return matrix.rowTotal(matrix.start());
    }

    /** The journeys (sessions) behind a path, for the Journeys tab. */
    public Drilldown drill(Edge e) {
        return Transitions.sessionsWith(selection, unit, matrix, e.from(), e.to());
    }

    /** The sessions with an event of {@code activity} (with persons: every session of theirs that has one). */
    public Drilldown drill(Activity a) {
        EventFrame f = selection.frame();
        BitSet sessions = new BitSet(f.sessionCount());
        for (int s = 0; s < f.sessionCount(); s++) {
            for (int i = f.sessionStart[s]; i < f.sessionStart[s + 1]; i++) {
                if (f.type.get(i) == a.type() && selection.includes(i)) {
                    sessions.set(s);
                    break;
                }
            }
        }
        return Drilldown.of("Sessions with " + a.name(), sessions.stream().toArray(), f);
    }
}
