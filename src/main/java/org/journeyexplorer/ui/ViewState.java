package org.journeyexplorer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.analysis.FilterSettings;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the analyst is looking at, as one value: the tab, the left panel's filters, the segments, and each tab's
 * own controls as text settings ({@code flows.start}, {@code flows.steps}, {@code overview.unit}…). Back/forward
 * steps through these; saved views and the last view of a project are these written as JSON.
 *
 * @param settings     per-tab controls; keys are prefixed with the tab, values never null
 * @param segmentsJson the Compare tab's segments as {@link org.journeyexplorer.analysis.SegmentJson} text, or null
 * @param drill        the drill-down the Journeys tab showed, or null; kept by back/forward only, never in JSON
 */
public record ViewState(Feature feature, FilterSettings filters, Map<String, String> settings, String segmentsJson,
                        Drill drill) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A drill-down into Journeys as a step of back/forward holds it: its sessions are numbers in the frame it was
     * picked from ({@code frame}, a generation the navigator counts), so it means nothing once the frame was rebuilt
     * (an import, a link undone), and nothing in a saved view or after reopening.
     */
    public record Drill(org.journeyexplorer.analysis.Drilldown drilldown, long frame) {
    }

    /** A state without a drill-down (saved views, the last view). */
    public ViewState(Feature feature, FilterSettings filters, Map<String, String> settings, String segmentsJson) {
        this(feature, filters, settings, segmentsJson, null);
    }

    public ViewState {
        java.util.Objects.requireNonNull(feature);
        java.util.Objects.requireNonNull(filters);
        TreeMap<String, String> sorted = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (v != null) {
                sorted.put(k, v);
            }
        });
        settings = java.util.Collections.unmodifiableMap(sorted);
    }

    /**
     * True when this state only adds settings that {@code before} did not have yet (a tab filling in its defaults
     * once its data arrived): not a step of its own in the history.
     */
    public boolean onlyFillsIn(ViewState before) {
        if (feature != before.feature || !filters.equals(before.filters)
                || !java.util.Objects.equals(segmentsJson, before.segmentsJson)
                || !java.util.Objects.equals(drill, before.drill)) {
            return false;
        }
        for (Map.Entry<String, String> e : before.settings.entrySet()) {
            if (!e.getValue().equals(settings.get(e.getKey()))) {
                return false;
            }
        }
        return settings.size() > before.settings.size();
    }

    /** This state without its drill-down: what a saved view or the last view keeps. */
    public ViewState withoutDrill() {
        return drill == null ? this : new ViewState(feature, filters, settings, segmentsJson);
    }

    /** The state as a JSON object text. */
    public String toJson() {
        return tree().toString();
    }

    ObjectNode tree() {
        ObjectNode o = JSON.createObjectNode();
        o.put("tab", feature.name());
        ObjectNode f = o.putObject("filters");
        if (filters.from() != null) {
            f.put("from", filters.from().toString());
        }
        if (filters.to() != null) {
            f.put("to", filters.to().toString());
        }
        ArrayNode hidden = f.putArray("hidden");
        filters.hiddenTypes().stream().sorted().forEach(hidden::add);
        if (filters.propertyKey() != null) {
            f.put("propertyKey", filters.propertyKey());
            f.put("propertyValue", filters.propertyValue());
        }
        ObjectNode s = o.putObject("settings");
        settings.forEach(s::put);
        if (segmentsJson != null) {
            o.put("segments", segmentsJson);
        }
        return o;
    }

    /** Reads {@link #toJson()} text; null for text that is not a view (an older or damaged setting is ignored). */
    public static ViewState fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return fromTree(JSON.readTree(text));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    static ViewState fromTree(JsonNode o) {
        Feature feature = Feature.valueOf(o.path("tab").asText());
        JsonNode f = o.path("filters");
        Set<String> hidden = new LinkedHashSet<>();
        f.path("hidden").forEach(h -> hidden.add(h.asText()));
        FilterSettings filters = new FilterSettings(date(f, "from"), date(f, "to"), hidden, ZoneId.systemDefault(),
                f.hasNonNull("propertyKey") ? f.get("propertyKey").asText() : null,
                f.hasNonNull("propertyValue") ? f.get("propertyValue").asText() : null);
        Map<String, String> settings = new TreeMap<>();
        o.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        String segments = o.hasNonNull("segments") ? o.get("segments").asText() : null;
        return new ViewState(feature, filters, settings, segments);
    }

    private static LocalDate date(JsonNode f, String key) {
        return f.hasNonNull(key) ? LocalDate.parse(f.get(key).asText()) : null;
    }

    /** A view the analyst saved under a name. */
    public record Named(String name, ViewState state) {
    }

    /** Saved views as a JSON array text. */
    public static String writeNamed(java.util.List<Named> views) {
        ArrayNode a = JSON.createArrayNode();
        for (Named n : views) {
            ObjectNode o = a.addObject();
            o.put("name", n.name());
            o.set("view", n.state().tree());
        }
        return a.toString();
    }

    /** Reads {@link #writeNamed}; views that cannot be read are left out. */
    public static java.util.List<Named> readNamed(String text) {
        java.util.List<Named> out = new java.util.ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try {
            for (JsonNode n : JSON.readTree(text)) {
                try {
                    out.add(new Named(n.path("name").asText(), fromTree(n.path("view"))));
                } catch (RuntimeException e) {
                    // one unreadable view does not hide the others
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /** A setting naming an enum constant; empty when absent or not one of them. */
    public static <E extends Enum<E>> java.util.Optional<E> enumValue(String text, Class<E> type) {
        try {
            return text == null ? java.util.Optional.empty() : java.util.Optional.of(Enum.valueOf(type, text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** A whole-number setting within [min, max]; empty when absent, unreadable or out of range. */
    public static java.util.OptionalInt intValue(String text, int min, int max) {
        try {
            int v = text == null ? min - 1 : Integer.parseInt(text.strip());
            return v >= min && v <= max ? java.util.OptionalInt.of(v) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

}
