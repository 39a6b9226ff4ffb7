package org.journeyexplorer.chart;

import java.util.List;

/**
 * An event → next event count matrix with a START row and an END column, independent of how it was computed.
 * With T event types, {@code counts} is (T + 1) × (T + 1): row 0 is START (journeys beginning with the column's
 * type), rows 1..T are the types; columns 0..T-1 are the types, column T is END (journeys ending after the row's
 * type). So {@code counts[1 + i][j]} counts type i followed by type j.
 *
 * @param types        event type names
 * @param counts       transition counts as described above
 * @param medianMicros median time between the two events per cell, or null when unknown (-1 per unknown cell)
 * @param p90Micros    90th percentile of that time per cell, or null when unknown (-1 per unknown cell)
 * @param unit         what is counted, e.g. "transitions"
 */
public record HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, long[][] p90Micros,
                          String unit) {

    /** Without 90th percentiles. */
    public HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, String unit) {
        this(types, counts, medianMicros, null, unit);
    }

    public HeatmapData {
        types = List.copyOf(types);
        int t = types.size();
        if (counts.length != t + 1) {
            throw new IllegalArgumentException("counts must have types + 1 rows");
        }
        for (long[] row : counts) {
            if (row.length != t + 1) {
                throw new IllegalArgumentException("counts must have types + 1 columns");
            }
        }
    }

    public int typeCount() {
        return types.size();
    }

    public String rowLabel(int row) {
        return row == 0 ? EventColors.START : types.get(row - 1);
    }

    public String colLabel(int col) {
        return col == types.size() ? EventColors.END : types.get(col);
    }

    /** Sum of a row: how often the row's event was followed by anything (including END). */
    public long rowTotal(int row) {
        long s = 0;
        for (long c : counts[row]) {
            s += c;
        }
        return s;
    }

    public long median(int row, int col) {
        return medianMicros == null ? -1 : medianMicros[row][col];
    }

    /** The 90th percentile of the time between a cell's two events, -1 when unknown. */
    public long p90(int row, int col) {
        return p90Micros == null ? -1 : p90Micros[row][col];
    }
}
