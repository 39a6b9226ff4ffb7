package org.journeyexplorer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stream a project was last connected to, as saved with the project: where (cluster, topic, group, start,
 * security without passwords) and how its messages map to events (fields, roles, zone). Connecting again offers
 * these settings; only the password has to be typed again.
 *
 * @param source  the source, never with a password ({@link KafkaSecurity#withoutSecrets()})
 * @param columns the message fields seen when the mapping was made
 * @param mapping which field plays which role
 * @param zone    zone for times without one
 */
public record SavedStream(KafkaSource source, List<String> columns, ColumnMapping mapping, ZoneId zone) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedStream {
        source = source.withSecurity(source.security().withoutSecrets());
        columns = List.copyOf(columns);
    }

    /** The settings of a stream about to start. */
    public static SavedStream of(KafkaSource source, ImportPlan plan) {
        return new SavedStream(source, plan.columns(), plan.mapping(), plan.zone());
    }

    /** The plan to read messages with, the time format described from {@code sample} (may be empty). */
    public ImportPlan plan(List<byte[]> sample) {
        return JsonMessages.plan(columns, mapping, zone, sample);
    }

    /** As JSON, for the project's settings. Holds no password. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("bootstrap", source.bootstrap());
        o.put("topic", source.topic());
        o.put("group", source.group());
        o.put("from", source.from().option());
        KafkaSecurity s = source.security();
        o.put("protocol", s.protocol().name());
        if (s.truststore() != null) {
            o.put("truststore", s.truststore().toString());
        }
        o.put("mechanism", s.mechanism().kafkaName());
        if (s.user() != null) {
            o.put("user", s.user());
        }
        var cols = o.putArray("columns");
        columns.forEach(cols::add);
        ObjectNode m = o.putObject("mapping");
        m.put("person", mapping.person());
        m.put("anonymous", mapping.anonymous());
        m.put("time", mapping.time());
        m.put("timeOffset", mapping.timeOffset());
        m.put("event", mapping.event());
        String[] identity = mapping.identityColumns();
        for (int i = 0; i < identity.length; i++) {
            if (identity[i] != null) {
                m.put(ColumnMapping.IDENTITY_ROLES[i], identity[i]);
            }
        }
        o.put("zone", zone.getId());
        return o.toString();
    }

    /** Reads {@link #toJson()}; empty when the text is not such settings (e.g. written by a newer version). */
    public static Optional<SavedStream> fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            KafkaSecurity security = new KafkaSecurity(KafkaSecurity.Protocol.parse(o.path("protocol")
                    .asText("PLAINTEXT")), o.hasNonNull("truststore") ? Path.of(o.get("truststore").asText()) : null,
                    null, KafkaSecurity.Mechanism.parse(o.path("mechanism").asText("PLAIN")),
                    o.hasNonNull("user") ? o.get("user").asText() : null, null);
            KafkaSource source = new KafkaSource(o.path("bootstrap").asText(), o.path("topic").asText(),
                    o.path("group").asText(null), StartFrom.parse(o.path("from").asText("earliest")), security);
            List<String> columns = new ArrayList<>();
            o.path("columns").forEach(c -> columns.add(c.asText()));
            JsonNode m = o.path("mapping");
            ColumnMapping mapping = new ColumnMapping(text(m, "person"), text(m, "anonymous"), text(m, "time"),
                    text(m, "timeOffset"), text(m, "event"));
            for (String role : ColumnMapping.IDENTITY_ROLES) {
                if (text(m, role) != null) {
                    mapping = mapping.withIdentityRole(role, text(m, role));
                }
            }
            return Optional.of(new SavedStream(source, columns, mapping, ZoneId.of(o.path("zone").asText("UTC"))));
        } catch (java.io.IOException | IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
