package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.ProcessMapData;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The process map as CSV: the caption as {@code #} comment lines, then one row per path drawn ({@code from},
 * {@code to}: activities, START or END; {@code count}: how often {@code to} directly followed {@code from} within a
 * case; {@code median_seconds}: time between them, empty for START and END), then one row per activity with its
 * frequency in {@code count} and an empty {@code to}.
 */
public final class ProcessMapCsv {
    public static final String[] COLUMNS = {"from", "to", "count", "median_seconds"};

    private ProcessMapCsv() {
    }

    public static void write(ProcessMapData d, ChartCaption caption, Appendable out) throws IOException {
        Csv csv = new Csv(out).caption(caption).header(COLUMNS);
        for (ProcessMapData.Link l : d.links()) {
            csv.text(d.nodes().get(l.from()).label()).text(d.nodes().get(l.to()).label()).number(l.count());
            if (l.medianMicros() < 0) {
                csv.empty();
            } else {
                csv.number(l.medianMicros() / 1e6, 3);
            }
            csv.endRow();
        }
        for (ProcessMapData.Node n : d.nodes()) {
            if (n.kind() == ProcessMapData.Kind.ACTIVITY) {
                csv.text(n.label()).empty().number(n.frequency()).empty().endRow();
            }
        }
    }

    public static void write(ProcessMapData d, ChartCaption caption, Path file) {
        TextFiles.write(file, w -> write(d, caption, w));
    }
}
