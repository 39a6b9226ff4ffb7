package org.journeyexplorer.export;

import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.chart.ChartCaption;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The flows CSV, one schema whether the app exports it (Flows tab ▸ Export) or the CLI prints it
 * ({@code flows --csv}): the caption as {@code #} comment lines, then one row per node and per link, told apart by
 * {@code kind}.
 * <ul>
 *   <li>{@code step}: relative to the anchor (0 at the start event, negative when going backward); a link's step is
 *       that of its right end;</li>
 *   <li>{@code node}, {@code from_node}, {@code to_node}: node ids, so links join to their nodes;</li>
 *   <li>{@code count}: journeys (persons or sessions, as the caption says); {@code percent_of_start}: of the
 *       journeys at the anchor;</li>
 *   <li>{@code dropoff}, {@code continuing}, {@code repeats}: see {@link FlowResult.Node};</li>
 *   <li>{@code median_seconds}: median time between a link's two events (nearest rank, see
 *       {@link org.journeyexplorer.analysis.Percentiles});</li>
 *   <li>{@code members}: what "Other" groups, as {@code label:count} separated by {@code ;}.</li>
 * </ul>
 */
public final class FlowsCsv {
    /** The header row. */
    public static final String[] COLUMNS = {"kind", "step", "node", "label", "count", "percent_of_start", "dropoff",
            "continuing", "repeats", "from_node", "from_label", "to_node", "to_label", "median_seconds", "members"};

    private FlowsCsv() {
    }

    /** @throws IllegalArgumentException for a flow whose medians are still being computed (a CSV holds them) */
    public static void write(FlowResult r, ChartCaption caption, Appendable out) throws IOException {
        if (r.mediansPending()) {
            throw new IllegalArgumentException("the flow's medians are still being computed");
        }
        Csv csv = new Csv(out).caption(caption).header(COLUMNS);
        int anchor = r.anchorColumn();
        for (FlowResult.Node n : r.nodes()) {
            StringBuilder members = new StringBuilder();
            for (FlowResult.Member m : n.members()) {
                members.append(members.length() == 0 ? "" : ";").append(m.label()).append(':').append(m.count());
            }
            csv.text("node").number(n.column() - anchor).number(n.id()).text(n.label()).number(n.count());
            percent(csv, n.count(), r.journeys());
            csv.number(n.dropoff()).number(n.continuing()).number(n.repeatCount())
                    .empty().empty().empty().empty().empty().text(members.toString()).endRow();
        }
        for (FlowResult.Link l : r.links()) {
            FlowResult.Node a = r.nodes().get(l.from());
            FlowResult.Node b = r.nodes().get(l.to());
            csv.text("link").number(b.column() - anchor).empty().empty().number(l.count());
            percent(csv, l.count(), r.journeys());
            csv.empty().empty().empty().number(a.id()).text(a.label()).number(b.id()).text(b.label())
                    .number(l.medianMicros() / 1e6, 3).empty().endRow();
        }
    }

    public static void write(FlowResult r, ChartCaption caption, Path file) {
        TextFiles.write(file, w -> write(r, caption, w));
    }

    /** The CSV as a string (the CLI prints it). */
    public static String asString(FlowResult r, ChartCaption caption) {
        return TextFiles.string(w -> write(r, caption, w));
    }

    private static void percent(Csv csv, int count, int journeys) {
        csv.number(journeys <= 0 ? Double.NaN : 100.0 * count / journeys, 2);
    }
}
