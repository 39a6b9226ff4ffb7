package org.journeyexplorer.ui.imports;

import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportViewModelTest {
    @TempDir
    Path dir;
    private FakeBackend backend;
    private AppModel model;
    private Path csv;

    @BeforeEach
    void setUp() throws Exception {
        csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,timestamp,event,plan
                alice,2024-01-01 10:00:00,open,free
                alice,2024-01-01 10:01:00,search,free
                bob,2024-01-02 09:00:00,open,pro
                """);
        backend = new FakeBackend();
        model = new AppModel(backend, new CurrentThreadTaskRunner());
        model.openProject(dir.resolve("p"));
    }

    @Test
    void inspectionPreselectsRolesAndShowsParsedSamples() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.zoneProperty().set(ZoneId.of("UTC"));
        vm.inspect();
        assertEquals(ImportViewModel.Step.MAPPING, vm.stepProperty().get());
        assertEquals(List.of("user_id", "timestamp", "event", "plan"), vm.columns());
        assertEquals(3, vm.previewRows().size());
        assertEquals("bob", vm.previewRows().get(2).get("user_id"));
        assertEquals("user_id", vm.personProperty().get());
        assertEquals("timestamp", vm.timeProperty().get());
        assertEquals("event", vm.eventProperty().get());
        assertEquals("", vm.problemProperty().get());
        assertEquals(3, vm.samples().size());
        // times without zone are read in the chosen zone, shown in the local one
        assertTrue(vm.samples().get(0).endsWith("alice  ·  open"), vm.samples().get(0));

        vm.zoneProperty().set(ZoneId.of("Asia/Tokyo"));
        assertEquals(ZoneId.of("Asia/Tokyo"), vm.planProperty().get().zone());
        vm.eventProperty().set(ImportViewModel.NONE);
        assertEquals("Choose the column that holds the event name.", vm.problemProperty().get());
        vm.eventProperty().set("plan");
        assertEquals("plan", vm.planProperty().get().mapping().event());
        assertTrue(vm.samples().get(0).endsWith("alice  ·  free"), vm.samples().get(0));
    }

    @Test
    void editingARoleKeepsTheDetectedIdentityColumns() throws Exception {
        Path withKeys = dir.resolve("keys.csv");
        Files.writeString(withKeys, """
                user_id,timestamp,event,email,phone
                alice,2024-01-01 10:00:00,open,alice@example.com,+44 20 7946 0000
                bob,2024-01-02 09:00:00,open,bob@example.com,+44 20 7946 0001
                """);
        ImportViewModel vm = new ImportViewModel(model, model.runner(), withKeys);
        vm.inspect();
        assertEquals("email", vm.planProperty().get().mapping().email());
        vm.timeOffsetProperty().set("phone"); // any edit of a picked role
        vm.timeOffsetProperty().set(ImportViewModel.NONE);
        assertEquals("email", vm.planProperty().get().mapping().email());
        assertEquals("phone", vm.planProperty().get().mapping().phone());
    }

    @Test
    void aDuplicateAsksFirstAndImportsOnlyWhenConfirmed() {
        backend.duplicateUnlessForced = true;
        backend.nextReport = new ImportReport(null, 3, 0, Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-02T09:00:00Z"), 2, 2, List.of());
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        vm.startImport(false);
        assertEquals(ImportViewModel.Step.DUPLICATE, vm.stepProperty().get());
        assertTrue(vm.duplicateTextProperty().get().contains("already imported on 2026-01-0"),
                vm.duplicateTextProperty().get());
        assertEquals(0, backend.imports.size());
        vm.startImport(true);
        assertEquals(ImportViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals(1, backend.imports.size());
        assertEquals("3", vm.summaryRows().get(0)[1]);
        assertEquals("Persons", vm.summaryRows().get(3)[0]);
        assertEquals("2", vm.summaryRows().get(3)[1]);
    }

    @Test
    void rejectedRowsAreWrittenAsCsvWithQuoting() throws Exception {
        Path out = dir.resolve("rejects.csv");
        ImportViewModel.writeRejects(List.of(new ImportReport.Reject(7, "unreadable time 'x'", "a,\"b\",c")), out);
        assertEquals("line,reason,raw\r\n7,unreadable time 'x',\"a,\"\"b\"\",c\"\r\n", Files.readString(out));
    }

    @Test
    void aFileThatIsNotAnEventFileFailsWithItsMessage() throws Exception {
        Path bin = dir.resolve("x.bin");
        Files.write(bin, new byte[]{0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        ImportViewModel vm = new ImportViewModel(model, model.runner(), bin);
        vm.inspect();
        assertEquals(ImportViewModel.Step.FAILED, vm.stepProperty().get());
        assertTrue(!vm.problemProperty().get().isBlank() && !vm.problemProperty().get().contains("Exception"),
                vm.problemProperty().get());
    }

    // ------------------------------------------------------------------ which project a file goes into

    private ImportViewModel inspected() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        assertEquals(ImportViewModel.Step.MAPPING, vm.stepProperty().get());
        return vm;
    }

    @Test
    void anEmptyProjectTakesTheFile() {
        ImportViewModel vm = inspected();
        assertEquals(false, vm.intoNewProjectProperty().get());
        assertEquals("", vm.targetReasonProperty().get());
        assertTrue(vm.currentProjectTextProperty().get().startsWith("p (0 events"), vm.currentProjectTextProperty().get());
    }

    /**
     * The dialog names the open project with its event count as it is now, not as it was when the dialog opened: the
     * app started with --import showed "demo (0 events, demo data)" beside a window showing the demo's 60,000.
     */
    @Test
    void theOpenProjectsCountFollowsTheProjectWhileTheDialogIsOpen() {
        ImportViewModel vm = inspected();
        assertTrue(vm.currentProjectTextProperty().get().startsWith("p (0 events"), vm.currentProjectTextProperty().get());
        backend.add("u1", 0, "page_view").add("u1", 60, "open").add("u2", 0, "open");
        model.reloadFrame(); // as when the project's frame is built: the model's project info now counts 3
        assertEquals(3, model.getProject().events());
        assertEquals("p (3 events)", vm.currentProjectTextProperty().get());
    }

    @Test
    void theDemoProposesANewProjectNamedAfterTheFileAndImportsIntoIt() {
        backend.demo = true;
        backend.add("u1", 0, "page_view").add("u1", 60, "open");
        model.openProject(dir.resolve("demo"));
        ImportViewModel vm = inspected();
        assertTrue(vm.intoNewProjectProperty().get(), "a new project is the default over the demo");
        assertTrue(vm.targetReasonProperty().get().contains("demo data"), vm.targetReasonProperty().get());
        assertTrue(vm.currentProjectTextProperty().get().endsWith("demo data)"), vm.currentProjectTextProperty().get());
        assertEquals("events", vm.newProjectNameProperty().get());
        Path target = dir.resolve("events" + org.journeyexplorer.ui.ProjectFiles.EXTENSION).toAbsolutePath();
        assertEquals(target.toString(), vm.newProjectPathProperty().get());
        backend.nextReport = new ImportReport(null, 3, 0, Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-02T09:00:00Z"), 2, 2, List.of());
        backend.demo = false;
        vm.startImport(false);
        assertEquals(ImportViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals(target, model.getProject().path(), "the window now shows the new project");
        assertEquals(1, backend.imports.size());
        assertEquals(false, vm.intoNewProjectProperty().get(), "an import again goes into the same new project");
        assertTrue(vm.summaryRows().stream().anyMatch(r -> r[0].equals("Into the project")
                && r[1].startsWith("events ")));
    }

    @Test
    void aFileWithNoKnownEventNameProposesANewProjectAndARelatedOneDoesNot() throws Exception {
        backend.add("u1", 0, "page_view").add("u1", 60, "add_to_cart");
        model.openProject(dir.resolve("shop"));
        ImportViewModel vm = inspected();
        assertTrue(vm.intoNewProjectProperty().get());
        assertTrue(vm.targetReasonProperty().get().contains("looks like another log"), vm.targetReasonProperty().get());
        // the analyst may still choose the open project
        vm.intoNewProjectProperty().set(false);
        assertEquals("", vm.problemProperty().get());

        backend.add("u2", 0, "search"); // one of the file's event names
        model.openProject(dir.resolve("shop"));
        assertEquals(false, inspected().intoNewProjectProperty().get());
    }

    @Test
    void aNewProjectNeedsAFreeUsableName() throws Exception {
        Files.createFile(dir.resolve("events" + org.journeyexplorer.ui.ProjectFiles.EXTENSION));
        ImportViewModel vm = inspected();
        assertEquals("events 2", vm.newProjectNameProperty().get(), "a taken name gets a number");
        vm.intoNewProjectProperty().set(true);
        assertEquals("", vm.problemProperty().get());
        vm.newProjectNameProperty().set("events");
        assertTrue(vm.problemProperty().get().startsWith("There is already a project named events"),
                vm.problemProperty().get());
        vm.newProjectNameProperty().set("  ");
        assertEquals("Name the new project.", vm.problemProperty().get());
        vm.newProjectNameProperty().set("a/b");
        assertTrue(vm.problemProperty().get().startsWith("A project name cannot"));
        vm.intoNewProjectProperty().set(false);
        assertEquals("", vm.problemProperty().get());
        assertEquals("helpdesk", ImportViewModel.baseName(Path.of("x", "helpdesk.csv.gz")));
    }
}
