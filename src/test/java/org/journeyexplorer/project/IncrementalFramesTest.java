package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Incremental frames against full rebuilds: after every one of many random appends the spliced frame must equal the
 * frame built from scratch over all events (events, persons, sessions, the identity report and the transitions).
 * Batches link devices to users (and re-link them to an earlier user), arrive out of time order, extend and merge
 * sessions, carry rows without ids, and new persons whose names sort anywhere.
 */
class IncrementalFramesTest {
    private static final long MIN = 60_000_000L;

    /** Growing columns with their dictionaries, the way the store assigns ids (first seen, by kind). */
    private static final class Log {
        final List<String> ids = new ArrayList<>();
        final List<Boolean> anonymous = new ArrayList<>();
        final Map<String, Integer> userIds = new HashMap<>();
        final Map<String, Integer> anonIds = new HashMap<>();
        final List<String> types = new ArrayList<>();
        final Map<String, Integer> typeIds = new HashMap<>();
        int[] user = new int[16];
        int[] anon = new int[16];
        long[] time = new long[16];
        int[] type = new int[16];
        int[] email = new int[16];
        int[] phone = new int[16];
        final List<String> keyValues = new ArrayList<>();
        final List<Byte> keyKinds = new ArrayList<>();
        final Map<String, Integer> keyIds = new HashMap<>();
        boolean anyKey;
        int size;

        int id(String v, boolean anon, Map<String, Integer> map) {
            return map.computeIfAbsent(v, k -> {
                ids.add(k);
                anonymous.add(anon);
                return ids.size() - 1;
            });
        }

        void add(String u, String a, long t, String name) {
            add(u, a, t, name, null, null);
        }

        int key(String v, byte kind) {
            if (v == null) {
                return -1;
            }
            anyKey = true;
            return keyIds.computeIfAbsent(kind + ":" + v, k -> {
                keyValues.add(k);
                keyKinds.add(kind);
                return keyValues.size() - 1;
            });
        }

        void add(String u, String a, long t, String name, String mail, String tel) {
            if (size == user.length) {
                user = java.util.Arrays.copyOf(user, size * 2);
                anon = java.util.Arrays.copyOf(anon, size * 2);
                time = java.util.Arrays.copyOf(time, size * 2);
                type = java.util.Arrays.copyOf(type, size * 2);
                email = java.util.Arrays.copyOf(email, size * 2);
                phone = java.util.Arrays.copyOf(phone, size * 2);
            }
            email[size] = key(mail, KeyColumns.EMAIL);
            phone[size] = key(tel, KeyColumns.PHONE);
            user[size] = u == null ? -1 : id(u, false, userIds);
            anon[size] = a == null ? -1 : id(a, true, anonIds);
            time[size] = t;
            type[size] = typeIds.computeIfAbsent(name, k -> {
                types.add(k);
                return types.size() - 1;
            });
            size++;
        }

        EventColumns columns() {
            boolean[] isAnon = new boolean[ids.size()];
            for (int i = 0; i < isAnon.length; i++) {
                isAnon[i] = anonymous.get(i);
            }
            byte[] kinds = new byte[keyKinds.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = keyKinds.get(i);
            }
            KeyColumns keys = anyKey ? new KeyColumns(email, phone, null, null, keyValues.toArray(String[]::new), kinds)
                    : KeyColumns.NONE;
            // arrays longer than size, as the session's columns are
            return new EventColumns(size, user, anon, time, type, ids.toArray(String[]::new), isAnon,
                    types.toArray(String[]::new), keys);
        }
    }

    private static void randomRow(Log log, Random rnd, int users, int devices, long horizon, boolean keys) {
        String u = rnd.nextInt(4) == 0 ? null : "u" + rnd.nextInt(users);
        String a = rnd.nextInt(3) == 0 ? null : (rnd.nextInt(8) == 0 ? "u" : "d") + rnd.nextInt(devices);
        if (u == null && a == null && rnd.nextInt(3) > 0) {
            a = "d" + rnd.nextInt(devices);
        }
        long t = (long) (rnd.nextDouble() * horizon) * MIN / 10;
        // contact keys join accounts (e-mail) or are refused between them (phone), and place anonymous rows
        String mail = keys && rnd.nextInt(6) == 0 ? "m" + rnd.nextInt(Math.max(2, users / 2)) : null;
        String tel = keys && rnd.nextInt(10) == 0 ? "t" + rnd.nextInt(Math.max(2, users / 3)) : null;
        log.add(u, a, t, "e" + rnd.nextInt(5), mail, tel);
    }

    /** The same frame in every column, identity report and graph, and transition counts. */
    static void assertSameFrame(BuiltFrame expected, BuiltFrame actual, String where) {
        EventFrame e = expected.frame();
        EventFrame a = actual.frame();
        assertArrayEquals(e.personNames, a.personNames, where + ": persons");
        assertArrayEquals(e.personStart, a.personStart, where + ": person starts");
        assertArrayEquals(e.sourceRow().toArray(), a.sourceRow().toArray(), where + ": event order");
        assertArrayEquals(e.personColumn(), a.personColumn(), where + ": person per event");
        assertArrayEquals(e.time.toArray(), a.time.toArray(), where + ": times");
        assertArrayEquals(e.type.toArray(), a.type.toArray(), where + ": types");
        assertArrayEquals(e.sessionColumn(), a.sessionColumn(), where + ": sessions");
        assertArrayEquals(e.sessionStart, a.sessionStart, where + ": session starts");
        assertArrayEquals(e.typeNames, a.typeNames, where + ": type names");
        assertEquals(expected.identity(), actual.identity(), where + ": identity report");
        for (int p = 0; p < e.personCount(); p++) {
            assertEquals(expected.graph().members(p), actual.graph().members(p), where + ": ids of person " + p);
        }
        assertSameGraph(expected.graph(), actual.graph(), where);
        TransitionMatrix te = Transitions.compute(Selection.all(e), TaskContext.NONE);
        TransitionMatrix ta = Transitions.compute(Selection.all(a), TaskContext.NONE);
        assertEquals(te.size(), ta.size());
        for (int x = 0; x < te.size(); x++) {
            for (int y = 0; y < te.size(); y++) {
                assertEquals(te.count(x, y), ta.count(x, y), where + ": transitions " + x + "→" + y);
            }
        }
    }

    /**
     * The same identity graph beyond the members of each person: the person of every id and every key, and, for
     * every anonymous id and every user id, whether it signed in as that user at each time a link can have (a
     * spliced graph keeps its nodes' persons by handle, so an id outside every person, a key or a stale link after a
     * recomputation shows here, not in the members).
     */
    static void assertSameGraph(IdentityGraph expected, IdentityGraph actual, String where) {
        int ids = expected.identityCount();
        assertEquals(ids, actual.identityCount(), where + ": ids");
        for (int i = 0; i < ids; i++) {
            assertEquals(expected.personOf(i), actual.personOf(i), where + ": person of id " + i);
        }
        int keys = expected.keys().size();
        assertEquals(keys, actual.keys().size(), where + ": keys");
        for (int k = 0; k < keys; k++) {
            assertEquals(expected.personOfKey(k), actual.personOfKey(k), where + ": person of key " + k);
        }
        if (ids > 2_000) {
            return; // the pairs below are for the small random logs
        }
        for (int a = 0; a < ids; a++) {
            for (int u = 0; u < ids; u++) {
                boolean ever = expected.signedInAs(a, u, Long.MAX_VALUE);
                assertEquals(ever, actual.signedInAs(a, u, Long.MAX_VALUE), where + ": id " + a + " signed in as " + u);
                if (ever) {
                    // the sign-in's time: the first time at which it holds
                    long lo = Long.MIN_VALUE;
                    long hi = Long.MAX_VALUE;
                    while (lo < hi) {
                        long mid = (lo & hi) + ((lo ^ hi) >> 1); // the floor of the mean, without overflow
                        if (expected.signedInAs(a, u, mid)) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    assertTrue(actual.signedInAs(a, u, lo), where + ": id " + a + " signed in as " + u + " by " + lo);
                    assertTrue(lo == Long.MIN_VALUE || !actual.signedInAs(a, u, lo - 1),
                            where + ": id " + a + " signed in as " + u + " before " + lo);
                }
            }
        }
    }

    /** The merge of a report's complete lists as it was: a hash look-up per entry of the whole list. */
    private static <T> List<T> naiveMerge(List<T> all, List<T> before, List<T> after, java.util.Comparator<T> order) {
        Map<T, Integer> out = new HashMap<>();
        for (T x : before) {
            out.merge(x, 1, Integer::sum);
        }
        List<T> merged = new ArrayList<>();
        int k = 0;
        for (T x : all) {
            Integer n = out.get(x);
            if (n != null) {
                if (n == 1) {
                    out.remove(x);
                } else {
                    out.put(x, n - 1);
                }
                continue;
            }
            for (; k < after.size() && order.compare(after.get(k), x) < 0; k++) {
                merged.add(after.get(k));
            }
            merged.add(x);
        }
        merged.addAll(after.subList(k, after.size()));
        return merged;
    }

    private record Entry(int key, int tag) {
    }

    @Test
    void aReportsCompleteListsMergeAsTheNaiveMergeWithTiesAndRepeats() {
        // entries sorted by key only, so distinct entries tie; repeats of one entry; scope entries taken out anywhere,
        // at the ends, all of them, or none; new entries before, between, among the ties and after
        java.util.Comparator<Entry> order = java.util.Comparator.comparingInt(Entry::key);
        Random rnd = new Random(29);
        for (int round = 0; round < 3_000; round++) {
            int keys = 1 + rnd.nextInt(12);
            List<Entry> all = new ArrayList<>();
            for (int i = rnd.nextInt(40); i > 0; i--) {
                all.add(new Entry(rnd.nextInt(keys), rnd.nextInt(3)));
            }
            all.sort(order.thenComparingInt(Entry::tag));
            List<Entry> before = new ArrayList<>();
            for (Entry x : all) {
                if (rnd.nextInt(round % 4 == 0 ? 1 : 3) == 0) {
                    before.add(x);
                }
            }
            if (rnd.nextInt(10) == 0) {
                before.add(new Entry(keys + 1, 0)); // one the whole list does not hold
                before.sort(order);
            }
            List<Entry> after = new ArrayList<>();
            for (int i = rnd.nextInt(10); i > 0; i--) {
                after.add(new Entry(rnd.nextInt(keys + 2) - 1, rnd.nextInt(3)));
            }
            after.sort(order);
            assertEquals(naiveMerge(all, before, after, order), IncrementalFrames.merge(all, before, after, order),
                    "round " + round + ": " + all + " - " + before + " + " + after);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12, 13})
    void manyRandomAppendsEqualFullRebuilds(long seed) {
        Random rnd = new Random(Long.getLong("je.test.seed", seed));
        int fallbacks = 0;
        int appends = 0;
        for (int round = 0; round < 16; round++) {
            boolean stitch = round % 3 != 2;
            boolean withKeys = round >= 8;
            IdentitySettings identity = round % 5 == 4 ? IdentitySettings.of(stitch).withPhoneJoinsAccounts(true)
                    : IdentitySettings.of(stitch);
            SessionRule rule = switch (round % 4) {
                case 0 -> SessionRule.timeout(30 * MIN);
                case 1 -> SessionRule.timeout(5 * MIN);
                case 2 -> new SessionRule(10 * MIN, Set.of("e0"), Set.of("e4"), 60 * MIN);
                default -> SessionRule.timeout(0);
            };
            int users = 5 + rnd.nextInt(40);
            int devices = 5 + rnd.nextInt(60);
            Log log = new Log();
            int initial = rnd.nextInt(300);
            for (int i = 0; i < initial; i++) {
                randomRow(log, rnd, users, devices, 2_000, withKeys);
            }
            IncrementalFrames.State state = new IncrementalFrames.State(
                    FrameBuilder.build(log.columns(), identity, rule, TaskContext.NONE));
            for (int step = 0; step < 25; step++) {
                int first = log.size;
                int batch = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 60 : 6);
                // later batches reach new users and devices too, and times both before and after what is there
                for (int i = 0; i < batch; i++) {
                    randomRow(log, rnd, users + step, devices + step, 2_000 + step * 50L, withKeys);
                }
                EventColumns cols = log.columns();
                IncrementalFrames.State next = IncrementalFrames.append(state, identity, cols, first, TaskContext.NONE);
                BuiltFrame full = FrameBuilder.build(cols, identity, rule, TaskContext.NONE);
                appends++;
                if (next == null) {
                    fallbacks++;
                    next = new IncrementalFrames.State(full);
                } else {
                    assertSameFrame(full, next.built, "round " + round + " step " + step);
                    // the id look-up the next append starts from: who carries each id and key, as made afresh
                    assertEquals(next.carriers(cols, true), next.carriers(cols, false),
                            "round " + round + " step " + step + ": carriers of ids and keys");
                }
                state = next;
            }
        }
        // only a scope holding most of the project forces a full rebuild: never here
        assertEquals(0, fallbacks, fallbacks + " of " + appends + " appends fell back to a full rebuild");
    }

    @Test
    void aFrameOfSeveralChunksIsSplicedAcrossTheirBoundaries() {
        // 100 k events (three chunks of times and four of types and more): the untouched runs a catch-up copies
        // start and end anywhere in a chunk and span several
        Random rnd = new Random(17);
        Log log = new Log();
        for (int i = 0; i < 100_000; i++) {
            randomRow(log, rnd, 3_000, 4_000, 200_000, true);
        }
        IdentitySettings identity = IdentitySettings.DEFAULT;
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State state = new IncrementalFrames.State(FrameBuilder.build(log.columns(), identity, rule,
                TaskContext.NONE));
        for (int step = 0; step < 4; step++) {
            int first = log.size;
            for (int i = 0; i < 40; i++) {
                randomRow(log, rnd, 3_100, 4_100, 210_000, true);
            }
            IncrementalFrames.State next = IncrementalFrames.append(state, identity, log.columns(), first,
                    TaskContext.NONE);
            assertNotNull(next, "fell back to a full rebuild");
            assertSameFrame(FrameBuilder.build(log.columns(), identity, rule, TaskContext.NONE), next.built,
                    "step " + step);
            EventFrame f = next.built.frame();
            assertTrue(f.time.longestArray() <= org.journeyexplorer.core.LongChunks.CHUNK
                    && f.type.longestArray() <= org.journeyexplorer.core.IntChunks.CHUNK
                    && f.sourceRow().longestArray() <= org.journeyexplorer.core.IntChunks.CHUNK,
                    "one array per column");
            state = next;
        }
    }

    @Test
    void aCatchUpSharesTheLastFramesUnchangedPiecesAndReadsAsARebuild() {
        // 200 k events (7 chunks of each column), then batches reaching three persons: the next frame holds
        // the last one's pieces where none of their persons changed, the very arrays, and equals a full rebuild
        Random rnd = new Random(23);
        Log log = new Log();
        for (int i = 0; i < 200_000; i++) {
            // persons of one account and its own device each (no component spans the project)
            int k = rnd.nextInt(20_000);
            boolean signedIn = rnd.nextInt(3) > 0;
            log.add(signedIn ? "u" + k : null, rnd.nextBoolean() || !signedIn ? "d" + k : null,
                    (long) (rnd.nextDouble() * 200_000) * MIN / 10, "e" + rnd.nextInt(5));
        }
        IdentitySettings identity = IdentitySettings.DEFAULT;
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State state = new IncrementalFrames.State(FrameBuilder.build(log.columns(), identity, rule,
                TaskContext.NONE));
        for (int step = 0; step < 3; step++) {
            int first = log.size;
            for (int i = 0; i < 3; i++) {
                log.add("u" + rnd.nextInt(20_000), null, (200_000 + step * 10 + i) * MIN / 10, "e1");
            }
            EventFrame last = state.built.frame();
            IncrementalFrames.State next = IncrementalFrames.append(state, identity, log.columns(), first,
                    TaskContext.NONE);
            assertNotNull(next, "fell back to a full rebuild");
            assertSameFrame(FrameBuilder.build(log.columns(), identity, rule, TaskContext.NONE), next.built,
                    "step " + step);
            EventFrame f = next.built.frame();
            // three persons' events sit in at most three pieces of each column (a short copy may take a neighbour
            // piece in): all else is shared, so a catch-up allocates a few pieces, not a second frame (at step 0
            // 131,072 of 200,003 values shared, then 126,275 and 163,142 as the copied chunks became smaller pieces)
            int atMostCopied = 3 * (org.journeyexplorer.core.IntChunks.CHUNK
                    + 2 * org.journeyexplorer.core.IntChunks.BLOCK);
            assertTrue(f.time.sharedValues(last.time) >= f.size - atMostCopied,
                    "step " + step + ": times shared " + f.time.sharedValues(last.time) + " of " + f.size);
            assertTrue(f.type.sharedValues(last.type) >= f.size - atMostCopied, "step " + step + ": types");
            assertTrue(f.sourceRow().sharedValues(last.sourceRow()) >= f.size - atMostCopied,
                    "step " + step + ": rows");
            // the identity graph likewise: the pages (512 nodes) of the three persons' ids are copied, all others shared
            int[] pages = next.built.graph().sharedPages(state.built.graph());
            assertTrue(pages[0] >= pages[1] - 6, "step " + step + ": graph pages shared " + pages[0] + " of "
                    + pages[1]);
            state = next;
        }
    }

    @Test
    void aBatchTouchingAListedConflictThatStaysIsSplicedWhenTheListIsCut() {
        // 1,200 sign-in conflicts: device d<i> signs in as a<i>, a minute later as b<i>; the report lists 1,000
        Log log = new Log();
        int n = IdentityResolver.MAX_LISTED_CONFLICTS + 200;
        for (int i = 0; i < n; i++) {
            log.add("a" + i, "d" + i, i * 10 * MIN, "login");
            log.add("b" + i, "d" + i, i * 10 * MIN + MIN, "login");
        }
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        assertEquals(n, s0.built.identity().conflictCount());
        assertEquals(IdentityResolver.MAX_LISTED_CONFLICTS, s0.built.identity().conflicts().size());
        // a0 comes back on d0: the first listed conflict is still there, so the frame is spliced, not rebuilt
        int first = log.size;
        log.add("a0", "d0", 30_000 * MIN, "view");
        log.add(null, "d7", 30_001 * MIN, "view");
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s1, "fell back to a full rebuild");
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s1.built, "listed conflict");
    }

    @Test
    void aCatchUpCarriesTheLastFramesTypeCountsOverPlusTheBatchsWithoutCountingAgain() {
        Log log = new Log();
        log.add(null, "d1", 0, "view");
        log.add("alice", "d1", MIN, "login");
        log.add(null, "d2", 2 * MIN, "view");
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        // not counted: the next frame counts its own when asked
        log.add(null, "d2", 3 * MIN, "search");
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), 3,
                TaskContext.NONE);
        assertFalse(s1.built.frame().typesCounted());
        long[] c1 = s1.built.frame().typeCounts(); // view 2, login 1, search 1 (types in order of first sight)
        assertArrayEquals(new String[]{"view", "login", "search"}, s1.built.frame().typeNames);
        assertArrayEquals(new long[]{2, 1, 1}, c1);
        // counted (as a live refresh does): the next frame's follow from them and the batch, a new type included
        log.add("alice", null, 4 * MIN, "buy");
        log.add(null, "d3", 5 * MIN, "view");
        log.add(null, "d2", 6 * MIN, "buy");
        IncrementalFrames.State s2 = IncrementalFrames.append(s1, IdentitySettings.DEFAULT, log.columns(), 4,
                TaskContext.NONE);
        EventFrame f2 = s2.built.frame();
        assertTrue(f2.typesCounted(), "counted again over every event");
        assertArrayEquals(new String[]{"view", "login", "search", "buy"}, f2.typeNames);
        assertArrayEquals(new long[]{3, 1, 1, 2}, f2.typeCounts());
        long[] naive = new long[f2.typeNames.length];
        for (int i = 0; i < f2.size; i++) {
            naive[f2.type.get(i)]++;
        }
        assertArrayEquals(naive, f2.typeCounts());
    }

    @Test
    void aDeviceLinkedToAUserMovesItsOldEventsAndMergesSessions() {
        Log log = new Log();
        log.add(null, "d1", 0, "view");
        log.add(null, "d1", 10 * MIN, "view");
        log.add("alice", null, 20 * MIN, "login");
        log.add(null, "d9", 5 * MIN, "view");
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        assertArrayEquals(new String[]{"alice", "d1", "d9"}, s0.built.frame().personNames);
        // d1 turns out to be alice's device: its two views become hers, in one session with her login
        log.add("alice", "d1", 15 * MIN, "login");
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), 4, TaskContext.NONE);
        assertNotNull(s1);
        EventFrame f = s1.built.frame();
        assertArrayEquals(new String[]{"alice", "d9"}, f.personNames);
        assertArrayEquals(new int[]{0, 1, 4, 2, 3}, f.sourceRow().toArray());
        assertArrayEquals(new int[]{0, 0, 0, 0, 1}, f.sessionColumn());
        assertEquals(1, s1.built.identity().mergedAnonymousIds());
        // then bob is seen on d1 earlier than alice was: the device (and its anonymous events) move to bob
        log.add("bob", "d1", -5 * MIN, "login");
        IncrementalFrames.State s2 = IncrementalFrames.append(s1, IdentitySettings.DEFAULT, log.columns(), 5, TaskContext.NONE);
        assertNotNull(s2);
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s2.built, "re-link");
        assertArrayEquals(new String[]{"alice", "bob", "d9"}, s2.built.frame().personNames);
        assertEquals(1, s2.built.identity().conflictCount());
    }

    @Test
    void aPersonWhoseAccountsChangeIsRecomputedWithTheCarriersOfItsIdsInOneStep() {
        // alice uses d1 and d5; bob signs in on d1 after her (a conflict: d1 stays alice's, bob's row carries it)
        Log log = new Log();
        log.add("alice", "d1", 0, "login");
        log.add("alice", "d5", MIN, "login");
        log.add(null, "d5", 2 * MIN, "view");
        log.add("bob", "d1", 10 * MIN, "login");
        log.add(null, "d9", 3 * MIN, "view");
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        assertArrayEquals(new String[]{"alice", "bob", "d9"}, s0.built.frame().personNames);
        // zed signed in on d5 before alice: d5's anonymous view leaves alice, so alice's accounts change, and bob,
        // who carries her device d1, is recomputed with her: found up front, not after a first recomputation
        int first = log.size;
        log.add("zed", "d5", -5 * MIN, "login");
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s1, "fell back to a full rebuild");
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s1.built, "d5 to zed");
        assertArrayEquals(new String[]{"alice", "bob", "d9", "zed"}, s1.built.frame().personNames);
        assertEquals(1, s1.recomputations, "the scope was recomputed again after widening");
    }

    @Test
    void aBatchWhoseScopeHoldsMoreConflictsThanAreListedIsSpliced() {
        // 1,200 devices each signed in as a<i>; the batch signs each in as b<i> too: 1,200 new conflicts, all in the
        // batch's scope, more than the report lists
        Log log = new Log();
        int n = IdentityResolver.MAX_LISTED_CONFLICTS + 200;
        for (int i = 0; i < n; i++) {
            log.add("a" + i, "d" + i, i * 10 * MIN, "login");
        }
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        int first = log.size;
        for (int i = 0; i < n; i++) {
            log.add("b" + i, "d" + i, i * 10 * MIN + MIN, "login");
        }
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s1, "fell back to a full rebuild");
        BuiltFrame full = FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE);
        assertEquals(n, full.identity().conflictCount());
        assertSameFrame(full, s1.built, "1,200 new conflicts");
        // and a later batch that ends a listed conflict (c0 signed in on d0 before a0 and b0) is spliced too,
        // though the list is cut and the entry after the cut moves up
        first = log.size;
        log.add("c0", "d0", -MIN, "login");
        log.add(null, "d3", 50_000 * MIN, "view");
        IncrementalFrames.State s2 = IncrementalFrames.append(s1, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s2, "fell back to a full rebuild");
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s2.built, "d0 to c0");
    }

    @Test
    void accountMergesAndRefusedKeyLinksBeyondTheListAreSplicedInTheirOrder() {
        // 1,200 users share an e-mail with a partner (account merges) and a phone with a third user (refused: the
        // phone stays with its first user); the report lists the first 1,000 of each by time
        Log log = new Log();
        int n = IdentityResolver.MAX_LISTED_CONFLICTS + 200;
        for (int i = 0; i < n; i++) {
            long t = (n - i) * 10 * MIN; // found in storage order, listed by time: the two orders differ
            log.add("p" + i, "d" + i, t, "login", "m" + i, "t" + i);
            log.add("q" + i, null, t + MIN, "login", "m" + i, null);
            log.add("r" + i, null, t + 2 * MIN, "login", null, "t" + i);
        }
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        assertEquals(n, s0.built.identity().accountMergeCount());
        assertEquals(n, s0.built.identity().keyConflictCount());
        // a batch of new merges and refusals early in time (they enter the listed first 1,000) and a new user on
        // an old e-mail
        int first = log.size;
        for (int i = 0; i < 300; i++) {
            log.add("x" + i, null, i * MIN, "login", "m" + (n + i), "t" + (n + i));
            log.add("y" + i, null, i * MIN + 1, "login", "m" + (n + i), null);
            log.add("w" + i, null, i * MIN + 2, "login", null, "t" + (n + i));
        }
        log.add("z", null, 5 * MIN, "login", "m7", null);
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s1, "fell back to a full rebuild");
        BuiltFrame full = FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE);
        assertEquals(n + 301, full.identity().accountMergeCount());
        assertEquals(n + 300, full.identity().keyConflictCount());
        assertSameFrame(full, s1.built, "merges and refusals beyond the list");
    }

    @Test
    void rowsOfIdsSettledOnTheirPersonRecomputeThatPersonAloneAndOthersStillWidenTheScope() {
        // alice signs in on d1 at minute 10 after browsing on it; bob signs in on d1 later (a conflict: d1 stays
        // alice's, but bob's rows carry it) and on his own d2; carol has nothing to do with either
        Log log = new Log();
        log.add(null, "d1", 5 * MIN, "view");
        log.add("alice", "d1", 10 * MIN, "login");
        log.add("alice", "d1", 11 * MIN, "view");
        log.add("bob", "d1", 20 * MIN, "login");
        log.add("bob", "d2", 21 * MIN, "view");
        log.add(null, "d2", 22 * MIN, "view");
        log.add("carol", "d3", 0, "login");
        SessionRule rule = SessionRule.timeout(30 * MIN);
        IncrementalFrames.State s0 = new IncrementalFrames.State(FrameBuilder.build(log.columns(), true, rule,
                TaskContext.NONE));
        assertArrayEquals(new String[]{"alice", "bob", "carol"}, s0.built.frame().personNames);
        // alice on d1 after her sign-in, signed in and not, and carol as before: only the events of those two are
        // placed again (3 + 1), not bob's, whose rows carry d1
        int first = log.size;
        log.add("alice", "d1", 40 * MIN, "view");
        log.add(null, "d1", 41 * MIN, "view");
        log.add("carol", null, 42 * MIN, "view");
        IncrementalFrames.State s1 = IncrementalFrames.append(s0, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s1, "fell back to a full rebuild");
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s1.built, "settled rows");
        assertEquals(4, s1.recomputedEvents, "events of the last frame placed again");
        // both come out whole, each its own old rows and its new ones: the id look-up reads the 3 new rows only
        assertEquals(3, s1.indexedRows(), "rows read for the id look-up");
        // alice on d1 before her sign-in: the sign-in link's time moves, so whoever carries d1 (bob) is recomputed
        first = log.size;
        log.add("alice", "d1", 7 * MIN, "view");
        IncrementalFrames.State s2 = IncrementalFrames.append(s1, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s2, "fell back to a full rebuild");
        assertSameFrame(FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE), s2.built, "earlier sign-in");
        assertEquals(5 + 3, s2.recomputedEvents, "alice's and bob's events placed again");
        // bob on d1 anonymously: d1's rows go to alice, a settled row of hers; bob on d1 signed in contests d1
        first = log.size;
        log.add(null, "d1", 50 * MIN, "view");
        log.add("bob", "d1", 51 * MIN, "view");
        IncrementalFrames.State s3 = IncrementalFrames.append(s2, IdentitySettings.DEFAULT, log.columns(), first,
                TaskContext.NONE);
        assertNotNull(s3, "fell back to a full rebuild");
        BuiltFrame full = FrameBuilder.build(log.columns(), true, rule, TaskContext.NONE);
        assertSameFrame(full, s3.built, "bob on d1");
        assertEquals(1, full.identity().conflictCount());
    }
}
