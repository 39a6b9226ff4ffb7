package org.journeyexplorer.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ProjectStore;

import java.io.IOException;
import java.util.List;

/**
 * How a project's journeys are cut: whole cases or sessions, as the analyst chose it (kept in the project) or as
 * its imports suggest. Frames themselves are built and cached by {@code project.ProjectSession}.
 */
public final class ProjectFrames {
    /** The {@link org.journeyexplorer.store.ProjectSettings#userSetting user setting} holding the analyst's {@link JourneyScope}. */
    public static final String JOURNEY_SETTING = "journey";
    /** A streaming parser, not an {@code ObjectMapper}: see {@code IdentitySettingsJson}. */
    private static final JsonFactory JSON = new JsonFactory();

    private ProjectFrames() {
    }

    /** How the project's journeys are cut: the analyst's saved choice, else {@link #defaultScope} of its imports. */
    public static JourneyScope journeyScope(ProjectStore store) {
        return store.settings().userSetting(JOURNEY_SETTING).flatMap(ProjectFrames::parseScope)
                .orElseGet(() -> defaultScope(store.imports().all()));
    }

    /** Saves the analyst's choice of {@link JourneyScope} in the project. */
    public static void saveJourneyScope(ProjectStore store, JourneyScope scope) {
        store.settings().putUserSetting(JOURNEY_SETTING, scope.key());
    }

    /**
     * Whole cases when every import still in the project reads as a process log
     * ({@link JourneyScope#looksLikeCaseLog}), else sessions; sessions for an empty project.
     */
    public static JourneyScope defaultScope(List<ImportRecord> imports) {
        boolean any = false;
        for (ImportRecord r : imports) {
            if (r.removed() != null) {
                continue;
            }
            any = true;
            if (!isCaseLog(r.mappingJson())) {
                return JourneyScope.SESSION;
            }
        }
        return any ? JourneyScope.CASE : JourneyScope.SESSION;
    }

    /** Whether an import's recorded settings ({@link ImportRecord#mappingJson()}) describe a process log. */
    static boolean isCaseLog(String mappingJson) {
        String format = null;
        String person = null;
        String anonymous = null;
        try (JsonParser p = JSON.createParser(mappingJson == null ? "{}" : mappingJson)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.getCurrentName();
                    JsonToken t = p.nextToken();
                    if (name.equals("format")) {
                        format = text(p, t);
                    } else if (name.equals("mapping")) {
                        person = null;
                        anonymous = null;
                        if (t == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String column = p.getCurrentName();
                                JsonToken v = p.nextToken();
                                if (column.equals("person")) {
                                    person = text(p, v);
                                } else if (column.equals("anonymous")) {
                                    anonymous = text(p, v);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            return false; // settings this build cannot read: assume the usual clickstream
        }
        return JourneyScope.looksLikeCaseLog(format, person, anonymous);
    }

    /** The value at {@code t} as text: null for JSON null, "" for an object or array (passed over). */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        return p.getText();
    }

    private static java.util.Optional<JourneyScope> parseScope(String s) {
        try {
            return java.util.Optional.of(JourneyScope.parse(s));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The rule the command line uses when none is given: whole cases for a case log, else the 30-minute session
     * rule; the desktop app asks {@link #journeyScope} too, so both count the same journeys.
     */
    public static SessionRule defaultRule(ProjectStore store) {
        return journeyScope(store).rule(SessionRule.DEFAULT_TIMEOUT_MICROS);
    }

    /**
     * The rule of the command-line options {@code --journey case|session} and {@code --timeout D}: a timeout alone
     * means sessions; neither means {@link #defaultRule}.
     *
     * @param journey "case", "session" or null
     * @param timeout a duration ({@link SessionRule#parseDurationMicros}) or null
     * @throws IllegalArgumentException for an unknown journey, or a timeout with whole cases
     */
    public static SessionRule rule(ProjectStore store, String journey, String timeout) {
        JourneyScope scope = journey == null ? null : JourneyScope.parse(journey);
        if (scope == JourneyScope.CASE && timeout != null) {
            throw new IllegalArgumentException("--timeout cuts sessions; it does not go with --journey case");
        }
        if (scope == null && timeout == null) {
            return defaultRule(store);
        }
        return (scope == null ? JourneyScope.SESSION : scope).rule(
                timeout == null ? SessionRule.DEFAULT_TIMEOUT_MICROS : SessionRule.parseDurationMicros(timeout));
    }

}
