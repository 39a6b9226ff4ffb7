package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a flat JSON object of string values straight from UTF-8 cell bytes, so a row's properties cost one
 * String at the end instead of one per cell plus a StringBuilder copy. Reused row after row.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] out = new byte[512];
    private int n;

    void reset() {
        n = 0;
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** Starts a member: '{' or ',' then the pre-encoded {@code "key":} bytes. */
    void key(byte[] encodedKeyAndColon) {
        ensure(encodedKeyAndColon.length + 1);
        out[n] = (byte) (n == 0 ? '{' : ',');
        n++;
        System.arraycopy(encodedKeyAndColon, 0, out, n, encodedKeyAndColon.length);
        n += encodedKeyAndColon.length;
    }

    /** Appends the UTF-8 bytes {@code b[s, e)} as a JSON string literal. */
    void value(byte[] b, int s, int e) {
        ensure((e - s) * 6 + 2);
        byte[] o = out;
        int k = n;
        o[k++] = '"';
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\') {
                o[k++] = '\\';
                o[k++] = c;
            } else if (c >= 0 && c < 0x20) {
                switch (c) {
                    case '\n' -> {
                        o[k++] = '\\';
                        o[k++] = 'n';
                    }
                    case '\r' -> {
                        o[k++] = '\\';
                        o[k++] = 'r';
                    }
                    case '\t' -> {
                        o[k++] = '\\';
                        o[k++] = 't';
                    }
                    default -> {
                        o[k++] = '\\';
                        o[k++] = 'u';
                        o[k++] = '0';
                        o[k++] = '0';
                        o[k++] = HEX[c >> 4];
                        o[k++] = HEX[c & 15];
                    }
                }
            } else {
                o[k++] = c;
            }
        }
        o[k++] = '"';
        n = k;
    }

    /** Appends {@code json}, already a valid JSON value (a number, {@code true}, an object…), as it is. */
    void raw(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
    }

    /** Appends the bytes {@code b[s, e)}, already a valid JSON value, as they are. */
    void raw(byte[] b, int s, int e) {
        ensure(e - s);
        System.arraycopy(b, s, out, n, e - s);
        n += e - s;
    }

    void value(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        value(b, 0, b.length);
    }

    /** The object text, or null when no member was added. */
    String finish() {
        if (n == 0) {
            return null;
        }
        ensure(1);
        out[n++] = '}';
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Closes the object in {@link #buffer()} and gives its length, 0 when no member was added; negative (the object
     * still closed, its length negated) when it holds a byte outside ASCII, whose text is then its bytes decoded as
     * UTF-8, which {@link #finish} does. Ends the object as {@link #finish} does: {@link #reset} before the next.
     */
    int close() {
        if (n == 0) {
            return 0;
        }
        ensure(1);
        out[n++] = '}';
        byte[] o = out;
        for (int i = 0; i < n; i++) {
            if (o[i] < 0) {
                return -n;
            }
        }
        return n;
    }

    /** The bytes of the object {@link #close} closed. */
    byte[] buffer() {
        return out;
    }

    /** The text of the object {@link #close} closed (its length as {@code close} gave it). */
    String text(int closed) {
        return closed == 0 ? null : new String(out, 0, Math.abs(closed), StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (n + extra > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, n + extra));
        }
    }

    static byte[] encodeKey(String key) {
        StringBuilder sb = new StringBuilder();
        Values.appendJsonString(sb, key);
        return sb.append(':').toString().getBytes(StandardCharsets.UTF_8);
    }
}
