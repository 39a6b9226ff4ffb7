package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups sessions by their full label sequence ({@link VariantQuery} → {@link VariantResult}). Sequences are
 * grouped in an open-addressing table keyed by a 64-bit hash and verified event by event, so no per-session
 * objects are made; only the top variants get their durations gathered.
 */
public final class Variants {
    private Variants() {
    }

    public static VariantResult compute(Selection selection, VariantQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        Grouping g = group(f, lab, query.collapseRepeats());

        // top N by count descending, ties by group id (= order of the first session following it)
        int top = Math.min(query.top(), g.groups);
        int maxCount = 0;
        for (int k = 0; k < g.groups; k++) {
            maxCount = Math.max(maxCount, g.count[k]);
        }
        int threshold = 0;
        if (top > 0) {
            int[] histogram = new int[maxCount + 1];
            for (int k = 0; k < g.groups; k++) {
                histogram[g.count[k]]++;
            }
            int seen = 0;
            for (threshold = maxCount; threshold > 0; threshold--) {
                seen += histogram[threshold];
                if (seen >= top) {
                    break;
                }
            }
        }
        int above = 0;
        for (int k = 0; k < g.groups; k++) {
            if (g.count[k] > threshold) {
                above++;
            }
        }
        int[] picked = new int[top];
        int np = 0;
        int atThreshold = top - above;
        for (int k = 0; k < g.groups && np < top; k++) {
            if (g.count[k] > threshold) {
                picked[np++] = k;
            } else if (g.count[k] == threshold && atThreshold > 0) {
                picked[np++] = k;
                atThreshold--;
            }
        }
        Integer[] order = new Integer[np];
        for (int i = 0; i < np; i++) {
            order[i] = picked[i];
        }
        Arrays.sort(order, (x, y) -> g.count[x] != g.count[y] ? Integer.compare(g.count[y], g.count[x])
                : Integer.compare(x, y));

        // durations of the picked variants only
        int[] slot = new int[g.groups];
        Arrays.fill(slot, -1);
        int[] offset = new int[np + 1];
        for (int i = 0; i < np; i++) {
            slot[order[i]] = i;
            offset[i + 1] = offset[i] + g.count[order[i]];
        }
        long[] durations = new long[offset[np]];
        int[] fill = Arrays.copyOf(offset, np);
        int[] ss = f.sessionStart;
        for (int s = 0; s < g.sessionGroup.length; s++) {
            int k = g.sessionGroup[s];
            if (k < 0 || slot[k] < 0) {
                continue;
            }
            int first = Walk.first(lab, ss[s], ss[s + 1]);
            int last = Walk.last(lab, ss[s], ss[s + 1]);
            durations[fill[slot[k]]++] = f.time[last] - f.time[first];
        }
        List<VariantResult.Variant> out = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            int k = order[i];
            int rep = g.firstSession[k];
            List<String> steps = new ArrayList<>();
            int end = ss[rep + 1];
            for (int e = Walk.first(lab, ss[rep], end); e >= 0; e = Walk.next(lab, e, end, query.collapseRepeats())) {
                steps.add(labels.name(lab[e]));
            }
            out.add(new VariantResult.Variant(steps, g.count[k], (double) g.count[k] / g.sessions,
                    Percentiles.median(durations, offset[i], offset[i + 1]), rep));
        }
        return new VariantResult(query, g.sessions, g.groups, out);
    }

    /** The sessions following the variant at {@code index} of the result. */
    public static Drilldown sessionsOf(Selection selection, VariantResult result, int index) {
        EventFrame f = selection.frame();
        VariantQuery query = result.query();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        Grouping g = group(f, lab, query.collapseRepeats());
        int target = g.sessionGroup[result.variants().get(index).firstSession()];
        int[] out = new int[g.count[target]];
        int n = 0;
        for (int s = 0; s < g.sessionGroup.length; s++) {
            if (g.sessionGroup[s] == target) {
                out[n++] = s;
            }
        }
        return Drilldown.of("Sessions following " + String.join(" → ", result.variants().get(index).steps()), out, f);
    }

    private static final class Grouping {
        int sessions;
        int groups;
        int[] sessionGroup;
        int[] count = new int[1024];
        int[] firstSession = new int[1024];
    }

    private static Grouping group(EventFrame f, int[] lab, boolean collapse) {
        int[] ss = f.sessionStart;
        int sessionCount = f.sessionCount();
        Grouping g = new Grouping();
        g.sessionGroup = new int[sessionCount];
        int cap = Integer.highestOneBit(Math.max(16, sessionCount * 2 - 1)) << 1;
        long[] tableHash = new long[cap];
        int[] tableGroup = new int[cap];
        Arrays.fill(tableGroup, -1);
        int mask = cap - 1;
        for (int s = 0; s < sessionCount; s++) {
            long h = 0x9E3779B97F4A7C15L;
            int len = 0;
            int end = ss[s + 1];
            for (int i = Walk.first(lab, ss[s], end); i >= 0; i = Walk.next(lab, i, end, collapse)) {
                h = (h ^ (lab[i] + 1)) * 0x100000001B3L;
                h ^= h >>> 29;
                len++;
            }
            if (len == 0) {
                g.sessionGroup[s] = -1;
                continue;
            }
            g.sessions++;
            h ^= len;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (true) {
                int k = tableGroup[slot];
                if (k < 0) {
                    if (g.groups == g.count.length) {
                        g.count = Arrays.copyOf(g.count, g.groups * 2);
                        g.firstSession = Arrays.copyOf(g.firstSession, g.groups * 2);
                    }
                    k = g.groups++;
                    tableGroup[slot] = k;
                    tableHash[slot] = h;
                    g.firstSession[k] = s;
                    g.count[k] = 1;
                    g.sessionGroup[s] = k;
                    break;
                }
                if (tableHash[slot] == h && sameSequence(lab, ss, s, g.firstSession[k], collapse)) {
                    g.count[k]++;
                    g.sessionGroup[s] = k;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return g;
    }

    private static boolean sameSequence(int[] lab, int[] ss, int a, int b, boolean collapse) {
        int endA = ss[a + 1];
        int endB = ss[b + 1];
        int i = Walk.first(lab, ss[a], endA);
        int j = Walk.first(lab, ss[b], endB);
        while (i >= 0 && j >= 0) {
            if (lab[i] != lab[j]) {
                return false;
            }
            i = Walk.next(lab, i, endA, collapse);
            j = Walk.next(lab, j, endB, collapse);
        }
        return i < 0 && j < 0;
    }
}
