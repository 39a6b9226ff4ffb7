package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.project.ConsentRule;
import org.journeyexplorer.project.EventSummary;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ImportResult;
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
 * code as numbers of that region ({@code none}: only numbers with one); {@code --keep-plus-tags} keeps {@code +tag}s
 * of e-mail addresses apart, {@code --strip-plus-tags} drops them ({@code ann+shop@x.org} is {@code ann@x.org}).
 * Without these, an import normalises keys as the project's last import did (so the same address keeps matching),
 * and a project's first import drops {@code +tags} and reads numbers in this computer's region, as the app does. Without {@code --timezone}, times without a zone are read in
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

    private static final Set<String> VALUES = Set.of("--project", "--timezone", "--map", "--consent",
            "--phone-region");
    private static final Set<String> FLAGS = Set.of("--force", "--json", "--pseudonymise", "--pseudonymize",
            "--no-properties", "--keep-plus-tags", "--strip-plus-tags");

    /** Runs the command; {@code args[0]} is {@code "import"}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path[] created = {null};
        List<ImportResult> results = new ArrayList<>();
        ImportService.Begun[] begun = {null};
        try {
            return Guard.run("import", err, () -> {
                Args a = Args.parse(args);
                // the first file's hash and read need no project: begun now, they run while this thread starts
                // the store (the other files' wait for their turn, rather than all reading at once)
                begun[0] = begin(a);
                Path projectFile = ProjectSession.projectFile(a.project);
                if (!Files.exists(projectFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    created[0] = projectFile;
                }
                try (ProjectSession session = ProjectSession.openOrCreate(a.project)) {
                    return importInto(session, a, begun[0], results, out, err);
                }
            });
        } finally {
            if (begun[0] != null) {
                begun[0].close();
            }
            if (created[0] != null && results.stream().allMatch(r -> r.imported() == 0)) {
                // nothing in it: do not leave an empty project behind
                try {
                    Files.deleteIfExists(created[0]);
                } catch (IOException ignored) {
                    // harmless leftover
                }
            }
        }
    }

    /**
     * The work on the first file that needs no project ({@link ImportService.Begun}): its hash, and its read when
     * its layout reads and the import reads it once (no consent filter); null when it is no file. A file whose
     * layout does not read is hashed only: the import reports what is wrong with it in its turn, as before.
     */
    private static ImportService.Begun begin(Args a) {
        if (a.files.isEmpty() || !Files.isRegularFile(a.files.get(0))) {
            return null;
        }
        Path f = a.files.get(0);
        if (a.consent != null) {
            return ImportService.Begun.hash(f);
        }
        ImportPlan plan;
        try {
            plan = applyMapping(Ingest.inspect(f, a.zone), a.map, f.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return ImportService.Begun.hash(f);
        }
        return ImportService.Begun.hashAndRead(plan);
    }

    private static int importInto(ProjectSession session, Args a, ImportService.Begun begun,
                                  List<ImportResult> results, PrintStream out, PrintStream err) throws IOException {
        List<ImportPlan> plans = new ArrayList<>();
        for (Path f : a.files) {
            ImportPlan early = begun != null && plans.isEmpty() ? begun.plan() : null;
            plans.add(early != null ? early
                    : applyMapping(Ingest.inspect(f, a.zone), a.map, f.getFileName().toString()));
        }
        if (!a.force) {
            for (ImportPlan p : plans) {
                Optional<ImportRecord> dup = session.findDuplicate(p.file(),
                        begun != null && p == plans.get(0) ? begun.hash() : null, TaskContext.NONE);
                if (dup.isPresent()) {
                    err.println(p.file().getFileName() + " was already imported into " + session.name()
                            + " (import " + dup.get().id() + ", " + dup.get().rowsImported() + " events)."
                            + " Nothing was imported; use --force to import it again.");
                    return Guard.FAILED;
                }
            }
        }
        int before = session.eventCount();
        for (ImportPlan p : plans) {
            ImportResult r = session.importFile(p, new ImportOptions(a.force, a.pseudonymise, !a.noProperties,
                    a.consent, a.keys(session.rememberedImportOptions().keys())), null,
                    p == plans.get(0) ? begun : null, TaskContext.NONE);
            results.add(r);
            if (!a.json) {
                printHuman(r, session, out);
            }
        }
        long imported = results.stream().mapToLong(ImportResult::imported).sum();
        if (a.json) {
            EventSummary total = results.size() == 1 ? null
                    : EventSummary.of(session.columns(TaskContext.NONE), before, session.eventCount());
            out.println(json(results, total, session.file()));
        } else if (results.size() > 1) {
            out.printf(Locale.ROOT, "Total: %,d events imported, %,d rejected.%n", imported,
                    results.stream().mapToLong(ImportResult::rejected).sum());
        }
        if (imported == 0) {
            err.println("No events were imported.");
            return Guard.FAILED;
        }
        return 0;
    }

    /**
     * The plan with the roles {@code --map} named ({@link #parseMap}); a column the source does not have is refused.
     *
     * @param source what to call the file or topic in a message
     */
    static ImportPlan applyMapping(ImportPlan plan, Map<String, String> map, String source) {
        ColumnMapping m = plan.mapping();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String col = e.getValue().isEmpty() ? null : e.getValue();
            if (col != null && !plan.columns().contains(col)) {
                throw new UserFacingException("There is no column '" + col + "' in " + source
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

    private static void printHuman(ImportResult r, ProjectSession session, PrintStream out) {
        out.printf(Locale.ROOT, "Imported %s into %s: %,d events, %,d rejected (%,d rows read) in %s%n",
                r.fileName(), session.file().getFileName(), r.imported(), r.rejected(), r.read(),
                Formats.duration(r.duration().toNanos() / 1000));
        if (r.imported() > 0) {
            out.printf(Locale.ROOT, "  %,d persons, %,d event types, %s to %s%n", r.persons(), r.eventTypes(),
                    r.firstTime(), r.lastTime());
        }
        if (r.droppedEvents() > 0) {
            out.printf(Locale.ROOT, "  %,d events of %,d persons dropped: no consent%n", r.droppedEvents(),
                    r.droppedPersons());
        }
        for (RejectedRow row : session.rejectedRows(r.importId(), SHOWN_REJECTS)) {
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

    /** {@code --timezone Z}: the zone for times without one; the system's when absent. */
    static ZoneId zone(CommandArgs c) {
        String z = c.value("--timezone", null);
        if (z != null) {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new UsageException("Unknown time zone '" + z
                        + "' (use a region like Europe/Rome or an offset like +02:00).");
            }
        }
        return ZoneId.systemDefault();
    }

    /** The {@code --map role=column} options, role → column ("" clears the role). */
    static Map<String, String> parseMap(CommandArgs c) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String m : c.all("--map")) {
            int eq = m.indexOf('=');
            String role = eq < 0 ? "" : m.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!List.of("person", "anonymous", "time", "timeoffset", "event").contains(role)
                    && !List.of(ColumnMapping.IDENTITY_ROLES).contains(role)) {
                throw new UsageException("--map takes role=column with role one of person, anonymous, time,"
                        + " timeoffset, event, email, phone, fingerprint, useragent, ip; got '" + m + "'.");
            }
            map.put(role, m.substring(eq + 1));
        }
        return map;
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
        ConsentRule consent;
        /** Drop {@code +tags}: null keeps what the project's last import did (as the app's dialog preselects). */
        Boolean stripPlusTags;
        /** Whether {@code --phone-region} was given; else the project's last import's region holds. */
        boolean regionGiven;
        String region;

        /** The key normalisation: the project's last import's, with this command line's changes. */
        KeyNormaliser.Options keys(KeyNormaliser.Options remembered) {
            KeyNormaliser.Options k = remembered;
            if (stripPlusTags != null) {
                k = k.withStripPlusTags(stripPlusTags);
            }
            return regionGiven ? k.withPhoneRegion(region) : k;
        }

        static Args parse(String[] args) {
            CommandArgs c = CommandArgs.parse(args, VALUES, FLAGS, true);
            Args a = new Args();
            c.positional().forEach(f -> a.files.add(Path.of(f)));
            if (a.files.isEmpty()) {
                throw new UsageException("Name at least one file to import.");
            }
            String project = c.value("--project", null);
            if (project == null) {
                throw new UsageException("Name the project with --project P.");
            }
            a.project = Path.of(project);
            a.zone = zone(c);
            a.map.putAll(parseMap(c));
            a.force = c.flag("--force");
            a.json = c.flag("--json");
            a.pseudonymise = c.flag("--pseudonymise") || c.flag("--pseudonymize");
            a.noProperties = c.flag("--no-properties");
            if (c.flag("--keep-plus-tags") && c.flag("--strip-plus-tags")) {
                throw new UsageException("Give --keep-plus-tags or --strip-plus-tags, not both.");
            }
            if (c.flag("--keep-plus-tags") || c.flag("--strip-plus-tags")) {
                a.stripPlusTags = c.flag("--strip-plus-tags");
            }
            String region = c.value("--phone-region", null);
            if (region != null) {
                a.regionGiven = true;
                a.region = region.equalsIgnoreCase("none") ? null : region;
                try {
                    KeyNormaliser.Options.DEFAULT.withPhoneRegion(a.region);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--phone-region: " + e.getMessage());
                }
            }
            String consent = c.value("--consent", null);
            if (consent != null) {
                try {
                    a.consent = ConsentRule.parse(consent);
                } catch (UserFacingException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            return a;
        }
    }
}
