package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.FrameOrder;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.SourceRows;
import org.journeyexplorer.analysis.PropertyValues;
import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityReportCodec;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.IdentitySettingsJson;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.analysis.ProjectFrames;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.session.Sessionizer;
import org.journeyexplorer.session.Sessions;
import org.journeyexplorer.store.AppendedRows;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.privacy.PersonEraser;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.store.Events;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ImportWriter;
import org.journeyexplorer.store.ProjectSettings;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.Pseudonymizer;
import org.journeyexplorer.store.RejectedRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open project, headless: the single owner of its store that the app ({@code ui.project.StoreBackend}) and
 * every CLI command go through. It opens and closes the project (one instance per file per machine), imports files
 * and appends stream batches into it, builds the analysis frame under a {@link FrameRule} and caches it, applies
 * filters, and records exports in the audit log.
 *
 * <h2>Concurrency contract</h2>
 * Every method is safe to call from any thread.
 * <ul>
 *   <li><b>One writer at a time.</b> {@link #importFile}, {@link #append}, {@link #removeImport} and erasures run
 *       one after the other; a second one waits (cancellable through its {@link TaskContext}).</li>
 *   <li><b>Readers see committed data only.</b> {@link #frame}, {@link #select}, {@link #properties}, person
 *       search and exports read committed events; a running import's rows are invisible until it commits, and
 *       readers never wait for it.</li>
 *   <li><b>Work beside an import is its own.</b> An export's audit entry ({@link #recordExport}) and the derived
 *       data a frame build stores commit on their own: cancelling a running import loses none of it.</li>
 * </ul>
 *
 * <h2>Frames</h2>
 * {@link #frame(FrameRule, TaskContext)} returns the frame of the committed events under a rule, building it once
 * and caching it (a few rules at a time) until the events change. The session assignment is stored in the project
 * as derived data, so reopening skips sessionizing. An {@link #append} only extends the loaded columns: a cached
 * frame catches up when it is next asked for ({@link #frame} or {@link #currentFrame}, neither doing I/O for it),
 * all batches since in one incremental step. A stream of many small batches thus costs one frame update per look
 * at the frame (the app's views look at most every 2 s), not one per batch.
 *
 * <h2>Appending from a stream</h2>
 * {@link #append(StreamBatch)} stores a batch (events, rejected records, and the source's positions) in one
 * transaction: after a crash the positions in {@link #sourcePositions(String)} are exactly where the stored events
 * end, so a consumer restarted there neither loses nor repeats an event. Each source gets one import record
 * ({@code "stream " + label}), whose counts grow with every batch and whose rejected rows are shown and exported
 * like a file's. A project imported with pseudonymised ids or without properties keeps that for stream events too.
 *
 * <h2>Learning about changes</h2>
 * {@link #version()} advances with every committed change of the events; {@link #addListener} hears of each one
 * on the writing thread once readers see it (a UI hops to its own thread and asks for {@link #frame} or
 * {@link #currentFrame}).
 */
public final class ProjectSession implements AutoCloseable {
    /** How many rules' frames stay cached: the app's current one, and a previous one to switch back to. */
    private static final int CACHED_RULES = 2;
    /** Spare rows in loaded columns for appends before they need copying (a few MB). */
    private static final int APPEND_ROOM = 256 * 1024;

    /** Hears of committed changes of the events. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called on the thread that made the change, once readers see it (a cached frame catches up with an append
         * when it is next asked for); must be quick.
         */
        void projectChanged(ProjectChange change);
    }

    private final ProjectStore store;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The events version this session last saw committed. */
    private final AtomicLong version = new AtomicLong();
    /** Serializes updates of {@link #cache}; readers read the volatile field without it. */
    private final Object cacheUpdate = new Object();
    private volatile Cache cache;
    private final PropertyIndex propertyIndex;

    /**
     * The loaded events at one version and the frames built from them. Immutable once published: an append
     * publishes a new one with longer columns and the same frames, which then lag behind the columns until they
     * catch up ({@link #caughtUp}).
     *
     * @param lineage which load of the events these columns grew from by appends: a frame built on one load's
     *                columns holds for every later cache of the same lineage, up to the rows it has
     * @param loading the columns, loaded or (after a reopen from the stored frame) loaded on first use
     */
    private record Cache(long version, long lineage, LazyColumns loading,
                         Map<FrameRule, IncrementalFrames.State> frames) {
        Cache withFrame(FrameRule rule, IncrementalFrames.State f) {
            Map<FrameRule, IncrementalFrames.State> m = new LinkedHashMap<>(frames);
            m.remove(rule);
            m.put(rule, f);
            while (m.size() > CACHED_RULES) {
                m.remove(m.keySet().iterator().next());
            }
            return new Cache(version, lineage, loading, m);
        }

        /** The loaded columns (loading them now if this cache came from a reopen that did not need them). */
        Columns columns() {
            return loading.get();
        }

        /** The number of events, without loading them. */
        int size() {
            return loading.size();
        }

        /** Whether frames of {@code rule} can be built on these columns (probable links need the signals). */
        boolean serves(FrameRule rule) {
            return loading.signals() || !needsSignals(rule.identity());
        }
    }

    /**
     * Whether stitching under {@code s} reads the device and network signal columns: only probable links do. Without
     * them the loaded columns leave those two out (at 10 M events 82 MB of a 1 GB heap, read by nothing else).
     */
    static boolean needsSignals(IdentitySettings s) {
        return s.stitch() && s.probabilistic();
    }

    /**
     * The events' columns at one version, loaded when first asked for: a reopen builds its frame from the stored
     * frame order alone ({@link #fromStoredFrame}), and a command that only reads that frame (a cold {@code flows})
     * never reads the columns. Every write loads them first ({@link #loadPendingColumns}), since once the events
     * changed the columns of this version can no longer be read; a frame's identity report, worked out later from
     * these columns, thus always sees the events it was built from.
     */
    private static final class LazyColumns {
        private final int size;
        /** Whether the columns hold the device and network signals (or will, once loaded). */
        private final boolean signals;
        private Supplier<Columns> loader;
        private volatile Columns columns;

        private LazyColumns(int size, boolean signals, Supplier<Columns> loader, Columns columns) {
            this.size = size;
            this.signals = signals;
            this.loader = loader;
            this.columns = columns;
        }

        static LazyColumns loaded(Columns columns) {
            return new LazyColumns(columns.size(), columns.signals, null, columns);
        }

        static LazyColumns later(int size, boolean signals, Supplier<Columns> loader) {
            return new LazyColumns(size, signals, loader, null);
        }

        int size() {
            return size;
        }

        /** Whether the columns hold every device and network signal of the events (or will, once loaded). */
        boolean signals() {
            Columns c = columns;
            return signals || c != null && c.signals;
        }

        boolean isLoaded() {
            return columns != null;
        }

        Columns get() {
            Columns c = columns;
            if (c != null) {
                return c;
            }
            synchronized (this) {
                if (columns == null) {
                    Columns loaded = loader.get();
                    if (loaded.size() != size) {
                        throw new IllegalStateException("the events changed before their columns were read");
                    }
                    columns = loaded;
                    loader = null;
                }
                return columns;
            }
        }

        /**
         * The columns for one pass that needs them once: the loaded ones, else read afresh and not kept. A reopened
         * frame's identity report is worked out this way (the app asks for it on every open), so the columns of 10
         * M events (205 MB of a 1 GB heap) are not held afterwards unless something else loads them. Under the
         * lock of {@link #get}: a write, which loads them first, waits for the read, so the events cannot change
         * under it.
         */
        synchronized Columns getOnce() {
            Columns c = columns;
            if (c != null) {
                return c;
            }
            Columns read = loader.get();
            if (read.size() != size) {
                throw new IllegalStateException("the events changed before their columns were read");
            }
            return read;
        }
    }

    /** Numbers the loads of the events ({@link Cache#lineage}). */
    private final AtomicLong loads = new AtomicLong();
    /** How many times a reopened frame's columns were read from the events (tests: what a reopen reads). */
    private final AtomicLong laterReads = new AtomicLong();
    /** One catch-up at a time: a second reader of a lagging frame waits and then finds it current. */
    private final Object catchUp = new Object();

    private ProjectSession(ProjectStore store) {
        this.store = store;
        this.propertyIndex = new PropertyIndex(store);
        this.version.set(store.events().version());
    }

    /** Suffix of project files ({@code NAME.jexp.mv.db}). */
    public static final String EXTENSION = ProjectStore.EXTENSION;

    /** The project file for a path the user chose: {@code x}, {@code x.jexp} and {@code x.jexp.mv.db} agree. */
    public static Path projectFile(Path chosen) {
        return ProjectStore.projectFile(chosen);
    }

    /** Display name of a project file: the file name without the extension. */
    public static String displayName(Path projectFile) {
        return ProjectStore.displayName(projectFile);
    }

    /**
     * Whether the program that last wrote the project closed it; opening one that was not closed (the program was
     * killed or crashed) first rewrites the file, seconds at millions of events ({@link ProjectStore#closedProperly}).
     */
    public static boolean closedProperly(Path project) {
        return ProjectStore.closedProperly(project);
    }

    /** Opens an existing project (see {@link ProjectStore#open}). */
    public static ProjectSession open(Path project) {
        return new ProjectSession(ProjectStore.open(project));
    }

    /** Creates a new, empty project; fails when the file exists. */
    public static ProjectSession create(Path project) {
        return new ProjectSession(ProjectStore.create(project));
    }

    /** Opens the project, creating it when there is none. */
    public static ProjectSession openOrCreate(Path project) {
        return new ProjectSession(ProjectStore.openOrCreate(project));
    }

    /** The project file. */
    public Path file() {
        return store.file();
    }

    /** The project's display name. */
    public String name() {
        return store.name();
    }

    /** Number of committed events. */
    public int eventCount() {
        Cache c = cache;
        return c != null && c.version() == version.get() ? c.size() : store.events().count();
    }

    /** The events version: advances with every committed import, append, removal or erasure. */
    public long version() {
        return version.get();
    }

    /** Adds a listener for committed changes of the events. */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    // ---------------------------------------------------------------- imports

    /** The earlier import of a file with the same content, if any. */
    public Optional<ImportRecord> findDuplicate(Path file, TaskContext ctx) throws IOException {
        return findDuplicate(file, null, ctx);
    }

    /** As {@link #findDuplicate(Path, TaskContext)}, with the file's hash begun before (or null). */
    public Optional<ImportRecord> findDuplicate(Path file, ImportService.FileHash hash, TaskContext ctx)
            throws IOException {
        return new ImportService(store).findDuplicate(file, hash, ctx);
    }

    /**
     * Imports one file under the plan in one transaction (see {@link ImportService}); waits while another write
     * runs.
     *
     * @throws DuplicateImportException when the content was imported before and not {@code options.force()}
     * @throws org.journeyexplorer.core.CancelledException when cancelled; nothing was written
     */
    public ImportResult importFile(ImportPlan plan, ImportOptions options, TaskContext ctx) throws IOException {
        return importFile(plan, options, null, ctx);
    }

    /**
     * As {@link #importFile(ImportPlan, ImportOptions, TaskContext)}, counting rows read in {@code rowsRead} (for a
     * rows-per-second display; a consent filter reads the file twice, and the count restarts for each pass).
     */
    public ImportResult importFile(ImportPlan plan, ImportOptions options, AtomicLong rowsRead, TaskContext ctx)
            throws IOException {
        return importFile(plan, options, rowsRead, null, ctx);
    }

    /**
     * As {@link #importFile(ImportPlan, ImportOptions, AtomicLong, TaskContext)}, with the work begun before for
     * the plan's file ({@link ImportService.Begun}, or null), which the caller closes.
     */
    public ImportResult importFile(ImportPlan plan, ImportOptions options, AtomicLong rowsRead,
                                   ImportService.Begun begun, TaskContext ctx) throws IOException {
        ImportService service = rowsRead == null ? new ImportService(store) : new ImportService(store, (p, sink, c) -> {
            rowsRead.set(0);
            Ingest.read(p, counting(sink, rowsRead), c);
        });
        int from = eventCount();
        loadPendingColumns();
        ImportResult r = service.importFile(plan, options, begun, ctx);
        if (r.imported() > 0) {
            eventsChanged(ProjectChange.Kind.IMPORT, r.imported());
            if (plan.mapping() != null && plan.mapping().hasIdentityColumns()) {
                r = withGraphPersons(r, from, ctx);
            }
        }
        return r;
    }

    /**
     * The import's persons as the identity graph forms them from its own rows under the project's identity rules:
     * the writer's count knows sign-ins only, while e-mail and phone keys join more, so without this the import
     * summary (app and CLI) would disagree with {@code sessions} on a fresh project.
     */
    private ImportResult withGraphPersons(ImportResult r, int from, TaskContext ctx) {
        EventColumns all = columns(ctx);
        int to = all.size();
        if (from < 0 || from >= to) {
            return r;
        }
        KeyColumns k = all.keys();
        KeyColumns keys = new KeyColumns(range(k.email(), from, to), range(k.phone(), from, to),
                range(k.device(), from, to), range(k.network(), from, to), k.values(), k.kinds());
        EventColumns mine = new EventColumns(to - from, range(all.user(), from, to), range(all.anonymous(), from, to),
                Arrays.copyOfRange(all.timeMicros(), from, to), range(all.eventType(), from, to), all.identities(),
                all.identityIsAnonymous(), all.eventTypes(), keys);
        int persons = org.journeyexplorer.identity.IdentityResolver.resolve(mine, identitySettings(), ctx)
                .personCount();
        return new ImportResult(r.importId(), r.fileName(), r.read(), r.imported(), r.rejected(), persons,
                r.eventTypes(), r.firstTime(), r.lastTime(), r.duration(), r.droppedEvents(), r.droppedPersons());
    }

    private static int[] range(int[] a, int from, int to) {
        return a == null ? null : Arrays.copyOfRange(a, from, to);
    }

    private static IntChunks range(IntChunks a, int from, int to) {
        return a == null ? null : a.slice(from, to);
    }

    private static EventSink counting(EventSink sink, AtomicLong rows) {
        return new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                rows.incrementAndGet();
                sink.event(event);
            }

            @Override
            public void event(long line, String personId, String anonymousId, long timeMicros, String eventName,
                              byte[] json, int from, int to, IdentityValues identity) {
                rows.incrementAndGet();
                sink.event(line, personId, anonymousId, timeMicros, eventName, json, from, to, identity);
            }

            @Override
            public void reject(long line, String reason, String raw) {
                rows.incrementAndGet();
                sink.reject(line, reason, raw);
            }
        };
    }

    /** The privacy options the last import used (to offer them again); defaults when nothing was imported. */
    public ImportOptions rememberedImportOptions() {
        return new ImportService(store).rememberedPrivacy();
    }

    /** The settings of the stream the project was last connected to (JSON, never with a password), if any. */
    public Optional<String> streamSettings() {
        return store.settings().lastStream();
    }

    /** Saves the settings of the stream being connected (JSON; passwords must be left out). */
    public void saveStreamSettings(String json) {
        store.settings().rememberStream(json);
    }

    /** All imports and streams, oldest first, including removed ones. */
    public List<ImportRecord> imports() {
        return store.imports().all();
    }

    /** Rejected rows of an import (file or stream) in order, at most {@code limit}. */
    public List<RejectedRow> rejectedRows(int importId, int limit) {
        return store.imports().rejectedRows(importId, limit);
    }

    /**
     * Removes an import (its events and rejected rows) in one transaction; waits while another write runs.
     *
     * @return the number of events removed
     */
    public long removeImport(int importId, TaskContext ctx) {
        loadPendingColumns();
        long removed = store.imports().remove(importId, ctx);
        eventsChanged(ProjectChange.Kind.REMOVE, 0);
        return removed;
    }

    // ---------------------------------------------------------------- streams

    /**
     * Appends one stream batch: its events, rejected records and the source's new positions commit in one
     * transaction, the loaded columns are extended by it (cached frames catch up when next asked for), then
     * listeners hear of it. Waits while another write (a file import) runs; readers are never blocked.
     *
     * @throws UserFacingException when the batch cannot be stored (nothing of it is)
     */
    public AppendResult append(StreamBatch batch) {
        return append(batch, TaskContext.NONE);
    }

    /** As {@link #append(StreamBatch)}; {@code ctx} can cancel the wait for another write. */
    public AppendResult append(StreamBatch batch, TaskContext ctx) {
        long t0 = System.nanoTime();
        loadPendingColumns();
        ImportOptions privacy = rememberedImportOptions();
        AppendedRows rows;
        try (ImportWriter w = store.beginAppend(batch.sourceKey(), batch.label(), ctx)) {
            Pseudonymizer ps = privacy.pseudonymise() ? w.pseudonymizer() : null;
            boolean props = privacy.keepProperties();
            ImportService.KeyHashes keys = null;
            for (ParsedEvent e : batch.events()) {
                String person = ps == null ? e.personId() : ps.pseudonym(e.personId());
                String anon = ps == null ? e.anonymousId() : ps.pseudonym(e.anonymousId());
                String json = props ? e.propertiesJson() : null;
                if (e.identity() == IdentityValues.NONE) {
                    w.event(person, anon, e.timeMicros(), e.eventName(), json);
                } else {
                    // e-mail, phone and device signals are stored as keyed hashes only, as in a file import
                    if (keys == null) {
                        keys = streamKeys(ImportService.keyHasher(store, w), privacy);
                    }
                    String[] k = keys.of(e.identity());
                    w.event(person, anon, e.timeMicros(), e.eventName(), json, k[0], k[1], k[2], k[3]);
                }
            }
            boolean keepRaw = ps == null && props;
            for (StreamBatch.Rejected r : batch.rejects()) {
                w.reject(r.location(), r.reason(), keepRaw ? r.raw() : null);
            }
            rows = w.commitBatch(batch.sourceKey(), batch.positions());
        }
        long t1 = System.nanoTime();
        if (rows.size() > 0) {
            applyAppend(rows);
        }
        long t2 = System.nanoTime();
        int events = eventCount();
        if (rows.size() > 0) {
            notifyListeners(new ProjectChange(ProjectChange.Kind.APPEND, rows.version(), events, rows.size()));
        }
        return new AppendResult(rows.importId(), rows.size(), rows.rejected(), version.get(), events,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /** The key hashes of the last stream batch, kept for the next one (appends run one at a time). */
    private ImportService.KeyHashes streamKeys;

    /** Key hashes for a batch written with {@code hasher}: the last batch's (and what it cached) when they agree. */
    private ImportService.KeyHashes streamKeys(Pseudonymizer hasher, ImportOptions privacy) {
        ImportService.KeyHashes k = streamKeys;
        if (k == null || !k.sameAs(hasher, privacy.keys())) {
            k = new ImportService.KeyHashes(hasher, privacy.keys());
            streamKeys = k;
        }
        return k.using(hasher);
    }

    /**
     * Gets ready for stream batches: loads the store's dictionaries and builds the id look-up of every cached frame,
     * the one-off work the first batch after opening would otherwise wait for (seconds at millions of events). A
     * stream calls it while it connects; calling it again costs nothing.
     */
    public void prepareAppends(TaskContext ctx) {
        Cache c = cache;
        if (c == null) {
            store.prepareWrites(ctx);
            return;
        }
        // the writer's dictionaries take their strings from the loaded columns (one copy of each id and key)
        store.prepareWrites(ctx, c.columns().leanView(), c.version());
        EventFrame widest = null;
        for (Map.Entry<FrameRule, IncrementalFrames.State> e : c.frames().entrySet()) {
            IncrementalFrames.State s = e.getValue();
            if (s.size() <= c.size()) {
                // the look-up reads ids and keys only; a reopened frame's complete identity report, which the
                // first catch-up needs, is worked out now while the columns still hold every time (its deferred
                // work holds them until then)
                EventColumns cols = c.columns().leanView();
                publishIndexed(c, e.getKey(), s.indexed(cols).withCompleteReport());
                if (widest == null || s.size() > widest.size) {
                    widest = s.built.frame();
                }
            }
        }
        if (widest != null) {
            leanColumns(c, widest);
        }
    }

    /** Replaces a cached state by the same frame with its look-up built, unless the cache moved on meanwhile. */
    private void publishIndexed(Cache c, FrameRule rule, IncrementalFrames.State indexed) {
        synchronized (cacheUpdate) {
            Cache now = cache;
            if (now != null && now.lineage() == c.lineage()) {
                IncrementalFrames.State have = now.frames().get(rule);
                if (have != null && have.built == indexed.built) {
                    cache = now.withFrame(rule, indexed);
                }
            }
        }
    }

    /**
     * The last committed positions of a stream source: partition → position to go on from (Kafka: the next
     * offset). Empty when the source never committed a batch into this project.
     */
    public Map<Integer, Long> sourcePositions(String sourceKey) {
        return store.imports().sourcePositions(sourceKey);
    }

    /**
     * Extends the cached columns by an appended batch, or drops them when they are not its base. The frames stay as
     * they are: each catches up when it is next asked for, over every batch since in one step.
     */
    private void applyAppend(AppendedRows rows) {
        Cache peek = cache;
        if (peek != null && peek.loading().isLoaded() && peek.columns().outgrownBy(rows.size())) {
            // the columns are copied into longer ones (an eighth more rows: 185 MB at 10 M events while the old
            // ones are still held): not while a catch-up builds a frame beside the last, so the two never add up
            synchronized (catchUp) {
                extendColumns(rows);
            }
        } else {
            extendColumns(rows);
        }
    }

    private void extendColumns(AppendedRows rows) {
        synchronized (cacheUpdate) {
            Cache c = cache;
            // columns not loaded yet (a reopen published meanwhile) can no longer be read at their version: dropped
            if (c != null && c.version() == rows.version() - 1 && c.size() == rows.firstRow() && c.loading().isLoaded()) {
                cache = new Cache(rows.version(), c.lineage(), LazyColumns.loaded(c.columns().append(rows)),
                        lastUsed(c.frames()));
            } else if (c != null && c.version() < rows.version()) {
                cache = null;
            }
            version.accumulateAndGet(rows.version(), Math::max);
        }
    }

    /**
     * The most recently built or caught-up of the cached frames: while a stream appends, a frame of a rule nobody looks at would
     * only hold memory (a frame costs about 16 bytes per event: time, type and storage row) and fall further behind.
     */
    private static Map<FrameRule, IncrementalFrames.State> lastUsed(Map<FrameRule, IncrementalFrames.State> frames) {
        if (frames.size() <= 1) {
            return frames;
        }
        Map.Entry<FrameRule, IncrementalFrames.State> last = null;
        for (Map.Entry<FrameRule, IncrementalFrames.State> e : frames.entrySet()) {
            last = e;
        }
        return Map.of(last.getKey(), last.getValue());
    }

    private void eventsChanged(ProjectChange.Kind kind, long added) {
        long v = store.events().version();
        synchronized (cacheUpdate) {
            version.accumulateAndGet(v, Math::max);
            Cache c = cache;
            if (c != null && c.version() < v) {
                cache = null;
            }
        }
        propertyIndex.rowsMoved();
        notifyListeners(new ProjectChange(kind, v, store.events().count(), added));
    }

    private void notifyListeners(ProjectChange change) {
        for (Listener l : listeners) {
            try {
                l.projectChanged(change);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the change is committed and the other listeners must hear of it
            }
        }
    }

    // ---------------------------------------------------------------- frames

    /**
     * The frame of the committed events under {@code rule}: from the cache when it is current, brought up to date
     * when events were appended since (incrementally, without I/O), else built (loading the events when needed) and
     * cached.
     */
    public BuiltFrame frame(FrameRule rule, TaskContext ctx) {
        Cache c = cache;
        if (c != null && c.version() >= version.get() && c.serves(rule)) {
            IncrementalFrames.State f = c.frames().get(rule);
            if (f != null) {
                return caughtUp(c, rule, f, ctx).built;
            }
            IncrementalFrames.State sibling = sameIdentity(c, rule);
            if (sibling != null) {
                // a timeout (or start/end type) change: the persons and their order are the sibling's, so only the
                // sessions are cut again, in one pass, instead of stitching and sorting millions of events
                IncrementalFrames.State next = sibling.resessioned(rule.sessions(), ctx);
                publish(c, rule, next);
                return next.built;
            }
        } else {
            BuiltFrame reopened = fromStoredFrame(rule, ctx);
            if (reopened != null) {
                return reopened;
            }
            // room for appends: a stream then extends the columns without copying millions of rows
            Events.Loaded loaded = store.events().load(ctx, APPEND_ROOM);
            Columns columns = Columns.of(loaded.columns(), needsSignals(rule.identity()));
            c = new Cache(loaded.version(), loads.incrementAndGet(), LazyColumns.loaded(columns), Map.of());
        }
        IncrementalFrames.State built = build(c.columns().view(), c.version(), rule, ctx);
        publish(c, rule, built);
        return built.built;
    }

    /** A frame of {@code c} under the identity settings of {@code rule} over all of {@code c}'s rows, or null. */
    private static IncrementalFrames.State sameIdentity(Cache c, FrameRule rule) {
        for (Map.Entry<FrameRule, IncrementalFrames.State> e : c.frames().entrySet()) {
            if (e.getKey().identity().equals(rule.identity()) && e.getValue().size() == c.size()) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The cached frame under {@code rule} if the cache is current, brought up to date with the rows appended since
     * it was built (no I/O; the incremental step's CPU work is done here, on the caller's thread).
     */
    public Optional<BuiltFrame> currentFrame(FrameRule rule) {
        Cache c = cache;
        if (c == null || c.version() < version.get() || !c.serves(rule)) {
            return Optional.empty();
        }
        IncrementalFrames.State f = c.frames().get(rule);
        return f == null ? Optional.empty() : Optional.of(caughtUp(c, rule, f, TaskContext.NONE).built);
    }

    /**
     * Brings the cached frame under {@code rule} up to the committed rows when it is at least {@code minRows} behind
     * them (no I/O; nothing when no such frame is cached or it is nearer): a live view catches up here between two
     * refreshes, so that the refresh's own catch-up, on the way from a batch to the open chart, covers only the rows
     * committed since. Returns the rows it caught up on (0: none).
     */
    public int catchUpIfBehind(FrameRule rule, int minRows) {
        Cache c = cache;
        if (c == null || c.version() < version.get() || !c.serves(rule)) {
            return 0;
        }
        IncrementalFrames.State f = c.frames().get(rule);
        if (f == null || c.size() - f.size() < Math.max(1, minRows)) {
            return 0;
        }
        return caughtUp(c, rule, f, TaskContext.NONE).size() - f.size();
    }

    /**
     * {@code state} (cached in {@code c}) brought up to the rows of {@code c}'s columns: the rows appended since it
     * was built go through {@link IncrementalFrames} in one step, or the frame is rebuilt from the loaded columns
     * when that step cannot be exact.
     */
    private IncrementalFrames.State caughtUp(Cache c, FrameRule rule, IncrementalFrames.State state, TaskContext ctx) {
        if (state.size() == c.size()) {
            return state;
        }
        synchronized (catchUp) {
            // another reader may have brought it up while this one waited
            Cache now = cache;
            if (now != null && now.lineage() == c.lineage() && now.size() >= c.size()) {
                IncrementalFrames.State latest = now.frames().get(rule);
                if (latest != null && latest.size() > state.size()) {
                    state = latest;
                }
                // up to the newest columns: a growth of the columns (which waits for a catch-up) may have copied
                // them while this reader waited, and a catch-up on the older ones would hold both copies
                c = now;
            }
            if (state.size() == c.size()) {
                return state;
            }
            // the frame being replaced: its label arrays and results go now, not after the next frame is built
            state.built.frame().forgetRemembered();
            Columns cs = c.columns();
            int from = state.size();
            IncrementalFrames.State next;
            if (cs.holdsTimesFrom(from)) {
                // the old rows' times and types come from the frame, the new rows' from the columns
                next = IncrementalFrames.append(state, rule.identity(), cs.leanView(), cs.timesFrom(from),
                        cs.typesFrom(from), cs::view, from, ctx);
            } else {
                next = IncrementalFrames.append(state, rule.identity(), cs.view(), from, ctx);
            }
            if (next == null) {
                next = IncrementalFrames.State.listedInFull(FrameBuilder.build(cs.view(), rule.identity(),
                        rule.sessions(), null, true, ctx));
            }
            publish(c, rule, next);
            leanColumns(c, next.built.frame());
            return next;
        }
    }

    /**
     * Leaves the times and types of {@code f}'s events to {@code f} in the cached columns, when they are of {@code c}'s
     * lineage and loaded ({@link Columns#leanOn}): a stream's catch-ups then hold each event's time and type once.
     */
    private void leanColumns(Cache c, EventFrame f) {
        synchronized (cacheUpdate) {
            Cache now = cache;
            if (now != null && now.lineage() == c.lineage() && now.loading().isLoaded() && f.size <= now.size()) {
                Columns lean = now.columns().leanOn(f);
                if (lean != now.columns()) {
                    cache = new Cache(now.version(), now.lineage(), LazyColumns.loaded(lean), now.frames());
                }
            }
        }
    }

    /**
     * Caches a frame built on {@code c}'s columns, unless the cache moved to other events meanwhile or already holds
     * a frame of that rule over more rows.
     */
    private void publish(Cache c, FrameRule rule, IncrementalFrames.State f) {
        synchronized (cacheUpdate) {
            Cache now = cache;
            if (now == null || now.lineage() != c.lineage() && (now.version() < c.version()
                    || now.version() == c.version() && !now.serves(rule))) {
                // a load of the same events with the signals (probable links asked for) replaces one without
                cache = c.withFrame(rule, f);
            } else if (now.lineage() == c.lineage() && now.size() >= f.size()) {
                IncrementalFrames.State have = now.frames().get(rule);
                if (have == null || have.size() < f.size()) {
                    cache = now.withFrame(rule, f);
                }
            }
            version.accumulateAndGet(c.version(), Math::max);
        }
    }

    /** The committed events as loaded columns (cached with the frames). */
    public EventColumns columns(TaskContext ctx) {
        Cache c = cache;
        if (c != null && c.version() >= version.get()) {
            EventColumns v = c.columns().view();
            if (c.loading().signals()) {
                return v; // else the loaded columns left the device and network signals out: read in full below
            }
        }
        return store.events().loadColumns(ctx);
    }

    /**
     * Builds a frame, reusing the stored frame order (persons, the sort, times and types) and session assignment of
     * the same rule and events version, and storing them when they were computed: a reopen then skips stitching,
     * the sort and the sessionizer (their report and graph are worked out only when something asks for them).
     */
    private IncrementalFrames.State build(EventColumns columns, long atVersion, FrameRule rule, TaskContext ctx) {
        boolean[] reused = {false};
        Function<Integer, Sessions> storedSessions = storedSessions(rule, atVersion, reused);
        BuiltFrame built = null;
        if (columns.size() > 0) {
            FrameOrder stored = storedOrder(rule, atVersion, columns.size(), columns.identities().length,
                    columns.eventTypes().length);
            if (stored != null) {
                built = FrameBuilder.fromOrder(stored, SourceRows.of(stored.order()), columns.identities(),
                        columns.eventTypes(), rule.identity(), rule.sessions(), storedSessions,
                        storedReport(rule, atVersion), () -> columns, ctx);
            }
        }
        boolean orderStored = built != null;
        if (built == null) {
            built = FrameBuilder.build(columns, rule.identity(), rule.sessions(), storedSessions, true, ctx);
        }
        EventFrame f = built.frame();
        FrameOrder order = !orderStored && columns.size() > 0 ? FrameOrder.persons(f, columns) : null;
        // the order's times, its costliest part, are encoded on another core while this one packs its rows, the
        // sessions and the rest of the persons part (on two cores the first frame of a fresh import, which stores
        // all three, is then ready sooner)
        CompletableFuture<FrameOrder.EncodedTimes> times = order == null ? null
                : CompletableFuture.supplyAsync(order::encodeTimes);
        byte[] rows = order == null ? null : FrameOrder.encodeRows(f.sourceRow());
        if (!reused[0] && columns.size() > 0) {
            store.derived().write(rule.sessionsKey(atVersion), Sessionizer.encode(new Sessions(f.size,
                    f.sessionStart)));
        }
        if (order != null) {
            store.derived().write(rule.personsKey(atVersion), order.encodePersons(joined(times)));
            store.derived().write(rule.orderKey(atVersion), rows);
            // built here, so the report (every list in full) is known: a reopen reads it instead of the events
            store.derived().write(rule.identityKey(atVersion), IdentityReportCodec.encode(built.identity()));
        }
        // the identity lists in full, for appends to splice (the frame's report lists the first of them)
        return IncrementalFrames.State.listedInFull(built);
    }

    /** The value of {@code f}, or what it failed with, as it was thrown. */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * The frame of the committed events under {@code rule} from the stored frame order alone, cached with columns
     * that are read only when something needs them; null when no usable order is stored (the caller then loads
     * the events and builds the frame). The larger part of the order, the storage row of each event (15 MB at 5 M
     * events), is read only when something asks for the frame's {@link EventFrame#sourceRow() rows}: the Sankey,
     * transitions and sessions never do.
     */
    private BuiltFrame fromStoredFrame(FrameRule rule, TaskContext ctx) {
        Events.Shape shape = store.events().shape();
        long v = shape.version();
        String rowsKey = rule.orderKey(v);
        FrameOrder persons = shape.size() > 0 && store.derived().has(rowsKey)
                ? storedPersons(rule, v, shape.size(), shape.identities().length, shape.eventTypes().length) : null;
        if (persons == null) {
            return null; // none, unreadable or not these events': built afresh and stored again
        }
        ctx.checkCancelled();
        LazyColumns columns = LazyColumns.later(shape.size(), needsSignals(rule.identity()), () -> {
            laterReads.incrementAndGet();
            Events.Loaded loaded = store.events().load(TaskContext.NONE, APPEND_ROOM, shape);
            if (loaded.version() != shape.version()) {
                throw new IllegalStateException("the events changed before their columns were read");
            }
            return Columns.of(loaded.columns(), needsSignals(rule.identity()));
        });
        // every write reads them first (loadPendingColumns), while they are still this version's
        SourceRows rows = SourceRows.later(shape.size(), () -> storedRows(rule, rowsKey, shape.size(), columns));
        boolean[] reused = {false};
        BuiltFrame built = FrameBuilder.fromOrder(persons, rows, shape.identities(), shape.eventTypes(), rule.identity(),
                rule.sessions(), storedSessions(rule, shape.version(), reused), storedReport(rule, shape.version()),
                () -> columns.getOnce().view(), ctx);
        EventFrame f = built.frame();
        if (!reused[0]) {
            store.derived().write(rule.sessionsKey(shape.version()), Sessionizer.encode(new Sessions(f.size,
                    f.sessionStart)));
        }
        IncrementalFrames.State state = IncrementalFrames.State.listedInFull(built);
        publish(new Cache(shape.version(), loads.incrementAndGet(), columns, Map.of()), rule, state);
        return state.built;
    }

    /**
     * The storage rows of a reopened frame ({@link #fromStoredFrame}), read when first asked for: the stored ones,
     * else (lost or unreadable since) those of a build of the same columns under the same rule, which are the same,
     * since stitching and the sort decide them alone; those are then stored again.
     */
    private IntChunks storedRows(FrameRule rule, String key, int size, LazyColumns columns) {
        try {
            Optional<byte[]> bytes = store.derived().read(key);
            if (bytes.isPresent()) {
                return FrameOrder.decodeRowChunks(bytes.get(), size);
            }
        } catch (IllegalArgumentException e) {
            // unreadable: worked out again below
        }
        EventFrame f = FrameBuilder.build(columns.getOnce().view(), rule.identity(), rule.sessions(), null, false,
                TaskContext.NONE).frame();
        store.derived().write(key, FrameOrder.encodeRows(f.sourceRow()));
        return f.sourceRow();
    }

    /** The stored session assignment of {@code rule} at {@code atVersion}; sets {@code reused[0]} when it is read. */
    private Function<Integer, Sessions> storedSessions(FrameRule rule, long atVersion, boolean[] reused) {
        String key = rule.sessionsKey(atVersion);
        return size -> store.derived().read(key)
                .map(bytes -> {
                    Sessions s = Sessionizer.decode(bytes, size);
                    reused[0] = true;
                    return s;
                })
                .orElse(null);
    }

    /**
     * The identity report stored beside the frame order of {@code rule} at {@code atVersion} (every list in full), or
     * null when there is none or it is unreadable (then worked out from the events when asked for).
     */
    private IdentityReport storedReport(FrameRule rule, long atVersion) {
        Optional<byte[]> bytes = store.derived().read(rule.identityKey(atVersion));
        try {
            return bytes.isEmpty() ? null : IdentityReportCodec.decode(bytes.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stored frame order of {@code rule} at {@code atVersion}; null when there is none or it does not fit. */
    private FrameOrder storedOrder(FrameRule rule, long atVersion, int size, int identities, int eventTypes) {
        FrameOrder persons = storedPersons(rule, atVersion, size, identities, eventTypes);
        Optional<byte[]> rows = persons == null ? Optional.empty() : store.derived().read(rule.orderKey(atVersion));
        try {
            return rows.isEmpty() ? null : persons.withRows(FrameOrder.decodeRows(rows.get(), size));
        } catch (IllegalArgumentException e) {
            return null; // unreadable or not this frame's: built afresh and stored again
        }
    }

    /** The persons part of the stored frame order ({@link FrameOrder#decodePersons}), or null. */
    private FrameOrder storedPersons(FrameRule rule, long atVersion, int size, int identities, int eventTypes) {
        Optional<byte[]> bytes = store.derived().read(rule.personsKey(atVersion));
        try {
            return bytes.isEmpty() ? null : FrameOrder.decodePersons(bytes.get(), size, identities, eventTypes);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * How many rows' times the cached columns hold themselves (tests: the others are their frame's), or -1 when they
     * are not loaded.
     */
    int timesHeldByColumns() {
        Cache c = cache;
        return c == null || !c.loading().isLoaded() ? -1 : c.columns().timesHeld();
    }

    /**
     * The cached columns as held (tests: whether an append copied them), without times and types while a frame holds
     * those; null when they are not loaded.
     */
    EventColumns heldColumns() {
        Cache c = cache;
        return c == null || !c.loading().isLoaded() ? null : c.columns().leanView();
    }

    /** How many times the columns of a reopened frame were read from the events (tests: what a reopen reads). */
    long laterColumnReads() {
        return laterReads.get();
    }

    /** Whether the cached columns are loaded (tests: what a reopen holds). */
    boolean columnsHeld() {
        Cache c = cache;
        return c != null && c.loading().isLoaded();
    }

    /**
     * Loads the cached columns, and the cached frames' storage rows, if a reopen left them for later: a write is
     * about to change the events, after which this version's can no longer be read.
     */
    private void loadPendingColumns() {
        Cache c = cache;
        if (c != null) {
            for (IncrementalFrames.State f : c.frames().values()) {
                f.built.frame().sourceRow();
            }
            if (!c.loading().isLoaded()) {
                c.columns();
            }
        }
    }

    /** The project's identity rules (how ids are joined into persons); the defaults when never set. */
    public IdentitySettings identitySettings() {
        return IdentitySettingsJson.read(store);
    }

    /** Saves the project's identity rules; frames built under other rules stay cached under their own rule. */
    public void saveIdentitySettings(IdentitySettings settings) {
        IdentitySettingsJson.save(store, settings);
    }

    /** How the project's journeys are cut: the analyst's choice, else whole cases for a case log, else sessions. */
    public JourneyScope journeyScope() {
        return ProjectFrames.journeyScope(store);
    }

    /** Saves how the project's journeys are cut. */
    public void saveJourneyScope(JourneyScope scope) {
        ProjectFrames.saveJourneyScope(store, scope);
    }

    /** A setting the analyst made that is kept in the project (saved views, the last view…), or empty. */
    public Optional<String> userSetting(String key) {
        return store.settings().userSetting(key);
    }

    /** Stores (or, for a null value, removes) a {@link #userSetting}. */
    public void putUserSetting(String key, String value) {
        store.settings().putUserSetting(key, value);
    }

    /** The frame rule of the project's identity rules with a session rule. */
    public FrameRule rule(SessionRule sessions) {
        return new FrameRule(identitySettings(), sessions);
    }

    // ---------------------------------------------------------------- filters and properties

    /**
     * The events of {@code frame} that pass {@code filter}. A property condition is answered by the project's
     * property index ({@link #propertyValues}), without reading any JSON once the index is built.
     */
    public Selection select(EventFrame frame, Filter filter, TaskContext ctx) {
        return filter.apply(frame, filter.propertyKey() == null ? null : propertyValues(ctx));
    }

    /**
     * The index of the committed events' properties: answers property filters and lists the keys and their most
     * frequent values (for choosing a condition). Built once per project and kept in it, extended by appended
     * events, rebuilt after an import, removal or erasure; a build takes seconds at millions of events, so call it
     * off the UI thread (a second caller waits for a build in progress).
     */
    public PropertyValues propertyValues(TaskContext ctx) {
        return propertyIndex.get(ctx);
    }

    /**
     * The property filter's index as a {@link Filter.PropertyIndex}, for callers that combine several conditions
     * themselves (segments); the index is read or built at the first question, not here.
     */
    public Filter.PropertyIndex propertyIndex(TaskContext ctx) {
        return (key, value) -> propertyValues(ctx).rowsWith(key, value);
    }

    /** Properties (JSON object text, or null) of the events at the given storage rows, in the order asked. */
    public String[] properties(int[] rows) {
        return store.events().loadProperties(rows);
    }

    // ---------------------------------------------------------------- audit and privacy

    /**
     * Records in the audit log that the user exported a file (a chart, a table, rejected rows, a person's data),
     * with how many rows or images it holds. Commits at once, never as part of a running import.
     */
    public void recordExport(String what, Path file, long count) {
        store.auditLog().record("export", what + " → " + file.getFileName(), count);
    }

    /** The audit log, oldest first. */
    public List<AuditEntry> auditLog() {
        return store.auditLog().entries();
    }

    /** The person an id belongs to (through identity stitching), without changing anything. */
    public Person findPerson(String id, TaskContext ctx) {
        return PersonEraser.preview(store, id, ctx);
    }

    /**
     * Deletes the person of an id from every table of the project (see {@link PersonEraser}); waits while another
     * write runs, and no write can commit between finding the person and deleting them.
     */
    public DeletionReport forget(String id, TaskContext ctx) {
        loadPendingColumns();
        try {
            return PersonEraser.forget(store, id, ctx);
        } finally {
            eventsChanged(ProjectChange.Kind.ERASE, 0);
        }
    }

    /** Writes everything stored about the person of an id to a JSON file, and records it in the audit log. */
    public PersonExporter.Result exportPerson(String id, Path out, TaskContext ctx) {
        return PersonExporter.export(store, id, out, ctx);
    }

    /** Whether the project still holds the key of its pseudonymised ids. */
    public boolean hasPseudonymKey() {
        return store.settings().hasPseudonymKey();
    }

    /** Deletes the pseudonym key for good (see {@link ProjectSettings#dropPseudonymKey()}). */
    public void dropPseudonymKey() {
        store.settings().dropPseudonymKey();
    }

    /** Closes the project. */
    @Override
    public void close() {
        synchronized (cacheUpdate) {
            cache = null;
        }
        propertyIndex.rowsMoved();
        store.close();
    }

    /**
     * Loaded columns that an append extends without copying millions of rows: the id and key columns are chunks
     * ({@link IntChunks#appended}: a longer column shares every chunk of the last), the times and types since the
     * base frame have room; a published {@link EventColumns} view never sees rows beyond its size. (With the id and
     * key columns in arrays with room, the first append past the room copied user, anonymous, e-mail and phone ids,
     * 4 x 46 MB at 11.5 M events, beside the old ones, which readers still held: the 10 M live run at 1 GB ran out
     * of heap there.) The id and key dictionaries have room too: copied to their exact length once per view (a
     * frame's catch-up), not once per batch, where a batch of 10 k events copied a dictionary of a million ids (and
     * its garbage) to add a few hundred.
     */
    static final class Columns {
        private final int size;
        /** Per row its user id and anonymous id (each column exactly {@link #size} long). */
        private final IntChunks user;
        private final IntChunks anonymous;
        /**
         * Time and type per row; when {@link #base} is set, of the rows from {@code base.size} on only (row {@code r}
         * at {@code r - base.size}): the rows before are the base frame's events, whose times and types it holds.
         */
        private final long[] time;
        private final int[] type;
        /**
         * A frame of these columns' lineage over rows {@code [0, base.size)}, or null. While a stream appends, the
         * frame holds every event's time and type (in its own order) and these columns only the rows since: at 11.5
         * M events the two columns were 138 MB of a 1 GB heap held twice. Whatever needs them in storage order
         * ({@link #view()}) gets them scattered back from the frame.
         */
        private final EventFrame base;
        /** The first {@link #identityCount} entries are the dictionary; the rest is room. */
        private final String[] identities;
        private final boolean[] identityIsAnonymous;
        private final int identityCount;
        private final String[] eventTypes;
        /** Key columns ({@link #size} rows, or null) and the key dictionary's first {@link #keyCount} entries. */
        private final IntChunks[] keyCols;
        private final String[] keyValues;
        private final byte[] keyKinds;
        private final int keyCount;
        /**
         * Whether the device and network signal columns are kept, or the events had none when loaded (else they stay
         * null, appends too).
         */
        private final boolean signals;
        /** The exact view, made on first use (any thread may make it; all make equal ones). */
        private volatile EventColumns view;

        private Columns(int size, IntChunks user, IntChunks anonymous, long[] time, int[] type, String[] identities,
                        boolean[] identityIsAnonymous, int identityCount, String[] eventTypes, IntChunks[] keyCols,
                        String[] keyValues, byte[] keyKinds, int keyCount, boolean signals, EventColumns view) {
            this(size, user, anonymous, time, type, identities, identityIsAnonymous, identityCount, eventTypes,
                    keyCols, keyValues, keyKinds, keyCount, signals, view, null);
        }

        private Columns(int size, IntChunks user, IntChunks anonymous, long[] time, int[] type, String[] identities,
                        boolean[] identityIsAnonymous, int identityCount, String[] eventTypes, IntChunks[] keyCols,
                        String[] keyValues, byte[] keyKinds, int keyCount, boolean signals, EventColumns view,
                        EventFrame base) {
            this.base = base;
            this.size = size;
            this.signals = signals;
            this.user = user;
            this.anonymous = anonymous;
            this.time = time;
            this.type = type;
            this.identities = identities;
            this.identityIsAnonymous = identityIsAnonymous;
            this.identityCount = identityCount;
            this.eventTypes = eventTypes;
            this.keyCols = keyCols;
            this.keyValues = keyValues;
            this.keyKinds = keyKinds;
            this.keyCount = keyCount;
            this.view = view;
        }

        /** Loaded columns; without {@code signals} their device and network columns are let go. */
        static Columns of(EventColumns c, boolean signals) {
            KeyColumns k = c.keys();
            boolean drop = !signals && (k.device() != null || k.network() != null);
            int n = c.size();
            boolean exact = c.user().size() == n && c.anonymous().size() == n && exact(k.email(), n)
                    && exact(k.phone(), n) && (drop || exact(k.device(), n) && exact(k.network(), n));
            // an append extends the columns from their end: longer ones (a caller's arrays with room) are cut first
            return new Columns(n, fit(c.user(), n), fit(c.anonymous(), n), c.timeMicros(), c.eventType(),
                    c.identities(), c.identityIsAnonymous(), c.identities().length, c.eventTypes(),
                    new IntChunks[]{fit(k.email(), n), fit(k.phone(), n), drop ? null : fit(k.device(), n),
                            drop ? null : fit(k.network(), n)},
                    k.values(), k.kinds(), k.size(), !drop, drop || !exact ? null : c);
        }

        private static boolean exact(IntChunks col, int n) {
            return col == null || col.size() == n;
        }

        private static IntChunks fit(IntChunks col, int n) {
            return exact(col, n) ? col : col.slice(0, n);
        }

        int size() {
            return size;
        }

        /**
         * The columns with every row's time and type in storage order. Without a {@link #base} the arrays are these
         * columns' own; with one they are scattered back from the base frame now (16 bytes per event, not kept): for
         * full rebuilds and other rare passes, not for a catch-up ({@link #leanView}).
         */
        EventColumns view() {
            if (base == null) {
                return leanView();
            }
            EventColumns v = leanView();
            int from = base.size;
            long[] t = new long[size];
            int[] ty = new int[size];
            IntChunks rows = base.sourceRow();
            LongChunks ft = base.time;
            IntChunks fty = base.type;
            for (int i = 0; i < from; i++) {
                int r = rows.get(i);
                t[r] = ft.get(i);
                ty[r] = fty.get(i);
            }
            System.arraycopy(time, 0, t, from, size - from);
            System.arraycopy(type, 0, ty, from, size - from);
            return new EventColumns(size, v.user(), v.anonymous(), t, ty, v.identities(), v.identityIsAnonymous(),
                    v.eventTypes(), v.keys());
        }

        /**
         * The columns as held: with a {@link #base}, without times and types (null: what reads them must take them
         * from the frame, {@link #timesFrom}); else the same as {@link #view}.
         */
        EventColumns leanView() {
            EventColumns v = view;
            if (v == null) {
                KeyColumns keys = keyCount == 0 && keyCols[0] == null && keyCols[1] == null && keyCols[2] == null
                        && keyCols[3] == null ? KeyColumns.NONE
                        : new KeyColumns(keyCols[0], keyCols[1], keyCols[2], keyCols[3], exact(keyValues, keyCount),
                        keyKinds.length == keyCount ? keyKinds : Arrays.copyOf(keyKinds, keyCount));
                v = new EventColumns(size, user, anonymous, base == null ? time : null, base == null ? type : null,
                        exact(identities, identityCount),
                        identityIsAnonymous.length == identityCount ? identityIsAnonymous
                                : Arrays.copyOf(identityIsAnonymous, identityCount), eventTypes, keys);
                view = v;
            }
            return v;
        }

        private static String[] exact(String[] dict, int count) {
            return dict.length == count ? dict : Arrays.copyOf(dict, count);
        }

        /** These columns plus the batch: shares the arrays when they have room (rows past {@code size} are free). */
        Columns append(AppendedRows r) {
            int n = size + r.size();
            IntChunks u = user.appended(r.user(), 0, r.size());
            IntChunks a = anonymous.appended(r.anonymous(), 0, r.size());
            long[] t = time;
            int[] ty = type;
            int from = base == null ? 0 : base.size;
            if (n - from > t.length) {
                // all rows (no base frame yet): an eighth more; the rows since the base frame: a catch-up's worth,
                // grown by half
                int cap = base == null ? Math.max(n, size + size / 8 + 1024)
                        : Math.max(n - from, (size - from) + (size - from) / 2 + 1024);
                t = Arrays.copyOf(t, cap);
                ty = Arrays.copyOf(ty, cap);
            }
            System.arraycopy(r.timeMicros(), 0, t, size - from, r.size());
            System.arraycopy(r.eventType(), 0, ty, size - from, r.size());
            check(identityCount, r.firstNewIdentity(), "identity");
            int ids = identityCount + r.newIdentities().length;
            String[] idValues = room(identities, ids);
            boolean[] anon = identityIsAnonymous.length >= ids ? identityIsAnonymous
                    : Arrays.copyOf(identityIsAnonymous, idValues.length);
            System.arraycopy(r.newIdentities(), 0, idValues, identityCount, r.newIdentities().length);
            System.arraycopy(r.newIdentityAnonymous(), 0, anon, identityCount, r.newIdentities().length);
            String[] types = eventTypes;
            if (r.newTypes().length > 0) {
                check(eventTypes.length, r.firstNewType(), "event type");
                types = Arrays.copyOf(eventTypes, eventTypes.length + r.newTypes().length);
                System.arraycopy(r.newTypes(), 0, types, r.firstNewType(), r.newTypes().length);
            }
            check(keyCount, r.firstNewKey(), "key");
            int keys = keyCount + r.newKeys().length;
            String[] values = room(keyValues, keys);
            byte[] kinds = keyKinds.length >= keys ? keyKinds : Arrays.copyOf(keyKinds, values.length);
            System.arraycopy(r.newKeys(), 0, values, keyCount, r.newKeys().length);
            System.arraycopy(r.newKeyKinds(), 0, kinds, keyCount, r.newKeys().length);
            return new Columns(n, u, a, t, ty, idValues, anon, ids, types, appendKeyColumns(r), values,
                    kinds, keys, signals, null, base);
        }

        /**
         * These columns with the times and types of rows {@code [0, f.size)} left to {@code f}, a frame of their
         * lineage (its events are exactly those rows): only the rows since stay here. This when already so.
         */
        Columns leanOn(EventFrame f) {
            if (f == base || f.size > size || base != null && f.size < base.size) {
                return this;
            }
            int n = size - f.size;
            int cap = n + n / 2 + 1024;
            long[] t = new long[cap];
            int[] ty = new int[cap];
            int from = base == null ? 0 : base.size;
            System.arraycopy(time, f.size - from, t, 0, n);
            System.arraycopy(type, f.size - from, ty, 0, n);
            f.sourceRow(); // read now, while the events are this lineage's (a reopened frame reads them lazily)
            return new Columns(size, user, anonymous, t, ty, identities, identityIsAnonymous, identityCount,
                    eventTypes, keyCols, keyValues, keyKinds, keyCount, signals, null, f);
        }

        /**
         * Whether {@code rows} more rows make {@link #append} copy every row's time and type into longer columns (an
         * eighth more rows: 185 MB at 10 M events), which a growth does only before there is a base frame. With one,
         * a growth copies the rows since its catch-up (a batch or a few, their room half again as many), which is
         * not worth waiting for a running catch-up: at 50 k events/s that held nearly every other batch for up to a
         * catch-up's length (the frame update per batch went from 6 to 35 ms, and the batches behind it waited too).
         */
        boolean outgrownBy(int rows) {
            return base == null && size + rows > time.length;
        }

        /** How many rows' times and types these columns hold (the rest are the base frame's). */
        int timesHeld() {
            return size - (base == null ? 0 : base.size);
        }

        /** Whether rows from {@code from} on have their times and types here ({@link #timesFrom}). */
        boolean holdsTimesFrom(int from) {
            return from >= (base == null ? 0 : base.size) && from <= size;
        }

        /** The times of rows {@code [from, size)} (a copy; {@link #holdsTimesFrom} must hold). */
        long[] timesFrom(int from) {
            int off = base == null ? 0 : base.size;
            return Arrays.copyOfRange(time, from - off, size - off);
        }

        /** The types of rows {@code [from, size)} (a copy; {@link #holdsTimesFrom} must hold). */
        int[] typesFrom(int from) {
            int off = base == null ? 0 : base.size;
            return Arrays.copyOfRange(type, from - off, size - off);
        }

        private static void check(int count, int first, String what) {
            if (first != count) {
                throw new IllegalStateException(what + " dictionary out of step");
            }
        }

        /**
         * {@code dict} when it has room for {@code count} entries, else a copy with an eighth more room. Entries
         * past a view's count are never read, so later appends may write there while older views are in use.
         */
        private static String[] room(String[] dict, int count) {
            return dict.length >= count ? dict : Arrays.copyOf(dict, Math.max(count, count + count / 8 + 64));
        }

        /** The key columns plus the batch's keys (a column's first key makes it, -1 on every row before). */
        private IntChunks[] appendKeyColumns(AppendedRows r) {
            IntChunks[] cols = keyCols.clone();
            for (int kind = 0; kind < 4; kind++) {
                IntChunks col = cols[kind];
                int[] added = r.keys()[kind];
                if (col == null && added == null || kind >= 2 && !signals) {
                    continue;
                }
                // the chunks this batch filled, held compactly where they have few keys (IntChunks.rareAs)
                int filled = col == null ? 0 : col.size() >>> IntChunks.SHIFT;
                if (col == null) {
                    col = KeyColumns.emptyChunks(size);
                }
                cols[kind] = (added != null ? col.appended(added, 0, r.size()) : col.appendedFill(-1, r.size()))
                        .rareAs(-1, filled);
            }
            return cols;
        }
    }
}
