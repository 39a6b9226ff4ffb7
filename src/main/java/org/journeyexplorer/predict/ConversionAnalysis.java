package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Conversion towards a goal event as an absorbing Markov chain over the order-1 transitions: START (before the
 * first event), one state per event type, the goal and END (the case / session ends) absorbing. For every state
 * it gives the probability of reaching the goal and the expected number of steps to it (given that it is
 * reached); for every event type the removal effect: the relative drop of the conversion probability from START
 * when that state is removed, i.e. every transition into it redirected to END. Confidence intervals come from a
 * seeded bootstrap over whole sequences.
 *
 * <p>All transitions count, including those after a sequence first reached the goal: they describe how people
 * move between the other states just as well. The linear systems are solved densely (Gauss–Jordan with partial
 * pivoting), which costs about m³ for m states: the bootstrap gets as many repetitions as a fixed budget of
 * {@link #WORK_BUDGET} allows (fewer than requested above a few hundred event types, none below
 * {@link #MIN_REPS}), and above {@link #DENSE_MAX_STATES} states the conversion and steps are solved iteratively
 * over the sparse transitions and removal effects are left out. {@link Result#note()} says so.
 */
public final class ConversionAnalysis {
    /** Default bootstrap repetitions. */
    public static final int DEFAULT_REPS = 200;
    /** Dense solves cost about m³ operations: the bootstrap stops at this many in total (a second or two). */
    static final double WORK_BUDGET = 3e9;
    /** Fewer bootstrap repetitions than this give no usable interval: none then. */
    static final int MIN_REPS = 30;
    /** Above this many states no dense solve at all (one would take seconds). */
    static final int DENSE_MAX_STATES = 700;

    private ConversionAnalysis() {
    }

    /**
     * One state of the chain.
     *
     * @param type          event type index, or -1 for START
     * @param name          type name, or "(start)"
     * @param visits        how often the state occurs in the data (sequences for START)
     * @param conversion    probability of reaching the goal from here
     * @param expectedSteps expected transitions until the goal, given that it is reached (NaN when it never is)
     */
    public record StateRow(int type, String name, long visits, double conversion, double expectedSteps) {
    }

    /**
     * Removal effect of one event type with its bootstrap percentile interval.
     *
     * @param effect relative drop of the conversion from START when the type is removed (0..1)
     */
    public record RemovalEffect(int type, String name, long visits, double effect, double low, double high) {
    }

    /**
     * The whole analysis.
     *
     * @param note what was left out on a very large chain (fewer bootstrap repetitions, no intervals, no removal
     *             effects), in words for people; empty when nothing was
     */
    public record Result(int goal, String goalName, double startConversion, double startExpectedSteps,
                         List<StateRow> states, List<RemovalEffect> removalEffects, int bootstrapReps,
                         double confidence, String note) {
    }

    /** Name of the START state. */
    public static final String START_NAME = "(start)";

    /**
     * Runs the analysis.
     *
     * @param goal event type index of the goal
     * @param reps bootstrap repetitions (0 = no intervals)
     * @param seed bootstrap seed, so the same data gives the same intervals
     */
    public static Result analyze(Sequences data, int goal, int reps, long seed, TaskContext ctx) {
        return analyze(data, goal, reps, seed, DENSE_MAX_STATES, ctx);
    }

    /** As {@link #analyze(Sequences, int, int, long, TaskContext)} with another dense limit (tests). */
    static Result analyze(Sequences data, int goal, int reps, long seed, int denseMaxStates, TaskContext ctx) {
        int t = data.typeCount();
        if (goal < 0 || goal >= t) {
            throw new UserFacingException("Choose a goal event that occurs in the data.");
        }
        if (data.size() == 0) {
            throw new UserFacingException("There are no sessions to analyse.");
        }
        long[] visits = new long[t + 1];
        for (int s = 0; s < data.size(); s++) {
            for (int e : data.types(s)) {
                visits[e]++;
            }
        }
        visits[t] = data.size();
        int states = t + 1; // transient: every type but the goal, plus START
        if (states > denseMaxStates) {
            return iterative(data, goal, visits, ctx);
        }
        String note = "";
        double perSolve = Math.pow(states, 3);
        int affordable = (int) Math.min(reps, Math.max(0, WORK_BUDGET / perSolve - 1));
        if (affordable < reps) {
            note = affordable >= MIN_REPS
                    ? String.format(java.util.Locale.ROOT, "With %,d event types the intervals come from %d bootstrap "
                    + "repetitions instead of %d, to stay fast.", t, affordable, reps)
                    : String.format(java.util.Locale.ROOT, "With %,d event types there is no time for bootstrap "
                    + "intervals; hide rare events to get them.", t);
            reps = affordable >= MIN_REPS ? affordable : 0;
        }
        long[][] counts = transitionCounts(data);
        Chain chain = solve(counts, goal);
        double[] effects = removalEffects(chain);

        // A resample only changes how often each distinct sequence counts, so count per variant once.
        Map<Variant, Integer> variantIndex = new HashMap<>();
        List<int[]> variants = new ArrayList<>();
        int[] variantOf = new int[data.size()];
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            variantOf[s] = variantIndex.computeIfAbsent(new Variant(seq), v -> {
                variants.add(seq);
                return variants.size() - 1;
            });
        }
        double[][] boot = new double[t][reps];
        SplittableRandom random = new SplittableRandom(seed);
        long[] weight = new long[variants.size()];
        for (int r = 0; r < reps; r++) {
            ctx.checkCancelled();
            ctx.progress(r, reps);
            Arrays.fill(weight, 0);
            for (int i = 0; i < variantOf.length; i++) {
                weight[variantOf[random.nextInt(variantOf.length)]]++;
            }
            double[] e = removalEffects(solve(transitionCounts(variants, weight, t), goal));
            for (int ty = 0; ty < t; ty++) {
                boot[ty][r] = e[ty];
            }
        }
        double confidence = 0.95;
        List<RemovalEffect> removal = new ArrayList<>();
        for (int ty = 0; ty < t; ty++) {
            if (ty == goal) {
                continue;
            }
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (reps > 0) {
                double[] v = boot[ty].clone();
                Arrays.sort(v);
                lo = percentile(v, (1 - confidence) / 2);
                hi = percentile(v, 1 - (1 - confidence) / 2);
            }
            removal.add(new RemovalEffect(ty, data.typeName(ty), visits[ty], effects[ty], lo, hi));
        }
        removal.sort(Comparator.comparingDouble(RemovalEffect::effect).reversed()
                .thenComparing(RemovalEffect::name));

        List<StateRow> rows = new ArrayList<>();
        rows.add(new StateRow(-1, START_NAME, visits[t], chain.conversion[t], chain.steps[t]));
        for (int ty = 0; ty < t; ty++) {
            rows.add(new StateRow(ty, data.typeName(ty), visits[ty], chain.conversion[ty], chain.steps[ty]));
        }
        rows.sort(Comparator.comparingDouble(StateRow::conversion).reversed().thenComparing(StateRow::name));
        return new Result(goal, data.typeName(goal), chain.conversion[t], chain.steps[t], rows, removal, reps,
                confidence, note);
    }

    /**
     * Conversion and expected steps by Gauss–Seidel over the sparse transitions, for chains too large for a dense
     * solve; no removal effects (each would need a solve of its own).
     */
    private static Result iterative(Sequences data, int goal, long[] visits, TaskContext ctx) {
        int t = data.typeCount();
        int start = t;
        int end = t + 1;
        // Sparse rows over states 0..t+1 (types, START, END).
        Map<Long, long[]> cell = new HashMap<>();
        long[] totals = new long[t + 2];
        for (int k = 0; k < data.size(); k++) {
            int[] seq = data.types(k);
            count(cell, totals, start, seq[0], t);
            for (int i = 1; i < seq.length; i++) {
                count(cell, totals, seq[i - 1], seq[i], t);
            }
            count(cell, totals, seq[seq.length - 1], end, t);
        }
        int n = t + 2;
        int[] rowStart = new int[n + 1];
        for (long key : cell.keySet()) {
            rowStart[(int) (key / n) + 1]++;
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = rowStart.clone();
        int[] col = new int[cell.size()];
        double[] prob = new double[cell.size()];
        for (Map.Entry<Long, long[]> e : cell.entrySet()) {
            int from = (int) (e.getKey() / n);
            int at = fill[from]++;
            col[at] = (int) (e.getKey() % n);
            prob[at] = (double) e.getValue()[0] / totals[from];
        }
        double[] x = new double[n];
        x[goal] = 1;
        gaussSeidel(rowStart, col, prob, goal, end, x, null, ctx);
        double[] u = new double[n];
        gaussSeidel(rowStart, col, prob, goal, end, u, x, ctx);
        List<StateRow> rows = new ArrayList<>();
        rows.add(new StateRow(-1, START_NAME, visits[t], x[start], steps(u[start], x[start])));
        for (int ty = 0; ty < t; ty++) {
            rows.add(new StateRow(ty, data.typeName(ty), visits[ty], x[ty], ty == goal ? 0 : steps(u[ty], x[ty])));
        }
        rows.sort(Comparator.comparingDouble(StateRow::conversion).reversed().thenComparing(StateRow::name));
        String note = String.format(java.util.Locale.ROOT, "With %,d event types removal effects are left out (each "
                + "needs a solve of its own); hide rare events to get them.", t);
        return new Result(goal, data.typeName(goal), x[start], steps(u[start], x[start]), rows, List.of(), 0, 0.95,
                note);
    }

    private static double steps(double u, double x) {
        return x > 1e-15 ? u / x : Double.NaN;
    }

    private static void count(Map<Long, long[]> cell, long[] totals, int from, int to, int t) {
        cell.computeIfAbsent((long) from * (t + 2) + to, k -> new long[1])[0]++;
        totals[from]++;
    }

    /**
     * Solves v = b + Q v over the transient states (all but the goal and END, which stay as given in {@code v}):
     * with {@code rhs} null, b is 0 and the goal's value carries in (conversion); else b = rhs on transient states
     * and the goal counts 0 (expected steps weighted by conversion). Self-loops are solved exactly per row.
     */
    private static void gaussSeidel(int[] rowStart, int[] col, double[] prob, int goal, int end, double[] v,
                                    double[] rhs, TaskContext ctx) {
        int n = rowStart.length - 1;
        for (int sweep = 0; sweep < 100_000; sweep++) {
            if ((sweep & 63) == 0) {
                ctx.checkCancelled();
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                if (i == goal || i == end) {
                    continue;
                }
                double acc = rhs == null ? 0 : rhs[i];
                double self = 0;
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    int j = col[k];
                    if (j == i) {
                        self = prob[k];
                    } else if (j == goal) {
                        acc += rhs == null ? prob[k] : 0;
                    } else if (j != end) {
                        acc += prob[k] * v[j];
                    }
                }
                double next = self < 1 ? acc / (1 - self) : 0;
                change = Math.max(change, Math.abs(next - v[i]));
                v[i] = next;
            }
            if (change < 1e-13) {
                return;
            }
        }
    }

    /** Percentile of sorted values, by the nearest-rank-below rule on (n − 1)·q, linearly interpolated. */
    static double percentile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }

    /** Transition counts over states 0..T-1 (types), T (START) and T+1 (END), of every sequence. */
    static long[][] transitionCounts(Sequences data) {
        int t = data.typeCount();
        long[][] c = new long[t + 2][t + 2];
        for (int k = 0; k < data.size(); k++) {
            int[] seq = data.types(k);
            c[t][seq[0]]++;
            for (int i = 1; i < seq.length; i++) {
                c[seq[i - 1]][seq[i]]++;
            }
            c[seq[seq.length - 1]][t + 1]++;
        }
        return c;
    }

    /** Counts of weighted distinct sequences (same layout as {@link #transitionCounts(Sequences)}). */
    static long[][] transitionCounts(List<int[]> variants, long[] weight, int t) {
        long[][] c = new long[t + 2][t + 2];
        for (int v = 0; v < variants.size(); v++) {
            long w = weight[v];
            if (w == 0) {
                continue;
            }
            int[] seq = variants.get(v);
            c[t][seq[0]] += w;
            for (int i = 1; i < seq.length; i++) {
                c[seq[i - 1]][seq[i]] += w;
            }
            c[seq[seq.length - 1]][t + 1] += w;
        }
        return c;
    }

    private record Variant(int[] types) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Variant v && Arrays.equals(types, v.types);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(types);
        }
    }

    /**
     * Solved chain: conversion probability and expected steps per state (types, then START), plus the fundamental
     * matrix over the transient states for the removal effects.
     */
    record Chain(int goal, double[] conversion, double[] steps, int[] transientStates, int[] indexOf, double[][] fundamental) {
    }

    /** Solves the absorbing chain for {@code counts} as made by {@link #transitionCounts}. */
    static Chain solve(long[][] counts, int goal) {
        int states = counts.length;
        int end = states - 1;
        int[] indexOf = new int[states];
        Arrays.fill(indexOf, -1);
        int m = 0;
        for (int s = 0; s < states; s++) {
            if (s != goal && s != end) {
                indexOf[s] = m++;
            }
        }
        int[] tr = new int[m];
        for (int s = 0; s < states; s++) {
            if (indexOf[s] >= 0) {
                tr[indexOf[s]] = s;
            }
        }
        // A = I − Q over transient states; r = one-step probability of the goal.
        double[][] a = new double[m][m];
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            int s = tr[i];
            long total = 0;
            for (long v : counts[s]) {
                total += v;
            }
            a[i][i] = 1;
            if (total == 0) {
                continue; // never left this state in the data: treat it as ending
            }
            for (int j = 0; j < states; j++) {
                if (counts[s][j] == 0) {
                    continue;
                }
                double p = (double) counts[s][j] / total;
                if (j == goal) {
                    r[i] += p;
                } else if (indexOf[j] >= 0) {
                    a[i][indexOf[j]] -= p;
                }
            }
        }
        double[][] n = invert(a);
        double[] x = multiply(n, r);
        double[] u = multiply(n, x);
        double[] conversion = new double[states - 1];
        double[] steps = new double[states - 1];
        for (int s = 0; s < states - 1; s++) {
            if (s == goal) {
                conversion[s] = 1;
                steps[s] = 0;
            } else {
                int i = indexOf[s];
                conversion[s] = x[i];
                steps[s] = x[i] > 1e-15 ? u[i] / x[i] : Double.NaN;
            }
        }
        return new Chain(goal, conversion, steps, tr, indexOf, n);
    }

    /**
     * Removal effect per event type (index = type; the goal's entry is NaN). Uses the fundamental matrix N:
     * the chance of visiting s from START is N[START][s] / N[s][s], and a path through s converts with the
     * probability of s, so removing s takes away exactly that share.
     */
    static double[] removalEffects(Chain chain) {
        int types = chain.conversion.length - 1;
        int start = chain.indexOf[types];
        double base = chain.conversion[types];
        double[] out = new double[types];
        for (int s = 0; s < types; s++) {
            if (s == chain.goal) {
                out[s] = Double.NaN;
                continue;
            }
            int i = chain.indexOf[s];
            double visit = chain.fundamental[start][i] / chain.fundamental[i][i];
            out[s] = base <= 0 ? 0 : visit * chain.conversion[s] / base;
        }
        return out;
    }

    /** Conversion from START with every transition into {@code removed} redirected to END (reference path). */
    static double conversionWithout(long[][] counts, int goal, int removed) {
        long[][] c = new long[counts.length][];
        int end = counts.length - 1;
        for (int s = 0; s < counts.length; s++) {
            c[s] = counts[s].clone();
            c[s][end] += c[s][removed];
            c[s][removed] = 0;
        }
        return solve(c, goal).conversion[counts.length - 2];
    }

    static double[][] invert(double[][] a) {
        int m = a.length;
        double[][] w = new double[m][];
        double[][] inv = new double[m][m];
        for (int i = 0; i < m; i++) {
            w[i] = a[i].clone();
            inv[i][i] = 1;
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int i = col + 1; i < m; i++) {
                if (Math.abs(w[i][col]) > Math.abs(w[piv][col])) {
                    piv = i;
                }
            }
            if (Math.abs(w[piv][col]) < 1e-14) {
                throw new IllegalStateException("singular chain");
            }
            double[] tmp = w[col];
            w[col] = w[piv];
            w[piv] = tmp;
            tmp = inv[col];
            inv[col] = inv[piv];
            inv[piv] = tmp;
            double d = w[col][col];
            for (int j = 0; j < m; j++) {
                w[col][j] /= d;
                inv[col][j] /= d;
            }
            for (int i = 0; i < m; i++) {
                if (i == col || w[i][col] == 0) {
                    continue;
                }
                double f = w[i][col];
                for (int j = 0; j < m; j++) {
                    w[i][j] -= f * w[col][j];
                    inv[i][j] -= f * inv[col][j];
                }
            }
        }
        return inv;
    }

    private static double[] multiply(double[][] n, double[] v) {
        double[] out = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += n[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }
}
