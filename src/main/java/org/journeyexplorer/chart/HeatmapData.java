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
 * @param otherMembers when not empty, the last type is the "Other" group of these types (see {@link #topK})
 * @param timesPending the counts are final but the times are still being computed (all unknown until then)
 */
public record HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, long[][] p90Micros,
                          String unit, List<String> otherMembers, boolean timesPending) {

    /** With the times computed (or unknown for good). */
    public HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, long[][] p90Micros, String unit,
                       List<String> otherMembers) {
        this(types, counts, medianMicros, p90Micros, unit, otherMembers, false);
    }

    /** Without 90th percentiles. */
    public HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, String unit) {
        this(types, counts, medianMicros, null, unit);
    }

    /** Without an "Other" group. */
    public HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, long[][] p90Micros, String unit) {
        this(types, counts, medianMicros, p90Micros, unit, List.of());
    }

    public HeatmapData {
        types = List.copyOf(types);
        otherMembers = List.copyOf(otherMembers);
        if (!otherMembers.isEmpty() && types.isEmpty()) {
            throw new IllegalArgumentException("an Other group needs a type for it");
        }
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

    /** True when type {@code type} (0-based, as in {@link #types}) is the "Other" group. */
    public boolean isOther(int type) {
        return !otherMembers.isEmpty() && type == types.size() - 1;
    }

    /**
     * The {@code k} most frequent types (by row total: how often the type occurred, ties by name), the rest merged
     * into one "Other (n types)" row and column whose counts are the sums of theirs (so every row total and the
     * whole matrix's total stay the same). Medians of merged cells are unknown. This data itself when it has at
     * most {@code k + 1} types, since grouping one type would only rename it.
     */
    public HeatmapData topK(int k) {
        int t = types.size();
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (t <= k + 1 || !otherMembers.isEmpty()) {
            return this;
        }
        Integer[] idx = new Integer[t];
        for (int i = 0; i < t; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingLong((Integer i) -> -rowTotal(i + 1))
                .thenComparing(types::get));
        int[] to = new int[t]; // new type index of each old type; k = Other
        List<String> names = new java.util.ArrayList<>(k + 1);
        List<String> members = new java.util.ArrayList<>();
        for (int r = 0; r < t; r++) {
            int i = idx[r];
            if (r < k) {
                to[i] = r;
                names.add(types.get(i));
            } else {
                to[i] = k;
                members.add(types.get(i));
            }
        }
        names.add(EventColors.OTHER + " (" + members.size() + " types)");
        int n = k + 1;
        long[][] c = new long[n + 1][n + 1];
        for (int row = 0; row <= t; row++) {
            int nr = row == 0 ? 0 : to[row - 1] + 1;
            for (int col = 0; col <= t; col++) {
                int nc = col == t ? n : to[col];
                c[nr][nc] += counts[row][col];
            }
        }
        return new HeatmapData(names, c, keepUnmerged(medianMicros, to, k), keepUnmerged(p90Micros, to, k), unit,
                members, timesPending);
    }

    /** Times of the cells that were not merged, in the grouped layout; -1 for merged cells (not computable). */
    private static long[][] keepUnmerged(long[][] times, int[] to, int k) {
        if (times == null) {
            return null;
        }
        int t = to.length;
        int n = k + 1;
        long[][] out = new long[n + 1][n + 1];
        for (long[] line : out) {
            java.util.Arrays.fill(line, -1);
        }
        for (int row = 0; row <= t; row++) {
            boolean rowMerged = row > 0 && to[row - 1] == k;
            for (int col = 0; col <= t; col++) {
                if (!rowMerged && (col == t || to[col] != k)) {
                    out[row == 0 ? 0 : to[row - 1] + 1][col == t ? n : to[col]] = times[row][col];
                }
            }
        }
        return out;
    }
}
