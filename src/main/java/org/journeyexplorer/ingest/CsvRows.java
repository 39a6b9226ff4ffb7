package org.journeyexplorer.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the records of a CSV file into events or rejects with their reason: ids, time, event name, and every other
 * column (and the members of JSON object cells) as properties. What a record becomes depends on that record alone,
 * so records can be converted on several threads, each with its own {@code CsvRows} (the caches inside are not
 * thread-safe) and a shared {@link Layout}.
 */
final class CsvRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the roles are among the file's columns, and the property keys ready to copy; immutable. */
    static final class Layout {
        final int n;
        final int person;
        final int anon;
        final int time;
        final int offset;
        final int event;
        final int[] identity;
        final boolean anyIdentity;
        final boolean[] role;
        final byte[][] keys;
        final Set<String> columns;
        final String timeName;
        final String offsetName;
        final ImportPlan plan;

        Layout(ImportPlan plan, List<String> cols) {
            this.plan = plan;
            n = cols.size();
            ColumnMapping m = plan.mapping();
            person = index(cols, m.person(), plan);
            anon = index(cols, m.anonymous(), plan);
            time = index(cols, m.time(), plan);
            offset = index(cols, m.timeOffset(), plan);
            event = index(cols, m.event(), plan);
            String[] identityNames = m.identityColumns();
            identity = new int[identityNames.length];
            boolean any = false;
            for (int k = 0; k < identity.length; k++) {
                identity[k] = index(cols, identityNames[k], plan);
                any |= identity[k] >= 0;
            }
            anyIdentity = any;
            role = new boolean[n];
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
            keys = new byte[n][];
            Set<String> names = new HashSet<>();
            for (int i = 0; i < n; i++) {
                keys[i] = JsonBytes.encodeKey(cols.get(i));
                if (!role[i]) {
                    names.add(cols.get(i));
                }
            }
            columns = Set.copyOf(names);
            timeName = m.time();
            offsetName = m.timeOffset();
        }
    }

    private final Layout l;
    private final TimeParser parser;
    private final JsonBytes props = new JsonBytes();
    private final FlatJsonCell flat;
    private final byte[][] scratch = new byte[2][];
    private final StringCache names = new StringCache();
    private final IdCache idCache;
    /** The {@link IdCache#code} of the id {@link #idCell} read last, or {@link IdCache#NO_CODE}. */
    private int idCode;
    /** Records seen, so {@link FlatJsonCell} can tell this record's members from an earlier one's. */
    private long rows;

    CsvRows(Layout layout) {
        this(layout, null);
    }

    /** With the id table shared by the threads reading one file ({@link IdCache}). */
    CsvRows(Layout layout, IdCache.Shared sharedIds) {
        l = layout;
        idCache = new IdCache(sharedIds);
        parser = new TimeParser(layout.plan.zone(), Ingest.dayFirst(layout.plan));
        flat = new FlatJsonCell(layout.columns);
    }

    /** Converts the parser's current record: an event or a reject to the sink, nothing for a blank line. */
    void row(CsvParser p, EventSink sink) {
        rows++;
        if (p.isBlank()) {
            return;
        }
        final int n = l.n;
        final int person = l.person;
        final int anon = l.anon;
        final int time = l.time;
        final int offset = l.offset;
        final int event = l.event;
        final boolean[] role = l.role;
        long line = p.line();
        if (p.unclosedQuote()) {
            sink.reject(line, p.tooLong()
                    ? "a quoted field never ends (unbalanced \"); the rest of the file cannot be read"
                    : "a quoted field is not closed before the end of the file", p.raw(Ingest.RAW_MAX));
            return;
        }
        int c = p.count();
        while (c > n && missing(p, p.buffer(), c - 1)) {
            // trailing empty cells some exporters add (a delimiter at the end of each line) carry nothing
            c--;
        }
        if (c != n) {
            sink.reject(line, "expected " + n + " columns, found " + c, p.raw(Ingest.RAW_MAX));
            return;
        }
        byte[] b = p.buffer();
        String personId = idCell(p, b, person, idCache);
        int personCode = idCode;
        String anonId = idCell(p, b, anon, idCache);
        int anonCode = idCode;
        if (mayBeWeak(p, b, person) && Values.isWeakMissing(personId)
                || mayBeWeak(p, b, anon) && Values.isWeakMissing(anonId)) {
            String[] ids = Values.ids(personId, anonId);
            personId = ids[0];
            anonId = ids[1];
            personCode = IdCache.NO_CODE;
            anonCode = IdCache.NO_CODE;
        }
        if (personId == null && anonId == null) {
            sink.reject(line, Ingest.NO_ID, p.raw(Ingest.RAW_MAX));
            return;
        }
        if (time < 0 || missing(p, b, time)) {
            sink.reject(line, "no time in column " + l.timeName, p.raw(Ingest.RAW_MAX));
            return;
        }
        long t = p.isPlain(time) ? parser.parse(b, p.start(time), p.length(time)) : parser.parse(p.field(time));
        if (t == TimeParser.INVALID) {
            sink.reject(line, "unreadable time '" + Values.cut(p.field(time), 100) + "' in column " + l.timeName,
                    p.raw(Ingest.RAW_MAX));
            return;
        }
        if (offset >= 0) {
            String o = cell(p, b, offset);
            if (o != null) {
                Long ms = Values.parseLongOrNull(o);
                if (ms == null) {
                    sink.reject(line, "unreadable time offset '" + Values.cut(o, 100) + "' in column "
                            + l.offsetName, p.raw(Ingest.RAW_MAX));
                    return;
                }
                t += ms * 1000;
            }
        }
        String eventName = event >= 0 && p.isPlain(event) && !missing(p, b, event)
                && b[p.start(event)] > ' ' && b[p.end(event) - 1] > ' '
                ? names.get(b, p.start(event), p.end(event)) : idCell(p, b, event, null);
        if (eventName == null) {
            sink.reject(line, Ingest.NO_EVENT, p.raw(Ingest.RAW_MAX));
            return;
        }
        props.reset();
        Set<String> merged = null;
        for (int i = 0; i < n; i++) {
            if (role[i] || missing(p, b, i)) {
                continue;
            }
            if (merged == null && (!p.isPlain(i) || b[p.start(i)] == '{')) {
                int s = p.start(i);
                int e = p.end(i);
                // the usual JSON cell, "{""sku"":5787}", read where it is, its quotes doubled
                if (p.hasDoubledQuotes(i) && e - s >= 2 && b[s] == '"' && b[e - 1] == '"'
                        && flat.mergeDoubled(b, s + 1, e - 1, rows, props)) {
                    continue;
                }
                long r = p.bytes(i, scratch);
                if (flat.merge(scratch[0], (int) (r >>> 32), (int) r, rows, props)) {
                    continue;
                }
            }
            ObjectNode object = jsonObject(p, b, i);
            if (object != null) {
                merged = merge(object, props, l.columns, merged, flat, rows);
                continue;
            }
            props.key(l.keys[i]);
            if (p.isPlain(i)) {
                props.value(b, p.start(i), p.end(i));
            } else {
                props.value(p.field(i));
            }
        }
        int closed = props.close();
        IdentityValues ids = IdentityValues.NONE;
        if (l.anyIdentity) {
            String[] v = new String[l.identity.length];
            for (int k = 0; k < l.identity.length; k++) {
                v[k] = cell(p, b, l.identity[k]);
            }
            ids = IdentityValues.of(v);
        }
        if (closed >= 0) {
            // ASCII properties (the common case) go on as bytes: no String, and no event object, per row
            sink.event(line, personId, personCode, anonId, anonCode, t, eventName,
                    closed == 0 ? null : props.buffer(), 0, closed, ids);
        } else {
            sink.event(new ParsedEvent(line, personId, anonId, t, eventName, props.text(closed), ids));
        }
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

    /**
     * Like {@link #cell} but keeps {@code NA}-like values, which can be real ids or names; sets {@link #idCode} to
     * the id's code when {@code cache} gave it, else to {@link IdCache#NO_CODE}.
     */
    private String idCell(CsvParser p, byte[] b, int i, IdCache cache) {
        idCode = IdCache.NO_CODE;
        if (i < 0) {
            return null;
        }
        if (cache != null && p.isPlain(i) && p.length(i) > 3) {
            int s = p.start(i);
            int e = p.end(i);
            if (b[s] > ' ' && b[e - 1] > ' ' && !Values.isMissing(b, s, e)) {
                String id = cache.get(b, s, e);
                idCode = cache.code();
                return id;
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
