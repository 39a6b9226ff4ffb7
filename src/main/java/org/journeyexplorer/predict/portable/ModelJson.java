package org.journeyexplorer.predict.portable;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link PortableModel}s as the versioned JSON model file described in
 * {@code predict/portable/MODEL-FORMAT.md}. Needs only the JDK and Jackson, so the streaming job can carry it.
 */
public final class ModelJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelJson() {
    }

    /** Reads a model file. */
    public static PortableModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model from a stream (not closed). */
    public static PortableModel read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !PortableModel.FORMAT.equals(root.path("format").asText())) {
            throw new ModelFormatException("not a Journey Explorer model file (no \"format\": \""
                    + PortableModel.FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version < PortableModel.OLDEST_READABLE_VERSION || version > PortableModel.VERSION) {
            throw new ModelFormatException("model file version " + version + " is not supported (this reader "
                    + "reads versions " + PortableModel.OLDEST_READABLE_VERSION + " to " + PortableModel.VERSION + ")");
        }
        try {
            List<String> events = strings(need(root, "events"));
            JsonNode m = need(root, "model");
            String kind = m.path("kind").asText();
            List<PortableModel.Attribute> attributes = new ArrayList<>();
            for (JsonNode a : m.path("attributes")) {
                attributes.add(new PortableModel.Attribute(a.path("name").asText(), strings(a.path("values"))));
            }
            NextStepScorer scorer;
            if (kind.equals("markov")) {
                scorer = readMarkov(m, events, attributes.size());
            } else if (kind.equals("boosted") && version >= 2) {
                scorer = readBoosted(m, events);
            } else {
                throw new ModelFormatException("unknown model kind '" + kind + "'");
            }
            JsonNode blend = m.path("blend");
            if (version >= 3 && blend.isObject()) {
                scorer = new BlendScorer(scorer, readMarkov(need(blend, "baseline"), events, 0),
                        need(blend, "weight").asDouble());
            }
            JsonNode r = root.path("session_rule");
            PortableModel.SessionRule rule = new PortableModel.SessionRule(r.path("timeout_micros").asLong(
                    30L * 60 * 1_000_000), r.path("stitch_identities").asBoolean(true), strings(r.path("start_events")),
                    strings(r.path("end_events")), r.path("max_length_micros").asLong(0));
            PortableModel.Conversion conversion = null;
            JsonNode cv = root.path("conversion");
            if (cv.isObject()) {
                double[] by = doubles(need(cv, "by_last_event"));
                conversion = new PortableModel.Conversion(need(cv, "goal").asText(), need(cv, "start").asDouble(), by);
            }
            return new PortableModel(events, scorer, m.path("description").asText(""),
                    m.path("uses_baseline").asBoolean(false), attributes, rule, conversion,
                    object(root.path("evaluation")), object(root.path("source")));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("inconsistent model: " + e.getMessage(), e);
        }
    }

    private static MarkovScorer readMarkov(JsonNode m, List<String> events, int attributes) {
        List<ContextFeature> features = new ArrayList<>();
        for (String f : strings(m.path("features"))) {
            features.add(ContextFeature.fromKey(f));
        }
        MarkovSpec spec = new MarkovSpec(Math.max(1, events.size()), need(m, "order").asInt(),
                need(m, "alpha").asDouble(), features, m.path("deep").asBoolean(), attributes,
                m.path("use_time").asBoolean(), longs(m.path("gap_edges_micros")),
                longs(m.path("elapsed_edges_micros")));
        JsonNode c = need(m, "contexts");
        ContextTable table = new ContextTable(longs(need(c, "keys")), ints(need(c, "row_start")),
                ints(need(c, "successors")), ints(need(c, "counts")));
        for (int i = 0; i < table.size(); i++) {
            for (int k = table.start(i); k < table.end(i); k++) {
                if (table.symbol(k) < 0 || table.symbol(k) > events.size() || table.count(k) < 1) {
                    throw new ModelFormatException("context row " + i + " has an invalid successor or count");
                }
            }
        }
        return new MarkovScorer(spec, table);
    }

    private static BoostedScorer readBoosted(JsonNode m, List<String> events) {
        JsonNode f = need(m, "features");
        PrefixFeatures spec = new PrefixFeatures(Math.max(1, events.size()), need(f, "last_events").asInt(),
                ints(need(f, "counted_events")), need(f, "position").asBoolean(), need(f, "time").asBoolean(),
                need(f, "attributes").asInt());
        JsonNode t = need(m, "trees");
        JsonNode n = need(m, "nodes");
        return new BoostedScorer(spec, doubles(need(m, "init")), ints(need(t, "outcome")), ints(need(t, "root")),
                ints(need(n, "feature")), doubles(need(n, "threshold")), ints(need(n, "left")),
                ints(need(n, "right")), doubles(need(n, "value")), doubles(need(n, "cover")));
    }

    /** Writes a model file (UTF-8). */
    public static void write(PortableModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(model, out);
        }
    }

    /** Writes a model to a stream (not closed). */
    public static void write(PortableModel model, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", PortableModel.FORMAT);
            g.writeNumberField("version", PortableModel.VERSION);
            g.writeObjectField("source", model.source());
            PortableModel.SessionRule r = model.sessionRule();
            g.writeObjectFieldStart("session_rule");
            g.writeNumberField("timeout_micros", r.timeoutMicros());
            g.writeBooleanField("stitch_identities", r.stitch());
            g.writeObjectField("start_events", r.startEvents());
            g.writeObjectField("end_events", r.endEvents());
            g.writeNumberField("max_length_micros", r.maxLengthMicros());
            g.writeEndObject();
            g.writeObjectField("events", model.events());
            g.writeObjectFieldStart("model");
            g.writeStringField("kind", model.scorer().kind());
            g.writeStringField("description", model.description());
            g.writeBooleanField("uses_baseline", model.usesBaseline());
            g.writeArrayFieldStart("attributes");
            for (PortableModel.Attribute a : model.attributes()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeObjectField("values", a.values());
                g.writeEndObject();
            }
            g.writeEndArray();
            NextStepScorer scorer = model.scorer();
            BlendScorer blend = scorer instanceof BlendScorer b ? b : null;
            if (blend != null) {
                scorer = blend.model();
            }
            if (scorer instanceof MarkovScorer markov) {
                writeMarkov(g, markov);
            } else if (scorer instanceof BoostedScorer boosted) {
                writeBoosted(g, boosted);
            } else {
                throw new IllegalArgumentException("no file layout for model kind " + model.scorer().kind());
            }
            if (blend != null) {
                g.writeObjectFieldStart("blend");
                g.writeNumberField("weight", blend.weight());
                g.writeObjectFieldStart("baseline");
                writeMarkov(g, blend.baseline());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            PortableModel.Conversion c = model.conversion();
            if (c != null) {
                g.writeObjectFieldStart("conversion");
                g.writeStringField("goal", c.goal());
                g.writeNumberField("start", c.start());
                g.writeFieldName("by_last_event");
                g.writeArray(c.byLastEvent(), 0, c.byLastEvent().length);
                g.writeEndObject();
            }
            g.writeObjectField("evaluation", model.evaluation());
            g.writeEndObject();
        }
    }

    private static void writeMarkov(JsonGenerator g, MarkovScorer markov) throws IOException {
        MarkovSpec s = markov.spec();
        g.writeNumberField("order", s.order());
        g.writeNumberField("alpha", s.alpha());
        g.writeArrayFieldStart("features");
        for (ContextFeature f : s.features()) {
            g.writeString(f.key());
        }
        g.writeEndArray();
        g.writeBooleanField("deep", s.deep());
        g.writeBooleanField("use_time", s.useTime());
        g.writeFieldName("gap_edges_micros");
        g.writeArray(s.gapEdges(), 0, s.gapEdges().length);
        g.writeFieldName("elapsed_edges_micros");
        g.writeArray(s.elapsedEdges(), 0, s.elapsedEdges().length);
        ContextTable t = markov.table();
        int n = t.size();
        long[] keys = new long[n];
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            keys[i] = t.key(i);
            rowStart[i + 1] = t.end(i);
        }
        int entries = rowStart[n];
        int[] successors = new int[entries];
        int[] counts = new int[entries];
        for (int k = 0; k < entries; k++) {
            successors[k] = t.symbol(k);
            counts[k] = t.count(k);
        }
        g.writeObjectFieldStart("contexts");
        g.writeFieldName("keys");
        g.writeArray(keys, 0, n);
        g.writeFieldName("row_start");
        g.writeArray(rowStart, 0, n + 1);
        g.writeFieldName("successors");
        g.writeArray(successors, 0, entries);
        g.writeFieldName("counts");
        g.writeArray(counts, 0, entries);
        g.writeEndObject();
    }

    private static void writeBoosted(JsonGenerator g, BoostedScorer b) throws IOException {
        PrefixFeatures f = b.features();
        g.writeObjectFieldStart("features");
        g.writeNumberField("last_events", f.lastK());
        int[] counted = f.countTypes();
        g.writeFieldName("counted_events");
        g.writeArray(counted, 0, counted.length);
        g.writeBooleanField("position", f.position());
        g.writeBooleanField("time", f.time());
        g.writeNumberField("attributes", f.attributes());
        g.writeEndObject();
        double[] init = b.init();
        g.writeFieldName("init");
        g.writeArray(init, 0, init.length);
        g.writeObjectFieldStart("trees");
        writeInts(g, "outcome", b.treeClass());
        writeInts(g, "root", b.treeRoot());
        g.writeEndObject();
        g.writeObjectFieldStart("nodes");
        writeInts(g, "feature", b.feature());
        writeDoubles(g, "threshold", b.threshold());
        writeInts(g, "left", b.left());
        writeInts(g, "right", b.right());
        writeDoubles(g, "value", b.value());
        writeDoubles(g, "cover", b.cover());
        g.writeEndObject();
    }

    private static void writeInts(JsonGenerator g, String name, int[] a) throws IOException {
        g.writeFieldName(name);
        g.writeArray(a, 0, a.length);
    }

    private static void writeDoubles(JsonGenerator g, String name, double[] a) throws IOException {
        g.writeFieldName(name);
        g.writeArray(a, 0, a.length);
    }

    private static JsonNode need(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ModelFormatException("missing field '" + field + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : a) {
            out.add(v.asText());
        }
        return out;
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToLong()) {
                throw new ModelFormatException("not a 64-bit integer: " + a.get(i));
            }
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToInt()) {
                throw new ModelFormatException("not an integer: " + a.get(i));
            }
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new ModelFormatException("not a number: " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static Map<String, Object> object(JsonNode o) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNumber() ? (Object) v.numberValue() : v.isBoolean() ? (Object) v.asBoolean()
                    : v.isNull() ? null : v.isValueNode() ? v.asText() : JSON.convertValue(v, Object.class));
        }
        return out;
    }
}
