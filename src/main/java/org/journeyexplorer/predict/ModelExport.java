package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.PortableModel;
import org.journeyexplorer.session.SessionRule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the model the app predicts with ({@link DeployedModel}) into a {@link PortableModel}: for scoring in the
 * app itself, and with the session rule, the conversion chain and the evaluation figures for a model file.
 */
public final class ModelExport {
    private ModelExport() {
    }

    /** The deployed model for scoring only (no session rule, no conversion chain). */
    public static PortableModel forScoring(DeployedModel d) {
        Predictor m = d.model();
        return new PortableModel(List.of(m.typeNames()), m.scorer(), m.config().describe(), d.usesBaseline(),
                List.of(), null, null, Map.of(), Map.of());
    }

    /**
     * Everything a model file holds.
     *
     * @param goal    goal event of the conversion chain, or null for none
     * @param project the project's name, for people reading the file
     */
    public static PortableModel build(DeployedModel d, SessionRule rule, boolean stitch, String goal, String project,
                                      TaskContext ctx) {
        Predictor m = d.model();
        PortableModel.Conversion conversion = null;
        if (goal != null) {
            int g = d.sessions().typeIndex(goal);
            if (g < 0) {
                throw new org.journeyexplorer.core.UserFacingException("No event named '" + goal
                        + "' in these sessions to use as the goal.");
            }
            ctx.message("Conversion chain towards " + goal);
            ConversionAnalysis.Result r = ConversionAnalysis.analyze(d.sessions(), g, 0, 1, ctx);
            double[] by = new double[d.sessions().typeCount()];
            Arrays.fill(by, Double.NaN);
            for (ConversionAnalysis.StateRow s : r.states()) {
                if (s.type() >= 0) {
                    by[s.type()] = s.conversion();
                }
            }
            conversion = new PortableModel.Conversion(goal, r.startConversion(), by);
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("project", project);
        source.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        source.put("sessions", d.sessions().size());
        source.put("events", d.sessions().eventCount());
        return new PortableModel(List.of(m.typeNames()), m.scorer(), m.config().describe(), d.usesBaseline(),
                List.of(), new PortableModel.SessionRule(rule.timeoutMicros(), stitch, List.copyOf(rule.startTypes()),
                List.copyOf(rule.endTypes()), rule.maxLengthMicros()), conversion, evaluation(d), source);
    }

    /** Writes a model file; a failure names the file in one line. */
    public static void write(PortableModel model, java.nio.file.Path file) {
        try {
            org.journeyexplorer.predict.portable.ModelJson.write(model, file);
        } catch (java.io.IOException e) {
            throw new org.journeyexplorer.core.UserFacingException("Could not write " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** The evaluation figures of a model file (see predict/portable/MODEL-FORMAT.md). */
    static Map<String, Object> evaluation(DeployedModel d) {
        Map<String, Object> e = new LinkedHashMap<>();
        HoldoutEvaluation.Result r = d.evaluation();
        e.put("measured", r != null);
        if (r == null) {
            return e;
        }
        Evaluation.Score m = r.report().model();
        Evaluation.Score b = r.report().baseline();
        e.put("protocol", "train on the earliest 80% of sessions, test on the latest 20%, leaving included");
        e.put("train_sessions", r.trainSequences());
        e.put("test_sessions", r.testSequences());
        e.put("predictions", m.predictions());
        e.put("chosen", r.selection().chosen().describe());
        e.put("accuracy", m.accuracy());
        e.put("top3_accuracy", m.top3Accuracy());
        e.put("log_loss", m.logLoss());
        e.put("baseline_accuracy", b.accuracy());
        e.put("baseline_top3_accuracy", b.top3Accuracy());
        e.put("baseline_log_loss", b.logLoss());
        e.put("expected_calibration_error", r.report().calibration().ece());
        e.put("beats_baseline", r.beatsBaseline());
        e.put("uses_baseline", d.usesBaseline());
        return e;
    }
}
