package org.journeyexplorer.store;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.EventColumns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A project: one H2 file holding the imported events and everything derived from them. This class opens and closes
 * the file and owns its connections and locks; what is stored is reached through one object per concern:
 * {@link #events()} (event chunks and dictionaries), {@link #imports()} (imports, rejected rows, stream positions),
 * {@link #derived()} (data computed from the events), {@link #auditLog()} and {@link #settings()} (settings and the
 * pseudonym key). Events are written only through an {@link ImportWriter} ({@link #beginImport},
 * {@link #beginAppend}).
 *
 * <p><b>File name.</b> H2 insists that its file ends in {@code .mv.db}, so a project file is
 * {@code NAME.jexp.mv.db} ({@link #EXTENSION}). {@link #projectFile(Path)} turns whatever the user chose
 * ({@code NAME}, {@code NAME.jexp} or the full name) into that, so callers never deal with H2's suffix; file
 * choosers filter on {@link #EXTENSION}. The project is that one file; H2 writes no other file next to it
 * (trace files are off).
 *
 * <p><b>Layout.</b> Events are stored in columnar chunks of up to {@link #CHUNK_ROWS} events (table
 * {@code event_chunk}: one BLOB per column), because H2 inserts rows one by one far too slowly for millions of
 * events and reloading a few large BLOBs is fast. Identities and event names are dictionary encoded; ids are
 * appended by each write and never change. Event names are rows of {@code event_type_dict} (id, name); identities,
 * which can number in the hundreds of thousands, are stored in blocks ({@code identity_chunk}: first id, count,
 * values as length-prefixed UTF-8, kind as one byte per id, 1 = anonymous). Storage order is the order chunks were
 * written in ({@code seq}), so an append always adds rows at the end and never moves existing ones.
 *
 * <p><b>Concurrency.</b> One instance per file per machine: a second open in this process or in another process
 * fails with a {@link UserFacingException}. Within the instance:
 * <ul>
 *   <li><i>One writer of events at a time.</i> Imports, appends, removals and erasures hold the write lock for
 *       their whole transaction on the writer connection; a second writer waits for it.</li>
 *   <li><i>Readers see committed data only.</i> Reads run on separate connections (H2's MVCC), so a running
 *       import's uncommitted chunks are invisible to them; multi-statement reads (loading all events) run in one
 *       snapshot. Reads never wait for a writer.</li>
 *   <li><i>Small writes beside an import</i> (audit entries, derived data, settings outside an import) commit on
 *       their own at once, on a reader connection: they are not part of a running import's transaction, and
 *       cancelling the import loses none of them.</li>
 * </ul>
 * Every committed change of the events advances the events version ({@link Events#version()}), read in the same
 * snapshot as the events, so a cache can tell exactly which writes a load contains.
 */
public final class ProjectStore implements AutoCloseable {
    /** Suffix of project files; H2 requires the final {@code .mv.db}. */
    public static final String EXTENSION = ".jexp.mv.db";
    /** Events per chunk: large enough that per-row SQL disappears, small enough to buffer cheaply. */
    public static final int CHUNK_ROWS = 64 * 1024;

    private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_FILE_CORRUPTED = 90030;
    private static final int H2_NOT_A_DATABASE = 90048;
    static final String EVENTS_VERSION = "events.version";

    private final Path file;
    /** Held by the one writer of events; reentrant, so an erasure can compact while holding it. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Shared by every statement, exclusive for reconnecting (compaction) and closing. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** The writer connection; used only by the holder of {@link #writeLock}. */
    private Connection writer;
    private final ArrayDeque<Connection> idleReaders = new ArrayDeque<>();
    private final List<Connection> readers = new ArrayList<>();
    private volatile boolean closed;
    /** An import was rolled back since opening: its pages are dead space worth reclaiming at close. */
    private volatile boolean rolledBack;
    /** Committed events version as far as this process knows (it is the only writer). */
    private final AtomicLong committedVersion = new AtomicLong(-1);
    /** A transaction is open on the writer connection; guarded by {@link #writeLock}. */
    private boolean transactionOpen;
    /** The dictionaries as of the last commit, for writers; guarded by {@link #writeLock}. */
    private Dictionary dictionary;

    private final Events events = new Events(this);
    private final Imports imports = new Imports(this);
    private final DerivedData derived = new DerivedData(this);
    private final AuditLog auditLog = new AuditLog(this);
    private final ProjectSettings settings = new ProjectSettings(this);

    private ProjectStore(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    // ---------------------------------------------------------------- naming

    /** The project file for a path the user chose: {@code x}, {@code x.jexp} and {@code x.jexp.mv.db} agree. */
    public static Path projectFile(Path chosen) {
        Path abs = chosen.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        if (name.endsWith(EXTENSION)) {
            return abs;
        }
        if (name.endsWith(".jexp")) {
            return abs.resolveSibling(name + ".mv.db");
        }
        if (name.endsWith(".mv.db")) {
            return abs;
        }
        return abs.resolveSibling(name + EXTENSION);
    }

    /** Display name of a project file: the file name without the extension. */
    public static String displayName(Path projectFile) {
        String name = projectFile.getFileName().toString();
        if (name.endsWith(EXTENSION)) {
            return name.substring(0, name.length() - EXTENSION.length());
        }
        return name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
    }

    /** Version of this build, recorded with each import. */
    public static String appVersion() {
        String v = ProjectStore.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    // ---------------------------------------------------------------- open and close

    /** Creates a new, empty project. Fails if the file exists. */
    public static ProjectStore create(Path chosen) {
        Path f = projectFile(chosen);
        if (Files.isSymbolicLink(f) && !Files.exists(f)) {
            throw new UserFacingException(f.getFileName() + " is a link to " + linkTarget(f)
                    + ", which does not exist. Remove the link, or choose another name.");
        }
        if (Files.exists(f)) {
            throw new UserFacingException(f.getFileName() + " already exists. Open it, or choose another name.");
        }
        if (f.getParent() != null && !Files.isDirectory(f.getParent())) {
            throw new UserFacingException("The folder " + f.getParent() + " does not exist.");
        }
        return connect(f, false, Schema.LATEST);
    }

    /** Opens an existing project, upgrading its schema if it was written by an older version. */
    public static ProjectStore open(Path chosen) {
        Path f = projectFile(chosen);
        if (Files.isSymbolicLink(f) && !Files.exists(f)) {
            throw new UserFacingException("The project " + f.getFileName() + " is a link to " + linkTarget(f)
                    + ", which does not exist.");
        }
        if (!Files.isRegularFile(f)) {
            throw new UserFacingException("There is no project " + f + ".");
        }
        if (!Files.isWritable(f)) {
            // H2 would open it read-only and fail later, at the first import, with an obscure message
            throw new UserFacingException(displayName(f) + " is read-only. Copy it to a folder you can write to,"
                    + " then open the copy.");
        }
        return connect(f, true, Schema.LATEST);
    }

    /** Opens the project, creating it when the file does not exist. */
    public static ProjectStore openOrCreate(Path chosen) {
        Path f = projectFile(chosen);
        return Files.exists(f, LinkOption.NOFOLLOW_LINKS) ? open(chosen) : create(chosen);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    /** Opens with the schema brought to {@code version} (tests create old files with a lower one). */
    static ProjectStore connect(Path f, boolean mustExist, int version) {
        if (!OPEN_IN_THIS_PROCESS.add(f)) {
            throw alreadyOpen(f, null);
        }
        try {
            if (mustExist) {
                probe(f);
                rewriteAfterUncleanEnd(f);
            }
            Connection c = connection(url(f, mustExist, false));
            try {
                int found = Schema.version(c);
                if (found > Schema.LATEST) {
                    throw newerVersion(f);
                }
                if (mustExist && found == 0) {
                    throw notAProject(f, null);
                }
                Schema.migrate(c, version);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new ProjectStore(f, c);
        } catch (SQLException e) {
            OPEN_IN_THIS_PROCESS.remove(f);
            throw openFailure(f, e);
        } catch (RuntimeException e) {
            OPEN_IN_THIS_PROCESS.remove(f);
            throw e;
        }
    }

    /**
     * Checks, without writing a byte, that an existing file is a project this build can open: H2 opened read-write
     * writes to any file it can read (it would turn an empty file into a database, and stamp a foreign database),
     * so the file is looked at read-only first.
     */
    private static void probe(Path f) throws SQLException {
        try {
            if (Files.size(f) == 0) {
                throw notAProject(f, null);
            }
        } catch (IOException e) {
            throw new UserFacingException("Could not read " + f + ": " + e.getMessage(), e);
        }
        try (Connection c = connection(url(f, true, true))) {
            int found = Schema.version(c);
            if (found > Schema.LATEST) {
                throw newerVersion(f);
            }
            if (found == 0) {
                throw notAProject(f, null);
            }
        }
    }

    /**
     * Whether the program that last wrote the project closed it (true for a project that does not exist or a file
     * that is not H2's); an open of one that was not closed rewrites it first ({@link #rewriteAfterUncleanEnd}).
     */
    public static boolean closedProperly(Path chosen) {
        Path f = projectFile(chosen);
        try {
            return !Files.exists(f) || StoreFile.endedCleanly(f);
        } catch (IOException e) {
            return true; // the open will say what is wrong with the file
        }
    }

    /**
     * When the program that last wrote the file did not close it (killed, crashed), rewrites the file before this
     * open writes anything: H2 can otherwise reuse the dead program's chunk numbers while some of its chunks stay
     * in the file, and a later open reads a mix of the two ({@link StoreFile}; the damaged 5 M project of
     * 2026-12-07). The probe just read the file, so H2 can; the rewrite keeps exactly what it read.
     */
    private static void rewriteAfterUncleanEnd(Path f) {
        try {
            if (!StoreFile.endedCleanly(f)) {
                StoreFile.rewrite(f);
            }
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("Could not open " + f + ": it was not closed properly last time, and"
                    + " putting it in order failed. Check that its folder has room for a second copy of it.", e);
        }
    }

    /**
     * A connection to {@code url} from H2's driver itself. {@code DriverManager} would first load every driver the
     * class path declares (a service lookup through the jar) and check the caller against each: 15-20 ms of a short
     * command's start, twice over with the probe, for the one driver there is.
     */
    private static Connection connection(String url) throws SQLException {
        return DRIVER.connect(url, new java.util.Properties());
    }

    private static final java.sql.Driver DRIVER = new org.h2.Driver();

    private static String url(Path f, boolean mustExist, boolean readOnly) {
        String base = f.toString().substring(0, f.toString().length() - ".mv.db".length());
        return "jdbc:h2:file:" + base + ";TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000" + (mustExist ? ";IFEXISTS=TRUE" : "")
                + (readOnly ? ";ACCESS_MODE_DATA=r" : "");
    }

    private static UserFacingException openFailure(Path f, SQLException e) {
        if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
            return alreadyOpen(f, e);
        }
        if (e.getErrorCode() == H2_FILE_CORRUPTED || e.getErrorCode() == H2_NOT_A_DATABASE) {
            return notAProject(f, e);
        }
        // H2's own text names its error codes and internals: say what failed, in our words
        return new UserFacingException("Could not open " + f + ": the file cannot be read or written here."
                + " Check that it exists and that you may write to its folder.", e);
    }

    private static UserFacingException notAProject(Path f, Throwable cause) {
        return new UserFacingException(f.getFileName() + " is not a Journey Explorer project, or it is damaged."
                + " It was left unchanged.", cause);
    }

    private static UserFacingException newerVersion(Path f) {
        return new UserFacingException(displayName(f) + " was saved by a newer Journey Explorer."
                + " Update Journey Explorer to open it.");
    }

    private static UserFacingException alreadyOpen(Path f, Throwable cause) {
        return new UserFacingException(displayName(f) + " is open in another Journey Explorer window."
                + " Close it there, or open a copy.", cause);
    }

    /** The project file. */
    public Path file() {
        return file;
    }

    /** The project's display name. */
    public String name() {
        return displayName(file);
    }

    /** Schema version of the open file. */
    public int schemaVersion() {
        return read("read the project", Schema::version);
    }

    /**
     * Closes the project. After a cancelled or failed import the file is compacted on the way out (H2
     * {@code SHUTDOWN COMPACT}, seconds for a large project), because the pages the import wrote are dead
     * space H2 would otherwise give back only slowly. A write still running fails (and rolls back).
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Connection c : readers) {
                closeQuietly(c);
            }
            readers.clear();
            idleReaders.clear();
            boolean compact = rolledBack && !writeLock.isLocked();
            if (compact && !writer.isClosed()) {
                try (Statement s = writer.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
            }
            writer.close();
        } catch (SQLException e) {
            throw failure("close the project", e);
        } finally {
            OPEN_IN_THIS_PROCESS.remove(file);
            lifecycle.writeLock().unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- concerns

    /** Stored events: count, columns, properties. */
    public Events events() {
        return events;
    }

    /** Imports (files and streams), their rejected rows, stream positions, removal. */
    public Imports imports() {
        return imports;
    }

    /** Data computed from the events (sessions, models), dropped whenever the events change. */
    public DerivedData derived() {
        return derived;
    }

    /** Who did what to the project's data. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** Project settings and the pseudonym key. */
    public ProjectSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- writes of events

    /**
     * Starts an import of a file: everything written through the returned writer becomes visible at
     * {@link ImportWriter#commit()} and disappears at {@link ImportWriter#close()} without commit, dictionary
     * entries included. Waits while another write runs (saying so to {@code ctx}, and giving up when it is
     * cancelled).
     */
    public ImportWriter beginImport(NewImport info, TaskContext ctx) {
        lockForWriting(ctx);
        return startWriter(c -> {
            int importId = Imports.insert(c, info, null);
            return new ImportWriter(this, c, importId, info.fileName(), dictionary(c), nextSeq(c), 0);
        });
    }

    /** {@link #beginImport(NewImport, TaskContext)} without waiting messages or cancellation. */
    public ImportWriter beginImport(NewImport info) {
        return beginImport(info, TaskContext.NONE);
    }

    /**
     * Starts one batch of a stream: the events go to the stream's import record (created on its first batch, named
     * {@code "stream " + label}), and {@link ImportWriter#commitBatch} commits them together with the source's
     * positions. Rows written here keep their encoded columns so the caller can update its in-memory copy.
     */
    public ImportWriter beginAppend(String sourceKey, String label, TaskContext ctx) {
        lockForWriting(ctx);
        return startWriter(c -> {
            Integer id = Imports.streamImport(c, sourceKey);
            boolean created = id == null;
            if (created) {
                id = Imports.insert(c, new NewImport("stream " + label, sourceKey, 0, "",
                        "{\"source\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(sourceKey) + "}"),
                        sourceKey);
                AuditLog.insert(c, "stream", "stream " + label + " (import " + id + ")", 0);
            }
            ImportWriter w = new ImportWriter(this, c, id, "stream " + label, dictionary(c), nextSeq(c),
                    totalEvents(c));
            w.retainRows();
            return w;
        });
    }

    private interface WriterStart {
        ImportWriter start(Connection c) throws SQLException;
    }

    private ImportWriter startWriter(WriterStart start) {
        try {
            lifecycle.readLock().lock();
            checkOpen();
            writer.setAutoCommit(false);
            transactionOpen = true;
            return start.start(writer);
        } catch (SQLException | RuntimeException e) {
            rollbackWrite();
            throw e instanceof SQLException se ? failure("start the import", se) : (RuntimeException) e;
        }
    }

    /**
     * Takes the write lock, polling so a waiting import can be cancelled. Inside {@link #exclusively} the thread
     * already holds it and goes ahead; a write started while this thread's own transaction is open is refused.
     */
    private void lockForWriting(TaskContext ctx) {
        if (writeLock.isHeldByCurrentThread()) {
            if (transactionOpen) {
                throw new IllegalStateException("a write is already running in this thread");
            }
            writeLock.lock(); // inside exclusively(): count the hold so every unlock balances
            return;
        }
        boolean told = false;
        try {
            while (!writeLock.tryLock(100, TimeUnit.MILLISECONDS)) {
                ctx.checkCancelled();
                if (!told) {
                    ctx.message("Waiting for another import into " + name() + " to finish");
                    told = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (closed) {
            writeLock.unlock();
            throw closedFailure();
        }
    }

    /** Called by the writer when it committed: the dictionaries grew, the version advanced. */
    void writeCommitted(long version, List<String> newIdentities, java.util.BitSet newAnonymous,
                        List<String> newTypes, List<String> newKeys) {
        if (dictionary != null) {
            dictionary.commit(newIdentities, newAnonymous, newTypes, newKeys);
        }
        committedVersion.set(version);
        events.invalidate();
        endWrite();
    }

    /** Rolls back the writer's transaction and releases the write lock (after a failure or a cancel). */
    void rollbackWrite() {
        rolledBack = true;
        try {
            if (!writer.isClosed()) {
                writer.rollback();
                writer.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the original failure matters more
        }
        events.invalidate();
        endWrite();
    }

    private void endWrite() {
        transactionOpen = false;
        try {
            if (!closed && !writer.isClosed()) {
                writer.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the next write sets it again
        }
        lifecycle.readLock().unlock();
        writeLock.unlock();
    }

    /** The work of one short write transaction on the writer connection. */
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction on the writer connection under the write lock, advancing the events
     * version when {@code eventsChange}. Any failure rolls it back.
     */
    <T> T write(String what, boolean eventsChange, TaskContext ctx, SqlWork<T> work) {
        lockForWriting(ctx);
        lifecycle.readLock().lock();
        try {
            checkOpen();
            writer.setAutoCommit(false);
            transactionOpen = true;
            T result = work.run(writer);
            long version = eventsChange ? bumpVersion(writer) : committedVersion.get();
            writer.commit();
            if (eventsChange) {
                dictionary = null; // an erasure blanks entries; reload rather than patch
                committedVersion.set(version);
            }
            return result;
        } catch (SQLException e) {
            rolledBack = true;
            rollbackQuietly(writer);
            throw failure(what, e);
        } catch (RuntimeException e) {
            rolledBack = true;
            rollbackQuietly(writer);
            throw e;
        } finally {
            transactionOpen = false;
            events.invalidate();
            try {
                if (!writer.isClosed()) {
                    writer.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // the next write sets it again
            }
            lifecycle.readLock().unlock();
            writeLock.unlock();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }

    /** Advances the events version inside the writer's transaction; returns the new version. */
    static long bumpVersion(Connection c) throws SQLException {
        long next = ProjectSettings.read(c, EVENTS_VERSION).map(Long::parseLong).orElse(0L) + 1;
        ProjectSettings.put(c, EVENTS_VERSION, Long.toString(next));
        return next;
    }

    private static List<Boolean> booleans(boolean[] values) {
        return new java.util.AbstractList<>() {
            @Override
            public Boolean get(int i) {
                return values[i];
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    private Dictionary dictionary(Connection c) throws SQLException {
        if (dictionary == null) {
            List<String> ids = new ArrayList<>();
            List<Boolean> anonymous = new ArrayList<>();
            Events.loadIdentities(c, ids, anonymous);
            List<String> keys = new ArrayList<>();
            Events.loadKeys(c, keys, new ArrayList<>());
            dictionary = Dictionary.of(ids, anonymous, Events.loadEventTypes(c), keys);
        }
        return dictionary.applyCommitted();
    }

    private static long nextSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM event_chunk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int totalEvents(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(row_count), 0) FROM event_chunk")) {
            rs.next();
            return Math.toIntExact(rs.getLong(1));
        }
    }

    /**
     * Loads the dictionaries writes look ids up in, unless they are loaded: a stream calls this while it connects,
     * so its first batch does not wait for hundreds of thousands of identities to be read.
     */
    public void prepareWrites(TaskContext ctx) {
        prepareWrites(ctx, null, -1);
    }

    /**
     * As {@link #prepareWrites(TaskContext)}, taking the id and key strings from {@code loaded}, the events as loaded
     * at events version {@code atVersion}, when the project is still at that version (else they are read): the
     * writer's dictionaries then share the strings the loaded columns hold instead of a second copy of each (at
     * 10 M events, 660 k ids and 1.2 M keys: most of the dictionaries' 174 MB).
     */
    public void prepareWrites(TaskContext ctx, EventColumns loaded, long atVersion) {
        lockForWriting(ctx);
        try {
            lifecycle.readLock().lock();
            try {
                checkOpen();
                if (dictionary == null && loaded != null && Events.version(writer) == atVersion) {
                    // columns without key columns carry no key dictionary (the project may still hold keys)
                    List<String> keys = new ArrayList<>();
                    if (loaded.keys().size() > 0) {
                        keys = Arrays.asList(loaded.keys().values());
                    } else {
                        Events.loadKeys(writer, keys, new ArrayList<>());
                    }
                    dictionary = Dictionary.of(Arrays.asList(loaded.identities()),
                            booleans(loaded.identityIsAnonymous()), Events.loadEventTypes(writer), keys);
                }
                dictionary(writer);
            } finally {
                lifecycle.readLock().unlock();
            }
        } catch (SQLException e) {
            throw failure("read the project's dictionaries", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code body} holding the write lock, so no import or append commits meanwhile; writes inside it
     * (reentrant) go ahead. For operations that read and then write the same events (erasing a person).
     */
    public <T> T exclusively(TaskContext ctx, java.util.function.Supplier<T> body) {
        lockForWriting(ctx);
        try {
            return body.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Rewrites the file with only its live data (H2 {@code SHUTDOWN COMPACT}), so bytes of deleted rows do not
     * survive in free pages, then reopens it. Takes a few seconds on large projects; waits for running reads.
     */
    public void compact() {
        compact("compact the project file", null);
    }

    /** Compacts after running {@code before} on the writer connection in the same exclusive section. */
    void compact(String what, SqlWork<Void> before) {
        lockForWriting(TaskContext.NONE);
        lifecycle.writeLock().lock();
        try {
            checkOpen();
            if (before != null) {
                before.run(writer);
            }
            try (Statement s = writer.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            for (Connection c : readers) {
                closeQuietly(c);
            }
            readers.clear();
            idleReaders.clear();
            writer.close();
            writer = connection(url(file, true, false));
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            events.invalidate();
            lifecycle.writeLock().unlock();
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- reads

    /** Runs {@code work} on a reader connection (autocommit: each statement sees the latest commit). */
    <T> T read(String what, SqlWork<T> work) {
        return onReader(what, false, work);
    }

    /** Runs {@code work} in one snapshot: every statement sees the same committed state. */
    <T> T readSnapshot(String what, SqlWork<T> work) {
        return onReader(what, true, work);
    }

    /**
     * A small write that commits on its own at once (audit entry, derived data, a setting), on a reader
     * connection: never part of a running import's transaction.
     */
    <T> T writeAside(String what, SqlWork<T> work) {
        return onReader(what, false, work);
    }

    private <T> T onReader(String what, boolean snapshot, SqlWork<T> work) {
        lifecycle.readLock().lock();
        Connection c = null;
        try {
            checkOpen();
            c = borrowReader();
            if (snapshot) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            T result = work.run(c);
            if (snapshot) {
                c.commit();
            }
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (c != null) {
                releaseReader(c, snapshot);
            }
            lifecycle.readLock().unlock();
        }
    }

    private Connection borrowReader() throws SQLException {
        synchronized (idleReaders) {
            Connection c = idleReaders.poll();
            if (c != null) {
                return c;
            }
        }
        Connection c = connection(url(file, true, false));
        synchronized (idleReaders) {
            readers.add(c);
        }
        return c;
    }

    private void releaseReader(Connection c, boolean snapshot) {
        try {
            if (snapshot) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
            synchronized (idleReaders) {
                if (readers.contains(c)) {
                    idleReaders.push(c);
                }
            }
        } catch (SQLException e) {
            synchronized (idleReaders) {
                readers.remove(c);
            }
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    private void checkOpen() {
        if (closed) {
            throw closedFailure();
        }
    }

    private UserFacingException closedFailure() {
        return new UserFacingException(name() + " was closed.");
    }

    /** The last committed events version this process knows, or -1 before the first read or write. */
    long knownVersion() {
        return committedVersion.get();
    }

    void learnVersion(long version) {
        committedVersion.accumulateAndGet(version, Math::max);
    }

    UserFacingException failure(String what, SQLException e) {
        return new UserFacingException("Could not " + what + " in " + name() + ": " + e.getMessage(), e);
    }

    /** Test hook: the writer connection, for checks a public method does not offer. */
    Connection connection() {
        return writer;
    }

    /** Whether a write holds the lock right now (tests and privacy requests that must not overlap an import). */
    boolean isWriting() {
        return writeLock.isLocked();
    }

    /**
     * Sets a BLOB parameter to {@code data} (null: SQL NULL). As a stream of known length, H2 stores the bytes as
     * they are; {@code setBytes} would first copy them (a copy of every chunk of an import, every derived blob).
     */
    static void setBlob(PreparedStatement ps, int index, byte[] data) throws SQLException {
        if (data == null) {
            ps.setBytes(index, null);
        } else {
            ps.setBinaryStream(index, new java.io.ByteArrayInputStream(data), data.length);
        }
    }

    /** A BLOB's bytes, read at their known length ({@code getBytes} grows a buffer and copies several times). */
    static byte[] blob(ResultSet rs, int column) throws SQLException {
        java.sql.Blob b = rs.getBlob(column);
        try (java.io.InputStream in = b.getBinaryStream()) {
            // one copy into an array of the known size (readNBytes(int) gathers 8 KB pieces and copies them again)
            byte[] out = new byte[Math.toIntExact(b.length())];
            if (in.readNBytes(out, 0, out.length) != out.length) {
                throw new SQLException("a stored column is shorter than its length");
            }
            return out;
        } catch (java.io.IOException e) {
            throw new SQLException("could not read a stored column", e);
        } finally {
            b.free();
        }
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
