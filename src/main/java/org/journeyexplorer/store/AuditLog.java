package org.journeyexplorer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's audit log: what was done to its data (imports, removals, deletions, exports), when, by which
 * operating-system user, with how many items, never with the ids concerned. Entries written by a write of events
 * (an import's entry) commit with it; {@link #record} commits at once on its own.
 */
public final class AuditLog {
    private final ProjectStore store;

    AuditLog(ProjectStore store) {
        this.store = store;
    }

    /**
     * Appends an entry (an export, …) and commits it at once: it is never part of a running import's transaction,
     * so cancelling that import keeps it.
     */
    public void record(String action, String details, long count) {
        store.writeAside("write the audit log", c -> {
            insert(c, action, details, count);
            return null;
        });
    }

    /** The log, oldest first. */
    public List<AuditEntry> entries() {
        return store.read("read the audit log", c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, at_time, os_user, action, details, item_count"
                         + " FROM audit_log ORDER BY id")) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)));
                }
            }
            return out;
        });
    }

    /** Inserts an entry on {@code c}, inside whatever transaction runs there. */
    static void insert(Connection c, String action, String details, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log(at_time, os_user, action, details, item_count) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, ProjectStore.utc(Instant.now()));
            ps.setString(2, System.getProperty("user.name"));
            ps.setString(3, action);
            ps.setString(4, details);
            ps.setLong(5, count);
            ps.executeUpdate();
        }
    }
}
