package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.store.EventSummary;
import org.journeyexplorer.store.ImportOptions;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.RejectedRow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code import FILE… --project P [--timezone Z] [--map role=column …] [--force] [--pseudonymise]
 * [--no-properties] [--consent COLUMN=v1,v2] [--json]}: imports event files into a project, creating it when missing.
 * {@code --consent} stores only events of persons with a consenting value (case-insensitive) in COLUMN on any of
 * their rows; the summary says how many events of how many persons were dropped.
 * {@code --pseudonymise} stores keyed pseudonyms instead of ids; {@code --no-properties} keeps no other columns. Roles for {@code --map}: person, anonymous, time, timeoffset, event,
 * and the identity columns email, phone, fingerprint, useragent, ip (stored only as keyed hashes);
 * {@code --map role=} (empty column) clears a role. {@code --phone-region US} reads phone numbers without a country
 * code as numbers of that region (default: this computer's); {@code --keep-plus-tags} keeps {@code +tag}s of e-mail
 * addresses apart (by default {@code ann+shop@x.org} is {@code ann@x.org}). Without {@code --timezone}, times without a zone are read in
 * the system zone.
 *
 * <p>Exit codes: 0 when events were imported, 1 when nothing was imported or something failed (one line on
 * stderr), 2 for a malformed command line. A file already in the project is refused (exit 1, nothing imported)
 * unless {@code --force}.
 *
 * <p>With {@code --json}, one JSON object: {@code imported}, {@code rejected}, {@code read}, {@code persons},
 * {@code eventTypes}, {@code firstTime}, {@code lastTime} (ISO-8601, UTC) over all events this command added,
 * then {@code project} and one entry per file in {@code files}.
 */
public final class ImportCommand {
    private static final int SHOWN_REJECTS = 5;

    private ImportCommand() {
    }

    /** Runs the command; {@code args[0]} is {@code "import"}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: import FILE… --project P [--timezone Z] [--map role=column …] [--force]"
                    + " [--pseudonymise] [--no-properties] [--consent COLUMN=v1,v2] [--phone-region US]"
                    + " [--keep-plus-tags] [--json]");
            return 2;
        }
        Path projectFile = ProjectStore.projectFile(a.project);
        boolean created = !Files.exists(projectFile);
        List<ImportResult> results = new ArrayList<>();
        try (ProjectStore store = ProjectStore.openOrCreate(a.project)) {
            ImportService service = new ImportService(store);
            List<ImportPlan> plans = new ArrayList<>();
            for (Path f : a.files) {
                plans.add(applyMapping(Ingest.inspect(f, a.zone), a.map));
            }
            if (!a.force) {
                for (ImportPlan p : plans) {
                    Optional<ImportRecord> dup = service.findDuplicate(p.file(), TaskContext.NONE);
                    if (dup.isPresent()) {
                        err.println(p.file().getFileName() + " was already imported into "
                                + ProjectStore.displayName(store.file()) + " (import " + dup.get().id() + ", "
                                + dup.get().rowsImported() + " events). Nothing was imported;"
                                + " use --force to import it again.");
                        return 1;
                    }
                }
            }
            int before = store.eventCount();
            for (ImportPlan p : plans) {
                int from = store.eventCount();
                ImportResult r = service.importFile(p, new ImportOptions(a.force, a.pseudonymise, !a.noProperties,
                        a.consent, a.keys), TaskContext.NONE);
                if (p.mapping().hasIdentityColumns() && r.imported() > 0) {
                    r = withGraphPersons(r, store, from);
                }
                results.add(r);
                if (!a.json) {
                    printHuman(r, store, out);
                }
            }
            long imported = results.stream().mapToLong(ImportResult::imported).sum();
            if (a.json) {
                EventSummary total = results.size() == 1 ? null
                        : EventSummary.of(store.loadColumns(TaskContext.NONE), before, store.eventCount());
                out.println(json(results, total, store.file()));
            } else if (results.size() > 1) {
                out.printf(Locale.ROOT, "Total: %,d events imported, %,d rejected.%n", imported,
                        results.stream().mapToLong(ImportResult::rejected).sum());
            }
            if (imported == 0) {
                err.println("No events were imported.");
                return 1;
            }
            return 0;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Could not read " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Import failed: " + e);
            return 1;
        } finally {
            if (created && results.stream().allMatch(r -> r.imported() == 0)) {
                // nothing in it: do not leave an empty project behind
                try {
                    Files.deleteIfExists(projectFile);
                } catch (IOException ignored) {
                    // harmless leftover
                }
            }
        }
    }

    /**
     * {@code drop-pseudonym-key --project P --yes}: deletes the project's pseudonym key for good, so its pseudonyms can
     * never be linked to ids again.
     */
    public static int dropPseudonymKey(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        try {
            a = CommandArgs.parse(args, Set.of("--project"), Set.of("--yes"));
        } catch (IllegalArgumentException e) {
            a = null;
        }
        if (a == null || !a.values().containsKey("--project")) {
            err.println("usage: drop-pseudonym-key --project P --yes");
            return 2;
        }
        boolean yes = a.flags().contains("--yes");
        try (ProjectStore store = ProjectStore.open(Path.of(a.values().get("--project")))) {
            if (!store.hasPseudonymKey()) {
                out.println(ProjectStore.displayName(store.file()) + " has no pseudonym key.");
                return 0;
            }
            if (!yes) {
                err.println(ProjectStore.DROP_KEY_WARNING);
                err.println("Nothing was changed. Run again with --yes to delete the key.");
                return 1;
            }
            store.dropPseudonymKey();
            out.println("Deleted the pseudonym key of " + ProjectStore.displayName(store.file())
                    + ": its pseudonyms can no longer be linked to ids.");
            return 0;
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static ImportPlan applyMapping(ImportPlan plan, Map<String, String> map) {
        ColumnMapping m = plan.mapping();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String col = e.getValue().isEmpty() ? null : e.getValue();
            if (col != null && !plan.columns().contains(col)) {
                throw new UserFacingException("There is no column '" + col + "' in " + plan.file().getFileName()
                        + ". Columns: " + String.join(", ", plan.columns()));
            }
            m = switch (e.getKey()) {
                case "person" -> m.withPerson(col);
                case "anonymous" -> m.withAnonymous(col);
                case "time" -> m.withTime(col);
                case "timeoffset" -> m.withTimeOffset(col);
                case "event" -> m.withEvent(col);
                default -> m.withIdentityRole(e.getKey(), col);
            };
        }
        return plan.withMapping(m);
    }

    /**
     * The import's persons as the identity graph forms them (e-mail and phone keys join ids the import's own count,
     * which knows sign-ins only, keeps apart), so the summary agrees with {@code sessions}.
     */
    private static ImportResult withGraphPersons(ImportResult r, ProjectStore store, int from) {
        org.journeyexplorer.store.EventColumns all = store.loadColumns(TaskContext.NONE);
        int to = all.size();
        org.journeyexplorer.store.KeyColumns k = all.keys();
        org.journeyexplorer.store.KeyColumns keys = new org.journeyexplorer.store.KeyColumns(
                range(k.email(), from, to), range(k.phone(), from, to), range(k.device(), from, to),
                range(k.network(), from, to), k.values(), k.kinds());
        org.journeyexplorer.store.EventColumns mine = new org.journeyexplorer.store.EventColumns(to - from,
                range(all.user(), from, to), range(all.anonymous(), from, to),
                java.util.Arrays.copyOfRange(all.timeMicros(), from, to), range(all.eventType(), from, to),
                all.identities(), all.identityIsAnonymous(), all.eventTypes(), keys);
        int persons = org.journeyexplorer.identity.IdentityResolver.resolve(mine,
                org.journeyexplorer.identity.IdentitySettingsJson.read(store), TaskContext.NONE).personCount();
        return new ImportResult(r.importId(), r.fileName(), r.read(), r.imported(), r.rejected(), persons,
                r.eventTypes(), r.firstTime(), r.lastTime(), r.duration(), r.droppedEvents(), r.droppedPersons());
    }

    private static int[] range(int[] a, int from, int to) {
        return a == null ? null : java.util.Arrays.copyOfRange(a, from, to);
    }

    private static void printHuman(ImportResult r, ProjectStore store, PrintStream out) {
        out.printf(Locale.ROOT, "Imported %s into %s: %,d events, %,d rejected (%,d rows read) in %.1f s%n",
                r.fileName(), store.file().getFileName(), r.imported(), r.rejected(), r.read(),
                r.duration().toMillis() / 1000.0);
        if (r.imported() > 0) {
            out.printf(Locale.ROOT, "  %,d persons, %,d event types, %s to %s%n", r.persons(), r.eventTypes(),
                    r.firstTime(), r.lastTime());
        }
        if (r.droppedEvents() > 0) {
            out.printf(Locale.ROOT, "  %,d events of %,d persons dropped: no consent%n", r.droppedEvents(),
                    r.droppedPersons());
        }
        for (RejectedRow row : store.rejectedRows(r.importId(), SHOWN_REJECTS)) {
            out.printf(Locale.ROOT, "  rejected line %d: %s%n", row.line(), row.reason());
        }
        if (r.rejected() > SHOWN_REJECTS) {
            out.printf(Locale.ROOT, "  … and %,d more rejected rows (kept in the project)%n",
                    r.rejected() - SHOWN_REJECTS);
        }
    }

    private static String json(List<ImportResult> results, EventSummary total, Path project) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("imported", results.stream().mapToLong(ImportResult::imported).sum());
        o.put("rejected", results.stream().mapToLong(ImportResult::rejected).sum());
        o.put("read", results.stream().mapToLong(ImportResult::read).sum());
        o.put("droppedEvents", results.stream().mapToLong(ImportResult::droppedEvents).sum());
        // persons of different files may be the same person: a sum over files is an upper bound
        o.put("droppedPersons", results.stream().mapToLong(ImportResult::droppedPersons).sum());
        if (total == null) {
            ImportResult r = results.get(0);
            o.put("persons", r.persons());
            o.put("eventTypes", r.eventTypes());
            o.put("firstTime", r.firstTime() == null ? null : r.firstTime().toString());
            o.put("lastTime", r.lastTime() == null ? null : r.lastTime().toString());
        } else {
            o.put("persons", total.persons());
            o.put("eventTypes", total.eventTypes());
            o.put("firstTime", total.firstTime() == null ? null : total.firstTime().toString());
            o.put("lastTime", total.lastTime() == null ? null : total.lastTime().toString());
        }
        o.put("project", project.toString());
        var files = o.putArray("files");
        for (ImportResult r : results) {
            ObjectNode f = files.addObject();
            f.put("file", r.fileName());
            f.put("importId", r.importId());
            f.put("read", r.read());
            f.put("imported", r.imported());
            f.put("rejected", r.rejected());
            f.put("droppedEvents", r.droppedEvents());
            f.put("droppedPersons", r.droppedPersons());
            f.put("persons", r.persons());
            f.put("eventTypes", r.eventTypes());
            f.put("firstTime", r.firstTime() == null ? null : r.firstTime().toString());
            f.put("lastTime", r.lastTime() == null ? null : r.lastTime().toString());
            f.put("durationMillis", r.duration().toMillis());
        }
        return o.toString();
    }

    /** Parsed command line. */
    private static final class Args {
        final List<Path> files = new ArrayList<>();
        final Map<String, String> map = new LinkedHashMap<>();
        Path project;
        ZoneId zone = ZoneId.systemDefault();
        boolean force;
        boolean json;
        boolean pseudonymise;
        boolean noProperties;
        org.journeyexplorer.store.ConsentRule consent;
        org.journeyexplorer.ingest.KeyNormaliser.Options keys = org.journeyexplorer.ingest.KeyNormaliser.Options.DEFAULT;

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 1; i < args.length; i++) {
                String s = args[i];
                switch (s) {
                    case "--project" -> a.project = Path.of(value(args, ++i, s));
                    case "--timezone" -> {
                        String z = value(args, ++i, s);
                        try {
                            a.zone = ZoneId.of(z);
                        } catch (DateTimeException e) {
                            throw new IllegalArgumentException("Unknown time zone '" + z
                                    + "' (use a region like Europe/Rome or an offset like +02:00).");
                        }
                    }
                    case "--map" -> {
                        String m = value(args, ++i, s);
                        int eq = m.indexOf('=');
                        String role = eq < 0 ? "" : m.substring(0, eq).toLowerCase(Locale.ROOT);
                        if (!List.of("person", "anonymous", "time", "timeoffset", "event").contains(role)
                                && !List.of(ColumnMapping.IDENTITY_ROLES).contains(role)) {
                            throw new IllegalArgumentException("--map takes role=column with role one of person,"
                                    + " anonymous, time, timeoffset, event, email, phone, fingerprint, useragent, ip;"
                                    + " got '" + m + "'.");
                        }
                        a.map.put(role, m.substring(eq + 1));
                    }
                    case "--force" -> a.force = true;
                    case "--json" -> a.json = true;
                    case "--pseudonymise", "--pseudonymize" -> a.pseudonymise = true;
                    case "--no-properties" -> a.noProperties = true;
                    case "--keep-plus-tags" -> a.keys = a.keys.withStripPlusTags(false);
                    case "--phone-region" -> a.keys = a.keys.withPhoneRegion(value(args, ++i, s));
                    case "--consent" -> {
                        try {
                            a.consent = org.journeyexplorer.store.ConsentRule.parse(value(args, ++i, s));
                        } catch (UserFacingException e) {
                            throw new IllegalArgumentException(e.getMessage());
                        }
                    }
                    default -> {
                        if (s.startsWith("--")) {
                            throw new IllegalArgumentException("Unknown option " + s + ".");
                        }
                        a.files.add(Path.of(s));
                    }
                }
            }
            if (a.files.isEmpty()) {
                throw new IllegalArgumentException("Name at least one file to import.");
            }
            if (a.project == null) {
                throw new IllegalArgumentException("Name the project with --project P.");
            }
            return a;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value.");
            }
            return args[i];
        }
    }
}
