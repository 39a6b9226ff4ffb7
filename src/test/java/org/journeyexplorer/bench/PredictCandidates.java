package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.BlendConfig;
import org.journeyexplorer.predict.CaseLogs;
import org.journeyexplorer.predict.Evaluation;
import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.ModelSelection;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.predict.TaxProtocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code predict-candidates [FILE] [TOP]}: how well the validation folds rank the candidates on the test, in the
 * Tax protocol (default: helpdesk). The TOP (default 15) candidates scored on every validation fold, best first
 * by validation hits, each then trained on all the training cases and tested: complexity, validation hits,
 * top-3 hits and log-loss, test hits and accuracy. The test cases are looked at only after the choice, to show
 * how far apart candidates that validation cannot tell apart land on them.
 */
public final class PredictCandidates {
    private PredictCandidates() {
    }

    public static void run(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/data/helpdesk.csv");
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Sequences cases = CaseLogs.read(file, TaskContext.NONE).sequences();
        int nt = TaxProtocol.trainCount(cases.size());
        Sequences train = cases.slice(0, nt);
        Sequences test = cases.slice(nt, cases.size());
        ModelSelection.Result r = ModelSelection.select(train, Evaluation.Targets.TAX, TaskContext.NONE);
        List<ModelSelection.Candidate> scored = new ArrayList<>();
        for (ModelSelection.Candidate c : r.candidates()) {
            if (c.folds().size() == r.folds() && !(c.config() instanceof BlendConfig)) {
                scored.add(c);
            }
        }
        scored.sort((a, b) -> a.score().hits() != b.score().hits() ? Integer.compare(b.score().hits(), a.score().hits())
                : Double.compare(a.score().logLoss(), b.score().logLoss()));
        System.out.printf(Locale.ROOT, "%s: chosen %s%n", file.getFileName(), r.chosen().describe());
        System.out.println("| candidate | complexity | validation hits | validation top-3 | validation log-loss "
                + "| test hits | test accuracy |");
        System.out.println("|---|---|---|---|---|---|---|");
        var base = ModelConfig.firstOrder().train(train, TaskContext.NONE);
        for (ModelSelection.Candidate c : scored.subList(0, Math.min(top, scored.size()))) {
            Evaluation.Score s = Evaluation.evaluate(c.config().train(train, TaskContext.NONE), base, test,
                    Evaluation.Targets.TAX).model();
            System.out.printf(Locale.ROOT, "| %s%s | %d | %d / %d | %d | %.4f | %d / %d | %.4f |%n",
                    c.config().describe(), c.config().equals(r.best()) ? " (most accurate)" : "",
                    c.config().complexity(), c.score().hits(), c.score().predictions(), c.score().top3Hits(),
                    c.score().logLoss(), s.hits(), s.predictions(), s.accuracy());
        }
    }
}
