package org.journeyexplorer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the properties of a stored event (a JSON object text) as key / value pairs for people to read: strings as
 * they are, numbers and booleans as written, nested objects and arrays as compact JSON.
 */
public final class EventProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventProperties() {
    }

    /** One property of an event. */
    public record Entry(String key, String value) {
    }

    /**
     * The properties in stored order; empty for null or blank text. Text that is not a JSON object (never written
     * by an import) comes back as one entry with an empty key, so nothing is hidden.
     */
    public static List<Entry> entries(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return List.of(new Entry("", json));
        }
        if (node == null || !node.isObject()) {
            return List.of(new Entry("", json));
        }
        List<Entry> out = new ArrayList<>(node.size());
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            JsonNode v = m.getValue();
            out.add(new Entry(m.getKey(), v.isTextual() ? v.textValue() : v.isNull() ? "" : v.toString()));
        }
        return List.copyOf(out);
    }
}
