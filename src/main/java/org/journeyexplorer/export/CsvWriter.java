package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.SankeyData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the data behind a chart as CSV (RFC 4180 quoting), preceded by {@code #} comment lines with the caption
 * (project, dates, filters) so a spreadsheet keeps its provenance.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /**
     * One row per node ({@code kind=node}) and per link ({@code kind=link}): step, labels, value, share of the start
     * total, drop-off, journeys continuing beyond the last column, median seconds from the previous step, and for
     * "Other" the types it holds.
     */
    public static void writeSankey(SankeyData data, ChartCaption caption, Appendable out) throws IOException {
        comments(out, caption);
        out.append("kind,step,from,to,value,percent_of_start,drop_off,continuing,median_seconds,members\r\n");
        for (SankeyData.Node n : data.nodes()) {
            row(out, "node", Integer.toString(n.step() + 1), "", n.label(), num(n.value()), pct(n.value(), data),
                    num(n.dropOff()), num(n.continuing()), "", String.join("; ", n.members()));
        }
        for (SankeyData.Link l : data.links()) {
            SankeyData.Node a = data.nodes().get(l.from());
            SankeyData.Node b = data.nodes().get(l.to());
            row(out, "link", Integer.toString(b.step() + 1), a.label(), b.label(), num(l.value()), pct(l.value(), data),
                    "", "", l.medianMicros() < 0 ? "" : num(l.medianMicros() / 1e6), "");
        }
    }

    /** Long format: one row per non-zero cell with count, row probability and median seconds. */
    public static void writeHeatmap(HeatmapData data, ChartCaption caption, Appendable out) throws IOException {
        comments(out, caption);
        out.append("from,to,count,probability,median_seconds\r\n");
        int n = data.typeCount() + 1;
        for (int r = 0; r < n; r++) {
            long total = data.rowTotal(r);
            for (int c = 0; c < n; c++) {
                long count = data.counts()[r][c];
                if (count == 0) {
                    continue;
                }
                long med = data.median(r, c);
                row(out, data.rowLabel(r), data.colLabel(c), Long.toString(count),
                        String.format(Locale.ROOT, "%.6f", (double) count / total), med < 0 ? "" : num(med / 1e6));
            }
        }
    }

    public static void writeSankey(SankeyData data, ChartCaption caption, Path file) {
        TextFiles.write(file, w -> writeSankey(data, caption, w));
    }

    public static void writeHeatmap(HeatmapData data, ChartCaption caption, Path file) {
        TextFiles.write(file, w -> writeHeatmap(data, caption, w));
    }

    private static void comments(Appendable out, ChartCaption caption) throws IOException {
        for (String line : caption.lines()) {
            out.append("# ").append(line.replace('\n', ' ').replace('\r', ' ')).append("\r\n");
        }
    }

    private static String pct(double v, SankeyData data) {
        return data.startTotal() <= 0 ? "" : String.format(Locale.ROOT, "%.2f", 100 * v / data.startTotal());
    }

    private static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static void row(Appendable out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells[i]));
        }
        out.append("\r\n");
    }

    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.startsWith("#");
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
