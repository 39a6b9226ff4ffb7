package org.journeyexplorer.ui.imports;

import org.journeyexplorer.store.ConsentRule;
import org.journeyexplorer.store.ImportOptions;
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
        String[] last = vm.summaryRows().get(vm.summaryRows().size() - 1);
        assertEquals("Dropped: no consent", last[0]);
        assertEquals("1 events of 1 persons", last[1]);
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
}
