package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.DeployedModel;
import org.journeyexplorer.predict.ModelExport;
import org.journeyexplorer.predict.portable.ModelFormatException;
import org.journeyexplorer.predict.portable.PortableModel;
import org.journeyexplorer.predict.portable.ContextFeature;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.HoldoutEvaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.Predictor;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.predict.TaxProtocol;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code evaluate} and {@code predict} commands. {@link #evaluateText} and {@link #evaluateJson} render a
 * result without touching files, so tests can check the output.
 */
public final class PredictCommands {
    private static final Set<String> EVALUATE_VALUES = Set.of("--protocol", "--order", "--alpha", "--features");
    private static final Set<String> EVALUATE_FLAGS = Set.of("--json", "--deep");
    private static final Set<String> PREDICT_VALUES = CommandArgs.with(CommandArgs.RULE_OPTIONS, "--project",
            "--prefix", "--top");
    private static final Set<String> PREDICT_FLAGS = Set.of("--no-stitch", "--json");
    private static final Set<String> EXPORT_VALUES = CommandArgs.with(CommandArgs.RULE_OPTIONS, "--project", "--out",
            "--goal");
    private static final Set<String> EXPORT_FLAGS = Set.of("--no-stitch");

    private PredictCommands() {
    }

    /**
     * {@code evaluate FILE --protocol tax [--json] [--order K --alpha A --features gap,position,... [--deep]]}:
     * the next-activity protocol of Tax et al. on a case log; the order/alpha/features options replace the
     * validated choice.
     */
    public static int evaluate(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("evaluate", err, () -> {
            CommandArgs a = CommandArgs.parse(args, EVALUATE_VALUES, EVALUATE_FLAGS, true);
            if (a.positional().size() != 1) {
                throw new UsageException("evaluate takes one case log file, got " + a.positional().size() + ".");
            }
            String protocol = a.value("--protocol", "tax");
            if (!protocol.equalsIgnoreCase("tax")) {
                throw new UsageException("Unknown protocol '" + protocol + "'; the only one is 'tax'.");
            }
            ModelConfig config = override(a);
            Path file = Path.of(a.positional().get(0));
            CaseLogs.Loaded loaded = CaseLogs.read(file, TaskContext.NONE);
            HoldoutEvaluation.Result r = TaxProtocol.run(loaded.sequences(), config, TaskContext.NONE);
            if (r.report().model().predictions() == 0) {
                throw new UserFacingException(file.getFileName() + " has too little to test: " + r.sequences()
                        + (r.sequences() == 1 ? " case" : " cases") + ", of which the protocol tests the last third ("
                        + r.testSequences() + "), predicting from their third event on; it needs at least 3 cases "
                        + "and test cases of 3 or more events.");
            }
            out.print(a.flag("--json") ? evaluateJson(file.getFileName().toString(), loaded, r)
                    : evaluateText(file.getFileName().toString(), loaded, r));
            return 0;
        });
    }

    /** {@code predict --project P --prefix a,b,c [--top N] [--timeout 30m] [--no-stitch] [--json]}. */
    public static int predict(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("predict", err, () -> {
            CommandArgs a = CommandArgs.parse(args, PREDICT_VALUES, PREDICT_FLAGS);
            a.required("--project");
            String prefix = a.required("--prefix");
            int top = a.positiveInt("--top", 5);
            a.checkFrameRule();
            Sequences sessions = Sequences.fromSessions(Projects.frame(a).built().frame()).chronological();
            out.print(predictText(sessions, prefix, top, a.flag("--json")));
            return 0;
        });
    }

    /**
     * {@code export-model --project P --out model.json [--goal E] [--timeout 30m] [--no-stitch]}: the model
     * {@code predict} uses, with the session rule, the conversion chain towards the goal (default: the most
     * frequent last event of a session) and the evaluation figures, as a model file (predict/portable/MODEL-FORMAT.md).
     */
    public static int exportModel(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("export-model", err, () -> {
            CommandArgs a = CommandArgs.parse(args, EXPORT_VALUES, EXPORT_FLAGS);
            a.required("--project");
            Path target = a.path("--out");
            a.checkFrameRule();
            Projects.Framed framed = Projects.frame(a, true);
            Sequences sessions = Sequences.fromSessions(framed.built().frame()).chronological();
            DeployedModel deployed = DeployedModel.train(sessions, TaskContext.NONE);
            String goal = a.value("--goal", null);
            if (goal == null) {
                goal = commonestLastEvent(sessions);
            }
            PortableModel model = ModelExport.build(deployed, framed.built().rule(),
                    framed.built().identity().stitched(), goal, framed.project(), TaskContext.NONE);
            ModelExport.write(model, target);
            out.printf(Locale.ROOT, "Wrote %s: %s, %d event types, %s, conversion towards %s.%n",
                    target, model.description(), model.events().size(), model.scorer().sizeDescription(), goal);
            return 0;
        });
    }

    /** The event that most often ends a session: a sensible default goal when none is given. */
    static String commonestLastEvent(Sequences sessions) {
        int[] c = new int[sessions.typeCount()];
        for (int s = 0; s < sessions.size(); s++) {
            int[] t = sessions.types(s);
            c[t[t.length - 1]]++;
        }
        int best = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i] > c[best]) {
                best = i;
            }
        }
        return sessions.typeName(best);
    }

    /**
     * Chooses, measures and trains the model as the app does ({@link DeployedModel}) and ranks the next steps
     * after the prefix: event names separated by commas, a name holding a comma or quote written in double
     * quotes as in CSV ({@code "a,b",c}).
     */
    static String predictText(Sequences sessions, String prefixText, int top, boolean json) throws Exception {
        List<String> names = prefixNames(prefixText);
        int[] prefix = new int[names.size()];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = sessions.typeIndex(names.get(i));
            if (prefix[i] < 0) {
                throw new UserFacingException("No event named '" + printable(names.get(i)) + "' in this project.");
            }
        }
        DeployedModel deployed = DeployedModel.train(sessions, TaskContext.NONE);
        Predictor model = deployed.model();
        // Scored through the portable model, the code the streaming job scores an exported model with.
        List<NextStep> steps = ModelExport.forScoring(deployed).score(names, null, top).next();
        int[] support = model.support(prefix, prefix.length);
        String described = deployed.usesBaseline() ? "most frequent next (" + model.config().describe() + ")"
                : model.config().describe();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prefix", names);
            m.put("model", described);
            m.put("uses_baseline", deployed.usesBaseline());
            m.put("context_support", support[0]);
            m.put("evaluation", deployed.summary());
            List<Map<String, Object>> list = new ArrayList<>();
            for (NextStep s : steps) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("event", s.isEnd() ? null : s.name());
                e.put("leaves", s.isEnd());
                e.put("probability", s.probability());
                list.add(e);
            }
            m.put("next", list);
            return mapper().writeValueAsString(m) + "\n";
        }
        StringBuilder b = new StringBuilder();
        b.append("After ").append(names.isEmpty() ? "the start" : printable(String.join(" → ", names)))
                .append(" (model: ").append(described)
                .append("; context seen ").append(support[0]).append(" times")
                .append(support[0] < Evaluation.THIN_SUPPORT ? " — thin, treat with care" : "").append("):\n");
        for (NextStep s : steps) {
            b.append(String.format(Locale.ROOT, "  %6.1f%%  %s%n", 100 * s.probability(), printable(s.name())));
        }
        b.append(deployed.summary()).append('\n');
        return b.toString();
    }

    /** The event names of a {@code --prefix} value: comma-separated, CSV double quotes for names with commas. */
    static List<String> prefixNames(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                add(names, cur, wasQuoted);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new UserFacingException("The prefix has an unclosed double quote: " + printable(text));
        }
        add(names, cur, wasQuoted);
        return names;
    }

    private static void add(List<String> names, StringBuilder cur, boolean quoted) {
        String s = quoted ? cur.toString() : cur.toString().trim();
        if (quoted || !s.isEmpty()) {
            names.add(s);
        }
        cur.setLength(0);
    }

    /** A name on one line: line breaks and tabs shown as \n, \r, \t. */
    static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static ModelConfig override(CommandArgs a) {
        if (!a.has("--order") && !a.has("--alpha") && !a.has("--features")) {
            return null;
        }
        int order = a.positiveInt("--order", 1);
        double alpha = a.nonNegative("--alpha", 0);
        EnumSet<ContextFeature> fs = EnumSet.noneOf(ContextFeature.class);
        for (String f : a.list("--features")) {
            try {
                fs.add(ContextFeature.valueOf(f.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("Unknown feature '" + f + "'; use gap, elapsed, position, weekday, "
                        + "hour or repeat.");
            }
        }
        return new ModelConfig(order, alpha, fs, a.flag("--deep"));
    }

    /** Plain-text report of a protocol run. */
    public static String evaluateText(String name, CaseLogs.Loaded loaded, HoldoutEvaluation.Result r) {
        StringBuilder b = new StringBuilder();
        Evaluation.Report rep = r.report();
        Evaluation.Score m = rep.model();
        Evaluation.Score base = rep.baseline();
        ModelSelection.Candidate chosen = r.selection().chosenCandidate();
        b.append(String.format(Locale.ROOT, "%s: %d cases, %d events, %d activities%s%n", name, r.sequences(),
                loaded.events(), loaded.sequences().typeCount(),
                loaded.rejected() > 0 ? ", " + loaded.rejected() + " rows rejected (" + loaded.firstReject() + ")"
                        : ""));
        b.append(String.format(Locale.ROOT, "Protocol tax: e = %d, train %d cases, test %d cases; every activity "
                        + "from the third on is predicted, given that one follows (the end is never a target)%n",
                TaxProtocol.e(r.sequences()), r.trainSequences(), r.testSequences()));
        b.append(String.format(Locale.ROOT,
                "Chosen on the training cases only (%d chronological validation folds, %d configurations searched, "
                        + "%d scored on every fold): %s%n", r.selection().folds(), r.selection().searched(),
                r.selection().scoredOnEveryFold(), r.selection().chosen().describe()));
        b.append(String.format(Locale.ROOT, "  validation accuracy %.4f (%d/%d)%n", chosen.score().accuracy(),
                chosen.score().hits(), chosen.score().predictions()));
        if (!r.selection().best().equals(r.selection().topChoice())) {
            ModelSelection.Candidate best = r.selection().bestCandidate();
            b.append(String.format(Locale.ROOT, "  (most correct on validation: %s, %.4f; its gain was within one "
                    + "standard error across folds, so the simpler model was kept)%n", best.config().describe(),
                    best.score().accuracy()));
        }
        b.append(String.format(Locale.ROOT, "Test predictions: %d%n", m.predictions()));
        b.append(String.format(Locale.ROOT, "  accuracy      %.4f  (%d/%d)   most-frequent-next baseline %.4f%n",
                m.accuracy(), m.hits(), m.predictions(), base.accuracy()));
        if (rep.hitsIfEndAnswers() >= 0 && m.predictions() > 0) {
            b.append(String.format(Locale.ROOT, "  (had \"the case ends\" been a possible answer, as for Tax et al.'s "
                            + "LSTM: %.4f, baseline %.4f)%n", (double) rep.hitsIfEndAnswers() / m.predictions(),
                    (double) rep.baselineHitsIfEndAnswers() / m.predictions()));
        }
        b.append(String.format(Locale.ROOT, "  top-3 accuracy %.4f                baseline %.4f%n",
                m.top3Accuracy(), base.top3Accuracy()));
        b.append(String.format(Locale.ROOT, "  log-loss      %.4f                 baseline %.4f%n", m.logLoss(),
                base.logLoss()));
        b.append(String.format(Locale.ROOT, "  expected calibration error %.4f     baseline %.4f%n",
                rep.calibration().ece(), rep.baselineCalibration().ece()));
        if (r.selection().baselineOnSecondaryMetrics()) {
            b.append(String.format(Locale.ROOT, "The chosen model is the most-frequent-next baseline: %s was more "
                    + "accurate on the validation folds, but below the baseline on top-3 accuracy or log-loss "
                    + "there at every blend with it.%n", r.selection().topChoice().describe()));
        } else if (r.chosenIsBaseline()) {
            b.append("The chosen model is the most-frequent-next baseline: no richer model beat it clearly across "
                    + "the validation folds.\n");
        } else if (!r.beatsBaseline()) {
            b.append(String.format(Locale.ROOT, "The chosen model does NOT beat the most-frequent-next baseline on "
                    + "the test cases (accuracy %.4f vs %.4f); the app would predict with the baseline.%n",
                    m.accuracy(), base.accuracy()));
        }
        if (!r.chosenIsBaseline() && !rep.secondaryMetricsNote().isEmpty()) {
            b.append(rep.secondaryMetricsNote()).append('\n');
        }
        b.append("Accuracy by prefix length (model / baseline, predictions):\n");
        for (Evaluation.LengthRow row : rep.byLength()) {
            b.append(String.format(Locale.ROOT, "  %3d%s  %.4f / %.4f  (%d)%n", row.prefixLength(),
                    row.andLonger() ? "+" : " ", row.accuracy(), row.baselineAccuracy(), row.predictions()));
        }
        b.append(String.format(Locale.ROOT, "Contexts (longest seen in training, most used first); %.1f%% of "
                + "predictions came from thin contexts (< %d training occurrences):%n", 100 * rep.thinShare(),
                Evaluation.THIN_SUPPORT));
        int shown = 0;
        for (Evaluation.ContextRow c : rep.contexts()) {
            if (shown++ == 12) {
                break;
            }
            b.append(String.format(Locale.ROOT, "  %-40s support %6d  predictions %5d  accuracy %.3f%s%n",
                    c.context().isEmpty() ? "(none)" : c.context(), c.support(), c.predictions(), c.accuracy(),
                    c.thin() ? "  THIN" : ""));
        }
        return b.toString();
    }

    /** JSON report of a protocol run. */
    public static String evaluateJson(String name, CaseLogs.Loaded loaded, HoldoutEvaluation.Result r)
            throws Exception {
        Evaluation.Report rep = r.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", name);
        m.put("protocol", "tax");
        m.put("cases", r.sequences());
        m.put("events", loaded.events());
        m.put("rejected_rows", loaded.rejected());
        m.put("train_cases", r.trainSequences());
        m.put("test_cases", r.testSequences());
        m.put("chosen", r.selection().chosen().describe());
        m.put("validation_folds", r.selection().folds());
        m.put("validation_accuracy", r.selection().chosenCandidate().score().accuracy());
        m.put("configurations_tried", r.selection().searched());
        m.put("configurations_on_every_fold", r.selection().scoredOnEveryFold());
        m.put("predictions", rep.model().predictions());
        m.put("accuracy", rep.model().accuracy());
        m.put("top3_accuracy", rep.model().top3Accuracy());
        m.put("log_loss", rep.model().logLoss());
        m.put("baseline_accuracy", rep.baseline().accuracy());
        m.put("baseline_top3_accuracy", rep.baseline().top3Accuracy());
        m.put("baseline_log_loss", rep.baseline().logLoss());
        // the same predictions scored as Tax et al. scored their LSTM: "the case ends" a possible (always wrong) answer
        m.put("accuracy_if_end_answers", rep.model().predictions() == 0 ? null
                : (double) rep.hitsIfEndAnswers() / rep.model().predictions());
        m.put("baseline_accuracy_if_end_answers", rep.model().predictions() == 0 ? null
                : (double) rep.baselineHitsIfEndAnswers() / rep.model().predictions());
        m.put("expected_calibration_error", rep.calibration().ece());
        m.put("baseline_expected_calibration_error", rep.baselineCalibration().ece());
        List<Map<String, Object>> bins = new ArrayList<>();
        for (Evaluation.Calibration.Bin bin : rep.calibration().bins()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", bin.from());
            e.put("to", bin.to());
            e.put("predictions", bin.predictions());
            e.put("mean_confidence", bin.predictions() == 0 ? null : bin.meanConfidence());
            e.put("accuracy", bin.predictions() == 0 ? null : bin.accuracy());
            bins.add(e);
        }
        m.put("reliability", bins);
        m.put("chosen_is_baseline", r.chosenIsBaseline());
        m.put("beats_baseline", r.beatsBaseline());
        m.put("below_baseline_on", rep.secondaryMetricsBelowBaseline());
        m.put("best_on_validation", r.selection().best().describe());
        m.put("top_prediction_from", r.selection().topChoice().describe());
        ModelSelection.Candidate v = r.selection().chosenCandidate();
        m.put("validation_top3_accuracy", v.score().top3Accuracy());
        m.put("validation_log_loss", v.score().logLoss());
        List<Map<String, Object>> lengths = new ArrayList<>();
        for (Evaluation.LengthRow row : rep.byLength()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("prefix_length", row.prefixLength());
            e.put("and_longer", row.andLonger());
            e.put("predictions", row.predictions());
            e.put("accuracy", row.accuracy());
            e.put("baseline_accuracy", row.baselineAccuracy());
            lengths.add(e);
        }
        m.put("by_prefix_length", lengths);
        m.put("thin_share", rep.thinShare());
        List<Map<String, Object>> contexts = new ArrayList<>();
        for (Evaluation.ContextRow c : rep.contexts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("context", c.context());
            e.put("support", c.support());
            e.put("predictions", c.predictions());
            e.put("accuracy", c.accuracy());
            e.put("thin", c.thin());
            contexts.add(e);
        }
        m.put("contexts", contexts);
        return mapper().writeValueAsString(m) + "\n";
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

}
