package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.export.AuditCsv;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.ProjectSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Privacy requests from the command line.
 * <ul>
 *   <li>{@code forget --project P --id X [--json]}: deletes the person with id X (any of their ids) and prints
 *       the deletion report; exit 1 when the id is unknown or something of the person is still found.</li>
 *   <li>{@code export-person --project P --id X --out FILE}: writes everything stored about the person as
 *       JSON.</li>
 *   <li>{@code audit --project P [--csv]}: prints the audit log.</li>
 *   <li>{@code drop-pseudonym-key --project P --yes}: deletes the project's pseudonym key for good.</li>
 * </ul>
 */
public final class PrivacyCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PrivacyCommands() {
    }

    /** {@code forget}. */
    public static int forget(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("forget", err, () -> {
            CommandArgs a = CommandArgs.parse(args, Set.of("--project", "--id"), Set.of("--json"));
            String id = a.required("--id");
            DeletionReport r;
            try (ProjectSession s = Projects.open(a)) {
                r = s.forget(id, TaskContext.NONE);
            }
            if (a.flag("--json")) {
                out.println(JSON.writeValueAsString(r));
            } else {
                out.println("Deleted " + r.persons().size() + " person(s) with " + r.ids().size() + " id(s): "
                        + String.join(", ", r.ids()));
                r.perTable().forEach((k, v) -> out.println("  " + k + ": " + v));
                out.println("Project file compacted: " + (r.compacted() ? "yes" : "no"));
                out.println("Tables searched: " + String.join(", ", r.verification().tablesSearched()));
                if (r.verification().clean()) {
                    out.println("Verified: nothing of the person is left.");
                } else {
                    r.verification().findings().forEach(f -> out.println("  still found: " + f));
                }
                r.verification().notes().forEach(f -> out.println("  probably by chance: " + f));
            }
            if (r.verification().clean()) {
                return 0;
            }
            // the deletion itself is done; say in one line why the exit code still signals a problem
            err.println("Deleted, but the search afterwards still found the id in the project: "
                    + String.join("; ", r.verification().findings()));
            return Guard.FAILED;
        });
    }

    /** {@code export-person}. */
    public static int exportPerson(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("export-person", err, () -> {
            CommandArgs a = CommandArgs.parse(args, Set.of("--project", "--id", "--out"), Set.of());
            String id = a.required("--id");
            Path file = a.path("--out");
            try (ProjectSession s = Projects.open(a)) {
                PersonExporter.Result r = s.exportPerson(id, file, TaskContext.NONE);
                out.println("Wrote " + r.events() + " events, " + r.sessions() + " sessions and " + r.rejectedRows()
                        + " rejected rows of " + r.person().summary() + " to " + r.file());
            }
            return 0;
        });
    }

    /** {@code audit}. */
    public static int audit(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("audit", err, () -> {
            CommandArgs a = CommandArgs.parse(args, Set.of("--project"), Set.of("--csv"));
            List<AuditEntry> log;
            try (ProjectSession s = Projects.open(a)) {
                log = s.auditLog();
            }
            if (a.flag("--csv")) {
                AuditCsv.write(log, out);
            } else {
                for (AuditEntry e : log) {
                    out.println(e.time() + "  " + e.osUser() + "  " + e.action() + "  " + e.count() + "  "
                            + (e.details() == null ? "" : e.details()));
                }
            }
            return 0;
        });
    }

    /**
     * {@code drop-pseudonym-key --project P --yes}: deletes the project's pseudonym key for good, so its pseudonyms
     * can never be linked to ids again. Without {@code --yes} it only warns (exit 1).
     */
    public static int dropPseudonymKey(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("drop-pseudonym-key", err, () -> {
            CommandArgs a = CommandArgs.parse(args, Set.of("--project"), Set.of("--yes"));
            try (ProjectSession s = Projects.open(a)) {
                if (!s.hasPseudonymKey()) {
                    out.println(s.name() + " has no pseudonym key.");
                    return 0;
                }
                if (!a.flag("--yes")) {
                    err.println(ProjectSettings.DROP_KEY_WARNING + " Nothing was changed. Run again with --yes to"
                            + " delete the key.");
                    return Guard.FAILED;
                }
                s.dropPseudonymKey();
                out.println("Deleted the pseudonym key of " + s.name() + ": its pseudonyms can no longer be linked"
                        + " to ids.");
            }
            return 0;
        });
    }
}
