package org.journeyexplorer.ui.project;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.domain.EventProperties;
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
import org.journeyexplorer.ui.FilterSettings;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.IdentityInfo;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.ProjectInfo;
import org.journeyexplorer.ui.privacy.PrivacyService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private volatile IdentityInfo identity;

    @Override
    public ProjectInfo open(Path project, TaskContext ctx) {
        close();
        ctx.message("Opening " + ProjectSession.displayName(ProjectSession.projectFile(project)));
        ProjectSession s = ProjectSession.openOrCreate(project);
        session = s;
        opened = s.file();
        return info(s);
    }

    /** The project as the shell shows it, read from the session (off the FX thread). */
    private static ProjectInfo info(ProjectSession s) {
        return new ProjectInfo(s.file(), s.name(), s.eventCount(), s.journeyScope(),
                s.userSetting(DEMO_SETTING).isPresent());
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
        return identity;
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
            identity = new IdentityInfo(built.identity(), built.graph(), rule.identity());
        }
        return built.frame();
    }

    @Override
    public Selection select(EventFrame frame, FilterSettings f, TaskContext ctx) {
        return require().select(frame, f.toFilter(f.lastMinutes() > 0 ? newest(frame) : Long.MIN_VALUE), ctx);
    }

    /** The time of the frame's newest event (the "last N minutes" filter counts back from it). */
    public static long newest(EventFrame frame) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < frame.size; i++) {
            max = Math.max(max, frame.time[i]);
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
        return propertyStats(ctx).keys();
    }

    @Override
    public List<PropertyValue> propertyValues(String key, int n, TaskContext ctx) {
        List<PropertyValue> all = propertyStats(ctx).values().getOrDefault(key, List.of());
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Up to this many distinct values are counted per key: enough to offer, bounded for ids and URLs. */
    private static final int VALUES_PER_KEY = 1000;
    /** Rows of properties read at a time while counting. */
    private static final int PROPERTY_BATCH = 64 * 1024;
    private volatile PropertyStats stats;

    private record PropertyStats(ProjectSession session, long version, List<PropertyKey> keys,
                                 Map<String, List<PropertyValue>> values) {
    }

    /**
     * Counts keys and values by reading every event's properties once per project version. The core's property
     * index (keys and top values kept as derived data) replaces this scan when it lands; the segment editor asks
     * only through this backend.
     */
    private PropertyStats propertyStats(TaskContext ctx) {
        ProjectSession s = require();
        long version = s.version();
        PropertyStats cached = stats;
        if (cached != null && cached.session() == s && cached.version() == version) {
            return cached;
        }
        int total = s.eventCount();
        Map<String, Long> keyCount = new HashMap<>();
        Map<String, Map<String, Long>> valueCount = new HashMap<>();
        for (int from = 0; from < total; from += PROPERTY_BATCH) {
            ctx.checkCancelled();
            ctx.message("Reading property values");
            ctx.progress(from, total);
            int n = Math.min(PROPERTY_BATCH, total - from);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = from + i;
            }
            for (String json : s.properties(rows)) {
                for (EventProperties.Entry e : EventProperties.entries(json)) {
                    keyCount.merge(e.key(), 1L, Long::sum);
                    Map<String, Long> vs = valueCount.computeIfAbsent(e.key(), k -> new HashMap<>());
                    if (vs.containsKey(e.value()) || vs.size() < VALUES_PER_KEY) {
                        vs.merge(e.value(), 1L, Long::sum);
                    }
                }
            }
        }
        List<PropertyKey> keys = keyCount.entrySet().stream()
                .map(e -> new PropertyKey(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((PropertyKey k) -> -k.events()).thenComparing(PropertyKey::name))
                .toList();
        Map<String, List<PropertyValue>> values = new HashMap<>();
        valueCount.forEach((k, vs) -> values.put(k, vs.entrySet().stream()
                .map(e -> new PropertyValue(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((PropertyValue v) -> -v.events()).thenComparing(PropertyValue::value))
                .toList()));
        PropertyStats out = new PropertyStats(s, version, keys, values);
        stats = out;
        return out;
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
        ProjectSession s = session;
        session = null;
        opened = null;
        identity = null;
        stats = null;
        if (s != null) {
            s.close();
        }
    }
}
