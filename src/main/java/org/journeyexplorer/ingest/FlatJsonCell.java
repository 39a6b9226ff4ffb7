package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Merges a JSON object cell into a row's properties straight from its UTF-8 bytes, for the common shape
 * ({@code {"sku":5787,"v":2}}: string, integer, true/false/null members, no escapes, no nesting), without building
 * a Jackson tree and printing it again, which led the import profile. Anything outside that shape is declined
 * ({@link #merge} returns false before writing anything) and the caller takes the Jackson path; for accepted cells
 * the output is byte for byte what that path writes.
 *
 * <p>One instance per reader: it caches member names (their String, whether a column has that name, their encoded
 * {@code "key":} bytes), which repeat on every row.
 */
final class FlatJsonCell {
    private static final int MAX_MEMBERS = 64;
    private static final int KIND_STRING = 0;
    private static final int KIND_RAW = 1;
    private static final int KIND_NULL = 2;
    private static final int KIND_STRING_UTF8 = 3;

    /** A member name seen before: decoded once, with the marks that make de-duplication allocation-free. */
    private static final class Name {
        final byte[] bytes;
        final String text;
        final byte[] encoded;
        final boolean column;
        /** Row in which the name was last added to the properties; an equal stamp means "already there". */
        long row = -1;
        /** Cell in which the name was last read, to spot a name repeated inside one object. */
        long cell = -1;

        Name(byte[] bytes, Set<String> columns) {
            this.bytes = bytes;
            this.text = new String(bytes, StandardCharsets.UTF_8);
            this.encoded = JsonBytes.encodeKey(text);
            this.column = columns.contains(text);
        }
    }

    private static final int SLOTS = 1024;
    private final Name[] names = new Name[SLOTS];
    private final Set<String> columns;

    private final Name[] memberName = new Name[MAX_MEMBERS];
    private final int[] valueStart = new int[MAX_MEMBERS];
    private final int[] valueEnd = new int[MAX_MEMBERS];
    private final int[] valueKind = new int[MAX_MEMBERS];
    private long cellStamp;

    /** @param columns the file's non-role column names: a member with such a name is left out */
    FlatJsonCell(Set<String> columns) {
        this.columns = columns;
    }

    /**
     * Adds the members of the object in {@code b[s, e)} to {@code props}, leaving out names of columns, names an
     * earlier JSON cell of the same row added, and null members (as the Jackson path does).
     *
     * @param row number of the row, so names added earlier in the same row are recognised
     * @return false, with nothing written, when the cell is not of the simple shape
     */
    boolean merge(byte[] b, int s, int e, long row, JsonBytes props) {
        return merge(b, s, e, row, props, 1);
    }

    /**
     * As {@link #merge(byte[], int, int, long, JsonBytes)} on the object as a quoted CSV cell holds it, its
     * quotes doubled: {@code b[s, e)} is the cell between its outer quotes ({@code {""sku"":5787}}). Reading it in
     * place spares un-escaping the cell into a copy first. A quote that is not doubled (text around the quotes,
     * which the CSV reader keeps) declines, like anything else outside the simple shape.
     */
    boolean mergeDoubled(byte[] b, int s, int e, long row, JsonBytes props) {
        return merge(b, s, e, row, props, 2);
    }

    /** {@code q}: bytes per quote character, 1 in plain JSON, 2 in a quoted CSV cell's doubled quotes. */
    private boolean merge(byte[] b, int s, int e, long row, JsonBytes props, int q) {
        s = skipSpace(b, s, e);
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        if (e - s < 2 || b[s] != '{' || b[e - 1] != '}') {
            return false;
        }
        long cell = ++cellStamp;
        int m = 0;
        int p = skipSpace(b, s + 1, e - 1);
        int end = e - 1;
        if (p < end) {
            while (true) {
                if (m == MAX_MEMBERS || !quote(b, p, end, q)) {
                    return false;
                }
                int ks = p + q;
                int ke = plainStringEnd(b, ks, end, q);
                if (ke < 0) {
                    return false;
                }
                Name name = name(b, ks, ke, row);
                if (name == null || name.cell == cell) {
                    return false; // a repeated name: Jackson keeps the last value at the first place
                }
                name.cell = cell;
                p = skipSpace(b, ke + q, end);
                if (p >= end || b[p] != ':') {
                    return false;
                }
                p = skipSpace(b, p + 1, end);
                if (p >= end) {
                    return false;
                }
                int vs;
                int ve;
                int kind;
                byte c = b[p];
                if (c == '"') {
                    if (!quote(b, p, end, q)) {
                        return false;
                    }
                    vs = p + q;
                    ve = plainStringEnd(b, vs, end, q);
                    if (ve < 0) {
                        return false;
                    }
                    kind = ascii(b, vs, ve) ? KIND_STRING : KIND_STRING_UTF8;
                    p = ve + q;
                } else {
                    vs = p;
                    while (p < end && b[p] != ',' && !isSpace(b[p])) {
                        p++;
                    }
                    ve = p;
                    kind = literal(b, vs, ve);
                    if (kind < 0) {
                        return false;
                    }
                }
                memberName[m] = name;
                valueStart[m] = vs;
                valueEnd[m] = ve;
                valueKind[m] = kind;
                m++;
                p = skipSpace(b, p, end);
                if (p == end) {
                    break;
                }
                if (b[p] != ',') {
                    return false;
                }
                p = skipSpace(b, p + 1, end);
                if (p >= end) {
                    return false; // a trailing comma is not JSON
                }
            }
        }
        for (int i = 0; i < m; i++) {
            Name name = memberName[i];
            if (valueKind[i] == KIND_NULL || name.column || name.row == row) {
                continue;
            }
            name.row = row;
            props.key(name.encoded);
            switch (valueKind[i]) {
                case KIND_STRING -> props.value(b, valueStart[i], valueEnd[i]);
                case KIND_STRING_UTF8 ->
                    // decoding replaces malformed bytes as the Jackson path (which reads the decoded cell) does
                        props.value(new String(b, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8));
                default -> props.raw(b, valueStart[i], valueEnd[i]);
            }
        }
        return true;
    }

    /** Whether {@code key} was added to the row by {@link #merge}. */
    boolean addedInRow(String key, long row) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int slot = slot(k, 0, k.length);
        Name n = names[slot];
        return n != null && n.row == row && Arrays.equals(n.bytes, k);
    }

    private Name name(byte[] b, int s, int e, long row) {
        int slot = slot(b, s, e);
        Name n = names[slot];
        if (n != null && same(n.bytes, b, s, e)) {
            return n;
        }
        if (n != null && (n.row == row || n.cell == cellStamp)) {
            return null; // the slot holds a name this row or cell still needs to recognise: decline
        }
        n = new Name(Arrays.copyOfRange(b, s, e), columns);
        names[slot] = n;
        return n;
    }

    /**
     * Whether {@code k} holds the bytes {@code b[s, e)}: member names are short ({@code sku}, {@code v}), and for a
     * few bytes a plain loop beats {@link Arrays#equals}' vectorised compare, whose set-up led this class's profile.
     */
    private static boolean same(byte[] k, byte[] b, int s, int e) {
        int n = k.length;
        if (n != e - s) {
            return false;
        }
        if (n > 16) {
            return Arrays.equals(k, 0, n, b, s, e);
        }
        for (int i = 0; i < n; i++) {
            if (k[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    private static int slot(byte[] b, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        return (h ^ (h >>> 10)) & (SLOTS - 1);
    }

    /** Whether a quote character ({@code q} quote bytes) is at {@code p}. */
    private static boolean quote(byte[] b, int p, int end, int q) {
        return b[p] == '"' && (q == 1 || p + 1 < end && b[p + 1] == '"');
    }

    /**
     * End of a string literal starting at {@code s} (after its quote), or -1 if it has escapes or controls, or
     * (q = 2) a quote that is not doubled.
     */
    private static int plainStringEnd(byte[] b, int s, int end, int q) {
        for (int i = s; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return quote(b, i, end, q) ? i : -1;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean ascii(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** KIND_RAW for an integer Jackson prints as written, or true/false; KIND_NULL for null; else -1. */
    private static int literal(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 4 && b[s] == 't' && b[s + 1] == 'r' && b[s + 2] == 'u' && b[s + 3] == 'e') {
            return KIND_RAW;
        }
        if (n == 5 && b[s] == 'f' && b[s + 1] == 'a' && b[s + 2] == 'l' && b[s + 3] == 's' && b[s + 4] == 'e') {
            return KIND_RAW;
        }
        if (n == 4 && b[s] == 'n' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l') {
            return KIND_NULL;
        }
        int i = s;
        if (i < e && b[i] == '-') {
            i++;
        }
        if (i >= e || b[i] < '0' || b[i] > '9' || (b[i] == '0' && (e - i > 1 || i > s))) {
            return -1; // leading zeros and -0 are printed differently (or refused): leave them to Jackson
        }
        for (; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
        }
        return KIND_RAW;
    }

    private static int skipSpace(byte[] b, int p, int e) {
        while (p < e && isSpace(b[p])) {
            p++;
        }
        return p;
    }

    /** JSON's whitespace, which {@link String#strip()} also removes. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
