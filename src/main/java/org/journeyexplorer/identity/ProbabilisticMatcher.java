package org.journeyexplorer.identity;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candidate pairs and scores of probabilistic matching. A candidate is a person without a user id (what the rules
 * before left alone: one or more anonymous ids) and another person that share a device signal (a fingerprint, or
 * user agent + IP prefix) or a network signal (the IP prefix) with activity on it no further apart in time than the
 * window. Each pair gets a score from its evidence, combined as a logistic model with fixed, stated weights:
 * <ul>
 *   <li>same device signal: +{@value #W_DEVICE}; same network only: +{@value #W_NETWORK};</li>
 *   <li>how many persons share the signal: −{@value #W_POPULAR} × ln(persons), so a signal shared by a household or
 *       an office says less than one shared by two ids only; a signal shared by more than {@value #MAX_BLOCK}
 *       persons (carrier NAT, a café) gives no candidates at all;</li>
 *   <li>time: on a shared device signal, activity at the same times means two devices (or two people), not one
 *       browser that lost its cookie: −{@value #W_OVERLAP}; otherwise the nearer the better: under an hour
 *       +{@value #W_NEAR}, under a day +{@value #W_DAY}, else (within the window) +{@value #W_WINDOW};</li>
 *   <li>behaviour: +{@value #W_BEHAVIOUR} × (cosine similarity of the two persons' event-type counts − 0.5);</li>
 * </ul>
 * plus the intercept {@value #W_0}; score = 1 / (1 + e^−z). The weights were set on the demo generator's known truth
 * (see the README's identity figures), not fitted to any customer's data.
 */
final class ProbabilisticMatcher {
    static final int MAX_BLOCK = 30;
    static final double W_0 = -3.0;
    static final double W_DEVICE = 4.0;
    static final double W_NETWORK = 1.5;
    static final double W_POPULAR = 0.8;
    static final double W_NEAR = 1.5;
    static final double W_DAY = 1.0;
    static final double W_WINDOW = 0.5;
    static final double W_OVERLAP = 3.0;
    static final double W_BEHAVIOUR = 2.0;
    private static final long HOUR = 3_600_000_000L;
    private static final int DIMS = 64;

    private ProbabilisticMatcher() {
    }

    /**
     * A scored pair.
     *
     * @param anonymous an anonymous id of the person without a user id (a node of the graph)
     * @param other     an id of the other person, the one whose rows share the signal
     * @param score     0–1
     * @param atMicros  when the two were active nearest to each other on the shared signal
     * @param signals   the evidence in words
     */
    record Candidate(int anonymous, int other, double score, long atMicros, List<String> signals) {
    }

    /** Evidence gathered for one pair of persons (union-find roots). */
    private static final class Pair {
        final int nodeX;
        final int nodeY;
        boolean device;
        boolean network;
        boolean deviceOverlap;
        int persons = Integer.MAX_VALUE;
        long gap = Long.MAX_VALUE;
        long at;

        Pair(int nodeX, int nodeY) {
            this.nodeX = nodeX;
            this.nodeY = nodeY;
        }
    }

    /** Candidates of the graph as the rules before left it, best score first (ties by ids). */
    static List<Candidate> candidates(EventColumns c, UnionFind uf, boolean[] detached, IdentitySettings s,
                                      TaskContext ctx) {
        KeyColumns keys = c.keys();
        int n = c.size();
        IntChunks user = c.user();
        IntChunks anon = c.anonymous();
        long[] time = c.timeMicros();
        long window = s.windowMinutes() * 60_000_000L;

        // (signal, owner id) -> activity span; the owner of a row is its user id, else its anonymous id
        Map<Long, Integer> index = new HashMap<>();
        int[] entSignal = new int[1024];
        int[] entNode = new int[1024];
        long[] entFirst = new long[1024];
        long[] entLast = new long[1024];
        boolean[] entDevice = new boolean[1024];
        int entries = 0;
        for (byte kind : new byte[]{KeyColumns.DEVICE, KeyColumns.NETWORK}) {
            IntChunks col = keys.column(kind);
            if (col == null) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                int sig = col.get(r);
                if (sig < 0) {
                    continue;
                }
                int owner = user.get(r) >= 0 ? user.get(r) : anon.get(r);
                if (owner < 0 || detached[owner]) {
                    continue;
                }
                long key = ((long) sig << 32) | owner;
                Integer e = index.get(key);
                if (e == null) {
                    if (entries == entSignal.length) {
                        int cap = entries * 2;
                        entSignal = Arrays.copyOf(entSignal, cap);
                        entNode = Arrays.copyOf(entNode, cap);
                        entFirst = Arrays.copyOf(entFirst, cap);
                        entLast = Arrays.copyOf(entLast, cap);
                        entDevice = Arrays.copyOf(entDevice, cap);
                    }
                    e = entries++;
                    index.put(key, e);
                    entSignal[e] = sig;
                    entNode[e] = owner;
                    entFirst[e] = time[r];
                    entLast[e] = time[r];
                    entDevice[e] = kind == KeyColumns.DEVICE;
                } else {
                    entFirst[e] = Math.min(entFirst[e], time[r]);
                    entLast[e] = Math.max(entLast[e], time[r]);
                }
            }
            ctx.checkCancelled();
        }
        index = null;

        // group entries by signal
        Integer[] order = new Integer[entries];
        for (int i = 0; i < entries; i++) {
            order[i] = i;
        }
        int[] sigOf = entSignal;
        int[] nodeOf = entNode;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> sigOf[i]).thenComparingInt(i -> nodeOf[i]));
        Map<Long, Pair> pairs = new HashMap<>();
        int[] roots = new int[MAX_BLOCK + 1];
        for (int from = 0; from < entries; ) {
            int to = from;
            while (to < entries && entSignal[order[to]] == entSignal[order[from]]) {
                to++;
            }
            int distinct = 0;
            boolean orphan = false;
            for (int i = from; i < to && distinct <= MAX_BLOCK; i++) {
                int r = uf.find(entNode[order[i]]);
                boolean known = false;
                for (int k = 0; k < distinct; k++) {
                    known |= roots[k] == r;
                }
                if (!known) {
                    roots[distinct++] = r;
                    orphan |= !uf.anchored(r);
                }
            }
            if (distinct >= 2 && distinct <= MAX_BLOCK && orphan) {
                for (int i = from; i < to; i++) {
                    int x = order[i];
                    int rx = uf.find(entNode[x]);
                    for (int j = i + 1; j < to; j++) {
                        int y = order[j];
                        int ry = uf.find(entNode[y]);
                        if (rx == ry || (uf.anchored(rx) && uf.anchored(ry))) {
                            continue;
                        }
                        long gap = Math.max(0, Math.max(entFirst[x], entFirst[y]) - Math.min(entLast[x], entLast[y]));
                        if (gap > window) {
                            continue;
                        }
                        // the person without a user id is the one that joins; between two such, the lower id
                        boolean xJoins = !uf.anchored(rx) && (uf.anchored(ry) || entNode[x] < entNode[y]);
                        int nx = xJoins ? entNode[x] : entNode[y];
                        int ny = xJoins ? entNode[y] : entNode[x];
                        long pk = ((long) Math.min(rx, ry) << 32) | Math.max(rx, ry);
                        Pair p = pairs.computeIfAbsent(pk, k -> new Pair(nx, ny));
                        p.device |= entDevice[x];
                        p.network |= !entDevice[x];
                        p.deviceOverlap |= entDevice[x] && gap == 0;
                        p.persons = Math.min(p.persons, distinct);
                        if (gap < p.gap) {
                            p.gap = gap;
                            p.at = Math.max(entFirst[x], entFirst[y]);
                        }
                    }
                }
            }
            from = to;
        }
        ctx.checkCancelled();
        if (pairs.isEmpty()) {
            return List.of();
        }

        // behaviour: event-type counts per person of a pair, types folded into DIMS buckets
        int nodes = uf.size();
        int[] vecOf = new int[nodes];
        Arrays.fill(vecOf, -1);
        int vectors = 0;
        for (Pair p : pairs.values()) {
            for (int node : new int[]{p.nodeX, p.nodeY}) {
                int r = uf.find(node);
                if (vecOf[r] < 0) {
                    vecOf[r] = vectors++;
                }
            }
        }
        float[] vec = new float[vectors * DIMS];
        int[] type = c.eventType();
        for (int r = 0; r < n; r++) {
            int owner = user.get(r) >= 0 ? user.get(r) : anon.get(r);
            if (owner < 0) {
                continue;
            }
            int v = vecOf[uf.find(owner)];
            if (v >= 0) {
                vec[v * DIMS + type[r] % DIMS]++;
            }
        }
        ctx.checkCancelled();

        List<Candidate> out = new ArrayList<>(pairs.size());
        for (Pair p : pairs.values()) {
            double sim = cosine(vec, vecOf[uf.find(p.nodeX)], vecOf[uf.find(p.nodeY)]);
            double z = W_0 + (p.device ? W_DEVICE : 0) + (p.network ? W_NETWORK : 0)
                    - W_POPULAR * Math.log(p.persons)
                    + (p.deviceOverlap ? -W_OVERLAP : p.gap < HOUR ? W_NEAR : p.gap < 24 * HOUR ? W_DAY : W_WINDOW)
                    + W_BEHAVIOUR * (sim - 0.5);
            double score = 1 / (1 + Math.exp(-z));
            List<String> why = new ArrayList<>();
            if (p.device) {
                why.add("same device (fingerprint or user agent + IP prefix)");
            }
            if (p.network) {
                why.add("same network (IP prefix)");
            }
            why.add(p.persons == 2 ? "shared by these two only" : "shared by " + p.persons + " persons");
            why.add(p.deviceOverlap ? "active at the same times on that device (two devices?)"
                    : p.gap == 0 ? "active at overlapping times" : "active " + Formats.duration(p.gap) + " apart");
            why.add(String.format(Locale.ROOT, "behaviour similarity %.2f", sim));
            out.add(new Candidate(p.nodeX, p.nodeY, score, p.at, why));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingInt(Candidate::anonymous).thenComparingInt(Candidate::other));
        return out;
    }

    private static double cosine(float[] vec, int a, int b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < DIMS; k++) {
            double x = vec[a * DIMS + k];
            double y = vec[b * DIMS + k];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

}
