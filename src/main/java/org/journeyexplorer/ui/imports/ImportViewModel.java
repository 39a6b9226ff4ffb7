package org.journeyexplorer.ui.imports;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.export.Csv;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.project.ConsentRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Dialogs;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.FrameStats;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.ProjectFiles;
import org.journeyexplorer.ui.ProjectInfo;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import dialog's state and commands: inspect the file, let the user adjust column roles and time zone while
 * showing how rows parse, import in the background with progress, then summarise. Steps are {@link Step}s.
 */
public final class ImportViewModel implements RoleMappingPane.Roles {
    /** The dialog's pages. */
    public enum Step { INSPECTING, MAPPING, DUPLICATE, IMPORTING, DONE, FAILED }

    /** Shown in role combo boxes for "no such column". */
    public static final String NONE = "(none)";
    private static final int PREVIEW_ROWS = 100;
    private static final int SAMPLE_EVENTS = 5;
    /** Offered when the project has no remembered consent values. */
    public static final String DEFAULT_CONSENT_VALUES = "yes,true,1,granted";

    private final AppModel model;
    private final TaskRunner runner;
    private final Path file;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.INSPECTING);
    private final ReadOnlyObjectWrapper<ImportPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<String> roleChoices = FXCollections.observableArrayList();
    private final ObservableList<Map<String, String>> previewRows = FXCollections.observableArrayList();
    private final ObservableList<String> samples = FXCollections.observableArrayList();
    private final ObjectProperty<String> person = new SimpleObjectProperty<>(this, "person", NONE);
    private final ObjectProperty<String> anonymous = new SimpleObjectProperty<>(this, "anonymous", NONE);
    private final ObjectProperty<String> time = new SimpleObjectProperty<>(this, "time", NONE);
    private final ObjectProperty<String> timeOffset = new SimpleObjectProperty<>(this, "timeOffset", NONE);
    private final ObjectProperty<String> event = new SimpleObjectProperty<>(this, "event", NONE);
    private final ObjectProperty<String> email = new SimpleObjectProperty<>(this, "email", NONE);
    private final ObjectProperty<String> phone = new SimpleObjectProperty<>(this, "phone", NONE);
    private final ObjectProperty<String> fingerprint = new SimpleObjectProperty<>(this, "fingerprint", NONE);
    private final ObjectProperty<String> userAgent = new SimpleObjectProperty<>(this, "userAgent", NONE);
    private final ObjectProperty<String> ip = new SimpleObjectProperty<>(this, "ip", NONE);
    private final ObjectProperty<String> phoneRegion = new SimpleObjectProperty<>(this, "phoneRegion", NONE);
    private final BooleanProperty stripPlusTags = new SimpleBooleanProperty(this, "stripPlusTags", true);
    private final BooleanProperty pseudonymise = new SimpleBooleanProperty(this, "pseudonymise");
    private final ObjectProperty<String> consentColumn = new SimpleObjectProperty<>(this, "consentColumn", NONE);
    private final StringProperty consentValues = new SimpleStringProperty(this, "consentValues",
            DEFAULT_CONSENT_VALUES);
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(this, "zone", ZoneId.systemDefault());
    private final ReadOnlyStringWrapper formatText = new ReadOnlyStringWrapper(this, "formatText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper duplicateText = new ReadOnlyStringWrapper(this, "duplicateText", "");
    private final BooleanProperty intoNewProject = new SimpleBooleanProperty(this, "intoNewProject");
    private final StringProperty newProjectName = new SimpleStringProperty(this, "newProjectName", "");
    private final ReadOnlyStringWrapper currentProjectText = new ReadOnlyStringWrapper(this, "currentProject", "");
    private final ReadOnlyStringWrapper newProjectPath = new ReadOnlyStringWrapper(this, "newProjectPath", "");
    private final ReadOnlyStringWrapper targetReason = new ReadOnlyStringWrapper(this, "targetReason", "");
    private Task<?> importTask;
    private Task<?> sampleTask;
    private long fileSize;
    private boolean applyingPlan;

    public ImportViewModel(AppModel model, TaskRunner runner, Path file) {
        this.model = model;
        this.runner = runner;
        this.file = file;
        for (ObjectProperty<String> role : List.of(person, anonymous, time, timeOffset, event, email, phone,
                fingerprint, userAgent, ip)) {
            role.addListener((o, a, b) -> mappingChanged());
        }
        zone.addListener((o, a, b) -> mappingChanged());
        consentColumn.addListener((o, a, b) -> privacyChanged());
        consentValues.addListener((o, a, b) -> privacyChanged());
        intoNewProject.addListener((o, a, b) -> privacyChanged());
        newProjectName.addListener((o, a, b) -> {
            newProjectPath.set(newProjectTarget() == null ? "" : newProjectTarget().toString());
            privacyChanged();
        });
        // the open project's count follows it: a dialog opened while the project still opens (the app started with
        // --import, or a file dropped at once) said "demo (0 events, demo data)" until it closed
        currentProjectText.set(describe(model.getProject()));
        model.projectProperty().addListener(new javafx.beans.value.WeakChangeListener<>(projectChanged));
        newProjectName.set(uniqueName(projectDir(), baseName(file)));
    }

    /** Held here: the model holds only a weak reference, so a closed dialog's view model is not kept alive by it. */
    private final javafx.beans.value.ChangeListener<ProjectInfo> projectChanged =
            (o, a, p) -> currentProjectText.set(describe(p));

    private static String describe(ProjectInfo p) {
        return p == null ? "" : p.name() + " (" + Format.count(p.events()) + " events" + (p.demo() ? ", demo data)" : ")");
    }

    /** Reads the head of the file in the background and detects its layout. */
    public void inspect() {
        step.set(Step.INSPECTING);
        ZoneId z = zone.get();
        var backend = model.backend();
        runner.run("Inspecting " + file.getFileName(), ctx -> {
            try {
                ImportPlan p = Ingest.inspect(file, z);
                List<Map<String, String>> rows = Ingest.previewRaw(p, PREVIEW_ROWS);
                long size = Files.size(file);
                return new Inspection(p, rows, size, backend.rememberedImportOptions());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, this::showInspection, this::failed);
    }

    private record Inspection(ImportPlan plan, List<Map<String, String>> rows, long size, ImportOptions remembered) {
    }

    private void showInspection(Inspection in) {
        fileSize = in.size();
        applyingPlan = true;
        try {
            plan.set(in.plan());
            columns.setAll(in.plan().columns());
            roleChoices.setAll(NONE);
            roleChoices.addAll(in.plan().columns());
            previewRows.setAll(in.rows());
            ColumnMapping m = in.plan().mapping();
            person.set(orNone(m.person()));
            anonymous.set(orNone(m.anonymous()));
            time.set(orNone(m.time()));
            timeOffset.set(orNone(m.timeOffset()));
            event.set(orNone(m.event()));
            email.set(orNone(m.email()));
            phone.set(orNone(m.phone()));
            fingerprint.set(orNone(m.fingerprint()));
            userAgent.set(orNone(m.userAgent()));
            ip.set(orNone(m.ip()));
            zone.set(in.plan().zone());
            // privacy choices are per project: offer what its last import used
            ImportOptions r = in.remembered() == null ? ImportOptions.DEFAULT : in.remembered();
            pseudonymise.set(r.pseudonymise());
            ConsentRule c = r.consent();
            consentColumn.set(c != null && in.plan().columns().contains(c.column()) ? c.column() : NONE);
            consentValues.set(c != null ? c.valuesText() : DEFAULT_CONSENT_VALUES);
            // keys must be normalised as the project's earlier imports were, or the same address would not match
            stripPlusTags.set(r.keys().stripPlusTags());
            phoneRegion.set(orNone(r.keys().phoneRegion()));
        } finally {
            applyingPlan = false;
        }
        formatText.set(describe(in.plan()));
        chooseTarget(in.plan(), in.rows());
        step.set(Step.MAPPING);
        refreshSamples();
    }

    private static String orNone(String s) {
        return s == null ? NONE : s;
    }

    private static String column(ObjectProperty<String> p) {
        return p.get() == null || NONE.equals(p.get()) ? null : p.get();
    }

    private String describe(ImportPlan p) {
        String fmt = switch (p.format()) {
            case DELIMITED -> p.delimiter() == '\t' ? "Tab-separated" : "Delimited by '" + p.delimiter() + "'";
            case JSON_LINES -> "JSON Lines";
            case JSON_ARRAY -> "JSON array";
            case XES -> "XES event log";
        };
        return fmt + (p.gzip() ? ", gzip" : "") + " · " + Format.count(p.columns().size()) + " columns · "
                + String.format(Locale.US, "%.1f MB", fileSize / 1e6)
                + (p.timeFormatDescription() == null ? "" : " · times: " + p.timeFormatDescription());
    }

    private void privacyChanged() {
        if (applyingPlan || plan.get() == null) {
            return;
        }
        problem.set(problems(plan.get()));
    }

    private String problems(ImportPlan p) {
        String s = validate(p);
        if (s.isEmpty()) {
            s = targetProblem();
        }
        return s.isEmpty() ? consentProblem() : s;
    }

    // ---------------------------------------------------------------- which project the file goes into

    /**
     * A new project is the default when the open project is the demo, or when none of the file's first event names
     * occur in the open project (helpdesk tickets among a shop's clicks would mix two unrelated logs). An empty
     * project takes the file.
     */
    private void chooseTarget(ImportPlan p, List<Map<String, String>> rows) {
        ProjectInfo info = model.getProject();
        EventFrame f = model.getFrame();
        String reason = "";
        if (info == null) {
            reason = "";
        } else if (info.demo()) {
            reason = info.name() + " holds the demo data; your file gets a project of its own.";
        } else if (info.events() > 0 && f != null && p.mapping().event() != null && unrelated(f, rows,
                p.mapping().event())) {
            reason = "None of the first event names of this file occur in " + info.name()
                    + "; it looks like another log.";
        }
        targetReason.set(reason);
        intoNewProject.set(info == null || !reason.isEmpty());
    }

    private static boolean unrelated(EventFrame f, List<Map<String, String>> rows, String eventColumn) {
        java.util.Set<String> known = java.util.Set.of(f.typeNames);
        boolean any = false;
        for (Map<String, String> r : rows) {
            String name = r.get(eventColumn);
            if (name != null && !name.isBlank()) {
                any = true;
                if (known.contains(name.strip())) {
                    return false;
                }
            }
        }
        return any;
    }

    private String targetProblem() {
        if (!intoNewProject.get()) {
            return "";
        }
        String name = newProjectName.get() == null ? "" : newProjectName.get().strip();
        if (name.isEmpty()) {
            return "Name the new project.";
        }
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return "A project name cannot hold / or \\ or start with a dot.";
        }
        Path target = newProjectTarget();
        if (target != null && Files.exists(target)) {
            return "There is already a project named " + name + " in " + target.getParent()
                    + "; choose another name.";
        }
        return "";
    }

    /** New projects go beside the open one (the data folder for the demo, which lives there). */
    private Path projectDir() {
        ProjectInfo p = model.getProject();
        Path parent = p == null ? null : p.path().toAbsolutePath().getParent();
        return parent != null ? parent : ProjectFiles.dataDir();
    }

    /** The file a new project would be, or null for an unusable name. */
    private Path newProjectTarget() {
        String name = newProjectName.get() == null ? "" : newProjectName.get().strip();
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            return null;
        }
        try {
            return ProjectFiles.normalize(projectDir().resolve(name));
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The file name without its extensions ({@code helpdesk.csv.gz} → {@code helpdesk}). */
    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.indexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        return base.isBlank() ? "events" : base;
    }

    /** {@code base}, or {@code base 2}, {@code base 3}… when a project of that name exists in {@code dir}. */
    static String uniqueName(Path dir, String base) {
        String name = base;
        for (int i = 2; Files.exists(ProjectFiles.normalize(dir.resolve(name))); i++) {
            name = base + " " + i;
        }
        return name;
    }

    private String consentProblem() {
        String c = column(consentColumn);
        if (c == null) {
            return "";
        }
        if (ConsentRule.splitValues(consentValues.get() == null ? "" : consentValues.get()).isEmpty()) {
            return "Type the values of '" + c + "' that mean consent, e.g. " + DEFAULT_CONSENT_VALUES + ".";
        }
        if (plan.get().mapping().isRole(c)) {
            return "The consent column '" + c + "' is also used as an id, time, event or identity column;"
                    + " choose another.";
        }
        return "";
    }

    /** The options the import will run with: the privacy choices of the dialog. */
    public ImportOptions importOptions(boolean force) {
        String c = column(consentColumn);
        ConsentRule rule = c == null ? null : new ConsentRule(c, ConsentRule.splitValues(consentValues.get()));
        return new ImportOptions(force, pseudonymise.get(), true, rule, keyOptions());
    }

    /** How e-mail addresses and phone numbers are normalised before they are hashed. */
    KeyNormaliser.Options keyOptions() {
        return new KeyNormaliser.Options(stripPlusTags.get(), column(phoneRegion));
    }

    private void mappingChanged() {
        if (applyingPlan || plan.get() == null) {
            return;
        }
        plan.set(plan.get()
                .withMapping(new ColumnMapping(column(person), column(anonymous), column(time), column(timeOffset),
                        column(event), column(email), column(phone), column(fingerprint), column(userAgent),
                        column(ip)))
                .withZone(zone.get()));
        refreshSamples();
    }

    /** Parses the first few rows under the current mapping, so the user sees what the import will make of them. */
    private void refreshSamples() {
        ImportPlan p = plan.get();
        problem.set(problems(p));
        if (!validate(p).isEmpty()) {
            samples.clear();
            return;
        }
        if (sampleTask != null) {
            sampleTask.cancel();
        }
        ZoneId z = p.zone();
        sampleTask = runner.run("Parsing sample rows", ctx -> sample(p, z), samples::setAll, t -> {
            if (!(t instanceof CancelledException)) {
                samples.setAll("Could not parse the file with these columns: " + Dialogs.messageOf(t));
            }
        });
    }

    static String validate(ImportPlan p) {
        ColumnMapping m = p.mapping();
        if (m.time() == null) {
            return "Choose the column that holds the time of each event.";
        }
        if (m.event() == null) {
            return "Choose the column that holds the event name.";
        }
        if (m.person() == null && m.anonymous() == null) {
            return "Choose the column that identifies the person (or the anonymous / device id).";
        }
        return oneColumnOneRole(m);
    }

    /** A column that plays two roles would be read twice, once in plain text for an identity column: refused. */
    private static String oneColumnOneRole(ColumnMapping m) {
        String[] names = {"person id", "anonymous id", "time", "time offset", "event name", "e-mail", "phone",
                "device fingerprint", "user agent", "IP address"};
        String[] cols = {m.person(), m.anonymous(), m.time(), m.timeOffset(), m.event(), m.email(), m.phone(),
                m.fingerprint(), m.userAgent(), m.ip()};
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length && cols[i] != null; j++) {
                if (cols[i].equals(cols[j])) {
                    return "'" + cols[i] + "' is chosen as both the " + names[i] + " and the " + names[j]
                            + " column; a column can play one role.";
                }
            }
        }
        return "";
    }

    /** Stops reading after a few events: the reader has no "first n rows" mode, so a sink ends it early. */
    private static List<String> sample(ImportPlan p, ZoneId z) {
        List<String> out = new ArrayList<>();
        final class Enough extends RuntimeException {
            Enough() {
                super(null, null, false, false);
            }
        }
        int[] rejects = {0};
        try {
            Ingest.read(p, new EventSink() {
                @Override
                public void event(ParsedEvent e) {
                    out.add(describe(e, z));
                    if (out.size() >= SAMPLE_EVENTS) {
                        throw new Enough();
                    }
                }

                @Override
                public void reject(long line, String reason, String raw) {
                    if (rejects[0]++ < 3) {
                        out.add("line " + line + " rejected: " + reason);
                    }
                    if (rejects[0] > 50) {
                        throw new Enough();
                    }
                }
            }, TaskContext.NONE);
        } catch (Enough e) {
            // expected
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One parsed event as the dialogs' samples show it: "2025-10-01 08:00:00  ·  u42  ·  search". */
    public static String describe(ParsedEvent e, ZoneId z) {
        return Format.dateTime(FrameStats.micros(e.timeMicros()), z) + "  ·  "
                + (e.personId() != null ? e.personId() : "anon " + e.anonymousId()) + "  ·  " + e.eventName();
    }

    /** Starts the import; a file imported before asks first (see {@link Step#DUPLICATE}). */
    public void startImport(boolean force) {
        ImportPlan p = plan.get();
        if (p == null || !problems(p).isEmpty()) {
            return;
        }
        ImportOptions options = importOptions(force);
        step.set(Step.IMPORTING);
        progress.set(-1);
        progressText.set("Starting…");
        rateText.set("");
        if (intoNewProject.get()) {
            Path target = newProjectTarget();
            progressText.set("Creating the project " + ProjectFiles.displayName(target) + "…");
            // the new project is opened (and becomes the window's project) first; the file then goes into it
            model.openProject(target, info -> {
                intoNewProject.set(false);
                currentProjectText.set(info.name() + " (new)");
                runImport(p, options);
            });
            return;
        }
        runImport(p, options);
    }

    private void runImport(ImportPlan p, ImportOptions options) {
        long started = System.nanoTime();
        var backend = model.backend();
        AtomicLong rows = new AtomicLong();
        var task = runner.run("Importing " + file.getFileName(), ctx -> backend.importFile(p, options, rows, ctx),
                this::imported, this::failed);
        importTask = task;
        // Progress and messages reach the FX thread coalesced and late; one that arrives after the task ended
        // must not overwrite the final text ("Import cancelled…").
        task.workDoneProperty().addListener((o, a, b) -> {
            if (!task.isDone()) {
                showProgress(b.doubleValue(), rows.get(), started);
            }
        });
        task.messageProperty().addListener((o, a, b) -> {
            if (!task.isDone()) {
                progressText.set(b);
            }
        });
    }

    private void showProgress(double bytes, long rows, long startedNanos) {
        if (bytes < 0 || fileSize <= 0) {
            return;
        }
        progress.set(Math.min(1, bytes / fileSize));
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (seconds > 0.2) {
            rateText.set(String.format(Locale.US, "%s rows · %s rows/s · %.1f of %.1f MB", Format.count(rows),
                    Format.count((long) (rows / seconds)), bytes / 1e6, fileSize / 1e6));
        }
    }

    private void imported(ImportReport r) {
        if (r.isDuplicate()) {
            duplicateText.set(file.getFileName() + " was already imported on "
                    + Format.dateTime(r.duplicateOf(), ZoneId.systemDefault()) + ". Import it again?");
            step.set(Step.DUPLICATE);
            return;
        }
        report.set(r);
        step.set(Step.DONE);
        model.reloadFrame();
    }

    private void failed(Throwable t) {
        if (t instanceof CancelledException) {
            progressText.set("Import cancelled. Nothing was imported.");
            step.set(plan.get() == null ? Step.FAILED : Step.MAPPING);
            return;
        }
        problem.set(Dialogs.messageOf(t));
        step.set(Step.FAILED);
    }

    /** Cancels a running import. */
    public void cancelImport() {
        if (importTask != null && !importTask.isDone()) {
            importTask.cancel();
        }
    }

    /** Writes the rejected rows as CSV (line, reason, raw) in the background. */
    public void exportRejects(Path target, Runnable done) {
        ImportReport r = report.get();
        if (r == null) {
            return;
        }
        List<ImportReport.Reject> rejects = r.rejects();
        runner.run("Exporting rejected rows", ctx -> {
            writeRejects(rejects, target);
            model.recordExport("rejected rows CSV", target, rejects.size());
            return target;
        }, p -> done.run(), model::fail);
    }

    static void writeRejects(List<ImportReport.Reject> rejects, Path target) {
        Csv.write(target, csv -> {
            csv.header("line", "reason", "raw");
            for (ImportReport.Reject r : rejects) {
                csv.number(r.line()).text(r.reason()).text(r.raw()).endRow();
            }
        });
    }

    /** Summary lines for the last page. */
    public List<String[]> summaryRows() {
        ImportReport r = report.get();
        if (r == null) {
            return List.of();
        }
        ZoneId z = ZoneId.systemDefault();
        List<String[]> rows = new ArrayList<>(List.of(
                new String[]{"Imported events", Format.count(r.imported())},
                new String[]{"Rejected rows", Format.count(r.rejected())},
                new String[]{"Time span", Format.dateTime(r.firstEvent(), z) + " – " + Format.dateTime(r.lastEvent(), z)},
                new String[]{"Persons", Format.count(r.persons())},
                new String[]{"Event types", Format.count(r.eventTypes())}));
        if (r.droppedEvents() > 0) {
            rows.add(new String[]{"Dropped: no consent", Format.count(r.droppedEvents()) + " events of "
                    + Format.count(r.droppedPersons()) + " persons"});
        }
        ProjectInfo p = model.getProject();
        if (p != null) {
            rows.add(new String[]{"Into the project", p.name() + "   " + p.path()});
        }
        return rows;
    }

    public Path file() {
        return file;
    }

    /** True to import into a new project made from the file, false for the open project. */
    public BooleanProperty intoNewProjectProperty() {
        return intoNewProject;
    }

    /** The new project's name (a file in the open project's folder). */
    public StringProperty newProjectNameProperty() {
        return newProjectName;
    }

    /** Where the new project will be, or "" for an unusable name. */
    public ReadOnlyStringProperty newProjectPathProperty() {
        return newProjectPath.getReadOnlyProperty();
    }

    /** The open project as the dialog names it ("shop (73,710 events, demo data)"). */
    public ReadOnlyStringProperty currentProjectTextProperty() {
        return currentProjectText.getReadOnlyProperty();
    }

    /** Why a new project is proposed ("… holds the demo data …"), or "". */
    public ReadOnlyStringProperty targetReasonProperty() {
        return targetReason.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ObservableList<String> columns() {
        return columns;
    }

    /** Column names plus {@link #NONE}, for the role pickers. */
    @Override
    public ObservableList<String> roleChoices() {
        return roleChoices;
    }

    public ObservableList<Map<String, String>> previewRows() {
        return previewRows;
    }

    /** A few rows as they will be imported (time in the chosen zone · person · event), or parse problems. */
    public ObservableList<String> samples() {
        return samples;
    }

    @Override
    public ObjectProperty<String> personProperty() {
        return person;
    }

    @Override
    public ObjectProperty<String> anonymousProperty() {
        return anonymous;
    }

    @Override
    public ObjectProperty<String> timeProperty() {
        return time;
    }

    @Override
    public ObjectProperty<String> timeOffsetProperty() {
        return timeOffset;
    }

    @Override
    public ObjectProperty<String> eventProperty() {
        return event;
    }

    /** E-mail column: a contact key (two ids with the same address are one person), or {@link #NONE}. */
    public ObjectProperty<String> emailProperty() {
        return email;
    }

    /** Phone number column: a contact key, or {@link #NONE}. */
    public ObjectProperty<String> phoneProperty() {
        return phone;
    }

    /** Device fingerprint column (a signal for probable links), or {@link #NONE}. */
    public ObjectProperty<String> fingerprintProperty() {
        return fingerprint;
    }

    /** User agent column (with the IP prefix, a signal for probable links), or {@link #NONE}. */
    public ObjectProperty<String> userAgentProperty() {
        return userAgent;
    }

    /** IP address column (only its network prefix is kept), or {@link #NONE}. */
    public ObjectProperty<String> ipProperty() {
        return ip;
    }

    /**
     * Region (ISO 3166 two-letter code) whose numbers are meant when a phone number has no country code, or
     * {@link #NONE} to key only numbers written with one.
     */
    public ObjectProperty<String> phoneRegionProperty() {
        return phoneRegion;
    }

    /** Whether the {@code +tag} of e-mail addresses is dropped ({@code ann+shop@x.org} is {@code ann@x.org}). */
    public BooleanProperty stripPlusTagsProperty() {
        return stripPlusTags;
    }

    /** Store keyed pseudonyms instead of ids. */
    public BooleanProperty pseudonymiseProperty() {
        return pseudonymise;
    }

    /** The column whose values say whether a person consented, or {@link #NONE} for no consent filter. */
    public ObjectProperty<String> consentColumnProperty() {
        return consentColumn;
    }

    /** Comma-separated values of the consent column that mean consent (case-insensitive). */
    public StringProperty consentValuesProperty() {
        return consentValues;
    }

    @Override
    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public ReadOnlyStringProperty formatTextProperty() {
        return formatText.getReadOnlyProperty();
    }

    /** What prevents importing (missing role, unreadable file), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty duplicateTextProperty() {
        return duplicateText.getReadOnlyProperty();
    }
}
