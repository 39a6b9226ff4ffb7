package org.journeyexplorer.ui.imports;

import org.journeyexplorer.project.ConsentRule;
import org.journeyexplorer.project.ImportOptions;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ui.project.StoreBackend;

/** The dialog's privacy choices reach the backend as {@link ImportOptions}, and are preselected per project. */
class ImportPrivacyViewModelTest {
    @TempDir
    Path dir;
    private FakeBackend backend;
    private AppModel model;
    private Path csv;

    @BeforeEach
    void setUp() throws Exception {
        csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,timestamp,event,consent
                alice,2024-01-01 10:00:00,open,yes
                bob,2024-01-02 09:00:00,open,no
                """);
        backend = new FakeBackend();
        backend.nextReport = new ImportReport(null, 1, 0, Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-01T10:00:00Z"), 1, 1, List.of(), 1, 1);
        model = new AppModel(backend, new CurrentThreadTaskRunner());
        model.openProject(dir.resolve("p"));
    }

    @Test
    void chosenPrivacyOptionsArePassedToTheImport() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        assertFalse(vm.pseudonymiseProperty().get());
        assertEquals(ImportViewModel.NONE, vm.consentColumnProperty().get());
        assertEquals(ImportViewModel.DEFAULT_CONSENT_VALUES, vm.consentValuesProperty().get());

        vm.pseudonymiseProperty().set(true);
        vm.consentColumnProperty().set("consent");
        vm.consentValuesProperty().set("Yes, granted,");
        vm.startImport(false);
        assertEquals(ImportViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals(List.of(new ImportOptions(false, true, true,
                new ConsentRule("consent", List.of("yes", "granted")))), backend.importOptions);
        // the summary names the target project after the consent row
        String[] consent = vm.summaryRows().stream().filter(r -> r[0].equals("Dropped: no consent")).findFirst()
                .orElseThrow();
        assertEquals("1 events of 1 persons", consent[1]);
    }

    @Test
    void withoutConsentColumnNoFilterIsPassed() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        vm.startImport(false);
        assertEquals(List.of(ImportOptions.DEFAULT), backend.importOptions);
    }

    @Test
    void theProjectsLastPrivacyOptionsArePreselected() {
        backend.remembered = new ImportOptions(false, true, true, ConsentRule.parse("consent=ok,granted"));
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        assertTrue(vm.pseudonymiseProperty().get());
        assertEquals("consent", vm.consentColumnProperty().get());
        assertEquals("ok,granted", vm.consentValuesProperty().get());

        // a remembered column this file does not have is not preselected
        backend.remembered = new ImportOptions(false, false, true, ConsentRule.parse("gdpr=yes"));
        ImportViewModel other = new ImportViewModel(model, model.runner(), csv);
        other.inspect();
        assertFalse(other.pseudonymiseProperty().get());
        assertEquals(ImportViewModel.NONE, other.consentColumnProperty().get());
    }

    @Test
    void aConsentColumnWithoutValuesOrUsedAsARoleBlocksTheImport() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        vm.consentColumnProperty().set("consent");
        vm.consentValuesProperty().set(" , ");
        assertTrue(vm.problemProperty().get().contains("values of 'consent'"), vm.problemProperty().get());
        vm.startImport(false);
        assertEquals(ImportViewModel.Step.MAPPING, vm.stepProperty().get());
        assertTrue(backend.imports.isEmpty());

        vm.consentValuesProperty().set("yes");
        assertEquals("", vm.problemProperty().get());
        vm.consentColumnProperty().set("event");
        assertTrue(vm.problemProperty().get().contains("also used"), vm.problemProperty().get());
        vm.consentColumnProperty().set(ImportViewModel.NONE);
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void throughTheRealStoreTheNextDialogOffersTheLastChoices() throws Exception {
        Path json = dir.resolve("events.jsonl");
        // consent sits in the nested properties object (Mixpanel style); bob's id must not reach the project
        Files.writeString(json, """
                {"event":"open","properties":{"distinct_id":"alice","time":1704103200,"marketing_consent":"Yes"}}
                {"event":"open","properties":{"distinct_id":"bob-zq81","time":1704103300,"marketing_consent":"no"}}
                {"event":"buy","properties":{"distinct_id":"alice","time":1704103400}}
                """);
        try (StoreBackend store = new StoreBackend()) {
            AppModel real = new AppModel(store, new CurrentThreadTaskRunner());
            real.openProject(dir.resolve("real"));
            ImportViewModel vm = new ImportViewModel(real, real.runner(), json);
            vm.inspect();
            assertEquals(ImportViewModel.Step.MAPPING, vm.stepProperty().get(), vm.problemProperty().get());
            assertTrue(vm.columns().contains("properties.marketing_consent"), vm.columns().toString());
            vm.consentColumnProperty().set("properties.marketing_consent");
            vm.consentValuesProperty().set("yes");
            vm.startImport(false);
            assertEquals(ImportViewModel.Step.DONE, vm.stepProperty().get(), vm.problemProperty().get());
            assertEquals(2, vm.reportProperty().get().imported());
            assertEquals(1, vm.reportProperty().get().droppedEvents());
            assertEquals(1, vm.reportProperty().get().droppedPersons());

            ImportViewModel next = new ImportViewModel(real, real.runner(), json);
            next.inspect();
            assertEquals("properties.marketing_consent", next.consentColumnProperty().get());
            assertEquals("yes", next.consentValuesProperty().get());
            assertFalse(next.pseudonymiseProperty().get());
        }
        try (org.journeyexplorer.store.ProjectStore p = org.journeyexplorer.store.ProjectStore.open(dir.resolve("real"))) {
            assertEquals(List.of("alice"), List.of(p.events().loadColumns(TaskContext.NONE).identities()));
        }
    }
}
