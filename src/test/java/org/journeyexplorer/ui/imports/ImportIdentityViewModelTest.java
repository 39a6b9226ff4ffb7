package org.journeyexplorer.ui.imports;

import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.KeyNormaliser;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import dialog's identity columns (e-mail, phone, fingerprint, user agent, IP) and key normalisation: detected
 * columns are preselected, every change reaches the import plan, and the phone region and plus-tag choice reach
 * the import options (preselected as the project's last import had them).
 */
class ImportIdentityViewModelTest {
    @TempDir
    Path dir;
    private FakeBackend backend;
    private AppModel model;
    private Path csv;

    @BeforeEach
    void setUp() throws Exception {
        csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,anonymous_id,timestamp,event,email,tel,user_agent,ip,backup_mail
                alice,d1,2024-01-01 10:00:00,open,Alice+shop@X.org,030 1234567,Mozilla/5.0 (X11),203.0.113.7,a@y.org
                ,d2,2024-01-01 10:01:00,search,alice@x.org,+49 30 1234567,Mozilla/5.0 (X11),203.0.113.9,b@y.org
                """);
        backend = new FakeBackend();
        backend.nextReport = new ImportReport(null, 2, 0, Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-01T10:01:00Z"), 1, 2, List.of());
        model = new AppModel(backend, new CurrentThreadTaskRunner());
        model.openProject(dir.resolve("p"));
    }

    @Test
    void detectedIdentityColumnsArePreselectedAndSurviveChangesToOtherRoles() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        assertEquals("email", vm.emailProperty().get());
        assertEquals("tel", vm.phoneProperty().get());
        assertEquals("user_agent", vm.userAgentProperty().get());
        assertEquals("ip", vm.ipProperty().get());
        assertEquals(ImportViewModel.NONE, vm.fingerprintProperty().get());

        // changing another role once dropped every identity column from the plan
        vm.eventProperty().set("event");
        vm.anonymousProperty().set(ImportViewModel.NONE);
        vm.anonymousProperty().set("anonymous_id");
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event", "email", "tel", null,
                "user_agent", "ip"), vm.planProperty().get().mapping());

        vm.emailProperty().set("backup_mail");
        vm.ipProperty().set(ImportViewModel.NONE);
        vm.fingerprintProperty().set("user_agent");
        assertEquals("'user_agent' is chosen as both the device fingerprint and the user agent column; a column"
                + " can play one role.", vm.problemProperty().get());
        vm.fingerprintProperty().set(ImportViewModel.NONE);
        assertEquals("", vm.problemProperty().get());
        vm.startImport(false);
        assertEquals(ImportViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event", "backup_mail", "tel",
                null, "user_agent", null), backend.imports.get(0).mapping());
    }

    @Test
    void anIdentityColumnCannotAlsoBeAnIdOrTheConsentColumn() {
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        vm.phoneProperty().set("user_id");
        assertEquals("'user_id' is chosen as both the person id and the phone column; a column can play one role.",
                vm.problemProperty().get());
        vm.phoneProperty().set("tel");
        vm.consentColumnProperty().set("email");
        assertTrue(vm.problemProperty().get().contains("also used as an id, time, event or identity column"),
                vm.problemProperty().get());
    }

    @Test
    void phoneRegionAndPlusTagsReachTheImportAndArePreselectedFromTheLastImport() {
        backend.remembered = ImportOptions.DEFAULT.withKeys(new KeyNormaliser.Options(false, "DE"));
        ImportViewModel vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        assertEquals("DE", vm.phoneRegionProperty().get());
        assertEquals(false, vm.stripPlusTagsProperty().get());

        vm.phoneRegionProperty().set("GB");
        vm.stripPlusTagsProperty().set(true);
        vm.startImport(false);
        assertEquals(new KeyNormaliser.Options(true, "GB"), backend.importOptions.get(0).keys());

        vm = new ImportViewModel(model, model.runner(), csv);
        vm.inspect();
        vm.phoneRegionProperty().set(ImportViewModel.NONE);
        vm.startImport(true);
        assertEquals(new KeyNormaliser.Options(false, null), backend.importOptions.get(1).keys());
        assertTrue(KeyNormaliser.phoneRegions().containsAll(List.of("DE", "GB", "US")));
    }
}
