package org.journeyexplorer.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * What a project holds, as plain H2 reads it: the number of events and a SHA-256 over every stored event chunk (in
 * storage order), the event names and the identities. Read from a copy of the file opened read-only, so looking
 * never writes to the project, and without the app's own code, so a file the app would misread still counts as
 * damaged. Used by the kill harness ({@link ProjectKillHarness}) to tell "unchanged" from "damaged".
 */
public record ProjectFingerprint(long events, String sha256) {
    private static final String[] TABLES = {
            "SELECT * FROM event_chunk ORDER BY seq",
            "SELECT * FROM event_type_dict ORDER BY id",
            "SELECT * FROM identity_chunk ORDER BY first_id",
    };

    /**
     * The fingerprint of {@code projectFile}, or an exception naming what H2 could not read (a damaged file).
     * {@code scratch} is a folder for the copy.
     */
    public static ProjectFingerprint of(Path projectFile, Path scratch) throws IOException, SQLException {
        Path copy = scratch.resolve("fingerprint.mv.db");
        Files.copy(projectFile, copy, StandardCopyOption.REPLACE_EXISTING);
        String base = copy.toString().substring(0, copy.toString().length() - ".mv.db".length());
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0");
             Statement s = c.createStatement()) {
            MessageDigest sha = newSha256();
            long events;
            try (ResultSet r = s.executeQuery("SELECT COALESCE(SUM(row_count), 0) FROM event_chunk")) {
                r.next();
                events = r.getLong(1);
            }
            for (String query : TABLES) {
                try (ResultSet r = s.executeQuery(query)) {
                    ResultSetMetaData md = r.getMetaData();
                    while (r.next()) {
                        for (int col = 1; col <= md.getColumnCount(); col++) {
                            digest(sha, r, col, md.getColumnType(col));
                        }
                    }
                }
            }
            return new ProjectFingerprint(events, HexFormat.of().formatHex(sha.digest()));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static void digest(MessageDigest sha, ResultSet r, int col, int type) throws SQLException, IOException {
        if (type == java.sql.Types.BLOB || type == java.sql.Types.VARBINARY || type == java.sql.Types.BINARY) {
            try (InputStream in = r.getBinaryStream(col)) {
                if (in == null) {
                    sha.update((byte) 0);
                    return;
                }
                sha.update((byte) 1);
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
        } else {
            String v = r.getString(col);
            sha.update((v == null ? "\u0000" : v + "\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return events + " events, sha256 " + sha256.substring(0, 16);
    }
}
