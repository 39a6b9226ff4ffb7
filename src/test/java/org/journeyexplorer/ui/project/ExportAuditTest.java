package org.journeyexplorer.ui.project;

import org.journeyexplorer.privacy.PrivacyFixture;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.privacy.AuditLogViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Exports from the app land in the project's audit log, through the real store. */
class ExportAuditTest {
    @TempDir
    Path dir;

    @Test
    void exportsAreRecordedInTheAuditLogWithWhatAndHowMany() throws Exception {
        Path file;
        try (ProjectStore s = PrivacyFixture.project(dir, "p", false)) {
            file = s.file();
        }
        try (StoreBackend backend = new StoreBackend()) {
            AppModel model = new AppModel(backend, new CurrentThreadTaskRunner());
            List<Throwable> failures = new ArrayList<>();
            model.setErrorHandler(failures::add);
            model.openProject(file);

            model.recordExport("CSV", dir.resolve("funnel.csv"), 4);
            AuditLogViewModel audit = new AuditLogViewModel(model, model.runner());
            audit.load();
            int before = audit.entries().size();
            Path csv = dir.resolve("audit.csv");
            audit.exportCsv(csv);
            assertEquals(List.of(), failures);
            assertTrue(Files.size(csv) > 0);

            audit.load();
            List<AuditEntry> entries = audit.entries();
            assertEquals(before + 1, entries.size());
            AuditEntry funnel = entries.get(before - 1);
            assertEquals("export", funnel.action());
            assertEquals("CSV → funnel.csv", funnel.details());
            assertEquals(4, funnel.count());
            AuditEntry last = entries.get(entries.size() - 1);
            assertEquals("export", last.action());
            assertEquals("audit log CSV → audit.csv", last.details());
            // the exported log held every entry up to then, the funnel export included
            assertEquals(before, last.count());
            assertEquals(before + 1, Files.readAllLines(csv).size(), "header + one line per entry");
        }
    }
}
