package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.ContextFeature;

import org.journeyexplorer.core.TaskContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses a model configuration on training data only, never on the test part.
 *
 * <p>Stage 1 (search): the last 20% of the training sequences (in the order given, i.e. chronologically) is
 * held out; from each base configuration extra context features (and event attributes, when the data carries
 * them) are added greedily while validation accuracy improves. Stage 2 (choice): every configuration seen in
 * stage 1 is scored again on two earlier chronological folds (the same 80/20 cut of the first 80% and of the
 * first 60% of the training sequences), and the one with the most correct predictions over the three folds wins
 * (ties: lower log-loss, then earlier in the search).
 * Stage 2 exists because one validation fold of a few hundred predictions is noisy: on the training parts of
 * helpdesk, receipt and sepsis, choosing on three folds generalised better in nested validation than choosing
 * on the last fold alone.
 *
 * <p>On large data each fold is capped ({@link #MAX_VALIDATION_SEQUENCES}, {@link #MAX_FIT_SEQUENCES}, the most
 * recent ones) and stage 2 re-scores only the {@link #LARGE_DATA_FINALISTS} best of stage 1; the chosen
 * configuration is then trained on all the training data.
 */
public final class ModelSelection {
    /** Share of the training sequences held out for validation. */
    public static final double VALIDATION_FRACTION = 0.2;
    /** Training prefixes whose last 20% form the validation folds (the first is the whole training part). */
    static final double[] FOLD_PREFIXES = {1.0, 0.8, 0.6};
    /** On large data a fold validates on at most this many of its latest sequences… */
    static final int MAX_VALIDATION_SEQUENCES = 1_000;
    /** …and fits on at most this many sequences right before them, so choosing stays a matter of seconds. */
    static final int MAX_FIT_SEQUENCES = 10_000;
    /** When the folds are capped, stage 2 re-scores only this many of the best stage-1 configurations. */
    static final int LARGE_DATA_FINALISTS = 20;

    private ModelSelection() {
    }

    /**
     * One candidate's validation score.
     *
     * @param score     summed over all validation folds (log-loss averaged over their predictions)
     * @param lastFold  on the last 20% of the training part alone
     */
    public record Candidate(ModelConfig config, Evaluation.Score score, Evaluation.Score lastFold) {
    }

    /** The choice and the evidence for it. */
    public record Result(ModelConfig chosen, List<Candidate> candidates, int folds, int fitSequences,
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
     * with the whole context. Each base is extended greedily by extra features.
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

    /** The default search and choice (see the class comment), starting from the reference chain and the bases. */
    public static Result select(Sequences train, Evaluation.Targets targets, TaskContext ctx) {
        return run(train, defaultBases(), true, targets, ctx);
    }

    /** Scores exactly the given candidates (no feature search) on the folds and picks the best. */
    public static Result select(Sequences train, List<ModelConfig> candidates, Evaluation.Targets targets,
                                TaskContext ctx) {
        return run(train, candidates, false, targets, ctx);
    }

    private record Fold(Sequences fit, Sequences validation) {
    }

    private static Fold fold(Sequences train, double prefix) {
        int n = (int) Math.round(train.size() * prefix);
        int nv = Math.min(validationCount(n), MAX_VALIDATION_SEQUENCES);
        if (nv == 0 || nv >= n) {
            return null;
        }
        int fitFrom = Math.max(0, n - nv - MAX_FIT_SEQUENCES);
        return new Fold(train.slice(fitFrom, n - nv), train.slice(n - nv, n));
    }

    private static Result run(Sequences train, List<ModelConfig> bases, boolean search, Evaluation.Targets targets,
                              TaskContext ctx) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        List<ModelConfig> first = new ArrayList<>();
        if (search) {
            first.add(ModelConfig.firstOrder());
        }
        first.addAll(bases);
        Fold last = fold(train, 1.0);
        if (last == null) {
            // Too little data to validate: the first candidate, honestly unscored.
            Evaluation.Score none = new Evaluation.Score(0, 0, 0, Double.NaN);
            return new Result(first.get(0), List.of(new Candidate(first.get(0), none, none)), 0, train.size(), 0);
        }
        // Stage 1: greedy feature search on the last fold.
        Map<ModelConfig, Evaluation.Score> seen = new LinkedHashMap<>();
        int done = 0;
        for (ModelConfig base : first) {
            ctx.checkCancelled();
            ctx.progress(done++, first.size() * 3L);
            ModelConfig current = base;
            Evaluation.Score currentScore = score(base, last, targets, seen);
            boolean grow = search && base.alpha() > 0;
            while (grow) {
                ModelConfig step = null;
                Evaluation.Score stepScore = null;
                List<ModelConfig> next = new ArrayList<>();
                for (ContextFeature f : ContextFeature.values()) {
                    if (!current.has(f) && !(f.needsTime() && !train.hasTimes())) {
                        next.add(current.withFeature(f));
                    }
                }
                for (int a = 0; a < train.attributeCount(); a++) {
                    if (!current.attributes().contains(train.attributeName(a))
                            && current.attributes().size() < ModelConfig.MAX_ATTRIBUTES) {
                        next.add(current.withAttribute(train.attributeName(a)));
                    }
                }
                for (ModelConfig c : next) {
                    ctx.checkCancelled();
                    Evaluation.Score s = score(c, last, targets, seen);
                    if (step == null || better(s, stepScore)) {
                        step = c;
                        stepScore = s;
                    }
                }
                grow = step != null && better(stepScore, currentScore);
                if (grow) {
                    current = step;
                    currentScore = stepScore;
                }
            }
        }
        // Stage 2: every configuration seen, on the earlier folds too.
        List<Fold> earlier = new ArrayList<>();
        for (int i = 1; i < FOLD_PREFIXES.length; i++) {
            Fold f = fold(train, FOLD_PREFIXES[i]);
            if (f != null && f.fit().size() > 0) {
                earlier.add(f);
            }
        }
        List<Map.Entry<ModelConfig, Evaluation.Score>> finalists = new ArrayList<>(seen.entrySet());
        boolean large = validationCount(train.size()) > MAX_VALIDATION_SEQUENCES;
        if (large && finalists.size() > LARGE_DATA_FINALISTS) {
            List<Map.Entry<ModelConfig, Evaluation.Score>> sorted = new ArrayList<>(finalists);
            sorted.sort((a, b) -> better(a.getValue(), b.getValue()) ? -1 : better(b.getValue(), a.getValue()) ? 1 : 0);
            finalists.retainAll(sorted.subList(0, LARGE_DATA_FINALISTS));
        }
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        int i = 0;
        for (Map.Entry<ModelConfig, Evaluation.Score> e : finalists) {
            ctx.checkCancelled();
            ctx.progress(seen.size() + i++, seen.size() + finalists.size());
            Evaluation.Score total = e.getValue();
            for (Fold f : earlier) {
                total = add(total, Evaluation.score(NextStepModel.train(f.fit(), e.getKey()), f.validation(), targets));
            }
            Candidate c = new Candidate(e.getKey(), total, e.getValue());
            candidates.add(c);
            if (best == null || better(c.score(), best.score())) {
                best = c;
            }
        }
        return new Result(best.config(), candidates, 1 + earlier.size(), last.fit().size(),
                last.validation().size());
    }

    private static Evaluation.Score score(ModelConfig c, Fold f, Evaluation.Targets targets,
                                          Map<ModelConfig, Evaluation.Score> seen) {
        Evaluation.Score s = seen.get(c);
        if (s == null) {
            s = Evaluation.score(NextStepModel.train(f.fit(), c), f.validation(), targets);
            seen.put(c, s);
        }
        return s;
    }

    private static Evaluation.Score add(Evaluation.Score a, Evaluation.Score b) {
        int n = a.predictions() + b.predictions();
        double ll = n == 0 ? Double.NaN
                : (nz(a.logLoss()) * a.predictions() + nz(b.logLoss()) * b.predictions()) / n;
        return new Evaluation.Score(n, a.hits() + b.hits(), a.top3Hits() + b.top3Hits(), ll);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static boolean better(Evaluation.Score a, Evaluation.Score b) {
        if (a.hits() != b.hits()) {
            return a.hits() > b.hits();
        }
        return a.logLoss() < b.logLoss() - 1e-12;
    }
}
