package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

import java.util.Locale;

/**
 * The next-step model the app, the CLI's {@code predict} and {@code export-model} predict with, and how it was
 * measured: a configuration is chosen on validation folds of the earlier 80% of the sessions and tested on the
 * latest 20% beside the most-frequent-next baseline; the better of the two on that test (the chosen model only
 * if it beats the baseline) is then trained on all sessions.
 *
 * @param sessions     the event types of the sessions learnt from, in chronological order (only their types are
 *                     kept, see {@link Sequences#typesOnly()}: the app holds a trained model while it shows other
 *                     tabs, and the sessions' times were 100 MB of a 1 GB heap at 10 M events)
 * @param model        the model trained on all of them
 * @param evaluation   the holdout measurement, or null when there were too few sessions to measure
 * @param usesBaseline whether the model is the most-frequent-next baseline because nothing beat it
 */
public record DeployedModel(Sequences sessions, Predictor model, HoldoutEvaluation.Result evaluation,
                            boolean usesBaseline) {
    public DeployedModel {
        sessions = sessions.typesOnly();
    }

    /** Share of sessions (by start time) used for training in the holdout measurement. */
    public static final double TRAIN_SHARE = 0.8;
    /** Fewer sessions than this are not enough to measure anything: the baseline is used unmeasured. */
    public static final int MIN_SESSIONS = 20;

    /** Chooses, measures and trains (see the type comment); {@code sessions} must be chronological. */
    public static DeployedModel train(Sequences sessions, TaskContext ctx) {
        if (sessions.size() == 0) {
            throw new org.journeyexplorer.core.UserFacingException("There are no sessions to learn from.");
        }
        if (sessions.size() < MIN_SESSIONS) {
            return new DeployedModel(sessions, NextStepModel.train(sessions, ModelConfig.firstOrder()), null, true);
        }
        int trainCount = (int) Math.round(sessions.size() * TRAIN_SHARE);
        HoldoutEvaluation.Result eval = HoldoutEvaluation.run(sessions, trainCount, Evaluation.Targets.ALL, null,
                ctx);
        boolean baseline = eval.chosenIsBaseline() || !eval.beatsBaseline();
        ctx.message("Training the chosen model on all sessions");
        Learner config = baseline ? ModelConfig.firstOrder() : eval.selection().chosen();
        return new DeployedModel(sessions, config.train(sessions, ctx), eval, baseline);
    }

    /** Whether the chosen configuration lost to (or tied with) the baseline on the test, so the baseline is used. */
    public boolean chosenLostToBaseline() {
        return evaluation != null && usesBaseline && !evaluation.chosenIsBaseline();
    }

    /** One line for people: what predicts, and how well it did on the latest sessions. */
    public String summary() {
        if (evaluation == null) {
            return String.format(Locale.ROOT, "Only %d sessions: too few to measure predictions (at least %d "
                    + "needed); showing the most frequent next step.", sessions.size(), MIN_SESSIONS);
        }
        Evaluation.Score m = evaluation.report().model();
        Evaluation.Score b = evaluation.report().baseline();
        if (chosenLostToBaseline()) {
            return String.format(Locale.ROOT, "Predicting with \"most frequent next\": right %.1f %% of the time "
                            + "(top 3: %.1f %%) on the latest %d sessions, where the chosen model got %.1f %% — it did "
                            + "not beat the baseline.", 100 * b.accuracy(), 100 * b.top3Accuracy(),
                    evaluation.testSequences(), 100 * m.accuracy());
        }
        String s = String.format(Locale.ROOT, "Next step right %.1f %% of the time (top 3: %.1f %%) on the latest "
                        + "%d sessions, vs %.1f %% for \"most frequent next\"", 100 * m.accuracy(),
                100 * m.top3Accuracy(), evaluation.testSequences(), 100 * b.accuracy());
        if (evaluation.selection().baselineOnSecondaryMetrics()) {
            s += " (a richer model was more accurate on the validation folds but below it there on top-3 or "
                    + "log-loss, so it predicts)";
        } else if (evaluation.chosenIsBaseline()) {
            s += " (no richer model beat it clearly on the validation folds, so it predicts)";
        }
        return s;
    }
}
