package org.journeyexplorer.ui.privacy;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.project.ProjectSession;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Privacy requests on the open project, as the UI asks for them (from background tasks only). The production
 * implementation {@link #of} asks the open {@link ProjectSession}; tests can use a fake.
 */
public interface PrivacyService {

    /** The person an id belongs to, without changing anything. */
    Person preview(String id, TaskContext ctx);

    /** Deletes the person of an id everywhere in the project. */
    DeletionReport forget(String id, TaskContext ctx);

    /** Writes everything stored about the person of an id to a JSON file. */
    PersonExporter.Result export(String id, Path out, TaskContext ctx);

    /** The project's audit log, oldest first. */
    List<AuditEntry> auditLog();

    /** Whether the project still holds the key of its pseudonymised ids. */
    boolean hasPseudonymKey();

    /** Deletes the pseudonym key for good (the store writes the audit entry). */
    void dropPseudonymKey();

    /** Over the open project's session. */
    static PrivacyService of(Supplier<ProjectSession> session) {
        return new PrivacyService() {
            @Override
            public Person preview(String id, TaskContext ctx) {
                return session.get().findPerson(id, ctx);
            }

            @Override
            public DeletionReport forget(String id, TaskContext ctx) {
                return session.get().forget(id, ctx);
            }

            @Override
            public PersonExporter.Result export(String id, Path out, TaskContext ctx) {
                return session.get().exportPerson(id, out, ctx);
            }

            @Override
            public List<AuditEntry> auditLog() {
                return session.get().auditLog();
            }

            @Override
            public boolean hasPseudonymKey() {
                return session.get().hasPseudonymKey();
            }

            @Override
            public void dropPseudonymKey() {
                session.get().dropPseudonymKey();
            }
        };
    }
}
