package org.journeyexplorer.predict;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event sequences to learn from: one int array of event type indices per case or session, with the event times
 * (UTC microseconds) beside them. Sequence order is the order the caller gives (file order of cases, or frame
 * order of sessions); chronological splits slice it.
 */
public final class Sequences {
    private final int[][] types;
    private final long[][] times;
    private final String[] typeNames;
    private final String[] ids;
    /** Event attributes: names, value dictionaries, and per attribute, sequence and event a value index or -1. */
    private final String[] attributeNames;
    private final String[][] attributeValues;
    private final int[][][] attributes;
    /** Quantile edges of the gaps and of the time since start (see {@link #timeEdges}), computed once. */
    private volatile long[] gapEdges;
    private volatile long[] elapsedEdges;

    /**
     * @param types     event type index per event, per sequence; no sequence may be empty
     * @param times     event times per sequence (same shapes as {@code types}), or null when unknown
     * @param typeNames names of the type indices
     * @param ids       a label per sequence (case id), or null
     */
    public Sequences(int[][] types, long[][] times, String[] typeNames, String[] ids) {
        this(types, times, typeNames, ids, new String[0], new String[0][], new int[0][][]);
    }

    private Sequences(int[][] types, long[][] times, String[] typeNames, String[] ids, String[] attributeNames,
                      String[][] attributeValues, int[][][] attributes) {
        for (int i = 0; i < types.length; i++) {
            if (types[i].length == 0) {
                throw new IllegalArgumentException("sequence " + i + " is empty");
            }
            if (times != null && times[i].length != types[i].length) {
                throw new IllegalArgumentException("times of sequence " + i + " differ in length");
            }
        }
        this.types = types;
        this.times = times;
        this.typeNames = typeNames;
        this.ids = ids;
        this.attributeNames = attributeNames;
        this.attributeValues = attributeValues;
        this.attributes = attributes;
    }

    /**
     * The same sequences with event attributes (categorical, e.g. resource or group).
     *
     * @param names  attribute names
     * @param values value dictionary per attribute
     * @param codes  per attribute, per sequence, per event: index into its dictionary, or -1 when missing
     */
    public Sequences withAttributes(String[] names, String[][] values, int[][][] codes) {
        for (int[][] a : codes) {
            for (int i = 0; i < types.length; i++) {
                if (a[i].length != types[i].length) {
                    throw new IllegalArgumentException("attribute of sequence " + i + " differs in length");
                }
            }
        }
        return new Sequences(types, times, typeNames, ids, names, values, codes);
    }

    /** Number of event attributes carried. */
    public int attributeCount() {
        return attributeNames.length;
    }

    public String attributeName(int a) {
        return attributeNames[a];
    }

    /** Distinct values of attribute {@code a}. */
    public int attributeValueCount(int a) {
        return attributeValues[a].length;
    }

    /** Value indices of attribute {@code a} along sequence {@code i} (-1 = missing; do not modify). */
    public int[] attribute(int a, int i) {
        return attributes[a][i];
    }

    /**
     * One sequence per session of the frame, in session order. Sessions carry no labels ({@link #id} gives the
     * position): nothing reads them, and a string per session was 70 MB of a 1 GB heap at 10 M events.
     */
    public static Sequences fromSessions(EventFrame frame) {
        int n = frame.sessionCount();
        int[][] types = new int[n][];
        long[][] times = new long[n][];
        for (int s = 0; s < n; s++) {
            int from = frame.sessionStart[s];
            int to = frame.sessionStart[s + 1];
            types[s] = frame.type.copyOfRange(from, to);
            times[s] = frame.time.copyOfRange(from, to);
        }
        return dropEmpty(types, times, frame.typeNames);
    }

    /**
     * One sequence per session of the selection's frame with only the included events (hidden types vanish and
     * their neighbours become adjacent); sessions with no included event are left out.
     */
    public static Sequences fromSelection(Selection selection) {
        if (selection.isAll()) {
            return fromSessions(selection.frame());
        }
        EventFrame frame = selection.frame();
        int n = frame.sessionCount();
        int[][] types = new int[n][];
        long[][] times = new long[n][];
        int[] bufT = new int[16];
        long[] bufTime = new long[16];
        for (int s = 0; s < n; s++) {
            int k = 0;
            for (int e = frame.sessionStart[s]; e < frame.sessionStart[s + 1]; e++) {
                if (selection.includes(e)) {
                    if (k == bufT.length) {
                        bufT = Arrays.copyOf(bufT, k * 2);
                        bufTime = Arrays.copyOf(bufTime, k * 2);
                    }
                    bufT[k] = frame.type.get(e);
                    bufTime[k++] = frame.time.get(e);
                }
            }
            types[s] = Arrays.copyOf(bufT, k);
            times[s] = Arrays.copyOf(bufTime, k);
        }
        return dropEmpty(types, times, frame.typeNames);
    }

    private static Sequences dropEmpty(int[][] types, long[][] times, String[] names) {
        int k = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i].length > 0) {
                types[k] = types[i];
                times[k] = times[i];
                k++;
            }
        }
        return new Sequences(Arrays.copyOf(types, k), Arrays.copyOf(times, k), names, null);
    }

    /**
     * Sequences from (case, activity, time) rows given in file order: cases in order of first appearance, events
     * within a case sorted by time (stable, so equal times keep file order).
     */
    public static Sequences fromRows(List<String> caseIds, List<String> activities, long[] timeMicros) {
        return fromRows(caseIds, activities, timeMicros, null);
    }

    /** As {@link #fromRows(List, List, long[])}; {@code rowsOut[0]} receives the row index of every event. */
    static Sequences fromRows(List<String> caseIds, List<String> activities, long[] timeMicros,
                              int[][][] rowsOut) {
        Map<String, Integer> caseIndex = new LinkedHashMap<>();
        Map<String, Integer> typeIndex = new LinkedHashMap<>();
        int[] sizes = new int[16];
        int[] caseOf = new int[caseIds.size()];
        int[] typeOf = new int[caseIds.size()];
        for (int r = 0; r < caseIds.size(); r++) {
            int c = caseIndex.computeIfAbsent(caseIds.get(r), k -> caseIndex.size());
            if (c >= sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[c]++;
            caseOf[r] = c;
            typeOf[r] = typeIndex.computeIfAbsent(activities.get(r), k -> typeIndex.size());
        }
        int n = caseIndex.size();
        int[][] types = new int[n][];
        long[][] times = new long[n][];
        int[][] rows = new int[n][];
        for (int c = 0; c < n; c++) {
            rows[c] = new int[sizes[c]];
        }
        int[] fill = new int[n];
        for (int r = 0; r < caseOf.length; r++) {
            rows[caseOf[r]][fill[caseOf[r]]++] = r;
        }
        for (int c = 0; c < n; c++) {
            Integer[] order = new Integer[rows[c].length];
            for (int i = 0; i < order.length; i++) {
                order[i] = rows[c][i];
            }
            Arrays.sort(order, (a, b) -> Long.compare(timeMicros[a], timeMicros[b]));
            types[c] = new int[order.length];
            times[c] = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                types[c][i] = typeOf[order[i]];
                times[c][i] = timeMicros[order[i]];
                rows[c][i] = order[i];
            }
        }
        if (rowsOut != null) {
            rowsOut[0] = rows;
        }
        return new Sequences(types, times, typeIndex.keySet().toArray(new String[0]),
                caseIndex.keySet().toArray(new String[0]));
    }

    /** Sequences of type names without times (tests, hand-made corpora). */
    public static Sequences ofNames(List<List<String>> sequences) {
        Map<String, Integer> typeIndex = new LinkedHashMap<>();
        int[][] types = new int[sequences.size()][];
        for (int i = 0; i < types.length; i++) {
            List<String> s = sequences.get(i);
            types[i] = new int[s.size()];
            for (int j = 0; j < s.size(); j++) {
                types[i][j] = typeIndex.computeIfAbsent(s.get(j), k -> typeIndex.size());
            }
        }
        return new Sequences(types, null, typeIndex.keySet().toArray(new String[0]), null);
    }

    public int size() {
        return types.length;
    }

    public int typeCount() {
        return typeNames.length;
    }

    public String typeName(int type) {
        return typeNames[type];
    }

    /** A copy of the type names. */
    public String[] typeNames() {
        return typeNames.clone();
    }

    /** Index of a type by name, or -1. */
    public int typeIndex(String name) {
        for (int i = 0; i < typeNames.length; i++) {
            if (typeNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Event types of sequence {@code i} (do not modify). */
    public int[] types(int i) {
        return types[i];
    }

    /** Event times of sequence {@code i}, or null when the sequences carry no times (do not modify). */
    public long[] times(int i) {
        return times == null ? null : times[i];
    }

    public boolean hasTimes() {
        return times != null;
    }

    /** Label of sequence {@code i}. */
    public String id(int i) {
        return ids == null ? Integer.toString(i) : ids[i];
    }

    public long eventCount() {
        long n = 0;
        for (int[] t : types) {
            n += t.length;
        }
        return n;
    }

    /**
     * Quantile edges of the gaps between events ({@code gap}) or of the time since each sequence's first event
     * (see {@link NextStepModel#quantileEdges}), shared, not to be modified. Computed once per instance: model
     * selection trains hundreds of configurations on the same fold, and sorting every duration each time was a
     * fifth of its work.
     */
    long[] timeEdges(boolean gap) {
        long[] e = gap ? gapEdges : elapsedEdges;
        if (e == null) {
            e = NextStepModel.quantileEdges(this, gap);
            if (gap) {
                gapEdges = e;
            } else {
                elapsedEdges = e;
            }
        }
        return e;
    }

    /**
     * The same sequences' event types alone, sharing their arrays: no times, labels or attributes. What a trained
     * model keeps for later conversion analyses ({@link DeployedModel}); the times were 100 MB at 10 M events.
     */
    public Sequences typesOnly() {
        if (times == null && ids == null && attributes.length == 0) {
            return this;
        }
        return new Sequences(types, null, typeNames, null);
    }

    /** Sequences {@code [from, to)}, sharing the type dictionary. */
    public Sequences slice(int from, int to) {
        int[][][] a = new int[attributes.length][][];
        for (int k = 0; k < a.length; k++) {
            a[k] = Arrays.copyOfRange(attributes[k], from, to);
        }
        return new Sequences(Arrays.copyOfRange(types, from, to),
                times == null ? null : Arrays.copyOfRange(times, from, to), typeNames,
                ids == null ? null : Arrays.copyOfRange(ids, from, to), attributeNames, attributeValues, a);
    }

    /**
     * The same sequences ordered by the time of their first event (stable: equal starts keep their order), for
     * chronological splits of sessions, which a frame lists by person.
     */
    public Sequences chronological() {
        if (times == null) {
            return this;
        }
        Integer[] order = new Integer[types.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a][0], times[b][0]));
        int[] idx = new int[order.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order[i];
        }
        return pick(idx);
    }

    /** The sequences at the given indices (repeats allowed, as in a bootstrap resample). */
    public Sequences pick(int[] indices) {
        int[][] t = new int[indices.length][];
        long[][] tm = times == null ? null : new long[indices.length][];
        String[] id = ids == null ? null : new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            t[i] = types[indices[i]];
            if (tm != null) {
                tm[i] = times[indices[i]];
            }
            if (id != null) {
                id[i] = ids[indices[i]];
            }
        }
        int[][][] a = new int[attributes.length][indices.length][];
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < indices.length; i++) {
                a[k][i] = attributes[k][indices[i]];
            }
        }
        return new Sequences(t, tm, typeNames, id, attributeNames, attributeValues, a);
    }
}
