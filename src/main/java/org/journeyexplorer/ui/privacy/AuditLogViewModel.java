package org.journeyexplorer.ui.privacy;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.export.AuditCsv;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.nio.file.Path;
import java.util.List;

/** The audit log of the open project, read-only: the app never edits or deletes entries. */
public final class AuditLogViewModel {
    private final AppModel model;
    private final TaskRunner runner;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> readOnly = FXCollections.unmodifiableObservableList(entries);

    public AuditLogViewModel(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
    }

    /** (Re)loads the entries. */
    public void load() {
        PrivacyService s = model.backend().privacy();
        runner.run("Reading the audit log", ctx -> s.auditLog(), entries::setAll, model::fail);
    }

    /** Writes the loaded entries as CSV to a path the user chose. */
    public void exportCsv(Path file) {
        List<AuditEntry> copy = List.copyOf(entries);
        runner.run("Exporting the audit log", ctx -> {
            AuditCsv.write(copy, file);
            model.recordExport("audit log CSV", file, copy.size());
            return file;
        }, f -> {
        }, model::fail);
    }

    /** The entries, oldest first. */
    public ObservableList<AuditEntry> entries() {
        return readOnly;
    }
}
