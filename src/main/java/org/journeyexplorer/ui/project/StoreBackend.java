package org.journeyexplorer.ui.project;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.ProjectFrames;
import org.journeyexplorer.analysis.ProjectProperties;
import org.journeyexplorer.analysis.PropertyValues;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.IdentitySettingsJson;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.store.DuplicateImportException;
import org.journeyexplorer.store.EventColumns;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.RejectedRow;
import org.journeyexplorer.ui.FilterSettings;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.ProjectInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The production {@link ProjectBackend}: an H2 {@link ProjectStore}, {@link ImportService} for imports, and
 * {@link ProjectFrames} for stitching and sessions. The loaded columns are cached, so changing the session timeout
 * or stitching only re-sorts and re-sessionizes in memory; an import drops the cache.
 *
 * <p>Locking is deliberately narrow: an import runs without holding this object's lock, so filters and frame
 * rebuilds over the cached columns stay available while a long import is running.
 */
public final class StoreBackend implements ProjectBackend {
    /** Rejected rows kept for the import summary; the store keeps all of them. */
    static final int REJECTS_SHOWN = 10_000;

    private ProjectStore store;
    private ProjectInfo info;
    private EventColumns columns;
    private PropertyValues properties;
    private ProjectStore propertiesStore;
    private org.journeyexplorer.ui.IdentityInfo identity;

    @Override
    public ProjectInfo open(Path project, TaskContext ctx) {
        close();
        ctx.message("Opening " + ProjectStore.displayName(ProjectStore.projectFile(project)));
        ProjectStore s = ProjectStore.openOrCreate(project);
        ProjectInfo i;
        try {
            i = infoOf(s);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        synchronized (this) {
            store = s;
            info = i;
            return info;
        }
    }

    /** User setting marking the bundled demo data, so the app can keep other files out of it. */
    public static final String DEMO_SETTING = "demo";

    /** The project as the shell shows it, read from the store (off the FX thread). */
    private static ProjectInfo infoOf(ProjectStore s) {
        return new ProjectInfo(s.file(), ProjectStore.displayName(s.file()), s.eventCount(),
                ProjectFrames.journeyScope(s), s.userSetting(DEMO_SETTING).isPresent());
    }

    @Override
    public ProjectInfo saveJourneyScope(JourneyScope scope) {
        ProjectStore s = store();
        ProjectFrames.saveJourneyScope(s, scope);
        ProjectInfo i = infoOf(s);
        synchronized (this) {
            if (store == s) {
                info = i;
            }
        }
        return i;
    }

    @Override
    public Optional<String> userSetting(String key) {
        return store().userSetting(key);
    }

    @Override
    public void putUserSetting(String key, String value) {
        ProjectStore s = store();
        s.putUserSetting(key, value);
        if (DEMO_SETTING.equals(key)) {
            ProjectInfo i = infoOf(s);
            synchronized (this) {
                if (store == s) {
                    info = i;
                }
            }
        }
    }

    @Override
    public synchronized ProjectInfo current() {
        return info;
    }

    @Override
    public void recordExport(String what, Path file, long count) {
        ProjectStore s;
        synchronized (this) {
            s = store;
        }
        if (s != null) {
            s.audit("export", what + " → " + file.getFileName(), count);
        }
    }

    private synchronized ProjectStore store() {
        if (store == null) {
            throw new IllegalStateException("no project is open");
        }
        return store;
    }

    @Override
    public EventFrame buildFrame(FrameOptions options, TaskContext ctx) {
        ProjectStore s = store();
        EventColumns c;
        synchronized (this) {
            c = columns;
        }
        if (c == null) {
            c = s.loadColumns(ctx);
            synchronized (this) {
                if (store == s) {
                    columns = c;
                }
            }
        }
        ctx.message(options.journey() == JourneyScope.CASE ? "Building cases" : "Building sessions");
        IdentitySettings settings = IdentitySettingsJson.read(s).withStitch(options.stitchIdentities());
        org.journeyexplorer.analysis.BuiltFrame built = ProjectFrames.build(s, c, settings,
                options.rule(), ctx);
        synchronized (this) {
            if (store == s) {
                identity = new org.journeyexplorer.ui.IdentityInfo(built.identity(), built.graph(), settings);
            }
        }
        return built.frame();
    }

    @Override
    public synchronized org.journeyexplorer.ui.IdentityInfo identity() {
        return identity;
    }

    @Override
    public void saveIdentitySettings(IdentitySettings settings) {
        IdentitySettingsJson.save(store(), settings);
    }

    @Override
    public Selection select(EventFrame frame, FilterSettings f, TaskContext ctx) {
        Filter filter = toFilter(f);
        return filter.apply(frame, filter.propertyKey() == null ? null : propertyValues(ctx));
    }

    /**
     * The project's property index ({@link ProjectProperties}): built once per project (or read back from it) and
     * kept until the events change, so a property filter costs one pass over the frame.
     */
    @Override
    public PropertyValues propertyValues(TaskContext ctx) {
        ProjectStore s = store();
        synchronized (this) {
            if (properties != null && propertiesStore == s) {
                return properties;
            }
        }
        PropertyValues p = ProjectProperties.of(s, ctx);
        synchronized (this) {
            if (store == s) {
                properties = p;
                propertiesStore = s;
            }
        }
        return p;
    }

    /** The analysis filter for the panel's settings (days are whole days in the settings' zone). */
    public static Filter toFilter(FilterSettings f) {
        long from = f.from() == null ? Long.MIN_VALUE
                : f.from().atStartOfDay(f.zone()).toInstant().toEpochMilli() * 1000L;
        long to = f.to() == null ? Long.MAX_VALUE
                : f.to().plusDays(1).atStartOfDay(f.zone()).toInstant().toEpochMilli() * 1000L;
        return Filter.NONE.withRange(from, Math.max(from, to)).withHiddenTypes(f.hiddenTypes())
                .withProperty(f.propertyKey(), f.propertyValue());
    }

    @Override
    public ImportReport importFile(ImportPlan plan, boolean force, AtomicLong rowsRead, TaskContext ctx) {
        return importFile(plan, org.journeyexplorer.store.ImportOptions.DEFAULT.withForce(force), rowsRead, ctx);
    }

    @Override
    public org.journeyexplorer.store.ImportOptions rememberedImportOptions() {
        return new ImportService(store()).rememberedPrivacy();
    }

    @Override
    public ImportReport importFile(ImportPlan plan, org.journeyexplorer.store.ImportOptions options,
                                   AtomicLong rowsRead, TaskContext ctx) {
        ProjectStore s = store();
        // a consent filter reads the file twice: count the rows of the current pass only
        ImportService service = new ImportService(s, (p, sink, c) -> {
            rowsRead.set(0);
            Ingest.read(p, counting(sink, rowsRead), c);
        });
        ImportResult r;
        try {
            r = service.importFile(plan, options, ctx);
        } catch (DuplicateImportException e) {
            return ImportReport.duplicate(e.previous().started());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ImportReport.Reject> rejects = r.rejected() == 0 ? List.of()
                : s.rejectedRows(r.importId(), REJECTS_SHOWN).stream()
                .map((RejectedRow x) -> new ImportReport.Reject(x.line(), x.reason(), x.rawText())).toList();
        // the first import decides whether this is a case log, so the project info is read again
        ProjectInfo after = infoOf(s);
        synchronized (this) {
            if (store == s) {
                columns = null;
                properties = null;
                info = after;
            }
        }
        return new ImportReport(null, r.imported(), r.rejected(), r.firstTime(), r.lastTime(), r.persons(),
                r.eventTypes(), rejects, r.droppedEvents(), r.droppedPersons());
    }

    private static EventSink counting(EventSink sink, AtomicLong rows) {
        return new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                rows.incrementAndGet();
                sink.event(event);
            }

            @Override
            public void reject(long line, String reason, String raw) {
                rows.incrementAndGet();
                sink.reject(line, reason, raw);
            }
        };
    }

    @Override
    public String[] propertiesJson(int[] sourceRows) {
        return store().loadProperties(sourceRows);
    }

    @Override
    public org.journeyexplorer.ui.privacy.PrivacyService privacy() {
        return org.journeyexplorer.ui.privacy.PrivacyService.of(this::store, () -> {
            synchronized (this) { // a deletion changed the events: the cached columns and index are stale
                columns = null;
                properties = null;
                if (store != null) {
                    info = info.withEvents(store.eventCount());
                }
            }
        });
    }

    @Override
    public void close() {
        ProjectStore s;
        synchronized (this) {
            s = store;
            store = null;
            info = null;
            columns = null;
            properties = null;
            identity = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
