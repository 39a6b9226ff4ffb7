package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;

import java.util.ArrayList;
import java.util.Set;
import java.util.List;

/**
 * Chooses a model configuration on training data only: the last part of the training sequences (in the order
 * given, i.e. chronologically) is held out as validation, every candidate is trained on the rest and scored
 * there. Highest validation accuracy wins; ties go to lower log-loss, then to the simpler candidate (earlier in
 * the list).
 */
public final class ModelSelection {
    /** Share of the training sequences held out for validation. */
    public static final double VALIDATION_FRACTION = 0.2;

    private ModelSelection() {
    }

    /** One candidate's validation score. */
    public record Candidate(ModelConfig config, Evaluation.Score score) {
    }

    /** The choice and the evidence for it. */
    public record Result(ModelConfig chosen, List<Candidate> candidates, int fitSequences,
                         int validationSequences) {
        public Candidate chosenCandidate() {
            for (Candidate c : candidates) {
                if (c.config().equals(chosen)) {
                    return c;
                }
            }
            throw new IllegalStateException();
        }
    }

    /**
     * Bases of the default search: orders 1–3, interpolation α ∈ {2, 10}, features joint with the last event or
     * with the whole context. Each base is extended greedily by extra features (see {@link #select}).
     */
    public static List<ModelConfig> defaultBases() {
        List<ModelConfig> out = new ArrayList<>();
        for (boolean deep : new boolean[]{false, true}) {
            for (int k = 1; k <= 3; k++) {
                for (double alpha : new double[]{2, 10}) {
                    out.add(new ModelConfig(k, alpha, Set.of(), deep));
                }
            }
        }
        return out;
    }

    /** Number of validation sequences for {@code n} training sequences. */
    public static int validationCount(int n) {
        return (int) Math.round(n * VALIDATION_FRACTION);
    }

    /**
     * Scores the reference chain, then for every base adds extra features greedily (the one that helps most on
     * validation, while any helps) and picks the best configuration seen. Time features are tried only when
     * the sequences carry times.
     */
    public static Result select(Sequences train, Evaluation.Targets targets, TaskContext ctx) {
        return search(train, defaultBases(), true, targets, ctx);
    }

    /** Scores exactly the given candidates (no feature search) and picks the best. */
    public static Result select(Sequences train, List<ModelConfig> candidates, Evaluation.Targets targets,
                                TaskContext ctx) {
        return search(train, candidates, false, targets, ctx);
    }

    private static Result search(Sequences train, List<ModelConfig> bases, boolean greedy,
                                 Evaluation.Targets targets, TaskContext ctx) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        int nv = validationCount(train.size());
        List<ModelConfig> first = new ArrayList<>();
        if (greedy) {
            first.add(ModelConfig.firstOrder());
        }
        first.addAll(bases);
        if (nv == 0 || nv == train.size()) {
            // Too little data to validate: the first candidate, honestly unscored.
            return new Result(first.get(0), List.of(new Candidate(first.get(0),
                    new Evaluation.Score(0, 0, 0, Double.NaN))), train.size(), 0);
        }
        Sequences fit = train.slice(0, train.size() - nv);
        Sequences validation = train.slice(train.size() - nv, train.size());
        List<Candidate> scored = new ArrayList<>();
        Candidate best = null;
        int done = 0;
        for (ModelConfig base : first) {
            ctx.checkCancelled();
            ctx.progress(done++, first.size());
            Candidate current = score(base, fit, validation, targets, scored);
            boolean grow = greedy && base.order() > 0 && base.alpha() > 0;
            while (grow) {
                Candidate step = null;
                for (ContextFeature f : ContextFeature.values()) {
                    if (current.config().has(f) || (f.needsTime() && !train.hasTimes())) {
                        continue;
                    }
                    ctx.checkCancelled();
                    Candidate c = score(current.config().withFeature(f), fit, validation, targets, scored);
                    if (step == null || better(c.score(), step.score())) {
                        step = c;
                    }
                }
                grow = step != null && better(step.score(), current.score());
                if (grow) {
                    current = step;
                }
            }
            if (best == null || better(current.score(), best.score())) {
                best = current;
            }
        }
        return new Result(best.config(), scored, fit.size(), validation.size());
    }

    private static Candidate score(ModelConfig c, Sequences fit, Sequences validation, Evaluation.Targets targets,
                                   List<Candidate> scored) {
        Candidate out = new Candidate(c, Evaluation.score(NextStepModel.train(fit, c), validation, targets));
        scored.add(out);
        return out;
    }

    private static boolean better(Evaluation.Score a, Evaluation.Score b) {
        if (a.hits() != b.hits()) {
            return a.hits() > b.hits();
        }
        return a.logLoss() < b.logLoss() - 1e-12;
    }
}
