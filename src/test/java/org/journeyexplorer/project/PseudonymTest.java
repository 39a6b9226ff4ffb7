package org.journeyexplorer.project;

import org.journeyexplorer.store.ProjectStoreTest;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.RejectedRow;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.GeneratedEvents;
import org.journeyexplorer.store.StoreTestAccess;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.FileFormat;
import org.journeyexplorer.ingest.ImportPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PseudonymTest {
    @TempDir
    Path dir;

    private ImportPlan plan(String name) throws Exception {
        Path f = Files.writeString(dir.resolve(name), name);
        return new ImportPlan(f, false, FileFormat.DELIMITED, ',', List.of("id", "t", "e"),
                new ColumnMapping("id", null, "t", null, "e"), ZoneOffset.UTC, "test");
    }

    private static ImportService.Reader replay(List<ParsedEvent> events) {
        return (plan, sink, ctx) -> {
            for (ParsedEvent e : events) {
                ctx.checkCancelled();
                sink.event(e);
            }
            sink.reject(99_999, "unreadable time 'soon'", "secret-person-id,soon,x");
        };
    }

    private static String key(ProjectStore s) throws Exception {
        try (Statement st = StoreTestAccess.connection(s).createStatement();
             ResultSet rs = st.executeQuery("SELECT val FROM project_setting WHERE name = 'pseudonym_key'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Reference: HMAC-SHA256 by the JDK directly, first 10 bytes in hex. */
    private static String hmac(String keyHex, String id) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(keyHex), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))).substring(0, 20);
    }

    private static boolean fileContains(Path f, String text) throws Exception {
        return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
    }

    @Test
    void idsAreReplacedByKeyedPseudonymsThatJoinAcrossImports() throws Exception {
        List<ParsedEvent> a = GeneratedEvents.generate(20, 2000, "id-");
        List<ParsedEvent> b = GeneratedEvents.generate(21, 1500, "id-"); // shares ids with a
        ImportOptions pseudo = ImportOptions.DEFAULT.withPseudonymise(true);
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            ImportResult ra = new ImportService(s, replay(a)).importFile(plan("a.csv"), pseudo, TaskContext.NONE);
            new ImportService(s, replay(b)).importFile(plan("b.csv"), pseudo, TaskContext.NONE);
            String key = key(s);
            assertEquals(64, key.length());
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            List<ParsedEvent> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            for (int i = 0; i < all.size(); i++) {
                ParsedEvent e = all.get(i);
                if (e.personId() != null) {
                    assertEquals(hmac(key, e.personId()), c.identities()[c.user().get(i)]);
                }
                if (e.anonymousId() != null) {
                    assertEquals(hmac(key, e.anonymousId()), c.identities()[c.anonymous().get(i)]);
                }
                assertEquals(e.eventName(), c.eventTypes()[c.eventType()[i]]);
            }
            for (String id : c.identities()) {
                assertFalse(id.startsWith("id-"), id);
            }
            // the same structure as without pseudonyms
            try (ProjectStore plain = ProjectStore.create(dir.resolve("plain"))) {
                ImportResult rp = new ImportService(plain, replay(a)).importFile(plan("a2.csv"), false,
                        TaskContext.NONE);
                assertEquals(rp.persons(), ra.persons());
            }
            // no two ids fell onto one pseudonym
            assertEquals(ProjectStoreTest.firstSeenIdentities(all).size(), c.identities().length);
            // a rejected row would show the raw id: its text is withheld
            RejectedRow rej = s.imports().rejectedRows(ra.importId(), 10).get(0);
            assertNull(rej.rawText());
            assertTrue(s.imports().all().get(0).mappingJson().contains("\"pseudonymised\":true"));
        }
    }

    @Test
    void droppingTheKeyErasesItFromTheFileAndRefusesFurtherPseudonymisedImports() throws Exception {
        List<ParsedEvent> a = GeneratedEvents.generate(22, 500, "");
        ImportOptions pseudo = ImportOptions.DEFAULT.withPseudonymise(true);
        String key;
        Path f;
        EventColumns before;
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(s, replay(a)).importFile(plan("a.csv"), pseudo, TaskContext.NONE);
            key = key(s);
            f = s.file();
            before = s.events().loadColumns(TaskContext.NONE);
            assertTrue(s.settings().hasPseudonymKey());
        }
        assertTrue(fileContains(f, key), "the check below must be able to fail");
        try (ProjectStore s = ProjectStore.open(f)) {
            s.settings().dropPseudonymKey();
            assertFalse(s.settings().hasPseudonymKey());
            assertNull(key(s));
            UserFacingException e = assertThrows(UserFacingException.class, () -> new ImportService(s, replay(a))
                    .importFile(plan("b.csv"), pseudo, TaskContext.NONE));
            assertTrue(e.getMessage().contains("pseudonym key of p was deleted"), e.getMessage());
            assertEquals(1, s.imports().all().size());
            List<AuditEntry> audit = s.auditLog().entries();
            assertEquals("drop-pseudonym-key", audit.get(audit.size() - 1).action());
        }
        assertFalse(fileContains(f, key), "the key must not survive in old pages of the file");
        try (ProjectStore s = ProjectStore.open(f)) {
            EventColumns after = s.events().loadColumns(TaskContext.NONE);
            assertArrayEquals(before.identities(), after.identities());
            assertArrayEquals(before.timeMicros(), after.timeMicros());
            // plain imports still work
            new ImportService(s, replay(a)).importFile(plan("c.csv"), false, TaskContext.NONE);
            assertEquals(1000, s.events().count());
        }
    }

    @Test
    void cancelledFirstPseudonymisedImportLeavesNoKey() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            TaskContext cancelled = TaskContext.NONE.cancelledWhen(() -> true);
            ImportService svc = new ImportService(s, (p, sink, ctx) -> {
                sink.event(new ParsedEvent(2, "x", null, 1, "e", null));
                ctx.checkCancelled();
            });
            assertThrows(CancelledException.class,
                    () -> svc.importFile(plan("a.csv"), ImportOptions.DEFAULT.withPseudonymise(true), cancelled));
            assertFalse(s.settings().hasPseudonymKey());
        }
    }

    @Test
    void propertiesCanBeLeftOut() throws Exception {
        List<ParsedEvent> a = GeneratedEvents.generate(23, 300, "");
        assertTrue(a.stream().anyMatch(e -> e.propertiesJson() != null));
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(s, replay(a)).importFile(plan("a.csv"),
                    ImportOptions.DEFAULT.withKeepProperties(false), TaskContext.NONE);
            int[] rows = new int[300];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            for (String p : s.events().loadProperties(rows)) {
                assertNull(p);
            }
            assertNull(s.imports().rejectedRows(1, 1).get(0).rawText());
        }
    }
}
