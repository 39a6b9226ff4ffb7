package org.journeyexplorer.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.store.ProjectStore;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes a project's {@link IdentitySettings} (kept in the project, so the app, the CLI and privacy
 * requests all see the same persons). Stitching itself is a view option and is not stored: it reads back on.
 */
public final class IdentitySettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentitySettingsJson() {
    }

    /** The project's identity settings; {@link IdentitySettings#DEFAULT} when never saved or unreadable. */
    public static IdentitySettings read(ProjectStore store) {
        return store.settings().identitySettingsJson().map(IdentitySettingsJson::parse).orElse(IdentitySettings.DEFAULT);
    }

    /** Saves {@code s} (without its stitching switch) as the project's identity settings. */
    public static void save(ProjectStore store, IdentitySettings s) {
        store.settings().saveIdentitySettingsJson(toJson(s));
    }

    static String toJson(IdentitySettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("emailJoinsAccounts", s.emailJoinsAccounts());
        o.put("phoneJoinsAccounts", s.phoneJoinsAccounts());
        o.put("probabilistic", s.probabilistic());
        o.put("threshold", s.threshold());
        o.put("windowMinutes", s.windowMinutes());
        var d = o.putArray("unlinked");
        new TreeSet<>(s.detached()).forEach(d::add);
        return o.toString();
    }

    /** Settings from JSON; missing or unreadable fields keep their defaults. */
    static IdentitySettings parse(String json) {
        IdentitySettings d = IdentitySettings.DEFAULT;
        try {
            JsonNode o = JSON.readTree(json);
            Set<String> unlinked = new TreeSet<>();
            o.path("unlinked").forEach(v -> unlinked.add(v.asText()));
            double t = o.path("threshold").asDouble(d.threshold());
            int w = o.path("windowMinutes").asInt(d.windowMinutes());
            return new IdentitySettings(true, o.path("emailJoinsAccounts").asBoolean(d.emailJoinsAccounts()),
                    o.path("phoneJoinsAccounts").asBoolean(d.phoneJoinsAccounts()),
                    o.path("probabilistic").asBoolean(d.probabilistic()),
                    t >= 0 && t <= 1 ? t : d.threshold(), w >= 1 ? w : d.windowMinutes(), unlinked);
        } catch (IOException | RuntimeException e) {
            // settings a later build wrote differently are no reason to refuse to open the project
            return d;
        }
    }
}
