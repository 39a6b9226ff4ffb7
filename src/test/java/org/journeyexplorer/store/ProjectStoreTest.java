package org.journeyexplorer.store;

import org.journeyexplorer.project.EventSummary;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

public class ProjectStoreTest {
    @TempDir
    Path dir;

    public static ImportResult write(ProjectStore store, String name, List<ParsedEvent> events) {
        try (ImportWriter w = store.beginImport(new NewImport(name, null, 1, "sha-" + name, "{}"))) {
            for (ParsedEvent e : events) {
                w.event(e.personId(), e.anonymousId(), e.timeMicros(), e.eventName(), e.propertiesJson());
            }
            return w.commit();
        }
    }

    /** Checks loaded columns row by row against the events as written, decoding through the dictionaries. */
    public static void assertColumnsMatch(List<ParsedEvent> expected, EventColumns c) {
        assertEquals(expected.size(), c.size());
        for (int i = 0; i < expected.size(); i++) {
            ParsedEvent e = expected.get(i);
            assertEquals(e.timeMicros(), c.timeMicros()[i], "time of row " + i);
            assertEquals(e.eventName(), c.eventTypes()[c.eventType()[i]], "type of row " + i);
            if (e.personId() == null) {
                assertEquals(-1, c.user().get(i));
            } else {
                assertEquals(e.personId(), c.identities()[c.user().get(i)]);
                assertFalse(c.identityIsAnonymous()[c.user().get(i)]);
            }
            if (e.anonymousId() == null) {
                assertEquals(-1, c.anonymous().get(i));
            } else {
                assertEquals(e.anonymousId(), c.identities()[c.anonymous().get(i)]);
                assertTrue(c.identityIsAnonymous()[c.anonymous().get(i)]);
            }
        }
    }

    /** Naive reference of the dictionary rule: ids in first-seen order, person id before anonymous id. */
    public static List<String> firstSeenIdentities(List<ParsedEvent> events) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (ParsedEvent e : events) {
            if (e.personId() != null && seen.putIfAbsent("u:" + e.personId(), out.size()) == null) {
                out.add("u:" + e.personId());
            }
            if (e.anonymousId() != null && seen.putIfAbsent("a:" + e.anonymousId(), out.size()) == null) {
                out.add("a:" + e.anonymousId());
            }
        }
        return out;
    }

    /**
     * An import with more new ids than a chunk holds writes their full chunks while its events are written (so the
     * commit, which runs alone at the end, has at most one chunk of each left), inside its transaction: a rollback
     * leaves none, a commit reads back every id once in first-seen order, and a later import finds them.
     */
    @Test
    void fullIdentityChunksAreWrittenBeforeTheCommitAndInItsTransaction() throws Exception {
        int n = 2 * ProjectStore.CHUNK_ROWS + 321; // two new ids a row
        List<ParsedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new ParsedEvent(i + 2, "u" + i, "a" + i, 1_700_000_000_000_000L + i * 1000L,
                    i % 3 == 0 ? "open" : "buy", null));
        }
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            try (ImportWriter w = s.beginImport(new NewImport("a.csv", null, 1, "h", "{}"))) {
                for (ParsedEvent e : events) {
                    w.event(e.personId(), e.anonymousId(), e.timeMicros(), e.eventName(), e.propertiesJson());
                }
                // the first events' chunk was written when the second was full, and with it the four id chunks
                // full by then
                assertEquals(4, count(s, "identity_chunk"));
            } // closed without a commit: rolled back
            assertEquals(0, count(s, "identity_chunk"));
            assertEquals(0, s.events().count());
            write(s, "a.csv", events);
            assertEquals((2 * n + ProjectStore.CHUNK_ROWS - 1) / ProjectStore.CHUNK_ROWS, count(s, "identity_chunk"));
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertColumnsMatch(events, c);
            List<String> ids = assertIdentitiesInFirstSeenOrder(events, c);
            // the next writer finds every id of the committed import (the dictionary it takes them from is
            // brought up to date when it begins)
            List<ParsedEvent> again = new ArrayList<>(events.subList(n - 1000, n));
            again.add(new ParsedEvent(1, "u-new", null, 1_800_000_000_000_000L, "open", null));
            write(s, "b.csv", again);
            EventColumns both = s.events().loadColumns(TaskContext.NONE);
            assertEquals(ids.size() + 1, both.identities().length);
            assertEquals("u-new", both.identities()[ids.size()]);
        }
    }

    /** The columns' id dictionary holds the events' ids in the order first seen; returns them ("u:" / "a:" + id). */
    private static List<String> assertIdentitiesInFirstSeenOrder(List<ParsedEvent> events, EventColumns c) {
        List<String> ids = firstSeenIdentities(events);
        assertEquals(ids.size(), c.identities().length);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(ids.get(i), (c.identityIsAnonymous()[i] ? "a:" : "u:") + c.identities()[i]);
        }
        return ids;
    }

    private static int count(ProjectStore s, String table) throws Exception {
        try (Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void roundTripAcrossChunksAndReopen() {
        List<ParsedEvent> events = GeneratedEvents.generate(1, ProjectStore.CHUNK_ROWS * 2 + 777, "");
        Path file;
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            file = s.file();
            ImportResult r = write(s, "a.csv", events);
            assertEquals(events.size(), r.imported());
        }
        assertEquals("p.jexp.mv.db", file.getFileName().toString());
        try (ProjectStore s = ProjectStore.open(dir.resolve("p.jexp"))) {
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertColumnsMatch(events, c);
            assertIdentitiesInFirstSeenOrder(events, c);
            // properties: every row, in a scrambled order, including repeats
            int[] rows = new int[events.size() + 3];
            for (int i = 0; i < events.size(); i++) {
                rows[i] = (int) ((i * 7919L) % events.size());
            }
            rows[events.size()] = 0;
            rows[events.size() + 1] = events.size() - 1;
            rows[events.size() + 2] = 0;
            String[] props = s.events().loadProperties(rows);
            for (int k = 0; k < rows.length; k++) {
                assertEquals(events.get(rows[k]).propertiesJson(), props[k], "properties of row " + rows[k]);
            }
            assertEquals(java.util.Optional.ofNullable(events.get(5).propertiesJson()), s.events().properties(5));
        }
    }

    @Test
    void aLoadUnpacksOnOneThreadHoweverManyChunks() {
        // the columns are unpacked beside the reading on one other thread: not a thread per chunk (where the common
        // pool has one worker, CompletableFuture.runAsync starts one per task: 77 for 5 M events)
        List<ParsedEvent> events = GeneratedEvents.generate(3, ProjectStore.CHUNK_ROWS * 5 + 99, "");
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            write(s, "a.csv", events);
        }
        try (ProjectStore s = ProjectStore.open(dir.resolve("p.jexp"))) {
            s.events().count(); // the store's own start done
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            long started = threads.getTotalStartedThreadCount() - before;
            assertColumnsMatch(events, c);
            assertTrue(started <= 2, started + " threads started to load 6 chunks");
        }
    }

    @Test
    void everyRowKeepsItsEventNameWithManyNamesAndCopiesOfEachName() {
        // the writer remembers a name's type by the name's instance: 600 names (more than it remembers), each
        // arriving both as one shared instance and as fresh copies, in a second import that knows some of them
        java.util.Random r = new java.util.Random(600);
        String[] names = new String[600];
        for (int i = 0; i < names.length; i++) {
            names[i] = "type-" + Integer.toString(i * 7919, 36);
        }
        List<ParsedEvent> a = new ArrayList<>();
        List<ParsedEvent> b = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int k = r.nextInt(i < 10_000 ? 300 : names.length);
            String name = r.nextBoolean() ? names[k] : new String(names[k].toCharArray());
            (i < 10_000 ? a : b).add(new ParsedEvent(i, "u" + r.nextInt(50), null, 1_000_000L * i, name, null,
                    org.journeyexplorer.domain.IdentityValues.NONE));
        }
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            write(s, "a", a);
            write(s, "b", b);
            List<ParsedEvent> all = new ArrayList<>(a);
            all.addAll(b);
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertColumnsMatch(all, c);
            assertEquals(new java.util.HashSet<>(java.util.Arrays.asList(c.eventTypes())).size(),
                    c.eventTypes().length, "each name once in the dictionary");
        }
    }

    @Test
    void secondImportAppendsAndKeepsIdsStable() {
        List<ParsedEvent> a = GeneratedEvents.generate(2, 5000, "");
        List<ParsedEvent> b = GeneratedEvents.generate(3, 7000, ""); // overlapping ids and types
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            write(s, "a", a);
            EventColumns first = s.events().loadColumns(TaskContext.NONE);
            write(s, "b", b);
            EventColumns both = s.events().loadColumns(TaskContext.NONE);
            List<ParsedEvent> all = new ArrayList<>(a);
            all.addAll(b);
            assertColumnsMatch(all, both);
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.user().get(i), both.user().get(i));
                assertEquals(first.anonymous().get(i), both.anonymous().get(i));
                assertEquals(first.eventType()[i], both.eventType()[i]);
            }
            for (int i = 0; i < first.identities().length; i++) {
                assertEquals(first.identities()[i], both.identities()[i]);
            }
            assertEquals(firstSeenIdentities(all).size(), both.identities().length);
            assertEquals(2, s.imports().all().size());
        }
    }

    /**
     * Events given with the reader's id codes store what the same events without codes store: the same dictionary
     * numbers (ids known from an earlier import, new ones, one string both a person and an anonymous id under one
     * code, coded and uncoded rows of one id mixed, codes far apart) and the same summary.
     */
    @Test
    void eventsWithIdCodesStoreWhatEventsWithoutStore() {
        List<ParsedEvent> earlier = List.of(new ParsedEvent(1, "b", null, 1, "open", null),
                new ParsedEvent(2, null, "d", 2, "open", null));
        // person id, its code, anonymous id, its code (-1: none)
        Object[][] rows = {{"b", 0, null, -1}, {"x", 1, "x", 1}, {"x", -1, "d", 7000}, {null, -1, "x", 1},
                {"y", 7000, null, -1}, {"b", 0, "d", 7000}, {"x", 1, null, -1}, {"y", -1, "y", 2},
                {"d", 3, "b", 0}, {"y", 7000, "y", 2}};
        List<ParsedEvent> later = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            later.add(new ParsedEvent(i, (String) rows[i][0], (String) rows[i][2], 10 + i, "e" + (i % 3),
                    i % 2 == 0 ? null : "{\"k\":" + i + "}"));
        }
        // 0: without codes, 1: with codes row by row, 2: with codes as a batch's columns (ImportWriter.events)
        ImportResult[] results = new ImportResult[3];
        EventColumns[] stored = new EventColumns[3];
        for (int coded = 0; coded < 3; coded++) {
            try (ProjectStore s = ProjectStore.create(dir.resolve("p" + coded))) {
                write(s, "earlier", earlier);
                try (ImportWriter w = s.beginImport(new NewImport("later", null, 1, "sha-later", "{}"))) {
                    if (coded == 2) {
                        writeAsColumns(w, later, rows);
                    }
                    for (int i = 0; i < (coded == 2 ? 0 : rows.length); i++) {
                        ParsedEvent e = later.get(i);
                        byte[] json = e.propertiesJson() == null ? null
                                : ("  " + e.propertiesJson()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        int to = json == null ? 0 : json.length;
                        if (coded == 1) {
                            w.event(e.personId(), (int) rows[i][1], e.anonymousId(), (int) rows[i][3],
                                    e.timeMicros(), e.eventName(), json, 2, to);
                        } else {
                            w.event(e.personId(), e.anonymousId(), e.timeMicros(), e.eventName(), json, 2, to);
                        }
                    }
                    results[coded] = w.commit();
                }
                stored[coded] = s.events().loadColumns(TaskContext.NONE);
                List<ParsedEvent> all = new ArrayList<>(earlier);
                all.addAll(later);
                assertColumnsMatch(all, stored[coded]);
                String[] props = s.events().loadProperties(java.util.stream.IntStream.range(0, all.size()).toArray());
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(all.get(i).propertiesJson(), props[i], "properties of row " + i);
                }
            }
        }
        for (int coded = 1; coded < 3; coded++) {
            assertArrayEquals(stored[0].identities(), stored[coded].identities());
            assertArrayEquals(stored[0].identityIsAnonymous(), stored[coded].identityIsAnonymous());
            assertArrayEquals(stored[0].user().toArray(), stored[coded].user().toArray());
            assertArrayEquals(stored[0].anonymous().toArray(), stored[coded].anonymous().toArray());
            assertArrayEquals(stored[0].timeMicros(), stored[coded].timeMicros());
            assertArrayEquals(stored[0].eventType(), stored[coded].eventType());
            assertEquals(results[0].persons(), results[coded].persons());
            assertEquals(results[0].imported(), results[coded].imported());
        }
        // b, d (earlier); x, x anonymous, y, y anonymous, and d, b again as the other kind
        assertEquals(8, stored[1].identities().length);
    }

    /**
     * The events as a batch's columns (one array per column, the properties side by side behind a leading gap),
     * handed over in two calls of {@link ImportWriter#events}, the second from the middle.
     */
    private static void writeAsColumns(ImportWriter w, List<ParsedEvent> events, Object[][] rows) {
        int n = events.size();
        String[] person = new String[n];
        String[] anon = new String[n];
        int[] codes = new int[2 * n];
        long[] time = new long[n];
        String[] name = new String[n];
        int[] from = new int[n];
        int[] to = new int[n];
        StringBuilder json = new StringBuilder("  ");
        for (int i = 0; i < n; i++) {
            ParsedEvent e = events.get(i);
            person[i] = e.personId();
            anon[i] = e.anonymousId();
            codes[2 * i] = (int) rows[i][1];
            codes[2 * i + 1] = (int) rows[i][3];
            time[i] = e.timeMicros();
            name[i] = e.eventName();
            if (e.propertiesJson() == null) {
                from[i] = -1;
            } else {
                from[i] = json.length();
                json.append(e.propertiesJson());
                to[i] = json.length();
            }
        }
        byte[] bytes = json.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        w.events(person, anon, codes, time, name, bytes, from, to, 0, 4);
        w.events(person, anon, codes, time, name, bytes, from, to, 4, n);
    }

    @Test
    void summaryCountsMatchHandComputedValues() {
        long t0 = 1_700_000_000_000_000L;
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            ImportResult r;
            try (ImportWriter w = s.beginImport(new NewImport("f.csv", null, 10, "x", "{}"))) {
                w.event("alice", null, t0 + 5, "open", null);
                w.event(null, "dev1", t0 + 1, "view", null);    // dev1 later seen with alice: one person
                w.event("alice", "dev1", t0 + 9, "buy", null);
                w.event(null, "dev2", t0 + 3, "view", null);    // alone: a person of its own
                w.event("bob", "dev3", t0 + 7, "open", null);
                w.event("carol", "dev3", t0 + 2, "open", null); // dev3 shared by bob and carol
                w.reject(8, "unreadable time 'x'", "a,b,x");
                r = w.commit();
            }
            assertEquals(r.persons(), EventSummary.of(s.events().loadColumns(TaskContext.NONE), 0, 6).persons());
            assertEquals(7, r.read());
            assertEquals(6, r.imported());
            assertEquals(1, r.rejected());
            // alice (+dev1), dev2 alone, bob (+dev3), carol: dev3 was seen with bob first, but a shared
            // device never merges two users, so carol stays a person of her own
            assertEquals(4, r.persons());
            assertEquals(3, r.eventTypes());
            assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L, 1000), r.firstTime());
            assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L, 9000), r.lastTime());
            assertEquals("f.csv", r.fileName());
            ImportRecord rec = s.imports().all().get(0);
            assertEquals(7, rec.rowsRead());
            assertEquals(6, rec.rowsImported());
            assertEquals(1, rec.rowsRejected());
            assertNotNull(rec.ended());
            List<RejectedRow> rej = s.imports().rejectedRows(r.importId(), 10);
            assertEquals(List.of(new RejectedRow(r.importId(), 8, "unreadable time 'x'", "a,b,x")), rej);
        }
    }

    @Test
    void personsCountRowsWithoutIdsAsOnePerson() {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            ImportResult r;
            try (ImportWriter w = s.beginImport(new NewImport("f.csv", null, 10, "x", "{}"))) {
                w.event(null, null, 1, "a", null);
                w.event(null, null, 2, "a", null);
                w.event(null, "d", 3, "a", null);
                r = w.commit();
            }
            assertEquals(2, r.persons()); // "(no id)" and d
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertArrayEquals(new int[]{-1, -1, -1}, c.user().copyOfRange(0, 3));
            assertEquals(2, EventSummary.of(c, 0, 3).persons());
        }
    }

    @Test
    void derivedBlobsAreKeptUntilEventsChange() {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            s.derived().write("sessions/30m", new byte[]{1, 2, 3});
            s.derived().write("sessions/30m", new byte[]{4, 5});
            s.derived().write("model", new byte[100_000]);
            assertArrayEquals(new byte[]{4, 5}, s.derived().read("sessions/30m").orElseThrow());
            assertEquals(List.of("model", "sessions/30m"), s.derived().keys());
        }
        try (ProjectStore s = ProjectStore.open(dir.resolve("p"))) {
            assertArrayEquals(new byte[]{4, 5}, s.derived().read("sessions/30m").orElseThrow());
            write(s, "a", GeneratedEvents.generate(4, 10, ""));
            assertTrue(s.derived().read("sessions/30m").isEmpty(), "an import must drop derived data");
            s.derived().write("x", new byte[]{9});
            s.derived().clear();
            assertTrue(s.derived().keys().isEmpty());
        }
    }

    @Test
    void olderFileIsMigratedOnOpen() throws Exception {
        Path f = ProjectStore.projectFile(dir.resolve("old"));
        try (ProjectStore s = ProjectStore.connect(f, false, 1)) {
            assertEquals(1, s.schemaVersion());
            // what a version-1 build wrote: one import of three events
            try (Statement st = s.connection().createStatement()) {
                st.execute("INSERT INTO event_type_dict VALUES (0, 'open'), (1, 'close')");
                st.execute("INSERT INTO imports(id, file_name, file_size, sha256, mapping_json, rows_read,"
                        + " rows_imported, rows_rejected, started) VALUES (1, 'a.csv', 10, 'abc', '{}', 3, 3, 0,"
                        + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z')");
            }
            try (var ps = s.connection().prepareStatement("INSERT INTO identity_chunk VALUES (0, 1, 2, ?, ?)")) {
                ChunkCodec.StringColumn values = new ChunkCodec.StringColumn();
                values.add("ann");
                values.add("d-1");
                ps.setBytes(1, values.encode());
                ps.setBytes(2, ChunkCodec.deflate(new byte[]{0, 1}, 0, 2));
                ps.executeUpdate();
            }
            try (var ps = s.connection().prepareStatement("INSERT INTO event_chunk VALUES (1, 0, 3, ?, ?, ?, ?, ?)")) {
                ps.setBytes(1, ChunkCodec.encodeInts(new int[]{0, -1, 0}, 3));
                ps.setBytes(2, ChunkCodec.encodeInts(new int[]{1, 1, -1}, 3));
                ps.setBytes(3, ChunkCodec.encodeLongs(new long[]{10, 20, 30}, 3));
                ps.setBytes(4, ChunkCodec.encodeInts(new int[]{0, 1, 0}, 3));
                ChunkCodec.StringColumn props = new ChunkCodec.StringColumn();
                props.add("{\"a\":1}");
                props.add(null);
                props.add("");
                ps.setBytes(5, props.encode());
                ps.executeUpdate();
            }
            try (Statement st = s.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE TABLE_NAME = 'DERIVED'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "version 1 has no derived table");
            }
        }
        try (ProjectStore s = ProjectStore.open(f)) {
            assertEquals(Schema.LATEST, s.schemaVersion());
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(3, c.size());
            assertArrayEquals(new long[]{10, 20, 30}, c.timeMicros());
            assertArrayEquals(new int[]{0, -1, 0}, c.user().toArray());
            assertArrayEquals(new int[]{1, 1, -1}, c.anonymous().toArray());
            assertArrayEquals(new int[]{0, 1, 0}, c.eventType());
            assertArrayEquals(new String[]{"ann", "d-1"}, c.identities());
            assertArrayEquals(new boolean[]{false, true}, c.identityIsAnonymous());
            assertArrayEquals(new String[]{"open", "close"}, c.eventTypes());
            assertArrayEquals(new String[]{"{\"a\":1}", null, ""}, s.events().loadProperties(new int[]{0, 1, 2}));
            s.derived().write("k", new byte[]{1});
            assertArrayEquals(new byte[]{1}, s.derived().read("k").orElseThrow());
            write(s, "b", GeneratedEvents.generate(5, 100, ""));
            assertEquals(103, s.events().count());
        }
    }

    @Test
    void newerFileIsRefusedWithAClearMessage() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            try (Statement st = s.connection().createStatement()) {
                st.execute("UPDATE schema_version SET version = " + (Schema.LATEST + 1));
            }
        }
        UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(dir.resolve("p")));
        assertTrue(e.getMessage().contains("newer Journey Explorer"), e.getMessage());
    }

    @Test
    void openingTheSameProjectTwiceIsRefused() {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            UserFacingException e = assertThrows(UserFacingException.class,
                    () -> ProjectStore.open(dir.resolve("p.jexp.mv.db")));
            assertEquals("p is open in another Journey Explorer window. Close it there, or open a copy.",
                    e.getMessage());
        }
        // after closing it opens again
        ProjectStore.open(dir.resolve("p")).close();
    }

    @Test
    void fileLockedByAnotherProcessIsTranslated() throws Exception {
        Path f;
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            f = s.file();
        }
        // another process holding H2's lock looks, from here, like an OS lock on the file
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(f));
            assertEquals("p is open in another Journey Explorer window. Close it there, or open a copy.",
                    e.getMessage());
        }
        ProjectStore.open(f).close();
    }

    @Test
    void projectOpenInAnotherProcessIsRefused() throws Exception {
        Path f;
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            f = s.file();
        }
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine();
            assertEquals("open 0", line);
            UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(f));
            assertEquals("p is open in another Journey Explorer window. Close it there, or open a copy.",
                    e.getMessage());
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        ProjectStore.open(f).close();
    }

    @Test
    void notAProjectAndMissingFilesGiveClearMessages() throws Exception {
        Path junk = dir.resolve("junk.jexp.mv.db");
        Files.writeString(junk, "this is not a database ".repeat(500));
        UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(junk));
        assertTrue(e.getMessage().contains("not a Journey Explorer project"), e.getMessage());
        e = assertThrows(UserFacingException.class, () -> ProjectStore.open(dir.resolve("nothing")));
        assertTrue(e.getMessage().startsWith("There is no project"), e.getMessage());
        ProjectStore.create(dir.resolve("q")).close();
        e = assertThrows(UserFacingException.class, () -> ProjectStore.create(dir.resolve("q")));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void openingSomethingThatIsNotAProjectLeavesItsBytesAlone() throws Exception {
        // an empty file: H2 opened read-write would turn it into a database
        Path empty = Files.createFile(dir.resolve("empty.jexp.mv.db"));
        UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(empty));
        assertEquals("empty.jexp.mv.db is not a Journey Explorer project, or it is damaged. It was left unchanged.",
                e.getMessage());
        assertEquals(0, Files.size(empty));
        e = assertThrows(UserFacingException.class, () -> ProjectStore.openOrCreate(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("not a Journey Explorer project"), e.getMessage());
        assertEquals(0, Files.size(empty));

        // another application's H2 database, named like a project
        Path foreign = dir.resolve("foreign.jexp.mv.db");
        String base = foreign.toString().substring(0, foreign.toString().length() - ".mv.db".length());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + base);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR)");
            st.execute("INSERT INTO customers VALUES (1, 'Ann')");
        }
        byte[] before = Files.readAllBytes(foreign);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(foreign);
        e = assertThrows(UserFacingException.class, () -> ProjectStore.open(foreign));
        assertTrue(e.getMessage().contains("not a Journey Explorer project"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(foreign), "the foreign database was written to");
        assertEquals(modified, Files.getLastModifiedTime(foreign));
        // and nothing was left next to it
        try (var files = Files.list(dir)) {
            assertEquals(List.of("empty.jexp.mv.db", "foreign.jexp.mv.db"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aDanglingLinkAsTheProjectIsExplained() throws Exception {
        Path link = dir.resolve("gone.jexp.mv.db");
        try {
            Files.createSymbolicLink(link, dir.resolve("moved-away.jexp.mv.db"));
        } catch (UnsupportedOperationException | java.io.IOException notHere) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no symbolic links on this file system");
        }
        for (java.util.function.Supplier<ProjectStore> opening : List.<java.util.function.Supplier<ProjectStore>>of(
                () -> ProjectStore.open(link), () -> ProjectStore.openOrCreate(dir.resolve("gone")),
                () -> ProjectStore.create(dir.resolve("gone")))) {
            UserFacingException e = assertThrows(UserFacingException.class, opening::get);
            assertTrue(e.getMessage().contains("is a link to " + dir.resolve("moved-away.jexp.mv.db")
                    + ", which does not exist"), e.getMessage());
            assertFalse(e.getMessage().contains("90028") || e.getMessage().contains("IO Exception"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("moved-away.jexp.mv.db")), "the link's target must not be created");
    }

    @Test
    void readOnlyProjectIsRefusedUpFront() throws Exception {
        Path f;
        try (ProjectStore s = ProjectStore.create(dir.resolve("ro"))) {
            f = s.file();
        }
        assertTrue(f.toFile().setWritable(false));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(f), "running as a user who can write anyway");
            UserFacingException e = assertThrows(UserFacingException.class, () -> ProjectStore.open(f));
            assertTrue(e.getMessage().startsWith("ro is read-only."), e.getMessage());
        } finally {
            f.toFile().setWritable(true);
        }
    }

    @Test
    void projectFileNaming() {
        Path d = dir.toAbsolutePath();
        assertEquals(d.resolve("x.jexp.mv.db"), ProjectStore.projectFile(d.resolve("x")));
        assertEquals(d.resolve("x.jexp.mv.db"), ProjectStore.projectFile(d.resolve("x.jexp")));
        assertEquals(d.resolve("x.jexp.mv.db"), ProjectStore.projectFile(d.resolve("x.jexp.mv.db")));
        assertEquals("x", ProjectStore.displayName(d.resolve("x.jexp.mv.db")));
    }
}
