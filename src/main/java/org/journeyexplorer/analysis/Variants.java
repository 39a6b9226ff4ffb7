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
        Grouping g = group(f, lab, labels.count(), query.collapseRepeats());

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
            durations[fill[slot[k]]++] = f.time.get(last) - f.time.get(first);
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
        Grouping g = group(f, lab, labels.count(), query.collapseRepeats());
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
     * Sequences whose labels fit this many bits are keyed by the labels themselves, which is exact, so they are
     * never checked step by step; tests set it to 0 to send every sequence through the hash and the check.
     */
    static volatile int packBits = 56;

    /** Per session in a partition's stream: session, key (two ints), number of steps stored; then those steps. */
    private static final int HEADER = 4;

    /**
     * Groups the sessions by sequence, exactly, in two passes that each read memory in order. The first (in
     * parts over the sessions, on the cores) hashes every session's steps and appends the session, its hash and
     * its steps to the stream of one hash partition (by the hash's top bits). The second groups each partition on
     * its own core: it reads its streams in session order, so a group's first member is its first session, and
     * checks a session against its group's first member step by step inside the same streams. Equal sequences
     * have equal hashes, so no group spans two partitions and nothing is merged: a group's id is its partition's
     * offset plus its index there. (Most sessions start a group of their own, hundreds of thousands at 5 M
     * events; one table over all sessions, checked against the first member's events elsewhere in the frame,
     * missed the cache on nearly every session.)
     */
    private static Grouping group(EventFrame f, int[] lab, int labelCount, boolean collapse) {
        int[] ss = f.sessionStart;
        int sessionCount = f.sessionCount();
        long mask = hashMask & Long.MAX_VALUE;
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, labelCount - 1));
        int packable = packBits / bits;
        int chunks = Chunks.parts(sessionCount);
        int parts = Integer.highestOneBit(Math.min(chunks, 64)); // a partition number fits a byte
        int shift = 64 - Integer.numberOfTrailingZeros(parts);
        int[][][] stream = new int[chunks][parts][];
        int[][] streamEnd = new int[chunks][parts];
        int[][] streamSessions = new int[chunks][parts];
        int[] sessionGroup = new int[sessionCount];
        byte[] partOfSession = new byte[sessionCount];
        Chunks.forParts(sessionCount, chunks, (c, from, to) -> {
            int[][] out = stream[c];
            int[] end = streamEnd[c];
            int guess = (ss[to] - ss[from] + HEADER * (to - from)) / parts + 16;
            for (int p = 0; p < parts; p++) {
                out[p] = new int[guess + guess / 8];
            }
            int[] steps = new int[64];
            for (int s = from; s < to; s++) {
                int first = ss[s];
                int last = ss[s + 1];
                if (steps.length < last - first) {
                    steps = new int[Math.max(steps.length * 2, last - first)];
                }
                int len = copySteps(lab, first, last, collapse, steps, 0);
                if (len == 0) {
                    sessionGroup[s] = -1;
                    continue;
                }
                // a short sequence's key is its labels packed under a set sign bit (equal keys = equal
                // sequences); a longer one's is a hash with the sign bit clear, checked step by step
                long h;
                int stored;
                if (len <= packable) {
                    h = Long.MIN_VALUE | ((long) len << 56);
                    for (int j = 0; j < len; j++) {
                        h |= (long) steps[j] << (j * bits);
                    }
                    stored = 0;
                } else {
                    h = 0x9E3779B97F4A7C15L;
                    for (int j = 0; j < len; j++) {
                        h = (h ^ (steps[j] + 1)) * 0x100000001B3L;
                        h ^= h >>> 29;
                    }
                    h = (h ^ len) * 0x9E3779B97F4A7C15L;
                    h = (h ^ (h >>> 32)) & mask;
                    stored = len;
                }
                int p = partOf(spread(h), shift);
                partOfSession[s] = (byte) p;
                int at = end[p];
                if (out[p].length - at < HEADER + stored) {
                    out[p] = Arrays.copyOf(out[p], Math.max(out[p].length * 2, at + HEADER + stored));
                }
                int[] o = out[p];
                o[at] = s;
                o[at + 1] = (int) (h >>> 32);
                o[at + 2] = (int) h;
                o[at + 3] = stored;
                System.arraycopy(steps, 0, o, at + HEADER, stored);
                end[p] = at + HEADER + stored;
                streamSessions[c][p]++;
            }
        });

        int[][] partCount = new int[parts][];
        int[][] partFirst = new int[parts][];
        int[] partGroups = new int[parts];
        int[] partSessions = new int[parts];
        Chunks.forParts(parts, parts, (p, x, y) -> {
            int members = 0;
            for (int c = 0; c < chunks; c++) {
                members += streamSessions[c][p];
            }
            int cap = Integer.highestOneBit(Math.max(8, members * 2 - 1)) << 1;
            int tableMask = cap - 1;
            long[] tableHash = new long[cap];
            int[] tableGroup = new int[cap];
            Arrays.fill(tableGroup, -1);
            // at most one group per member: sized once, never grown
            int[] count = new int[members];
            int[] first = new int[count.length];
            // where each group's first member sits in the streams, to check later members against
            int[] repChunk = new int[count.length];
            int[] repAt = new int[count.length];
            int groups = 0;
            for (int c = 0; c < chunks; c++) {
                int[] in = stream[c][p];
                for (int at = 0, end = streamEnd[c][p]; at < end; at += HEADER + in[at + 3]) {
                    int s = in[at];
                    long h = ((long) in[at + 1] << 32) | (in[at + 2] & 0xFFFF_FFFFL);
                    int slot = (int) spread(h) & tableMask;
                    while (true) {
                        int k = tableGroup[slot];
                        if (k < 0) {
                            k = groups++;
                            tableGroup[slot] = k;
                            tableHash[slot] = h;
                            first[k] = s;
                            count[k] = 1;
                            repChunk[k] = c;
                            repAt[k] = at;
                            sessionGroup[s] = k;
                            break;
                        }
                        if (tableHash[slot] == h && (h < 0
                                || sameSteps(in, at, stream[repChunk[k]][p], repAt[k]))) {
                            count[k]++;
                            sessionGroup[s] = k;
                            break;
                        }
                        slot = (slot + 1) & tableMask;
                    }
                }
            }
            partCount[p] = count;
            partFirst[p] = first;
            partGroups[p] = groups;
            partSessions[p] = members;
        });

        Grouping g = new Grouping();
        g.sessionGroup = sessionGroup;
        int[] groupOffset = new int[parts + 1];
        for (int p = 0; p < parts; p++) {
            groupOffset[p + 1] = groupOffset[p] + partGroups[p];
            g.sessions += partSessions[p];
        }
        g.groups = groupOffset[parts];
        g.count = new int[g.groups];
        g.firstSession = new int[g.groups];
        for (int p = 0; p < parts; p++) {
            System.arraycopy(partCount[p], 0, g.count, groupOffset[p], partGroups[p]);
            System.arraycopy(partFirst[p], 0, g.firstSession, groupOffset[p], partGroups[p]);
        }
        if (parts > 1) {
            Chunks.forRange(sessionCount, (from, to) -> {
                for (int s = from; s < to; s++) {
                    if (sessionGroup[s] >= 0) {
                        sessionGroup[s] += groupOffset[partOfSession[s]];
                    }
                }
            });
        }
        return g;
    }

    /** Whether the stream entries at {@code a} and {@code b} hold the same steps. */
    private static boolean sameSteps(int[] in, int a, int[] rep, int b) {
        int len = in[a + 3];
        return rep[b + 3] == len && Arrays.equals(in, a + HEADER, a + HEADER + len, rep, b + HEADER, b + HEADER + len);
    }

    /** The key's bits mixed, so that packed keys (whose top bits are alike) spread over partitions and slots. */
    private static long spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static int partOf(long hash, int shift) {
        return shift == 64 ? 0 : (int) (hash >>> shift);
    }

    /** Writes the steps of events {@code [from, to)} (as {@link Walk#next} visits them) at {@code at}; returns the end. */
    private static int copySteps(int[] lab, int from, int to, boolean collapse, int[] out, int at) {
        int prev = -1;
        for (int i = from; i < to; i++) {
            int l = lab[i];
            if (l < 0 || (collapse && l == prev)) {
                continue;
            }
            prev = l;
            out[at++] = l;
        }
        return at;
    }
}
