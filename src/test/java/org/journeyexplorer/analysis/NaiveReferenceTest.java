package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random logs through stitching, sorting, sessionizing and transitions, compared with a deliberately naive
 * implementation over boxed events, maps and lists.
 */
class NaiveReferenceTest {

    /** One event, boxed and obvious. */
    record Ev(int row, String user, String anon, long time, String type) {
    }

    /** Naive stitching: links in time order, first link of an anonymous id wins. Returns person name per row. */
    static List<String> naivePersons(List<Ev> events, boolean stitch) {
        Map<String, String> anonToUser = new HashMap<>();
        if (stitch) {
            List<Ev> links = new ArrayList<>();
            for (Ev e : events) {
                if (e.user() != null && e.anon() != null) {
                    links.add(e);
                }
            }
            links.sort(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::row));
            for (Ev e : links) {
                anonToUser.putIfAbsent(e.anon(), e.user());
            }
        }
        List<String> out = new ArrayList<>();
        for (Ev e : events) {
            if (e.user() != null) {
                out.add("U:" + e.user());
            } else if (e.anon() != null) {
                String u = anonToUser.get(e.anon());
                out.add(u != null ? "U:" + u : "A:" + e.anon());
            } else {
                out.add("N:");
            }
        }
        return out;
    }

    /** Naive sessions: group by person (name order), stable sort by time, split where the gap exceeds the timeout. */
    static List<List<Ev>> naiveSessions(List<Ev> events, List<String> persons, long timeout) {
        // person keys carry a kind prefix because a user and an anonymous id may share a text; order by name
        TreeMap<String, List<Ev>> byPerson = new TreeMap<>((a, b) -> {
            int c = IdentityResolver.compareNames(display(a), display(b));
            return c != 0 ? c : a.compareTo(b);
        });
        for (int i = 0; i < events.size(); i++) {
            byPerson.computeIfAbsent(persons.get(i), k -> new ArrayList<>()).add(events.get(i));
        }
        List<List<Ev>> sessions = new ArrayList<>();
        for (List<Ev> evs : byPerson.values()) {
            List<Ev> sorted = new ArrayList<>(evs);
            sorted.sort(Comparator.comparingLong(Ev::time)); // List.sort is stable
            List<Ev> cur = null;
            for (Ev e : sorted) {
                if (cur == null || e.time() - cur.get(cur.size() - 1).time() > timeout) {
                    cur = new ArrayList<>();
                    sessions.add(cur);
                }
                cur.add(e);
            }
        }
        return sessions;
    }

    static String display(String personKey) {
        return personKey.startsWith("N:") ? IdentityResolver.NO_ID_PERSON : personKey.substring(2);
    }

    static List<Ev> randomLog(Random r, int n) {
        int users = 1 + r.nextInt(8);
        int anons = 1 + r.nextInt(12);
        List<Ev> out = new ArrayList<>();
        long base = 1_700_000_000_000_000L;
        long minute = 60_000_000L;
        for (int i = 0; i < n; i++) {
            int shape = r.nextInt(10);
            String user = shape < 5 ? "u" + r.nextInt(users) : null;
            String anon = shape >= 3 && shape < 9 ? "a" + r.nextInt(anons) : null;
            if (shape == 9 && r.nextBoolean()) {
                user = String.valueOf(r.nextInt(20)); // numeric case ids
            }
            // coarse times make ties and gaps of exactly 30 minutes common; an occasional +1 µs sits just past
            long t = base + (r.nextInt(40) * 10L) * minute / (r.nextBoolean() ? 1 : 2) + (r.nextInt(8) == 0 ? 1 : 0);
            out.add(new Ev(i, user, anon, t, "t" + r.nextInt(5)));
        }
        return out;
    }

    static EventColumns columns(List<Ev> events) {
        TestLogs logs = new TestLogs().types("t0", "t1", "t2", "t3", "t4");
        for (Ev e : events) {
            logs.row(e.user(), e.anon(), e.time(), e.type());
        }
        return logs.columns();
    }

    @Test
    void randomLogsAgreeWithTheNaiveReference() {
        Random r = new Random(20261129);
        for (int round = 0; round < 300; round++) {
            List<Ev> events = randomLog(r, 1 + r.nextInt(120));
            boolean stitch = r.nextInt(4) != 0;
            long timeout = (r.nextBoolean() ? 30 : 10 + r.nextInt(50)) * 60_000_000L;
            EventFrame f = FrameBuilder.build(columns(events), stitch, SessionRule.timeout(timeout),
                    TaskContext.NONE).frame();
            List<String> persons = naivePersons(events, stitch);
            List<List<Ev>> sessions = naiveSessions(events, persons, timeout);
            String ctx = "round " + round;

            assertEquals(new HashSet<>(persons).size(), f.personCount(), ctx);
            if (stitch) {
                // conflicts: distinct (anonymous, user) pairs whose user is not the anonymous id's linked user
                Map<String, String> linked = new HashMap<>();
                List<Ev> links = new ArrayList<>(events);
                links.removeIf(e -> e.user() == null || e.anon() == null);
                links.sort(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::row));
                Set<String> conflicts = new HashSet<>();
                for (Ev e : links) {
                    linked.putIfAbsent(e.anon(), e.user());
                    if (!linked.get(e.anon()).equals(e.user())) {
                        conflicts.add(e.anon() + ">" + e.user());
                    }
                }
                org.journeyexplorer.identity.IdentityReport rep =
                        IdentityResolver.resolve(columns(events), true, TaskContext.NONE).report();
                assertEquals(conflicts.size(), rep.conflictCount(), ctx);
                assertEquals(linked.size(), rep.mergedAnonymousIds(), ctx);
            }
            assertEquals(sessions.size(), f.sessionCount(), ctx);
            int i = 0;
            for (int s = 0; s < sessions.size(); s++) {
                assertEquals(i, f.sessionStart[s], ctx);
                for (Ev e : sessions.get(s)) {
                    assertEquals(e.row(), f.sourceRow().get(i), ctx + " event " + i);
                    assertEquals(s, f.sessionOf(i));
                    assertEquals(display(persons.get(e.row())), f.personNames[f.personOf(i)], ctx);
                    i++;
                }
            }
            assertEquals(events.size(), i);

            // transitions over a random filter: hidden types and a date range
            Set<String> hidden = new HashSet<>();
            for (int t = 0; t < 5; t++) {
                if (r.nextInt(4) == 0) {
                    hidden.add("t" + t);
                }
            }
            long from = r.nextBoolean() ? Long.MIN_VALUE : 1_700_000_000_000_000L + r.nextInt(200) * 60_000_000L;
            Filter filter = Filter.NONE.withHiddenTypes(hidden).withRange(from, Long.MAX_VALUE);
            Selection sel = filter.apply(f, null);
            TransitionMatrix m = Transitions.compute(sel, TaskContext.NONE);

            Map<String, Long> counts = new HashMap<>();
            Map<String, List<Long>> gaps = new HashMap<>();
            int included = 0;
            for (List<Ev> session : sessions) {
                List<Ev> kept = new ArrayList<>();
                for (Ev e : session) {
                    if (!hidden.contains(e.type()) && e.time() >= from) {
                        kept.add(e);
                    }
                }
                included += kept.size();
                if (kept.isEmpty()) {
                    continue;
                }
                counts.merge("START>" + kept.get(0).type(), 1L, Long::sum);
                for (int k = 1; k < kept.size(); k++) {
                    String key = kept.get(k - 1).type() + ">" + kept.get(k).type();
                    counts.merge(key, 1L, Long::sum);
                    gaps.computeIfAbsent(key, x -> new ArrayList<>()).add(kept.get(k).time() - kept.get(k - 1).time());
                }
                counts.merge(kept.get(kept.size() - 1).type() + ">END", 1L, Long::sum);
            }
            assertEquals(included, sel.count(), ctx);
            long total = 0;
            for (int a = 0; a < m.size(); a++) {
                for (int b = 0; b < m.size(); b++) {
                    String key = m.name(a) + ">" + m.name(b);
                    assertEquals(counts.getOrDefault(key, 0L), m.count(a, b), ctx + " " + key);
                    total += m.count(a, b);
                    List<Long> g = gaps.get(key);
                    if (g != null) {
                        assertEquals(NaiveReference.percentile(g, 50), m.medianMicros(a, b), ctx + " " + key);
                        assertEquals(NaiveReference.percentile(g, 90), m.p90Micros(a, b), ctx + " " + key);
                    } else {
                        assertEquals(-1, m.medianMicros(a, b), ctx + " " + key);
                        assertEquals(Double.NaN, m.medianSeconds(a, b), ctx + " " + key);
                    }
                }
            }
            assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(), total, ctx);
        }
    }

    @Test
    void theSortIsStableAndFallsBackForHugeTimeSpans() {
        // one person whose times span more than can be packed into a long key with its positions
        Random r = new Random(3);
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long t = r.nextInt(3) == 0 ? Long.MIN_VALUE / 2 + r.nextInt(5) : Long.MAX_VALUE / 2 - r.nextInt(5);
            events.add(new Ev(i, "p", null, t, "t" + r.nextInt(5)));
        }
        EventFrame f = FrameBuilder.build(columns(events), true, SessionRule.defaults(), TaskContext.NONE).frame();
        List<Ev> expected = new ArrayList<>(events);
        expected.sort(Comparator.comparingLong(Ev::time));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).row(), f.sourceRow().get(i));
        }
        BitSet starts = new BitSet();
        for (int s = 0; s < f.sessionCount(); s++) {
            starts.set(f.sessionStart[s]);
        }
        assertEquals(2, starts.cardinality()); // the two clusters, 5 values apart inside each
    }
}
