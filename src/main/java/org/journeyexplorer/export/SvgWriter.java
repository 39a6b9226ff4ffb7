package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.chart.FunnelGeometry;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.ProcessMapData;
import org.journeyexplorer.chart.ProcessMapGeometry;
import org.journeyexplorer.chart.ReliabilityGeometry;
import org.journeyexplorer.chart.ReliabilityLayout;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes charts as standalone SVG from the same geometry records the canvas paints, so an export cannot disagree
 * with the screen. Each Sankey link is exactly one {@code <path class="link">}; the caption (project, dates,
 * filters) is in {@code <title>}, {@code <metadata>} and as visible text under the chart.
 */
public final class SvgWriter {

    /** Colours of the non-data parts; the UI passes its CSS tokens so the export matches the theme. */
    public record Style(String background, String text, String mutedText, double linkOpacity, String font) {
        public static Style light() {
            return new Style("#ffffff", "#1f2937", "#6b7280", 0.45, "Inter, Segoe UI, Helvetica, Arial, sans-serif");
        }
    }

    private static final double CAPTION_LINE = 15;
    /** The funnel's bars: the light theme's accent. */
    public static final String FUNNEL_BAR = "#2f6fde";
    /** The funnel's drop-off shading: red, which the charts keep for drop-offs. */
    public static final String FUNNEL_DROP = "#c4314b";

    private SvgWriter() {
    }

    public static void writeSankey(SankeyGeometry g, ChartCaption caption, Style style, Path file) {
        TextFiles.write(file, out -> writeSankey(g, caption, style, out));
    }

    public static void writeHeatmap(HeatmapGeometry g, ChartCaption caption, Style style, Path file) {
        TextFiles.write(file, out -> writeHeatmap(g, caption, style, out));
    }

    public static void writeProcessMap(ProcessMapGeometry g, ChartCaption caption, Style style, Path file) {
        TextFiles.write(file, out -> writeProcessMap(g, caption, style, out));
    }

    public static void writeReliability(ReliabilityGeometry g, ChartCaption caption, Style style, String barColor,
                                        Path file) {
        TextFiles.write(file, out -> writeReliability(g, caption, style, barColor, out));
    }

    /** Height the caption adds under a chart. */
    public static double captionHeight(ChartCaption caption) {
        return caption.lines().size() * CAPTION_LINE + 10;
    }

    public static void writeSankey(SankeyGeometry g, ChartCaption caption, Style style, Appendable out)
            throws IOException {
        double h = g.height() + captionHeight(caption);
        header(out, g.width(), h, caption, style);
        SankeyData data = g.data();
        out.append("<defs><linearGradient id=\"dropfade-r\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">")
                .append("<stop offset=\"0\" stop-color=\"#d9534f\" stop-opacity=\"0.8\"/>")
                .append("<stop offset=\"1\" stop-color=\"#d9534f\" stop-opacity=\"0\"/></linearGradient>")
                .append("<linearGradient id=\"dropfade-l\" x1=\"1\" x2=\"0\" y1=\"0\" y2=\"0\">")
                .append("<stop offset=\"0\" stop-color=\"#d9534f\" stop-opacity=\"0.8\"/>")
                .append("<stop offset=\"1\" stop-color=\"#d9534f\" stop-opacity=\"0\"/></linearGradient>")
                .append("<linearGradient id=\"contfade-r\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">")
                .append("<stop offset=\"0\" stop-color=\"#9ca3af\" stop-opacity=\"0.7\"/>")
                .append("<stop offset=\"1\" stop-color=\"#9ca3af\" stop-opacity=\"0\"/></linearGradient>")
                .append("<linearGradient id=\"contfade-l\" x1=\"1\" x2=\"0\" y1=\"0\" y2=\"0\">")
                .append("<stop offset=\"0\" stop-color=\"#9ca3af\" stop-opacity=\"0.7\"/>")
                .append("<stop offset=\"1\" stop-color=\"#9ca3af\" stop-opacity=\"0\"/></linearGradient></defs>\n");
        out.append("<g class=\"headers\" fill=\"").append(style.mutedText()).append("\" font-size=\"11\">\n");
        for (SankeyGeometry.Header hd : g.headers()) {
            out.append("<text x=\"").append(n(hd.x())).append("\" y=\"").append(n(hd.y())).append('"')
                    .append(hd.alignRight() ? " text-anchor=\"end\">" : ">")
                    .append(esc(hd.text())).append("</text>\n");
        }
        out.append("</g>\n<g class=\"links\" fill-opacity=\"").append(n(style.linkOpacity())).append("\">\n");
        // Thick first, so thin bands stay visible on top, as on screen.
        List<SankeyGeometry.Ribbon> ribbons = g.ribbons().stream()
                .sorted(Comparator.comparingDouble(SankeyGeometry.Ribbon::thickness).reversed()).toList();
        for (SankeyGeometry.Ribbon r : ribbons) {
            SankeyData.Link l = data.links().get(r.link());
            out.append("<path class=\"link\" d=\"").append(ribbonPath(r)).append("\" fill=\"").append(r.color())
                    .append("\"><title>").append(esc(data.nodes().get(l.from()).label() + " → "
                            + data.nodes().get(l.to()).label() + ": " + Formats.count(l.value()) + " "
                            + data.unit())).append("</title></path>\n");
        }
        out.append("</g>\n<g class=\"dropoffs\">\n");
        for (SankeyGeometry.Stub s : g.stubs()) {
            double x = s.leftSide() ? s.x() - s.length() : s.x();
            SankeyData.Node node = data.nodes().get(s.node());
            String what = s.continuing() ? Formats.count(node.continuing()) + " go on beyond this step"
                    : Formats.count(node.dropOff()) + (data.anchoredAtEnd() ? " started here" : " dropped off");
            out.append("<rect class=\"").append(s.continuing() ? "continuing" : "dropoff").append("\" x=\"")
                    .append(n(x)).append("\" y=\"").append(n(s.y()))
                    .append("\" width=\"").append(n(s.length())).append("\" height=\"").append(n(s.h()))
                    .append("\" fill=\"url(#").append(s.continuing() ? "contfade-" : "dropfade-")
                    .append(s.leftSide() ? "l" : "r").append(")\"><title>")
                    .append(esc(node.label() + ": " + what)).append("</title></rect>\n");
        }
        out.append("</g>\n<g class=\"nodes\">\n");
        for (SankeyGeometry.NodeBox b : g.nodes()) {
            SankeyData.Node node = data.nodes().get(b.node());
            out.append("<rect class=\"node").append(b.other() ? " other" : "").append(b.repeat() ? " repeat" : "")
                    .append("\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                    .append(n(b.w())).append("\" height=\"").append(n(Math.max(1, b.h()))).append("\" fill=\"")
                    .append(b.color()).append('"');
            if (b.repeat()) {
                out.append(" stroke=\"").append(style.text()).append("\" stroke-dasharray=\"3 2\"");
            }
            out.append("><title>").append(esc(node.label() + ": " + Formats.count(node.value()) + " "
                    + data.unit())).append("</title></rect>\n");
        }
        out.append("</g>\n<g class=\"labels\" font-size=\"12\" fill=\"").append(style.text()).append("\">\n");
        for (SankeyGeometry.Label lb : g.labels()) {
            out.append("<text x=\"").append(n(lb.x())).append("\" y=\"").append(n(lb.y()))
                    .append("\" dominant-baseline=\"central\"");
            if (lb.alignRight()) {
                out.append(" text-anchor=\"end\"");
            }
            out.append(" paint-order=\"stroke\" stroke=\"").append(style.background())
                    .append("\" stroke-width=\"3\" stroke-opacity=\"0.8\">")
                    .append(esc(lb.text())).append("</text>\n");
        }
        out.append("</g>\n<g class=\"keys\" font-size=\"11\" fill=\"").append(style.mutedText()).append("\">\n");
        for (SankeyGeometry.Key k : g.keys()) {
            String fill = switch (k.kind()) {
                case DROP_OFF -> "fill=\"#d9534f\"";
                case CONTINUING -> "fill=\"#9ca3af\"";
                case LOOP -> "fill=\"none\" stroke=\"" + style.text() + "\" stroke-dasharray=\"3 2\"";
            };
            out.append("<rect x=\"").append(n(k.x())).append("\" y=\"").append(n(k.y())).append("\" width=\"10\" ")
                    .append("height=\"10\" ").append(fill).append("/>")
                    .append("<text x=\"").append(n(k.x() + 16)).append("\" y=\"").append(n(k.y() + 5))
                    .append("\" dominant-baseline=\"central\">").append(esc(k.text())).append("</text>\n");
        }
        out.append("</g>\n");
        caption(out, caption, style, g.height());
        out.append("</svg>\n");
    }

    public static void writeHeatmap(HeatmapGeometry g, ChartCaption caption, Style style, Appendable out)
            throws IOException {
        double h = g.height() + captionHeight(caption);
        header(out, g.width(), h, caption, style);
        out.append("<g class=\"cells\">\n");
        for (HeatmapGeometry.Cell c : g.cells()) {
            out.append("<rect class=\"cell\" x=\"").append(n(c.x())).append("\" y=\"").append(n(c.y()))
                    .append("\" width=\"").append(n(c.size())).append("\" height=\"").append(n(c.size()))
                    .append("\" fill=\"").append(c.color() == null ? "#f7f7f7" : c.color())
                    .append("\" stroke=\"").append(style.background()).append("\" stroke-width=\"")
                    .append(n(Math.min(1, c.size() / 12))).append("\">");
            out.append("<title>").append(esc(g.data().rowLabel(c.row()) + " → " + g.data().colLabel(c.col())
                    + ": " + Formats.count(c.count()))).append("</title></rect>\n");
            if (c.text() != null) {
                out.append("<text x=\"").append(n(c.x() + c.size() / 2)).append("\" y=\"")
                        .append(n(c.y() + c.size() / 2)).append("\" font-size=\"10\" text-anchor=\"middle\" ")
                        .append("dominant-baseline=\"central\" fill=\"").append(textOn(c.color())).append("\">")
                        .append(esc(c.text())).append("</text>\n");
            }
        }
        out.append("</g>\n<g class=\"row-labels\" font-size=\"").append(n(g.fontSize())).append("\" fill=\"")
                .append(style.text())
                .append("\" text-anchor=\"end\" dominant-baseline=\"central\">\n");
        for (HeatmapGeometry.AxisLabel l : g.rowLabels()) {
            out.append("<text x=\"").append(n(l.x())).append("\" y=\"").append(n(l.y())).append("\">")
                    .append(esc(l.text())).append("</text>\n");
        }
        out.append("</g>\n<g class=\"col-labels\" font-size=\"").append(n(g.fontSize())).append("\" fill=\"")
                .append(style.text()).append("\" dominant-baseline=\"central\">\n");
        for (HeatmapGeometry.AxisLabel l : g.colLabels()) {
            out.append("<text transform=\"translate(").append(n(l.x())).append(' ').append(n(l.y()))
                    .append(") rotate(").append(n(g.colLabelAngle())).append(")\">")
                    .append(esc(l.text())).append("</text>\n");
        }
        HeatmapGeometry.Legend lg = g.legend();
        out.append("</g>\n<defs><linearGradient id=\"legend\" x1=\"0\" x2=\"0\" y1=\"1\" y2=\"0\">");
        for (HeatmapGeometry.Stop s : lg.stops()) {
            out.append("<stop offset=\"").append(n(s.fraction())).append("\" stop-color=\"").append(s.color())
                    .append("\"/>");
        }
        out.append("</linearGradient></defs>\n<g class=\"legend\" font-size=\"11\" fill=\"")
                .append(style.mutedText()).append("\">\n");
        out.append("<text x=\"").append(n(lg.x())).append("\" y=\"").append(n(lg.y() - 8)).append("\">")
                .append(esc(lg.title())).append("</text>\n");
        out.append("<rect x=\"").append(n(lg.x())).append("\" y=\"").append(n(lg.y())).append("\" width=\"")
                .append(n(lg.w())).append("\" height=\"").append(n(lg.h())).append("\" fill=\"url(#legend)\"/>\n");
        for (HeatmapGeometry.Tick t : lg.ticks()) {
            out.append("<text x=\"").append(n(lg.x() + lg.w() + 6)).append("\" y=\"").append(n(t.y()))
                    .append("\" dominant-baseline=\"central\">").append(esc(t.text())).append("</text>\n");
        }
        out.append("</g>\n");
        caption(out, caption, style, g.height());
        out.append("</svg>\n");
    }

    /**
     * A process map: one {@code <path class="edge">} per path with its arrowhead and annotation, then one box per
     * activity ({@code <rect class="activity">}, START and END as circles) with its name and frequency.
     */
    public static void writeProcessMap(ProcessMapGeometry g, ChartCaption caption, Style style, Appendable out)
            throws IOException {
        double h = g.height() + captionHeight(caption);
        header(out, g.width(), h, caption, style);
        out.append("<g class=\"edges\" fill=\"none\">\n");
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            ProcessMapData.Link link = g.data().links().get(e.link());
            out.append("<path class=\"edge").append(e.loop() ? " loop" : e.back() ? " back" : "")
                    .append("\" d=\"").append(edgePath(e)).append("\" stroke=\"").append(e.color())
                    .append("\" stroke-width=\"").append(n(e.thickness())).append("\"><title>")
                    .append(esc(g.data().nodes().get(link.from()).label() + " → "
                            + g.data().nodes().get(link.to()).label() + ": " + Formats.count(link.count())))
                    .append("</title></path>\n");
            double[] p = e.points();
            double[] a = e.arrow();
            out.append("<polygon class=\"arrow\" points=\"").append(n(p[p.length - 2])).append(',')
                    .append(n(p[p.length - 1])).append(' ').append(n(a[0])).append(',').append(n(a[1])).append(' ')
                    .append(n(a[2])).append(',').append(n(a[3])).append("\" fill=\"").append(e.color())
                    .append("\"/>\n");
        }
        out.append("</g>\n<g class=\"edge-labels\" font-size=\"11\" fill=\"").append(style.mutedText())
                .append("\" dominant-baseline=\"central\">\n");
        for (ProcessMapGeometry.EdgePath e : g.edges()) {
            if (!e.label().isEmpty()) {
                out.append("<text x=\"").append(n(e.labelX())).append("\" y=\"").append(n(e.labelY()))
                        .append("\">").append(esc(e.label())).append("</text>\n");
            }
        }
        out.append("</g>\n<g class=\"nodes\" font-size=\"12\" text-anchor=\"middle\">\n");
        for (ProcessMapGeometry.NodeBox b : g.nodes()) {
            ProcessMapData.Node node = g.data().nodes().get(b.node());
            if (node.kind() == ProcessMapData.Kind.ACTIVITY) {
                out.append("<rect class=\"activity\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                        .append("\" width=\"").append(n(b.w())).append("\" height=\"").append(n(b.h()))
                        .append("\" rx=\"6\" fill=\"").append(b.fill()).append("\"><title>")
                        .append(esc(node.label() + ": " + Formats.count(node.frequency()))).append("</title></rect>\n");
                out.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y() + 4))
                        .append("\" width=\"4\" height=\"").append(n(b.h() - 8)).append("\" fill=\"")
                        .append(b.stripe()).append("\"/>\n");
            } else {
                out.append("<circle class=\"").append(node.kind().name().toLowerCase(Locale.ROOT))
                        .append("\" cx=\"").append(n(b.centerX())).append("\" cy=\"").append(n(b.centerY()))
                        .append("\" r=\"").append(n(b.h() / 2)).append("\" fill=\"").append(b.fill())
                        .append("\"/>\n");
            }
            out.append("<text x=\"").append(n(b.centerX())).append("\" y=\"").append(n(b.y() + b.h() * 0.38))
                    .append("\" dominant-baseline=\"central\" fill=\"").append(b.text())
                    .append(node.kind() == ProcessMapData.Kind.ACTIVITY ? "\"" : "\" font-size=\"10\"")
                    .append(">").append(esc(b.title())).append("</text>\n");
            out.append("<text x=\"").append(n(b.centerX())).append("\" y=\"").append(n(b.y() + b.h() * 0.72))
                    .append("\" dominant-baseline=\"central\" font-size=\"10\" fill=\"").append(b.text())
                    .append("\">").append(esc(b.detail())).append("</text>\n");
        }
        out.append("</g>\n");
        caption(out, caption, style, g.height());
        out.append("</svg>\n");
    }

    /**
     * A reliability diagram: the plot frame, one {@code <rect class="bar">} per non-empty confidence bin (its
     * tooltip as {@code <title>}), the dashed diagonal of perfect calibration, the axis ticks and label.
     */
    public static void writeReliability(ReliabilityGeometry g, ChartCaption caption, Style style, String barColor,
                                        Appendable out) throws IOException {
        double h = g.height() + captionHeight(caption);
        header(out, g.width(), h, caption, style);
        out.append("<rect class=\"frame\" x=\"").append(n(g.plotX())).append("\" y=\"").append(n(g.plotY()))
                .append("\" width=\"").append(n(g.plotW())).append("\" height=\"").append(n(g.plotH()))
                .append("\" fill=\"none\" stroke=\"").append(style.mutedText()).append("\" stroke-opacity=\"0.5\"/>\n");
        out.append("<g class=\"bars\" fill=\"").append(barColor).append("\" fill-opacity=\"0.85\">\n");
        for (ReliabilityGeometry.Bar b : g.bars()) {
            out.append("<rect class=\"bar\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                    .append("\" width=\"").append(n(b.w())).append("\" height=\"").append(n(b.h()))
                    .append("\"><title>").append(esc(b.tooltip())).append("</title></rect>\n");
        }
        out.append("</g>\n<line class=\"diagonal\" x1=\"").append(n(g.plotX())).append("\" y1=\"")
                .append(n(g.plotY() + g.plotH())).append("\" x2=\"").append(n(g.plotX() + g.plotW()))
                .append("\" y2=\"").append(n(g.plotY())).append("\" stroke=\"").append(style.text())
                .append("\" stroke-dasharray=\"4 3\"/>\n");
        out.append("<g class=\"ticks\" font-size=\"11\" fill=\"").append(style.mutedText()).append("\">\n");
        for (ReliabilityGeometry.Tick t : g.ticks()) {
            out.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y()))
                    .append(t.yAxis() ? "\" text-anchor=\"end\">" : "\" text-anchor=\"middle\">")
                    .append(esc(t.text())).append("</text>\n");
        }
        out.append("<text class=\"axis\" x=\"").append(n(g.plotX() + g.plotW() / 2)).append("\" y=\"")
                .append(n(g.height() - 4)).append("\" text-anchor=\"middle\">").append(esc(ReliabilityLayout.AXIS_LABEL))
                .append("</text>\n</g>\n");
        caption(out, caption, style, g.height());
        out.append("</svg>\n");
    }

    public static void writeFunnel(FunnelGeometry g, ChartCaption caption, Style style, Path file) {
        TextFiles.write(file, out -> writeFunnel(g, caption, style, out));
    }

    /**
     * A funnel: count gridlines, then per step its bar ({@code <rect class="bar">}) with its share of step 1 on it,
     * the drop-off since the previous step shaded above it ({@code <rect class="dropped">}) and its name under it.
     */
    public static void writeFunnel(FunnelGeometry g, ChartCaption caption, Style style, Appendable out)
            throws IOException {
        header(out, g.width(), g.height() + captionHeight(caption), caption, style);
        out.append("<g class=\"grid\" font-size=\"11\" fill=\"").append(style.mutedText())
                .append("\" text-anchor=\"end\">\n");
        for (FunnelGeometry.Tick t : g.ticks()) {
            out.append("<line x1=\"").append(n(g.plotX())).append("\" x2=\"").append(n(g.plotX() + g.plotW()))
                    .append("\" y1=\"").append(n(t.y())).append("\" y2=\"").append(n(t.y()))
                    .append("\" stroke=\"").append(style.mutedText()).append("\" stroke-opacity=\"0.25\"/>\n");
            out.append("<text x=\"").append(n(g.plotX() - 6)).append("\" y=\"").append(n(t.y() + 4)).append("\">")
                    .append(esc(t.text())).append("</text>\n");
        }
        out.append("</g>\n<g class=\"bars\" font-size=\"12\" text-anchor=\"middle\">\n");
        for (FunnelGeometry.Bar b : g.bars()) {
            double cx = b.x() + b.w() / 2;
            if (b.dropH() > 0) {
                out.append("<rect class=\"dropped\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.dropY()))
                        .append("\" width=\"").append(n(b.w())).append("\" height=\"").append(n(b.dropH()))
                        .append("\" fill=\"").append(FUNNEL_DROP).append("\" fill-opacity=\"0.22\"><title>")
                        .append(esc(b.dropText())).append("</title></rect>\n");
            }
            out.append("<rect class=\"bar\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                    .append("\" width=\"").append(n(b.w())).append("\" height=\"").append(n(b.h()))
                    .append("\" fill=\"").append(FUNNEL_BAR).append("\"><title>").append(esc(b.tooltip()))
                    .append("</title></rect>\n");
            // the share on the bar when it is tall enough to hold it, else just above it
            boolean inside = b.h() >= 22;
            out.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(inside ? b.y() + 16 : b.y() - 5))
                    .append("\" font-weight=\"bold\" fill=\"").append(inside ? "#ffffff" : style.text()).append("\">")
                    .append(esc(b.percent())).append("</text>\n");
            out.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(g.plotY() + g.plotH() + 18))
                    .append("\" fill=\"").append(style.text()).append("\">").append(esc(b.label()))
                    .append("</text>\n");
        }
        out.append("</g>\n");
        caption(out, caption, style, g.height());
        out.append("</svg>\n");
    }

    /** The SVG path data of a process-map path (its cubic segments). The canvas draws the same segments. */
    public static String edgePath(ProcessMapGeometry.EdgePath e) {
        double[] p = e.points();
        StringBuilder b = new StringBuilder("M").append(n(p[0])).append(',').append(n(p[1]));
        for (int i = 2; i + 5 < p.length; i += 6) {
            b.append(" C").append(n(p[i])).append(',').append(n(p[i + 1])).append(' ').append(n(p[i + 2]))
                    .append(',').append(n(p[i + 3])).append(' ').append(n(p[i + 4])).append(',')
                    .append(n(p[i + 5]));
        }
        return b.toString();
    }

    /** The SVG path of a ribbon: top curve forward, bottom curve back. The canvas builds the same path. */
    public static String ribbonPath(SankeyGeometry.Ribbon r) {
        double m = r.midX();
        double t = r.thickness();
        return "M" + n(r.x0()) + "," + n(r.y0())
                + " C" + n(m) + "," + n(r.y0()) + " " + n(m) + "," + n(r.y1()) + " " + n(r.x1()) + "," + n(r.y1())
                + " L" + n(r.x1()) + "," + n(r.y1() + t)
                + " C" + n(m) + "," + n(r.y1() + t) + " " + n(m) + "," + n(r.y0() + t) + " " + n(r.x0()) + ","
                + n(r.y0() + t) + " Z";
    }

    /** Dark or light text for legibility on a cell colour. */
    public static String textOn(String color) {
        return org.journeyexplorer.chart.EventColors.textOn(color);
    }

    private static void header(Appendable out, double w, double h, ChartCaption caption, Style style)
            throws IOException {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(w)).append("\" height=\"")
                .append(n(h)).append("\" viewBox=\"0 0 ").append(n(w)).append(' ').append(n(h))
                .append("\" font-family=\"").append(esc(style.font())).append("\">\n");
        out.append("<title>").append(esc(caption.title())).append("</title>\n");
        out.append("<metadata>").append(esc(String.join("\n", caption.lines()))).append("</metadata>\n");
        out.append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"").append(style.background())
                .append("\"/>\n");
    }

    private static void caption(Appendable out, ChartCaption caption, Style style, double top) throws IOException {
        out.append("<g class=\"caption\" font-size=\"11\" fill=\"").append(style.mutedText()).append("\">\n");
        double y = top + CAPTION_LINE;
        for (String line : caption.lines()) {
            out.append("<text x=\"10\" y=\"").append(n(y)).append("\">").append(esc(line)).append("</text>\n");
            y += CAPTION_LINE;
        }
        out.append("</g>\n");
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Two decimals without String.format, which dominates the time of large exports.
        long r = Math.round(Math.abs(v) * 100);
        StringBuilder b = new StringBuilder(12);
        if (v < 0 && r != 0) {
            b.append('-');
        }
        b.append(r / 100).append('.');
        long frac = r % 100;
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
        return b.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped; event names can carry them.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
