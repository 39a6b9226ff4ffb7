package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

import java.util.List;

/**
 * Chronological holdout: the first sequences train (and, inside them, choose the configuration), the rest test.
 * The Tax protocol ({@link TaxProtocol}) is one split rule of it; sessions of a project use another.
 */
public final class HoldoutEvaluation {
    private HoldoutEvaluation() {
    }

    /** Outcome of one run. */
    public record Result(int sequences, int trainSequences, int testSequences, ModelSelection.Result selection,
                         Predictor model, Evaluation.Report report) {
        /**
         * Whether the chosen model beat the most-frequent-next baseline on the test part: more correct
         * predictions, or as many with a lower log-loss.
         */
        public boolean beatsBaseline() {
            Evaluation.Score m = report.model();
            Evaluation.Score b = report.baseline();
            return m.hits() > b.hits() || (m.hits() == b.hits() && m.logLoss() < b.logLoss() - 1e-12);
        }

        /** Whether the chosen model is the baseline itself (then it cannot beat it, and need not). */
        public boolean chosenIsBaseline() {
            return selection.baselineChosen();
        }
    }

    /**
     * Trains on {@code [0, trainCount)} and tests on the rest.
     *
     * @param override a configuration to use instead of the validated choice, or null
     */
    public static Result run(Sequences data, int trainCount, Evaluation.Targets targets, Learner override,
                             TaskContext ctx) {
        int n = data.size();
        Sequences train = data.slice(0, trainCount);
        Sequences test = data.slice(trainCount, n);
        ctx.message("Choosing the model on validation folds of the training part");
        ModelSelection.Result selection = override != null
                ? ModelSelection.select(train, List.of(override), targets, ctx)
                : ModelSelection.select(train, targets, ctx);
        ctx.message("Training on " + trainCount + ", testing on " + (n - trainCount));
        Predictor model = selection.chosen().train(train, ctx);
        NextStepModel baseline = NextStepModel.train(train, ModelConfig.firstOrder());
        Evaluation.Report report = Evaluation.evaluate(model, baseline, test, targets);
        return new Result(n, trainCount, n - trainCount, selection, model, report);
    }
}
