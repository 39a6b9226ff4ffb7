package org.journeyexplorer.project;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which column says that a person consented, and which of its values mean yes (compared case-insensitively,
 * trimmed). The column is one of the file's other columns, so its value is read from the row's properties; a
 * column {@code properties.x} of a JSON file is the property {@code x} (readers merge the nested object).
 *
 * @param column the column or property name, as the file names it
 * @param values the consenting values, lower case, at least one
 */
public record ConsentRule(String column, List<String> values) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String NESTED = "properties.";

    public ConsentRule {
        if (column == null || column.isBlank()) {
            throw new UserFacingException("Name the consent column, e.g. consent=yes,true.");
        }
        column = column.trim();
        Set<String> v = new LinkedHashSet<>();
        for (String s : values == null ? List.<String>of() : values) {
            if (s != null && !s.isBlank()) {
                v.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (v.isEmpty()) {
            throw new UserFacingException("Name the values of '" + column
                    + "' that mean consent, e.g. " + column + "=yes,true,1.");
        }
        values = List.copyOf(v);
    }

    /** Parses {@code COLUMN=v1,v2,…} as given on the command line. */
    public static ConsentRule parse(String spec) {
        int eq = spec == null ? -1 : spec.lastIndexOf('=');
        if (eq <= 0) {
            throw new UserFacingException("The consent option takes COLUMN=v1,v2 (e.g. consent=yes,true); got '"
                    + spec + "'.");
        }
        return new ConsentRule(spec.substring(0, eq), splitValues(spec.substring(eq + 1)));
    }

    /** Splits a comma-separated list of consenting values. */
    public static List<String> splitValues(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** The values as typed back: comma-separated. */
    public String valuesText() {
        return String.join(",", values);
    }

    /** Whether a row with these properties carries a consenting value. */
    public boolean consents(String propertiesJson) {
        String v = valueIn(propertiesJson);
        return v != null && values.contains(v.trim().toLowerCase(Locale.ROOT));
    }

    /** The scalar value of the consent column in a properties object, or null. */
    String valueIn(String propertiesJson) {
        if (propertiesJson == null) {
            return null;
        }
        String inner = column.startsWith(NESTED) ? column.substring(NESTED.length()) : null;
        // cheap test first: most rows of most files are rejected or accepted on this alone
        if (!propertiesJson.contains(inner != null ? inner : column)) {
            return null;
        }
        String found = null;
        try (JsonParser p = JSON.createParser(propertiesJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                if (name.equals(column)) {
                    return t == JsonToken.VALUE_NULL ? null : p.getText();
                }
                if (name.equals(inner) && t != JsonToken.VALUE_NULL) {
                    found = p.getText();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return found;
    }
}
