package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.portable.NextStep;

import java.nio.file.Path;
import java.util.List;

/** CSV renderings of prediction results for File ▸ Export, in the one {@link Csv} dialect. */
public final class PredictionCsv {
    private PredictionCsv() {
    }

    /** {@code goal,state,visits,conversion,expected_steps,removal_effect,ci_low,ci_high}; one row per state. */
    public static String conversion(ConversionAnalysis.Result r) {
        return TextFiles.string(w -> {
            Csv csv = new Csv(w);
            csv.header("goal", "state", "visits", "conversion", "expected_steps", "removal_effect", "ci_low",
                    "ci_high");
            for (ConversionAnalysis.StateRow s : r.states()) {
                ConversionAnalysis.RemovalEffect e = r.removalEffects().stream().filter(x -> x.type() == s.type())
                        .findFirst().orElse(null);
                csv.text(r.goalName()).text(s.name()).number(s.visits()).number(s.conversion(), 6)
                        .number(s.expectedSteps(), 6);
                if (e == null) {
                    csv.empty().empty().empty();
                } else {
                    csv.number(e.effect(), 6).number(e.low(), 6).number(e.high(), 6);
                }
                csv.endRow();
            }
        });
    }

    /** {@code prefix,rank,next_step,probability}; the end of the session is "(leaves)". */
    public static String nextSteps(List<String> prefix, List<NextStep> steps) {
        return TextFiles.string(w -> {
            Csv csv = new Csv(w);
            csv.header("prefix", "rank", "next_step", "probability");
            String p = String.join(" > ", prefix);
            for (int i = 0; i < steps.size(); i++) {
                csv.text(p).number(i + 1).text(steps.get(i).name()).number(steps.get(i).probability(), 6).endRow();
            }
        });
    }

    /**
     * The reliability diagram's data: {@code bin_from,bin_to,predictions,mean_confidence,accuracy}, one row per
     * confidence bin (empty bins have empty confidence and accuracy), under the chart's caption as comments.
     */
    public static void reliability(Evaluation.Calibration c, ChartCaption caption, Path file) {
        Csv.write(file, csv -> {
            csv.caption(caption);
            csv.comment(String.format(java.util.Locale.ROOT, "Expected calibration error: %.6f", c.ece()));
            csv.header("bin_from", "bin_to", "predictions", "mean_confidence", "accuracy");
            for (Evaluation.Calibration.Bin b : c.bins()) {
                csv.number(b.from(), 2).number(b.to(), 2).number(b.predictions()).number(b.meanConfidence(), 6)
                        .number(b.accuracy(), 6).endRow();
            }
        });
    }
}
