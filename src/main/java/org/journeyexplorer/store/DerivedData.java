package org.journeyexplorer.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blobs computed from the events (session assignments, models) under a key. Every write of events drops them all
 * in its own transaction, so a stored blob always belongs to the committed events; writes here commit on their
 * own, outside any running import.
 */
public final class DerivedData {
    private final ProjectStore store;

    DerivedData(ProjectStore store) {
        this.store = store;
    }

    /** Stores a blob under a key, replacing any previous one. */
    public void write(String key, byte[] data) {
        store.writeAside("save derived data", c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO derived(name, data) KEY(name) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setBytes(2, data);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The blob stored under a key, if any. */
    public Optional<byte[]> read(String key) {
        return store.read("read derived data", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM derived WHERE name = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ProjectStore.blob(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    /** Keys of all blobs, sorted. */
    public List<String> keys() {
        return store.read("read derived data", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM derived ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Drops every blob. */
    public void clear() {
        store.writeAside("clear derived data", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM derived");
            }
            return null;
        });
    }
}
