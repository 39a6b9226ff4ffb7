package org.journeyexplorer.analysis;

import java.util.Arrays;

/**
 * Immutable result of {@link Transitions}: how often each event type is directly followed by each other within a
 * session, plus the pseudo types START (before a session's first event) and END (after its last).
 *
 * <p>Indices 0..typeCount-1 are the frame's event types; {@link #start()} and {@link #end()} follow. Times between
 * events exist only for pairs of real events; cells involving START or END report none (-1 µs, NaN seconds).
 * Medians and 90th percentiles follow the one rule of {@link Percentiles} (nearest rank).
 *
 * <p>Only the non-zero cells are stored, row by row (compressed sparse rows): a log of 7,000 event types has 51 M
 * cells but a few hundred thousand pairs that occur, and three dense {@code long} matrices of it took 1.2 GB.
 * A cell is found by a binary search in its row; walk the pairs that occur with {@link #successors}.
 */
public final class TransitionMatrix {
    private static final int[] NONE = new int[0];

    private final String[] names;
    private final int size;
    private final int[] rowStart;    // size + 1: first cell of each row
    private final int[] to;          // per cell, ascending within a row
    private final long[] counts;     // per cell, > 0
    private final long[] median;     // per cell, microseconds, -1 when no time
    private final long[] p90;
    private final long[] rowTotals;
    private final boolean timesPending;

    /**
     * @param rowStart first cell of each row (length types + 3), cells sorted by row, then by {@code to}
     */
    TransitionMatrix(String[] typeNames, int[] rowStart, int[] to, long[] counts, long[] median, long[] p90) {
        this(typeNames, rowStart, to, counts, median, p90, false);
    }

    /** As above; with {@code timesPending} the counts are final and the times not computed (all -1). */
    TransitionMatrix(String[] typeNames, int[] rowStart, int[] to, long[] counts, long[] median, long[] p90,
                     boolean timesPending) {
        this.timesPending = timesPending;
        this.size = typeNames.length + 2;
        if (rowStart.length != size + 1) {
            throw new IllegalArgumentException("one row start per type, START and END, plus the end");
        }
        this.names = Arrays.copyOf(typeNames, size);
        this.names[size - 2] = "START";
        this.names[size - 1] = "END";
        this.rowStart = rowStart;
        this.to = to;
        this.counts = counts;
        this.median = median;
        this.p90 = p90;
        this.rowTotals = new long[size];
        for (int f = 0; f < size; f++) {
            long sum = 0;
            for (int c = rowStart[f]; c < rowStart[f + 1]; c++) {
                sum += counts[c];
            }
            rowTotals[f] = sum;
        }
    }

    /** Number of rows / columns: event types + START + END. */
    public int size() {
        return size;
    }

    /**
     * True for the counts alone ({@link Transitions#counts}): every time is -1 because it was not computed, not
     * because the pair has none.
     */
    public boolean timesPending() {
        return timesPending;
    }

    /** Number of real event types. */
    public int typeCount() {
        return size - 2;
    }

    /** Index of the START pseudo type (a row only). */
    public int start() {
        return size - 2;
    }

    /** Index of the END pseudo type (a column only). */
    public int end() {
        return size - 1;
    }

    /** Name of index {@code i}: an event type, "START" or "END". */
    public String name(int i) {
        return names[i];
    }

    /** Index of a name (event type, "START", "END"), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Number of (from, to) pairs that occur: the non-zero cells. */
    public int pairCount() {
        return to.length;
    }

    /** The indices that directly follow {@code from} at least once, ascending (END last when it occurs). */
    public int[] successors(int from) {
        int lo = rowStart[from];
        int hi = rowStart[from + 1];
        return hi == lo ? NONE : Arrays.copyOfRange(to, lo, hi);
    }

    private int cell(int from, int col) {
        int c = Arrays.binarySearch(to, rowStart[from], rowStart[from + 1], col);
        return c < 0 ? -1 : c;
    }

    /** Number of times {@code to} directly followed {@code from} within a session. */
    public long count(int from, int to) {
        int c = cell(from, to);
        return c < 0 ? 0 : counts[c];
    }

    /** Transitions out of {@code from}. */
    public long rowTotal(int from) {
        return rowTotals[from];
    }

    /** Total number of transitions, START and END ones included. */
    public long total() {
        long s = 0;
        for (long r : rowTotals) {
            s += r;
        }
        return s;
    }

    /** count / row total, 0 when {@code from} never occurs. */
    public double probability(int from, int to) {
        long total = rowTotals[from];
        return total == 0 ? 0 : (double) count(from, to) / total;
    }

    /** Exact median time in µs between {@code from} and {@code to} (nearest rank), -1 when there is none. */
    public long medianMicros(int from, int to) {
        int c = cell(from, to);
        return c < 0 ? -1 : median[c];
    }

    /** Exact 90th percentile time in µs (nearest rank), -1 when there is none. */
    public long p90Micros(int from, int to) {
        int c = cell(from, to);
        return c < 0 ? -1 : p90[c];
    }

    /** {@link #medianMicros} in seconds, NaN when there is none. */
    public double medianSeconds(int from, int to) {
        return seconds(medianMicros(from, to));
    }

    /** {@link #p90Micros} in seconds, NaN when there is none. */
    public double p90Seconds(int from, int to) {
        return seconds(p90Micros(from, to));
    }

    private static double seconds(long micros) {
        return micros < 0 ? Double.NaN : micros / 1e6;
    }
}
