package org.journeyexplorer.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blobs computed from the events (session assignments, the property index) under a key. A blob that depends on the
 * events ends its key with {@code "@" + version}, the events version it was computed from, so it can never be read
 * for other events. An import, a removal or an erasure drops every blob in its own transaction; a stream batch
 * keeps them (it must stay cheap), and writing a blob stamped with one version drops the blobs stamped with any
 * other, so stale ones do not pile up. Writes here commit on their own, outside any running import.
 */
public final class DerivedData {
    private final ProjectStore store;

    DerivedData(ProjectStore store) {
        this.store = store;
    }

    /**
     * Stores a blob under a key, replacing any previous one; a key stamped {@code "@" + version} also drops the blobs
     * stamped with another version (of older events, or of newer ones this blob lost a race with: a cache either way).
     */
    public void write(String key, byte[] data) {
        int at = key.lastIndexOf('@');
        store.writeAside("save derived data", c -> {
            if (at >= 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM derived WHERE name LIKE '%@%' AND name NOT LIKE ? ESCAPE '\\'")) {
                    ps.setString(1, "%" + escapeLike(key.substring(at)));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO derived(name, data) KEY(name) VALUES (?, ?)")) {
                ps.setString(1, key);
                ProjectStore.setBlob(ps, 2, data);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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

    /** Whether a blob is stored under a key, without reading it. */
    public boolean has(String key) {
        return store.read("read derived data", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM derived WHERE name = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
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
