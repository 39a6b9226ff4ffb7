package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deliberately simple re-implementations of flows, funnels and variants over lists of strings, to compare the
 * fast array code against on random logs. Nothing here is shared with the production code.
 */
final class NaiveReference {
    private NaiveReference() {
    }

    record Ev(String label, long time, int session) {
    }

    /** The labelled, filtered (and optionally collapsed) event list of every unit that has one, in unit order. */
    static List<List<Ev>> units(Selection sel, CountUnit unit, EventLabeling labeling, boolean collapse) {
        EventFrame f = sel.frame();
        TreeMap<Integer, List<Ev>> byUnit = new TreeMap<>();
        for (int i = 0; i < f.size; i++) {
            if (!sel.includes(i)) {
                continue;
            }
            String name = f.typeNames[f.type.get(i)];
            String label = name;
            for (RenameRule r : labeling.rules()) {
                if (name.matches(r.regex())) {
                    label = r.label();
                    break;
                }
            }
            if (labeling.excluded().contains(name) || labeling.excluded().contains(label)) {
                continue;
            }
            int key = unit == CountUnit.SESSIONS ? f.sessionOf(i) : f.personOf(i);
            List<Ev> list = byUnit.computeIfAbsent(key, k -> new ArrayList<>());
            if (collapse && !list.isEmpty() && list.get(list.size() - 1).label().equals(label)) {
                continue;
            }
            list.add(new Ev(label, f.time.get(i), f.sessionOf(i)));
        }
        return new ArrayList<>(byUnit.values());
    }

    static long lowerMedian(List<Long> values) {
        return percentile(values, 50);
    }

    /**
     * The p-th percentile straight from its definition, without rank arithmetic: the smallest observed value with
     * at least p % of the values at or below it (counted one by one).
     */
    static long percentile(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        for (long v : s) {
            long atOrBelow = s.stream().filter(x -> x <= v).count();
            if (atOrBelow * 100 >= (long) p * s.size()) {
                return v;
            }
        }
        throw new IllegalArgumentException("no values");
    }

    // ---------------------------------------------------------------- flows

    record NodeStats(int count, int dropoff, int continuing, int repeats, Map<String, Integer> members) {
    }

    record Flow(int journeys, Map<String, NodeStats> nodes, Map<String, Integer> linkCounts,
                Map<String, Long> linkMedians) {
    }

    private record Path(List<Ev> events, List<Integer> cols, boolean more) {
    }

    static Flow flow(Selection sel, FlowQuery q) {
        int n = q.steps();
        List<Path> paths = new ArrayList<>();
        for (List<Ev> unitSeq : units(sel, q.unit(), q.labeling(), q.collapseRepeats())) {
            List<Ev> seq = unitSeq;
            if (q.fromJourneyStart()) {
                // the journey start as an event of its own just before the first one
                seq = new ArrayList<>();
                seq.add(new Ev(FlowQuery.JOURNEY_START, unitSeq.get(0).time(), unitSeq.get(0).session()));
                seq.addAll(unitSeq);
            }
            switch (q.direction()) {
                case FORWARD -> {
                    int a = indexOf(seq, q.start(), 0);
                    if (a < 0) {
                        continue;
                    }
                    int last = Math.min(a + n, seq.size() - 1);
                    List<Integer> cols = new ArrayList<>();
                    for (int i = a; i <= last; i++) {
                        cols.add(i - a);
                    }
                    paths.add(new Path(seq.subList(a, last + 1), cols, seq.size() > a + n + 1));
                }
                case BACKWARD -> {
                    int e = indexOf(seq, q.end(), 0);
                    if (e < 0) {
                        continue;
                    }
                    int firstIdx = Math.max(0, e - n);
                    List<Integer> cols = new ArrayList<>();
                    for (int i = firstIdx; i <= e; i++) {
                        cols.add(n - (e - i));
                    }
                    paths.add(new Path(seq.subList(firstIdx, e + 1), cols, e - n > 0));
                }
                case BETWEEN -> {
                    int a = indexOf(seq, q.start(), 0);
                    if (a < 0) {
                        continue;
                    }
                    int e = indexOf(seq, q.end(), a + 1);
                    if (e < 0) {
                        continue;
                    }
                    int last = Math.min(e, a + n);
                    List<Integer> cols = new ArrayList<>();
                    for (int i = a; i <= last; i++) {
                        cols.add(i - a);
                    }
                    paths.add(new Path(seq.subList(a, last + 1), cols, e > a + n));
                }
            }
        }
        // top K per column
        Map<Integer, Map<String, Integer>> perCol = new HashMap<>();
        for (Path p : paths) {
            for (int i = 0; i < p.events.size(); i++) {
                perCol.computeIfAbsent(p.cols.get(i), k -> new HashMap<>()).merge(p.events.get(i).label(), 1, Integer::sum);
            }
        }
        Map<String, String> nodeName = new HashMap<>(); // "col|label" -> node label
        for (var e : perCol.entrySet()) {
            List<Map.Entry<String, Integer>> ranked = new ArrayList<>(e.getValue().entrySet());
            ranked.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(x -> -x.getValue()).thenComparing(Map.Entry::getKey));
            for (int r = 0; r < ranked.size(); r++) {
                nodeName.put(e.getKey() + "|" + ranked.get(r).getKey(), r < q.topK() ? ranked.get(r).getKey() : FlowResult.OTHER);
            }
        }
        Map<String, int[]> stats = new HashMap<>();
        Map<String, Map<String, Integer>> members = new HashMap<>();
        Map<String, List<Long>> links = new HashMap<>();
        boolean backward = q.direction() == FlowQuery.Direction.BACKWARD;
        for (Path p : paths) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < p.events.size(); i++) {
                int col = p.cols.get(i);
                String label = p.events.get(i).label();
                String key = col + "|" + nodeName.get(col + "|" + label);
                keys.add(key);
                int[] s = stats.computeIfAbsent(key, k -> new int[4]);
                s[0]++;
                for (int j = 0; j < i; j++) {
                    if (p.events.get(j).label().equals(label)) {
                        s[3]++;
                        break;
                    }
                }
                if (nodeName.get(col + "|" + label).equals(FlowResult.OTHER)) {
                    members.computeIfAbsent(key, k -> new HashMap<>()).merge(label, 1, Integer::sum);
                }
                if (i > 0) {
                    links.computeIfAbsent(keys.get(i - 1) + ">" + key, k -> new ArrayList<>())
                            .add(p.events.get(i).time() - p.events.get(i - 1).time());
                }
            }
            int edge = backward ? 0 : p.events.size() - 1;
            int edgeCol = p.cols.get(edge);
            boolean outermost = backward ? edgeCol == 0 : edgeCol == n;
            stats.get(keys.get(edge))[outermost && p.more ? 2 : 1]++;
        }
        Map<String, NodeStats> nodes = new HashMap<>();
        stats.forEach((k, s) -> nodes.put(k, new NodeStats(s[0], s[1], s[2], s[3], members.getOrDefault(k, Map.of()))));
        Map<String, Integer> linkCounts = new HashMap<>();
        Map<String, Long> linkMedians = new HashMap<>();
        links.forEach((k, v) -> {
            linkCounts.put(k, v.size());
            linkMedians.put(k, lowerMedian(v));
        });
        return new Flow(paths.size(), nodes, linkCounts, linkMedians);
    }

    private static int indexOf(List<Ev> seq, String label, int from) {
        for (int i = from; i < seq.size(); i++) {
            if (seq.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- funnels

    record Funnel(int units, int[] reached, List<Map<String, Integer>> next, List<Long> convert,
                  List<List<Long>> gaps) {
    }

    static Funnel funnel(Selection sel, FunnelQuery q) {
        List<String> steps = q.steps();
        int ns = steps.size();
        List<List<Ev>> all = units(sel, q.unit(), q.labeling(), q.collapseRepeats());
        int[] reached = new int[ns];
        List<Map<String, Integer>> next = new ArrayList<>();
        List<List<Long>> gaps = new ArrayList<>();
        for (int k = 0; k < ns; k++) {
            next.add(new HashMap<>());
            gaps.add(new ArrayList<>());
        }
        List<Long> convert = new ArrayList<>();
        for (List<Ev> seq : all) {
            int a = indexOf(seq, steps.get(0), 0);
            if (a < 0) {
                continue;
            }
            long t0 = seq.get(a).time();
            List<Integer> hit = new ArrayList<>(List.of(a));
            for (int k = 1; k < ns; k++) {
                int p = hit.get(hit.size() - 1);
                int j = q.strict() ? (p + 1 < seq.size() && seq.get(p + 1).label().equals(steps.get(k)) ? p + 1 : -1)
                        : indexOf(seq, steps.get(k), p + 1);
                if (j < 0 || seq.get(j).time() - t0 > q.windowMicros()) {
                    break;
                }
                hit.add(j);
            }
            for (int k = 0; k < hit.size(); k++) {
                reached[k]++;
                if (k > 0) {
                    gaps.get(k).add(seq.get(hit.get(k)).time() - seq.get(hit.get(k - 1)).time());
                }
            }
            if (hit.size() == ns) {
                convert.add(seq.get(hit.get(ns - 1)).time() - t0);
            } else {
                int p = hit.get(hit.size() - 1);
                String nx = p + 1 < seq.size() ? seq.get(p + 1).label() : FunnelResult.END;
                next.get(hit.size() - 1).merge(nx, 1, Integer::sum);
            }
        }
        return new Funnel(all.size(), reached, next, convert, gaps);
    }

    /** Top n entries by count descending, then name. */
    static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(x -> -x.getValue()).thenComparing(Map.Entry::getKey));
        return ranked.subList(0, Math.min(n, ranked.size()));
    }

    // ---------------------------------------------------------------- variants

    record Variant(List<String> steps, int count, long medianDuration, int firstSession) {
    }

    /** Variants by count descending, ties by the earliest session following them. */
    static List<Variant> variants(Selection sel, EventLabeling labeling, boolean collapse) {
        Map<List<String>, List<Long>> groups = new java.util.LinkedHashMap<>();
        Map<List<String>, Integer> first = new HashMap<>();
        List<List<Ev>> shown = units(sel, CountUnit.SESSIONS, labeling, collapse);
        List<List<Ev>> raw = units(sel, CountUnit.SESSIONS, labeling, false); // duration ignores collapsing
        for (int u = 0; u < shown.size(); u++) {
            List<String> key = shown.get(u).stream().map(Ev::label).toList();
            List<Ev> r = raw.get(u);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r.get(r.size() - 1).time() - r.get(0).time());
            first.putIfAbsent(key, r.get(0).session());
        }
        List<Variant> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(new Variant(k, v.size(), lowerMedian(v), first.get(k))));
        out.sort(Comparator.comparingInt((Variant v) -> -v.count()).thenComparingInt(Variant::firstSession));
        return out;
    }
}
