package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.BlendScorer;

/** A trained {@link BlendConfig}: the model and the baseline, both trained on the same sequences. */
public final class BlendedModel implements Predictor {
    private final BlendConfig config;
    private final Predictor model;
    private final BlendScorer scorer;

    BlendedModel(BlendConfig config, Predictor model, NextStepModel baseline) {
        this.config = config;
        this.model = model;
        this.scorer = new BlendScorer(model.scorer(), baseline.scorer(), config.weight());
    }

    @Override
    public BlendConfig config() {
        return config;
    }

    /** The model whose first choice is the top prediction. */
    public Predictor model() {
        return model;
    }

    @Override
    public BlendScorer scorer() {
        return scorer;
    }

    @Override
    public String[] typeNames() {
        return model.typeNames();
    }

    @Override
    public int[] attributeColumns(Sequences data) {
        return model.attributeColumns(data);
    }

    @Override
    public int[] support(int[] seq, int prefixLength) {
        return model.support(seq, prefixLength);
    }

    @Override
    public long contextKey(int[] seq, int prefixLength, int length) {
        return model.contextKey(seq, prefixLength, length);
    }
}
