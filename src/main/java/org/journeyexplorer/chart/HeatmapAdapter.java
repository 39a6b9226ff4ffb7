package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.TransitionMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a {@link TransitionMatrix} into heatmap input: START row first, END column last, and only the event types
 * that occur in the selection (hidden or filtered-out types would be empty rows and columns).
 */
public final class HeatmapAdapter {
    private HeatmapAdapter() {
    }

    /** Every type that occurs, as its own row and column. */
    public static HeatmapData from(TransitionMatrix m) {
        List<Integer> keep = occurring(m);
        int k = keep.size();
        int[] column = new int[m.size()];
        Arrays.fill(column, -1);
        for (int c = 0; c < k; c++) {
            column[keep.get(c)] = c;
        }
        column[m.end()] = k;
        List<String> names = new ArrayList<>(k);
        for (int i : keep) {
            names.add(m.name(i));
        }
        return fill(m, keep, column, k, names, List.of(), false);
    }

    /**
     * The same as {@code from(m).topK(k)} ({@link HeatmapData#topK}: the {@code k} most frequent types, the rest in
     * one "Other" row and column), built from the pairs that occur without the matrix of every type: at 7,000
     * event types that would be 51 M cells in each of three {@code long[][]}, 1.2 GB. {@code k < 1} shows every
     * type.
     */
    public static HeatmapData from(TransitionMatrix m, int k) {
        List<Integer> keep = occurring(m);
        int t = keep.size();
        if (k < 1 || t <= k + 1) {
            return from(m);
        }
        // most frequent first, ties by name: HeatmapData.topK's order (its row total is the matrix's)
        keep.sort(Comparator.comparingLong((Integer i) -> -m.rowTotal(i)).thenComparing(m::name));
        int[] column = new int[m.size()];
        Arrays.fill(column, -1);
        List<String> names = new ArrayList<>(k + 1);
        List<String> members = new ArrayList<>(t - k);
        for (int r = 0; r < t; r++) {
            int i = keep.get(r);
            column[i] = Math.min(r, k);
            (r < k ? names : members).add(m.name(i));
        }
        names.add(EventColors.OTHER + " (" + members.size() + " types)");
        column[m.end()] = k + 1;
        return fill(m, keep.subList(0, t), column, k + 1, names, members, true);
    }

    /** Number of event types that occur in the matrix: the heatmap's rows before any grouping. */
    public static int typeCount(TransitionMatrix m) {
        return occurring(m).size();
    }

    private static List<Integer> occurring(TransitionMatrix m) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < m.typeCount(); i++) {
            if (m.rowTotal(i) > 0 || m.count(m.start(), i) > 0) {
                keep.add(i);
            }
        }
        return keep;
    }

    /**
     * Cells of a heatmap of {@code n} types (plus START row and END column) from the pairs that occur: a lookup per
     * cell would be types² binary searches. With {@code merged}, the type at {@code n - 1} is "Other": its counts
     * are sums and the times of its cells unknown (-1).
     *
     * @param column heatmap column of each matrix index (END at {@code n}), -1 for types that do not occur
     */
    private static HeatmapData fill(TransitionMatrix m, List<Integer> rows, int[] column, int n, List<String> names,
                                    List<String> members, boolean merged) {
        long[][] counts = new long[n + 1][n + 1];
        long[][] med = new long[n + 1][n + 1];
        long[][] p90 = new long[n + 1][n + 1];
        for (int r = 0; r <= n; r++) {
            Arrays.fill(med[r], -1);
            Arrays.fill(p90[r], -1);
        }
        for (int r = -1; r < rows.size(); r++) {
            int from = r < 0 ? m.start() : rows.get(r);
            int row = r < 0 ? 0 : column[from] + 1;
            for (int to : m.successors(from)) {
                int c = column[to];
                counts[row][c] += m.count(from, to);
                if (!merged || row != n && c != n - 1) { // row n is Other's (row 0 is START)
                    med[row][c] = m.medianMicros(from, to);
                    p90[row][c] = m.p90Micros(from, to);
                }
            }
        }
        return new HeatmapData(names, counts, med, p90, "transitions", members, m.timesPending());
    }
}
