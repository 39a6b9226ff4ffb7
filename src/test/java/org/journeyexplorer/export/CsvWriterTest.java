package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.SankeyData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvWriterTest {

    @Test
    void sankeyCsvHasCommentHeaderThenOneRowPerNodeAndLink() throws Exception {
        SankeyData data = new SankeyData(List.of(
                new SankeyData.Node(0, "0:a", "a", 10, 2, 0, "a", false, 0, List.of()),
                new SankeyData.Node(1, "1:Other", "Other, misc", 8, 8, 0, "Other", true, 0, List.of("x 5", "y 3"))),
                List.of(new SankeyData.Link(0, 1, 8, 90_000_000)), 10, "persons", false);
        StringBuilder out = new StringBuilder();
        CsvWriter.writeSankey(data, new ChartCaption("Flows", "demo", "", "2024"), out);
        String[] lines = out.toString().split("\r\n");
        assertEquals("# Flows", lines[0]);
        assertEquals("# Project: demo", lines[1]);
        assertEquals("# Dates: 2024", lines[2]);
        assertEquals("# Filters: none", lines[3]);
        assertEquals("kind,step,from,to,value,percent_of_start,drop_off,continuing,median_seconds,members", lines[4]);
        assertEquals("node,1,,a,10,100.00,2,0,,", lines[5]);
        assertEquals("node,2,,\"Other, misc\",8,80.00,8,0,,x 5; y 3", lines[6]);
        assertEquals("link,2,a,\"Other, misc\",8,80.00,,,90,", lines[7]);
        assertEquals(8, lines.length);
    }

    @Test
    void heatmapCsvListsNonZeroCellsWithRowProbabilities() throws Exception {
        long[][] c = {{3, 1, 0}, {0, 2, 2}, {1, 0, 2}};
        StringBuilder out = new StringBuilder();
        CsvWriter.writeHeatmap(new HeatmapData(List.of("a", "b"), c, null, "transitions"),
                new ChartCaption("T", "", "", ""), out);
        List<String> lines = List.of(out.toString().split("\r\n"));
        assertEquals("from,to,count,probability,median_seconds", lines.get(2));
        assertEquals("START,a,3,0.750000,", lines.get(3));
        assertEquals(2 + 7, lines.size()); // 2 comments + header + 6 non-zero cells
    }
}
