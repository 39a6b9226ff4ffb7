package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Computes ordered funnels ({@link FunnelQuery} → {@link FunnelResult}) in one pass over the units. */
public final class Funnels {
    private Funnels() {
    }

    /** What a funnel drill-down selects at a step. */
    public enum Outcome {
        /** Units that reached the step. */
        REACHED,
        /** Units that reached the step but not the next one. */
        DROPPED
    }

    /**
     * The funnel for {@code query} over the included events of {@code selection} (over every event of a frame, the
     * one computed before for the same query while the frame keeps it: {@link Selection#remembered}).
     */
    public static FunnelResult compute(Selection selection, FunnelQuery query) {
        return selection.remembered(java.util.List.of(Funnels.class, query), () -> computeNow(selection, query));
    }

    private static FunnelResult computeNow(Selection selection, FunnelQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] ofType = labels.ofTypes();
        IntChunks type = f.type;
        int ns = query.steps().size();
        int nl = labels.count();
        int[] step = stepLabels(query, labels);
        int[] us = query.unit().starts(f);
        LongChunks time = f.time;

        int nUnits = us.length - 1;
        int parts = Chunks.parts(nUnits);
        Acc[] acc = new Acc[parts];
        Chunks.forParts(nUnits, parts, (part, u0, u1) -> {
            Acc a = new Acc(ns, nl);
            acc[part] = a;
            int[] matched = new int[ns];
            // each unit's labels into a scratch as long as the unit, from the type column's chunk (a copy only where
            // the unit spans two), not a label array over the frame: 20 MB at 5 M events, made anew for every new
            // selection, and most of the Funnels tab's re-query
            int[] lab = new int[64];
            int[] types = new int[64];
            for (int u = u0; u < u1; u++) {
                int from = us[u];
                int n = us[u + 1] - from;
                if (selection.firstIncluded(from, from + n) < 0) {
                    continue;
                }
                if (n > lab.length) {
                    lab = new int[Math.max(n, lab.length * 2)];
                }
                int[] tw = type.window(from, from + n, types);
                int t0 = type.windowStart(from, from + n);
                if (!type.inOneChunk(from, from + n)) {
                    types = tw; // a copy across two chunks: the scratch, perhaps grown (never keep a chunk)
                }
                for (int i = 0; i < n; i++) {
                    lab[i] = selection.includes(from + i) ? ofType[tw[t0 + i]] : -1;
                }
                if (Walk.first(lab, 0, n) < 0) {
                    continue;
                }
                a.units++;
                int r = match(lab, from, time, 0, n, step, query, matched);
                if (r == 0) {
                    continue;
                }
                for (int k = 0; k < r; k++) {
                    a.reached[k]++;
                }
                for (int k = 1; k < r; k++) {
                    long gap = time.get(from + matched[k]) - time.get(from + matched[k - 1]);
                    a.gaps[k] = add(a.gaps[k], a.gapN[k]++, gap);
                }
                if (r == ns) {
                    long span = time.get(from + matched[ns - 1]) - time.get(from + matched[0]);
                    a.convert = add(a.convert, a.nConvert++, span);
                } else {
                    int nx = Walk.next(lab, matched[r - 1], n, query.collapseRepeats());
                    a.next[(r - 1) * (nl + 1) + (nx < 0 ? nl : lab[nx])]++;
                }
            }
        });
        Acc total = Acc.merge(acc, ns, nl);
        int units = total.units;
        int[] reachedCount = total.reached;
        long[][] gaps = total.gaps;
        int[] gapN = total.gapN;
        int[] next = total.next;
        long[] convert = total.convert;
        int nConvert = total.nConvert;

        List<FunnelResult.Step> steps = new ArrayList<>(ns);
        for (int k = 0; k < ns; k++) {
            int c = reachedCount[k];
            double fromStart = reachedCount[0] == 0 ? 0 : (double) c / reachedCount[0];
            double fromPrev = k == 0 ? 1 : (reachedCount[k - 1] == 0 ? 0 : (double) c / reachedCount[k - 1]);
            int drop = k + 1 < ns ? c - reachedCount[k + 1] : 0;
            long med = k == 0 ? 0 : Percentiles.median(gaps[k], 0, gapN[k]);
            steps.add(new FunnelResult.Step(k, query.steps().get(k), c, fromStart, fromPrev, drop, med,
                    k + 1 < ns ? topNext(next, k * (nl + 1), nl, labels, query.topNext()) : List.of()));
        }
        return new FunnelResult(query, units, steps, TimeDistribution.of(convert, nConvert));
    }

    /**
     * What the units that complete the funnel do next: the event names that directly follow its last step (the
     * next included event, past repeats when the query collapses them), most frequent first, ties by name. What
     * "+ Add step" proposes, so a funnel grows in the order journeys go.
     */
    public static List<String> following(Selection selection, FunnelQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        int ns = query.steps().size();
        int[] step = stepLabels(query, labels);
        int[] us = query.unit().starts(f);
        long[] counts = new long[labels.count()];
        int[] matched = new int[ns];
        for (int u = 0; u + 1 < us.length; u++) {
            int to = us[u + 1];
            if (match(lab, 0, f.time, us[u], to, step, query, matched) == ns) {
                int nx = Walk.next(lab, matched[ns - 1], to, query.collapseRepeats());
                if (nx >= 0) {
                    counts[lab[nx]]++;
                }
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            if (counts[l] > 0) {
                present.add(l);
            }
        }
        present.sort(Comparator.<Integer>comparingLong(l -> -counts[l]).thenComparing(labels::name));
        return present.stream().map(labels::name).toList();
    }

    /**
     * The sessions of the units that reached (or dropped off after) a step: with sessions as the unit, those
     * sessions; with persons, the sessions holding each person's event for that step.
     */
    public static Drilldown sessionsAt(Selection selection, FunnelResult result, int stepIndex, Outcome outcome) {
        EventFrame f = selection.frame();
        FunnelQuery query = result.query();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        int[] step = stepLabels(query, labels);
        int[] us = query.unit().starts(f);
        int[] matched = new int[step.length];
        int[] out = new int[16];
        int n = 0;
        for (int u = 0; u + 1 < us.length; u++) {
            int r = match(lab, 0, f.time, us[u], us[u + 1], step, query, matched);
            boolean hit = outcome == Outcome.REACHED ? r > stepIndex : r == stepIndex + 1 && r < step.length;
            if (hit) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = f.sessionOf(matched[stepIndex]);
            }
        }
        String what = outcome == Outcome.REACHED ? "reached " : "dropped off after ";
        return Drilldown.of(query.unit().label() + " that " + what + query.steps().get(stepIndex)
                + " (funnel step " + (stepIndex + 1) + ")", Drilldown.sessions(out, n), f);
    }

    /** What one part of the units contributes; parts are merged in order. */
    private static final class Acc {
        int units;
        final int[] reached;
        final long[][] gaps;
        final int[] gapN;
        long[] convert = new long[16];
        int nConvert;
        final int[] next;

        Acc(int ns, int nl) {
            reached = new int[ns];
            gaps = new long[ns][];
            for (int k = 0; k < ns; k++) {
                gaps[k] = new long[16];
            }
            gapN = new int[ns];
            next = new int[ns * (nl + 1)];
        }

        static Acc merge(Acc[] parts, int ns, int nl) {
            if (parts.length == 1) {
                return parts[0];
            }
            Acc t = new Acc(ns, nl);
            for (Acc a : parts) {
                t.units += a.units;
                for (int k = 0; k < ns; k++) {
                    t.reached[k] += a.reached[k];
                    for (int i = 0; i < a.gapN[k]; i++) {
                        t.gaps[k] = add(t.gaps[k], t.gapN[k]++, a.gaps[k][i]);
                    }
                }
                for (int i = 0; i < a.nConvert; i++) {
                    t.convert = add(t.convert, t.nConvert++, a.convert[i]);
                }
                for (int i = 0; i < t.next.length; i++) {
                    t.next[i] += a.next[i];
                }
            }
            return t;
        }
    }

    /** Stores v at index i, growing the array when needed; returns the (possibly new) array. */
    private static long[] add(long[] a, int i, long v) {
        if (i == a.length) {
            a = Arrays.copyOf(a, Math.max(16, i * 2));
        }
        a[i] = v;
        return a;
    }

    private static int[] stepLabels(FunnelQuery query, Labels labels) {
        int[] step = new int[query.steps().size()];
        for (int k = 0; k < step.length; k++) {
            // an unknown step can never match; -2 keeps it distinct from "excluded" (-1)
            int l = labels.index(query.steps().get(k));
            step[k] = l < 0 ? -2 : l;
        }
        return step;
    }

    /**
     * Matches the funnel inside one unit, {@code lab[from, to)}: fills {@code matched} with the index in {@code lab}
     * of each reached step and returns how many steps were reached (0 when the unit never does the first step).
     * {@code lab[i]} labels frame event {@code base + i}.
     */
    static int match(int[] lab, int base, LongChunks time, int from, int to, int[] step, FunnelQuery q,
                     int[] matched) {
        int a = Walk.find(lab, from, to, step[0]);
        if (a < 0) {
            return 0;
        }
        matched[0] = a;
        long t0 = time.get(base + a);
        long window = q.windowMicros();
        boolean collapse = q.collapseRepeats();
        int p = a;
        int k = 1;
        for (; k < step.length; k++) {
            int i = Walk.next(lab, p, to, collapse);
            if (!q.strict() && i >= 0) {
                // any events may come between the steps: the first step-k event after the previous step's run,
                // looked for only inside the window (times are non-decreasing inside a unit)
                i = Walk.find(lab, i, windowEnd(time, base, i, to, t0, window), step[k]);
            }
            if (i < 0 || lab[i] != step[k] || time.get(base + i) - t0 > window) {
                break;
            }
            matched[k] = i;
            p = i;
        }
        return k;
    }

    /**
     * The first index in {@code [from, to)} whose time (that of frame event {@code base + index}) lies past
     * {@code t0 + window}, or {@code to}.
     */
    private static int windowEnd(LongChunks time, int base, int from, int to, long t0, long window) {
        if (window == FunnelQuery.NO_WINDOW || time.get(base + to - 1) - t0 <= window) {
            return to;
        }
        int lo = from;
        int hi = to - 1; // time.get(base + hi) is past the window
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.get(base + mid) - t0 > window) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static List<FunnelResult.Next> topNext(int[] next, int base, int nl, Labels labels, int top) {
        List<Integer> present = new ArrayList<>();
        for (int l = 0; l <= nl; l++) {
            if (next[base + l] > 0) {
                present.add(l);
            }
        }
        present.sort(Comparator.<Integer>comparingInt(l -> -next[base + l])
                .thenComparing(l -> l == nl ? FunnelResult.END : labels.name(l)));
        List<FunnelResult.Next> out = new ArrayList<>();
        for (int r = 0; r < Math.min(top, present.size()); r++) {
            int l = present.get(r);
            out.add(new FunnelResult.Next(l == nl ? FunnelResult.END : labels.name(l), next[base + l]));
        }
        return out;
    }
}
