package org.journeyexplorer.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lays out a {@link HeatmapData} into {@link HeatmapGeometry}: cell grid with START as the first row and END as the
 * last column, event types ordered by frequency or by similarity (columns follow the row order, so the diagonal
 * stays "same event again"), row labels left, rotated column labels on top, colour legend on the right.
 */
public final class HeatmapLayout {

    /** What cell colours encode. */
    public enum Mode {
        /** Share of the row: P(next = column | current = row). */
        PROBABILITY,
        /** Raw transition counts, on a log scale. */
        COUNT
    }

    /** How event types are ordered. */
    public enum Order {
        /** Most frequent first. */
        FREQUENCY,
        /** Greedy nearest-neighbour chain by cosine similarity of next-event distributions. */
        SIMILARITY
    }

    /** Colour ramp from light (low) to dark blue (high). */
    static final String[] RAMP = {"#d4e4f4", "#a9cbe6", "#6baed6", "#2171b5", "#08306b"};

    private static final double MAX_ROW_LABEL = 170;
    private static final double MAX_COL_LABEL = 150;

    private HeatmapLayout() {
    }

    public static HeatmapGeometry layout(HeatmapData data, Mode mode, Order order, double cellSize) {
        return layout(data, mode, order, cellSize, TextMeasure.approximate(12), 12);
    }

    public static HeatmapGeometry layout(HeatmapData data, Mode mode, Order order, double cellSize,
                                         TextMeasure measure, double fontSize) {
        int t = data.typeCount();
        int[] typeOrder = order == Order.SIMILARITY ? bySimilarity(data) : byFrequency(data);
        int n = t + 1;
        int[] rowOrder = new int[n];
        int[] colOrder = new int[n];
        rowOrder[0] = 0;
        for (int k = 0; k < t; k++) {
            rowOrder[k + 1] = typeOrder[k] + 1;
            colOrder[k] = typeOrder[k];
        }
        colOrder[t] = t;

        double margin = 10;
        // Smaller cells get a smaller font and upright column labels, so neighbouring labels do not overlap.
        double font = Math.max(9, Math.min(fontSize, cellSize - 2));
        double scaleFont = font / fontSize;
        double angle = cellSize >= 20 ? -45 : -90;
        double sin = Math.abs(Math.sin(Math.toRadians(angle)));
        double rowLabelW = 0;
        for (int r = 0; r < n; r++) {
            rowLabelW = Math.max(rowLabelW, measure.width(data.rowLabel(r)) * scaleFont);
        }
        rowLabelW = Math.min(MAX_ROW_LABEL, rowLabelW);
        double colLabelW = 0;
        for (int c = 0; c < n; c++) {
            colLabelW = Math.max(colLabelW, measure.width(data.colLabel(c)) * scaleFont);
        }
        colLabelW = Math.min(MAX_COL_LABEL, colLabelW);
        double gridX = margin + rowLabelW + 8;
        double gridY = margin + fontSize + 6 + colLabelW * sin + font;
        // Labels are drawn only when a row is tall enough to separate them; a zoomed-out grid shows the cells.
        boolean showLabels = cellSize >= 8;

        double[][] values = new double[n][n];
        double max = 0;
        for (int r = 0; r < n; r++) {
            long total = data.rowTotal(r);
            for (int c = 0; c < n; c++) {
                long count = data.counts()[r][c];
                values[r][c] = mode == Mode.PROBABILITY ? (total == 0 ? 0 : (double) count / total) : count;
                max = Math.max(max, values[r][c]);
            }
        }
        double scaleMax = mode == Mode.PROBABILITY ? 1 : Math.max(1, max);

        List<HeatmapGeometry.Cell> cells = new ArrayList<>(n * n);
        boolean cellText = cellSize >= 30;
        for (int dr = 0; dr < n; dr++) {
            for (int dc = 0; dc < n; dc++) {
                int r = rowOrder[dr];
                int c = colOrder[dc];
                long count = data.counts()[r][c];
                double v = values[r][c];
                String color = count == 0 ? null : colorAt(normalise(v, scaleMax, mode));
                String text = null;
                if (cellText && count > 0) {
                    text = mode == Mode.PROBABILITY ? formatPercent(v) : compact(count);
                }
                cells.add(new HeatmapGeometry.Cell(r, c, gridX + dc * cellSize, gridY + dr * cellSize, cellSize, v,
                        count, color, text));
            }
        }
        List<HeatmapGeometry.AxisLabel> rowLabels = new ArrayList<>();
        List<HeatmapGeometry.AxisLabel> colLabels = new ArrayList<>();
        if (showLabels) {
            for (int dr = 0; dr < n; dr++) {
                String full = data.rowLabel(rowOrder[dr]);
                rowLabels.add(new HeatmapGeometry.AxisLabel(rowOrder[dr], elide(measure, full, MAX_ROW_LABEL, scaleFont),
                        full,
                        gridX - 6, gridY + dr * cellSize + cellSize / 2));
            }
            for (int dc = 0; dc < n; dc++) {
                String full = data.colLabel(colOrder[dc]);
                colLabels.add(new HeatmapGeometry.AxisLabel(colOrder[dc], elide(measure, full, MAX_COL_LABEL, scaleFont),
                        full,
                        gridX + dc * cellSize + cellSize / 2, gridY - 6));
            }
        }

        double gridW = n * cellSize;
        double gridH = n * cellSize;
        double legendX = gridX + gridW + 24;
        double legendH = Math.max(80, Math.min(240, gridH));
        List<HeatmapGeometry.Stop> stops = new ArrayList<>();
        for (int i = 0; i < RAMP.length; i++) {
            stops.add(new HeatmapGeometry.Stop((double) i / (RAMP.length - 1), RAMP[i]));
        }
        List<HeatmapGeometry.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            double v = mode == Mode.PROBABILITY ? f : Math.expm1(f * Math.log1p(scaleMax));
            String text = mode == Mode.PROBABILITY ? formatPercent(v) : compact(Math.round(v));
            ticks.add(new HeatmapGeometry.Tick(gridY + legendH * (1 - f), text));
        }
        String legendTitle = mode == Mode.PROBABILITY ? "share of row" : "count (log)";
        HeatmapGeometry.Legend legend = new HeatmapGeometry.Legend(legendX, gridY, 14, legendH, legendTitle, stops,
                ticks);
        double width = legendX + 14 + 8 + measure.width("100.0%") + margin;
        double height = Math.max(gridY + gridH, gridY + legendH) + margin;
        return new HeatmapGeometry(width, height, data, mode, gridX, gridY, cellSize, rowOrder, colOrder, cells,
                rowLabels, colLabels, legend, font, angle);
    }

    private static String elide(TextMeasure m, String text, double max, double scale) {
        return m.elideMiddle(text, max / scale);
    }

    /** Type indices, most frequent (row total) first, ties by name. */
    static int[] byFrequency(HeatmapData data) {
        Integer[] idx = new Integer[data.typeCount()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, frequencyOrder(data));
        return java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static Comparator<Integer> frequencyOrder(HeatmapData data) {
        return Comparator.comparingLong((Integer i) -> -data.rowTotal(i + 1)).thenComparing(data.types()::get);
    }

    /**
     * Greedy nearest-neighbour chain: start at the most frequent type, then always append the unvisited type whose
     * next-event distribution is most similar (cosine) to the last one; ties by frequency order.
     */
    static int[] bySimilarity(HeatmapData data) {
        int t = data.typeCount();
        int[] freq = byFrequency(data);
        if (t == 0) {
            return freq;
        }
        double[][] unit = new double[t][];
        for (int i = 0; i < t; i++) {
            long[] row = data.counts()[i + 1];
            double norm = 0;
            for (long c : row) {
                norm += (double) c * c;
            }
            norm = Math.sqrt(norm);
            unit[i] = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                unit[i][c] = norm == 0 ? 0 : row[c] / norm;
            }
        }
        boolean[] used = new boolean[t];
        int[] out = new int[t];
        out[0] = freq[0];
        used[freq[0]] = true;
        for (int k = 1; k < t; k++) {
            int last = out[k - 1];
            int best = -1;
            double bestSim = -1;
            for (int f : freq) { // in frequency order, so strict > keeps the more frequent on ties
                if (used[f]) {
                    continue;
                }
                double sim = 0;
                for (int c = 0; c < unit[f].length; c++) {
                    sim += unit[last][c] * unit[f][c];
                }
                if (sim > bestSim + 1e-12) {
                    bestSim = sim;
                    best = f;
                }
            }
            out[k] = best;
            used[best] = true;
        }
        return out;
    }

    private static double normalise(double v, double max, Mode mode) {
        if (mode == Mode.COUNT) {
            return Math.log1p(v) / Math.log1p(max);
        }
        return v / max;
    }

    private static final String[] RAMP_TABLE = new String[257];

    static {
        for (int i = 0; i <= 256; i++) {
            RAMP_TABLE[i] = interpolate(i / 256.0);
        }
    }

    /** Colour of a fraction 0..1 along {@link #RAMP}, in 257 steps (finer than the eye can tell apart). */
    public static String colorAt(double f) {
        return RAMP_TABLE[(int) Math.round(Math.max(0, Math.min(1, f)) * 256)];
    }

    private static String interpolate(double f) {
        double pos = f * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) pos);
        double u = pos - i;
        int[] a = EventColors.rgb(RAMP[i]);
        int[] b = EventColors.rgb(RAMP[i + 1]);
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + (b[0] - a[0]) * u),
                Math.round(a[1] + (b[1] - a[1]) * u), Math.round(a[2] + (b[2] - a[2]) * u));
    }

    static String formatPercent(double p) {
        double pct = p * 100;
        return pct >= 10 || pct == 0 ? String.format(Locale.ROOT, "%.0f%%", pct)
                : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    /** 1234 → "1.2k", 5600000 → "5.6M". */
    public static String compact(long v) {
        if (v < 1000) {
            return Long.toString(v);
        }
        if (v < 1_000_000) {
            return String.format(Locale.ROOT, v < 10_000 ? "%.1fk" : "%.0fk", v / 1000.0);
        }
        return String.format(Locale.ROOT, v < 10_000_000 ? "%.1fM" : "%.0fM", v / 1_000_000.0);
    }
}
