package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;

import java.util.Arrays;

/**
 * Counts which event type directly follows which within sessions of a {@link Selection}, with START → first and
 * last → END, and the exact median and 90th percentile of the time between two events of each pair (no
 * sampling; the one rule of {@link Percentiles}). Events the selection leaves out are skipped, so their neighbours become adjacent; a session with no
 * included event contributes nothing.
 *
 * <p>Two linear passes over the frame: the first counts, the second writes every time gap into its cell's slice
 * of one {@code long[]}, then a quickselect per cell finds the order statistics.
 */
public final class Transitions {
    private static final int BATCH_SESSIONS = 1 << 16;

    private Transitions() {
    }

    public static TransitionMatrix compute(Selection selection, TaskContext ctx) {
        return compute(selection, CountUnit.SESSIONS, ctx);
    }

    /**
     * As {@link #compute(Selection, TaskContext)} within the given unit: with {@link CountUnit#PERSONS} a person's
     * whole history is one sequence (a case of a process log), so START and END are its first and last event.
     */
    public static TransitionMatrix compute(Selection selection, CountUnit unit, TaskContext ctx) {
        EventFrame f = selection.frame();
        int types = f.typeCount();
        int size = types + 2;
        int startIdx = types;
        int endIdx = types + 1;
        long[] counts = new long[size * size];
        int[] type = f.type;
        int[] bounds = unit.starts(f);
        int sessions = bounds.length - 1;
        boolean all = selection.isAll();
        ctx.message("Counting transitions");

        for (int s = 0; s < sessions; s++) {
            int prev = -1;
            for (int i = bounds[s], e = bounds[s + 1]; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                counts[(prev < 0 ? startIdx : type[prev]) * size + type[i]]++;
                prev = i;
            }
            if (prev >= 0) {
                counts[type[prev] * size + endIdx]++;
            }
            if ((s & (BATCH_SESSIONS - 1)) == BATCH_SESSIONS - 1) {
                ctx.checkCancelled();
                ctx.progress(s, 2L * sessions);
            }
        }

        // slice of the gap array per real (from, to) cell
        int cells = types * types;
        int[] offset = new int[cells + 1];
        for (int from = 0; from < types; from++) {
            for (int to = 0; to < types; to++) {
                int c = from * types + to;
                offset[c + 1] = offset[c] + (int) counts[from * size + to];
            }
        }
        long[] gaps = new long[offset[cells]];
        int[] fill = Arrays.copyOf(offset, cells);
        long[] time = f.time;
        for (int s = 0; s < sessions; s++) {
            int prev = -1;
            for (int i = bounds[s], e = bounds[s + 1]; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                if (prev >= 0) {
                    gaps[fill[type[prev] * types + type[i]]++] = time[i] - time[prev];
                }
                prev = i;
            }
            if ((s & (BATCH_SESSIONS - 1)) == BATCH_SESSIONS - 1) {
                ctx.checkCancelled();
                ctx.progress(sessions + (long) s, 2L * sessions);
            }
        }

        long[] median = new long[size * size];
        long[] p90 = new long[size * size];
        Arrays.fill(median, -1);
        Arrays.fill(p90, -1);
        for (int from = 0; from < types; from++) {
            for (int to = 0; to < types; to++) {
                int c = from * types + to;
                int lo = offset[c];
                int hi = offset[c + 1];
                if (hi > lo) {
                    int k50 = lo + Percentiles.rank(hi - lo, 50) - 1;
                    median[from * size + to] = Percentiles.select(gaps, lo, hi, k50);
                    // the median's selection left everything from its position on >= it, and the 90th
                    // percentile lies there: select inside that part only
                    p90[from * size + to] = Percentiles.select(gaps, k50, hi, lo + Percentiles.rank(hi - lo, 90) - 1);
                }
            }
        }
        ctx.progress(1, 1);
        return new TransitionMatrix(f.typeNames, counts, median, p90);
    }

    /**
     * The sessions (ascending frame session indices) in which {@code to} directly follows {@code from} at least
     * once under the selection, for a heatmap cell's drill-down. {@code from} may be the matrix's START index and
     * {@code to} its END index.
     */
    public static Drilldown sessionsWith(Selection selection, TransitionMatrix m, int from, int to) {
        return sessionsWith(selection, CountUnit.SESSIONS, m, from, to);
    }

    /**
     * As {@link #sessionsWith(Selection, TransitionMatrix, int, int)} for a matrix computed within {@code unit}:
     * with persons, the sessions holding the event that follows (for END, the last event) of every person with
     * the pair, so the Journeys tab shows where it happened.
     */
    public static Drilldown sessionsWith(Selection selection, CountUnit unit, TransitionMatrix m, int from, int to) {
        EventFrame f = selection.frame();
        int[] type = f.type;
        int[] bounds = unit.starts(f);
        boolean all = selection.isAll();
        int[] hits = new int[16];
        int count = 0;
        for (int s = 0; s + 1 < bounds.length; s++) {
            int prev = -1;
            int at = -1;
            for (int i = bounds[s], e = bounds[s + 1]; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                int fromType = prev < 0 ? m.start() : type[prev];
                if (fromType == from && type[i] == to) {
                    at = i;
                    if (unit == CountUnit.SESSIONS) {
                        break; // one hit is enough to list the session
                    }
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = f.session[i];
                }
                prev = i;
            }
            if (at < 0 && prev >= 0 && type[prev] == from && to == m.end()) {
                at = prev;
                if (unit == CountUnit.PERSONS) {
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = f.session[prev];
                }
            }
            if (at >= 0 && unit == CountUnit.SESSIONS) {
                if (count == hits.length) {
                    hits = Arrays.copyOf(hits, count * 2);
                }
                hits[count++] = s;
            }
        }
        String who = unit == CountUnit.PERSONS ? "Persons with " : "Sessions with ";
        return new Drilldown(who + m.name(from) + " \u2192 " + m.name(to), Drilldown.sessions(hits, count));
    }
}
