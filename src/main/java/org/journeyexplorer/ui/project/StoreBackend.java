package org.journeyexplorer.ui.project;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.project.DuplicateImportException;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.IdentityInfo;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.ProjectInfo;
import org.journeyexplorer.ui.privacy.PrivacyService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The production {@link ProjectBackend}: a thin adapter of the FX side onto one {@link ProjectSession}, which owns
 * the project (imports, frames and their cache, filters, audit, concurrency). This class only translates the
 * shell's values ({@link FrameOptions}, {@link FilterSettings}, {@link ImportReport}) and swaps sessions on open.
 */
public final class StoreBackend implements ProjectBackend {
    /** Rejected rows kept for the import summary; the store keeps all of them. */
    static final int REJECTS_SHOWN = 10_000;

    /** User setting marking the bundled demo data, so the app can keep other files out of it. */
    public static final String DEMO_SETTING = "demo";

    private volatile ProjectSession session;
    private volatile Path opened;
    /** The last frame built and the identity settings it was built under; its report is worked out on first use. */
    private volatile Built last;

    private record Built(BuiltFrame frame, org.journeyexplorer.identity.IdentitySettings settings) {
    }

    /** The open started by {@link #openAhead}, until {@link #open} (or {@link #close}) takes it; else null. */
    private volatile Thread ahead;
    /** The file {@link #openAhead} opened and built the frame of, once it succeeded. */
    private volatile Path openedAhead;
    /** What the open ahead says while it opens ({@link #openingMessage}), for the {@link #open} that waits for it. */
    private volatile String aheadMessage;

    /**
     * Starts opening the project {@code project} names, if that file exists, and building its frame under
     * {@code options}, on a thread of its own and with this backend's own open and {@link #buildFrame}: the app starts
     * it before its window, which needs no project, so the store and the frame are ready by the time the window is.
     * A later {@link #open} of the same file waits for it and keeps what it opened (the frame is then in the
     * session's cache); of another file, or after a failure, it opens as usual (so a failure is reported as usual,
     * by that open). Call it once, before any other method.
     */
    public void openAhead(java.util.function.Supplier<Path> project, FrameOptions options) {
        openAhead(project, options, f -> {
        });
    }

    /**
     * As {@link #openAhead(java.util.function.Supplier, FrameOptions)}, then passes the frame built to {@code then}
     * on the same thread (the app computes its first chart of it there); the {@link #open} that keeps the project
     * waits for that too. Whatever {@code then} throws is ignored: the project stays open, and what {@code then}
     * computes ahead is computed again where it is needed, and fails there as it would have.
     */
    public void openAhead(java.util.function.Supplier<Path> project, FrameOptions options,
                          java.util.function.Consumer<EventFrame> then) {
        openAhead(project, options, () -> {
        }, then);
    }

    /**
     * As {@link #openAhead(java.util.function.Supplier, FrameOptions, java.util.function.Consumer)}, and runs
     * {@code opened} on the same thread once the project is open, before its frame is built (the app reads the tab of
     * the project's last view there). Whatever {@code opened} throws is ignored, as {@code then}'s is.
     */
    public void openAhead(java.util.function.Supplier<Path> project, FrameOptions options, Runnable opened,
                          java.util.function.Consumer<EventFrame> then) {
        Thread t = new Thread(() -> {
            Path p = project.get();
            if (p == null || !java.nio.file.Files.isRegularFile(ProjectSession.projectFile(p))) {
                return; // nothing to open, or a project to create: the app's open does that
            }
            aheadMessage = openingMessage(p); // before the open: a file not closed properly is rewritten first
            ProjectInfo info = openNow(p, TaskContext.NONE);
            try {
                opened.run();
            } catch (RuntimeException e) {
                // nothing is lost: the app then starts on its first tab and applies the last view as it opens
            }
            EventFrame f = buildFrame(options.withJourney(info.journey()), TaskContext.NONE);
            f.typeCounts();
            openedAhead = info.path();
            org.journeyexplorer.ui.StartupTiming.mark("project opened ahead, frame built");
            try {
                then.accept(f);
            } catch (RuntimeException e) {
                // see above: computed again, and reported, by whoever needs it
            }
        }, "je-open-ahead");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> {
            // told by the open that follows, which opens the project again and fails the same way
        });
        ahead = t;
        t.start();
    }

    /** Waits for the open {@link #openAhead} started, if any; the file it opened, or null. */
    private Path awaitAhead() {
        Thread t = ahead;
        if (t == null) {
            return null;
        }
        org.journeyexplorer.core.Threads.joinUninterruptibly(t);
        ahead = null;
        Path p = openedAhead;
        openedAhead = null;
        return p;
    }

    @Override
    public ProjectInfo open(Path project, TaskContext ctx) {
        String ahead = aheadMessage;
        if (ahead != null) {
            ctx.message(ahead); // while it waits for the open ahead, which may be putting the file in order
            aheadMessage = null;
        }
        Path done = awaitAhead();
        ProjectSession s = session;
        if (done != null && s != null && s.file().equals(done) && sameFile(done, ProjectSession.projectFile(project))) {
            ctx.message("Opening " + ProjectSession.displayName(done));
            return info(s);
        }
        return openNow(project, ctx);
    }

    /** The status line while {@code project} opens: why it takes longer when it was not closed properly. */
    public static String openingMessage(Path project) {
        String name = ProjectSession.displayName(ProjectSession.projectFile(project));
        return ProjectSession.closedProperly(project) ? "Opening " + name : "Opening " + name + ": it was not"
                + " closed properly last time, so it is put in order first (seconds for millions of events)";
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private ProjectInfo openNow(Path project, TaskContext ctx) {
        close();
        ctx.message(openingMessage(project));
        ProjectSession s = ProjectSession.openOrCreate(project);
        session = s;
        opened = s.file();
        return info(s);
    }

    /**
     * The project as the shell shows it, read from the session (off the FX thread). The demo is marked by a user
     * setting; a demo made by an earlier version, without the mark, is known by its file.
     */
    private static ProjectInfo info(ProjectSession s) {
        boolean demo = s.userSetting(DEMO_SETTING).isPresent()
                || s.file().toAbsolutePath().normalize().equals(
                        org.journeyexplorer.ui.ProjectFiles.demoProject().toAbsolutePath().normalize());
        return new ProjectInfo(s.file(), s.name(), s.eventCount(), s.journeyScope(), demo);
    }

    @Override
    public List<org.journeyexplorer.ui.ImportEntry> imports() {
        ProjectSession s = session;
        if (s == null) {
            return List.of();
        }
        return s.imports().stream().filter(r -> r.removed() == null)
                .map(r -> new org.journeyexplorer.ui.ImportEntry(r.id(), r.isStream() ? r.sourceKey() : r.fileName(),
                        r.rowsImported(), r.started(), r.isStream()))
                .toList();
    }

    /** Through the session, the project's one writer: events, rejected rows and the audit entry in one commit. */
    @Override
    public long removeImport(int importId, TaskContext ctx) {
        return require().removeImport(importId, ctx);
    }

    @Override
    public ProjectInfo saveJourneyScope(JourneyScope scope) {
        ProjectSession s = require();
        s.saveJourneyScope(scope);
        return info(s);
    }

    @Override
    public Optional<String> userSetting(String key) {
        return require().userSetting(key);
    }

    @Override
    public void putUserSetting(String key, String value) {
        require().putUserSetting(key, value);
    }

    @Override
    public IdentityInfo identity() {
        Built b = last;
        return b == null ? null : new IdentityInfo(b.frame().identity(), b.frame().graph(), b.settings());
    }

    @Override
    public boolean identityReady() {
        Built b = last;
        return b == null || b.frame().identityKnown();
    }

    @Override
    public void saveIdentitySettings(IdentitySettings settings) {
        require().saveIdentitySettings(settings);
    }

    @Override
    public ProjectInfo current() {
        ProjectSession s = session;
        return s == null ? null : info(s);
    }

    /** The open project's session (for features that talk to it directly, such as a stream), if any. */
    @Override
    public Optional<ProjectSession> session() {
        return Optional.ofNullable(session);
    }

    private ProjectSession require() {
        ProjectSession s = session;
        if (s == null) {
            throw new IllegalStateException("no project is open");
        }
        return s;
    }

    /** The frame rule of the shell's frame options under the project's identity rules. */
    private static FrameRule rule(ProjectSession s, FrameOptions options) {
        return new FrameRule(s.identitySettings().withStitch(options.stitchIdentities()), options.rule());
    }

    @Override
    public void recordExport(String what, Path file, long count) {
        ProjectSession s = session;
        if (s != null) {
            s.recordExport(what, file, count);
        }
    }

    @Override
    public EventFrame buildFrame(FrameOptions options, TaskContext ctx) {
        ctx.message(options.journey() == JourneyScope.CASE ? "Building cases" : "Building sessions");
        ProjectSession s = require();
        FrameRule rule = rule(s, options);
        BuiltFrame built = s.frame(rule, ctx);
        if (session == s) {
            // the report and graph are not asked for here: a reopened frame works them out from the events, which
            // the Sankey does not need (AppModel asks for them once the frame is shown)
            last = new Built(built, rule.identity());
        }
        return built.frame();
    }

    @Override
    public int catchUp(FrameOptions options, int minRows, TaskContext ctx) {
        ProjectSession s = session;
        return s == null ? 0 : s.catchUpIfBehind(rule(s, options), minRows);
    }

    @Override
    public Selection select(EventFrame frame, FilterSettings f, TaskContext ctx) {
        return require().select(frame, f.toFilter(f.lastMinutes() > 0 ? newest(frame) : Long.MIN_VALUE), ctx);
    }

    /** The time of the frame's newest event (the "last N minutes" filter counts back from it). */
    public static long newest(EventFrame frame) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < frame.size; i++) {
            max = Math.max(max, frame.time.get(i));
        }
        return max;
    }

    @Override
    public ImportReport importFile(ImportPlan plan, boolean force, AtomicLong rowsRead, TaskContext ctx) {
        return importFile(plan, ImportOptions.DEFAULT.withForce(force), rowsRead, ctx);
    }

    @Override
    public ImportOptions rememberedImportOptions() {
        return require().rememberedImportOptions();
    }

    @Override
    public ImportReport importFile(ImportPlan plan, ImportOptions options, AtomicLong rowsRead, TaskContext ctx) {
        ProjectSession s = require();
        ImportResult r;
        try {
            r = s.importFile(plan, options, rowsRead, ctx);
        } catch (DuplicateImportException e) {
            return ImportReport.duplicate(e.previous().started());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ImportReport.Reject> rejects = r.rejected() == 0 ? List.of()
                : s.rejectedRows(r.importId(), REJECTS_SHOWN).stream()
                .map(x -> new ImportReport.Reject(x.line(), x.reason(), x.rawText())).toList();
        return new ImportReport(null, r.imported(), r.rejected(), r.firstTime(), r.lastTime(), r.persons(),
                r.eventTypes(), rejects, r.droppedEvents(), r.droppedPersons());
    }

    @Override
    public String[] propertiesJson(int[] sourceRows) {
        return require().properties(sourceRows);
    }

    @Override
    public Filter.PropertyIndex propertyIndex() {
        return require().propertyIndex(TaskContext.NONE);
    }

    @Override
    public List<PropertyKey> propertyKeys(TaskContext ctx) {
        return require().propertyValues(ctx).keys().stream().map(k -> new PropertyKey(k.name(), k.events())).toList();
    }

    @Override
    public List<PropertyValue> propertyValues(String key, int n, TaskContext ctx) {
        return require().propertyValues(ctx).topValues(key, n).stream()
                .map(v -> new PropertyValue(v.value(), v.events())).toList();
    }

    @Override
    public PrivacyService privacy() {
        return PrivacyService.of(this::require);
    }

    @Override
    public org.journeyexplorer.live.BatchSink liveSink() {
        return new org.journeyexplorer.live.ProjectSink(require());
    }

    @Override
    public Optional<org.journeyexplorer.live.SavedStream> savedStream() {
        return require().streamSettings().flatMap(org.journeyexplorer.live.SavedStream::fromJson);
    }

    @Override
    public void saveStream(org.journeyexplorer.live.SavedStream stream) {
        require().saveStreamSettings(stream.toJson());
    }

    @Override
    public void close() {
        if (Thread.currentThread() != ahead) {
            awaitAhead();
        }
        ProjectSession s = session;
        session = null;
        opened = null;
        last = null;
        if (s != null) {
            s.close();
        }
    }
}
