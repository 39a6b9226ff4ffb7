package org.journeyexplorer.identity;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.privacy.PersonEraser;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mail, phone and device columns through the whole path: detected, normalised, stored as keyed hashes only,
 * joined by the identity graph, and forgotten with the person. The file (contacts.csv) holds: Ann with two accounts
 * (u1, u7) under one e-mail written two ways, her phone on u1 and on an app (app-2) that signs in by phone only;
 * Bob (u9) and Cy (u10) sharing a household phone; a guest on two browsers with one e-mail; an unreadable e-mail.
 */
class ContactKeysImportTest {
    private static final KeyNormaliser.Options US = new KeyNormaliser.Options(true, "US");

    static Path contacts() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "identity", "contacts.csv");
    }

    static ProjectStore imported(Path dir, ImportOptions options) throws Exception {
        ProjectStore store = ProjectStore.create(dir.resolve("contacts"));
        ImportPlan plan = Ingest.inspect(contacts(), ZoneOffset.UTC);
        new ImportService(store).importFile(plan, options, TaskContext.NONE);
        return store;
    }

    @Test
    void identityColumnsAreDetected() throws Exception {
        ImportPlan plan = Ingest.inspect(contacts(), ZoneOffset.UTC);
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event", "email", "phone", null,
                "user_agent", "ip"), plan.mapping());
    }

    @Test
    void keysJoinAccountsAndDevicesAndTheRawValuesAreNeverStored(@TempDir Path dir) throws Exception {
        Path file;
        try (ProjectStore store = imported(dir, ImportOptions.DEFAULT.withKeys(US))) {
            file = store.file();
            EventColumns c = store.events().loadColumns(TaskContext.NONE);
            KeyColumns k = c.keys();
            assertTrue(k.hasContactKeys() && k.hasSignals());
            // 3 e-mails (ann, bo, cy, guest: 4), 2 phones; the unreadable e-mail and "12" give no key
            long emails = countKind(k, KeyColumns.EMAIL);
            long phones = countKind(k, KeyColumns.PHONE);
            assertEquals(4, emails);
            assertEquals(2, phones);
            assertEquals(-1, k.email().get(11));
            assertEquals(-1, k.phone().get(11));
            assertEquals(k.email().get(0), k.email().get(3), "Ann.Lee+shop@Example.ORG and ' ann.lee@example.org '");
            assertEquals(k.phone().get(2), k.phone().get(5), "+1 415 555 0134 and (415) 555-0134 in region US");
            assertEquals(k.phone().get(7), k.phone().get(8), "+44 20 7946 0018 and +442079460018");
            assertTrue(k.values()[k.email().get(0)].matches("[0-9a-f]{20}"), "stored as a keyed hash");
            assertEquals(k.network().get(0), k.network().get(9), "203.0.113.7 and 203.0.113.99 share a /24");

            IdentityResolution r = IdentityResolver.resolve(c, IdentitySettings.DEFAULT, TaskContext.NONE);
            assertArrayEquals(new String[]{"g-1", "u1", "u10", "u9", "x-1"}, r.personNames());
            String[] expected = {"u1", "u1", "u1", "u1", "u1", "u1", "u1", "u9", "u10", "g-1", "g-1", "x-1"};
            for (int row = 0; row < expected.length; row++) {
                assertEquals(expected[row], r.personNames()[r.personOfRow()[row]], "row " + row);
            }
            IdentityReport rep = r.report();
            assertEquals(new IdentityReport.JoinCounts(4, 2, 1, 0), rep.joined()); // web-1, app-1, web-9, web-10; u7, g-2; app-2
            assertEquals(1, rep.accountMergeCount());
            assertEquals(1, rep.keyConflictCount());
            assertEquals("u10", rep.keyConflicts().get(0).id());
            assertEquals("u9", rep.keyConflicts().get(0).keyPerson());
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase();
        for (String raw : List.of("example.org", "example.net", "example.com", "firefox", "shopapp", "203.0.113",
                "2001:db8", "7946")) {
            assertFalse(bytes.contains(raw), raw + " is in the project file");
        }
    }

    @Test
    void forgettingAnEmailAddressForgetsAllIdsAndKeysOfItsPerson(@TempDir Path dir) throws Exception {
        try (ProjectStore store = imported(dir, ImportOptions.DEFAULT.withKeys(US))) {
            Person p = PersonEraser.preview(store, "ANN.LEE@example.org", TaskContext.NONE);
            assertEquals(List.of("u1"), p.names());
            assertEquals(Set.of("u1", "u7", "web-1", "app-1", "app-2"), Set.copyOf(p.ids()));
            assertEquals(7, p.eventCount());
            // e-mail and phone; three device signals; the apps' network; not 203.0.113.0/24, the guest's too
            assertEquals(6, p.keyValues().size());
            // the same person from the phone number, from an app's anonymous id, and from the merged account
            assertEquals(p.ids().size(), PersonEraser.preview(store, "+1 (415) 555-0134", TaskContext.NONE).ids().size());
            assertEquals(List.of("u1"), PersonEraser.preview(store, "app-2", TaskContext.NONE).names());
            assertEquals(List.of("u1"), PersonEraser.preview(store, "u7", TaskContext.NONE).names());

            DeletionReport report = PersonEraser.forget(store, "app-2", TaskContext.NONE);
            assertTrue(report.verification().clean(), String.valueOf(report.verification().findings()));
            assertEquals(6L, report.perTable().get("key_chunk: e-mail, phone and device keys erased"));
            EventColumns after = store.events().loadColumns(TaskContext.NONE);
            assertEquals(5, after.size());
            IdentityResolution r = IdentityResolver.resolve(after, IdentitySettings.DEFAULT, TaskContext.NONE);
            assertArrayEquals(new String[]{"g-1", "u10", "u9", "x-1"}, r.personNames());
            for (String v : p.keyValues()) {
                assertFalse(List.of(after.keys().values()).contains(v));
            }
        }
    }

    @Test
    void plusTagsCanBeKeptApart(@TempDir Path dir) throws Exception {
        try (ProjectStore store = imported(dir, ImportOptions.DEFAULT.withKeys(new KeyNormaliser.Options(false, "US")))) {
            EventColumns c = store.events().loadColumns(TaskContext.NONE);
            assertTrue(c.keys().email().get(0) != c.keys().email().get(3));
            IdentityResolution r = IdentityResolver.resolve(c, IdentitySettings.DEFAULT, TaskContext.NONE);
            assertEquals("u7", r.personNames()[r.personOfRow()[3]]);
        }
    }

    private static long countKind(KeyColumns k, byte kind) {
        long n = 0;
        for (byte b : k.kinds()) {
            n += b == kind ? 1 : 0;
        }
        return n;
    }
}
