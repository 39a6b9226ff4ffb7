package org.journeyexplorer.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The project schema as an ordered list of migration steps. A file records the number of steps applied in
 * {@code schema_version}; opening it applies the missing ones in order. Steps are never edited once released — a
 * change to the schema is a new step at the end. H2 commits every DDL statement, so a step is not atomic; the
 * version is advanced after each complete step, which is as far as H2 lets it go.
 */
final class Schema {

    /** Step {@code i} brings a file from version {@code i} to {@code i + 1}. */
    static final List<String[]> STEPS = List.of(
            // 1: events as columnar chunks, dictionaries, imports and their rejects
            new String[]{
                    "CREATE TABLE event_type_dict(id INT PRIMARY KEY, name VARCHAR NOT NULL)",
                    "CREATE TABLE imports(id INT PRIMARY KEY, file_name VARCHAR NOT NULL, file_path VARCHAR,"
                            + " file_size BIGINT NOT NULL, sha256 VARCHAR(64) NOT NULL, mapping_json VARCHAR NOT NULL,"
                            + " rows_read BIGINT NOT NULL, rows_imported BIGINT NOT NULL, rows_rejected BIGINT NOT NULL,"
                            + " started TIMESTAMP WITH TIME ZONE NOT NULL, ended TIMESTAMP WITH TIME ZONE,"
                            + " app_version VARCHAR)",
                    "CREATE TABLE event_chunk(import_id INT NOT NULL REFERENCES imports(id), chunk_no INT NOT NULL,"
                            + " row_count INT NOT NULL, user_col BLOB NOT NULL, anon_col BLOB NOT NULL,"
                            + " time_col BLOB NOT NULL, type_col BLOB NOT NULL, props_col BLOB NOT NULL,"
                            + " PRIMARY KEY(import_id, chunk_no))",
                    // identities (hundreds of thousands) in blocks, like the events: row inserts are too slow
                    "CREATE TABLE identity_chunk(first_id INT PRIMARY KEY, import_id INT NOT NULL REFERENCES imports(id),"
                            + " id_count INT NOT NULL, values_col BLOB NOT NULL, anonymous_col BLOB NOT NULL)",
                    "CREATE TABLE rejected_rows(import_id INT NOT NULL REFERENCES imports(id), line BIGINT NOT NULL,"
                            + " reason VARCHAR NOT NULL, raw_text VARCHAR)",
            },
            // 2: derived data of other features (sessions, models), and look-ups by file hash
            new String[]{
                    "CREATE TABLE derived(name VARCHAR PRIMARY KEY, data BLOB NOT NULL)",
                    "CREATE INDEX imports_sha256 ON imports(sha256)",
                    "CREATE INDEX rejected_rows_import ON rejected_rows(import_id, line)",
            });

    static final int LATEST = STEPS.size();

    private Schema() {
    }

    /** Version recorded in the file; 0 for an empty database. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SCHEMA_VERSION'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Applies the steps from the file's version up to {@code target}, one after the other. */
    static void migrate(Connection c, int target) throws SQLException {
        int from = version(c);
        try (Statement s = c.createStatement()) {
            if (from == 0 && target > 0) {
                s.execute("CREATE TABLE schema_version(version INT NOT NULL)");
                s.execute("INSERT INTO schema_version VALUES (0)");
            }
            for (int v = from; v < target; v++) {
                for (String sql : STEPS.get(v)) {
                    s.execute(sql);
                }
                s.execute("UPDATE schema_version SET version = " + (v + 1));
            }
        }
    }
}
