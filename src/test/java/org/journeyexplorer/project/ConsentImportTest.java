package org.journeyexplorer.project;

import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.Pseudonymizer;
import org.journeyexplorer.domain.EventColumns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Consent filter at import, on the hand-made fixture described in src/test/resources/consent/README.md. */
class ConsentImportTest {
    @TempDir
    Path dir;

    static Path fixture() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "consent", "consent.csv");
    }

    private static ImportPlan plan() throws Exception {
        return Ingest.inspect(fixture(), ZoneOffset.UTC)
                .withMapping(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event"));
    }

    private static final ConsentRule RULE = ConsentRule.parse("consent=yes,TRUE, granted");
    private static final Set<String> KEPT_IDS = Set.of("alice", "carol", "dev-carol", "dave", "dev-shared");
    private static final Set<String> DROPPED_IDS =
            Set.of("bob", "dev-bob", "dev-zed-9f3k", "erin-secret-7731", "dev-erin", "frank");

    @Test
    void onlyEventsOfConsentingPersonsAreStored() throws Exception {
        Path project = dir.resolve("p");
        ImportResult r;
        try (ProjectStore s = ProjectStore.create(project)) {
            r = new ImportService(s).importFile(plan(), ImportOptions.DEFAULT.withConsent(RULE), TaskContext.NONE);
            assertEquals(7, r.imported());
            assertEquals(1, r.rejected());
            assertEquals(17, r.read());
            assertEquals(9, r.droppedEvents());
            assertEquals(4, r.droppedPersons());
            assertEquals(3, r.persons());

            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(7, c.size());
            assertEquals(KEPT_IDS, new TreeSet<>(Arrays.asList(c.identities())));
            // events per identity, by hand: every kept event with its ids
            Map<String, Integer> perId = new HashMap<>();
            for (int i = 0; i < c.size(); i++) {
                String key = (c.user().get(i) < 0 ? "" : c.identities()[c.user().get(i)]) + "|"
                        + (c.anonymous().get(i) < 0 ? "" : c.identities()[c.anonymous().get(i)]);
                perId.merge(key, 1, Integer::sum);
            }
            assertEquals(Map.of("alice|", 2, "|dev-carol", 1, "carol|dev-carol", 1, "carol|", 1, "dave|", 1,
                    "dave|dev-shared", 1), perId);
            // the rejected row (of erin) keeps its reason but not its raw text: its person's consent is unknown
            assertNull(s.imports().rejectedRows(r.importId(), 10).get(0).rawText());

            JsonNode settings = new ObjectMapper().readTree(s.imports().all().get(0).mappingJson());
            assertEquals("consent", settings.get("consent").get("column").asText());
            assertEquals("[\"yes\",\"true\",\"granted\"]", settings.get("consent").get("values").toString());
        }
        String bytes = Files.readString(ProjectStore.projectFile(project), StandardCharsets.ISO_8859_1);
        for (String id : DROPPED_IDS) {
            if (id.length() > 10) {
                assertFalse(bytes.contains(id), id);
            }
        }
    }

    @Test
    void withoutTheFilterTheByteScanDoesFindTheId() throws Exception {
        // control for the scan above: the same file unfiltered leaves erin's id readable in the project file
        Path project = dir.resolve("control");
        try (ProjectStore s = ProjectStore.create(project)) {
            ImportResult r = new ImportService(s).importFile(plan(), ImportOptions.DEFAULT, TaskContext.NONE);
            assertEquals(16, r.imported());
            assertEquals(0, r.droppedEvents());
            assertEquals(0, r.droppedPersons());
        }
        String bytes = Files.readString(ProjectStore.projectFile(project), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("erin-secret-7731"));
    }

    @Test
    void consentIsDecidedOnRawIdsAndOnlyPseudonymsAreStored() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("ps"))) {
            ImportResult r = new ImportService(s).importFile(plan(),
                    new ImportOptions(false, true, true, RULE), TaskContext.NONE);
            assertEquals(7, r.imported());
            assertEquals(9, r.droppedEvents());
            assertEquals(4, r.droppedPersons());
            Pseudonymizer ps = s.settings().pseudonymizer();
            Set<String> expected = new TreeSet<>();
            KEPT_IDS.forEach(id -> expected.add(ps.pseudonym(id)));
            assertEquals(expected, new TreeSet<>(Arrays.asList(s.events().loadColumns(TaskContext.NONE).identities())));
        }
    }

    @Test
    void privacyOptionsAreRememberedPerProject() throws Exception {
        Path project = dir.resolve("remember");
        try (ProjectStore s = ProjectStore.create(project)) {
            assertEquals(ImportOptions.DEFAULT, new ImportService(s).rememberedPrivacy());
            new ImportService(s).importFile(plan(), new ImportOptions(false, true, true, RULE), TaskContext.NONE);
        }
        try (ProjectStore s = ProjectStore.open(project)) {
            ImportOptions o = new ImportService(s).rememberedPrivacy();
            assertTrue(o.pseudonymise());
            assertTrue(o.keepProperties());
            assertFalse(o.force());
            assertEquals(RULE, o.consent());
        }
        // another project remembers nothing
        try (ProjectStore s = ProjectStore.create(dir.resolve("other"))) {
            assertEquals(ImportOptions.DEFAULT, new ImportService(s).rememberedPrivacy());
        }
    }

    @Test
    void aConsentColumnTheFileDoesNotHaveIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (ProjectStore s = ProjectStore.create(dir.resolve("bad"))) {
            UserFacingException e = assertThrows(UserFacingException.class, () -> new ImportService(s)
                    .importFile(plan(), ImportOptions.DEFAULT.withConsent(ConsentRule.parse("gdpr=yes")),
                            TaskContext.NONE));
            assertTrue(e.getMessage().contains("no column 'gdpr'"), e.getMessage());
            assertEquals(0, s.events().count());
            assertEquals(ImportOptions.DEFAULT, new ImportService(s).rememberedPrivacy());
        }
    }

    @Test
    void nestedJsonPropertyAndCaseInsensitiveValues() {
        ConsentRule nested = ConsentRule.parse("properties.marketing_consent=Yes");
        assertTrue(nested.consents("{\"plan\":\"pro\",\"marketing_consent\":\"YES\"}"));
        assertTrue(nested.consents("{\"properties.marketing_consent\":\" yes \"}"));
        assertFalse(nested.consents("{\"marketing_consent\":\"no\",\"other\":\"yes\"}"));
        assertFalse(nested.consents("{\"x\":{\"marketing_consent\":\"yes\"}}"));
        assertFalse(nested.consents(null));
        ConsentRule bool = ConsentRule.parse("ok=true,1");
        assertTrue(bool.consents("{\"ok\":true}"));
        assertTrue(bool.consents("{\"ok\":1}"));
        assertFalse(bool.consents("{\"ok\":false}"));
        assertFalse(bool.consents("{\"ok\":null}"));
        assertEquals(List.of("true", "1"), bool.values());
        assertThrows(UserFacingException.class, () -> ConsentRule.parse("consent="));
        assertThrows(UserFacingException.class, () -> ConsentRule.parse("yes"));
    }
}
