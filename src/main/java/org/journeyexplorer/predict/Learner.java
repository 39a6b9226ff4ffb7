package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

/**
 * A way to build a next-step model from sequences: a Markov configuration ({@link ModelConfig}) or boosted trees
 * ({@link BoostConfig}), or one of them blended with the baseline ({@link BlendConfig}). Model selection compares
 * learners on chronological folds ({@link ModelSelection}).
 */
public sealed interface Learner permits ModelConfig, BoostConfig, BlendConfig {
    /** One line for people. */
    String describe();

    /**
     * How much the learner can fit, for the one-standard-error rule: among candidates the best does not clearly
     * beat, the least complex is kept.
     */
    int complexity();

    /** Learns a model from all the sequences. */
    Predictor train(Sequences data, TaskContext ctx);

    /** Whether this is the most-frequent-next baseline (order 1, no smoothing, nothing else). */
    boolean isBaseline();
}
