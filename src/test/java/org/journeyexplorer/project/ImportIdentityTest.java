package org.journeyexplorer.project;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports with identity columns through the session (the path of the app and the CLI): the summary's persons are
 * the identity graph's, and the consent filter drops a non-consenting row together with its contact keys, so they
 * link nothing.
 */
class ImportIdentityTest {
    private static final KeyNormaliser.Options GB = new KeyNormaliser.Options(true, "GB");

    @TempDir
    Path dir;

    private static Path contacts() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "identity", "contacts.csv");
    }

    @Test
    void theImportSummaryCountsPersonsAsTheIdentityGraphJoinsThem() throws Exception {
        ImportPlan plan = Ingest.inspect(contacts(), ZoneOffset.UTC);
        KeyNormaliser.Options us = new KeyNormaliser.Options(true, "US");
        // the writer alone knows sign-ins: u1, u7, u9, u10 and the never signed-in app-2, g-1, g-2, x-1
        try (ProjectStore store = ProjectStore.create(dir.resolve("plain"))) {
            ImportResult plain = new ImportService(store).importFile(plan, ImportOptions.DEFAULT.withKeys(us),
                    TaskContext.NONE);
            assertEquals(8, plain.persons());
        }
        // the graph joins u7 and app-2 to u1 (e-mail, phone) and g-2 to g-1 (e-mail): 5, as sessions reports
        try (ProjectSession s = ProjectSession.create(dir.resolve("graph"))) {
            ImportResult r = s.importFile(plan, ImportOptions.DEFAULT.withKeys(us), TaskContext.NONE);
            assertEquals(12, r.imported());
            assertEquals(5, r.persons());
            assertEquals(5, s.frame(s.rule(org.journeyexplorer.session.SessionRule.defaults()), TaskContext.NONE)
                    .identity().persons());
        }
    }

    @Test
    void aNonConsentingRowsContactKeysAreDroppedWithItAndLinkNothing() throws Exception {
        Path file = dir.resolve("consent.csv");
        Files.writeString(file, """
                timestamp,user_id,anonymous_id,event,email,phone,consent
                2025-03-01T10:00:00Z,u1,w1,login,ann@x.org,,yes
                2025-03-01T11:00:00Z,,a2,view_item,Ann@X.org,,no
                2025-03-02T10:00:00Z,u2,w2,login,bo@x.org,+44 20 7946 0018,no
                2025-03-02T11:00:00Z,u3,w3,login,cy@x.org,+44 20 7946 0018,yes
                2025-03-03T10:00:00Z,u4,w4,login,bo@x.org,,yes
                2025-03-04T10:00:00Z,,a5,view_item,,020 7946 0018,no
                """);
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        assertEquals("email", plan.mapping().email());
        assertEquals("phone", plan.mapping().phone());
        ImportOptions options = ImportOptions.DEFAULT.withKeys(GB).withConsent(ConsentRule.parse("consent=yes"));
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            ImportResult r = s.importFile(plan, options, TaskContext.NONE);
            // a2 gave Ann's e-mail and a5 Bo's (and Cy's household) phone, but neither consented: a key on a row
            // without consent does not carry another id's consent over to it
            assertEquals(3, r.imported());
            assertEquals(3, r.droppedEvents());
            assertEquals(3, r.droppedPersons());
            assertEquals(3, r.persons());

            EventColumns c = s.columns(TaskContext.NONE);
            Set<String> ids = new TreeSet<>();
            Arrays.stream(c.identities()).filter(java.util.Objects::nonNull).forEach(ids::add);
            assertEquals(Set.of("u1", "w1", "u3", "w3", "u4", "w4"), ids);
            KeyColumns k = c.keys();
            // only the kept rows' keys are stored: three e-mails (Ann, Cy, and Bo's as given by u4) and Cy's phone
            assertEquals(3, Arrays.stream(k.email().toArray()).filter(x -> x >= 0).distinct().count());
            assertEquals(1, Arrays.stream(k.phone().toArray()).filter(x -> x >= 0).distinct().count());

            // u4 gave bo@x.org, the address of u2 who did not consent: nothing of u2 is there to join
            IdentityResolution graph = IdentityResolver.resolve(c, IdentitySettings.DEFAULT.withPhoneJoinsAccounts(true),
                    TaskContext.NONE);
            assertArrayEquals(new String[]{"u1", "u3", "u4"}, graph.personNames());
            assertTrue(graph.report().accountMerges().isEmpty());
        }
    }
}
