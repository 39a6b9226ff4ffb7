package org.journeyexplorer.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV / TSV / {@code ;}-separated files: header on line 1, one event per record. Every column that is not a
 * role becomes a property; a cell holding a JSON object (the {@code props} / {@code properties} column of
 * Snowplow or Segment exports) contributes its members as properties of their own, so {@code v = 2} finds the
 * event, with numbers and booleans kept as JSON values and nested objects kept as JSON.
 */
final class DelimitedReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DelimitedReader() {
    }

    /** Moves to the header record, past the {@code sep=;} hint line Excel may write first. */
    static boolean nextHeader(CsvParser p) throws IOException {
        if (!p.next()) {
            return false;
        }
        if (isSepHint(p)) {
            return p.next();
        }
        return true;
    }

    private static boolean isSepHint(CsvParser p) {
        if (p.count() > 2) {
            return false;
        }
        String f = p.field(0);
        return f.length() <= 5 && f.startsWith("sep=") && (p.count() == 1 || f.length() == 4);
    }

    /** Header cells made usable as column names: blanks named, duplicates numbered. */
    static List<String> header(CsvParser p) {
        List<String> cols = new ArrayList<>(p.count());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.count(); i++) {
            String name = p.field(i).trim();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int k = 2; !seen.add(unique); k++) {
                unique = name + "_" + k;
            }
            cols.add(unique);
        }
        return cols;
    }

    /** Header plus up to {@code max} rows as maps keyed by column (cells beyond the header are dropped). */
    static List<Map<String, String>> sample(Source.Opened in, char delimiter, int max, List<String> headerOut)
            throws IOException {
        CsvParser p = new CsvParser(in.stream(), delimiter);
        List<Map<String, String>> rows = new ArrayList<>();
        if (!nextHeader(p)) {
            return rows;
        }
        List<String> cols = header(p);
        headerOut.addAll(cols);
        while (rows.size() < max && p.next()) {
            if (p.isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cols.size(); i++) {
                row.put(cols.get(i), i < p.count() ? p.field(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    static void read(ImportPlan plan, Source.Opened in, EventSink sink, TaskContext ctx) throws IOException {
        CsvParser p = new CsvParser(in.stream(), plan.delimiter());
        if (!nextHeader(p)) {
            return;
        }
        List<String> cols = header(p);
        int n = cols.size();
        ColumnMapping m = plan.mapping();
        int person = index(cols, m.person(), plan);
        int anon = index(cols, m.anonymous(), plan);
        int time = index(cols, m.time(), plan);
        int offset = index(cols, m.timeOffset(), plan);
        int event = index(cols, m.event(), plan);
        String[] identityNames = m.identityColumns();
        int[] identity = new int[identityNames.length];
        boolean anyIdentity = false;
        for (int k = 0; k < identity.length; k++) {
            identity[k] = index(cols, identityNames[k], plan);
            anyIdentity |= identity[k] >= 0;
        }
        boolean[] role = new boolean[n];
        for (int r : new int[]{person, anon, time, offset, event}) {
            if (r >= 0) {
                role[r] = true;
            }
        }
        for (int r : identity) {
            if (r >= 0) {
                role[r] = true;
            }
        }
        byte[][] keys = new byte[n][];
        Set<String> columns = new HashSet<>();
        for (int i = 0; i < n; i++) {
            keys[i] = JsonBytes.encodeKey(cols.get(i));
            if (!role[i]) {
                columns.add(cols.get(i));
            }
        }
        String timeName = m.time();
        String offsetName = m.timeOffset();
        TimeParser parser = new TimeParser(plan.zone(), Ingest.dayFirst(plan));
        JsonBytes props = new JsonBytes();
        FlatJsonCell flat = new FlatJsonCell(columns);
        byte[][] scratch = new byte[2][];
        StringCache names = new StringCache();
        IdCache idCache = new IdCache();
        long rows = 0;
        while (p.next()) {
            if ((++rows & 4095) == 0) {
                ctx.checkCancelled();
                ctx.progress(in.bytesRead(), in.size());
            }
            if (p.isBlank()) {
                continue;
            }
            long line = p.line();
            if (p.unclosedQuote()) {
                sink.reject(line, p.tooLong()
                        ? "a quoted field never ends (unbalanced \"); the rest of the file cannot be read"
                        : "a quoted field is not closed before the end of the file", p.raw(Ingest.RAW_MAX));
                continue;
            }
            int c = p.count();
            while (c > n && missing(p, p.buffer(), c - 1)) {
                // trailing empty cells some exporters add (a delimiter at the end of each line) carry nothing
                c--;
            }
            if (c != n) {
                sink.reject(line, "expected " + n + " columns, found " + c, p.raw(Ingest.RAW_MAX));
                continue;
            }
            byte[] b = p.buffer();
            String personId = idCell(p, b, person, idCache);
            String anonId = idCell(p, b, anon, idCache);
            if (mayBeWeak(p, b, person) && Values.isWeakMissing(personId)
                    || mayBeWeak(p, b, anon) && Values.isWeakMissing(anonId)) {
                String[] ids = Values.ids(personId, anonId);
                personId = ids[0];
                anonId = ids[1];
            }
            if (personId == null && anonId == null) {
                sink.reject(line, Ingest.NO_ID, p.raw(Ingest.RAW_MAX));
                continue;
            }
            if (time < 0 || missing(p, b, time)) {
                sink.reject(line, "no time in column " + timeName, p.raw(Ingest.RAW_MAX));
                continue;
            }
            long t = p.isPlain(time) ? parser.parse(b, p.start(time), p.length(time)) : parser.parse(p.field(time));
            if (t == TimeParser.INVALID) {
                sink.reject(line, "unreadable time '" + Values.cut(p.field(time), 100) + "' in column " + timeName,
                        p.raw(Ingest.RAW_MAX));
                continue;
            }
            if (offset >= 0) {
                String o = cell(p, b, offset);
                if (o != null) {
                    Long ms = Values.parseLongOrNull(o);
                    if (ms == null) {
                        sink.reject(line, "unreadable time offset '" + Values.cut(o, 100) + "' in column "
                                + offsetName, p.raw(Ingest.RAW_MAX));
                        continue;
                    }
                    t += ms * 1000;
                }
            }
            String eventName = event >= 0 && p.isPlain(event) && !missing(p, b, event)
                    && b[p.start(event)] > ' ' && b[p.end(event) - 1] > ' '
                    ? names.get(b, p.start(event), p.end(event)) : idCell(p, b, event, null);
            if (eventName == null) {
                sink.reject(line, Ingest.NO_EVENT, p.raw(Ingest.RAW_MAX));
                continue;
            }
            props.reset();
            Set<String> merged = null;
            for (int i = 0; i < n; i++) {
                if (role[i] || missing(p, b, i)) {
                    continue;
                }
                if (merged == null && (!p.isPlain(i) || b[p.start(i)] == '{')) {
                    long r = p.bytes(i, scratch);
                    if (flat.merge(scratch[0], (int) (r >>> 32), (int) r, rows, props)) {
                        continue;
                    }
                }
                ObjectNode object = jsonObject(p, b, i);
                if (object != null) {
                    merged = merge(object, props, columns, merged, flat, rows);
                    continue;
                }
                props.key(keys[i]);
                if (p.isPlain(i)) {
                    props.value(b, p.start(i), p.end(i));
                } else {
                    props.value(p.field(i));
                }
            }
            String json = props.finish();
            IdentityValues ids = IdentityValues.NONE;
            if (anyIdentity) {
                String[] v = new String[identity.length];
                for (int k = 0; k < identity.length; k++) {
                    v[k] = cell(p, b, identity[k]);
                }
                ids = IdentityValues.of(v);
            }
            sink.event(new ParsedEvent(line, personId, anonId, t, eventName, json, ids));
        }
        ctx.progress(in.bytesRead(), in.size());
    }

    /** The cell as a JSON object when it holds one ({@code {...}} that parses), else null. */
    private static ObjectNode jsonObject(CsvParser p, byte[] b, int i) {
        int s = p.start(i);
        int e = p.end(i);
        if (p.isPlain(i) && (e - s < 2 || b[s] != '{' || b[e - 1] != '}')) {
            return null; // the common case, decided on the bytes
        }
        String text = p.field(i).strip();
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException ex) {
            return null; // text that only looks like JSON stays one text property
        }
    }

    /**
     * Adds the members of a JSON cell as properties. A member named like a column of the file, or like a member
     * of an earlier JSON cell of the row (merged here or by {@code flat}), is left out: the properties keep one value per key. Null members carry
     * nothing.
     *
     * @return the member names added so far in this row
     */
    private static Set<String> merge(ObjectNode object, JsonBytes props, Set<String> columns, Set<String> merged,
                                     FlatJsonCell flat, long row) {
        Set<String> seen = merged == null ? new HashSet<>() : merged;
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            JsonNode v = m.getValue();
            if (v.isNull() || columns.contains(m.getKey()) || flat.addedInRow(m.getKey(), row)
                    || !seen.add(m.getKey())) {
                continue;
            }
            props.key(JsonBytes.encodeKey(m.getKey()));
            if (v.isTextual()) {
                props.value(v.textValue());
            } else {
                props.raw(v.toString());
            }
        }
        return seen;
    }

    private static boolean missing(CsvParser p, byte[] b, int i) {
        if (p.isPlain(i)) {
            return Values.isMissing(b, p.start(i), p.end(i));
        }
        // a quoted cell longer than the "NA"-like spellings (4 characters and its quotes) with a visible character
        // is not missing: decided on the bytes, as building its String for this led the import profile
        int s = p.start(i);
        int e = p.end(i);
        if (e - s > 6) {
            for (int k = s + 1; k < e; k++) {
                if (b[k] > ' ' && b[k] < 0x7f) {
                    return false;
                }
            }
        }
        return Values.isMissing(p.field(i));
    }

    /** The trimmed cell, or null when the column is absent or the cell is missing. */
    private static String cell(CsvParser p, byte[] b, int i) {
        if (i < 0 || missing(p, b, i)) {
            return null;
        }
        String v = p.field(i);
        return p.isPlain(i) && (b[p.start(i)] > ' ' && b[p.end(i) - 1] > ' ') ? v : v.strip();
    }

    /** Like {@link #cell} but keeps {@code NA}-like values, which can be real ids or names. */
    private static String idCell(CsvParser p, byte[] b, int i, IdCache cache) {
        if (i < 0) {
            return null;
        }
        if (cache != null && p.isPlain(i) && p.length(i) > 3) {
            int s = p.start(i);
            int e = p.end(i);
            if (b[s] > ' ' && b[e - 1] > ' ' && !Values.isMissing(b, s, e)) {
                return cache.get(b, s, e);
            }
        }
        if (p.isPlain(i) && p.length(i) <= 3 && p.length(i) > 0) {
            String v = p.field(i);
            if (Values.isWeakMissing(v)) {
                return v;
            }
        }
        return cell(p, b, i);
    }

    /**
     * False when {@link #idCell} of the cell cannot be a weak "NA"-like id: a plain cell of more than 3 bytes
     * without surrounding space is kept as it is. Decided on the bytes, so the id String (interned, and likely not
     * in the cache) is not read on every row.
     */
    private static boolean mayBeWeak(CsvParser p, byte[] b, int i) {
        return i >= 0 && !(p.isPlain(i) && p.length(i) > 3 && b[p.start(i)] > ' ' && b[p.end(i) - 1] > ' ');
    }

    private static int index(List<String> cols, String name, ImportPlan plan) {
        if (name == null) {
            return -1;
        }
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new UserFacingException("Column '" + name + "' is not in " + plan.file().getFileName()
                    + " (its columns: " + ColumnRoles.list(cols) + ").");
        }
        return i;
    }
}
