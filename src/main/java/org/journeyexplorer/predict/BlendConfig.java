package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

import java.util.Locale;

/**
 * A learner whose first choice decides the top prediction, with the runners-up and the probabilities from a mix
 * with the most-frequent-next baseline ({@link org.journeyexplorer.predict.portable.BlendScorer}). Model selection
 * chooses the weight on validation folds so that the top-3 accuracy and the log-loss the product shows are never
 * below the baseline's there, without touching the accuracy of the model chosen for its first choice.
 *
 * @param model  the learner of the first choice (not the baseline, not itself a blend)
 * @param weight the model's share of the mix, in [0, 1)
 */
public record BlendConfig(Learner model, double weight) implements Learner {
    public BlendConfig {
        if (model instanceof BlendConfig || model.isBaseline()) {
            throw new IllegalArgumentException("a blend mixes a model other than the baseline with the baseline");
        }
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("blend weight " + weight + " is not in [0, 1)");
        }
    }

    @Override
    public String describe() {
        return model.describe() + String.format(Locale.ROOT, "; runners-up and probabilities mixed with "
                + "most-frequent-next (model weight %.1f)", weight);
    }

    /** The model's: the blend adds one weight, chosen after the model. */
    @Override
    public int complexity() {
        return model.complexity();
    }

    @Override
    public Predictor train(Sequences data, TaskContext ctx) {
        return new BlendedModel(this, model.train(data, ctx), NextStepModel.train(data, ModelConfig.firstOrder()));
    }

    @Override
    public boolean isBaseline() {
        return false;
    }
}
