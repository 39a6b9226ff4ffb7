package org.journeyexplorer.ui.privacy;

import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.privacy.PrivacyFixture;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The delete-person flow of the UI over the real store backend, on the calling thread. */
class PrivacyViewModelTest {
    @TempDir
    Path dir;

    @Test
    void deletingAPersonRebuildsTheFrameWithoutThem() throws Exception {
        Path file;
        try (ProjectStore s = PrivacyFixture.project(dir, "p", false)) {
            file = s.file();
        }
        try (StoreBackend backend = new StoreBackend()) {
            AppModel model = new AppModel(backend, new CurrentThreadTaskRunner());
            List<Throwable> failures = new ArrayList<>();
            model.setErrorHandler(failures::add);
            model.openProject(file);
            assertEquals(13, model.getFrame().size);
            assertTrue(Arrays.asList(model.getFrame().personNames).contains(PrivacyFixture.KIM));

            PrivacyViewModel vm = new PrivacyViewModel(model, model.runner());
            Person[] shown = new Person[1];
            vm.preview(PrivacyFixture.KIM_PHONE, p -> shown[0] = p);
            assertEquals(PrivacyFixture.KIM_IDS, shown[0].ids(), "the confirmation shows every id to delete");

            DeletionReport[] report = new DeletionReport[1];
            vm.forget(shown[0].requestedId(), r -> report[0] = r);
            assertEquals(List.of(), failures);
            assertEquals(6, report[0].eventsDeleted());
            assertTrue(report[0].verification().clean());
            assertSame(report[0], vm.lastReportProperty().get());
            assertFalse(vm.busyProperty().get());
            // the frame was rebuilt from the store, not from the cached columns
            assertEquals(7, model.getFrame().size);
            assertEquals(List.of("anon-bb-2002", "user-lee-2001", "user-max-3003"),
                    Arrays.asList(model.getFrame().personNames));
            assertEquals(7, model.getProject().events());
            assertTrue(PrivacyViewModel.describe(report[0]).contains("Verified: nothing of this person is left"));

            vm.forget("nobody-123", r -> fail("an unknown id must not report a deletion"));
            assertEquals(1, failures.size());
            assertTrue(failures.get(0).getMessage().contains("nobody-123"));

            AuditLogViewModel audit = new AuditLogViewModel(model, model.runner());
            audit.load();
            assertEquals(List.of("import", "forget-person"), audit.entries().stream().map(AuditEntry::action).toList());
            Path csv = dir.resolve("audit.csv");
            audit.exportCsv(csv);
            assertEquals(3, Files.readAllLines(csv).size());
        }
    }

    @Test
    void deletingThePseudonymKeyAsksNothingOfTheStoreUntilConfirmedThenForgetsIt() throws Exception {
        Path file;
        try (ProjectStore s = PrivacyFixture.project(dir, "pk", true)) {
            file = s.file();
            assertTrue(s.settings().hasPseudonymKey());
        }
        try (StoreBackend backend = new StoreBackend()) {
            AppModel model = new AppModel(backend, new CurrentThreadTaskRunner());
            List<Throwable> failures = new ArrayList<>();
            model.setErrorHandler(failures::add);
            model.openProject(file);
            PrivacyViewModel vm = new PrivacyViewModel(model, model.runner());
            Boolean[] present = new Boolean[1];
            vm.pseudonymKeyPresent(b -> present[0] = b);
            assertEquals(Boolean.TRUE, present[0]);

            boolean[] done = new boolean[1];
            vm.dropPseudonymKey(() -> done[0] = true);
            assertTrue(done[0]);
            assertEquals(List.of(), failures);
            vm.pseudonymKeyPresent(b -> present[0] = b);
            assertEquals(Boolean.FALSE, present[0]);
            List<AuditEntry> audit = backend.privacy().auditLog();
            assertEquals("drop-pseudonym-key", audit.get(audit.size() - 1).action());
        }
    }
}
