package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.BoostConfig;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.HoldoutEvaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.Predictor;
import org.journeyexplorer.predict.Learner;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.predict.TaxProtocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code predict-table [DIR]}: the Tax protocol on every log in DIR (default src/test/resources/data) and on
 * generated logs, as a markdown table. Per log: the model chosen on the training cases only, the best Markov chain
 * and the boosted trees the selection scored (each trained on the training cases and tested), and the
 * most-frequent-next baseline: accuracy, top-3, log-loss, calibration error and training time. Times are CPU
 * time of the benchmark's thread, so that figures taken on a shared, loaded machine stay comparable.
 */
public final class PredictTable {
    private PredictTable() {
    }

    public static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/data");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        System.out.println("| log | cases / events / types | model | accuracy | top-3 | log-loss | ECE | train ms CPU | "
                + "choose + test s CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Path f : files) {
            Sequences cases;
            try {
                cases = CaseLogs.read(f, TaskContext.NONE).sequences();
            } catch (Exception e) {
                System.out.println("| " + f.getFileName() + " | not a case log: " + e.getMessage() + " |");
                continue;
            }
            row(f.getFileName().toString(), cases);
        }
        row("generated: 2nd-order chain, 60 types", PredictBenchmark.generate(60_000, 60, 42));
        row("generated: 2nd-order chain, 2,000 types", PredictBenchmark.generate(60_000, 2000, 43));
    }

    private static void row(String name, Sequences cases) {
        long t0 = cpuNanos();
        HoldoutEvaluation.Result r;
        try {
            r = TaxProtocol.run(cases, null, TaskContext.NONE);
        } catch (RuntimeException e) {
            System.out.println("| " + name + " | failed: " + e.getMessage() + " |");
            return;
        }
        double total = (cpuNanos() - t0) / 1e9;
        if (r.report().model().predictions() == 0) {
            System.out.println("| " + name + " | too few cases to test |");
            return;
        }
        Sequences train = cases.slice(0, r.trainSequences());
        Sequences test = cases.slice(r.trainSequences(), cases.size());
        String shape = String.format(Locale.ROOT, "%,d / %,d / %,d", cases.size(), cases.eventCount(),
                cases.typeCount());
        Learner chosen = r.selection().chosen();
        line(name, shape, "**chosen:** " + chosen.describe() + (r.beatsBaseline() || r.chosenIsBaseline() ? ""
                : " (loses to the baseline)"), r.report().model(), r.report().calibration(),
                trainMs(train, chosen), String.format(Locale.ROOT, "%.1f", total));
        // The best of each other kind the selection scored (most correct on the validation folds).
        for (Class<?> kind : List.of(ModelConfig.class, BoostConfig.class)) {
            ModelSelection.Candidate best = null;
            for (ModelSelection.Candidate c : r.selection().candidates()) {
                if (kind.isInstance(c.config()) && !c.config().isBaseline() && !c.config().equals(chosen)
                        && (c.folds().size() == r.selection().folds() || kind == BoostConfig.class)
                        && (best == null || c.score().hits() > best.score().hits())) {
                    best = c;
                }
            }
            if (best == null) {
                if (kind == BoostConfig.class && !(chosen instanceof BoostConfig)) {
                    System.out.println("|  |  | boosted trees: not tried (" + (cases.typeCount() + 1)
                            + " outcomes, more than " + BoostConfig.MAX_OUTCOMES + ") |  |  |  |  |  |  |");
                }
                continue;
            }
            Predictor m = best.config().train(train, TaskContext.NONE);
            Evaluation.Report rep = Evaluation.evaluate(m, ModelConfig.firstOrder().train(train, TaskContext.NONE),
                    test, Evaluation.Targets.TAX);
            String behind = best.folds().size() < r.selection().folds()
                    ? " (clearly behind on the latest validation fold: not scored on the others)" : "";
            line("", "", best.config().describe() + behind, rep.model(), rep.calibration(),
                    trainMs(train, best.config()), "");
        }
        line("", "", "most frequent next (baseline)", r.report().baseline(), r.report().baselineCalibration(),
                trainMs(train, ModelConfig.firstOrder()), "");
    }

    private static double trainMs(Sequences train, Learner c) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = cpuNanos();
            c.train(train, TaskContext.NONE);
            best = Math.min(best, cpuNanos() - t0);
        }
        return best / 1e6;
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void line(String name, String shape, String model, Evaluation.Score s, Evaluation.Calibration c,
                             double trainMs, String totalS) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.1f | %s |%n", name,
                shape, model, s.accuracy(), s.top3Accuracy(), s.logLoss(), c.ece(), trainMs, totalS);
    }
}
