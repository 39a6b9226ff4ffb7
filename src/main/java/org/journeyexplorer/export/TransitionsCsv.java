package org.journeyexplorer.export;

import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.chart.ChartCaption;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The transitions CSV, one schema whether the app exports it (Transitions tab ▸ Export) or the CLI prints it
 * ({@code transitions --csv}): the caption as {@code #} comment lines, then one row per non-zero cell of the
 * event → next event matrix, in long format. Rows come in matrix order whatever the heatmap's display order: the
 * START row first, then the event types; within a row the types, then END.
 * <ul>
 *   <li>{@code from}, {@code to}: event types, or START (before a session's first event) and END (after its
 *       last);</li>
 *   <li>{@code count}: how often {@code to} directly followed {@code from} within a session;
 *       {@code probability}: count / all transitions out of {@code from};</li>
 *   <li>{@code median_seconds}, {@code p90_seconds}: time between the two events (nearest rank, see
 *       {@link org.journeyexplorer.analysis.Percentiles}); empty for START and END.</li>
 * </ul>
 */
public final class TransitionsCsv {
    /** The header row. */
    public static final String[] COLUMNS = {"from", "to", "count", "probability", "median_seconds", "p90_seconds"};
    /** The caption title: the CSV holds the same cells whatever the heatmap shows or how it orders them. */
    public static final String TITLE = "Transitions: event → next event within sessions";

    private TransitionsCsv() {
    }

    public static void write(TransitionMatrix m, ChartCaption caption, Appendable out) throws IOException {
        Csv csv = new Csv(out).caption(caption).header(COLUMNS);
        int types = m.typeCount();
        for (int r = -1; r < types; r++) {
            int from = r < 0 ? m.start() : r;
            for (int col : m.successors(from)) {
                long count = m.count(from, col);
                csv.text(m.name(from)).text(m.name(col)).number(count).number(m.probability(from, col), 6)
                        .number(m.medianSeconds(from, col), 3).number(m.p90Seconds(from, col), 3).endRow();
            }
        }
    }

    public static void write(TransitionMatrix m, ChartCaption caption, Path file) {
        TextFiles.write(file, w -> write(m, caption, w));
    }

    /** The CSV as a string (the CLI prints it). */
    public static String asString(TransitionMatrix m, ChartCaption caption) {
        return TextFiles.string(w -> write(m, caption, w));
    }
}
