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
                         NextStepModel model, Evaluation.Report report) {
    }

    /**
     * Trains on {@code [0, trainCount)} and tests on the rest.
     *
     * @param override a configuration to use instead of the validated choice, or null
     */
    public static Result run(Sequences data, int trainCount, Evaluation.Targets targets, ModelConfig override,
                             TaskContext ctx) {
        int n = data.size();
        Sequences train = data.slice(0, trainCount);
        Sequences test = data.slice(trainCount, n);
        ctx.message("Choosing the model on validation folds of the training part");
        ModelSelection.Result selection = override != null
                ? ModelSelection.select(train, List.of(override), targets, ctx)
                : ModelSelection.select(train, targets, ctx);
        ctx.message("Training on " + trainCount + ", testing on " + (n - trainCount));
        NextStepModel model = NextStepModel.train(train, selection.chosen());
        NextStepModel baseline = NextStepModel.train(train, ModelConfig.firstOrder());
        Evaluation.Report report = Evaluation.evaluate(model, baseline, test, targets);
        return new Result(n, trainCount, n - trainCount, selection, model, report);
    }
}
