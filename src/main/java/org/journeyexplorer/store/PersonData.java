package org.journeyexplorer.store;

import org.journeyexplorer.core.TaskContext;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Low-level reads and rewrites of stored rows for privacy requests (erasure and access, see
 * {@code org.journeyexplorer.privacy}): everything that must know the chunk encodings lives here, next to
 * {@link ChunkCodec}, so the privacy package works on plain values. Reads see one committed snapshot; the
 * erasure is one write transaction under the store's write lock.
 */
public final class PersonData {
    private PersonData() {
    }

    /**
     * One stored chunk, decoded. {@code props[i]} is null when the event has no properties; {@code keys} holds the
     * identity keys as four blocks of {@code size} values (e-mail, phone, device, network; -1 for none), or is null
     * when no event of the chunk has one.
     */
    public record Chunk(int importId, int chunkNo, int firstRow, int size, int[] user, int[] anonymous,
                        long[] timeMicros, int[] type, String[] props, int[] keys) {

        /** The key of kind block {@code kind} (0 e-mail, 1 phone, 2 device, 3 network) of row {@code i}, or -1. */
        public int key(int kind, int i) {
            return keys == null ? -1 : keys[kind * size + i];
        }
    }

    /** Receives chunks in storage order. */
    @FunctionalInterface
    public interface ChunkVisitor {
        void visit(Chunk chunk);
    }

    /** What {@link #erase} changed, per table. */
    public record ErasureCounts(long eventsDeleted, int chunksRewritten, int chunksDeleted, long referencesCleared,
                                int identitiesBlanked, int keysBlanked, int rejectedRowsDeleted, int derivedDeleted) {
    }

    /** A place outside the event chunks where a searched text was found. */
    public record Mention(String table, String column, long rows) {
    }

    /** Value an erased identity's dictionary entry is replaced by: ids must stay dense, the text must go. */
    public static final String BLANK_IDENTITY = "";

    /** Visits every event chunk, decoded, in storage order. Checks for cancellation between chunks. */
    public static void scanChunks(ProjectStore store, TaskContext ctx, ChunkVisitor visitor) {
        store.readSnapshot("read the events", c -> {
            scan(c, ctx, visitor);
            return null;
        });
    }

    /** Receives each chunk's import and storage rows {@code [from, from + count)}. */
    @FunctionalInterface
    public interface ChunkSizeVisitor {
        void visit(int importId, int from, int count);
    }

    /** Visits the chunks' imports and row ranges in storage order without reading their columns. */
    public static void scanChunkSizes(ProjectStore store, ChunkSizeVisitor visitor) {
        store.readSnapshot("read the events", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT import_id, row_count FROM event_chunk ORDER BY seq")) {
                int first = 0;
                while (rs.next()) {
                    int n = rs.getInt(2);
                    visitor.visit(rs.getInt(1), first, n);
                    first += n;
                }
            }
            return null;
        });
    }

    private static void scan(Connection c, TaskContext ctx, ChunkVisitor visitor) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT import_id, chunk_no, row_count, user_col, anon_col, time_col,"
                     + " type_col, props_col, keys_col FROM event_chunk ORDER BY seq")) {
            int first = 0;
            while (rs.next()) {
                ctx.checkCancelled();
                int n = rs.getInt(3);
                visitor.visit(decode(rs, first, n));
                first += n;
            }
        }
    }

    private static Chunk decode(ResultSet rs, int first, int n) throws SQLException {
        int[] user = new int[n];
        int[] anon = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        ChunkCodec.decodeInts(ProjectStore.blob(rs, 4), user, 0, n);
        ChunkCodec.decodeInts(ProjectStore.blob(rs, 5), anon, 0, n);
        ChunkCodec.decodeLongs(ProjectStore.blob(rs, 6), time, 0, n);
        ChunkCodec.decodeInts(ProjectStore.blob(rs, 7), type, 0, n);
        String[] props = ChunkCodec.decodeAllStrings(ProjectStore.blob(rs, 8), n);
        int[] keys = null;
        if (rs.getObject(9) != null) {
            keys = new int[4 * n];
            ChunkCodec.decodeInts(ProjectStore.blob(rs, 9), keys, 0, 4 * n);
        }
        return new Chunk(rs.getInt(1), rs.getInt(2), first, n, user, anon, time, type, props, keys);
    }

    /** The identity dictionary's values, by id (erased entries are {@link #BLANK_IDENTITY}). */
    public static List<String> identityValues(ProjectStore store) {
        return store.read("read the identities", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id_count, values_col FROM identity_chunk ORDER BY first_id")) {
                while (rs.next()) {
                    out.addAll(List.of(ChunkCodec.decodeAllStrings(ProjectStore.blob(rs, 2), rs.getInt(1))));
                }
            }
            return out;
        });
    }

    /** The identity key dictionary's values (keyed hashes), by id (erased entries are {@link #BLANK_IDENTITY}). */
    public static List<String> keyValues(ProjectStore store) {
        return store.read("read the identity keys", c -> {
            List<String> out = new ArrayList<>();
            Events.loadKeys(c, out, new ArrayList<>());
            return out;
        });
    }

    /** Rejected rows whose reason or raw text satisfies {@code matches}, in import and line order. */
    public static List<RejectedRow> rejectedRows(ProjectStore store, Predicate<String> matches) {
        return store.read("read the rejected rows", c -> {
            List<RejectedRow> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT import_id, line, reason, raw_text, location FROM rejected_rows"
                         + " ORDER BY import_id, line")) {
                while (rs.next()) {
                    String reason = rs.getString(3);
                    String raw = rs.getString(4);
                    if (rejectedRowMatches(matches, reason, raw)) {
                        out.add(new RejectedRow(rs.getInt(1), rs.getLong(2), reason, raw, rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Erases in one transaction: events at the storage rows in {@code dropRows} are removed (their chunks
     * rewritten, or deleted when empty); references to {@code identities} and {@code keys} left on other events are
     * set to {@code -1} (no id, no key); those identities' and keys' dictionary values become
     * {@link #BLANK_IDENTITY}; rejected rows whose
     * reason or raw text satisfies {@code rejectMatches} are deleted; all derived data is dropped; and the audit
     * entry is written. Any failure rolls everything back. The file still holds the old bytes in free pages until
     * {@link ProjectStore#compact()}.
     */
    public static ErasureCounts erase(ProjectStore store, BitSet dropRows, BitSet identities, BitSet keys,
                                      Predicate<String> rejectMatches, String auditAction, String auditDetails,
                                      TaskContext ctx) {
        return store.write("delete the person's data", true, ctx, c -> {
            long[] changes = rewriteChunks(c, dropRows, identities, keys, ctx);
            int blanked = blankEntries(c, "identity_chunk", "id_count", identities);
            int blankedKeys = blankEntries(c, "key_chunk", "key_count", keys);
            int rejects = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT _ROWID_, reason, raw_text FROM rejected_rows");
                 PreparedStatement del = c.prepareStatement("DELETE FROM rejected_rows WHERE _ROWID_ = ?")) {
                while (rs.next()) {
                    String reason = rs.getString(2);
                    String raw = rs.getString(3);
                    if (rejectedRowMatches(rejectMatches, reason, raw)) {
                        del.setLong(1, rs.getLong(1));
                        rejects += del.executeUpdate();
                    }
                }
            }
            int derived;
            try (Statement s = c.createStatement()) {
                derived = s.executeUpdate("DELETE FROM derived");
            }
            AuditLog.insert(c, auditAction, auditDetails, changes[0]);
            return new ErasureCounts(changes[0], (int) changes[1], (int) changes[2], changes[3], blanked,
                    blankedKeys, rejects, derived);
        });
    }

    /** Returns {events deleted, chunks rewritten, chunks deleted, references cleared}. */
    private static long[] rewriteChunks(Connection c, BitSet dropRows, BitSet identities, BitSet keys,
                                        TaskContext ctx) throws SQLException {
        List<Chunk> changed = new ArrayList<>();
        scan(c, ctx, ch -> {
            int n = ch.size();
            int nextDrop = dropRows.nextSetBit(ch.firstRow());
            boolean touched = nextDrop >= 0 && nextDrop < ch.firstRow() + n;
            for (int i = 0; i < n && !touched; i++) {
                touched = refers(identities, ch.user()[i]) || refers(identities, ch.anonymous()[i]);
            }
            for (int i = 0; ch.keys() != null && i < ch.keys().length && !touched; i++) {
                touched = refers(keys, ch.keys()[i]);
            }
            if (touched) {
                changed.add(ch);
            }
        });
        long deleted = 0;
        long cleared = 0;
        int rewritten = 0;
        int emptied = 0;
        try (PreparedStatement upd = c.prepareStatement("UPDATE event_chunk SET row_count = ?, user_col = ?,"
                + " anon_col = ?, time_col = ?, type_col = ?, props_col = ?, keys_col = ?"
                + " WHERE import_id = ? AND chunk_no = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM event_chunk WHERE import_id = ? AND chunk_no = ?")) {
            for (Chunk ch : changed) {
                int n = ch.size();
                int[] user = new int[n];
                int[] anon = new int[n];
                long[] time = new long[n];
                int[] type = new int[n];
                ChunkCodec.StringColumn props = new ChunkCodec.StringColumn();
                int[] keyBlocks = ch.keys() == null ? null : new int[4 * n];
                boolean anyKey = false;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (dropRows.get(ch.firstRow() + i)) {
                        deleted++;
                        continue;
                    }
                    if (keyBlocks != null) {
                        for (int kind = 0; kind < 4; kind++) {
                            int key = ch.key(kind, i);
                            if (refers(keys, key)) {
                                key = -1;
                                cleared++;
                            }
                            keyBlocks[kind * n + k] = key;
                            anyKey |= key >= 0;
                        }
                    }
                    int u = ch.user()[i];
                    int a = ch.anonymous()[i];
                    if (refers(identities, u)) {
                        u = -1;
                        cleared++;
                    }
                    if (refers(identities, a)) {
                        a = -1;
                        cleared++;
                    }
                    user[k] = u;
                    anon[k] = a;
                    time[k] = ch.timeMicros()[i];
                    type[k] = ch.type()[i];
                    props.add(ch.props()[i]);
                    k++;
                }
                if (k == 0) {
                    del.setInt(1, ch.importId());
                    del.setInt(2, ch.chunkNo());
                    del.executeUpdate();
                    emptied++;
                } else {
                    upd.setInt(1, k);
                    upd.setBytes(2, ChunkCodec.encodeInts(user, k));
                    upd.setBytes(3, ChunkCodec.encodeInts(anon, k));
                    upd.setBytes(4, ChunkCodec.encodeLongs(time, k));
                    upd.setBytes(5, ChunkCodec.encodeInts(type, k));
                    upd.setBytes(6, props.encodeBlocked());
                    upd.setBytes(7, anyKey ? ImportWriter.encodeKeys(keyBlocks, k) : null);
                    upd.setInt(8, ch.importId());
                    upd.setInt(9, ch.chunkNo());
                    upd.executeUpdate();
                    rewritten++;
                }
            }
        }
        return new long[]{deleted, rewritten, emptied, cleared};
    }

    /** One test for the rejected rows {@link #rejectedRows} shows and {@link #erase} deletes, so both agree. */
    private static boolean rejectedRowMatches(Predicate<String> matches, String reason, String raw) {
        return (reason != null && matches.test(reason)) || (raw != null && matches.test(raw));
    }

    private static boolean refers(BitSet identities, int id) {
        return id >= 0 && identities.get(id);
    }

    /** Blanks the entries of a dictionary table ({@code identity_chunk} or {@code key_chunk}) by id. */
    private static int blankEntries(Connection c, String table, String countColumn, BitSet identities)
            throws SQLException {
        if (identities.isEmpty()) {
            return 0;
        }
        int blanked = 0;
        List<Object[]> updates = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_id, " + countColumn + ", values_col FROM " + table + " ORDER BY first_id")) {
            while (rs.next()) {
                int first = rs.getInt(1);
                int n = rs.getInt(2);
                int next = identities.nextSetBit(first);
                if (next < 0 || next >= first + n) {
                    continue;
                }
                String[] values = ChunkCodec.decodeAllStrings(ProjectStore.blob(rs, 3), n);
                ChunkCodec.StringColumn col = new ChunkCodec.StringColumn();
                for (int i = 0; i < n; i++) {
                    if (identities.get(first + i)) {
                        col.add(BLANK_IDENTITY);
                        blanked++;
                    } else {
                        col.add(values[i]);
                    }
                }
                updates.add(new Object[]{first, col.encode()});
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET values_col = ? WHERE first_id = ?")) {
            for (Object[] u : updates) {
                ps.setBytes(1, (byte[]) u[1]);
                ps.setInt(2, (Integer) u[0]);
                ps.executeUpdate();
            }
        }
        return blanked;
    }

    /**
     * Searches every column of every table of the project, found through {@code INFORMATION_SCHEMA} so a table
     * added later is searched too, for texts satisfying {@code matches}: character columns by value, binary
     * columns by their bytes read as UTF-8 (inflated first when they are in the chunk format). The encoded
     * columns of {@code event_chunk} and {@code identity_chunk} are skipped: they hold dictionary numbers and
     * compressed text that callers check decoded ({@link #scanChunks}, {@link #identityValues}). Only tables and
     * columns with at least one match are returned. The key dictionary ({@code key_chunk}) is skipped as well: it
     * holds keyed hashes only, checked through {@link #keyValues}.
     */
    public static List<Mention> findMentions(ProjectStore store, Predicate<String> matches, TaskContext ctx) {
        return store.readSnapshot("search the project", c -> {
            Map<String, List<String[]>> columns = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                         + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new String[]{rs.getString(2), rs.getString(3)});
                }
            }
            List<Mention> out = new ArrayList<>();
            for (Map.Entry<String, List<String[]>> t : columns.entrySet()) {
                String table = t.getKey();
                for (String[] col : t.getValue()) {
                    ctx.checkCancelled();
                    String type = col[1].toUpperCase(java.util.Locale.ROOT);
                    boolean text = type.contains("CHAR") || type.equals("JSON");
                    boolean binary = type.contains("BINARY") || type.contains("BLOB");
                    boolean encoded = (table.equals("EVENT_CHUNK") || table.equals("IDENTITY_CHUNK")
                            || table.equals("KEY_CHUNK")) && binary;
                    if ((!text && !binary) || encoded) {
                        continue;
                    }
                    long hits = 0;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT \"" + col[0] + "\" FROM \"" + table + "\"")) {
                        while (rs.next()) {
                            String v = text ? rs.getString(1) : binaryAsText(rs);
                            if (v != null && matches.test(v)) {
                                hits++;
                            }
                        }
                    }
                    if (hits > 0) {
                        out.add(new Mention(table.toLowerCase(java.util.Locale.ROOT),
                                col[0].toLowerCase(java.util.Locale.ROOT), hits));
                    }
                }
            }
            return out;
        });
    }

    /** Names of the project's tables (lower case), from {@code INFORMATION_SCHEMA}. */
    public static List<String> tables(ProjectStore store) {
        return store.read("list the project's tables", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
            return out;
        });
    }

    private static String binaryAsText(ResultSet rs) throws SQLException {
        byte[] b = rs.getBytes(1);
        if (b == null || b.length == 0) {
            return null;
        }
        String plain = new String(b, StandardCharsets.UTF_8);
        if (b[0] == ChunkCodec.DEFLATED) {
            try {
                return plain + "\n" + new String(ChunkCodec.inflateAll(b), StandardCharsets.UTF_8);
            } catch (RuntimeException notDeflated) {
                return plain; // a blob that merely starts with the same byte
            }
        }
        return plain;
    }
}
