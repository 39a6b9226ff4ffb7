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
 */
public record HeatmapData(List<String> types, long[][] counts, long[][] medianMicros, long[][] p90Micros,
                          String unit, List<String> otherMembers) {

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
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (types.size() <= k + 1 || !otherMembers.isEmpty()) {
            return this;
        }
        return of(types, new Cells() {
            @Override
            public long count(int row, int col) {
                return counts[row][col];
            }

            @Override
            public long median(int row, int col) {
                return medianMicros == null ? -1 : medianMicros[row][col];
            }

            @Override
            public long p90(int row, int col) {
                return p90Micros == null ? -1 : p90Micros[row][col];
            }
        }, k, unit, medianMicros != null, p90Micros != null);
    }

    /**
     * A heatmap's cells in the layout of {@link HeatmapData} (row 0 START, column {@code types} END), read on
     * demand: a source with thousands of types is grouped without a dense copy of all its cells first.
     */
    public interface Cells {
        long count(int row, int col);

        /** Median time of the cell in µs, -1 when unknown. */
        long median(int row, int col);

        /** 90th percentile of the cell in µs, -1 when unknown. */
        long p90(int row, int col);

        /**
         * Calls {@code nonZero} with the columns of {@code row} (of {@code columns}) whose count may be non-zero.
         * By default every column; a sparse source names only the pairs that occur, so grouping thousands of types
         * does not look up every one of their millions of cells.
         */
        default void forEachNonZero(int row, int columns, java.util.function.IntConsumer nonZero) {
            for (int col = 0; col < columns; col++) {
                nonZero.accept(col);
            }
        }
    }

    /**
     * The heatmap of {@code cells} over {@code types}: all of them when {@code k < 1} or there are at most
     * {@code k + 1}, else the {@code k} most frequent and one "Other" group as {@link #topK} describes.
     */
    public static HeatmapData of(List<String> types, Cells cells, int k, String unit) {
        return of(types, cells, k, unit, true, true);
    }

    private static HeatmapData of(List<String> types, Cells cells, int k, String unit, boolean medians,
                                  boolean p90s) {
        int t = types.size();
        if (k < 1 || t <= k + 1) {
            long[][] c = new long[t + 1][t + 1];
            long[][] med = medians ? new long[t + 1][t + 1] : null;
            long[][] p = p90s ? new long[t + 1][t + 1] : null;
            for (int r = 0; r <= t; r++) {
                int row = r;
                if (med != null) {
                    java.util.Arrays.fill(med[r], -1);
                }
                if (p != null) {
                    java.util.Arrays.fill(p[r], -1);
                }
                cells.forEachNonZero(r, t + 1, col -> {
                    c[row][col] = cells.count(row, col);
                    if (med != null) {
                        med[row][col] = cells.median(row, col);
                    }
                    if (p != null) {
                        p[row][col] = cells.p90(row, col);
                    }
                });
            }
            return new HeatmapData(types, c, med, p, unit);
        }
        long[] rowTotal = new long[t];
        for (int i = 0; i < t; i++) {
            int row = i + 1;
            long[] sum = {0};
            cells.forEachNonZero(row, t + 1, col -> sum[0] += cells.count(row, col));
            rowTotal[i] = sum[0];
        }
        Integer[] idx = new Integer[t];
        for (int i = 0; i < t; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingLong((Integer i) -> -rowTotal[i])
                .thenComparing(types::get));
        int[] to = new int[t]; // new type index of each old type; k = Other
        int[] kept = new int[k]; // old type index of each new type but Other
        List<String> names = new java.util.ArrayList<>(k + 1);
        List<String> members = new java.util.ArrayList<>();
        for (int r = 0; r < t; r++) {
            int i = idx[r];
            if (r < k) {
                to[i] = r;
                kept[r] = i;
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
            int r = row;
            int nr = row == 0 ? 0 : to[row - 1] + 1;
            cells.forEachNonZero(row, t + 1, col -> {
                long v = cells.count(r, col);
                if (v != 0) {
                    c[nr][col == t ? n : to[col]] += v;
                }
            });
        }
        return new HeatmapData(names, c, medians ? unmerged(cells::median, kept, t) : null,
                p90s ? unmerged(cells::p90, kept, t) : null, unit, members);
    }

    private interface TimeCell {
        long at(int row, int col);
    }

    /** Times of the cells that were not merged (START and kept rows × kept columns and END); -1 for the rest. */
    private static long[][] unmerged(TimeCell times, int[] kept, int t) {
        int k = kept.length;
        int n = k + 1;
        long[][] out = new long[n + 1][n + 1];
        for (long[] line : out) {
            java.util.Arrays.fill(line, -1);
        }
        for (int nr = 0; nr <= k; nr++) {
            int row = nr == 0 ? 0 : kept[nr - 1] + 1;
            for (int nc = 0; nc < k; nc++) {
                out[nr][nc] = times.at(row, kept[nc]);
            }
            out[nr][n] = times.at(row, t);
        }
        return out;
    }
}
