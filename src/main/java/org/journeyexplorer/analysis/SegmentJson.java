package org.journeyexplorer.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.UserFacingException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stored form of {@link Segment}s, for saved views and the project file:
 * <pre>{"name":"iOS buyers","unit":"persons","conditions":[
 *   {"type":"property","key":"device","values":["ios"],"negate":false},
 *   {"type":"performed","event":"purchase","did":true},
 *   {"type":"dates","from":"2024-01-01","to":"2024-01-31"}]}</pre>
 * Reading is strict: an unknown condition type or a malformed date is a one-line error, never a silently
 * different segment.
 */
public final class SegmentJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentJson() {
    }

    /** One segment as a JSON object. */
    public static ObjectNode toTree(Segment s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("unit", s.unit().label());
        ArrayNode cs = o.putArray("conditions");
        for (SegmentCondition c : s.conditions()) {
            ObjectNode n = cs.addObject();
            if (c instanceof SegmentCondition.Property p) {
                n.put("type", "property");
                n.put("key", p.key());
                ArrayNode vs = n.putArray("values");
                p.values().stream().sorted().forEach(vs::add);
                n.put("negate", p.negate());
            } else if (c instanceof SegmentCondition.Performed p) {
                n.put("type", "performed");
                n.put("event", p.event());
                n.put("did", p.did());
            } else if (c instanceof SegmentCondition.Dates d) {
                n.put("type", "dates");
                if (d.from() != null) {
                    n.put("from", d.from().toString());
                }
                if (d.to() != null) {
                    n.put("to", d.to().toString());
                }
            }
        }
        return o;
    }

    /** A segment from its JSON object. */
    public static Segment fromTree(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new UserFacingException("A stored segment is not a JSON object.");
        }
        String name = o.path("name").asText("");
        CountUnit unit = CountUnit.parse(o.path("unit").asText("persons"));
        List<SegmentCondition> conditions = new ArrayList<>();
        for (JsonNode n : o.path("conditions")) {
            String type = n.path("type").asText("");
            switch (type) {
                case "property" -> {
                    Set<String> values = new LinkedHashSet<>();
                    n.path("values").forEach(v -> values.add(v.asText()));
                    conditions.add(new SegmentCondition.Property(n.path("key").asText(""), values,
                            n.path("negate").asBoolean(false)));
                }
                case "performed" -> conditions.add(new SegmentCondition.Performed(n.path("event").asText(""),
                        n.path("did").asBoolean(true)));
                case "dates" -> conditions.add(new SegmentCondition.Dates(date(n, "from"), date(n, "to")));
                default -> throw new UserFacingException("Segment '" + name + "' has a condition of unknown type '"
                        + type + "'.");
            }
        }
        return new Segment(name, unit, conditions);
    }

    private static LocalDate date(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new UserFacingException("A segment's date '" + v.asText() + "' is not a date (yyyy-MM-dd).");
        }
    }

    /** Segments as a JSON array text. */
    public static String write(List<Segment> segments) {
        ArrayNode a = JSON.createArrayNode();
        segments.forEach(s -> a.add(toTree(s)));
        return a.toString();
    }

    /** Segments from a JSON array text written by {@link #write}. */
    public static List<Segment> read(String json) {
        JsonNode a;
        try {
            a = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UserFacingException("The stored segments are not valid JSON.", e);
        }
        if (a == null || !a.isArray()) {
            throw new UserFacingException("The stored segments are not a JSON array.");
        }
        List<Segment> out = new ArrayList<>();
        a.forEach(n -> out.add(fromTree(n)));
        return out;
    }
}
