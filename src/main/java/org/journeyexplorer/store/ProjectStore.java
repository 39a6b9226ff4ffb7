package org.journeyexplorer.store;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project: one H2 file holding the imported events and everything derived from them.
 *
 * <p><b>File name.</b> H2 insists that its file ends in {@code .mv.db}, so a project file is
 * {@code NAME.jexp.mv.db} ({@link #EXTENSION}). {@link #projectFile(Path)} turns whatever the user chose
 * ({@code NAME}, {@code NAME.jexp} or the full name) into that, so callers never deal with H2's suffix; file
 * choosers filter on {@link #EXTENSION}. The project is that one file; H2 writes no other file next to it
 * (trace files are off).
 *
 * <p><b>Layout.</b> Events are stored per import in columnar chunks of up to {@link #CHUNK_ROWS} events
 * (table {@code event_chunk}: one BLOB per column), because H2 inserts rows one by one far too slowly for
 * millions of events and reloading a few large BLOBs is fast. Identities and event names are dictionary
 * encoded; ids are appended by each import and never change. Event names are rows of {@code event_type_dict}
 * (id, name); identities, which can number in the hundreds of thousands, are stored the same way as events, in
 * blocks ({@code identity_chunk}: first id, count, values as length-prefixed UTF-8, kind as one byte per id,
 * 1 = anonymous), because inserting them as rows took longer than inserting all events.
 * Storage order is import order, then file order.
 *
 * <p><b>Concurrency.</b> One instance per file per machine: a second open in this process or in another
 * process fails with a {@link UserFacingException}. Methods are synchronized; an import holds the store for
 * its duration.
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

    private final Path file;
    private Connection conn;
    private boolean importRunning;
    /** An import was rolled back since opening: its pages are dead space worth reclaiming at close. */
    private boolean rolledBack;
    /** Where each chunk is, in storage order; rebuilt lazily after imports. */
    private ChunkIndex chunkIndex;

    /** Per chunk in storage order: its key and its first storage row; {@code start[n]} is the event count. */
    private record ChunkIndex(int[] importId, int[] chunkNo, int[] start) {
        int chunks() {
            return importId.length;
        }

        int total() {
            return start[start.length - 1];
        }
    }

    private ProjectStore(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

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

    /** Creates a new, empty project. Fails if the file exists. */
    public static ProjectStore create(Path chosen) {
        Path f = projectFile(chosen);
        if (Files.exists(f)) {
            throw new UserFacingException(f.getFileName() + " already exists. Open it, or choose another name.");
        }
        if (f.getParent() != null && !Files.isDirectory(f.getParent())) {
            throw new UserFacingException("The folder " + f.getParent() + " does not exist.");
        }
        return connect(f, false);
    }

    /** Opens an existing project, upgrading its schema if it was written by an older version. */
    public static ProjectStore open(Path chosen) {
        Path f = projectFile(chosen);
        if (!Files.isRegularFile(f)) {
            throw new UserFacingException("There is no project " + f + ".");
        }
        if (!Files.isWritable(f)) {
            // H2 would open it read-only and fail later, at the first import, with an obscure message
            throw new UserFacingException(displayName(f) + " is read-only. Copy it to a folder you can write to,"
                    + " then open the copy.");
        }
        return connect(f, true);
    }

    /** Opens the project, creating it when the file does not exist. */
    public static ProjectStore openOrCreate(Path chosen) {
        return Files.exists(projectFile(chosen)) ? open(chosen) : create(chosen);
    }

    private static ProjectStore connect(Path f, boolean mustExist) {
        return connect(f, mustExist, Schema.LATEST);
    }

    /** Opens with the schema brought to {@code version} (tests create old files with a lower one). */
    static ProjectStore connect(Path f, boolean mustExist, int version) {
        if (!OPEN_IN_THIS_PROCESS.add(f)) {
            throw alreadyOpen(f, null);
        }
        try {
            Connection c = DriverManager.getConnection(url(f, mustExist));
            try {
                int found = Schema.version(c);
                if (found > Schema.LATEST) {
                    throw new UserFacingException(displayName(f) + " was saved by a newer Journey Explorer."
                            + " Update Journey Explorer to open it.");
                }
                if (mustExist && found == 0) {
                    throw new UserFacingException(f.getFileName() + " is not a Journey Explorer project.");
                }
                Schema.migrate(c, version);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new ProjectStore(f, c);
        } catch (SQLException e) {
            OPEN_IN_THIS_PROCESS.remove(f);
            if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                throw alreadyOpen(f, e);
            }
            if (e.getErrorCode() == H2_FILE_CORRUPTED || e.getErrorCode() == H2_NOT_A_DATABASE) {
                throw new UserFacingException(f.getFileName() + " is not a Journey Explorer project, or it is damaged.", e);
            }
            throw new UserFacingException("Could not open " + f + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OPEN_IN_THIS_PROCESS.remove(f);
            throw e;
        }
    }

    private static String url(Path f, boolean mustExist) {
        String base = f.toString().substring(0, f.toString().length() - ".mv.db".length());
        return "jdbc:h2:file:" + base + ";TRACE_LEVEL_FILE=0" + (mustExist ? ";IFEXISTS=TRUE" : "");
    }

    private static UserFacingException alreadyOpen(Path f, Throwable cause) {
        return new UserFacingException(displayName(f) + " is open in another Journey Explorer window."
                + " Close it there, or open a copy.", cause);
    }

    /** The project file. */
    public Path file() {
        return file;
    }

    /** Schema version of the open file. */
    public synchronized int schemaVersion() {
        try {
            return Schema.version(conn);
        } catch (SQLException e) {
            throw failure("read the project", e);
        }
    }

    /**
     * Closes the project. After a cancelled or failed import the file is compacted on the way out (H2
     * {@code SHUTDOWN COMPACT}, seconds for a large project), because the pages the import wrote are dead
     * space H2 would otherwise give back only slowly.
     */
    @Override
    public synchronized void close() {
        try {
            if (rolledBack && !conn.isClosed()) {
                try (Statement s = conn.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
            }
            conn.close();
        } catch (SQLException e) {
            throw failure("close the project", e);
        } finally {
            OPEN_IN_THIS_PROCESS.remove(file);
        }
    }

    // ---------------------------------------------------------------- events

    /** Number of stored events. */
    public synchronized int eventCount() {
        return chunkIndex().total();
    }

    /** All events as primitive columns, in storage order. Checks for cancellation between chunks. */
    public synchronized EventColumns loadColumns(TaskContext ctx) {
        try {
            ChunkIndex idx = chunkIndex();
            int chunks = idx.chunks();
            int total = idx.total();
            int[] user = new int[total];
            int[] anon = new int[total];
            long[] time = new long[total];
            int[] type = new int[total];
            int[][] keyCols = new int[4][];
            ctx.message("Loading " + total + " events");
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT row_count, user_col, anon_col, time_col, type_col, keys_col"
                         + " FROM event_chunk ORDER BY import_id, chunk_no")) {
                int off = 0;
                int k = 0;
                while (rs.next()) {
                    ctx.checkCancelled();
                    int n = rs.getInt(1);
                    ChunkCodec.decodeInts(blob(rs, 2), user, off, n);
                    ChunkCodec.decodeInts(blob(rs, 3), anon, off, n);
                    ChunkCodec.decodeLongs(blob(rs, 4), time, off, n);
                    ChunkCodec.decodeInts(blob(rs, 5), type, off, n);
                    if (rs.getObject(6) != null) {
                        decodeKeys(blob(rs, 6), keyCols, total, off, n);
                    }
                    off += n;
                    ctx.progress(++k, chunks);
                }
            }
            List<String> ids = new ArrayList<>();
            List<Boolean> anonymous = new ArrayList<>();
            loadIdentities(ids, anonymous);
            boolean[] isAnon = new boolean[ids.size()];
            for (int i = 0; i < isAnon.length; i++) {
                isAnon[i] = anonymous.get(i);
            }
            KeyColumns keys = KeyColumns.NONE;
            if (keyCols[0] != null || keyCols[1] != null || keyCols[2] != null || keyCols[3] != null) {
                List<String> values = new ArrayList<>();
                List<Byte> kinds = new ArrayList<>();
                loadKeys(values, kinds);
                byte[] kb = new byte[kinds.size()];
                for (int i = 0; i < kb.length; i++) {
                    kb[i] = kinds.get(i);
                }
                keys = new KeyColumns(keyCols[0], keyCols[1], keyCols[2], keyCols[3], values.toArray(String[]::new), kb);
            }
            return new EventColumns(total, user, anon, time, type, ids.toArray(String[]::new), isAnon,
                    loadEventTypes().toArray(String[]::new), keys);
        } catch (SQLException e) {
            throw failure("load the events", e);
        }
    }

    /**
     * Spreads a chunk's {@code keys_col} (e-mail, phone, device, network: n values each) into the four columns,
     * creating a column (all -1) the first time one of its rows has a key.
     */
    static void decodeKeys(byte[] blob, int[][] cols, int total, int off, int n) {
        int[] packed = new int[4 * n];
        ChunkCodec.decodeInts(blob, packed, 0, 4 * n);
        for (int kind = 0; kind < 4; kind++) {
            for (int i = 0; i < n; i++) {
                int v = packed[kind * n + i];
                if (v >= 0) {
                    if (cols[kind] == null) {
                        cols[kind] = KeyColumns.emptyColumn(total);
                    }
                    cols[kind][off + i] = v;
                }
            }
        }
    }

    /** A BLOB's bytes, read at their known length ({@code getBytes} grows a buffer and copies several times). */
    static byte[] blob(ResultSet rs, int column) throws SQLException {
        java.sql.Blob b = rs.getBlob(column);
        try (java.io.InputStream in = b.getBinaryStream()) {
            return in.readNBytes(Math.toIntExact(b.length()));
        } catch (java.io.IOException e) {
            throw new SQLException("could not read a stored column", e);
        } finally {
            b.free();
        }
    }

    /** Properties (JSON text) of one event by storage row, empty when it has none. */
    public Optional<String> properties(int row) {
        return Optional.ofNullable(loadProperties(new int[]{row})[0]);
    }

    /**
     * Properties (JSON text, or null) of the given storage rows, in the order asked. Reads each chunk once,
     * so asking for many rows at once is much cheaper than one by one.
     */
    public synchronized String[] loadProperties(int[] rows) {
        ChunkIndex idx = chunkIndex();
        int total = idx.total();
        Integer[] order = new Integer[rows.length];
        int[] chunkOf = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= total) {
                throw new IndexOutOfBoundsException("row " + rows[k] + " of " + total);
            }
            int c = Arrays.binarySearch(idx.start(), 0, idx.chunks(), rows[k]);
            chunkOf[k] = c >= 0 ? c : -c - 2;
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(chunkOf[a], chunkOf[b]));
        String[] out = new String[rows.length];
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT props_col FROM event_chunk WHERE import_id = ? AND chunk_no = ?")) {
            int i = 0;
            while (i < order.length) {
                int c = chunkOf[order[i]];
                int j = i;
                while (j < order.length && chunkOf[order[j]] == c) {
                    j++;
                }
                int[] local = new int[j - i];
                for (int m = i; m < j; m++) {
                    local[m - i] = rows[order[m]] - idx.start()[c];
                }
                ps.setInt(1, idx.importId()[c]);
                ps.setInt(2, idx.chunkNo()[c]);
                byte[] blob;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    blob = blob(rs, 1);
                }
                String[] got = ChunkCodec.pickStrings(blob, idx.start()[c + 1] - idx.start()[c], local);
                for (int m = i; m < j; m++) {
                    out[order[m]] = got[m - i];
                }
                i = j;
            }
        } catch (SQLException e) {
            throw failure("read event properties", e);
        }
        return out;
    }

    private ChunkIndex chunkIndex() {
        if (chunkIndex == null) {
            List<int[]> rows = new ArrayList<>();
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT import_id, chunk_no, row_count FROM event_chunk"
                         + " ORDER BY import_id, chunk_no")) {
                while (rs.next()) {
                    rows.add(new int[]{rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                }
            } catch (SQLException e) {
                throw failure("read the project", e);
            }
            int n = rows.size();
            int[] imp = new int[n];
            int[] no = new int[n];
            int[] start = new int[n + 1];
            for (int c = 0; c < n; c++) {
                imp[c] = rows.get(c)[0];
                no[c] = rows.get(c)[1];
                start[c + 1] = Math.addExact(start[c], rows.get(c)[2]);
            }
            chunkIndex = new ChunkIndex(imp, no, start);
        }
        return chunkIndex;
    }

    private void loadIdentities(List<String> values, List<Boolean> anonymous) throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_id, id_count, values_col, anonymous_col FROM identity_chunk"
                     + " ORDER BY first_id")) {
            while (rs.next()) {
                if (rs.getInt(1) != values.size()) {
                    throw new IllegalStateException("identity ids are not dense at " + rs.getInt(1));
                }
                int n = rs.getInt(2);
                values.addAll(Arrays.asList(ChunkCodec.decodeAllStrings(blob(rs, 3), n)));
                byte[] flags = ChunkCodec.inflateAll(blob(rs, 4));
                for (int i = 0; i < n; i++) {
                    anonymous.add(flags[i] != 0);
                }
            }
        }
    }

    /** The identity key dictionary (keyed hashes) and the kind of each entry, by id. */
    void loadKeys(List<String> values, List<Byte> kinds) throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_id, key_count, values_col, kind_col FROM key_chunk"
                     + " ORDER BY first_id")) {
            while (rs.next()) {
                if (rs.getInt(1) != values.size()) {
                    throw new IllegalStateException("key ids are not dense at " + rs.getInt(1));
                }
                int n = rs.getInt(2);
                values.addAll(Arrays.asList(ChunkCodec.decodeAllStrings(blob(rs, 3), n)));
                byte[] k = ChunkCodec.inflateAll(blob(rs, 4));
                for (int i = 0; i < n; i++) {
                    kinds.add(k[i]);
                }
            }
        }
    }

    private List<String> loadEventTypes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM event_type_dict ORDER BY id")) {
            while (rs.next()) {
                if (rs.getInt(1) != names.size()) {
                    throw new IllegalStateException("event type ids are not dense at " + rs.getInt(1));
                }
                names.add(rs.getString(2));
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- imports

    /**
     * Starts an import: everything written through the returned writer becomes visible at
     * {@link ImportWriter#commit()} and disappears at {@link ImportWriter#close()} without commit, dictionary
     * entries and cleared derived data included.
     */
    public synchronized ImportWriter beginImport(NewImport info) {
        if (importRunning) {
            throw new IllegalStateException("an import is already running");
        }
        try {
            conn.setAutoCommit(false);
            List<String> ids = new ArrayList<>();
            List<Boolean> anonymous = new ArrayList<>();
            loadIdentities(ids, anonymous);
            int importId;
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM imports")) {
                rs.next();
                importId = rs.getInt(1);
            }
            Instant started = Instant.now();
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO imports(id, file_name, file_path,"
                    + " file_size, sha256, mapping_json, rows_read, rows_imported, rows_rejected, started,"
                    + " app_version) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)")) {
                ps.setInt(1, importId);
                ps.setString(2, info.fileName());
                ps.setString(3, info.filePath());
                ps.setLong(4, info.fileSize());
                ps.setString(5, info.sha256());
                ps.setString(6, info.mappingJson());
                ps.setObject(7, OffsetDateTime.ofInstant(started, java.time.ZoneOffset.UTC));
                ps.setString(8, appVersion());
                ps.executeUpdate();
            }
            // events change, so everything computed from them is stale
            try (Statement s = conn.createStatement()) {
                s.executeUpdate("DELETE FROM derived");
            }
            importRunning = true;
            chunkIndex = null;
            List<String> keys = new ArrayList<>();
            loadKeys(keys, new ArrayList<>());
            return new ImportWriter(this, conn, importId, info.fileName(), started, ids, anonymous,
                    loadEventTypes(), keys);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e instanceof SQLException se ? failure("start the import", se) : (RuntimeException) e;
        }
    }

    /** Called by the writer when it committed or rolled back. */
    synchronized void importEnded() {
        importRunning = false;
        chunkIndex = null;
        try {
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("finish the import", e);
        }
    }

    void rollbackQuietly() {
        rolledBack = true;
        try {
            conn.rollback();
            conn.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the original failure matters more
        }
        importRunning = false;
        chunkIndex = null;
    }

    /**
     * Removes an import: its events and rejected rows go, derived data is cleared, and the audit log records it.
     * Dictionary entries stay (ids never change), so the other imports' rows are untouched; storage rows after
     * the removed import move up.
     *
     * @return the number of events removed
     */
    public synchronized long removeImport(int importId) {
        if (importRunning) {
            throw new IllegalStateException("an import is running");
        }
        ImportRecord rec = imports().stream().filter(r -> r.id() == importId).findFirst()
                .orElseThrow(() -> new UserFacingException("There is no import " + importId + " in "
                        + displayName(file) + "."));
        try {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM event_chunk WHERE import_id = ?");
                 PreparedStatement rj = conn.prepareStatement("DELETE FROM rejected_rows WHERE import_id = ?");
                 PreparedStatement im = conn.prepareStatement("UPDATE imports SET removed = ? WHERE id = ?");
                 Statement st = conn.createStatement()) {
                ps.setInt(1, importId);
                ps.executeUpdate();
                rj.setInt(1, importId);
                rj.executeUpdate();
                im.setObject(1, OffsetDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC));
                im.setInt(2, importId);
                im.executeUpdate();
                st.executeUpdate("DELETE FROM derived");
            }
            audit("remove-import", rec.fileName() + " (import " + importId + ")", rec.rowsImported());
            conn.commit();
            return rec.rowsImported();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("remove the import", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            chunkIndex = null;
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is unusable anyway then
            }
        }
    }

    /** All imports, oldest first, including removed ones ({@link ImportRecord#removed()} not null). */
    public synchronized List<ImportRecord> imports() {
        return queryImports("SELECT * FROM imports ORDER BY id", null);
    }

    /** The earliest import still in the project of a file with this SHA-256, if any. */
    public synchronized Optional<ImportRecord> findImportBySha256(String sha256) {
        return queryImports("SELECT * FROM imports WHERE sha256 = ? AND removed IS NULL ORDER BY id", sha256)
                .stream().findFirst();
    }

    private List<ImportRecord> queryImports(String sql, String param) {
        List<ImportRecord> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime ended = rs.getObject("ended", OffsetDateTime.class);
                    OffsetDateTime removed = rs.getObject("removed", OffsetDateTime.class);
                    out.add(new ImportRecord(rs.getInt("id"), rs.getString("file_name"), rs.getString("file_path"),
                            rs.getLong("file_size"), rs.getString("sha256"), rs.getString("mapping_json"),
                            rs.getLong("rows_read"), rs.getLong("rows_imported"), rs.getLong("rows_rejected"),
                            rs.getObject("started", OffsetDateTime.class).toInstant(),
                            ended == null ? null : ended.toInstant(), rs.getString("app_version"),
                            removed == null ? null : removed.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw failure("read the imports", e);
        }
        return out;
    }

    /** Rejected rows of an import in line order, at most {@code limit}. */
    public synchronized List<RejectedRow> rejectedRows(int importId, int limit) {
        List<RejectedRow> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT line, reason, raw_text FROM rejected_rows"
                + " WHERE import_id = ? ORDER BY line FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, importId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RejectedRow(importId, rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failure("read the rejected rows", e);
        }
        return out;
    }

    // ---------------------------------------------------------------- derived data

    /** Stores a blob computed from the events (sessions, models…) under a key, replacing any previous one. */
    public synchronized void writeDerived(String key, byte[] data) {
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO derived(name, data) KEY(name) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setBytes(2, data);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save derived data", e);
        }
    }

    /** The blob stored under a key, if any. Imports clear all derived data. */
    public synchronized Optional<byte[]> readDerived(String key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT data FROM derived WHERE name = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(blob(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read derived data", e);
        }
    }

    /** Keys of all derived blobs, sorted. */
    public synchronized List<String> derivedKeys() {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM derived ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure("read derived data", e);
        }
        return out;
    }

    /** Drops all derived data (call whenever the events change). */
    public synchronized void clearDerived() {
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("DELETE FROM derived");
        } catch (SQLException e) {
            throw failure("clear derived data", e);
        }
    }

    // ---------------------------------------------------------------- audit log

    /**
     * Appends to the audit log: what was done to the project's data, by which operating-system user, with how
     * many items (events imported, rows exported…). During an import it joins the import's transaction.
     */
    public synchronized void audit(String action, String details, long count) {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO audit_log(at_time, os_user, action, details, item_count) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC));
            ps.setString(2, System.getProperty("user.name"));
            ps.setString(3, action);
            ps.setString(4, details);
            ps.setLong(5, count);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the audit log", e);
        }
    }

    /** The audit log, oldest first. */
    public synchronized List<AuditEntry> auditLog() {
        List<AuditEntry> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, at_time, os_user, action, details, item_count FROM audit_log"
                     + " ORDER BY id")) {
            while (rs.next()) {
                out.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw failure("read the audit log", e);
        }
        return out;
    }

    // ---------------------------------------------------------------- pseudonyms

    private static final String PSEUDONYM_KEY = "pseudonym_key";
    private static final String PSEUDONYM_KEY_DROPPED = "pseudonym_key_dropped";

    /**
     * The pseudonymizer of this project, creating its secret key on first use (inside the running import's
     * transaction, so a cancelled first pseudonymised import leaves no key behind).
     *
     * @throws UserFacingException when the key was dropped: new pseudonyms would not match the old ones
     */
    public synchronized Pseudonymizer pseudonymizer() {
        Optional<String> key = setting(PSEUDONYM_KEY);
        if (key.isPresent()) {
            return new Pseudonymizer(java.util.HexFormat.of().parseHex(key.get()));
        }
        if (setting(PSEUDONYM_KEY_DROPPED).isPresent()) {
            throw new UserFacingException("The pseudonym key of " + displayName(file) + " was deleted, so new"
                    + " events cannot get the same pseudonyms as the persons already in it. Import into a new"
                    + " project, or import without pseudonyms.");
        }
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        putSetting(PSEUDONYM_KEY, java.util.HexFormat.of().formatHex(k));
        return new Pseudonymizer(k);
    }

    /** Whether the project's pseudonym key was deleted ({@link #dropPseudonymKey()}). */
    public synchronized boolean pseudonymKeyDropped() {
        return setting(PSEUDONYM_KEY_DROPPED).isPresent();
    }

    /** Whether the project holds a pseudonym key (it has pseudonymised imports and the key was not dropped). */
    public synchronized boolean hasPseudonymKey() {
        return setting(PSEUDONYM_KEY).isPresent();
    }

    /** What deleting the pseudonym key means; shown before it happens, in the CLI and in the app. */
    public static final String DROP_KEY_WARNING = "Deleting the pseudonym key cannot be undone. The ids in this"
            + " project are stored as keyed hashes; without the key nobody can link them to people again, so deletion"
            + " and access requests can no longer find a person by their real id, and new imports get unrelated"
            + " pseudonyms (the same person in an old and a new import would count as two). E-mail and phone keys"
            + " are hashed with the same key: new imports could no longer match them.";

    /**
     * Deletes the pseudonym key for good: pseudonyms already stored can no longer be linked to real ids by
     * anyone, and further pseudonymised imports are refused. The file is rewritten (H2 {@code SHUTDOWN
     * COMPACT}) so the key's bytes do not survive in old pages.
     */
    public synchronized void dropPseudonymKey() {
        if (importRunning) {
            throw new IllegalStateException("an import is running");
        }
        if (setting(PSEUDONYM_KEY).isEmpty()) {
            return;
        }
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("DELETE FROM project_setting WHERE name = '" + PSEUDONYM_KEY + "'");
            putSetting(PSEUDONYM_KEY_DROPPED, Instant.now().toString());
            audit("drop-pseudonym-key", "pseudonyms can no longer be linked to ids", 0);
            s.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw failure("delete the pseudonym key", e);
        }
        reopen();
    }

    /** The privacy options of the last import (JSON written by {@link ImportService}), if any. */
    public synchronized Optional<String> lastImportPrivacy() {
        return setting(IMPORT_PRIVACY);
    }

    /** Remembers the privacy options of an import; inside a running import, part of its transaction. */
    synchronized void rememberImportPrivacy(String json) {
        putSetting(IMPORT_PRIVACY, json);
    }

    private static final String IMPORT_PRIVACY = "import.privacy";
    /** Prefix of the settings the analyst chose, kept apart from internal ones such as the pseudonym key. */
    private static final String USER_PREFIX = "user.";

    /**
     * A setting the analyst chose for this project (how journeys are cut, saved views, the last view), stored in
     * the project so it travels with the file. Internal settings (the pseudonym key) cannot be read through this.
     */
    public synchronized Optional<String> userSetting(String key) {
        return setting(USER_PREFIX + key);
    }

    /** Stores a {@link #userSetting}; a null value removes it. Not audited: it changes no data. */
    public synchronized void putUserSetting(String key, String value) {
        if (value != null) {
            putSetting(USER_PREFIX + key, value);
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM project_setting WHERE name = ?")) {
            ps.setString(1, USER_PREFIX + key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save the project settings", e);
        }
    }

    private static final String IDENTITY_SETTINGS = "identity.settings";

    /**
     * The project's identity rules as JSON (written by {@code identity.IdentitySettingsJson}): which keys join
     * accounts, probabilistic matching and its threshold, and the ids the analyst unlinked. Empty when never set.
     */
    public synchronized Optional<String> identitySettingsJson() {
        return setting(IDENTITY_SETTINGS);
    }

    /** Saves the project's identity rules (JSON); derived data computed under other rules stays valid under its key. */
    public synchronized void saveIdentitySettingsJson(String json) {
        if (importRunning) {
            throw new IllegalStateException("an import is running");
        }
        putSetting(IDENTITY_SETTINGS, json);
    }

    private Optional<String> setting(String name) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT val FROM project_setting WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the project settings", e);
        }
    }

    private void putSetting(String name, String value) {
        try (PreparedStatement ps = conn.prepareStatement(
                "MERGE INTO project_setting(name, val) KEY(name) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save the project settings", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Reconnects after {@code SHUTDOWN COMPACT}, which closes the database under the connection. */
    private void reopen() {
        try {
            conn.close();
            conn = DriverManager.getConnection(url(file, true));
        } catch (SQLException e) {
            throw failure("reopen the project", e);
        }
    }

    /** Version of this build, recorded with each import. */
    public static String appVersion() {
        String v = ProjectStore.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    UserFacingException failure(String what, SQLException e) {
        return new UserFacingException("Could not " + what + " in " + displayName(file) + ": " + e.getMessage(), e);
    }

    /** Test hook: a raw connection for checks a public method does not offer. */
    Connection connection() {
        return conn;
    }

    // ---------------------------------------------------------------- privacy hooks (PersonData, privacy package)

    /** Forgets the chunk index after {@link PersonData} rewrote event chunks. */
    synchronized void eventChunksChanged() {
        chunkIndex = null;
    }

    synchronized boolean isImportRunning() {
        return importRunning;
    }

    /**
     * Rewrites the file with only its live data (H2 {@code SHUTDOWN COMPACT}), so bytes of deleted rows do not
     * survive in free pages, then reopens it. Takes a few seconds on large projects.
     */
    public synchronized void compact() {
        if (importRunning) {
            throw new IllegalStateException("an import is running");
        }
        try (Statement s = conn.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw failure("compact the project file", e);
        }
        chunkIndex = null;
        reopen();
    }
}
