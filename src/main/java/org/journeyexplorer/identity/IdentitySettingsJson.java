package org.journeyexplorer.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    /**
     * Settings are read with the streaming parser: every command that builds a frame reads them, and the first
     * {@code ObjectMapper} of a process costs 60-90 ms of CPU (its static set-up: date formats, type factory), where
     * the parser costs 7-10 ms (fresh JVM with the archive, load 15). Saving, which is rare, uses the mapper.
     */
    private static final JsonFactory JSON = new JsonFactory();

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
        ObjectNode o = new ObjectMapper().createObjectNode();
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
        boolean email = d.emailJoinsAccounts();
        boolean phone = d.phoneJoinsAccounts();
        boolean probabilistic = d.probabilistic();
        double t = d.threshold();
        int w = d.windowMinutes();
        Set<String> unlinked = new TreeSet<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.getCurrentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "emailJoinsAccounts" -> email = p.getValueAsBoolean(d.emailJoinsAccounts());
                        case "phoneJoinsAccounts" -> phone = p.getValueAsBoolean(d.phoneJoinsAccounts());
                        case "probabilistic" -> probabilistic = p.getValueAsBoolean(d.probabilistic());
                        case "threshold" -> t = p.getValueAsDouble(d.threshold());
                        case "windowMinutes" -> w = p.getValueAsInt(d.windowMinutes());
                        case "unlinked" -> {
                            unlinked.clear();
                            if (v == JsonToken.START_ARRAY) {
                                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                                    unlinked.add(e.isScalarValue() ? p.getValueAsString("null") : "");
                                    p.skipChildren();
                                }
                            }
                        }
                        default -> {
                        }
                    }
                    p.skipChildren(); // an object or array where a value was expected: passed over
                }
            }
            return new IdentitySettings(true, email, phone, probabilistic, t >= 0 && t <= 1 ? t : d.threshold(),
                    w >= 1 ? w : d.windowMinutes(), unlinked);
        } catch (IOException | RuntimeException e) {
            // settings a later build wrote differently are no reason to refuse to open the project
            return d;
        }
    }
}
