package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.AuditCsv;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.PersonEraser;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.store.ProjectStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Privacy requests from the command line.
 * <ul>
 *   <li>{@code forget --project P --id X [--json]}: deletes the person with id X (any of their ids) and prints
 *       the deletion report; exit 1 when the id is unknown or something of the person is still found.</li>
 *   <li>{@code export-person --project P --id X --out FILE}: writes everything stored about the person as
 *       JSON.</li>
 *   <li>{@code audit --project P [--csv]}: prints the audit log.</li>
 * </ul>
 * Exit 2 for a malformed command line.
 */
public final class PrivacyCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PrivacyCommands() {
    }

    /** {@code forget}. */
    public static int forget(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> a = parse(args, Set.of("--project", "--id"), Set.of("--json"), err,
                "usage: forget --project P --id X [--json]");
        if (a == null) {
            return 2;
        }
        try (ProjectStore store = ProjectStore.open(Path.of(a.get("--project")))) {
            DeletionReport r = PersonEraser.forget(store, a.get("--id"), TaskContext.NONE);
            if (a.containsKey("--json")) {
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
            return 1;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Could not print the report: " + e.getMessage());
            return 1;
        }
    }

    /** {@code export-person}. */
    public static int exportPerson(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> a = parse(args, Set.of("--project", "--id", "--out"), Set.of(), err,
                "usage: export-person --project P --id X --out FILE");
        if (a == null) {
            return 2;
        }
        try (ProjectStore store = ProjectStore.open(Path.of(a.get("--project")))) {
            PersonExporter.Result r = PersonExporter.export(store, a.get("--id"), Path.of(a.get("--out")),
                    TaskContext.NONE);
            out.println("Wrote " + r.events() + " events, " + r.sessions() + " sessions and " + r.rejectedRows()
                    + " rejected rows of " + r.person().summary() + " to " + r.file());
            return 0;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code audit}. */
    public static int audit(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> a = parse(args, Set.of("--project"), Set.of("--csv"), err,
                "usage: audit --project P [--csv]");
        if (a == null) {
            return 2;
        }
        try (ProjectStore store = ProjectStore.open(Path.of(a.get("--project")))) {
            List<AuditEntry> log = store.auditLog();
            if (a.containsKey("--csv")) {
                AuditCsv.write(log, out);
            } else {
                for (AuditEntry e : log) {
                    out.println(e.time() + "  " + e.osUser() + "  " + e.action() + "  " + e.count() + "  "
                            + (e.details() == null ? "" : e.details()));
                }
            }
            return 0;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Could not print the audit log: " + e.getMessage());
            return 1;
        }
    }

    /** Options with a value and flags; all valued options are required. Null (after a message) when malformed. */
    private static Map<String, String> parse(String[] args, Set<String> valued, Set<String> flags, PrintStream err,
                                             String usage) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String k = args[i];
            if (flags.contains(k)) {
                m.put(k, "");
            } else if (valued.contains(k) && i + 1 < args.length) {
                m.put(k, args[++i]);
            } else {
                err.println("Unexpected argument: " + k);
                err.println(usage);
                return null;
            }
        }
        for (String k : valued) {
            if (!m.containsKey(k)) {
                err.println("Missing " + k);
                err.println(usage);
                return null;
            }
        }
        return m;
    }
}
