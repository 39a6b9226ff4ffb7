package org.journeyexplorer.analysis;

import java.util.Arrays;

/**
 * Immutable result of {@link Transitions}: how often each event type is directly followed by each other within a
 * session, plus the pseudo types START (before a session's first event) and END (after its last).
 *
 * <p>Indices 0..typeCount-1 are the frame's event types; {@link #start()} and {@link #end()} follow. Times between
 * events exist only for pairs of real events; cells involving START or END report none (-1 µs, NaN seconds).
 * Medians and 90th percentiles follow the one rule of {@link Percentiles} (nearest rank).
 */
public final class TransitionMatrix {
    private final String[] names;
    private final long[] counts;      // size*size, row = from
    private final long[] rowTotals;
    private final long[] median;      // microseconds, -1 when no time
    private final long[] p90;
    private final int size;

    TransitionMatrix(String[] typeNames, long[] counts, long[] median, long[] p90) {
        this.size = typeNames.length + 2;
        this.names = Arrays.copyOf(typeNames, size);
        this.names[size - 2] = "START";
        this.names[size - 1] = "END";
        this.counts = counts;
        this.median = median;
        this.p90 = p90;
        this.rowTotals = new long[size];
        for (int f = 0; f < size; f++) {
            long sum = 0;
            for (int t = 0; t < size; t++) {
                sum += counts[f * size + t];
            }
            rowTotals[f] = sum;
        }
    }

    /** Number of rows / columns: event types + START + END. */
    public int size() {
        return size;
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

    /** Number of times {@code to} directly followed {@code from} within a session. */
    public long count(int from, int to) {
        return counts[from * size + to];
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
        return total == 0 ? 0 : (double) counts[from * size + to] / total;
    }

    /** Exact median time in µs between {@code from} and {@code to} (nearest rank), -1 when there is none. */
    public long medianMicros(int from, int to) {
        return median[from * size + to];
    }

    /** Exact 90th percentile time in µs (nearest rank), -1 when there is none. */
    public long p90Micros(int from, int to) {
        return p90[from * size + to];
    }

    /** {@link #medianMicros} in seconds, NaN when there is none. */
    public double medianSeconds(int from, int to) {
        return seconds(median[from * size + to]);
    }

    /** {@link #p90Micros} in seconds, NaN when there is none. */
    public double p90Seconds(int from, int to) {
        return seconds(p90[from * size + to]);
    }

    private static double seconds(long micros) {
        return micros < 0 ? Double.NaN : micros / 1e6;
    }
}
