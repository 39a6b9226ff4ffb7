package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.HoldoutEvaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.Learner;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.predict.TaxProtocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code predict-table [DIR]}: the Tax protocol on every log in DIR (default src/test/resources/data) and on
 * generated logs: accuracy, top-3, log-loss, calibration error and training time of the chosen model beside
 * the most-frequent-next baseline, as a markdown table. The choice is made on the training cases only.
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
        System.out.println("| log | cases / events / types | model | accuracy | top-3 | log-loss | ECE | train ms | "
                + "choose + test s |");
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
        long t0 = System.nanoTime();
        HoldoutEvaluation.Result r;
        try {
            r = TaxProtocol.run(cases, null, TaskContext.NONE);
        } catch (RuntimeException e) {
            System.out.println("| " + name + " | failed: " + e.getMessage() + " |");
            return;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        if (r.report().model().predictions() == 0) {
            System.out.println("| " + name + " | too few cases to test |");
            return;
        }
        Sequences train = cases.slice(0, r.trainSequences());
        String shape = String.format("%,d / %,d / %,d", cases.size(), cases.eventCount(), cases.typeCount());
        line(name, shape, r.selection().chosen().describe() + (r.beatsBaseline() || r.chosenIsBaseline() ? ""
                : " (loses to the baseline)"), r.report().model(), r.report().calibration(),
                trainMs(train, r.selection().chosen()), total);
        line("", "", "most frequent next (baseline)", r.report().baseline(), r.report().baselineCalibration(),
                trainMs(train, ModelConfig.firstOrder()), Double.NaN);
    }

    private static double trainMs(Sequences train, Learner c) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            c.train(train, TaskContext.NONE);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e6;
    }

    private static void line(String name, String shape, String model, Evaluation.Score s, Evaluation.Calibration c,
                             double trainMs, double totalS) {
        System.out.printf(java.util.Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.1f | %s |%n", name,
                shape, model, s.accuracy(), s.top3Accuracy(), s.logLoss(), c.ece(), trainMs,
                Double.isNaN(totalS) ? "" : String.format(java.util.Locale.ROOT, "%.1f", totalS));
    }
}
