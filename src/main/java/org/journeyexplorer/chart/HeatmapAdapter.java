package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.TransitionMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link TransitionMatrix} into heatmap input: START row first, END column last, and only the event types
 * that occur in the selection (hidden or filtered-out types would be empty rows and columns).
 */
public final class HeatmapAdapter {
    private HeatmapAdapter() {
    }

    public static HeatmapData from(TransitionMatrix m) {
        int t = m.typeCount();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            if (m.rowTotal(i) > 0 || m.count(m.start(), i) > 0) {
                keep.add(i);
            }
        }
        int k = keep.size();
        long[][] counts = new long[k + 1][k + 1];
        long[][] med = new long[k + 1][k + 1];
        long[][] p90 = new long[k + 1][k + 1];
        List<String> names = new ArrayList<>(k);
        for (int i : keep) {
            names.add(m.name(i));
        }
        int[] column = new int[m.size()];
        Arrays.fill(column, -1);
        for (int c = 0; c < k; c++) {
            column[keep.get(c)] = c;
        }
        column[m.end()] = k;
        for (int r = 0; r <= k; r++) {
            int from = r == 0 ? m.start() : keep.get(r - 1);
            Arrays.fill(med[r], -1);
            Arrays.fill(p90[r], -1);
            // only the pairs that occur: a lookup per cell would be types² binary searches
            for (int to : m.successors(from)) {
                int c = column[to];
                counts[r][c] = m.count(from, to);
                med[r][c] = m.medianMicros(from, to);
                p90[r][c] = m.p90Micros(from, to);
            }
        }
        return new HeatmapData(names, counts, med, p90, "transitions");
    }
}
