package org.journeyexplorer.store;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What was imported into a project: one record per file import and per stream source, the rows each could not
 * use, and the committed position of every stream source. Removing an import is here too.
 */
public final class Imports {
    private final ProjectStore store;

    Imports(ProjectStore store) {
        this.store = store;
    }

    /** All imports, oldest first, including removed ones ({@link ImportRecord#removed()} not null). */
    public List<ImportRecord> all() {
        return store.read("read the imports", c -> query(c, "SELECT * FROM imports ORDER BY id", null));
    }

    /** The earliest import still in the project of a file with this content hash, if any. */
    public Optional<ImportRecord> findByHash(String contentHash) {
        return store.read("read the imports", c -> query(c,
                "SELECT * FROM imports WHERE sha256 = ? AND removed IS NULL ORDER BY id", contentHash)).stream()
                .findFirst();
    }

    /**
     * Whether an import still in the project came from a file of exactly this many bytes and recorded its
     * SHA-256 (imports made before the CRC content hash): a file of this size must then be hashed that way too.
     */
    public boolean anySha256OfSize(long fileSize) {
        return store.read("read the imports", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM imports WHERE file_size = ?"
                    + " AND removed IS NULL AND source_key IS NULL AND LENGTH(sha256) = 64 LIMIT 1")) {
                ps.setLong(1, fileSize);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Whether an import still in the project came from a file of exactly this many bytes: when none did, no file
     * of this size can be a duplicate, and its hash need not be known before importing it.
     */
    public boolean anyOfSize(long fileSize) {
        return store.read("read the imports", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM imports WHERE file_size = ? AND removed IS NULL AND source_key IS NULL LIMIT 1")) {
                ps.setLong(1, fileSize);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The import record of a stream source (not removed), if it has appended anything yet. */
    public Optional<ImportRecord> stream(String sourceKey) {
        return store.read("read the imports", c -> query(c,
                "SELECT * FROM imports WHERE source_key = ? AND removed IS NULL ORDER BY id", sourceKey))
                .stream().findFirst();
    }

    private static List<ImportRecord> query(Connection c, String sql, String param) throws SQLException {
        List<ImportRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
                            removed == null ? null : removed.toInstant(), rs.getString("source_key")));
                }
            }
        }
        return out;
    }

    /** Rejected rows of an import in line order, at most {@code limit}. */
    public List<RejectedRow> rejectedRows(int importId, int limit) {
        return store.read("read the rejected rows", c -> {
            List<RejectedRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT line, reason, raw_text, location FROM rejected_rows"
                    + " WHERE import_id = ? ORDER BY line FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(1, importId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RejectedRow(importId, rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The committed positions of a stream source: for each partition, the position to continue from (Kafka: the
     * next offset to read). Empty when the source never committed a batch. Positions commit in the same
     * transaction as the batch's events, so after a crash they are exactly where the stored events end.
     */
    public Map<Integer, Long> sourcePositions(String sourceKey) {
        return store.read("read the stream positions", c -> {
            Map<Integer, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT part, next_offset FROM source_position WHERE source_key = ?")) {
                ps.setString(1, sourceKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /**
     * Removes an import: its events and rejected rows go, derived data is cleared, and the audit log records it.
     * Dictionary entries stay (ids never change); storage rows after the removed import move up. A stream's
     * positions stay, so a restarted stream goes on where it was (into a new stream record) instead of reading its
     * removed events again. Waits for a running import.
     *
     * @return the number of events removed
     */
    public long remove(int importId, TaskContext ctx) {
        ImportRecord rec = all().stream().filter(r -> r.id() == importId && r.removed() == null).findFirst()
                .orElseThrow(() -> new UserFacingException("There is no import " + importId + " in "
                        + store.name() + "."));
        return store.write("remove the import", true, ctx, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_chunk WHERE import_id = ?");
                 PreparedStatement rj = c.prepareStatement("DELETE FROM rejected_rows WHERE import_id = ?");
                 PreparedStatement im = c.prepareStatement("UPDATE imports SET removed = ? WHERE id = ?");
                 Statement st = c.createStatement()) {
                ps.setInt(1, importId);
                ps.executeUpdate();
                rj.setInt(1, importId);
                rj.executeUpdate();
                im.setObject(1, ProjectStore.utc(Instant.now()));
                im.setInt(2, importId);
                im.executeUpdate();
                st.executeUpdate("DELETE FROM derived");
            }
            AuditLog.insert(c, "remove-import", rec.fileName() + " (import " + importId + ")", rec.rowsImported());
            return rec.rowsImported();
        });
    }

    // ---------------------------------------------------------------- for writers (writer connection)

    /** Inserts a new import record; returns its id. */
    static int insert(Connection c, NewImport info, String sourceKey) throws SQLException {
        int importId;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM imports")) {
            rs.next();
            importId = rs.getInt(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO imports(id, file_name, file_path,"
                + " file_size, sha256, mapping_json, rows_read, rows_imported, rows_rejected, started,"
                + " app_version, source_key) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)")) {
            ps.setInt(1, importId);
            ps.setString(2, info.fileName());
            ps.setString(3, info.filePath());
            ps.setLong(4, info.fileSize());
            ps.setString(5, info.contentHash());
            ps.setString(6, info.mappingJson());
            ps.setObject(7, ProjectStore.utc(Instant.now()));
            ps.setString(8, ProjectStore.appVersion());
            ps.setString(9, sourceKey);
            ps.executeUpdate();
        }
        return importId;
    }

    /** The id of a stream source's live import record, or null. */
    static Integer streamImport(Connection c, String sourceKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(id) FROM imports WHERE source_key = ? AND removed IS NULL")) {
            ps.setString(1, sourceKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int id = rs.getInt(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    /** Stores a source's positions (only the partitions given; others keep theirs). */
    static void putPositions(Connection c, String sourceKey, Map<Integer, Long> positions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO source_position(source_key, part, next_offset) KEY(source_key, part) VALUES (?, ?, ?)")) {
            for (Map.Entry<Integer, Long> e : positions.entrySet()) {
                ps.setString(1, sourceKey);
                ps.setInt(2, e.getKey());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
