package org.journeyexplorer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.journeyexplorer.privacy.PrivacyFixture.*;
import static org.junit.jupiter.api.Assertions.*;

class PersonEraserTest {
    @TempDir
    Path dir;

    /** Events per stitched person, computed by the analysis' own resolver. */
    private static Map<String, Integer> eventsPerPerson(EventColumns c) {
        IdentityResolution r = IdentityResolver.resolve(c, true, TaskContext.NONE);
        Map<String, Integer> out = new TreeMap<>();
        for (int p : r.personOfRow()) {
            out.merge(r.personNames()[p], 1, Integer::sum);
        }
        return out;
    }

    @Test
    void fixtureHasTheHandCountedShape() throws Exception {
        try (ProjectStore s = project(dir, "p", false)) {
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(Map.of(KIM, 6, "user-lee-2001", 3, "anon-bb-2002", 2, "user-max-3003", 2),
                    eventsPerPerson(c));
            assertEquals(3, s.imports().all().get(0).rowsRejected());
        }
    }

    @Test
    void forgettingByAnAnonymousIdRemovesThePersonFromEveryTableAndTheFile() throws Exception {
        Path file;
        DeletionReport report;
        try (ProjectStore s = project(dir, "p", false)) {
            file = s.file();
            s.derived().write("sessions:test", new byte[]{1, 2, 3});
            report = PersonEraser.forget(s, KIM_LAPTOP, TaskContext.NONE);

            assertEquals(List.of(KIM), report.persons());
            assertEquals(KIM_IDS, report.ids()); // user id first, then the devices in dictionary order
            assertEquals(6, report.eventsDeleted());
            assertEquals(6L, report.perTable().get("event_chunk: events deleted"));
            // max's login on kim's phone stays, without the phone's id
            assertEquals(1L, report.perTable().get("event_chunk: id references cleared on other persons' events"));
            assertEquals(3L, report.perTable().get("identity_chunk: ids erased"));
            assertEquals(2L, report.perTable().get("rejected_rows: rows deleted"));
            assertEquals(1L, report.perTable().get("derived: blobs deleted (recomputed on demand)"));
            assertTrue(report.verification().clean(), report.verification().findings().toString());
            assertTrue(report.verification().tablesSearched().containsAll(List.of("event_chunk", "identity_chunk",
                    "rejected_rows", "derived", "audit_log", "imports")), report.verification().tablesSearched()
                    .toString());

            // everyone else's events are all still there
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(7, c.size());
            assertEquals(Map.of("user-lee-2001", 3, "anon-bb-2002", 2, "user-max-3003", 2), eventsPerPerson(c));
            for (int r = 0; r < c.size(); r++) {
                for (int id : new int[]{c.user().get(r), c.anonymous().get(r)}) {
                    assertTrue(id < 0 || !KIM_IDS.contains(c.identities()[id]), "row " + r);
                }
            }
            assertEquals(1, s.imports().rejectedRows(1, 10).size());
            assertTrue(s.imports().rejectedRows(1, 10).get(0).rawText().startsWith("user-lee-2001"));
            assertTrue(s.derived().keys().isEmpty());
            // the remaining rows' properties are the right ones: lee's purchase is on the checkout page
            List<String> props = new ArrayList<>();
            for (int r = 0; r < c.size(); r++) {
                props.add(s.events().properties(r).orElse(""));
            }
            assertEquals(7, props.size());
            assertEquals(2, props.stream().filter(p -> p.contains("\"app\"")).count()); // max's login and logout

            // the audit log names the operations, not the ids
            List<AuditEntry> log = s.auditLog().entries();
            assertEquals(List.of("import", PersonEraser.AUDIT_ACTION), log.stream().map(AuditEntry::action).toList());
            assertEquals(6, log.get(1).count());
            for (AuditEntry e : log) {
                for (String id : KIM_IDS) {
                    assertFalse(e.details().contains(id), e.details());
                }
            }

            UserFacingException again = assertThrows(UserFacingException.class,
                    () -> PersonEraser.forget(s, KIM, TaskContext.NONE));
            assertTrue(again.getMessage().contains("No person"), again.getMessage());
        }
        // an independent search of every table, and of the raw file bytes
        assertEquals(List.of(), naiveSearch(file, KIM_IDS));
        for (String id : KIM_IDS) {
            assertFalse(fileContains(file, id), id + " is still in the file's bytes");
        }
        assertTrue(fileContains(file, "user-lee-2001"), "the byte search must be able to find an id");
    }

    @Test
    void theOldCompressedIdentityValuesAreGoneFromTheFileToo() throws Exception {
        // kim's ids are deflated in the identity dictionary, so a text search of the file cannot see them: look
        // for the old dictionary blob's bytes instead
        Path file;
        try (ProjectStore s = project(dir, "p", false)) {
            file = s.file();
        }
        List<byte[]> old = naiveColumn(file);
        assertEquals(1, old.size());
        assertTrue(fileContains(file, old.get(0)), "the check below must be able to fail");
        try (ProjectStore s = ProjectStore.open(file)) {
            assertTrue(fileContains(file, old.get(0)));
            PersonEraser.forget(s, KIM, TaskContext.NONE);
            // at once, not only after closing (H2 compacts a little on close, which hides a missing compaction
            // in a file this small)
            assertFalse(fileContains(file, old.get(0)), "the old identity dictionary survived in the file");
            for (String id : KIM_IDS) {
                assertFalse(fileContains(file, id), id);
            }
        }
        assertFalse(fileContains(file, old.get(0)), "the old identity dictionary survived in the file");
        assertFalse(java.util.Arrays.equals(old.get(0), naiveColumn(file).get(0)));
    }

    private static List<byte[]> naiveColumn(Path file) throws Exception {
        return columnBytes(file, "identity_chunk", "values_col");
    }

    @Test
    void withoutCompactionTheRawIdsWouldSurviveInTheFile() throws Exception {
        // guards the test above: the rejected rows put kim's ids into the file as plain text
        Path file;
        try (ProjectStore s = project(dir, "p", false)) {
            file = s.file();
        }
        for (String id : KIM_IDS) {
            assertTrue(fileContains(file, id), id);
        }
        assertFalse(naiveSearch(file, KIM_IDS).isEmpty());
    }

    @Test
    void anUnknownIdIsAClearErrorAndChangesNothing() throws Exception {
        try (ProjectStore s = project(dir, "p", false)) {
            UserFacingException e = assertThrows(UserFacingException.class,
                    () -> PersonEraser.forget(s, "nobody-123", TaskContext.NONE));
            assertTrue(e.getMessage().contains("nobody-123") && e.getMessage().contains("nothing was changed"),
                    e.getMessage());
            assertEquals(13, s.events().count());
            assertEquals(1, s.auditLog().entries().size());
            assertThrows(UserFacingException.class, () -> PersonEraser.forget(s, " ", TaskContext.NONE));
        }
    }

    @Test
    void aUserIdFindsTheSameDevicesAndAnotherPersonsDeviceIsNotTheirs() throws Exception {
        try (ProjectStore s = project(dir, "p", false)) {
            Person kim = PersonEraser.preview(s, KIM, TaskContext.NONE);
            assertEquals(KIM_IDS, kim.ids());
            assertEquals(6, kim.eventCount());
            // max used kim's phone after kim: the phone is kim's, so max is only his user id
            Person max = PersonEraser.preview(s, "user-max-3003", TaskContext.NONE);
            assertEquals(List.of("user-max-3003"), max.ids());
            assertEquals(2, max.eventCount());
            assertEquals(13, s.events().count(), "a preview changes nothing");
        }
    }

    @Test
    void accessExportHoldsExactlyTheirEvents() throws Exception {
        Path out = dir.resolve("kim.json");
        try (ProjectStore s = project(dir, "p", false)) {
            PersonExporter.Result r = PersonExporter.export(s, KIM_PHONE, out, TaskContext.NONE);
            assertEquals(6, r.events());
            PersonEraser.forget(s, KIM, TaskContext.NONE);
            assertEquals(List.of("import", PersonExporter.AUDIT_ACTION, PersonEraser.AUDIT_ACTION),
                    s.auditLog().entries().stream().map(AuditEntry::action).toList());
        }
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals(KIM_PHONE, j.get("requestedId").asText());
        List<String> ids = new ArrayList<>();
        j.get("ids").forEach(n -> ids.add(n.get("id").asText() + "/" + n.get("kind").asText()));
        assertEquals(List.of(KIM + "/user", KIM_LAPTOP + "/anonymous", KIM_PHONE + "/anonymous"), ids);
        List<String> events = new ArrayList<>();
        j.get("events").forEach(e -> events.add(e.get("time").asText() + " " + e.get("type").asText() + " "
                + e.get("properties").get("page").asText()));
        assertEquals(List.of(
                "2024-01-01T10:00:00Z page_view home",
                "2024-01-01T10:01:00Z signup_start signup",
                "2024-01-01T10:02:00Z signup_done signup",
                "2024-01-02T09:00:00Z login app",
                "2024-01-02T09:05:00Z page_view app",
                "2024-01-03T12:00:00Z purchase checkout"), events);
        // 30-minute sessions: the three on day one, the two on day two, the purchase
        assertEquals(3, j.get("sessions").size());
        assertEquals(3, j.get("sessions").get(0).get("events").asInt());
        assertEquals(2, j.get("rejectedRows").size());
        assertEquals(1, j.get("imports").size());
        assertEquals("p.csv", j.get("imports").get(0).get("file").asText());
    }

    @Test
    void pseudonymisedProjectHoldsNoRawIdAndForgetsByTheRawId() throws Exception {
        Path file;
        try (ProjectStore s = project(dir, "ps", true)) {
            file = s.file();
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(4, eventsPerPerson(c).size());
            DeletionReport r = PersonEraser.forget(s, KIM_LAPTOP, TaskContext.NONE);
            assertEquals(6, r.eventsDeleted());
            assertEquals(3, r.ids().size());
            for (String id : r.ids()) {
                assertFalse(KIM_IDS.contains(id), "stored ids are pseudonyms");
            }
            assertTrue(r.verification().clean(), r.verification().findings().toString());
            assertEquals(7, s.events().count());
            assertThrows(UserFacingException.class, () -> PersonEraser.preview(s, KIM, TaskContext.NONE));
            assertEquals(3, PersonEraser.preview(s, "user-lee-2001", TaskContext.NONE).eventCount());
        }
        List<String> raw = List.of(KIM, KIM_LAPTOP, KIM_PHONE, "user-lee-2001", "anon-aa-1000", "anon-bb-2002",
                "user-max-3003");
        for (String id : raw) {
            assertFalse(fileContains(file, id), id + " is in the pseudonymised project's file");
        }
        assertEquals(List.of(), naiveSearch(file, raw));
    }

    @Test
    void aNumericCaseIdIsErasedAndChanceNumbersAreOnlyNotes() throws Exception {
        // a case log: case 1 has 2 events and a rejected row; case 12 and case 21 contain the digit 1 but are
        // other cases; case 2 has an amount of 1, which is a number, not case 1
        Path csv = java.nio.file.Files.writeString(dir.resolve("cases.csv"), """
                case_id,activity,timestamp,amount
                1,open,2024-01-01T10:00:00Z,5
                12,open,2024-01-01T10:05:00Z,7
                1,close,2024-01-01T11:00:00Z,5
                21,open,2024-01-02T09:00:00Z,3
                2,open,2024-01-02T10:00:00Z,1
                1,reopen,someday,5
                12,close,2024-01-03T10:00:00Z,7
                """);
        try (ProjectStore s = ProjectStore.create(dir.resolve("cases"))) {
            new org.journeyexplorer.project.ImportService(s).importFile(
                    org.journeyexplorer.ingest.Ingest.inspect(csv, java.time.ZoneOffset.UTC), false, TaskContext.NONE);
            assertEquals(6, s.events().count());
            DeletionReport r = PersonEraser.forget(s, "1", TaskContext.NONE);
            assertEquals(List.of("1"), r.ids());
            assertEquals(2, r.eventsDeleted());
            assertEquals(1L, r.perTable().get("rejected_rows: rows deleted"));
            assertTrue(r.verification().clean(), r.verification().findings().toString());
            // "1 person, 1 id, 2 events" in the audit log and case 2's amount are numbers equal to the id
            assertTrue(r.verification().notes().stream().anyMatch(n -> n.startsWith("audit_log.details")),
                    r.verification().notes().toString());
            assertTrue(r.verification().notes().stream().anyMatch(n -> n.contains("properties of 1 other")),
                    r.verification().notes().toString());
            assertEquals(Map.of("12", 2, "2", 1, "21", 1), eventsPerPerson(s.events().loadColumns(TaskContext.NONE)));
        }
    }
}
