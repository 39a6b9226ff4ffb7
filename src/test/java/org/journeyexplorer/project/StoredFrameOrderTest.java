package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.FrameOrder;
import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.cli.AnalysisCommands;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityReportCodec;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A reopened project's frame comes from the stored frame order (persons and the sort), without stitching or
 * sorting, and must be the frame a build from scratch gives, down to the identity report and graph worked out later.
 */
class StoredFrameOrderTest {
    private static final long MIN = 60_000_000L;

    @TempDir
    Path dir;

    /** Users, devices, e-mail and phone keys, rows out of time order, equal times, rows without ids. */
    private static List<ParsedEvent> events(long seed, int n) {
        Random rnd = new Random(seed);
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = rnd.nextInt(3) == 0 ? null : "u" + rnd.nextInt(40);
            String anon = rnd.nextInt(5) == 0 ? null : "d" + rnd.nextInt(70);
            if (rnd.nextInt(50) == 0) {
                user = null;
                anon = null;
            }
            String mail = rnd.nextInt(7) == 0 ? "m" + rnd.nextInt(15) + "@example.com" : null;
            String phone = rnd.nextInt(9) == 0 ? "+4930" + (1_000_000 + rnd.nextInt(12)) : null;
            long t = rnd.nextInt(4) == 0 ? (i / 10) * MIN : (long) rnd.nextInt(3000) * MIN / 3;
            out.add(new ParsedEvent(0, user, anon, t, "e" + rnd.nextInt(6), null,
                    new IdentityValues(mail, phone, null, null, null)));
        }
        return out;
    }

    /** The events' columns as the store holds them, read straight from it. */
    private static EventColumns stored(Path p) {
        try (ProjectStore st = ProjectStore.open(p)) {
            return st.events().loadColumns(TaskContext.NONE);
        }
    }

    /** A fresh build of {@code columns} under the default rule: what a reopened or updated frame must equal. */
    private static BuiltFrame fresh(EventColumns columns) {
        return FrameBuilder.build(columns, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(), TaskContext.NONE);
    }

    private static void append(ProjectSession s, List<ParsedEvent> events) {
        s.append(new StreamBatch("kafka:local/t/x", "t", events, List.of(), Map.of(0, (long) events.size())));
    }

    private static List<FrameRule> rules() {
        return List.of(FrameRule.DEFAULT,
                new FrameRule(IdentitySettings.of(false), SessionRule.timeout(5 * MIN)),
                new FrameRule(IdentitySettings.of(true).withPhoneJoinsAccounts(true), SessionRule.timeout(0)),
                new FrameRule(IdentitySettings.of(true), new SessionRule(10 * MIN, Set.of("e0"), Set.of("e4"),
                        60 * MIN)));
    }

    @Test
    void aReopenedFrameComesFromTheStoredOrderAndEqualsAFreshBuild() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(3, 1500));
            append(s, events(4, 700)); // a second batch: storage order is no longer time order
            for (FrameRule rule : rules()) {
                s.frame(rule, TaskContext.NONE); // stores the order of each rule's identity settings
            }
        }
        for (FrameRule rule : rules()) {
            try (ProjectSession s = ProjectSession.open(p)) {
                BuiltFrame reopened = s.frame(rule, TaskContext.NONE);
                assertFalse(reopened.identityKnown(), rule + ": the reopen took the stored order, without stitching");
                EventColumns cols = s.columns(TaskContext.NONE);
                checkAgainstNaiveOrder(reopened.frame(), cols, rule);
                BuiltFrame fresh = FrameBuilder.build(cols, rule.identity(), rule.sessions(), TaskContext.NONE);
                IncrementalFramesTest.assertSameFrame(fresh, reopened, rule.toString());
            }
        }
    }

    /**
     * The naive reference for an order: every row exactly once, persons in name order (as the resolver orders
     * them) with their rows by time and equal times in storage order, and each row's ids belonging to its person.
     */
    private static void checkAgainstNaiveOrder(EventFrame f, EventColumns c, FrameRule rule) {
        assertEquals(c.size(), f.size);
        boolean[] seen = new boolean[c.size()];
        for (int i = 0; i < f.size; i++) {
            int r = f.sourceRow().get(i);
            assertFalse(seen[r], "row " + r + " twice");
            seen[r] = true;
            assertEquals(c.timeMicros()[r], f.time.get(i));
            assertEquals(c.eventType()[r], f.type.get(i));
            if (i > 0 && f.personOf(i) == f.personOf(i - 1)) {
                int q = f.sourceRow().get(i - 1);
                assertTrue(f.time.get(i - 1) < f.time.get(i) || f.time.get(i - 1) == f.time.get(i) && q < r,
                        rule + ": rows " + q + ", " + r + " of one person out of order");
            }
            // without stitching a person is one user id (else its device): its name is on every row
            if (!rule.stitch()) {
                int id = c.user().get(r) >= 0 ? c.user().get(r) : c.anonymous().get(r);
                String name = id < 0 ? IdentityResolver.NO_ID_PERSON : c.identities()[id];
                assertEquals(name, f.personNames[f.personOf(i)], rule + ": person of row " + r);
            }
        }
        for (int p = 1; p < f.personCount(); p++) {
            assertTrue(IdentityResolver.compareNames(f.personNames[p - 1], f.personNames[p]) <= 0,
                    "persons in name order");
        }
    }

    @Test
    void aStoredOrderThatDoesNotFitIsRebuiltNotUsed() {
        Path p = dir.resolve("p");
        long version;
        BuiltFrame first;
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(8, 900));
            first = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            version = s.version();
        }
        String key = FrameRule.DEFAULT.orderKey(version);
        int n = first.frame().size;
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = first.frame().sourceRow().get(n - 1 - i);
        }
        EventFrame ff = first.frame();
        int[] personStart = ff.personStart;
        FrameOrder good = FrameOrder.of(ff, stored(p)); // what the build stored
        int[] names = good.nameIds();
        long[] reversedTime = new long[n];
        int[] reversedType = new int[n];
        for (int i = 0; i < n; i++) {
            reversedTime[i] = ff.time.get(n - 1 - i);
            reversedType[i] = ff.type.get(n - 1 - i);
        }
        int[] noSuchType = ff.type.toArray();
        noSuchType[n / 2] = ff.typeCount();
        // pairs of the rows part and the persons part; the first, third and last have the persons part right
        List<byte[][]> bad = List.of(new byte[][]{{1, 2, 3}, good.encodePersons()},
                new byte[][]{good.encodeRows(), {1, 2, 3}},
                new byte[][]{new FrameOrder(Arrays.copyOf(ff.sourceRow().toArray(), n - 1), personStart, names, ff.time,
                        ff.type).encodeRows(), good.encodePersons()},
                // rows reversed: times run backwards within persons
                new byte[][]{new FrameOrder(reversed, personStart, names, LongChunks.of(reversedTime),
                        IntChunks.of(reversedType)).encodeRows(),
                        new FrameOrder(reversed, personStart, names, LongChunks.of(reversedTime),
                                IntChunks.of(reversedType)).encodePersons()},
                // an event type the events do not have
                new byte[][]{good.encodeRows(),
                        new FrameOrder(ff.sourceRow().toArray(), personStart, names, ff.time, IntChunks.of(noSuchType))
                                .encodePersons()},
                new byte[][]{good.encodeRows(), Arrays.copyOf(good.encodePersons(), 100)},
                new byte[][]{Arrays.copyOf(good.encodeRows(), 100), good.encodePersons()});
        Set<Integer> personsRight = Set.of(0, 2, 6);
        for (int k = 0; k < bad.size(); k++) {
            byte[][] blobs = bad.get(k);
            try (ProjectStore st = ProjectStore.open(p)) {
                st.derived().write(key, blobs[0]);
                st.derived().write(FrameRule.DEFAULT.personsKey(version), blobs[1]);
            }
            try (ProjectSession s = ProjectSession.open(p)) {
                BuiltFrame again = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
                // with the persons part right, the reopen takes it; the rows, read only when asked for, are then
                // worked out from the events (and stored again) instead of the unreadable ones
                assertEquals(!personsRight.contains(k), again.identityKnown(), "built afresh");
                IncrementalFramesTest.assertSameFrame(first, again, "after a stored order of "
                        + blobs[0].length + " + " + blobs[1].length + " bytes");
            }
            try (ProjectSession s = ProjectSession.open(p)) {
                BuiltFrame third = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
                assertFalse(third.identityKnown(), "the rebuilt order was stored again");
                IncrementalFramesTest.assertSameFrame(first, third, "the order stored again");
            }
            try (ProjectStore st = ProjectStore.open(p)) {
                assertArrayEquals(good.encodeRows(), st.derived().read(key).orElseThrow(), "the rows stored again");
            }
        }
    }

    /**
     * The identity report is stored beside the frame order, so a reopened frame reports what stitching did (the
     * {@code sessions} command prints it every time) without reading the events: under every rule it equals a fresh
     * build's report, the sessions summary the command prints is the same, and the events are read only when the
     * graph is asked for. The fixture has sign-ins, conflicts and account merges by e-mail and phone.
     */
    @Test
    void aReopenReportsTheStoredIdentityWithoutReadingTheEvents() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(51, 1500));
            append(s, events(52, 600));
            for (FrameRule rule : rules()) {
                s.frame(rule, TaskContext.NONE);
            }
        }
        EventColumns cols = stored(p);
        IdentityReport all = FrameBuilder.build(cols, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(), null,
                true, TaskContext.NONE).identity();
        assertTrue(all.conflictCount() > 0 && all.accountMergeCount() > 0 && all.joined().signIn() > 0
                && all.joined().email() > 0, "a fixture with merges: " + all);
        for (FrameRule rule : rules()) {
            try (ProjectSession s = ProjectSession.open(p)) {
                BuiltFrame reopened = s.frame(rule, TaskContext.NONE);
                BuiltFrame fresh = FrameBuilder.build(cols, rule.identity(), rule.sessions(), TaskContext.NONE);
                assertTrue(reopened.reportKnown(), rule + ": the stored report");
                assertFalse(reopened.identityKnown(), rule + ": the graph is left for later");
                assertEquals(fresh.identity(), reopened.identity(), rule + ": report");
                assertEquals(AnalysisCommands.sessionsSummary(fresh), AnalysisCommands.sessionsSummary(reopened),
                        rule + ": what sessions --json prints");
                assertEquals(0, s.laterColumnReads(), rule + ": the report read no events");
                IncrementalFramesTest.assertSameFrame(fresh, reopened, rule.toString());
                assertEquals(1, s.laterColumnReads(), rule + ": the graph read them");
            }
        }
    }

    /**
     * A stored identity report that does not fit the frame (of other events, or unreadable) is not used: the report
     * is then worked out from the events, and equals a fresh build's.
     */
    @Test
    void aStoredReportThatDoesNotFitIsNotUsed() {
        Path p = dir.resolve("p");
        long version;
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(61, 800));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            version = s.version();
        }
        EventColumns cols = stored(p);
        BuiltFrame fresh = fresh(cols);
        IdentityReport r = FrameBuilder.build(cols, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(), null,
                true, TaskContext.NONE).identity();
        IdentityReport otherPersons = new IdentityReport(r.stitched(), r.events(), r.persons() + 1, r.userIds(),
                r.anonymousIds(), r.mergedAnonymousIds(), r.multiDevicePersons(), r.conflictCount(), r.conflicts(),
                r.joined(), r.unlinkedIds(), r.accountMergeCount(), r.accountMerges(), r.keyConflictCount(),
                r.keyConflicts(), r.probableLinks());
        byte[] good = IdentityReportCodec.encode(r);
        for (byte[] bad : List.of(IdentityReportCodec.encode(otherPersons), Arrays.copyOf(good, good.length - 3),
                new byte[]{1, 2, 3})) {
            try (ProjectStore st = ProjectStore.open(p)) {
                st.derived().write(FrameRule.DEFAULT.identityKey(version), bad);
            }
            try (ProjectSession s = ProjectSession.open(p)) {
                BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
                assertFalse(reopened.reportKnown(), "a report of " + bad.length + " bytes is not taken");
                assertEquals(fresh.identity(), reopened.identity());
                assertEquals(1, s.laterColumnReads());
            }
        }
    }

    /**
     * A reopen builds the frame from the stored order without the events' columns; they are read when first needed
     * and must be exactly the stored events (a naive load through the store), and the frame's identity report,
     * worked out from them later, must be a fresh build's.
     */
    @Test
    void columnsReadLaterAreTheStoredEvents() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(21, 1200));
            append(s, events(22, 500));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        }
        EventColumns expected = stored(p);
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertFalse(reopened.identityKnown());
            assertEquals(expected.size(), s.eventCount());
            // the report first: it reads the columns through the reopened frame
            BuiltFrame fresh = FrameBuilder.build(expected, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            IncrementalFramesTest.assertSameFrame(fresh, reopened, "reopened");
            assertSameColumns(expected, s.columns(TaskContext.NONE));
        }
    }

    /**
     * The identity report of a reopened frame (the app asks for it on every open) reads the columns once and does
     * not keep them: at 10 M events they were 205 MB of a 1 GB heap, held for nothing. The report is still a fresh
     * build's, and the columns, asked for afterwards, are read again and then kept.
     */
    @Test
    void theReportOfAReopenedFrameDoesNotKeepTheColumns() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(41, 800));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertTrue(s.columnsHeld(), "a build from the events keeps them (appends extend them)");
        }
        EventColumns expected = stored(p);
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertFalse(reopened.identityKnown());
            assertFalse(s.columnsHeld());
            BuiltFrame fresh = FrameBuilder.build(expected, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            assertEquals(fresh.identity(), reopened.identity());
            assertEquals(fresh.graph().members(0), reopened.graph().members(0));
            assertFalse(s.columnsHeld(), "the report's columns are not kept");
            IncrementalFramesTest.assertSameFrame(fresh, reopened, "reopened");
            assertSameColumns(expected, s.columns(TaskContext.NONE));
            assertTrue(s.columnsHeld());
        }
    }

    /**
     * An append right after a reopen (columns not read yet) must extend the events the frame was built from: the
     * frame then equals a fresh build of all rows, and the reopened frame's report, asked for only after the
     * append, is still that of the rows it holds.
     */
    @Test
    void anAppendAfterAReopenSeesTheColumnsOfTheReopenedFrame() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(31, 900));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        }
        EventColumns before = stored(p);
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertFalse(reopened.identityKnown());
            append(s, events(32, 300));
            BuiltFrame after = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            EventColumns all = s.columns(TaskContext.NONE);
            assertEquals(1200, all.size());
            IncrementalFramesTest.assertSameFrame(fresh(all), after, "after the append");
            IncrementalFramesTest.assertSameFrame(fresh(before), reopened, "the reopened frame, asked later");
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            EventColumns stored = s.columns(TaskContext.NONE);
            assertEquals(1200, stored.size());
            IncrementalFramesTest.assertSameFrame(fresh(stored), s.frame(FrameRule.DEFAULT, TaskContext.NONE),
                    "reopened after the append");
        }
    }

    /**
     * A stream into a reopened project: preparing for it works out the reopened frame's complete identity report
     * (the first catch-up needs it) and leaves every event's time and type to the frame, so the loaded columns hold
     * none of their own (at 10 M events 123 MB of a 1 GB heap, which the deferred report had held until the first
     * catch-up). Later catch-ups and the columns asked for in full still equal a fresh build and the stored events.
     */
    @Test
    void preparingAStreamAfterAReopenLeavesTheTimesToTheFrame() {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(61, 900));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        }
        EventColumns before = stored(p);
        EventColumns all;
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            s.prepareAppends(TaskContext.NONE);
            assertEquals(0, s.timesHeldByColumns(), "rows whose times the columns hold after preparing");
            append(s, events(62, 200));
            assertEquals(200, s.timesHeldByColumns(), "the batch's rows");
            BuiltFrame after = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertEquals(0, s.timesHeldByColumns());
            EventColumns first = s.columns(TaskContext.NONE);
            IncrementalFramesTest.assertSameFrame(fresh(first), after, "after the first batch");
            append(s, events(63, 100));
            all = s.columns(TaskContext.NONE);
            IncrementalFramesTest.assertSameFrame(fresh(all), s.frame(FrameRule.DEFAULT, TaskContext.NONE),
                    "after the second batch");
            IncrementalFramesTest.assertSameFrame(fresh(before), reopened, "the reopened frame");
        }
        // the columns given back from the frame and the batches are the stored events
        assertSameColumns(stored(p), all);
    }

    /**
     * A reopen reads the larger part of the stored order, each event's storage row, only when something asks for
     * the frame's rows (a Sankey, transitions and sessions never do); a frame of the same events under another
     * timeout shares them, and both then hold a fresh build's. A removal (which drops every stored blob) after a
     * reopen reads them first, so the reopened frame keeps its own.
     */
    @Test
    void aReopenReadsTheStorageRowsOnlyWhenAskedFor() throws Exception {
        Path p = dir.resolve("p");
        Path csv = java.nio.file.Files.writeString(dir.resolve("b.csv"),
                "user,time,event\nu1,2024-01-01 10:00:00,e0\nu2,2024-01-01 10:01:00,e1\n");
        try (ProjectSession s = ProjectSession.create(p)) {
            s.importFile(org.journeyexplorer.ingest.Ingest.inspect(csv, java.time.ZoneOffset.UTC),
                    ImportOptions.DEFAULT, TaskContext.NONE);
            append(s, events(51, 1100));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        }
        EventColumns before = stored(p);
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertFalse(reopened.frame().sourceRows().isLoaded(), "the rows are not read by a reopen");
            FrameRule shorter = new FrameRule(FrameRule.DEFAULT.identity(), SessionRule.timeout(5 * MIN));
            BuiltFrame resessioned = s.frame(shorter, TaskContext.NONE);
            assertSame(reopened.frame().sourceRows(), resessioned.frame().sourceRows(), "shared, not read");
            assertFalse(reopened.frame().sourceRows().isLoaded());
            int importId = s.imports().get(0).id();
            s.removeImport(importId, TaskContext.NONE); // drops the stored order: the rows are read before
            assertTrue(reopened.frame().sourceRows().isLoaded());
            IncrementalFramesTest.assertSameFrame(fresh(before), reopened, "the reopened frame, asked later");
            IncrementalFramesTest.assertSameFrame(FrameBuilder.build(before, shorter.identity(), shorter.sessions(),
                    TaskContext.NONE), resessioned, "under the shorter timeout");
        }
    }

    /** A file imported after a reopen: the reopened frame keeps its own events, the next frame has the new ones. */
    @Test
    void anImportAfterAReopenDoesNotChangeTheReopenedFrame() throws Exception {
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            append(s, events(41, 800));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        }
        EventColumns before = stored(p);
        Path csv = java.nio.file.Files.writeString(dir.resolve("a.csv"),
                "user,time,event\nu1,2024-01-01 10:00:00,e0\nzed,2024-01-01 10:01:00,new_type\n");
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertFalse(reopened.identityKnown());
            s.importFile(org.journeyexplorer.ingest.Ingest.inspect(csv, java.time.ZoneOffset.UTC),
                    ImportOptions.DEFAULT, TaskContext.NONE);
            IncrementalFramesTest.assertSameFrame(fresh(before), reopened, "the reopened frame, asked later");
            BuiltFrame after = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            EventColumns all = s.columns(TaskContext.NONE);
            assertEquals(802, all.size());
            assertTrue(List.of(after.frame().typeNames).contains("new_type"));
            IncrementalFramesTest.assertSameFrame(fresh(all), after, "after the import");
        }
    }

    private static void assertSameColumns(EventColumns e, EventColumns a) {
        int n = e.size();
        assertEquals(n, a.size());
        assertArrayEquals(e.user().copyOfRange(0, n), a.user().copyOfRange(0, n), "users");
        assertArrayEquals(e.anonymous().copyOfRange(0, n), a.anonymous().copyOfRange(0, n), "devices");
        assertArrayEquals(Arrays.copyOf(e.timeMicros(), n), Arrays.copyOf(a.timeMicros(), n), "times");
        assertArrayEquals(Arrays.copyOf(e.eventType(), n), Arrays.copyOf(a.eventType(), n), "types");
        assertArrayEquals(e.identities(), a.identities(), "ids");
        assertArrayEquals(e.identityIsAnonymous(), a.identityIsAnonymous(), "anonymous ids");
        assertArrayEquals(e.eventTypes(), a.eventTypes(), "type names");
        assertArrayEquals(e.keys().values(), a.keys().values(), "keys");
        assertArrayEquals(e.keys().email() == null ? null : e.keys().email().copyOfRange(0, n),
                a.keys().email() == null ? null : a.keys().email().copyOfRange(0, n), "e-mail keys");
        assertArrayEquals(e.keys().phone() == null ? null : e.keys().phone().copyOfRange(0, n),
                a.keys().phone() == null ? null : a.keys().phone().copyOfRange(0, n), "phone keys");
    }
}
