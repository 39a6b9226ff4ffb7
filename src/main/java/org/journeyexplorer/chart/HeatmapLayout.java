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

    /**
     * The colour scale, chosen by the theme so that rare cells sit close to the chart background and frequent ones
     * stand out from it: on light backgrounds light (rare) to dark blue (frequent), on dark backgrounds dark (rare)
     * to bright (frequent).
     */
    public enum Ramp {
        LIGHT("#d4e4f4", "#a9cbe6", "#6baed6", "#2171b5", "#08306b"),
        DARK("#1d3a57", "#1f5f8f", "#2f8fcf", "#7cc4f0", "#e3f4ff");

        private final String[] stops;
        private final String[] table = new String[257];

        Ramp(String... stops) {
            this.stops = stops;
            for (int i = 0; i <= 256; i++) {
                table[i] = interpolate(stops, i / 256.0);
            }
        }

        /** Colour of a fraction 0..1 along the ramp, in 257 steps (finer than the eye can tell apart). */
        public String colorAt(double f) {
            return table[(int) Math.round(Math.max(0, Math.min(1, f)) * 256)];
        }

        /** The ramp's stops from low to high. */
        public List<String> stops() {
            return List.of(stops);
        }
    }

    /** Smallest and largest cell side a layout uses (the zoom's range). */
    public static final double MIN_CELL = 4;
    public static final double MAX_CELL = 64;

    private static final double MAX_ROW_LABEL = 170;
    private static final double MAX_COL_LABEL = 150;

    private HeatmapLayout() {
    }

    public static HeatmapGeometry layout(HeatmapData data, Mode mode, Order order, double cellSize) {
        return layout(data, mode, order, cellSize, TextMeasure.approximate(12), 12, Ramp.LIGHT);
    }

    public static HeatmapGeometry layout(HeatmapData data, Mode mode, Order order, double cellSize,
                                         TextMeasure measure, double fontSize) {
        return layout(data, mode, order, cellSize, measure, fontSize, Ramp.LIGHT);
    }

    private static final double MARGIN = 10;
    private static final double LEGEND_GAP = 24;
    private static final double LEGEND_BAR = 14;

    /** Where the grid starts and how big the whole chart is at one cell size; see {@link #frame}. */
    private record Frame(double font, double scaleFont, double angle, double gridX, double gridY, double width,
                         double height, double legendH) {
    }

    /** The label widths are the same at every cell size (up to the font scale), so they are measured once. */
    private record LabelWidths(double row, double col, double legendText) {
        static LabelWidths of(HeatmapData data, TextMeasure measure) {
            int n = data.typeCount() + 1;
            double row = 0;
            double col = 0;
            for (int i = 0; i < n; i++) {
                row = Math.max(row, measure.width(data.rowLabel(i)));
                col = Math.max(col, measure.width(data.colLabel(i)));
            }
            return new LabelWidths(row, col, measure.width("100.0%"));
        }
    }

    private static Frame frame(int n, double cellSize, LabelWidths labels, double fontSize) {
        // Smaller cells get a smaller font and upright column labels, so neighbouring labels do not overlap.
        double font = Math.max(9, Math.min(fontSize, cellSize - 2));
        double scaleFont = font / fontSize;
        double angle = cellSize >= 20 ? -45 : -90;
        double sin = Math.abs(Math.sin(Math.toRadians(angle)));
        boolean showLabels = cellSize >= 8;
        double rowLabelW = showLabels ? Math.min(MAX_ROW_LABEL, labels.row() * scaleFont) : 0;
        double colLabelW = showLabels ? Math.min(MAX_COL_LABEL, labels.col() * scaleFont) : 0;
        double gridX = MARGIN + rowLabelW + 8;
        double gridY = MARGIN + fontSize + 6 + colLabelW * sin + font;
        double grid = n * cellSize;
        double legendH = Math.max(80, Math.min(240, grid));
        double width = gridX + grid + LEGEND_GAP + LEGEND_BAR + 8 + labels.legendText() + MARGIN;
        double height = Math.max(gridY + grid, gridY + legendH) + MARGIN;
        return new Frame(font, scaleFont, angle, gridX, gridY, width, height, legendH);
    }

    /**
     * The largest whole cell size in {@link #MIN_CELL}..{@link #MAX_CELL} at which the chart, labels and legend
     * included, fits into {@code width × height}; {@link #MIN_CELL} when even that does not fit (the view then
     * scrolls). Measures the labels once and searches the sizes, which is exact where an estimate of the label
     * space was not.
     */
    public static double fitCellSize(HeatmapData data, double width, double height, TextMeasure measure,
                                     double fontSize) {
        LabelWidths labels = LabelWidths.of(data, measure);
        int n = data.typeCount() + 1;
        int lo = (int) MIN_CELL;
        int hi = (int) MAX_CELL;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            Frame f = frame(n, mid, labels, fontSize);
            if (f.width() <= width && f.height() <= height) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Lays out with the given colour scale (the theme's). */
    public static HeatmapGeometry layout(HeatmapData data, Mode mode, Order order, double cellSize,
                                         TextMeasure measure, double fontSize, Ramp ramp) {
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

        Frame fr = frame(n, cellSize, LabelWidths.of(data, measure), fontSize);
        double font = fr.font();
        double scaleFont = fr.scaleFont();
        double angle = fr.angle();
        double gridX = fr.gridX();
        double gridY = fr.gridY();
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
                String color = count == 0 ? null : ramp.colorAt(normalise(v, scaleMax, mode));
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
        double legendX = gridX + gridW + LEGEND_GAP;
        double legendH = fr.legendH();
        List<HeatmapGeometry.Stop> stops = new ArrayList<>();
        List<String> rampStops = ramp.stops();
        for (int i = 0; i < rampStops.size(); i++) {
            stops.add(new HeatmapGeometry.Stop((double) i / (rampStops.size() - 1), rampStops.get(i)));
        }
        List<HeatmapGeometry.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            double v = mode == Mode.PROBABILITY ? f : Math.expm1(f * Math.log1p(scaleMax));
            String text = mode == Mode.PROBABILITY ? formatPercent(v) : compact(Math.round(v));
            ticks.add(new HeatmapGeometry.Tick(gridY + legendH * (1 - f), text));
        }
        String legendTitle = mode == Mode.PROBABILITY ? "share of row" : "count (log)";
        HeatmapGeometry.Legend legend = new HeatmapGeometry.Legend(legendX, gridY, LEGEND_BAR, legendH, legendTitle,
                stops, ticks);
        return new HeatmapGeometry(fr.width(), fr.height(), data, mode, gridX, gridY, cellSize, rowOrder, colOrder,
                cells, rowLabels, colLabels, legend, font, angle);
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

    /** Most frequent first, ties by name; the "Other" group last, as in the Sankey. */
    private static Comparator<Integer> frequencyOrder(HeatmapData data) {
        return Comparator.comparing((Integer i) -> data.isOther(i))
                .thenComparingLong(i -> -data.rowTotal(i + 1)).thenComparing(data.types()::get);
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
        int chained = t;
        for (int i = 0; i < t; i++) {
            if (data.isOther(i) && t > 1) {
                used[i] = true; // the group of the rest is no event: it stays last, as in frequency order
                out[t - 1] = i;
                chained = t - 1;
            }
        }
        for (int k = 1; k < chained; k++) {
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

    /** Colour of a fraction 0..1 along the light ramp. */
    public static String colorAt(double f) {
        return Ramp.LIGHT.colorAt(f);
    }

    static String interpolate(String[] ramp, double f) {
        double pos = f * (ramp.length - 1);
        int i = Math.min(ramp.length - 2, (int) pos);
        double u = pos - i;
        int[] a = EventColors.rgb(ramp[i]);
        int[] b = EventColors.rgb(ramp[i + 1]);
        return EventColors.hex(Math.round(a[0] + (b[0] - a[0]) * u), Math.round(a[1] + (b[1] - a[1]) * u),
                Math.round(a[2] + (b[2] - a[2]) * u));
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
