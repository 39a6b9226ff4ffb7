package org.journeyexplorer.flink;

import java.nio.charset.StandardCharsets;

/**
 * Reads the four role fields of an input message without a JSON library, for the common case: one flat object in
 * ASCII, string values without escapes, numbers, true / false / null. Anything else — an escape, a byte outside
 * ASCII, a nested value, a byte order mark, a syntax error — it leaves to Jackson ({@link #read} returns false), so
 * that what is read and every rejection reason stay Jackson's. Creating a Jackson parser for each message (with its
 * context, buffers and name table, released again at close) was half of the source's CPU per event.
 *
 * <p>One reader per task thread: it keeps the values of the last message it read.
 */
final class FlatJson {
    private final byte[][] names;
    /** The user, device, time and event values of the last message read (null: absent or JSON null). */
    final String[] values = new String[4];

    FlatJson(JobOptions o) {
        String[] fields = {o.personField(), o.deviceField(), o.timeField(), o.eventField()};
        names = new byte[4][];
        for (int i = 0; i < 4; i++) {
            names[i] = fields[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads a message into {@link #values}; false when it is not of the simple kind this reader takes (then the
     * values mean nothing and the message goes to Jackson). As Jackson's reading in {@link EventDeserializer}, it
     * stops at the object's closing brace (what follows is not read) and a later field of the same name wins.
     */
    boolean read(byte[] v) {
        java.util.Arrays.fill(values, null);
        int n = v.length;
        int i = ws(v, 0);
        if (i >= n || v[i] != '{') {
            return false;
        }
        i = ws(v, i + 1);
        if (i < n && v[i] == '}') {
            return true;
        }
        while (true) {
            if (i >= n || v[i] != '"') {
                return false;
            }
            int nameStart = i + 1;
            int nameEnd = plainString(v, nameStart);
            if (nameEnd < 0) {
                return false;
            }
            i = ws(v, nameEnd + 1);
            if (i >= n || v[i] != ':') {
                return false;
            }
            i = ws(v, i + 1);
            if (i >= n) {
                return false;
            }
            int role = role(v, nameStart, nameEnd);
            byte c = v[i];
            int end;
            String value;
            if (c == '"') {
                end = plainString(v, i + 1);
                if (end < 0) {
                    return false;
                }
                value = role < 0 ? null : new String(v, i + 1, end - i - 1, StandardCharsets.ISO_8859_1);
                end++;
            } else if (c == '-' || c >= '0' && c <= '9') {
                end = number(v, i);
                if (end < 0) {
                    return false;
                }
                value = role < 0 ? null : new String(v, i, end - i, StandardCharsets.ISO_8859_1);
            } else if (literal(v, i, "true") || literal(v, i, "false")) {
                end = i + (c == 't' ? 4 : 5);
                value = role < 0 ? null : c == 't' ? "true" : "false";
            } else if (literal(v, i, "null")) {
                end = i + 4;
                value = null;
                role = -1; // Jackson's reading skips a null: an earlier value of the field stands
            } else {
                return false; // a nested object or array, or no value at all
            }
            if (role >= 0) {
                values[role] = value;
            }
            i = ws(v, end);
            if (i >= n) {
                return false;
            }
            if (v[i] == '}') {
                return true;
            }
            if (v[i] != ',') {
                return false;
            }
            i = ws(v, i + 1);
        }
    }

    /** Which role the name between {@code from} and {@code to} is (the first that matches, as Jackson's), or -1. */
    private int role(byte[] v, int from, int to) {
        for (int r = 0; r < 4; r++) {
            byte[] name = names[r];
            if (name.length == to - from && java.util.Arrays.equals(v, from, to, name, 0, name.length)) {
                return r;
            }
        }
        return -1;
    }

    private static int ws(byte[] v, int i) {
        while (i < v.length && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** The index of the closing quote of a string of plain ASCII starting at {@code i}, or -1. */
    private static int plainString(byte[] v, int i) {
        for (; i < v.length; i++) {
            byte c = v[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) { // an escape, a control character or a byte of a non-ASCII character
                return -1;
            }
        }
        return -1;
    }

    /** The end of a JSON number at {@code i} (strictly by the JSON grammar, as Jackson reads it), or -1. */
    private static int number(byte[] v, int i) {
        int n = v.length;
        if (v[i] == '-') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        if (v[i] == '0') {
            i++;
        } else if (v[i] >= '1' && v[i] <= '9') {
            i = digits(v, i);
        } else {
            return -1;
        }
        if (i < n && v[i] == '.') {
            int d = digits(v, i + 1);
            if (d == i + 1) {
                return -1;
            }
            i = d;
        }
        if (i < n && (v[i] == 'e' || v[i] == 'E')) {
            i++;
            if (i < n && (v[i] == '+' || v[i] == '-')) {
                i++;
            }
            int d = digits(v, i);
            if (d == i) {
                return -1;
            }
            i = d;
        }
        // a number must end at a delimiter: "12a" or "012" is Jackson's to reject
        return i < n && !delimiter(v[i]) ? -1 : i;
    }

    private static int digits(byte[] v, int i) {
        while (i < v.length && v[i] >= '0' && v[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean literal(byte[] v, int i, String word) {
        int n = word.length();
        if (i + n > v.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (v[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return i + n == v.length || delimiter(v[i + n]);
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
