package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.ContextFeature;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.HoldoutEvaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.NextStep;
import org.journeyexplorer.predict.NextStepModel;
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
                throw new UserFacingException(file.getFileName() + " has too few cases (or too short ones) to test: "
                        + r.testSequences() + " test cases with nothing to predict from the third event on.");
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
            a.frameRule();
            Sequences sessions = Sequences.fromSessions(Projects.frame(a).built().frame()).chronological();
            out.print(predictText(sessions, prefix, top, a.flag("--json")));
            return 0;
        });
    }

    /** Chooses a model on the sessions (chronological validation), trains on all of them, ranks next steps. */
    static String predictText(Sequences sessions, String prefixText, int top, boolean json) throws Exception {
        List<String> names = new ArrayList<>();
        for (String s : prefixText.split(",")) {
            if (!s.isBlank()) {
                names.add(s.trim());
            }
        }
        int[] prefix = new int[names.size()];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = sessions.typeIndex(names.get(i));
            if (prefix[i] < 0) {
                throw new UserFacingException("No event named '" + names.get(i) + "' in this project.");
            }
        }
        ModelSelection.Result sel = ModelSelection.select(sessions, Evaluation.Targets.ALL, TaskContext.NONE);
        NextStepModel model = NextStepModel.train(sessions, sel.chosen());
        List<NextStep> steps = model.top(prefix, null, top);
        int[] support = model.support(prefix, prefix.length);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prefix", names);
            m.put("model", sel.chosen().describe());
            m.put("context_support", support[0]);
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
        b.append("After ").append(String.join(" → ", names)).append(" (model: ").append(sel.chosen().describe())
                .append("; context seen ").append(support[0]).append(" times")
                .append(support[0] < Evaluation.THIN_SUPPORT ? " — thin, treat with care" : "").append("):\n");
        for (NextStep s : steps) {
            b.append(String.format(Locale.ROOT, "  %6.1f%%  %s%n", 100 * s.probability(), s.name()));
        }
        return b.toString();
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
        b.append(String.format(Locale.ROOT, "Protocol tax: e = %d, train %d cases, test %d cases%n",
                TaxProtocol.e(r.sequences()), r.trainSequences(), r.testSequences()));
        b.append(String.format(Locale.ROOT,
                "Chosen on the training cases only (%d chronological validation folds, %d configurations): %s%n",
                r.selection().folds(), r.selection().candidates().size(), r.selection().chosen().describe()));
        b.append(String.format(Locale.ROOT, "  validation accuracy %.4f (%d/%d)%n", chosen.score().accuracy(),
                chosen.score().hits(), chosen.score().predictions()));
        b.append(String.format(Locale.ROOT, "Test predictions: %d%n", m.predictions()));
        b.append(String.format(Locale.ROOT, "  accuracy      %.4f  (%d/%d)   most-frequent-next baseline %.4f%n",
                m.accuracy(), m.hits(), m.predictions(), base.accuracy()));
        b.append(String.format(Locale.ROOT, "  top-3 accuracy %.4f                baseline %.4f%n",
                m.top3Accuracy(), base.top3Accuracy()));
        b.append(String.format(Locale.ROOT, "  log-loss      %.4f                 baseline %.4f%n", m.logLoss(),
                base.logLoss()));
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
        m.put("configurations_tried", r.selection().candidates().size());
        m.put("predictions", rep.model().predictions());
        m.put("accuracy", rep.model().accuracy());
        m.put("top3_accuracy", rep.model().top3Accuracy());
        m.put("log_loss", rep.model().logLoss());
        m.put("baseline_accuracy", rep.baseline().accuracy());
        m.put("baseline_top3_accuracy", rep.baseline().top3Accuracy());
        m.put("baseline_log_loss", rep.baseline().logLoss());
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
