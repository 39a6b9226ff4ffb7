package org.journeyexplorer.store;

import org.journeyexplorer.domain.KeyColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one import, or one batch of a stream, into the store inside a single transaction on the writer connection,
 * holding the store's write lock from {@link ProjectStore#beginImport} / {@link ProjectStore#beginAppend} until
 * {@link #commit()} / {@link #commitBatch} or {@link #close()}. Events are dictionary-encoded into chunk buffers and
 * written as BLOBs every {@link ProjectStore#CHUNK_ROWS} events; new dictionary entries, the counts, the audit
 * entry and the new events version are written at commit, where derived data is dropped too. {@link #close()}
 * without a commit rolls everything back, which is what makes a cancelled or failed import leave the project as it
 * was; readers never see any of it before the commit.
 *
 * <p>Not thread-safe: the thread that began the write feeds it and ends it.
 */
public final class ImportWriter implements AutoCloseable {
    private static final int MAX_RAW_CHARS = 4096;
    private static final int REJECT_BATCH = 1000;

    private final ProjectStore store;
    private final Connection conn;
    private final int importId;
    private final String fileName;
    private final Instant started;
    private final Dictionary dict;
    /** Number of events stored before this write: the storage row of its first event. */
    private final int firstRow;
    /** Rows of the stream read before this batch, so reject numbers go on across batches. */
    private final long lineBase;

    /** Every person and anonymous id this write met, known before or new, with its dictionary id. */
    private final SeenIds seenUserIds = new SeenIds();
    private final SeenIds seenAnonIds = new SeenIds();
    /** Dictionary number by reader code ({@link #event(String, int, String, int, long, String, byte[], int, int)}), -1 where none yet. */
    private int[] userByCode = new int[0];
    private int[] anonByCode = new int[0];
    private final Map<String, Integer> newTypeIds = new HashMap<>();
    /**
     * The type numbers of the event names met last, by the name's instance: readers hand every row of one name the
     * same String, so a row's type is one compare instead of two hash-map look-ups (the dictionary's, then this
     * write's new names) per row, which the writer's profile showed.
     */
    private static final int TYPE_CACHE_BITS = 8;
    private static final int TYPE_CACHE = 1 << TYPE_CACHE_BITS;
    private final String[] typeCacheName = new String[TYPE_CACHE];
    private final int[] typeCacheId = new int[TYPE_CACHE];
    private int identityCount;
    private final List<String> newIdentities = new ArrayList<>();
    private final BitSet newIdentityAnonymous = new BitSet();
    private final int firstNewIdentity;
    private final List<String> newTypes = new ArrayList<>();
    private final int firstNewType;
    /** Identity keys (already keyed hashes) new in this write; written at commit like identities. */
    private final Map<String, Integer> newKeyIds = new HashMap<>();
    private final List<String> newKeys = new ArrayList<>();
    private final List<Byte> newKeyKinds = new ArrayList<>();
    private final int firstNewKey;
    /** How many of {@link #newIdentities} / {@link #newKeys} are written (in whole chunks, before the commit). */
    private int writtenIdentities;
    private int writtenKeys;

    private int[] user = new int[ProjectStore.CHUNK_ROWS];
    private int[] anon = new int[ProjectStore.CHUNK_ROWS];
    private long[] time = new long[ProjectStore.CHUNK_ROWS];
    private int[] type = new int[ProjectStore.CHUNK_ROWS];
    private ChunkCodec.StringColumn props = new ChunkCodec.StringColumn();
    /** E-mail, phone, device and network key per buffered row, one block of CHUNK_ROWS each; null while none. */
    private int[] keyCols;
    private int buffered;
    /**
     * Encoding (mostly deflating properties) runs on a second thread while the reader fills the next chunk;
     * the insert itself stays on the caller's thread, inside its transaction.
     */
    private final java.util.concurrent.ExecutorService encoder = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "import-chunk-encoder");
                t.setDaemon(true);
                return t;
            });
    private java.util.concurrent.Future<byte[][]> pendingChunk;
    private int pendingRows;
    /** The column buffers the pending chunk's encoding reads; free again once it is written. */
    private Buffers pendingBuffers;

    /** One chunk's column buffers: filled by the writer, then read by the encoder, then filled again. */
    private record Buffers(int[] user, int[] anon, long[] time, int[] type, ChunkCodec.StringColumn props) {
    }
    private int chunkNo;
    private long nextSeq;
    /** Encoded rows kept for {@link #commitBatch} (streams), else null. */
    private int[] keptUser;
    private int[] keptAnon;
    private long[] keptTime;
    private int[] keptType;
    /** Kept keys: per kind (e-mail, phone, device, network) a column, null while no kept row has one. */
    private final int[][] keptKeys = new int[4][];

    private final PreparedStatement insertChunk;
    private final PreparedStatement insertReject;
    private int pendingRejects;

    // summary of this import
    private long imported;
    private long rejected;
    private long dropped;
    private int droppedPersons;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private final BitSet typesSeen = new BitSet();
    private final BitSet identitiesSeen = new BitSet();
    /** Anonymous ids seen on a row together with a user id: they belong to a user, not a person of their own. */
    private final BitSet anonymousWithUser = new BitSet();
    private boolean rowWithoutIds;

    private boolean finished;

    ImportWriter(ProjectStore store, Connection conn, int importId, String fileName, Dictionary dict, long nextSeq,
                 int firstRow) throws SQLException {
        this.store = store;
        this.conn = conn;
        this.importId = importId;
        this.fileName = fileName;
        this.started = Instant.now();
        this.dict = dict;
        this.nextSeq = nextSeq;
        this.firstRow = firstRow;
        identityCount = dict.identityCount;
        firstNewIdentity = identityCount;
        firstNewType = dict.typeIds.size();
        firstNewKey = dict.keyIds.size();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT rows_read, (SELECT COALESCE(MAX(chunk_no), -1) + 1 FROM event_chunk"
                     + " WHERE import_id = " + importId + ") FROM imports WHERE id = " + importId)) {
            rs.next();
            lineBase = rs.getLong(1);
            chunkNo = rs.getInt(2);
        }
        insertChunk = conn.prepareStatement("INSERT INTO event_chunk(import_id, chunk_no, row_count, user_col,"
                + " anon_col, time_col, type_col, props_col, keys_col, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertReject = conn.prepareStatement(
                "INSERT INTO rejected_rows(import_id, line, reason, raw_text, location) VALUES (?, ?, ?, ?, ?)");
    }

    /** Keeps the encoded rows for {@link #commitBatch} (a stream batch is small). */
    void retainRows() {
        keptUser = new int[1024];
        keptAnon = new int[1024];
        keptTime = new long[1024];
        keptType = new int[1024];
    }

    /** Id of the import being written. */
    public int importId() {
        return importId;
    }

    /**
     * Adds one event. At least one of {@code personId} / {@code anonymousId} should be non-null; a row with
     * neither is stored with both columns {@code -1}.
     */
    public void event(String personId, String anonymousId, long timeMicros, String eventName, String propertiesJson) {
        event(personId, anonymousId, timeMicros, eventName, propertiesJson, null, null, null, null);
    }

    /**
     * Adds one event with its identity keys, each already a keyed hash ({@link Pseudonymizer#keyHash}) or null.
     */
    public void event(String personId, String anonymousId, long timeMicros, String eventName, String propertiesJson,
                      String emailKey, String phoneKey, String deviceKey, String networkKey) {
        int t = columns(personId, anonymousId, timeMicros, eventName);
        props.add(propertiesJson);
        if (emailKey != null || phoneKey != null || deviceKey != null || networkKey != null || keyCols != null) {
            if (keyCols == null) {
                keyCols = new int[4 * ProjectStore.CHUNK_ROWS];
                java.util.Arrays.fill(keyCols, 0, 4 * ProjectStore.CHUNK_ROWS, -1);
            }
            int c = ProjectStore.CHUNK_ROWS;
            keyCols[buffered] = key(emailKey, KeyColumns.EMAIL);
            keyCols[c + buffered] = key(phoneKey, KeyColumns.PHONE);
            keyCols[2 * c + buffered] = key(deviceKey, KeyColumns.DEVICE);
            keyCols[3 * c + buffered] = key(networkKey, KeyColumns.NETWORK);
            if (keptUser != null) {
                for (int kind = 0; kind < 4; kind++) {
                    keepKey(kind, keyCols[kind * c + buffered]);
                }
            }
        }
        rowDone(t);
    }

    /**
     * Adds one event without identity keys whose properties are the JSON object text in {@code json[from, to)},
     * ASCII only (so its bytes are its UTF-8), or none when {@code json} is null: stored as
     * {@link #event(String, String, long, String, String)} stores that text, without making a String of it.
     */
    public void event(String personId, String anonymousId, long timeMicros, String eventName, byte[] json, int from,
                      int to) {
        int t = columns(personId, anonymousId, timeMicros, eventName);
        bytesProps(json, from, to);
        rowDone(t);
    }

    /** The ASCII properties of a row without identity keys ({@code json} null: none) into the chunk's columns. */
    private void bytesProps(byte[] json, int from, int to) {
        if (json == null) {
            props.add(null);
        } else {
            props.addAscii(json, from, to);
        }
        if (keyCols != null) {
            int c = ProjectStore.CHUNK_ROWS;
            for (int kind = 0; kind < 4; kind++) {
                keyCols[kind * c + buffered] = -1;
                if (keptUser != null) {
                    keepKey(kind, -1);
                }
            }
        }
    }

    /**
     * As {@link #event(String, String, long, String, byte[], int, int)}, with the reader's codes of the two ids
     * ({@link org.journeyexplorer.ingest.EventSink}'s coded event: equal ids equal codes, -1 for none). All coded
     * rows of one writer must come from one read, whose codes then stand for their ids: the id's dictionary number
     * is found by its code in an array, not by hashing the id (which led the writer's profile).
     */
    public void event(String personId, int personCode, String anonymousId, int anonymousCode, long timeMicros,
                      String eventName, byte[] json, int from, int to) {
        checkOpen();
        checkName(eventName);
        int u = personId == null ? -1 : personCode < 0 ? identity(personId, false, dict.userIds, seenUserIds)
                : coded(personId, personCode, false);
        int a = anonymousId == null ? -1 : anonymousCode < 0 ? identity(anonymousId, true, dict.anonIds, seenAnonIds)
                : coded(anonymousId, anonymousCode, true);
        int t = columns(u, a, timeMicros, eventName);
        bytesProps(json, from, to);
        rowDone(t);
    }

    /**
     * Rows {@code [from, to)} of a batch's columns, each as {@link #event(String, int, String, int, long, String,
     * byte[], int, int)} with row i's values at [i], its ids' codes at {@code codes[2i]} and {@code codes[2i + 1]},
     * and its properties {@code json[jsonFrom[i], jsonTo[i])}, none when {@code json} is null or
     * {@code jsonFrom[i] < 0}: one loop for a batch instead of a chain of calls per row, which the JIT compiled four
     * to five times over (each caller inlining the ones below).
     */
    public void events(String[] personIds, String[] anonymousIds, int[] codes, long[] times, String[] names,
                       byte[] json, int[] jsonFrom, int[] jsonTo, int from, int to) {
        checkOpen();
        for (int i = from; i < to; i++) {
            String personId = personIds[i];
            String anonymousId = anonymousIds[i];
            String eventName = names[i];
            checkName(eventName);
            int personCode = codes[2 * i];
            int anonymousCode = codes[2 * i + 1];
            int u = personId == null ? -1 : personCode < 0 ? identity(personId, false, dict.userIds, seenUserIds)
                    : coded(personId, personCode, false);
            int a = anonymousId == null ? -1 : anonymousCode < 0
                    ? identity(anonymousId, true, dict.anonIds, seenAnonIds) : coded(anonymousId, anonymousCode, true);
            int t = columns(u, a, times[i], eventName);
            int f = json == null ? -1 : jsonFrom[i];
            if (f < 0) {
                bytesProps(null, 0, 0);
            } else {
                bytesProps(json, f, jsonTo[i]);
            }
            rowDone(t);
        }
    }

    /** The dictionary number of an id with a reader's code: from {@link #userByCode} / {@link #anonByCode}. */
    private int coded(String value, int code, boolean anonymous) {
        int[] byCode = anonymous ? anonByCode : userByCode;
        if (code < byCode.length) {
            int id = byCode[code];
            if (id >= 0) {
                return id; // identity() marked it seen when it was first met
            }
        }
        int id = anonymous ? identity(value, true, dict.anonIds, seenAnonIds)
                : identity(value, false, dict.userIds, seenUserIds);
        if (code >= byCode.length) {
            int n = byCode.length;
            byCode = java.util.Arrays.copyOf(byCode, Math.max(code + 1, Math.max(2 * n, 1024)));
            java.util.Arrays.fill(byCode, n, byCode.length, -1);
            if (anonymous) {
                anonByCode = byCode;
            } else {
                userByCode = byCode;
            }
        }
        byCode[code] = id;
        return id;
    }

    private static void checkName(String eventName) {
        if (eventName == null) {
            throw new IllegalArgumentException("an event needs a name (readers reject rows without one)");
        }
    }

    /** {@link #typeId}, remembered by the name's instance (up to four probes, then the maps unremembered). */
    private int cachedType(String eventName) {
        int slot = (eventName.hashCode() * 0x9E3779B9) >>> (32 - TYPE_CACHE_BITS);
        for (int probe = 0; probe < 4; probe++, slot = (slot + 1) & (TYPE_CACHE - 1)) {
            String cached = typeCacheName[slot];
            if (cached == eventName) {
                return typeCacheId[slot];
            }
            if (cached == null) {
                int t = typeId(eventName);
                typeCacheName[slot] = eventName;
                typeCacheId[slot] = t;
                return t;
            }
        }
        return typeId(eventName);
    }

    /** The type number of an event name: the dictionary's, or a new one for this write. */
    private int typeId(String eventName) {
        Integer t = dict.typeIds.get(eventName);
        if (t == null) {
            t = newTypeIds.get(eventName);
            if (t == null) {
                t = firstNewType + newTypes.size();
                newTypeIds.put(eventName, t);
                newTypes.add(eventName);
            }
        }
        return t;
    }

    /** Encodes the ids, time and type of the next row into the chunk's columns (and the kept rows); its type. */
    private int columns(String personId, String anonymousId, long timeMicros, String eventName) {
        checkOpen();
        checkName(eventName);
        int u = personId == null ? -1 : identity(personId, false, dict.userIds, seenUserIds);
        int a = anonymousId == null ? -1 : identity(anonymousId, true, dict.anonIds, seenAnonIds);
        return columns(u, a, timeMicros, eventName);
    }

    /** As {@link #columns(String, String, long, String)} with the ids' dictionary numbers (-1 for none). */
    private int columns(int u, int a, long timeMicros, String eventName) {
        int t = cachedType(eventName);
        if (keptUser != null) {
            keep(u, a, timeMicros, t);
        }
        user[buffered] = u;
        anon[buffered] = a;
        time[buffered] = timeMicros;
        type[buffered] = t;
        if (u >= 0 && a >= 0) {
            anonymousWithUser.set(a);
        } else if (u < 0 && a < 0) {
            rowWithoutIds = true;
        }
        return t;
    }

    /** Counts the row whose columns, properties and keys are in place; writes the chunk when it is full. */
    private void rowDone(int t) {
        long timeMicros = time[buffered];
        buffered++;
        imported++;
        minTime = Math.min(minTime, timeMicros);
        maxTime = Math.max(maxTime, timeMicros);
        typesSeen.set(t);
        if (buffered == ProjectStore.CHUNK_ROWS) {
            flushChunk();
        }
    }

    private void keep(int u, int a, long t, int ty) {
        int i = (int) imported;
        if (i >= keptUser.length) {
            int n = keptUser.length * 2;
            keptUser = java.util.Arrays.copyOf(keptUser, n);
            keptAnon = java.util.Arrays.copyOf(keptAnon, n);
            keptTime = java.util.Arrays.copyOf(keptTime, n);
            keptType = java.util.Arrays.copyOf(keptType, n);
        }
        keptUser[i] = u;
        keptAnon[i] = a;
        keptTime[i] = t;
        keptType[i] = ty;
    }

    private void keepKey(int kind, int key) {
        int i = (int) imported;
        int[] col = keptKeys[kind];
        if (key < 0 && col == null) {
            return;
        }
        if (col == null || col.length < keptUser.length) {
            int[] grown = KeyColumns.emptyColumn(keptUser.length);
            if (col != null) {
                System.arraycopy(col, 0, grown, 0, col.length);
            }
            keptKeys[kind] = col = grown;
        }
        col[i] = key;
    }

    private int key(String value, byte kind) {
        if (value == null) {
            return -1;
        }
        int known = dict.keyIds.get(value);
        Integer id = known >= 0 ? Integer.valueOf(known) : newKeyIds.get(value);
        if (id == null) {
            id = firstNewKey + newKeys.size();
            newKeyIds.put(value, id);
            newKeys.add(value);
            newKeyKinds.add(kind);
        }
        return id;
    }

    /** Records a row that could not be imported; the raw text is cut to a few thousand characters. */
    public void reject(long line, String reason, String raw) {
        reject(line, null, reason, raw);
    }

    /**
     * Records a stream row that could not be imported, at a location such as {@code topic/partition@offset}; its
     * number is its position in the stream.
     */
    public void reject(String location, String reason, String raw) {
        reject(lineBase + rowsRead() + 1, location, reason, raw);
    }

    private void reject(long line, String location, String reason, String raw) {
        checkOpen();
        rejected++;
        try {
            insertReject.setInt(1, importId);
            insertReject.setLong(2, line);
            insertReject.setString(3, reason);
            insertReject.setString(4, raw == null || raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS));
            insertReject.setString(5, location);
            insertReject.addBatch();
            if (++pendingRejects == REJECT_BATCH) {
                insertReject.executeBatch();
                pendingRejects = 0;
            }
        } catch (SQLException e) {
            throw store.failure("save a rejected row", e);
        }
    }

    /** Counts one row not stored because its person gave no consent. */
    public void dropForConsent() {
        checkOpen();
        dropped++;
    }

    /** How many persons {@link #dropForConsent} dropped rows of, for the summary. */
    public void droppedPersons(int persons) {
        droppedPersons = persons;
    }

    /** Rows received so far (imported + rejected + dropped for lack of consent). */
    public long rowsRead() {
        return imported + rejected + dropped;
    }

    /**
     * The project's pseudonymizer, creating its secret key inside this transaction on first use.
     *
     * @throws org.journeyexplorer.core.UserFacingException when the key was dropped: new pseudonyms would not
     *                                                      match the old ones
     */
    public Pseudonymizer pseudonymizer() {
        checkOpen();
        try {
            return ProjectSettings.pseudonymizer(conn, store.name());
        } catch (SQLException e) {
            throw store.failure("read the pseudonym key", e);
        }
    }

    /**
     * Records the content hash of the imported file ({@link ImportRecord#contentHash()}), as part of this
     * transaction: for an import begun before its hash was known (hashed while it was read, see
     * {@code ImportService}).
     */
    public void fileHash(String contentHash) {
        checkOpen();
        try (PreparedStatement ps = conn.prepareStatement("UPDATE imports SET sha256 = ? WHERE id = ?")) {
            ps.setString(1, contentHash);
            ps.setInt(2, importId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw store.failure("save the import", e);
        }
    }

    /** Remembers the privacy options of this import (JSON), as part of its transaction. */
    public void rememberPrivacy(String json) {
        checkOpen();
        try {
            ProjectSettings.put(conn, ProjectSettings.IMPORT_PRIVACY, json);
        } catch (SQLException e) {
            throw store.failure("save the project settings", e);
        }
    }

    /** Writes the rest, records the counts and commits. */
    public ImportResult commit() {
        String detail = fileName + " (import " + importId + ", " + rejected + " rows rejected"
                + (dropped > 0 ? ", " + dropped + " events of " + droppedPersons + " persons dropped: no consent" : "")
                + ")";
        long version = finish(detail, null, null);
        Instant ended = Instant.now();
        return new ImportResult(importId, fileName, imported + rejected + dropped, imported, rejected, persons(),
                typesSeen.cardinality(), imported == 0 ? null : toInstant(minTime),
                imported == 0 ? null : toInstant(maxTime), Duration.between(started, ended), dropped,
                droppedPersons);
    }

    /**
     * Commits one stream batch with the source's positions, in one transaction: after a crash the stored
     * positions are exactly where the stored events end. Returns the rows as encoded (requires a writer begun with
     * {@link ProjectStore#beginAppend}).
     */
    public AppendedRows commitBatch(String sourceKey, java.util.Map<Integer, Long> positions) {
        if (keptUser == null) {
            throw new IllegalStateException("not a stream batch");
        }
        int n = (int) imported;
        String[] ids = newIdentities.toArray(String[]::new);
        boolean[] anonymous = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            anonymous[i] = newIdentityAnonymous.get(i);
        }
        String[] types = newTypes.toArray(String[]::new);
        String[] keys = newKeys.toArray(String[]::new);
        byte[] kinds = new byte[keys.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = newKeyKinds.get(i);
        }
        int[][] rowKeys = new int[4][];
        for (int kind = 0; kind < 4; kind++) {
            // a column that started after some rows was sized then: pad it to the kept rows
            rowKeys[kind] = keptKeys[kind] == null ? null : java.util.Arrays.copyOf(keptKeys[kind], keptUser.length);
            if (rowKeys[kind] != null) {
                java.util.Arrays.fill(rowKeys[kind], keptKeys[kind].length, keptUser.length, -1);
            }
        }
        long version = finish(null, sourceKey, positions);
        return new AppendedRows(importId, version, firstRow, n, keptUser, keptAnon, keptTime, keptType,
                firstNewIdentity, ids, anonymous, firstNewType, types, rowKeys, firstNewKey, keys, kinds, rejected);
    }

    /** Writes what is buffered, the dictionaries, counts, audit entry, positions and version; commits. */
    private long finish(String auditDetail, String sourceKey, java.util.Map<Integer, Long> positions) {
        checkOpen();
        try {
            if (buffered > 0) {
                flushChunk();
            }
            writePendingChunk();
            if (pendingRejects > 0) {
                insertReject.executeBatch();
            }
            long td = System.nanoTime();
            writeDictionaries();
            dictNanos += System.nanoTime() - td;
            try (PreparedStatement ps = conn.prepareStatement("UPDATE imports SET rows_read = rows_read + ?,"
                    + " rows_imported = rows_imported + ?, rows_rejected = rows_rejected + ?, ended = ? WHERE id = ?")) {
                ps.setLong(1, imported + rejected + dropped);
                ps.setLong(2, imported);
                ps.setLong(3, rejected);
                ps.setObject(4, ProjectStore.utc(Instant.now()));
                ps.setInt(5, importId);
                ps.executeUpdate();
            }
            if (auditDetail != null) {
                AuditLog.insert(conn, "import", auditDetail, imported);
            }
            if (sourceKey != null && positions != null && !positions.isEmpty()) {
                Imports.putPositions(conn, sourceKey, positions);
            }
            long version;
            if (imported > 0) {
                // events change, so everything computed from them is stale. A stream batch leaves the blobs: they
                // are stamped with the events version they belong to (DerivedData), so none is read for other
                // events, and deleting a 5 M-event project's blobs cost the first batch 0.7-2 s inside its
                // transaction; the next blob written of newer events replaces them
                if (sourceKey == null) {
                    try (Statement s = conn.createStatement()) {
                        s.executeUpdate("DELETE FROM derived");
                    }
                }
                version = ProjectStore.bumpVersion(conn);
            } else {
                version = Events.version(conn);
            }
            conn.commit();
            finished = true;
            closeStatements();
            store.writeCommitted(version, newIdentities, newIdentityAnonymous, newTypes, newKeys);
            return version;
        } catch (SQLException e) {
            close();
            throw store.failure("save the import", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Rolls back unless committed. Safe to call twice. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        closeStatements();
        store.rollbackWrite();
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("import already finished");
        }
    }

    private int identity(String value, boolean anonymous, SeenIds known, SeenIds seen) {
        int id = seen.get(value);
        if (id < 0) {
            int old = known.get(value);
            if (old >= 0) {
                id = old;
            } else {
                id = identityCount++;
                if (anonymous) {
                    newIdentityAnonymous.set(newIdentities.size());
                }
                newIdentities.add(value);
            }
            seen.put(value, id);
        }
        identitiesSeen.set(id);
        return id;
    }

    /** Same count as identity stitching ({@code IdentityResolver}, stitching on); see {@link ImportResult#persons()}. */
    private int persons() {
        BitSet alone = (BitSet) identitiesSeen.clone();
        alone.andNot(anonymousWithUser);
        return alone.cardinality() + (rowWithoutIds ? 1 : 0);
    }

    /** Time spent writing chunks (incl. waiting for the encoder), encoding them, and writing dictionaries. */
    static long flushNanos;
    static long encodeNanos;
    static long dictNanos;

    /** Hands the buffered rows to the encoder and writes the chunk encoded before. */
    private void flushChunk() {
        int n = buffered;
        int[] u = user;
        int[] a = anon;
        long[] t = time;
        int[] ty = type;
        ChunkCodec.StringColumn p = props;
        int[] k = keyCols;
        java.util.concurrent.Future<byte[][]> next = encoder.submit(() -> {
            long t0 = System.nanoTime();
            byte[][] cols = {ChunkCodec.encodeInts(u, n), ChunkCodec.encodeInts(a, n), ChunkCodec.encodeLongs(t, n),
                    ChunkCodec.encodeInts(ty, n), p.encodeBlocked(), k == null ? null : encodeKeys(k, n)};
            encodeNanos += System.nanoTime() - t0;
            return cols;
        });
        writePendingChunk();
        // the encoder still reads this chunk's buffers; those of the chunk before are free again (reusing them
        // spares allocating and first touching some 3 MB per chunk)
        Buffers free = pendingBuffers;
        pendingBuffers = new Buffers(u, a, t, ty, p);
        pendingChunk = next;
        pendingRows = n;
        if (free != null) {
            user = free.user();
            anon = free.anon();
            time = free.time();
            type = free.type();
            props = free.props();
            props.clear();
        } else {
            user = new int[ProjectStore.CHUNK_ROWS];
            anon = new int[ProjectStore.CHUNK_ROWS];
            time = new long[ProjectStore.CHUNK_ROWS];
            type = new int[ProjectStore.CHUNK_ROWS];
            props = new ChunkCodec.StringColumn();
        }
        keyCols = null;
        buffered = 0;
    }

    /** The four key columns of a chunk of {@code n} rows as one int column of 4n values (e-mail, phone, device, network). */
    static byte[] encodeKeys(int[] blocks, int n) {
        int c = blocks.length / 4;
        int[] packed = new int[4 * n];
        for (int kind = 0; kind < 4; kind++) {
            System.arraycopy(blocks, kind * c, packed, kind * n, n);
        }
        return ChunkCodec.encodeInts(packed, 4 * n);
    }

    private void writePendingChunk() {
        if (pendingChunk == null) {
            return;
        }
        long t0 = System.nanoTime();
        byte[][] cols;
        try {
            cols = pendingChunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.journeyexplorer.core.CancelledException();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not encode events", e.getCause());
        }
        pendingChunk = null;
        try {
            insertChunk.setInt(1, importId);
            insertChunk.setInt(2, chunkNo++);
            insertChunk.setInt(3, pendingRows);
            for (int c = 0; c < cols.length; c++) {
                ProjectStore.setBlob(insertChunk, 4 + c, cols[c]);
            }
            insertChunk.setLong(10, nextSeq++);
            insertChunk.executeUpdate();
            writeIdentityChunks(false);
            writeKeyChunks(false);
        } catch (SQLException e) {
            throw store.failure("save events", e);
        }
        flushNanos += System.nanoTime() - t0;
    }

    private void writeDictionaries() throws SQLException {
        writeIdentityChunks(true);
        writeKeyChunks(true);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO event_type_dict(id, name) VALUES (?, ?)")) {
            for (int i = 0; i < newTypes.size(); i++) {
                ps.setInt(1, firstNewType + i);
                ps.setString(2, newTypes.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes the new identities' chunks not written yet ({@link ProjectStore#CHUNK_ROWS} ids each): all of them
     * ({@code all}, at commit), or only the full ones, as the events' chunks are written, so the commit (which
     * runs alone at the end of an import, one core idle) has at most one chunk of each left to write.
     */
    private void writeIdentityChunks(boolean all) throws SQLException {
        if (newIdentities.size() - writtenIdentities < (all ? 1 : ProjectStore.CHUNK_ROWS)) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO identity_chunk(first_id, import_id, id_count,"
                + " values_col, anonymous_col) VALUES (?, ?, ?, ?, ?)")) {
            ChunkCodec.StringColumn values = new ChunkCodec.StringColumn();
            for (int from = writtenIdentities; from < newIdentities.size(); from += ProjectStore.CHUNK_ROWS) {
                int to = Math.min(newIdentities.size(), from + ProjectStore.CHUNK_ROWS);
                if (!all && to - from < ProjectStore.CHUNK_ROWS) {
                    break;
                }
                values.clear();
                byte[] flags = new byte[to - from];
                for (int i = from; i < to; i++) {
                    values.add(newIdentities.get(i));
                    flags[i - from] = (byte) (newIdentityAnonymous.get(i) ? 1 : 0);
                }
                ps.setInt(1, firstNewIdentity + from);
                ps.setInt(2, importId);
                ps.setInt(3, to - from);
                ps.setBytes(4, values.encode());
                ps.setBytes(5, ChunkCodec.deflate(flags, 0, flags.length));
                ps.executeUpdate();
                writtenIdentities = to;
            }
        }
    }

    /** As {@link #writeIdentityChunks} for the new identity keys. */
    private void writeKeyChunks(boolean all) throws SQLException {
        if (newKeys.size() - writtenKeys < (all ? 1 : ProjectStore.CHUNK_ROWS)) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO key_chunk(first_id, import_id, key_count,"
                + " values_col, kind_col) VALUES (?, ?, ?, ?, ?)")) {
            ChunkCodec.StringColumn values = new ChunkCodec.StringColumn();
            for (int from = writtenKeys; from < newKeys.size(); from += ProjectStore.CHUNK_ROWS) {
                int to = Math.min(newKeys.size(), from + ProjectStore.CHUNK_ROWS);
                if (!all && to - from < ProjectStore.CHUNK_ROWS) {
                    break;
                }
                values.clear();
                byte[] kinds = new byte[to - from];
                for (int i = from; i < to; i++) {
                    values.add(newKeys.get(i));
                    kinds[i - from] = newKeyKinds.get(i);
                }
                ps.setInt(1, firstNewKey + from);
                ps.setInt(2, importId);
                ps.setInt(3, to - from);
                ps.setBytes(4, values.encode());
                ps.setBytes(5, ChunkCodec.deflate(kinds, 0, kinds.length));
                ps.executeUpdate();
                writtenKeys = to;
            }
        }
    }

    private void closeStatements() {
        encoder.shutdownNow();
        try {
            insertChunk.close();
            insertReject.close();
        } catch (SQLException ignored) {
            // closing prepared statements of a finished transaction cannot lose data
        }
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
