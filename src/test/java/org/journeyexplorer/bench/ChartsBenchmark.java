package org.journeyexplorer.bench;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.chart.SankeyData;
import org.journeyexplorer.chart.SankeyGeometry;
import org.journeyexplorer.chart.SankeyLayout;
import org.journeyexplorer.export.SvgWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Chart layout and SVG speed on the largest charts the UI offers: a Sankey of 20 steps × (10 + Other) nodes with
 * every adjacent pair linked, and a 200-type transitions heatmap. Args: [repetitions, default 20].
 */
public final class ChartsBenchmark {
    private ChartsBenchmark() {
    }

    public static void run(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        SankeyData sankey = denseSankey(20, 11, 1);
        HeatmapData heat = randomHeatmap(200, 2);
        System.out.printf("sankey: %d nodes, %d links; heatmap: %d types%n", sankey.nodes().size(),
                sankey.links().size(), heat.typeCount());
        time("sankey layout 1400x800", reps, () -> SankeyLayout.layout(sankey, 1400, 800));
        SankeyGeometry g = SankeyLayout.layout(sankey, 1400, 800);
        time("sankey svg", reps, () -> {
            StringBuilder b = new StringBuilder();
            try {
                SvgWriter.writeSankey(g, new ChartCaption("t", "p", "", ""), SvgWriter.Style.light(), b);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
            return b.length();
        });
        time("heatmap layout 200 types, frequency", reps,
                () -> HeatmapLayout.layout(heat, HeatmapLayout.Mode.PROBABILITY, HeatmapLayout.Order.FREQUENCY, 14));
        time("heatmap layout 200 types, similarity", reps,
                () -> HeatmapLayout.layout(heat, HeatmapLayout.Mode.PROBABILITY, HeatmapLayout.Order.SIMILARITY, 14));
        HeatmapGeometry hg = HeatmapLayout.layout(heat, HeatmapLayout.Mode.COUNT, HeatmapLayout.Order.FREQUENCY, 14);
        time("heatmap svg 200 types", reps, () -> {
            StringBuilder b = new StringBuilder();
            try {
                SvgWriter.writeHeatmap(hg, new ChartCaption("t", "p", "", ""), SvgWriter.Style.light(), b);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
            return b.length();
        });
    }

    private static void time(String name, int reps, Supplier<Object> work) {
        for (int i = 0; i < 3; i++) {
            work.get(); // warm up
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-40s median %8.2f ms   max %8.2f ms%n", name, ms[reps / 2], ms[reps - 1]);
    }

    static SankeyData denseSankey(int columns, int perColumn, long seed) {
        Random rnd = new Random(seed);
        List<SankeyData.Node> nodes = new ArrayList<>();
        List<SankeyData.Link> links = new ArrayList<>();
        double[] value = new double[columns * perColumn];
        for (int k = 0; k < perColumn; k++) {
            value[k] = 1000 + rnd.nextInt(5000);
        }
        for (int c = 0; c + 1 < columns; c++) {
            for (int a = 0; a < perColumn; a++) {
                double out = value[c * perColumn + a] * 0.8; // 20 % drop off
                double[] w = new double[perColumn];
                double sum = 0;
                for (int b = 0; b < perColumn; b++) {
                    w[b] = rnd.nextDouble() * rnd.nextDouble();
                    sum += w[b];
                }
                for (int b = 0; b < perColumn; b++) {
                    double v = out * w[b] / sum;
                    links.add(new SankeyData.Link(c * perColumn + a, (c + 1) * perColumn + b, v, 1_000_000));
                    value[(c + 1) * perColumn + b] += v;
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            for (int k = 0; k < perColumn; k++) {
                double v = value[c * perColumn + k];
                boolean other = k == perColumn - 1;
                nodes.add(new SankeyData.Node(c, c + ":" + k, other ? "Other" : "event_" + k, v,
                        c + 1 < columns ? v * 0.2 : v, 0, other ? "Other" : "event_" + k, other, 0, List.of()));
            }
        }
        return new SankeyData(nodes, links, Arrays.stream(value, 0, perColumn).sum(), "sessions", false);
    }

    static HeatmapData randomHeatmap(int types, long seed) {
        Random rnd = new Random(seed);
        long[][] c = new long[types + 1][types + 1];
        for (long[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextDouble() < 0.2 ? rnd.nextInt(10_000) : 0;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types; i++) {
            names.add("event_type_" + i);
        }
        return new HeatmapData(names, c, null, "transitions");
    }
}
