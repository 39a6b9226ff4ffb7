package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.RejectedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.*;

/** The append path a stream uses: batches, rejects and positions in one transaction, frames kept current. */
class AppendTest {
    private static final String SOURCE = "kafka:local/orders/journeys";
    private static final long MIN = 60_000_000L;

    @TempDir
    Path dir;

    static ParsedEvent ev(String user, String anon, long minute, String name) {
        return new ParsedEvent(0, user, anon, minute * MIN, name, "{\"m\":" + minute + "}");
    }

    private static StreamBatch batch(List<ParsedEvent> events, List<StreamBatch.Rejected> rejects,
                                     Map<Integer, Long> positions) {
        return new StreamBatch(SOURCE, "orders", events, rejects, positions);
    }

    /** Appends {@code ids} (user ids, one event each) through the store's writer as one stream batch. */
    private static void appendUsers(ProjectStore store, long offset, String... ids) {
        try (var w = store.beginAppend(SOURCE, "orders", TaskContext.NONE)) {
            for (int i = 0; i < ids.length; i++) {
                w.event(ids[i], null, (offset + i) * MIN, "view", null);
            }
            w.commitBatch(SOURCE, Map.of(0, offset + ids.length));
        }
    }

    @Test
    void theWritersDictionaryTakesTheLoadedStringsOnlyWhileTheyAreCurrent() {
        Path p = dir.resolve("p");
        try (ProjectStore store = ProjectStore.create(p)) {
            appendUsers(store, 0, "u1", "u2");
            appendUsers(store, 2, "u3");
        }
        try (ProjectStore store = ProjectStore.open(p)) {
            var stale = new org.journeyexplorer.domain.EventColumns(0, new int[0], new int[0], new long[0],
                    new int[0], new String[]{"u1", "u2"}, new boolean[2], new String[]{"view"},
                    org.journeyexplorer.domain.KeyColumns.NONE);
            long before = store.events().version();
            // columns of the project one version earlier (before u3): read from the project instead, so u3 keeps its
            // id
            store.prepareWrites(TaskContext.NONE, stale, before - 1);
            appendUsers(store, 3, "u3", "u4");
            var now = store.events().load(TaskContext.NONE).columns();
            assertEquals(List.of("u1", "u2", "u3", "u4"), List.of(now.identities()));
        }
        try (ProjectStore store = ProjectStore.open(p)) {
            var current = store.events().load(TaskContext.NONE);
            store.prepareWrites(TaskContext.NONE, current.columns(), current.version());
            appendUsers(store, 5, "u2", "u5", "u4");
            var now = store.events().load(TaskContext.NONE).columns();
            assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), List.of(now.identities()));
            assertEquals(8, now.size());
            // the events of u3, u2 and u4 are under their first ids
            int[] user = now.user().toArray();
            assertEquals(user[2], user[3]);
            assertEquals(user[1], user[5]);
            assertEquals(user[4], user[7]);
        }
    }

    @Test
    void batchesCommitWithTheirPositionsAndShowAsOneStreamImport() {
        Path p = dir.resolve("p");
        List<ProjectChange> heard = new ArrayList<>();
        try (ProjectSession s = ProjectSession.create(p)) {
            s.addListener(heard::add);
            assertEquals(Map.of(), s.sourcePositions(SOURCE));
            long v0 = s.version();
            AppendResult r1 = s.append(batch(List.of(ev("u1", "d1", 0, "view"), ev(null, "d2", 1, "view"),
                    ev("u1", null, 2, "buy")), List.of(new StreamBatch.Rejected("orders/0@7", "no event name",
                    "{\"user\":\"u9\"}")), Map.of(0, 8L, 1, 3L)));
            assertEquals(3, r1.appended());
            assertEquals(1, r1.rejected());
            assertEquals(3, r1.events());
            assertTrue(r1.version() > v0);
            assertEquals(Map.of(0, 8L, 1, 3L), s.sourcePositions(SOURCE));
            assertEquals(List.of(new ProjectChange(ProjectChange.Kind.APPEND, r1.version(), 3, 3)), heard);

            AppendResult r2 = s.append(batch(List.of(ev("u2", "d2", 3, "view")), List.of(), Map.of(1, 4L)));
            assertEquals(r1.importId(), r2.importId(), "one import record per source");
            assertEquals(Map.of(0, 8L, 1, 4L), s.sourcePositions(SOURCE), "partition 0 keeps its position");

            List<ImportRecord> imports = s.imports();
            assertEquals(1, imports.size());
            ImportRecord rec = imports.get(0);
            assertEquals("stream orders", rec.fileName());
            assertTrue(rec.isStream());
            assertEquals(SOURCE, rec.sourceKey());
            assertEquals(4, rec.rowsImported());
            assertEquals(1, rec.rowsRejected());
            assertEquals(5, rec.rowsRead());
            List<RejectedRow> rejects = s.rejectedRows(rec.id(), 10);
            assertEquals(1, rejects.size());
            assertEquals("orders/0@7", rejects.get(0).where());
            assertEquals("{\"user\":\"u9\"}", rejects.get(0).rawText());
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            assertEquals(Map.of(0, 8L, 1, 4L), s.sourcePositions(SOURCE), "positions survive reopening");
            assertEquals(4, s.eventCount());
            assertArrayEquals(new String[]{"{\"m\":0}", "{\"m\":3}"}, s.properties(new int[]{0, 3}));
        }
    }

    @Test
    void aFailedBatchStoresNothingAndKeepsThePositions() {
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.append(batch(List.of(ev("u1", null, 0, "view")), List.of(), Map.of(0, 1L)));
            long version = s.version();
            // a batch with an event without a name fails half-way: nothing of it may be stored
            List<ParsedEvent> bad = List.of(ev("u2", null, 1, "view"), new ParsedEvent(0, "u3", null, 0, null, null));
            assertThrows(IllegalArgumentException.class, () -> s.append(batch(bad, List.of(), Map.of(0, 3L))));
            assertEquals(Map.of(0, 1L), s.sourcePositions(SOURCE));
            assertEquals(1, s.eventCount());
            assertEquals(version, s.version());
            assertEquals(1, s.imports().get(0).rowsImported());
            // and the project goes on
            s.append(batch(List.of(ev("u2", null, 1, "view")), List.of(), Map.of(0, 2L)));
            assertEquals(2, s.eventCount());
        }
    }

    @Test
    void framesAreCurrentRightAfterAnAppendAndEqualAFullRebuild() {
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.append(batch(List.of(ev(null, "d1", 0, "view"), ev(null, "d1", 5, "search")), List.of(), Map.of()));
            BuiltFrame before = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertEquals(1, before.frame().personCount());
            // d1 logs in as u1 (identity stitching merges them), and an event arrives out of time order
            s.append(batch(List.of(ev("u1", "d1", 7, "login"), ev(null, "d1", 3, "view")), List.of(), Map.of()));
            BuiltFrame now = s.currentFrame(FrameRule.DEFAULT).orElseThrow(() -> new AssertionError("not current"));
            BuiltFrame full = FrameBuilder.build(s.columns(TaskContext.NONE), true, FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            assertArrayEquals(new String[]{"u1"}, now.frame().personNames);
            assertArrayEquals(full.frame().sourceRow().toArray(), now.frame().sourceRow().toArray());
            assertArrayEquals(full.frame().sessionStart, now.frame().sessionStart);
            assertEquals(full.identity(), now.identity());
            assertArrayEquals(new long[]{0, 3 * MIN, 5 * MIN, 7 * MIN}, now.frame().time.toArray());
        }
    }

    @Test
    void aCatchUpBetweenRefreshesRunsOnlyWhenEnoughRowsWaitAndTheNextRefreshSeesItsFrame() {
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.append(batch(List.of(ev(null, "d1", 0, "view"), ev(null, "d1", 5, "search")), List.of(), Map.of()));
            // no frame cached yet: nothing is built
            assertEquals(0, s.catchUpIfBehind(FrameRule.DEFAULT, 1));
            BuiltFrame before = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertEquals(0, s.catchUpIfBehind(FrameRule.DEFAULT, 1), "nothing appended since");
            s.append(batch(List.of(ev("u1", "d1", 7, "login"), ev(null, "d1", 3, "view")), List.of(), Map.of()));
            assertEquals(0, s.catchUpIfBehind(FrameRule.DEFAULT, 3), "2 rows wait, 3 asked for");
            assertEquals(2, s.catchUpIfBehind(FrameRule.DEFAULT, 2));
            assertEquals(0, s.catchUpIfBehind(FrameRule.DEFAULT, 1), "caught up already");
            s.append(batch(List.of(ev("u2", null, 9, "view")), List.of(), Map.of()));
            // the refresh's frame: the caught-up one brought up to the last batch, as a rebuild
            BuiltFrame now = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame full = FrameBuilder.build(s.columns(TaskContext.NONE), true, FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            assertEquals(2, before.frame().size);
            assertArrayEquals(new String[]{"u1", "u2"}, now.frame().personNames);
            assertArrayEquals(full.frame().sourceRow().toArray(), now.frame().sourceRow().toArray());
            assertArrayEquals(full.frame().sessionStart, now.frame().sessionStart);
            assertEquals(full.identity(), now.identity());
            assertArrayEquals(new long[]{0, 3 * MIN, 5 * MIN, 7 * MIN, 9 * MIN}, now.frame().time.toArray());
        }
    }

    @Test
    void batchesAfterPreparingForThemEqualAFullRebuild() {
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.append(batch(List.of(ev(null, "d1", 0, "view"), ev("u2", "d2", 1, "login")), List.of(), Map.of()));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            // what a stream does while it connects; a second call changes nothing
            s.prepareAppends(TaskContext.NONE);
            s.prepareAppends(TaskContext.NONE);
            s.append(batch(List.of(ev("u2", "d1", 2, "login"), ev(null, "d3", 4, "view")), List.of(), Map.of()));
            BuiltFrame now = s.currentFrame(FrameRule.DEFAULT).orElseThrow(() -> new AssertionError("not current"));
            BuiltFrame full = FrameBuilder.build(s.columns(TaskContext.NONE), true, FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            assertArrayEquals(new String[]{"d3", "u2"}, now.frame().personNames);
            assertArrayEquals(full.frame().sourceRow().toArray(), now.frame().sourceRow().toArray());
            assertArrayEquals(full.frame().sessionStart, now.frame().sessionStart);
            assertEquals(full.identity(), now.identity());
        }
    }

    @Test
    void manyBatchesOfNewIdsAndKeysGiveTheColumnsAndFrameOfTheProjectReadBackFromDisk() {
        // every batch brings ids and contact keys never seen before, so the loaded dictionaries outgrow their room
        // several times; the caught-up frame and the columns must equal a fresh load of the same events
        Path p = dir.resolve("p");
        java.util.Random rnd = new java.util.Random(5);
        List<ParsedEvent> all = new ArrayList<>();
        BuiltFrame streamed;
        org.journeyexplorer.domain.EventColumns cols;
        try (ProjectSession s = ProjectSession.create(p)) {
            s.append(batch(List.of(ev("u0", "d0", 0, "view")), List.of(), Map.of()));
            all.add(ev("u0", "d0", 0, "view"));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            for (int b = 0; b < 40; b++) {
                List<ParsedEvent> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    int n = b * 50 + i;
                    String user = rnd.nextInt(3) == 0 ? null : "u" + rnd.nextInt(n + 2);
                    String anon = "d" + rnd.nextInt(n + 2);
                    String mail = rnd.nextInt(4) == 0 ? "m" + rnd.nextInt(n / 2 + 2) + "@example.com" : null;
                    String phone = rnd.nextInt(6) == 0 ? "+4930" + (1_000_000 + rnd.nextInt(n + 2)) : null;
                    events.add(new ParsedEvent(0, user, anon, (1 + b * 50L + i) * MIN / 7, "e" + rnd.nextInt(4),
                            null, new org.journeyexplorer.domain.IdentityValues(mail, phone, null, null, null)));
                }
                s.append(batch(events, List.of(), Map.of(0, (long) b)));
                all.addAll(events);
                if (b % 7 == 3) {
                    s.frame(FrameRule.DEFAULT, TaskContext.NONE); // a chart refresh catching up
                    // the caught-up frame holds the times and types; the columns keep none of their own
                    assertEquals(0, s.timesHeldByColumns(), "rows whose times the columns hold after a catch-up");
                }
            }
            assertEquals(50, s.timesHeldByColumns(), "the batch since the last catch-up");
            streamed = s.currentFrame(FrameRule.DEFAULT).orElseThrow(() -> new AssertionError("not current"));
            cols = s.columns(TaskContext.NONE);
        }
        // the naive reference: each row's ids are the event's own, in the order they were appended
        assertEquals(all.size(), cols.size());
        for (int r = 0; r < all.size(); r++) {
            ParsedEvent e = all.get(r);
            assertEquals(e.personId(), cols.user().get(r) < 0 ? null : cols.identities()[cols.user().get(r)], "user of " + r);
            assertEquals(e.anonymousId(), cols.identities()[cols.anonymous().get(r)], "device of " + r);
            assertEquals(e.timeMicros(), cols.timeMicros()[r], "time of " + r);
            assertEquals(e.eventName(), cols.eventTypes()[cols.eventType()[r]], "type of " + r);
            assertEquals(e.identity().email() != null, cols.keys().email().get(r) >= 0, "e-mail key of " + r);
            assertEquals(e.identity().phone() != null, cols.keys().phone().get(r) >= 0, "phone key of " + r);
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            org.journeyexplorer.domain.EventColumns read = s.columns(TaskContext.NONE);
            assertArrayEquals(read.identities(), cols.identities(), "identity dictionary");
            assertArrayEquals(read.identityIsAnonymous(), cols.identityIsAnonymous());
            assertArrayEquals(read.keys().values(), cols.keys().values(), "key dictionary");
            assertArrayEquals(read.keys().kinds(), cols.keys().kinds());
            assertArrayEquals(read.eventTypes(), cols.eventTypes());
            assertArrayEquals(read.keys().email().copyOfRange(0, read.size()),
                    cols.keys().email().copyOfRange(0, cols.size()), "e-mail keys per row");
            assertArrayEquals(read.keys().phone().copyOfRange(0, read.size()),
                    cols.keys().phone().copyOfRange(0, cols.size()), "phone keys per row");
            BuiltFrame fresh = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertTrue(fresh.identity().accountMergeCount() + fresh.identity().joined().email() > 0,
                    "the keys join accounts, so they matter to the frame");
            assertArrayEquals(fresh.frame().personNames, streamed.frame().personNames);
            assertArrayEquals(fresh.frame().sourceRow().toArray(), streamed.frame().sourceRow().toArray());
            assertArrayEquals(fresh.frame().sessionStart, streamed.frame().sessionStart);
            assertArrayEquals(fresh.frame().time.toArray(), streamed.frame().time.toArray());
            assertArrayEquals(fresh.frame().type.toArray(), streamed.frame().type.toArray());
            assertEquals(fresh.identity(), streamed.identity());
        }
    }

    @Test
    void appendsExtendTheLoadedIdAndKeyColumnsWithoutCopyingThemAcrossChunkBoundaries() {
        // a project of more than a chunk of rows, then batches that cross chunk boundaries: each longer column shares
        // every full chunk of the one before (at 10 M events a copy was 4 x 46 MB beside the old columns), the older
        // columns still read their own rows, and all of it equals the project read back from disk
        Path p = dir.resolve("p");
        java.util.Random rnd = new java.util.Random(8);
        List<ParsedEvent> all = new ArrayList<>();
        int first = IntChunks.CHUNK + 100;
        BuiltFrame streamed;
        org.journeyexplorer.domain.EventColumns held;
        try (ProjectSession s = ProjectSession.create(p)) {
            s.append(batch(events(rnd, 0, first), List.of(), Map.of(0, 0L)));
            all.addAll(events(new java.util.Random(8), 0, first));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            List<org.journeyexplorer.domain.EventColumns> older = new ArrayList<>();
            older.add(s.heldColumns());
            int[] sizes = {1_000, 7, IntChunks.CHUNK - 50, 3};
            for (int b = 0; b < sizes.length; b++) {
                List<ParsedEvent> events = events(rnd, all.size(), sizes[b]);
                s.append(batch(events, List.of(), Map.of(0, b + 1L)));
                all.addAll(events);
                org.journeyexplorer.domain.EventColumns before = older.get(older.size() - 1);
                org.journeyexplorer.domain.EventColumns now = s.heldColumns();
                assertEquals(all.size(), now.size());
                int full = before.size() >>> IntChunks.SHIFT;
                assertTrue(now.user().sharedChunks(before.user()) >= full, "user ids copied at batch " + b);
                assertTrue(now.anonymous().sharedChunks(before.anonymous()) >= full, "devices copied at " + b);
                assertTrue(now.keys().email().sharedChunks(before.keys().email()) >= full, "e-mails copied at " + b);
                assertTrue(now.keys().phone().sharedChunks(before.keys().phone()) >= full, "phones copied at " + b);
                older.add(now);
                if (b % 2 == 1) {
                    s.frame(FrameRule.DEFAULT, TaskContext.NONE); // a chart refresh catching up
                }
            }
            streamed = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            held = s.heldColumns();
            // the reference: each row's ids are the event's own (new ids are numbered as they first appear)
            for (int r = 0; r < held.size(); r++) {
                ParsedEvent e = all.get(r);
                int u = held.user().get(r);
                if (!Objects.equals(e.personId(), u < 0 ? null : held.identities()[u])
                        || !e.anonymousId().equals(held.identities()[held.anonymous().get(r)])
                        || (e.identity().email() != null) != (held.keys().email().get(r) >= 0)
                        || (e.identity().phone() != null) != (held.keys().phone().get(r) >= 0)) {
                    fail("row " + r + " is not its event " + e);
                }
            }
            // the older columns still read their own rows, though later appends wrote past their ends
            for (org.journeyexplorer.domain.EventColumns o : older) {
                int n = o.size();
                assertArrayEquals(held.user().copyOfRange(0, n), o.user().toArray(), "users of " + n + " rows");
                assertArrayEquals(held.anonymous().copyOfRange(0, n), o.anonymous().toArray());
                assertArrayEquals(held.keys().email().copyOfRange(0, n), o.keys().email().toArray());
                assertArrayEquals(held.keys().phone().copyOfRange(0, n), o.keys().phone().toArray());
            }
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            org.journeyexplorer.domain.EventColumns read = s.columns(TaskContext.NONE);
            assertEquals(read.size(), held.size());
            assertArrayEquals(read.user().toArray(), held.user().toArray(), "users per row");
            assertArrayEquals(read.anonymous().toArray(), held.anonymous().toArray(), "devices per row");
            assertArrayEquals(read.keys().email().toArray(), held.keys().email().toArray(), "e-mails per row");
            assertArrayEquals(read.keys().phone().toArray(), held.keys().phone().toArray(), "phones per row");
            assertArrayEquals(read.identities(), held.identities());
            assertArrayEquals(read.keys().values(), held.keys().values());
            BuiltFrame fresh = FrameBuilder.build(read, true, FrameRule.DEFAULT.sessions(), TaskContext.NONE);
            assertArrayEquals(fresh.frame().personNames, streamed.frame().personNames);
            assertArrayEquals(fresh.frame().sourceRow().toArray(), streamed.frame().sourceRow().toArray());
            assertArrayEquals(fresh.frame().sessionStart, streamed.frame().sessionStart);
            assertArrayEquals(fresh.frame().time.toArray(), streamed.frame().time.toArray());
        }
    }

    @Test
    void keyColumnsWithFewKeysHoldTheirFullChunksCompactlyAfterALoadAndAfterAppends() {
        // e-mails on one row in 40, phones on one in 60 (the demo: 3 % and 2 %): a full chunk of such a column is
        // a bit per row and its keys (about 5 KB), not 128 KB; every row still reads its key, before and after a
        // reload, and the frame equals a rebuild
        Path p = dir.resolve("p");
        java.util.Random rnd = new java.util.Random(9);
        List<ParsedEvent> all = new ArrayList<>();
        int first = IntChunks.CHUNK + 100;
        try (ProjectSession s = ProjectSession.create(p)) {
            all.addAll(rareKeyEvents(rnd, 0, first));
            s.append(batch(all, List.of(), Map.of(0, 0L)));
        }
        BuiltFrame streamed;
        org.journeyexplorer.domain.EventColumns held;
        try (ProjectSession s = ProjectSession.open(p)) {
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            org.journeyexplorer.domain.EventColumns loaded = s.heldColumns();
            assertEquals(1, loaded.keys().email().rareChunks(), "the loaded full chunk of e-mails");
            assertEquals(1, loaded.keys().phone().rareChunks(), "the loaded full chunk of phones");
            int[] sizes = {IntChunks.CHUNK - 50, 7, IntChunks.CHUNK + 3};
            for (int b = 0; b < sizes.length; b++) {
                List<ParsedEvent> events = rareKeyEvents(rnd, all.size(), sizes[b]);
                s.append(batch(events, List.of(), Map.of(0, b + 1L)));
                all.addAll(events);
                s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            }
            held = s.heldColumns();
            streamed = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            int full = held.size() >>> IntChunks.SHIFT;
            assertEquals(full, held.keys().email().rareChunks(), "every full chunk of e-mails, as batches fill them");
            assertEquals(full, held.keys().phone().rareChunks(), "every full chunk of phones");
            assertEquals(0, held.user().rareChunks(), "user ids are on most rows");
            for (int r = 0; r < held.size(); r++) {
                ParsedEvent e = all.get(r);
                int m = held.keys().email().get(r);
                int t = held.keys().phone().get(r);
                if ((e.identity().email() != null) != (m >= 0) || (e.identity().phone() != null) != (t >= 0)) {
                    fail("row " + r + " is not its event " + e);
                }
            }
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            org.journeyexplorer.domain.EventColumns read = s.columns(TaskContext.NONE);
            assertArrayEquals(read.keys().email().toArray(), held.keys().email().toArray(), "e-mails per row");
            assertArrayEquals(read.keys().phone().toArray(), held.keys().phone().toArray(), "phones per row");
            assertTrue(read.keys().email().contentEquals(held.keys().email()));
            BuiltFrame fresh = FrameBuilder.build(read, true, FrameRule.DEFAULT.sessions(), TaskContext.NONE);
            assertArrayEquals(fresh.frame().personNames, streamed.frame().personNames);
            assertArrayEquals(fresh.frame().sourceRow().toArray(), streamed.frame().sourceRow().toArray());
            assertArrayEquals(fresh.frame().sessionStart, streamed.frame().sessionStart);
            assertEquals(fresh.identity(), streamed.identity());
        }
    }

    /** As {@link #events}, with an e-mail on one event in 40 and a phone on one in 60. */
    private static List<ParsedEvent> rareKeyEvents(java.util.Random rnd, int at, int n) {
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = at + i;
            int q = rnd.nextInt(Math.min(4_000, k / 4 + 1));
            String user = rnd.nextInt(3) == 0 ? null : "u" + q;
            String mail = rnd.nextInt(40) == 0 ? "m" + q + "@example.com" : null;
            String phone = rnd.nextInt(60) == 0 ? "+4930" + (1_000_000 + q) : null;
            out.add(new ParsedEvent(0, user, "d" + q, (k * 13L + rnd.nextInt(50)) * MIN / 11, "e" + rnd.nextInt(5),
                    null, new org.journeyexplorer.domain.IdentityValues(mail, phone, null, null, null)));
        }
        return out;
    }

    /**
     * {@code n} events from {@code at} on: persons of a user id (on two thirds of their events) and a device, some with
     * an e-mail or phone of their own, returning and new ones.
     */
    private static List<ParsedEvent> events(java.util.Random rnd, int at, int n) {
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = at + i;
            int q = rnd.nextInt(Math.min(4_000, k / 4 + 1));
            String user = rnd.nextInt(3) == 0 ? null : "u" + q;
            String mail = rnd.nextInt(5) == 0 ? "m" + q + "@example.com" : null;
            String phone = rnd.nextInt(9) == 0 ? "+4930" + (1_000_000 + q) : null;
            out.add(new ParsedEvent(0, user, "d" + q, (k * 13L + rnd.nextInt(50)) * MIN / 11, "e" + rnd.nextInt(5),
                    null, new org.journeyexplorer.domain.IdentityValues(mail, phone, null, null, null)));
        }
        return out;
    }

    @Test
    void probableLinksAfterAStreamWithoutThemSeeTheDeviceAndNetworkSignals() {
        // the loaded columns leave the device and network signals out while no rule makes probable links; a rule
        // that does, asked for after a stream, must see them (and the batches' too), as a fresh load does
        Path p = dir.resolve("p");
        java.util.Random rnd = new java.util.Random(11);
        FrameRule probable = new FrameRule(org.journeyexplorer.identity.IdentitySettings.DEFAULT
                .withProbabilistic(true).withThreshold(0.5), FrameRule.DEFAULT.sessions());
        try (ProjectSession s = ProjectSession.create(p)) {
            for (int b = 0; b < 6; b++) {
                List<ParsedEvent> events = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = b * 40 + i;
                    // few devices on few networks, most of them never signed in: the matcher has work
                    String user = rnd.nextInt(5) == 0 ? "u" + rnd.nextInt(8) : null;
                    events.add(new ParsedEvent(0, user, "d" + rnd.nextInt(30), n * MIN, "e" + rnd.nextInt(3), null,
                            new org.journeyexplorer.domain.IdentityValues(null, null, null, "agent" + rnd.nextInt(2),
                                    "10.0." + rnd.nextInt(3) + "." + rnd.nextInt(200))));
                }
                s.append(batch(events, List.of(), Map.of(0, (long) b)));
                s.frame(FrameRule.DEFAULT, TaskContext.NONE); // a chart refresh catching up
            }
            BuiltFrame withLinks = s.frame(probable, TaskContext.NONE);
            BuiltFrame without = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            org.journeyexplorer.domain.EventColumns read = s.columns(TaskContext.NONE);
            assertTrue(read.keys().hasSignals(), "the columns a caller gets hold the signals");
            BuiltFrame fresh = FrameBuilder.build(read, probable.identity(), probable.sessions(), null, true,
                    TaskContext.NONE);
            assertTrue(fresh.identity().joined().probable() > 0, "the signals make probable links");
            assertEquals(fresh.identity().joined().probable(), withLinks.identity().joined().probable());
            assertArrayEquals(fresh.frame().personNames, withLinks.frame().personNames);
            assertArrayEquals(fresh.frame().sourceRow().toArray(), withLinks.frame().sourceRow().toArray());
            assertArrayEquals(fresh.frame().sessionStart, withLinks.frame().sessionStart);
            BuiltFrame plain = FrameBuilder.build(read, FrameRule.DEFAULT.identity(), FrameRule.DEFAULT.sessions(),
                    null, true, TaskContext.NONE);
            assertArrayEquals(plain.frame().personNames, without.frame().personNames);
            assertArrayEquals(plain.frame().sourceRow().toArray(), without.frame().sourceRow().toArray());
        }
    }

    /** A context that holds the work it is given at its first report until the test lets it go on. */
    private static final class Holding implements TaskContext {
        final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);

        private void hold() {
            if (held.getCount() > 0) {
                held.countDown();
                try {
                    resume.await(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void progress(long done, long total) {
            hold();
        }

        @Override
        public void message(String message) {
            hold();
        }

        @Override
        public boolean isCancelled() {
            hold();
            return false;
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(240)
    void aBatchAfterACatchUpDoesNotWaitForTheNextCatchUp() throws Exception {
        // after a catch-up the columns keep the times and types of the rows since it only, with room for about a
        // thousand more: the next batches outgrow that room and copy those few rows into longer columns, which must
        // not wait for a catch-up running meanwhile (at 50 k events/s nearly every other batch waited up to a
        // refresh's catch-up for it); every row's time and type must survive the growth beside the catch-up
        List<ParsedEvent> all = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        Holding refreshing = new Holding();
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            List<ParsedEvent> first = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                first.add(ev("u" + i % 40, "d" + i % 60, i, "e" + i % 5));
            }
            s.append(batch(first, List.of(), Map.of(0, 1L)));
            all.addAll(first);
            s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            List<ParsedEvent> second = List.of(ev("u3", "d70", 400, "buy"), ev(null, "d71", 401, "view"));
            s.append(batch(second, List.of(), Map.of(0, 2L)));
            all.addAll(second);
            s.frame(FrameRule.DEFAULT, TaskContext.NONE); // a catch-up: the columns keep the rows since, none
            assertEquals(0, s.timesHeldByColumns());
            List<ParsedEvent> third = List.of(ev("u5", "d72", 402, "view"), ev(null, "d5", 403, "buy"));
            s.append(batch(third, List.of(), Map.of(0, 3L)));
            all.addAll(third);
            // the next refresh's catch-up, held half-way
            java.util.concurrent.Future<BuiltFrame> refresh = pool.submit(() -> s.frame(FrameRule.DEFAULT,
                    refreshing));
            assertTrue(refreshing.held.await(60, java.util.concurrent.TimeUnit.SECONDS), "no catch-up began");
            // a batch bigger than the room the columns have for the rows since the last catch-up
            List<ParsedEvent> big = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                big.add(ev(i % 3 == 0 ? null : "u" + i % 70, "d" + i % 90, 500 + i, "e" + i % 7));
            }
            java.util.concurrent.Future<AppendResult> append = pool.submit(() -> s.append(batch(big, List.of(),
                    Map.of(0, 4L))));
            try {
                assertEquals(3000, append.get(60, java.util.concurrent.TimeUnit.SECONDS).appended());
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the batch waited for the running catch-up");
            } finally {
                refreshing.resume.countDown();
            }
            all.addAll(big);
            assertEquals(304, refresh.get(60, java.util.concurrent.TimeUnit.SECONDS).frame().size);
            assertEquals(3000, s.timesHeldByColumns(), "the rows since the held catch-up's frame");
            BuiltFrame now = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            org.journeyexplorer.domain.EventColumns cols = s.columns(TaskContext.NONE);
            assertEquals(all.size(), cols.size());
            for (int r = 0; r < all.size(); r++) {
                assertEquals(all.get(r).timeMicros(), cols.timeMicros()[r], "time of " + r);
                assertEquals(all.get(r).eventName(), cols.eventTypes()[cols.eventType()[r]], "type of " + r);
            }
            BuiltFrame full = FrameBuilder.build(cols, true, FrameRule.DEFAULT.sessions(), TaskContext.NONE);
            assertArrayEquals(full.frame().personNames, now.frame().personNames);
            assertArrayEquals(full.frame().sourceRow().toArray(), now.frame().sourceRow().toArray());
            assertArrayEquals(full.frame().time.toArray(), now.frame().time.toArray());
            assertArrayEquals(full.frame().type.toArray(), now.frame().type.toArray());
            assertArrayEquals(full.frame().sessionStart, now.frame().sessionStart);
        } finally {
            refreshing.resume.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchKeepsTheStoredSessionsOfOlderEventsUntilNewerOnesAreWritten() {
        Path p = dir.resolve("p");
        long v1;
        try (ProjectSession s = ProjectSession.create(p)) {
            s.append(batch(List.of(ev("u1", "d1", 0, "view"), ev(null, "d2", 1, "view")), List.of(), Map.of()));
            s.frame(FrameRule.DEFAULT, TaskContext.NONE); // stores the session assignment of these events
            v1 = s.version();
            s.append(batch(List.of(ev(null, "d2", 200, "buy")), List.of(), Map.of()));
        }
        String old = FrameRule.DEFAULT.sessionsKey(v1);
        String oldOrder = FrameRule.DEFAULT.orderKey(v1);
        String oldPersons = FrameRule.DEFAULT.personsKey(v1);
        String oldIdentity = FrameRule.DEFAULT.identityKey(v1);
        try (ProjectStore store = ProjectStore.open(p)) {
            store.derived().write("model", new byte[]{1});
            assertEquals(List.of(oldIdentity, "model", oldOrder, oldPersons, old), store.derived().keys(),
                    "a batch must not delete derived data");
        }
        try (ProjectSession s = ProjectSession.open(p)) {
            BuiltFrame reopened = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame full = FrameBuilder.build(s.columns(TaskContext.NONE), true, FrameRule.DEFAULT.sessions(),
                    TaskContext.NONE);
            // the older events' sessions are not reused: the buy 199 minutes later is a session of its own
            assertEquals(3, reopened.frame().sessionCount());
            assertArrayEquals(full.frame().sessionStart, reopened.frame().sessionStart);
            long v2 = s.version();
            assertTrue(v2 > v1);
        }
        try (ProjectStore store = ProjectStore.open(p)) {
            List<String> keys = store.derived().keys();
            assertFalse(keys.contains(old), "the newer sessions replace the older: " + keys);
            assertFalse(keys.contains(oldOrder), "the newer frame order replaces the older: " + keys);
            assertFalse(keys.contains(oldIdentity), "the newer identity report replaces the older: " + keys);
            assertFalse(keys.contains(oldPersons), "the newer frame order replaces the older: " + keys);
            assertTrue(keys.contains("model"), "blobs without a version stamp stay: " + keys);
            assertEquals(5, keys.size(), keys.toString()); // the model, the newer sessions, order (two parts) and report
        }
    }

    @Test
    void aStreamKeepsTheProjectsPseudonymisation() throws Exception {
        Path csv = java.nio.file.Files.writeString(dir.resolve("a.csv"), "user,time,event\nann,2024-01-01 10:00:00,open\n");
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.importFile(org.journeyexplorer.ingest.Ingest.inspect(csv, java.time.ZoneOffset.UTC),
                    ImportOptions.DEFAULT.withPseudonymise(true), TaskContext.NONE);
            s.append(batch(List.of(ev("bob", null, 0, "open")), List.of(), Map.of()));
            List<String> ids = List.of(s.columns(TaskContext.NONE).identities());
            assertFalse(ids.contains("bob"), ids.toString());
            assertEquals(2, ids.size());
        }
    }

    @Test
    void batchesNeedASource() {
        assertThrows(IllegalArgumentException.class, () -> new StreamBatch(" ", "x", List.of(), List.of(), Map.of()));
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.close();
            assertThrows(UserFacingException.class, () -> s.append(batch(List.of(), List.of(), Map.of())));
        }
        assertFalse(ProjectStore.projectFile(dir.resolve("p")).toString().isEmpty());
    }
}
