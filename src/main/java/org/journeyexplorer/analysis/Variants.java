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

        // top N by count descending, ties by the first session following it
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
        // all above the threshold, then those at it in the order of their first session (group ids follow the
        // hash partitions, not the sessions)
        int[] picked = new int[top];
        int np = 0;
        for (int k = 0; k < g.groups && np < top; k++) {
            if (g.count[k] > threshold) {
                picked[np++] = k;
            }
        }
        for (int s = 0; s < g.sessionGroup.length && np < top; s++) {
            int k = g.sessionGroup[s];
            if (k >= 0 && g.firstSession[k] == s && g.count[k] == threshold) {
                picked[np++] = k;
            }
        }
        Integer[] order = new Integer[np];
        for (int i = 0; i < np; i++) {
            order[i] = picked[i];
        }
        Arrays.sort(order, (x, y) -> g.count[x] != g.count[y] ? Integer.compare(g.count[y], g.count[x])
                : Integer.compare(g.firstSession[x], g.firstSession[y]));

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
        int[] count;
        int[] firstSession;
    }

    /**
     * Keeps only these bits of a sequence's hash; tests narrow it so that different sequences share a hash and
     * the event-by-event check has to tell them apart.
     */
    static volatile long hashMask = -1L;

    /**
     * Groups the sessions by sequence. A first pass (in parts over the cores) hashes every session's sequence;
     * the sessions are then split by the top bits of their hash into partitions, each grouped on its own core in
     * its own small table. Equal sequences have equal hashes, so no group spans two partitions and nothing is
     * merged: a group's id is its partition's offset plus its index there. Most sessions start a group of their
     * own (hundreds of thousands of distinct variants at 5 M events), so one table over all sessions misses the
     * cache on nearly every probe; tables a few partitions wide mostly hit it.
     */
    private static Grouping group(EventFrame f, int[] lab, boolean collapse) {
        int[] ss = f.sessionStart;
        int sessionCount = f.sessionCount();
        long mask = hashMask;
        long[] hash = new long[sessionCount];
        boolean[] empty = new boolean[sessionCount];
        Chunks.forRange(sessionCount, (from, to) -> {
            for (int s = from; s < to; s++) {
                long h = 0x9E3779B97F4A7C15L;
                int len = 0;
                int prev = -1;
                for (int i = ss[s], end = ss[s + 1]; i < end; i++) {
                    int l = lab[i];
                    // the steps of Walk.next: included events, a run of one label as one step when collapsing
                    if (l < 0 || (collapse && l == prev)) {
                        continue;
                    }
                    prev = l;
                    h = (h ^ (l + 1)) * 0x100000001B3L;
                    h ^= h >>> 29;
                    len++;
                }
                h = (h ^ len) * 0x9E3779B97F4A7C15L;
                hash[s] = (h ^ (h >>> 32)) & mask;
                empty[s] = len == 0;
            }
        });

        int parts = Integer.highestOneBit(Chunks.parts(sessionCount));
        int shift = 64 - Integer.numberOfTrailingZeros(parts);
        int[] partStart = new int[parts + 1];
        int sessions = 0;
        for (int s = 0; s < sessionCount; s++) {
            if (!empty[s]) {
                partStart[partOf(hash[s], shift) + 1]++;
                sessions++;
            }
        }
        for (int p = 0; p < parts; p++) {
            partStart[p + 1] += partStart[p];
        }
        // each partition's sessions in session order, so a group's first member is its first session
        int[] members = new int[sessions];
        int[] fill = Arrays.copyOf(partStart, parts);
        for (int s = 0; s < sessionCount; s++) {
            if (!empty[s]) {
                members[fill[partOf(hash[s], shift)]++] = s;
            }
        }

        int[] sessionGroup = new int[sessionCount];
        int[][] partCount = new int[parts][];
        int[][] partFirst = new int[parts][];
        int[] partGroups = new int[parts];
        Chunks.forParts(parts, parts, (p, x, y) -> {
            int from = partStart[p];
            int to = partStart[p + 1];
            int cap = Integer.highestOneBit(Math.max(8, (to - from) * 2 - 1)) << 1;
            int tableMask = cap - 1;
            long[] tableHash = new long[cap];
            int[] tableGroup = new int[cap];
            Arrays.fill(tableGroup, -1);
            int[] count = new int[Math.max(16, (to - from) / 2)];
            int[] first = new int[count.length];
            int groups = 0;
            for (int m = from; m < to; m++) {
                int s = members[m];
                long h = hash[s];
                int slot = (int) h & tableMask;
                while (true) {
                    int k = tableGroup[slot];
                    if (k < 0) {
                        if (groups == count.length) {
                            count = Arrays.copyOf(count, groups * 2);
                            first = Arrays.copyOf(first, groups * 2);
                        }
                        k = groups++;
                        tableGroup[slot] = k;
                        tableHash[slot] = h;
                        first[k] = s;
                        count[k] = 1;
                        sessionGroup[s] = k;
                        break;
                    }
                    if (tableHash[slot] == h && sameSequence(lab, ss, s, first[k], collapse)) {
                        count[k]++;
                        sessionGroup[s] = k;
                        break;
                    }
                    slot = (slot + 1) & tableMask;
                }
            }
            partCount[p] = count;
            partFirst[p] = first;
            partGroups[p] = groups;
        });

        Grouping g = new Grouping();
        g.sessions = sessions;
        g.sessionGroup = sessionGroup;
        int[] groupOffset = new int[parts + 1];
        for (int p = 0; p < parts; p++) {
            groupOffset[p + 1] = groupOffset[p] + partGroups[p];
        }
        g.groups = groupOffset[parts];
        g.count = new int[g.groups];
        g.firstSession = new int[g.groups];
        for (int p = 0; p < parts; p++) {
            System.arraycopy(partCount[p], 0, g.count, groupOffset[p], partGroups[p]);
            System.arraycopy(partFirst[p], 0, g.firstSession, groupOffset[p], partGroups[p]);
        }
        Chunks.forRange(sessionCount, (from, to) -> {
            for (int s = from; s < to; s++) {
                sessionGroup[s] = empty[s] ? -1 : sessionGroup[s] + groupOffset[partOf(hash[s], shift)];
            }
        });
        return g;
    }

    private static int partOf(long hash, int shift) {
        return shift == 64 ? 0 : (int) (hash >>> shift);
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
