package org.journeyexplorer.store;

import org.journeyexplorer.core.UserFacingException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Project settings ({@code project_setting}): the privacy options of the last import, and the secret key of
 * pseudonymised imports. The key is created inside the first pseudonymised import's transaction
 * ({@link ImportWriter#pseudonymizer()}), so a cancelled first import leaves no key behind.
 */
public final class ProjectSettings {
    /** What deleting the pseudonym key means; shown before it happens, in the CLI and in the app. */
    public static final String DROP_KEY_WARNING = "Deleting the pseudonym key cannot be undone. The ids in this"
            + " project are stored as keyed hashes; without the key nobody can link them to people again, so deletion"
            + " and access requests can no longer find a person by their real id, and new imports get unrelated"
            + " pseudonyms (the same person in an old and a new import would count as two). E-mail and phone keys"
            + " are hashed with the same key: new imports could no longer match them.";

    static final String PSEUDONYM_KEY = "pseudonym_key";
    static final String PSEUDONYM_KEY_DROPPED = "pseudonym_key_dropped";
    static final String IMPORT_PRIVACY = "import.privacy";
    static final String IDENTITY_SETTINGS = "identity.settings";
    static final String STREAM = "stream.last";
    /** Prefix of the settings the analyst chose, kept apart from internal ones such as the pseudonym key. */
    private static final String USER_PREFIX = "user.";

    private final ProjectStore store;

    ProjectSettings(ProjectStore store) {
        this.store = store;
    }

    /** Whether the project holds a pseudonym key (it has pseudonymised imports and the key was not dropped). */
    public boolean hasPseudonymKey() {
        return setting(PSEUDONYM_KEY).isPresent();
    }

    /**
     * The pseudonymizer of this project, to look ids up by their pseudonym.
     *
     * @throws UserFacingException when the project has no key (never had one, or it was dropped)
     */
    public Pseudonymizer pseudonymizer() {
        return setting(PSEUDONYM_KEY).map(k -> new Pseudonymizer(HexFormat.of().parseHex(k)))
                .orElseThrow(() -> new UserFacingException(store.name() + " has no pseudonym key."));
    }

    /**
     * Deletes the pseudonym key for good: pseudonyms already stored can no longer be linked to real ids by
     * anyone, and further pseudonymised imports are refused. The file is rewritten (H2 {@code SHUTDOWN
     * COMPACT}) so the key's bytes do not survive in old pages. Waits for a running import.
     */
    public void dropPseudonymKey() {
        if (!hasPseudonymKey()) {
            return;
        }
        store.compact("delete the pseudonym key", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM project_setting WHERE name = '" + PSEUDONYM_KEY + "'");
            }
            put(c, PSEUDONYM_KEY_DROPPED, Instant.now().toString());
            AuditLog.insert(c, "drop-pseudonym-key", "pseudonyms can no longer be linked to ids", 0);
            return null;
        });
    }

    /** Whether the project's pseudonym key was deleted ({@link #dropPseudonymKey()}). */
    public boolean pseudonymKeyDropped() {
        return setting(PSEUDONYM_KEY_DROPPED).isPresent();
    }

    /**
     * The project's identity rules as JSON (written by {@code identity.IdentitySettingsJson}): which keys join
     * accounts, probabilistic matching and its threshold, and the ids the analyst unlinked. Empty when never set.
     */
    public Optional<String> identitySettingsJson() {
        return setting(IDENTITY_SETTINGS);
    }

    /**
     * Saves the project's identity rules (JSON), at once and on its own (never part of a running import); derived
     * data computed under other rules stays valid under its own key.
     */
    public void saveIdentitySettingsJson(String json) {
        store.writeAside("save the identity settings", c -> {
            put(c, IDENTITY_SETTINGS, json);
            return null;
        });
    }

    /**
     * A setting the analyst chose for this project (how journeys are cut, saved views, the last view), stored in
     * the project so it travels with the file. Internal settings (the pseudonym key) cannot be read through this.
     */
    public Optional<String> userSetting(String key) {
        return setting(USER_PREFIX + key);
    }

    /**
     * Stores a {@link #userSetting}, at once and on its own (never part of a running import); a null value removes
     * it. Not audited: it changes no data.
     */
    public void putUserSetting(String key, String value) {
        store.writeAside("save the project settings", c -> {
            if (value != null) {
                put(c, USER_PREFIX + key, value);
            } else {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM project_setting WHERE name = ?")) {
                    ps.setString(1, USER_PREFIX + key);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The privacy options of the last import (JSON), if any. */
    public Optional<String> lastImportPrivacy() {
        return setting(IMPORT_PRIVACY);
    }

    /** The settings of the stream the project was last connected to (JSON, without passwords), if any. */
    public Optional<String> lastStream() {
        return setting(STREAM);
    }

    /**
     * Remembers the stream settings (JSON; the caller leaves passwords out), beside any write that runs: they
     * are not events and must not wait for an import.
     */
    public void rememberStream(String json) {
        store.writeAside("save the stream settings", c -> {
            put(c, STREAM, json);
            return null;
        });
    }

    private Optional<String> setting(String name) {
        return store.read("read the project settings", c -> read(c, name));
    }

    /** The pseudonymizer for a write on {@code c}, creating the key in that transaction on first use. */
    static Pseudonymizer pseudonymizer(Connection c, String projectName) throws SQLException {
        Optional<String> key = read(c, PSEUDONYM_KEY);
        if (key.isPresent()) {
            return new Pseudonymizer(HexFormat.of().parseHex(key.get()));
        }
        if (read(c, PSEUDONYM_KEY_DROPPED).isPresent()) {
            throw new UserFacingException("The pseudonym key of " + projectName + " was deleted, so new"
                    + " events cannot get the same pseudonyms as the persons already in it. Import into a new"
                    + " project, or import without pseudonyms.");
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        put(c, PSEUDONYM_KEY, HexFormat.of().formatHex(k));
        return new Pseudonymizer(k);
    }

    static Optional<String> read(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM project_setting WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void put(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO project_setting(name, val) KEY(name) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
