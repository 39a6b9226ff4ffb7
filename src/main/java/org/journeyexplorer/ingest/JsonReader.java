package org.journeyexplorer.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON Lines (one object per line) and top-level JSON arrays of objects, streaming with Jackson. Role
 * values come from the top-level fields the mapping names; every other non-empty field becomes a property, and
 * the fields of a nested {@code properties} object are merged into the properties (nested values stay JSON).
 */
final class JsonReader {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Prefix of the columns that live inside the nested {@code properties} object (Mixpanel keeps time and ids
     * there); a top-level field of the same name wins.
     */
    static final String PROPERTIES = "properties.";
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonReader() {
    }

    // ---- JSON Lines

    static List<Map<String, String>> sampleLines(Source.Opened in, int max, List<String> columnsOut, Path file,
                                                 boolean strict) throws IOException {
        BufferedReader r = reader(in);
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> cols = new LinkedHashSet<>();
        String line;
        boolean first = true;
        while (rows.size() < max && (line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(stripBom(line));
            } catch (JsonProcessingException e) {
                if (first && strict) {
                    throw new UserFacingException(file.getFileName() + " starts like JSON but its first line is not"
                            + " a complete JSON object (" + shortMessage(e) + "). Journey Explorer reads JSON Lines"
                            + " (one object per line) or a JSON array of objects.");
                }
                continue;
            }
            first = false;
            if (node instanceof ObjectNode o && outOfRange(o) == null) {
                rows.add(flat(o, cols));
            }
        }
        columnsOut.addAll(cols);
        return rows;
    }

    static void readLines(ImportPlan plan, Source.Opened in, EventSink sink, TaskContext ctx) throws IOException {
        LineReader lines = new LineReader(in.stream());
        ColumnMapping m = plan.mapping();
        EventAssembler assembler = new EventAssembler(plan, sink);
        StreamingRow row = new StreamingRow(m);
        long n = 0;
        while (lines.next()) {
            if ((++n & 4095) == 0) {
                ctx.checkCancelled();
                ctx.progress(in.bytesRead(), in.size());
            }
            if (lines.isBlank()) {
                continue;
            }
            long lineNo = lines.line();
            String problem;
            try {
                problem = row.parse(lines.buffer(), lines.start(), lines.end() - lines.start());
            } catch (JsonProcessingException e) {
                problem = "malformed JSON: " + shortMessage(e);
            } catch (OutOfRange e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                row.resetOutput();
                sink.reject(lineNo, problem, lines.text(Ingest.RAW_MAX));
                continue;
            }
            assembler.emit(lineNo, row.person, row.anonymous, row.time, row.offset, row.eventOrType(),
                    row.properties, row.identity(), () -> lines.text(Ingest.RAW_MAX));
        }
        ctx.progress(in.bytesRead(), in.size());
    }

    /**
     * Reads one JSON object token by token: role fields as text, everything else copied straight into the
     * properties JSON (with the nested {@code properties} object merged), without building a tree.
     */
    static final class StreamingRow {
        private final ColumnMapping m;
        private final com.fasterxml.jackson.core.util.ByteArrayBuilder out =
                new com.fasterxml.jackson.core.util.ByteArrayBuilder(1024);
        private com.fasterxml.jackson.core.JsonGenerator gen;
        private boolean open;
        String person;
        String anonymous;
        String time;
        String offset;
        String event;
        String type;
        String properties;

        private final String innerPerson;
        private final String innerAnonymous;
        private final String innerTime;
        private final String innerOffset;
        private final String innerEvent;
        private final boolean nestedRoles;
        /** Identity columns (e-mail, phone, …) by top-level name and by name inside {@code properties}. */
        private final String[] identityNames;
        private final String[] innerIdentityNames;
        private final String[] identity;

        StreamingRow(ColumnMapping m) {
            this.m = m;
            identityNames = m.identityColumns();
            innerIdentityNames = new String[identityNames.length];
            for (int k = 0; k < identityNames.length; k++) {
                innerIdentityNames[k] = inner(identityNames[k]);
            }
            identity = new String[identityNames.length];
            innerPerson = inner(m.person());
            innerAnonymous = inner(m.anonymous());
            innerTime = inner(m.time());
            innerOffset = inner(m.timeOffset());
            innerEvent = inner(m.event());
            boolean nestedIdentity = false;
            for (String n : innerIdentityNames) {
                nestedIdentity |= n != null;
            }
            nestedRoles = innerPerson != null || innerAnonymous != null || innerTime != null || innerOffset != null
                    || innerEvent != null || nestedIdentity;
        }

        /** The identity values read by the last {@link #parse}. */
        org.journeyexplorer.domain.IdentityValues identity() {
            String[] v = new String[identity.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = Values.isMissing(identity[k]) ? null : identity[k].strip();
            }
            return org.journeyexplorer.domain.IdentityValues.of(v);
        }

        private int identityIndex(String name, String[] names) {
            for (int k = 0; k < names.length; k++) {
                if (name.equals(names[k])) {
                    return k;
                }
            }
            return -1;
        }

        /** A role found inside {@code properties}; a top-level value of the same role wins. */
        private boolean nestedRole(String name, JsonParser p, JsonToken t) throws IOException {
            if (name.equals(innerPerson)) {
                person = person != null ? person : text(p, t, name);
            } else if (name.equals(innerAnonymous)) {
                anonymous = anonymous != null ? anonymous : text(p, t, name);
            } else if (name.equals(innerTime)) {
                time = time != null ? time : text(p, t, name);
            } else if (name.equals(innerOffset)) {
                offset = offset != null ? offset : text(p, t, name);
            } else if (name.equals(innerEvent)) {
                event = event != null ? event : text(p, t, name);
            } else {
                int k = identityIndex(name, innerIdentityNames);
                if (k < 0) {
                    return false;
                }
                identity[k] = identity[k] != null ? identity[k] : text(p, t, name);
            }
            return true;
        }

        String eventOrType() {
            if (Values.isMissing(event) && m.event() != null && !m.event().equals("type")) {
                return type;
            }
            return event;
        }

        void resetOutput() {
            gen = null;
            out.reset();
        }

        /** Parses one line; returns a reject reason, or null when the fields were read. */
        String parse(byte[] b, int off, int len) throws IOException {
            person = anonymous = time = offset = event = type = properties = null;
            java.util.Arrays.fill(identity, null);
            open = false;
            if (gen == null) {
                out.reset();
                gen = FACTORY.createGenerator(out);
                gen.setRootValueSeparator(null);
            }
            try (JsonParser p = FACTORY.createParser(b, off, len)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    // let a malformed line say so rather than "not an object"
                    if (t != null && !t.isStructStart()) {
                        p.nextToken();
                    }
                    return "not a JSON object";
                }
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (name.equals(m.person())) {
                        person = text(p, t, name);
                    } else if (name.equals(m.anonymous())) {
                        anonymous = text(p, t, name);
                    } else if (name.equals(m.time())) {
                        time = text(p, t, name);
                    } else if (name.equals(m.timeOffset())) {
                        offset = text(p, t, name);
                    } else if (name.equals(m.event())) {
                        event = text(p, t, name);
                    } else if (identityIndex(name, identityNames) >= 0) {
                        identity[identityIndex(name, identityNames)] = text(p, t, name);
                    } else if (name.equals("properties") && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken vt = p.nextToken();
                            if (!nestedRoles || !nestedRole(inner, p, vt)) {
                                copy(p, inner, vt);
                            }
                        }
                    } else {
                        if (name.equals("type") && t == JsonToken.VALUE_STRING) {
                            type = p.getText();
                        }
                        copy(p, name, t);
                    }
                }
                if (t != JsonToken.END_OBJECT) {
                    return "malformed JSON: unexpected " + t;
                }
                if (p.nextToken() != null) {
                    return "malformed JSON: more than one value on the line";
                }
            }
            if (open) {
                gen.writeEndObject();
                gen.flush();
                properties = new String(out.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
                out.reset();
            }
            return null;
        }

        private void copy(JsonParser p, String name, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getTextLength() == 0)) {
                return;
            }
            if (!open) {
                gen.writeStartObject();
                open = true;
            }
            gen.writeFieldName(name);
            // copyCurrentStructure, checking every number on the way
            int depth = 0;
            JsonToken c = t;
            while (true) {
                checkNumber(p, c, name);
                gen.copyCurrentEvent(p);
                depth += c.isStructStart() ? 1 : c.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    return;
                }
                c = p.nextToken();
            }
        }

        private static String text(JsonParser p, JsonToken t, String field) throws IOException {
            switch (t) {
                case VALUE_NULL:
                    return null;
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return p.getText();
                case VALUE_NUMBER_FLOAT:
                    checkNumber(p, t, field);
                    return p.getDecimalValue().toPlainString();
                default:
                    JsonNode tree = MAPPER.readTree(p);
                    checkNumbers(tree, field);
                    return tree.toString();
            }
        }

        private static void checkNumber(JsonParser p, JsonToken t, String field) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
                throw new OutOfRange(field);
            }
        }
    }

    // ---- JSON array

    static List<Map<String, String>> sampleArray(Source.Opened in, int max, List<String> columnsOut, Path file,
                                                 boolean strict) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> cols = new LinkedHashSet<>();
        try (JsonParser p = FACTORY.createParser(in.stream())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new UserFacingException(file.getFileName() + " is not a JSON array.");
            }
            while (rows.size() < max) {
                JsonToken t = p.nextToken();
                if (t == null || t == JsonToken.END_ARRAY) {
                    break;
                }
                JsonNode node = MAPPER.readTree(p);
                if (node instanceof ObjectNode o && outOfRange(o) == null) {
                    rows.add(flat(o, cols));
                }
            }
        } catch (JsonProcessingException e) {
            if (strict && rows.isEmpty()) {
                throw new UserFacingException(file.getFileName() + " does not look like an event file: it starts"
                        + " like a JSON array but is not valid JSON (" + shortMessage(e) + ").");
            }
        }
        columnsOut.addAll(cols);
        return rows;
    }

    static void readArray(ImportPlan plan, Source.Opened in, EventSink sink, TaskContext ctx) throws IOException {
        Roles roles = new Roles(plan, sink);
        long record = 0;
        try (JsonParser p = FACTORY.createParser(in.stream())) {
            try {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    sink.reject(1, "malformed JSON: the file does not start with '['", "");
                    return;
                }
                while (true) {
                    JsonToken t = p.nextToken();
                    if (t == null || t == JsonToken.END_ARRAY) {
                        break;
                    }
                    record++;
                    if ((record & 4095) == 0) {
                        ctx.checkCancelled();
                        ctx.progress(in.bytesRead(), in.size());
                    }
                    JsonNode node = MAPPER.readTree(p);
                    if (!(node instanceof ObjectNode o)) {
                        sink.reject(record, "not a JSON object", Values.cut(String.valueOf(node), Ingest.RAW_MAX));
                        continue;
                    }
                    String bad = outOfRange(o);
                    if (bad != null) {
                        sink.reject(record, bad, Values.cut(o.toString(), Ingest.RAW_MAX));
                        continue;
                    }
                    roles.emit(record, o, () -> Values.cut(o.toString(), Ingest.RAW_MAX));
                }
            } catch (JsonProcessingException e) {
                // a broken array cannot be resynchronised: report where and stop with what was read
                sink.reject(Math.max(1, record), "malformed JSON: " + shortMessage(e)
                        + "; the rest of the file cannot be read", "");
            }
        }
        ctx.progress(in.bytesRead(), in.size());
    }

    // ---- shared

    /** Pulls the role values out of one object and builds its properties. */
    private static final class Roles {
        private final ColumnMapping m;
        private final EventAssembler assembler;

        Roles(ImportPlan plan, EventSink sink) {
            this.m = plan.mapping();
            this.assembler = new EventAssembler(plan, sink);
        }

        void emit(long line, ObjectNode o, java.util.function.Supplier<String> raw) {
            String event = text(o, m.event());
            if (Values.isMissing(event) && m.event() != null && !m.event().equals("type")) {
                // Segment-style identify / page / alias calls carry no event name but say what they are in "type"
                JsonNode type = o.get("type");
                if (type != null && type.isTextual()) {
                    event = type.asText();
                }
            }
            ObjectNode props = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (m.isRole(k)) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (k.equals("properties") && v instanceof ObjectNode inner) {
                    Iterator<Map.Entry<String, JsonNode>> ii = inner.fields();
                    while (ii.hasNext()) {
                        Map.Entry<String, JsonNode> ie = ii.next();
                        if (!isEmpty(ie.getValue()) && !isRole(m, PROPERTIES + ie.getKey())) {
                            props.set(ie.getKey(), ie.getValue());
                        }
                    }
                } else if (!isEmpty(v)) {
                    props.set(k, v);
                }
            }
            org.journeyexplorer.domain.IdentityValues identity = org.journeyexplorer.domain.IdentityValues.NONE;
            if (m.hasIdentityColumns()) {
                String[] cols = m.identityColumns();
                String[] v = new String[cols.length];
                for (int k = 0; k < cols.length; k++) {
                    String x = text(o, cols[k]);
                    v[k] = Values.isMissing(x) ? null : x.strip();
                }
                identity = org.journeyexplorer.domain.IdentityValues.of(v);
            }
            assembler.emit(line, text(o, m.person()), text(o, m.anonymous()), text(o, m.time()),
                    text(o, m.timeOffset()), event, props.isEmpty() ? null : props.toString(), identity, raw);
        }
    }

    /**
     * A number no double can hold ({@code 1e99999}): the row is rejected like any other bad value, instead of
     * failing the import when the number is turned into text. Nothing is printed; the message is the reason.
     */
    static final class OutOfRange extends RuntimeException {
        OutOfRange(String field) {
            super("number out of range in " + field, null, false, false);
        }
    }

    private static void checkNumbers(JsonNode n, String field) {
        if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
            throw new OutOfRange(field);
        }
        for (JsonNode child : n) {
            checkNumbers(child, field);
        }
    }

    /** The reason to reject an object holding a number out of range (named by its field), or null. */
    static String outOfRange(ObjectNode o) {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (e.getKey().equals("properties") && e.getValue() instanceof ObjectNode inner) {
                    String bad = outOfRange(inner);
                    if (bad != null) {
                        return bad;
                    }
                } else {
                    checkNumbers(e.getValue(), e.getKey());
                }
            } catch (OutOfRange x) {
                return x.getMessage();
            }
        }
        return null;
    }

    private static boolean isRole(ColumnMapping m, String k) {
        return m.isRole(k);
    }

    /** The name inside {@code properties} when the role column is a nested one, else null. */
    private static String inner(String column) {
        return column != null && column.startsWith(PROPERTIES) ? column.substring(PROPERTIES.length()) : null;
    }

    private static boolean isEmpty(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isEmpty())
                || (v.isContainerNode() && v.isEmpty());
    }

    /** A field's value as text: strings as is, numbers in plain notation, objects as JSON. */
    static String text(ObjectNode o, String field) {
        if (field == null) {
            return null;
        }
        JsonNode v = o.get(field);
        if (v == null && field.startsWith(PROPERTIES) && o.get("properties") instanceof ObjectNode inner) {
            v = inner.get(field.substring(PROPERTIES.length()));
        }
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isFloatingPointNumber() || v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }

    static Map<String, String> flat(ObjectNode o, Set<String> cols) {
        Map<String, String> row = new LinkedHashMap<>();
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (k.equals("properties") && o.get(k) instanceof ObjectNode inner) {
                Iterator<String> innerNames = inner.fieldNames();
                while (innerNames.hasNext()) {
                    String ik = PROPERTIES + innerNames.next();
                    cols.add(ik);
                    String v = text(o, ik);
                    row.put(ik, v == null ? "" : v);
                }
                continue;
            }
            cols.add(k);
            String v = text(o, k);
            row.put(k, v == null ? "" : v);
        }
        return row;
    }

    private static BufferedReader reader(Source.Opened in) {
        return new BufferedReader(new InputStreamReader(in.stream(), StandardCharsets.UTF_8), 1 << 16);
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    /** Jackson's message without the source excerpt and location, which mean nothing to a user. */
    static String shortMessage(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
            msg += " at column " + e.getLocation().getColumnNr();
        }
        return msg;
    }
}
