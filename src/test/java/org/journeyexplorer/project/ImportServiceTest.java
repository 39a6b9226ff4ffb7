package org.journeyexplorer.project;

import org.journeyexplorer.store.ProjectStoreTest;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.RejectedRow;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.GeneratedEvents;
import org.journeyexplorer.store.StoreTestAccess;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.FileFormat;
import org.journeyexplorer.ingest.ImportPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Import orchestration with a scripted reader, so rollback can be forced at any row. */
class ImportServiceTest {
    @TempDir
    Path dir;

    private ImportPlan plan(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return new ImportPlan(f, false, FileFormat.DELIMITED, ',', List.of("id", "t", "e"),
                new ColumnMapping("id", null, "t", null, "e"), ZoneOffset.UTC, "test");
    }

    /** A reader that replays events, rejecting every 97th row, checking cancellation like Ingest does. */
    private static ImportService.Reader replay(List<ParsedEvent> events, long failAt) {
        return (plan, sink, ctx) -> {
            for (int i = 0; i < events.size(); i++) {
                if (i == failAt) {
                    throw new IOException("disk went away");
                }
                if (i % 1000 == 0) {
                    ctx.checkCancelled();
                }
                ParsedEvent e = events.get(i);
                if (i % 97 == 0) {
                    sink.reject(e.line(), "bad row " + i, "raw," + i);
                } else {
                    sink.event(e);
                }
            }
        };
    }

    /** Cancels once {@code after} checks have happened. */
    static TaskContext cancelAfter(long after) {
        AtomicLong checks = new AtomicLong();
        return TaskContext.NONE.cancelledWhen(() -> checks.incrementAndGet() > after);
    }

    /** Every row of every table, blobs as hashes, sorted: equal dumps mean equal content. */
    static List<String> dump(ProjectStore s) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement st = StoreTestAccess.connection(s).createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String t : tables) {
            try (Statement st = StoreTestAccess.connection(s).createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
                ResultSetMetaData md2 = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder(t);
                    for (int c = 1; c <= md2.getColumnCount(); c++) {
                        Object v = rs.getObject(c);
                        if (md2.getColumnTypeName(c).contains("LOB") || md2.getColumnTypeName(c).contains("BINARY")) {
                            byte[] bytes = rs.getBytes(c);
                            v = bytes == null ? null : HexFormat.of().formatHex(md.digest(bytes));
                        }
                        b.append('|').append(v);
                    }
                    out.add(b.toString());
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void cancelAtRandomPointsLeavesProjectUnchanged() throws Exception {
        Random r = new Random(42);
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(s, replay(GeneratedEvents.generate(10, 3000, "x"), -1))
                    .importFile(plan("first.csv", "first"), false, TaskContext.NONE);
            s.derived().write("sessions", new byte[]{7, 7, 7});
            List<String> before = dump(s);
            EventColumns colsBefore = s.events().loadColumns(TaskContext.NONE);
            // new ids and types appear during the import and must vanish with it
            List<ParsedEvent> second = GeneratedEvents.generate(11, ProjectStore.CHUNK_ROWS + 20_000, "y");
            ImportPlan p = plan("second.csv", "second");
            // 0: before the first row; 90: after the first chunk went to the database; plus random points
            for (long after : new long[]{0, 1, 30, 90, r.nextInt(100), r.nextInt(100)}) {
                ImportService svc = new ImportService(s, replay(second, -1));
                assertThrows(CancelledException.class, () -> svc.importFile(p, false, cancelAfter(after)));
                assertEquals(before, dump(s), "cancel after " + after + " checks");
            }
            ImportService failing = new ImportService(s, replay(second, ProjectStore.CHUNK_ROWS + 5));
            IOException e = assertThrows(IOException.class, () -> failing.importFile(p, false, TaskContext.NONE));
            assertEquals("disk went away", e.getMessage());
            assertEquals(before, dump(s));
            ImportService throwing = new ImportService(s, (pl, sink, ctx) -> {
                sink.event(second.get(0));
                throw new IllegalStateException("bug in a reader");
            });
            assertThrows(IllegalStateException.class, () -> throwing.importFile(p, false, TaskContext.NONE));
            assertEquals(before, dump(s));
            EventColumns colsAfter = s.events().loadColumns(TaskContext.NONE);
            assertArrayEquals(colsBefore.timeMicros(), colsAfter.timeMicros());
            assertArrayEquals(colsBefore.identities(), colsAfter.identities());

            // the store still works afterwards and ids continue without gaps
            ImportResult ok = new ImportService(s, replay(second, -1)).importFile(p, false, TaskContext.NONE);
            assertEquals(2, ok.importId());
            EventColumns all = s.events().loadColumns(TaskContext.NONE);
            List<ParsedEvent> expected = new ArrayList<>();
            List<ParsedEvent> first = GeneratedEvents.generate(10, 3000, "x");
            for (int i = 0; i < first.size(); i++) {
                if (i % 97 != 0) {
                    expected.add(first.get(i));
                }
            }
            for (int i = 0; i < second.size(); i++) {
                if (i % 97 != 0) {
                    expected.add(second.get(i));
                }
            }
            ProjectStoreTest.assertColumnsMatch(expected, all);
            assertTrue(s.derived().read("sessions").isEmpty());
        }
    }

    @Test
    void personsAgreeWithIdentityStitching() throws Exception {
        // generated events share anonymous ids between users, the case where counting rules differ
        for (long seed = 30; seed < 35; seed++) {
            try (ProjectStore s = ProjectStore.create(dir.resolve("p" + seed))) {
                ImportResult r = new ImportService(s, replay(GeneratedEvents.generate(seed, 4000, ""), -1))
                        .importFile(plan("f" + seed + ".csv", "f" + seed), false, TaskContext.NONE);
                int stitched = org.journeyexplorer.identity.IdentityResolver
                        .resolve(s.events().loadColumns(TaskContext.NONE), true, TaskContext.NONE).personCount();
                assertEquals(stitched, r.persons(), "seed " + seed);
            }
        }
    }

    @Test
    void removingAnImportLeavesTheOthersIntact() throws Exception {
        List<ParsedEvent> a = GeneratedEvents.generate(40, 3000, "a");
        List<ParsedEvent> b = GeneratedEvents.generate(41, ProjectStore.CHUNK_ROWS + 100, "b");
        List<ParsedEvent> c = GeneratedEvents.generate(42, 2000, "a"); // shares ids with a
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(s, replay(a, -1)).importFile(plan("a.csv", "a"), false, TaskContext.NONE);
            ImportPlan pb = plan("b.csv", "b");
            ImportResult rb = new ImportService(s, replay(b, -1)).importFile(pb, false, TaskContext.NONE);
            new ImportService(s, replay(c, -1)).importFile(plan("c.csv", "c"), false, TaskContext.NONE);
            s.derived().write("sessions", new byte[]{1});
            EventColumns before = s.events().loadColumns(TaskContext.NONE);

            assertEquals(rb.imported(), s.imports().remove(rb.importId(), TaskContext.NONE));

            List<ParsedEvent> expected = new ArrayList<>();
            for (List<ParsedEvent> part : List.of(a, c)) {
                for (int i = 0; i < part.size(); i++) {
                    if (i % 97 != 0) {
                        expected.add(part.get(i));
                    }
                }
            }
            EventColumns after = s.events().loadColumns(TaskContext.NONE);
            ProjectStoreTest.assertColumnsMatch(expected, after);
            assertArrayEquals(before.identities(), after.identities(), "ids never change");
            assertTrue(s.imports().rejectedRows(rb.importId(), 10).isEmpty());
            assertTrue(s.derived().read("sessions").isEmpty());
            assertNotNull(s.imports().all().get(1).removed());
            assertNull(s.imports().all().get(0).removed());
            List<AuditEntry> audit = s.auditLog().entries();
            assertEquals("remove-import", audit.get(audit.size() - 1).action());
            assertEquals(rb.imported(), audit.get(audit.size() - 1).count());
            // properties follow their rows after the removal
            String[] props = s.events().loadProperties(new int[]{expected.size() - 1});
            assertEquals(expected.get(expected.size() - 1).propertiesJson(), props[0]);
            // the removed file may be imported again without --force
            new ImportService(s, replay(b, -1)).importFile(pb, false, TaskContext.NONE);
            assertEquals(expected.size() + rb.imported(), s.events().count());
            assertThrows(org.journeyexplorer.core.UserFacingException.class, () -> s.imports().remove(99, TaskContext.NONE));
        }
    }

    @Test
    void duplicateFileIsRefusedUnlessForced() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            List<ParsedEvent> ev = GeneratedEvents.generate(12, 500, "");
            ImportService svc = new ImportService(s, replay(ev, -1));
            ImportResult r = svc.importFile(plan("a.csv", "same bytes"), false, TaskContext.NONE);
            // same content under another name is still the same file
            ImportPlan copy = plan("copy-of-a.csv", "same bytes");
            List<String> before = dump(s);
            DuplicateImportException e = assertThrows(DuplicateImportException.class,
                    () -> svc.importFile(copy, false, TaskContext.NONE));
            assertEquals(r.importId(), e.previous().id());
            assertTrue(e.getMessage().startsWith("copy-of-a.csv was already imported"), e.getMessage());
            assertEquals(before, dump(s));
            assertTrue(svc.findDuplicate(copy.file(), TaskContext.NONE).isPresent());
            assertTrue(svc.findDuplicate(plan("b.csv", "other bytes").file(), TaskContext.NONE).isEmpty());
            svc.importFile(copy, true, TaskContext.NONE);
            assertEquals(2, s.imports().all().size());
            assertEquals(2L * r.imported(), s.events().count());
        }
    }

    @Test
    void sameSizeOtherContentIsNoDuplicateAndEveryImportKeepsItsHash() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            List<ParsedEvent> ev = GeneratedEvents.generate(14, 200, "");
            ImportService svc = new ImportService(s, replay(ev, -1));
            // the first import of a size is hashed while it is read, the second one of that size before it
            svc.importFile(plan("a.csv", "same bytes"), false, TaskContext.NONE);
            assertTrue(svc.findDuplicate(plan("b.csv", "some bytes").file(), TaskContext.NONE).isEmpty());
            svc.importFile(plan("b.csv", "some bytes"), false, TaskContext.NONE);
            svc.importFile(plan("c.csv", "same bytes"), true, TaskContext.NONE);
            List<String> hashes = s.imports().all().stream().map(ImportRecord::contentHash).toList();
            assertEquals(List.of(crcs("same bytes"), crcs("some bytes"), crcs("same bytes")), hashes);
            assertEquals(1, s.imports().findByHash(crcs("same bytes")).get().id());
            assertThrows(DuplicateImportException.class,
                    () -> svc.importFile(plan("d.csv", "some bytes"), false, TaskContext.NONE));
        }
    }

    /**
     * Imports recorded by earlier builds keep their SHA-256: a file of the same size is also hashed that way, so a
     * copy of such an import is still refused (naming the earliest import of those bytes, with either hash), and
     * another content of that size still is not.
     */
    @Test
    void importsThatRecordedASha256StillRefuseTheirCopies() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            List<ParsedEvent> ev = GeneratedEvents.generate(15, 200, "");
            ImportService svc = new ImportService(s, replay(ev, -1));
            svc.importFile(plan("a.csv", "same bytes"), false, TaskContext.NONE);
            svc.importFile(plan("b.csv", "more bytes, another size"), false, TaskContext.NONE);
            // what a build before the content hash recorded for them
            try (Statement st = StoreTestAccess.connection(s).createStatement()) {
                st.execute("UPDATE imports SET sha256 = '" + sha("same bytes") + "' WHERE id = 1");
                st.execute("UPDATE imports SET sha256 = '" + sha("more bytes, another size") + "' WHERE id = 2");
            }
            assertEquals(1, svc.findDuplicate(plan("c.csv", "same bytes").file(), TaskContext.NONE).get().id());
            assertTrue(svc.findDuplicate(plan("d.csv", "some bytes").file(), TaskContext.NONE).isEmpty());
            DuplicateImportException e = assertThrows(DuplicateImportException.class,
                    () -> svc.importFile(plan("e.csv", "more bytes, another size"), false, TaskContext.NONE));
            assertEquals(2, e.previous().id());
            // forced again, the copy records the content hash; the old import is still the one named
            svc.importFile(plan("f.csv", "same bytes"), true, TaskContext.NONE);
            assertEquals(crcs("same bytes"), s.imports().all().get(2).contentHash());
            e = assertThrows(DuplicateImportException.class,
                    () -> svc.importFile(plan("g.csv", "same bytes"), false, TaskContext.NONE));
            assertEquals(1, e.previous().id());
            svc.importFile(plan("h.csv", "some bytes"), false, TaskContext.NONE);
            assertEquals(4, s.imports().all().size());
        }
    }

    /** The content hash by a naive reference: the CRC-32C, then the CRC-32 of the bytes, 8 hex digits each. */
    @Test
    void theContentHashIsBothCrcsOfTheFilesBytes() throws Exception {
        Random r = new Random(3);
        for (int len : new int[]{0, 1, 63, 64, 65_535, 65_536, 65_537, 200_001}) {
            byte[] bytes = new byte[len];
            r.nextBytes(bytes);
            Path f = dir.resolve("h" + len);
            Files.write(f, bytes);
            assertEquals(crcs(bytes), ImportService.contentHash(f, TaskContext.NONE));
        }
        assertEquals("crc:e3069283cbf43926", crcs("123456789".getBytes())); // the two CRCs' check values
    }

    private static String sha(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
    }

    private static String crcs(String content) {
        return crcs(content.getBytes());
    }

    /** Bit by bit, from the polynomials (reflected: 0x82F63B78 for CRC-32C, 0xEDB88320 for CRC-32). */
    private static String crcs(byte[] bytes) {
        return String.format("crc:%08x%08x", crc(bytes, 0x82F63B78), crc(bytes, 0xEDB88320));
    }

    private static int crc(byte[] bytes, int poly) {
        int c = ~0;
        for (byte b : bytes) {
            c ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            }
        }
        return ~c;
    }

    @Test
    void importRecordsFileFactsAndRejects() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            List<ParsedEvent> ev = GeneratedEvents.generate(13, 300, "");
            ImportPlan p = plan("facts.csv", "some content\n");
            ImportResult r = new ImportService(s, replay(ev, -1)).importFile(p, false, TaskContext.NONE);
            assertEquals(300, r.read());
            assertEquals(4, r.rejected()); // rows 0, 97, 194, 291
            assertEquals(296, r.imported());
            ImportRecord rec = s.imports().all().get(0);
            assertEquals("facts.csv", rec.fileName());
            List<AuditEntry> audit = s.auditLog().entries();
            assertEquals(1, audit.size());
            assertEquals("import", audit.get(0).action());
            assertEquals(System.getProperty("user.name"), audit.get(0).osUser());
            assertEquals(296, audit.get(0).count());
            assertTrue(audit.get(0).details().startsWith("facts.csv"), audit.get(0).details());
            assertFalse(audit.get(0).time().isBefore(rec.started()));
            assertEquals(13, rec.fileSize());
            assertEquals(crcs("some content\n"), rec.contentHash());
            assertTrue(rec.mappingJson().contains("\"person\":\"id\""), rec.mappingJson());
            assertEquals(ProjectStore.appVersion(), rec.appVersion());
            List<RejectedRow> rej = s.imports().rejectedRows(rec.id(), 100);
            assertEquals(4, rej.size());
            assertEquals(new RejectedRow(rec.id(), ev.get(97).line(), "bad row 97", "raw,97"), rej.get(1));
        }
    }
}
