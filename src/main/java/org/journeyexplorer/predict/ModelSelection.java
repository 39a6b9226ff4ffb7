package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.ContextFeature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses a model configuration on training data only, never on the test part, the way the test is run: fit on
 * earlier sequences, predict later ones.
 *
 * <p>Folds: the last 20% of the training sequences (in the order given, i.e. chronologically) is the latest
 * validation block; two earlier folds cut the first 80% and the first 60% of the training sequences the same way,
 * so every fold fits on what came before its validation block.
 *
 * <p>Stage 1 (search, latest fold): from each base configuration extra context features (and event attributes,
 * when the data carries them) are added greedily while validation accuracy improves; a feature or attribute that
 * did not improve on a step is not tried again from that base. Stage 2 (choice, all folds): the
 * most-frequent-next baseline, every base and the finalists of stage 1 are scored on every fold: the
 * {@link #FINALISTS} best on the latest fold, and the {@link #FINALISTS_PER_COMPLEXITY} best of every complexity
 * (the rule below prefers the simplest model, so each level's best must be there to be chosen). The best is the one with the most correct predictions over all folds; then the <em>one-standard-error
 * rule</em> picks the simplest candidate (see {@link ModelConfig#complexity()}) whose accuracy gain over it the
 * best does not beat clearly: by no more than the standard error of the per-fold gains. A richer model thus has
 * to win consistently across folds, not on one lucky block, and the baseline stays the choice where nothing
 * beats it clearly.
 *
 * <p>Boosted trees far behind on the latest fold skip stage 2 (see {@link #BEHIND_STANDARD_ERRORS}).
 *
 * <p>Stage 3 (ranking after the top, default search only): the figures the product shows beside accuracy are
 * the top-3 accuracy and the log-loss, and on neither may it lose to its own baseline. The chosen learner keeps
 * its first choice (so its accuracy), while its runners-up and probabilities are mixed with the baseline's
 * ({@link BlendConfig}) at the weight in {@link #BLEND_WEIGHTS} with the most top-3 hits, then the lowest
 * log-loss, over all folds, among the weights whose hits, top-3 hits and log-loss are all no worse than the
 * baseline's there. When no weight is, the baseline itself is chosen (weight 1 is the learner alone).
 *
 * <p>On large data each fold is capped ({@link #MAX_VALIDATION_SEQUENCES}, {@link #MAX_FIT_SEQUENCES}, the most
 * recent ones); the chosen configuration is then trained on all the training data.
 */
public final class ModelSelection {
    /** Share of the training sequences held out for validation. */
    public static final double VALIDATION_FRACTION = 0.2;
    /** Training prefixes whose last 20% form the validation folds (the first is the whole training part). */
    static final double[] FOLD_PREFIXES = {1.0, 0.8, 0.6};
    /** A fold validates on at most this many of its latest sequences… */
    static final int MAX_VALIDATION_SEQUENCES = 1_000;
    /** …and fits on at most this many sequences right before them, so choosing stays a matter of seconds. */
    static final int MAX_FIT_SEQUENCES = 10_000;
    /**
     * Stage 2 scores this many of the best stage-1 configurations (on the latest fold), beside the baseline, the
     * bases and the best of each complexity. Scoring every configuration of the search on every fold (437 on
     * teleclaims) chose the same model on every log in src/test/resources/data in three times the work.
     */
    static final int FINALISTS = 20;
    /** …and this many of the best stage-1 configurations of each complexity. */
    static final int FINALISTS_PER_COMPLEXITY = 5;
    /** Above this many event types the feature search is skipped: the bases alone (every feature multiplies
     *  the contexts, and with thousands of types they are too thin to learn from). */
    static final int SEARCH_MAX_TYPES = 500;

    private ModelSelection() {
    }

    /**
     * One candidate's validation scores.
     *
     * @param score      summed over all validation folds (log-loss averaged over their predictions)
     * @param folds      per fold, latest first
     * @param bySequence hits, top-3 hits and log-loss per validation sequence, folds concatenated latest first
     *                   (the same order for every candidate), for paired comparisons; null when unknown
     */
    public record Candidate(Learner config, Evaluation.Score score, List<Evaluation.Score> folds,
                            Evaluation.PerSequence bySequence) {
        public Candidate {
            folds = List.copyOf(folds);
        }

        public Candidate(Learner config, Evaluation.Score score, List<Evaluation.Score> folds) {
            this(config, score, folds, null);
        }

        /** On the latest validation fold alone. */
        public Evaluation.Score lastFold() {
            return folds.get(0);
        }
    }

    /**
     * The choice and the evidence for it.
     *
     * @param best       the candidate with the most correct validation predictions (the chosen one or a richer
     *                   one the one-standard-error rule set aside)
     * @param candidates the candidates scored on every fold
     * @param searched   configurations scored on the latest fold in the search (stage 1), baseline included
     */
    public record Result(Learner chosen, Learner best, List<Candidate> candidates, int folds,
                         int fitSequences, int validationSequences, int searched, Learner topChoice) {
        public Result(Learner chosen, Learner best, List<Candidate> candidates, int folds, int fitSequences,
                      int validationSequences, int searched) {
            this(chosen, best, candidates, folds, fitSequences, validationSequences, searched, chosen);
        }

        /**
         * Whether the learner chosen for its top prediction was set aside for the baseline: at every blend weight
         * its top-3 accuracy or log-loss on the validation folds stayed below the baseline's (or its accuracy did).
         */
        public boolean baselineOnSecondaryMetrics() {
            return chosen.isBaseline() && !topChoice.isBaseline();
        }

        public Candidate chosenCandidate() {
            return candidate(chosen);
        }

        public Candidate bestCandidate() {
            return candidate(best);
        }

        private Candidate candidate(Learner c) {
            for (Candidate x : candidates) {
                if (x.config().equals(c)) {
                    return x;
                }
            }
            throw new IllegalStateException();
        }

        /** How many candidates were scored on every fold (boosted trees far behind on the latest one are not). */
        public int scoredOnEveryFold() {
            int n = 0;
            for (Candidate c : candidates) {
                n += c.folds().size() == folds ? 1 : 0;
            }
            return n;
        }

        /** Whether the chosen configuration is the most-frequent-next baseline itself. */
        public boolean baselineChosen() {
            return chosen.isBaseline();
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

    /** The default search and choice (see the class comment), with the baseline among the candidates. */
    public static Result select(Sequences train, Evaluation.Targets targets, TaskContext ctx) {
        return run(train, defaultBases(), true, targets, BEHIND_STANDARD_ERRORS, ctx);
    }

    /** As {@link #select(Sequences, List, Evaluation.Targets, TaskContext)} with another
     *  {@link #BEHIND_STANDARD_ERRORS} (infinite: boosted trees are never left out of stage 2). */
    static Result select(Sequences train, List<? extends Learner> candidates, Evaluation.Targets targets,
                         double behindStandardErrors, TaskContext ctx) {
        return run(train, candidates, false, targets, behindStandardErrors, ctx);
    }

    /** Scores exactly the given candidates (no feature search, no baseline added) and picks by the same rule. */
    public static Result select(Sequences train, List<? extends Learner> candidates, Evaluation.Targets targets,
                                TaskContext ctx) {
        return run(train, candidates, false, targets, BEHIND_STANDARD_ERRORS, ctx);
    }

    /**
     * One fold, and the successor counts its Markov candidates share: one count table per
     * {@link NextStepModel#countsCover cover} (with every context feature when the features are searched), so the
     * hundreds of configurations of the search count the fold a few times instead of once each.
     */
    private record Fold(Sequences fit, Sequences validation, boolean allFeatures,
                        Map<ModelConfig, NextStepModel> covers) {
        Fold(Sequences fit, Sequences validation, boolean allFeatures) {
            this(fit, validation, allFeatures, new HashMap<>());
        }

        Predictor train(Learner c, TaskContext ctx) {
            if (c instanceof ModelConfig m) {
                NextStepModel cover = covers.computeIfAbsent(NextStepModel.countsCover(m, allFeatures),
                        k -> NextStepModel.train(fit, k));
                return NextStepModel.sharing(cover, m, fit);
            }
            return c.train(fit, ctx);
        }
    }

    private static Fold fold(Sequences train, double prefix, boolean allFeatures) {
        int n = (int) Math.round(train.size() * prefix);
        int nv = Math.min(validationCount(n), MAX_VALIDATION_SEQUENCES);
        if (nv == 0 || nv >= n) {
            return null;
        }
        int fitFrom = Math.max(0, n - nv - MAX_FIT_SEQUENCES);
        return new Fold(train.slice(fitFrom, n - nv), train.slice(n - nv, n), allFeatures);
    }

    private static Result run(Sequences train, List<? extends Learner> bases, boolean search,
                              Evaluation.Targets targets, double behindStandardErrors, TaskContext ctx) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        List<Learner> first = new ArrayList<>();
        if (search) {
            first.add(ModelConfig.firstOrder());
        }
        first.addAll(bases);
        if (search && BoostConfig.applicable(train)) {
            first.addAll(defaultBoosted());
        }
        boolean searchFeatures = search && train.typeCount() <= SEARCH_MAX_TYPES;
        Fold last = fold(train, 1.0, searchFeatures);
        if (last == null) {
            // Too little data to validate: the simplest candidate, honestly unscored.
            Learner c = first.get(0) instanceof BoostConfig b && b.rounds() == 0
                    ? b.withRounds(BoostConfig.PATIENCE) : first.get(0);
            Evaluation.Score none = new Evaluation.Score(0, 0, 0, Double.NaN);
            return new Result(c, c, List.of(new Candidate(c, none, List.of(none))), 0, train.size(), 0, 1);
        }
        TaskContext quiet = withoutProgress(ctx);
        // Stage 1: greedy feature search on the latest fold; boosted trees find their rounds there.
        Map<Learner, Evaluation.Score> seen = new LinkedHashMap<>();
        Map<Learner, Predictor> onLastFold = new HashMap<>();
        List<Learner> resolved = new ArrayList<>();
        int done = 0;
        for (Learner base : first) {
            ctx.checkCancelled();
            ctx.progress(done++, first.size() * 2L);
            if (base instanceof BoostConfig b) {
                ctx.message("Choosing the model: boosted trees on the latest validation fold");
                BoostedModel m = b.rounds() == 0
                        ? BoostedModel.fit(last.fit(), last.validation(), targets, b, quiet)
                        : BoostedModel.fit(last.fit(), null, null, b, quiet);
                onLastFold.put(m.config(), m);
                seen.put(m.config(), Evaluation.score(m, last.validation(), targets));
                resolved.add(m.config());
                continue;
            }
            ModelConfig current = (ModelConfig) base;
            resolved.add(current);
            Evaluation.Score currentScore = score(current, last, targets, seen);
            boolean grow = searchFeatures && current.alpha() > 0;
            // Features and attributes that did not improve on this base at some step: not tried again.
            Set<Object> dropped = new java.util.HashSet<>();
            while (grow) {
                ModelConfig step = null;
                Evaluation.Score stepScore = null;
                for (ModelConfig c : extensions(current, train)) {
                    ctx.checkCancelled();
                    Object added = addedBy(current, c);
                    if (dropped.contains(added)) {
                        continue;
                    }
                    Evaluation.Score s = score(c, last, targets, seen);
                    if (!better(s, currentScore)) {
                        dropped.add(added);
                    }
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
        // Stage 2: the baseline, the bases and the best of stage 1 on every fold.
        List<Fold> folds = new ArrayList<>();
        folds.add(last);
        for (int i = 1; i < FOLD_PREFIXES.length; i++) {
            Fold f = fold(train, FOLD_PREFIXES[i], searchFeatures);
            if (f != null && f.fit().size() > 0) {
                folds.add(f);
            }
        }
        Set<Learner> finalists = finalists(resolved, seen);
        List<Candidate> behind = clearlyBehindOnLatestFold(finalists, seen, onLastFold, last, targets,
                behindStandardErrors, quiet);
        for (Candidate c : behind) {
            finalists.remove(c.config());
        }
        int validationTotal = 0;
        for (Fold f : folds) {
            validationTotal += f.validation().size();
        }
        List<Candidate> candidates = new ArrayList<>();
        // Each finalist's model per fold, for stage 3.
        Map<Learner, List<Predictor>> fitted = new HashMap<>();
        int i = 0;
        for (Learner c : finalists) {
            ctx.checkCancelled();
            ctx.progress(first.size() + (long) i++ * first.size() / finalists.size(), first.size() * 2L);
            List<Evaluation.Score> perFold = new ArrayList<>();
            Evaluation.PerSequence all = Evaluation.PerSequence.of(validationTotal);
            int offset = 0;
            for (Fold f : folds) {
                int nf = f.validation().size();
                Evaluation.PerSequence bySequence = Evaluation.PerSequence.of(nf);
                Predictor m = f == last && onLastFold.containsKey(c) ? onLastFold.get(c) : f.train(c, quiet);
                fitted.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                perFold.add(Evaluation.score(m, f.validation(), targets, bySequence));
                System.arraycopy(bySequence.hits(), 0, all.hits(), offset, nf);
                System.arraycopy(bySequence.top3(), 0, all.top3(), offset, nf);
                System.arraycopy(bySequence.logLoss(), 0, all.logLoss(), offset, nf);
                offset += nf;
            }
            Evaluation.Score total = perFold.get(0);
            for (Evaluation.Score s : perFold.subList(1, perFold.size())) {
                total = add(total, s);
            }
            candidates.add(new Candidate(c, total, perFold, all));
        }
        List<Candidate> admissible = notClearlyWorseThanBaseline(candidates);
        Candidate best = admissible.get(0);
        for (Candidate c : admissible) {
            if (better(c.score(), best.score())) {
                best = c;
            }
        }
        Learner top = oneStandardError(admissible, best).config();
        Learner chosen = top;
        Candidate baseline = baselineOf(candidates);
        if (search && !top.isBaseline() && baseline != null) {
            ctx.message("Choosing the model: its runners-up and probabilities beside the baseline's");
            List<Candidate> blends = blends(top, baseline.config(), folds, fitted, targets);
            for (Candidate c : blends) {
                if (c.config() instanceof BlendConfig) {
                    candidates.add(c);
                }
            }
            chosen = chooseBlend(blends, baseline).config();
        }
        // Listed for the record (scored on the latest fold only), after the choice they took no part in.
        candidates.addAll(behind);
        return new Result(chosen, best.config(), candidates, folds.size(), last.fit().size(),
                last.validation().size(), seen.size(), top);
    }

    /**
     * How many paired standard errors behind the best of the search on the latest fold a boosted-trees learner
     * must be to be left out of stage 2: its training costs seconds per fold where a chain's costs milliseconds,
     * and a learner that far behind on the most recent block would need large gains on the earlier ones to be
     * the most accurate overall and clearly ahead, as the one-standard-error rule asks of the most complex kind.
     */
    static final double BEHIND_STANDARD_ERRORS = 2;

    /**
     * The boosted-trees finalists clearly behind (by {@code standardErrors}) the stage-1 best on the latest
     * fold's validation sequences (paired per-sequence differences of hits), each as a candidate scored on that
     * fold alone.
     */
    private static List<Candidate> clearlyBehindOnLatestFold(Set<Learner> finalists, Map<Learner,
            Evaluation.Score> seen, Map<Learner, Predictor> onLastFold, Fold last, Evaluation.Targets targets,
                                                             double standardErrors, TaskContext quiet) {
        List<Candidate> out = new ArrayList<>();
        Learner leader = null;
        for (Map.Entry<Learner, Evaluation.Score> e : seen.entrySet()) {
            if (leader == null || better(e.getValue(), seen.get(leader))) {
                leader = e.getKey();
            }
        }
        Evaluation.PerSequence leaderHits = null;
        for (Learner c : finalists) {
            if (!(c instanceof BoostConfig) || c.equals(leader) || !onLastFold.containsKey(c)) {
                continue;
            }
            int n = last.validation().size();
            if (leaderHits == null) {
                leaderHits = Evaluation.PerSequence.of(n);
                Predictor m = onLastFold.containsKey(leader) ? onLastFold.get(leader) : last.train(leader, quiet);
                Evaluation.score(m, last.validation(), targets, leaderHits);
            }
            Evaluation.PerSequence own = Evaluation.PerSequence.of(n);
            Evaluation.Score s = Evaluation.score(onLastFold.get(c), last.validation(), targets, own);
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += leaderHits.hits()[i] - own.hits()[i];
            }
            double mean = d / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double x = leaderHits.hits()[i] - own.hits()[i] - mean;
                ss += x * x;
            }
            // Standard error of the summed difference: √(n · sample variance of the per-sequence differences).
            double se = n < 2 ? Double.POSITIVE_INFINITY : Math.sqrt(ss * n / (n - 1));
            if (d > standardErrors * se) {
                out.add(new Candidate(c, s, List.of(s), own));
            }
        }
        return out;
    }

    /** Weights of the model in its blends with the baseline (stage 3); 1 is the model alone. */
    static final double[] BLEND_WEIGHTS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    /**
     * Stage 3's choice (see the class comment): among the blends, those no worse than the baseline on the
     * validation folds in hits, top-3 hits and log-loss; of them the most top-3 hits, then the lowest log-loss,
     * then the higher weight. None: the baseline.
     */
    static Candidate chooseBlend(List<Candidate> blends, Candidate baseline) {
        Evaluation.Score b = baseline.score();
        Candidate out = null;
        for (Candidate c : blends) {
            Evaluation.Score s = c.score();
            if (s.hits() < b.hits() || s.top3Hits() < b.top3Hits() || nz(s.logLoss()) > nz(b.logLoss()) + 1e-12) {
                continue;
            }
            if (out == null || s.top3Hits() > out.score().top3Hits() || (s.top3Hits() == out.score().top3Hits()
                    && nz(s.logLoss()) <= nz(out.score().logLoss()))) {
                out = c;
            }
        }
        return out == null ? baseline : out;
    }

    private static Candidate baselineOf(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.config().isBaseline()) {
                return c;
            }
        }
        return null;
    }

    /**
     * The blends of {@code model} with the baseline at every weight of {@link #BLEND_WEIGHTS}, scored on every
     * fold from one pass of both models over the validation sequences (weight 1 is {@code model} itself).
     */
    private static List<Candidate> blends(Learner model, Learner baseline, List<Fold> folds,
                                          Map<Learner, List<Predictor>> fitted, Evaluation.Targets targets) {
        int w = BLEND_WEIGHTS.length;
        List<List<Evaluation.Score>> perFold = new ArrayList<>();
        for (int k = 0; k < w; k++) {
            perFold.add(new ArrayList<>());
        }
        for (int f = 0; f < folds.size(); f++) {
            Predictor a = fitted.get(model).get(f);
            Predictor b = fitted.get(baseline).get(f);
            Sequences v = folds.get(f).validation();
            int outcomes = a.typeCount() + 1;
            org.journeyexplorer.predict.portable.Distribution pa = a.scorer().newDistribution();
            org.journeyexplorer.predict.portable.Distribution pb = b.scorer().newDistribution();
            org.journeyexplorer.predict.portable.Distribution sa = a.scorer().newDistribution();
            org.journeyexplorer.predict.portable.Distribution sb = b.scorer().newDistribution();
            double[] da = new double[outcomes];
            double[] db = new double[outcomes];
            double[] q = new double[outcomes];
            int[] n = new int[w];
            int[] hits = new int[w];
            int[] top3 = new int[w];
            double[] logLoss = new double[w];
            Evaluation.forEachTarget(a, v, targets, (s, seq, times, attrs, i, truth) -> {
                a.distribution(seq, times, attrs, i, pa, sa);
                b.distribution(seq, null, null, i, pb, sb);
                Evaluation.condition(pa, targets, a.typeCount());
                Evaluation.condition(pb, targets, b.typeCount());
                pa.toArray(da);
                pb.toArray(db);
                for (int k = 0; k < w; k++) {
                    org.journeyexplorer.predict.portable.BlendScorer.blend(da, db, BLEND_WEIGHTS[k], q);
                    int rank = Evaluation.rank(q, truth);
                    n[k]++;
                    hits[k] += rank == 0 ? 1 : 0;
                    top3[k] += rank < 3 ? 1 : 0;
                    logLoss[k] -= Math.log(Math.max(q[truth], Evaluation.LOG_FLOOR));
                }
            });
            for (int k = 0; k < w; k++) {
                perFold.get(k).add(new Evaluation.Score(n[k], hits[k], top3[k],
                        n[k] == 0 ? Double.NaN : logLoss[k] / n[k]));
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < w; k++) {
            Evaluation.Score total = perFold.get(k).get(0);
            for (Evaluation.Score s : perFold.get(k).subList(1, folds.size())) {
                total = add(total, s);
            }
            Learner c = BLEND_WEIGHTS[k] == 1 ? model : new BlendConfig(model, BLEND_WEIGHTS[k]);
            out.add(new Candidate(c, total, perFold.get(k)));
        }
        return out;
    }

    /**
     * The candidates a model may be chosen from: when the baseline is among them, those whose top-3 accuracy and
     * log-loss on the validation folds are not clearly worse than the baseline's (by more than one standard
     * error, as in {@link #clearlyBetter}). A model that is right more often at the top but clearly less often
     * in its top 3, or clearly less sure of what happens, loses to its own baseline on a figure the panel shows.
     */
    static List<Candidate> notClearlyWorseThanBaseline(List<Candidate> candidates) {
        Candidate baseline = null;
        for (Candidate c : candidates) {
            if (c.config().isBaseline()) {
                baseline = c;
            }
        }
        if (baseline == null) {
            return candidates;
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c == baseline || !(clearlyBetterTop3(baseline, c) || clearlyLowerLogLoss(baseline, c))) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether {@code a}'s top-3 accuracy beats {@code b}'s by more than one standard error. */
    static boolean clearlyBetterTop3(Candidate a, Candidate b) {
        int k = a.folds().size();
        double[] gain = new double[k];
        for (int f = 0; f < k; f++) {
            gain[f] = top3(a.folds().get(f)) - top3(b.folds().get(f));
        }
        int pooled = a.score().top3Hits() - b.score().top3Hits();
        boolean paired = a.bySequence() != null && b.bySequence() != null;
        return clearGain(gain, pooled, paired ? asDoubles(a.bySequence().top3()) : null,
                paired ? asDoubles(b.bySequence().top3()) : null, a.score().predictions(),
                Math.sqrt(Math.max(1, pooled)) / Math.max(1, a.score().predictions()));
    }

    /** Whether {@code a}'s log-loss is lower than {@code b}'s by more than one standard error. */
    static boolean clearlyLowerLogLoss(Candidate a, Candidate b) {
        int k = a.folds().size();
        double[] gain = new double[k];
        for (int f = 0; f < k; f++) {
            gain[f] = nz(b.folds().get(f).logLoss()) - nz(a.folds().get(f).logLoss());
        }
        int n = a.score().predictions();
        double pooled = (nz(b.score().logLoss()) - nz(a.score().logLoss())) * n;
        boolean paired = a.bySequence() != null && b.bySequence() != null;
        return clearGain(gain, pooled, paired ? b.bySequence().logLoss() : null,
                paired ? a.bySequence().logLoss() : null, n, 0);
    }

    private static double top3(Evaluation.Score s) {
        return s.predictions() == 0 ? 0 : s.top3Accuracy();
    }

    private static double[] asDoubles(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Boosted-tree candidates of the default search (their rounds are found on the latest fold). */
    public static List<BoostConfig> defaultBoosted() {
        return List.of(new BoostConfig(3, 8, 0));
    }

    /** Passes on messages and cancellation, not progress (an inner training's progress is not the search's). */
    private static TaskContext withoutProgress(TaskContext ctx) {
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }
        };
    }

    /**
     * What stage 2 scores on every fold: {@code always} (baseline, bases, boosted), the {@link #FINALISTS} best
     * of stage 1 and the {@link #FINALISTS_PER_COMPLEXITY} best of each complexity, in that order.
     */
    static Set<Learner> finalists(List<Learner> always, Map<Learner, Evaluation.Score> stage1) {
        List<Map.Entry<Learner, Evaluation.Score>> ranked = new ArrayList<>(stage1.entrySet());
        ranked.sort((a, b) -> better(a.getValue(), b.getValue()) ? -1 : better(b.getValue(), a.getValue()) ? 1 : 0);
        Set<Learner> out = new LinkedHashSet<>(always);
        Map<Integer, Integer> perComplexity = new HashMap<>();
        for (int r = 0; r < ranked.size(); r++) {
            Learner c = ranked.get(r).getKey();
            int rank = perComplexity.merge(c.complexity(), 1, Integer::sum);
            if (r < FINALISTS || rank <= FINALISTS_PER_COMPLEXITY) {
                out.add(c);
            }
        }
        return out;
    }

    /** The feature (or attribute name) {@code to} adds to {@code from}, one greedy step away. */
    private static Object addedBy(ModelConfig from, ModelConfig to) {
        for (ContextFeature f : to.features()) {
            if (!from.has(f)) {
                return f;
            }
        }
        for (String a : to.attributes()) {
            if (!from.attributes().contains(a)) {
                return a;
            }
        }
        throw new IllegalArgumentException("not an extension");
    }

    /** The configurations one greedy step away: each missing feature or attribute added. */
    private static List<ModelConfig> extensions(ModelConfig current, Sequences train) {
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
        return next;
    }

    /**
     * The simplest candidate whose accuracy the best one does not clearly beat: the best's accuracy gain over it
     * is at most one standard error (see {@link #clearlyBetter}).
     */
    static Candidate oneStandardError(List<Candidate> candidates, Candidate best) {
        List<Candidate> bySimplicity = new ArrayList<>(candidates);
        bySimplicity.sort(Comparator.comparingInt((Candidate c) -> c.config().complexity())
                .thenComparing((a, b) -> better(a.score(), b.score()) ? -1 : better(b.score(), a.score()) ? 1 : 0));
        for (Candidate c : bySimplicity) {
            if (c == best || !clearlyBetter(best, c)) {
                return c;
            }
        }
        return best;
    }

    /**
     * Whether {@code a}'s accuracy gain over {@code b} exceeds one standard error. Two estimates of that error,
     * the larger one counts: across folds (the spread of the per-fold gains, which sees drift between periods)
     * and across validation sequences (the paired per-sequence differences, which sees luck within a period,
     * and stays meaningful with only two or three folds).
     */
    static boolean clearlyBetter(Candidate a, Candidate b) {
        int k = a.folds().size();
        double[] gain = new double[k];
        int predictions = 0;
        for (int f = 0; f < k; f++) {
            gain[f] = accuracy(a.folds().get(f)) - accuracy(b.folds().get(f));
            predictions += a.folds().get(f).predictions();
        }
        int pooled = a.score().hits() - b.score().hits();
        boolean paired = a.bySequence() != null && b.bySequence() != null;
        // Without a per-sequence record: |hits difference| ≤ discordant predictions, which bound its variance.
        return clearGain(gain, pooled, paired ? asDoubles(a.bySequence().hits()) : null,
                paired ? asDoubles(b.bySequence().hits()) : null, predictions,
                Math.sqrt(Math.max(1, pooled)) / Math.max(1, predictions));
    }

    /**
     * Whether a gain (of accuracy, top-3 accuracy or negative log-loss) is positive on average over the folds and
     * pooled, and larger than the larger of its across-fold and paired across-sequence standard errors.
     *
     * @param foldGain   the gain per fold, per prediction
     * @param pooled     the total gain over all validation predictions
     * @param a          per validation sequence, the gainer's totals (null: use {@code fallbackSe})
     * @param b          the same for the other side
     * @param fallbackSe the across-sequence error to assume without per-sequence totals
     */
    private static boolean clearGain(double[] foldGain, double pooled, double[] a, double[] b, int predictions,
                                     double fallbackSe) {
        int k = foldGain.length;
        double mean = 0;
        for (double g : foldGain) {
            mean += g / k;
        }
        if (mean <= 0 || pooled <= 0) {
            return false;
        }
        double seFolds = 0;
        if (k >= 2) {
            double ss = 0;
            for (double g : foldGain) {
                ss += (g - mean) * (g - mean);
            }
            seFolds = Math.sqrt(ss / (k - 1) / k);
        }
        double seSequences = fallbackSe;
        int n = a == null ? 0 : a.length;
        if (n >= 2 && n == b.length) {
            double d = pooled / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double x = a[i] - b[i] - d;
                ss += x * x;
            }
            seSequences = Math.sqrt(ss * n / (n - 1)) / Math.max(1, predictions);
        }
        return Math.min(mean, pooled / Math.max(1, predictions)) > Math.max(seFolds, seSequences);
    }

    private static double accuracy(Evaluation.Score s) {
        return s.predictions() == 0 ? 0 : s.accuracy();
    }

    private static Evaluation.Score score(ModelConfig c, Fold f, Evaluation.Targets targets,
                                          Map<Learner, Evaluation.Score> seen) {
        Evaluation.Score s = seen.get(c);
        if (s == null) {
            s = Evaluation.score(f.train(c, TaskContext.NONE), f.validation(), targets);
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

    static boolean better(Evaluation.Score a, Evaluation.Score b) {
        if (a.hits() != b.hits()) {
            return a.hits() > b.hits();
        }
        return a.logLoss() < b.logLoss() - 1e-12;
    }
}
