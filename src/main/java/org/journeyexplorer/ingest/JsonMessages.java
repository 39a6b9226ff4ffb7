package org.journeyexplorer.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON events that arrive one message at a time (a Kafka topic) rather than as lines of a file. Detection of the
 * roles and the reading of each message are the JSON Lines reader's own ({@link ColumnRoles}, the same streaming
 * row parser and event assembly), so a message becomes exactly the event its text would as a line of a
 * {@code .jsonl} file, and is rejected for the same reasons, plus two of its own: an empty message and one larger
 * than the size limit.
 *
 * <p>Plans made here have no file ({@link ImportPlan#file()} is null) and the {@link FileFormat#JSON_LINES}
 * format.
 */
public final class JsonMessages {
    /** Messages larger than this are rejected unread: no product event is that large. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private JsonMessages() {
    }

    /**
     * Detects the columns and their roles from the first messages of a stream, as {@link Ingest#inspect} does from
     * the first lines of a JSON Lines file. Roles it cannot find are left open (null) for the user to choose.
     *
     * @param source   what to call the stream in a message, e.g. {@code topic "orders"}
     * @param messages message values; null (a tombstone), blank and non-JSON ones are skipped
     * @throws UserFacingException when none of them is a JSON object
     */
    public static ImportPlan inspect(String source, List<byte[]> messages, ZoneId zone) {
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = sample(messages, columns);
        if (rows.isEmpty()) {
            throw new UserFacingException(messages.isEmpty()
                    ? "No message arrived from " + source + " to detect its fields from; try again when events flow,"
                    + " or start from the earliest message."
                    : "None of the first " + messages.size() + " messages of " + source + " is a JSON object;"
                    + " Journey Explorer reads JSON events (one object per message).");
        }
        ColumnRoles.Detected d = ColumnRoles.detect(columns, rows, zone);
        return new ImportPlan(null, false, FileFormat.JSON_LINES, (char) 0, List.copyOf(columns), d.mapping(), zone,
                d.timeFormat());
    }

    /**
     * A plan for messages with known columns and roles (e.g. a mapping saved with the project), with the time
     * format described from {@code messages} when there are any.
     */
    public static ImportPlan plan(List<String> columns, ColumnMapping mapping, ZoneId zone, List<byte[]> messages) {
        String format = null;
        if (mapping.time() != null) {
            List<Map<String, String>> rows = sample(messages, new ArrayList<>());
            format = rows.isEmpty() ? null : ColumnRoles.describeTime(mapping.time(), mapping.timeOffset(), rows, zone);
        }
        return new ImportPlan(null, false, FileFormat.JSON_LINES, (char) 0, List.copyOf(columns), mapping, zone,
                format);
    }

    /** The plan with the time format described again for its (possibly edited) time column. */
    public static ImportPlan describeTime(ImportPlan plan, List<byte[]> messages) {
        return plan(plan.columns(), plan.mapping(), plan.zone(), messages);
    }

    /**
     * The messages as flat rows for a preview table: one map per JSON object message, keyed by column (fields of
     * a nested {@code properties} object as {@code properties.NAME}), in first-seen column order.
     */
    public static List<Map<String, String>> preview(List<byte[]> messages) {
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = sample(messages, columns);
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String c : columns) {
                m.put(c, r.getOrDefault(c, ""));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Whether {@code plan} says where the time, the event name and an id are; the reason it cannot read messages
     * yet otherwise, e.g. "Choose the field that holds the time of each event."
     */
    public static String missingRole(ImportPlan plan) {
        ColumnMapping m = plan.mapping();
        if (m.time() == null) {
            return "Choose the field that holds the time of each event.";
        }
        if (m.event() == null) {
            return "Choose the field that holds the event name.";
        }
        if (m.person() == null && m.anonymous() == null) {
            return "Choose the field that identifies the person (or the anonymous / device id).";
        }
        return null;
    }

    private static List<Map<String, String>> sample(List<byte[]> messages, List<String> columnsOut) {
        Set<String> cols = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (byte[] m : messages) {
            if (m == null || m.length == 0 || m.length > DEFAULT_MAX_BYTES) {
                continue;
            }
            try {
                JsonNode node = JsonReader.MAPPER.readTree(m);
                if (node instanceof ObjectNode o) {
                    rows.add(JsonReader.flat(o, cols));
                }
            } catch (IOException e) {
                // not JSON: the reader rejects it with its reason; detection just skips it
            }
        }
        columnsOut.addAll(cols);
        return rows;
    }

    /**
     * Reads messages under a plan, one at a time, into a sink: each becomes one event or one reject. Not
     * thread-safe (it reuses its parser state); one consumer thread owns one reader.
     */
    public static final class Reader {
        private final ImportPlan plan;
        private final int maxBytes;
        private final JsonReader.StreamingRow row;
        private final Assembly assembly = new Assembly();
        private final EventAssembler assembler;

        /**
         * @param maxBytes messages larger than this are rejected as oversized
         * @throws UserFacingException when the plan lacks the time, the event name or an id
         */
        public Reader(ImportPlan plan, int maxBytes) {
            String missing = missingRole(plan);
            if (missing != null) {
                throw new UserFacingException(missing);
            }
            this.plan = plan;
            this.maxBytes = maxBytes;
            this.row = new JsonReader.StreamingRow(plan.mapping());
            this.assembler = new EventAssembler(plan, assembly);
        }

        public ImportPlan plan() {
            return plan;
        }

        /**
         * Reads one message: the sink hears of exactly one event or one reject, with {@code record} as its line
         * number (a Kafka offset, say).
         */
        public void read(long record, byte[] value, EventSink sink) {
            if (value == null || value.length == 0) {
                sink.reject(record, "empty message", null);
                return;
            }
            if (value.length > maxBytes) {
                sink.reject(record, String.format(Locale.ROOT, "message of %s is larger than the limit of %s",
                        size(value.length), size(maxBytes)), raw(value));
                return;
            }
            int start = 0;
            int end = value.length;
            while (start < end && isSpace(value[start])) {
                start++;
            }
            while (end > start && isSpace(value[end - 1])) {
                end--;
            }
            if (start == end) {
                sink.reject(record, "empty message", raw(value));
                return;
            }
            String problem;
            try {
                problem = row.parse(value, start, end - start);
            } catch (JsonProcessingException e) {
                problem = "malformed JSON: " + JsonReader.shortMessage(e);
            } catch (IOException e) {
                problem = "malformed JSON: " + e.getMessage();
            }
            if (problem != null) {
                row.resetOutput();
                sink.reject(record, problem, raw(value));
                return;
            }
            assembly.target = sink;
            try {
                assembler.emit(record, row.person, row.anonymous, row.time, row.offset, row.eventOrType(),
                        row.properties, row.identity(), () -> raw(value));
            } finally {
                assembly.target = null;
            }
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }

        private static String raw(byte[] value) {
            int n = Math.min(value.length, Ingest.RAW_MAX * 4);
            return Values.cut(new String(value, 0, n, StandardCharsets.UTF_8), Ingest.RAW_MAX);
        }

        private static String size(long bytes) {
            return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                    : String.format(Locale.ROOT, "%d KB", Math.max(1, bytes / 1024));
        }
    }

    /** Forwards to the sink of the message being read, so one assembler serves every call. */
    private static final class Assembly implements EventSink {
        EventSink target;

        @Override
        public void event(org.journeyexplorer.domain.ParsedEvent event) {
            target.event(event);
        }

        @Override
        public void reject(long line, String reason, String raw) {
            target.reject(line, reason, raw);
        }
    }
}
