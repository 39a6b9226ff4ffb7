package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

/**
 * The next-activity protocol of Tax et al. (2017): cases in file order; with n cases, e = round((n + 1) / 3);
 * the first 2e cases train, the rest test; every activity of a test case from the third on is predicted from
 * the prefix before it (prefix length ≥ 2); the end of a case is never a target. Configuration is chosen on a
 * validation tail of the training cases, never on the test cases.
 */
public final class TaxProtocol {
    private TaxProtocol() {
    }

    /** e = round((n + 1) / 3). */
    public static int e(int n) {
        return (int) Math.round((n + 1) / 3.0);
    }

    /** Number of training cases, 2e (capped at n). */
    public static int trainCount(int n) {
        return Math.min(n, 2 * e(n));
    }

    /** Outcome of one protocol run. */
    public record Result(int cases, int trainCases, int testCases, ModelSelection.Result selection,
                         NextStepModel model, Evaluation.Report report) {
    }

    /**
     * Runs the protocol.
     *
     * @param override a configuration to use instead of the validated choice, or null
     */
    public static Result run(Sequences cases, ModelConfig override, TaskContext ctx) {
        int n = cases.size();
        int nt = trainCount(n);
        Sequences train = cases.slice(0, nt);
        Sequences test = cases.slice(nt, n);
        ctx.message("Choosing the model on a validation part of the training cases");
        ModelSelection.Result selection = override != null
                ? ModelSelection.select(train, java.util.List.of(override), Evaluation.Targets.TAX, ctx)
                : ModelSelection.select(train, Evaluation.Targets.TAX, ctx);
        ctx.message("Training on " + nt + " cases, testing on " + (n - nt));
        NextStepModel model = NextStepModel.train(train, selection.chosen());
        NextStepModel baseline = NextStepModel.train(train, ModelConfig.firstOrder());
        Evaluation.Report report = Evaluation.evaluate(model, baseline, test, Evaluation.Targets.TAX);
        return new Result(n, nt, n - nt, selection, model, report);
    }
}
