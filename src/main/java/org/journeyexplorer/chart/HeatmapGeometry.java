package org.journeyexplorer.chart;

import java.util.List;

/**
 * A laid-out transitions heatmap in pixels, shared by the canvas painter and the SVG writer.
 *
 * @param width     full content width (the canvas scrolls when larger than the viewport)
 * @param height    full content height
 * @param data      the input
 * @param mode      what cell colours encode
 * @param gridX     left of the cell grid
 * @param gridY     top of the cell grid
 * @param cellSize  side of a cell
 * @param rowOrder  data row index per displayed row (START first)
 * @param colOrder  data column index per displayed column (END last)
 * @param cells     every cell, rows × columns, row-major in display order
 * @param rowLabels one per displayed row, right-aligned at its x
 * @param colLabels one per displayed column, drawn rotated by {@code colLabelAngle} around its anchor
 * @param legend    the colour legend
 * @param fontSize  label font size (smaller for small cells)
 * @param colLabelAngle rotation of column labels in degrees (negative = counter-clockwise, as in JavaFX and SVG):
 *                  -45 when cells are wide enough, else -90 so that neighbouring labels do not overlap
 */
public record HeatmapGeometry(double width, double height, HeatmapData data, HeatmapLayout.Mode mode, double gridX,
                              double gridY, double cellSize, int[] rowOrder, int[] colOrder, List<Cell> cells,
                              List<AxisLabel> rowLabels, List<AxisLabel> colLabels, Legend legend, double fontSize,
                              double colLabelAngle) {

    public HeatmapGeometry {
        cells = List.copyOf(cells);
        rowLabels = List.copyOf(rowLabels);
        colLabels = List.copyOf(colLabels);
    }

    /**
     * One cell.
     *
     * @param row   data row index
     * @param col   data column index
     * @param value probability (0..1) or count, per mode
     * @param count raw transition count
     * @param color fill, or null for an empty (zero) cell
     * @param text  value printed inside the cell when it is big enough, else null
     */
    public record Cell(int row, int col, double x, double y, double size, double value, long count, String color,
                       String text) {
    }

    /** An axis label; {@code fullText} is the unelided name for tooltips. */
    public record AxisLabel(int index, String text, String fullText, double x, double y) {
    }

    /**
     * A vertical colour bar from {@code max} (top) to {@code min} (bottom).
     *
     * @param stops gradient stops as (fraction from bottom, colour), ascending
     * @param ticks labelled values along the bar
     */
    public record Legend(double x, double y, double w, double h, String title, List<Stop> stops, List<Tick> ticks) {
    }

    public record Stop(double fraction, String color) {
    }

    /** A legend tick at vertical position y. */
    public record Tick(double y, String text) {
    }

    /**
     * Whether this geometry paints the same picture as {@code o}: every cell, label and the legend the same, and the
     * same types (and "Other" group) behind them. Only the data's times, which the tooltips read, may differ: the
     * heatmap's exact medians arrive after its counts and change nothing drawn.
     */
    public boolean paintsLike(HeatmapGeometry o) {
        return o != null && width == o.width && height == o.height && mode == o.mode && gridX == o.gridX
                && gridY == o.gridY && cellSize == o.cellSize && fontSize == o.fontSize
                && colLabelAngle == o.colLabelAngle && java.util.Arrays.equals(rowOrder, o.rowOrder)
                && java.util.Arrays.equals(colOrder, o.colOrder) && cells.equals(o.cells)
                && rowLabels.equals(o.rowLabels) && colLabels.equals(o.colLabels) && legend.equals(o.legend)
                && data.types().equals(o.data.types()) && data.otherMembers().equals(o.data.otherMembers());
    }

    public int rows() {
        return rowOrder.length;
    }

    public int cols() {
        return colOrder.length;
    }

    /** The cell under a point, or null. */
    public Cell cellAt(double px, double py) {
        if (px < gridX || py < gridY) {
            return null;
        }
        int c = (int) ((px - gridX) / cellSize);
        int r = (int) ((py - gridY) / cellSize);
        if (r >= rows() || c >= cols()) {
            return null;
        }
        return cells.get(r * cols() + c);
    }
}
