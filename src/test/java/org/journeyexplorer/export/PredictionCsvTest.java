package org.journeyexplorer.export;

import org.journeyexplorer.predict.portable.NextStep;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.Sequences;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PredictionCsvTest {

    @Test
    void conversionRowsCarryTheHandSolvedValues() {
        // The chain of ConversionAnalysisTest: xA = xB = xSTART = 1/2; removal effects A 5/6, B 5/8.
        Sequences s = Sequences.ofNames(List.of(List.of("A", "G"), List.of("A", "B", "G"), List.of("A", "B"),
                List.of("B", "A")));
        String csv = PredictionCsv.conversion(ConversionAnalysis.analyze(s, s.typeIndex("G"), 0, 1,
                TaskContext.NONE));
        List<String> lines = csv.lines().toList();
        assertEquals("goal,state,visits,conversion,expected_steps,removal_effect,ci_low,ci_high", lines.get(0));
        assertEquals("G,G,2,1.000000,0.000000,,,", lines.get(1));
        assertEquals(5, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.equals("G,A,4,0.500000,1.800000,0.833333,,")).count());
        assertEquals(1, lines.stream().filter(l -> l.equals("G,B,3,0.500000,1.600000,0.625000,,")).count());
        assertEquals(1, lines.stream().filter(l -> l.equals("G,(start),4,0.500000,2.750000,,,")).count());
    }

    @Test
    void namesWithCommasAreQuoted() {
        String csv = PredictionCsv.nextSteps(List.of("x", "y"), List.of(new NextStep(0, "a,b", 0.5),
                new NextStep(NextStep.END, NextStep.END_NAME, 0.25)));
        assertEquals("prefix,rank,next_step,probability\r\nx > y,1,\"a,b\",0.500000\r\nx > y,2,(leaves),0.250000\r\n", csv);
    }

    @Test
    void reliabilityHasEveryBinUnderTheCaption(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("r.csv");
        PredictionCsv.reliability(SvgWriterTest.twoBins(),
                new org.journeyexplorer.chart.ChartCaption("Reliability", "shop", "", ""), file);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(List.of("# Reliability", "# Project: shop", "# Filters: none",
                "# Expected calibration error: 0.050000", "bin_from,bin_to,predictions,mean_confidence,accuracy",
                "0.00,0.10,0,,"), lines.subList(0, 6));
        assertEquals("0.50,0.60,10,0.550000,0.600000", lines.get(10));
        assertEquals("0.90,1.00,30,0.950000,0.900000", lines.get(14));
        assertEquals(15, lines.size());
    }
}
