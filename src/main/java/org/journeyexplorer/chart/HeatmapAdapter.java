package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.TransitionMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link TransitionMatrix} into heatmap input: START row first, END column last, and only the event types
 * that occur in the selection (hidden or filtered-out types would be empty rows and columns).
 */
public final class HeatmapAdapter {
    private HeatmapAdapter() {
    }

    public static HeatmapData from(TransitionMatrix m) {
        return from(m, 0);
    }

    /**
     * As {@link #from(TransitionMatrix)} with the {@code k} most frequent types and the rest grouped into "Other"
     * ({@link HeatmapData#topK}); every type when {@code k < 1}. Reads the matrix in place: at thousands of types
     * the full grid would be another matrix of billions of bytes.
     */
    public static HeatmapData from(TransitionMatrix m, int k) {
        int[] keep = keptTypes(m);
        int t = keep.length;
        List<String> names = new ArrayList<>(t);
        for (int i : keep) {
            names.add(m.name(i));
        }
        int[] column = new int[m.size()]; // the heatmap column of each matrix index, -1 when not shown
        java.util.Arrays.fill(column, -1);
        for (int c = 0; c < t; c++) {
            column[keep[c]] = c;
        }
        column[m.end()] = t;
        return HeatmapData.of(names, new HeatmapData.Cells() {
            private int from(int row) {
                return row == 0 ? m.start() : keep[row - 1];
            }

            private int to(int col) {
                return col == t ? m.end() : keep[col];
            }

            @Override
            public long count(int row, int col) {
                return m.count(from(row), to(col));
            }

            @Override
            public long median(int row, int col) {
                return m.medianMicros(from(row), to(col));
            }

            @Override
            public long p90(int row, int col) {
                return m.p90Micros(from(row), to(col));
            }

            @Override
            public void forEachNonZero(int row, int columns, java.util.function.IntConsumer nonZero) {
                // only the pairs that occur: a lookup per cell would be types² binary searches
                for (int next : m.successors(from(row))) {
                    if (column[next] >= 0) {
                        nonZero.accept(column[next]);
                    }
                }
            }
        }, k, "transitions");
    }

    /** The event types of the matrix that occur in its selection (as a row or after START). */
    public static int[] keptTypes(TransitionMatrix m) {
        int t = m.typeCount();
        int[] keep = new int[t];
        int n = 0;
        for (int i = 0; i < t; i++) {
            if (m.rowTotal(i) > 0 || m.count(m.start(), i) > 0) {
                keep[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(keep, n);
    }
}
