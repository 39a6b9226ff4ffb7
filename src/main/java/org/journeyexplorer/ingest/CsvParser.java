package org.journeyexplorer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast, streaming RFC 4180 record reader over UTF-8 bytes: any single-byte delimiter, quoted fields with embedded
 * delimiters, newlines and doubled quotes, CRLF or LF line ends, a leading UTF-8 BOM. Cells stay as byte ranges in
 * the read buffer until someone asks for a String, so columns nobody needs cost nothing. Lines are counted
 * physically (a quoted newline counts), so rejects can point at the line an editor shows.
 */
final class CsvParser {

    /** A record longer than this is almost surely an unclosed quote swallowing the file. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private final InputStream in;
    private final byte delim;
    private byte[] buf = new byte[1 << 17];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    private int[] starts = new int[32];
    private int[] ends = new int[32];
    /** 0 plain, 1 quoted without escapes, 2 quoted with doubled quotes or text around the quotes. */
    private byte[] kinds = new byte[32];
    private int count;
    private int recStart;
    private int recEnd;
    private long nextLine = 1;
    private long recordLine;
    private boolean unclosedQuote;
    private boolean tooLong;

    CsvParser(InputStream in, char delimiter) {
        this.in = in;
        this.delim = (byte) delimiter;
    }

    /**
     * Goes on reading a file from a record boundary inside it: no BOM is looked for, and lines are counted from
     * {@code firstLine}, the line that boundary is on.
     */
    CsvParser(InputStream in, char delimiter, long firstLine) {
        this(in, delimiter);
        started = true;
        nextLine = firstLine;
    }

    /**
     * Reads the records of {@code block[0, len)}, a piece of a file that starts at a record boundary on line
     * {@code firstLine}; its end counts as the end of the input (a quoted field still open there is reported by
     * {@link #unclosedQuote()}).
     */
    CsvParser(byte[] block, int len, char delimiter, long firstLine) {
        this.in = InputStream.nullInputStream();
        this.delim = (byte) delimiter;
        buf = block;
        limit = len;
        eof = true;
        started = true;
        nextLine = firstLine;
    }

    /** Advances to the next record; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            fill();
            if (limit - pos >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            if (pos >= limit && eof) {
                return false;
            }
            int r = parseRecord();
            if (r >= 0) {
                pos = r;
                return true;
            }
            if (eof) {
                // parseRecord only asks for more before eof
                throw new IllegalStateException("parser stalled at eof");
            }
            if (pos == 0 && limit == buf.length) {
                if (buf.length >= MAX_RECORD_BYTES) {
                    // an unclosed quote: give what we have as one broken record and stop
                    unclosedQuote = true;
                    tooLong = true;
                    count = 1;
                    starts[0] = 0;
                    ends[0] = limit;
                    kinds[0] = 0;
                    recStart = 0;
                    recEnd = limit;
                    recordLine = nextLine;
                    pos = limit;
                    eof = true;
                    return true;
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            if (n == 0) {
                continue;
            }
            limit += n;
            if (limit - pos > (1 << 16)) {
                return;
            }
        }
    }

    /** Parses one record from {@code pos}; returns the position after it, or -1 when the buffer ends first. */
    private int parseRecord() {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delim;
        int p = pos;
        int n = 0;
        long newlines = 0;
        boolean unclosed = false;
        while (true) {
            if (n == starts.length) {
                grow();
            }
            int start = p;
            int end;
            byte kind = 0;
            if (p < lim && b[p] == '"') {
                p++;
                boolean closed = false;
                while (true) {
                    if (p >= lim) {
                        if (!eof) {
                            return -1;
                        }
                        unclosed = true;
                        break;
                    }
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 >= lim && !eof) {
                            return -1;
                        }
                        if (p + 1 < lim && b[p + 1] == '"') {
                            kind = 2;
                            p += 2;
                            continue;
                        }
                        p++;
                        closed = true;
                        break;
                    }
                    if (c == '\n') {
                        newlines++;
                    }
                    p++;
                }
                if (kind == 0) {
                    kind = 1;
                }
                if (closed) {
                    // text after the closing quote (lenient, like most tools): keep it
                    int q = p;
                    while (q < lim && b[q] != d && b[q] != '\n') {
                        q++;
                    }
                    if (q >= lim && !eof) {
                        return -1;
                    }
                    int e = q;
                    if (e > p && b[e - 1] == '\r') {
                        e--;
                    }
                    if (e > p) {
                        kind = 2;
                    }
                    end = e;
                    p = q;
                } else {
                    end = p;
                }
            } else {
                while (p < lim) {
                    byte c = b[p];
                    if (c == d || c == '\n') {
                        break;
                    }
                    p++;
                }
                if (p >= lim && !eof) {
                    return -1;
                }
                end = p;
                if (end > start && b[end - 1] == '\r') {
                    end--;
                }
            }
            starts[n] = start;
            ends[n] = end;
            kinds[n] = kind;
            n++;
            if (p >= lim) {
                // eof without a final newline
                count = n;
                recStart = pos;
                recEnd = end;
                recordLine = nextLine;
                nextLine += newlines + 1;
                unclosedQuote = unclosed;
                return p;
            }
            if (b[p] == d) {
                p++;
                continue;
            }
            // newline
            count = n;
            recStart = pos;
            recEnd = p > pos && b[p - 1] == '\r' ? p - 1 : p;
            recordLine = nextLine;
            nextLine += newlines + 1;
            unclosedQuote = unclosed;
            return p + 1;
        }
    }

    private void grow() {
        int len = starts.length * 2;
        starts = Arrays.copyOf(starts, len);
        ends = Arrays.copyOf(ends, len);
        kinds = Arrays.copyOf(kinds, len);
    }

    /** Where in {@link #buffer()} the next record starts. */
    int position() {
        return pos;
    }

    /** End of the bytes read into {@link #buffer()}. */
    int limit() {
        return limit;
    }

    /** The line the next record starts on. */
    long nextLine() {
        return nextLine;
    }

    /** Number of fields of the current record. */
    int count() {
        return count;
    }

    /** 1-based physical line on which the current record starts. */
    long line() {
        return recordLine;
    }

    /** Whether the current record is an empty line. */
    boolean isBlank() {
        return count == 1 && ends[0] == starts[0];
    }

    /** Whether the current record ran into the end of the file inside a quoted field. */
    boolean unclosedQuote() {
        return unclosedQuote;
    }

    /** Whether the parser gave up on a record that never ended (nothing follows it). */
    boolean tooLong() {
        return tooLong;
    }

    /** Whether field {@code i} is a plain (unquoted) byte range, readable with {@link #buffer()}. */
    boolean isPlain(int i) {
        return kinds[i] == 0;
    }

    /**
     * Whether field {@code i} is quoted with doubled quotes inside, or has text around its quotes: its value is
     * {@link #field} un-escaped.
     */
    boolean hasDoubledQuotes(int i) {
        return kinds[i] == 2;
    }

    byte[] buffer() {
        return buf;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Length of the plain field {@code i} in bytes (for quoted fields: an upper bound). */
    int length(int i) {
        return ends[i] - starts[i];
    }

    /** The value of field {@code i}, quotes removed and doubled quotes collapsed. */
    String field(int i) {
        int s = starts[i];
        int e = ends[i];
        switch (kinds[i]) {
            case 0:
                return new String(buf, s, e - s, StandardCharsets.UTF_8);
            case 1:
                int ce = e > s + 1 && buf[e - 1] == '"' ? e - 1 : e;
                return new String(buf, s + 1, ce - s - 1, StandardCharsets.UTF_8);
            default:
                return unescape(s, e);
        }
    }

    private String unescape(int s, int e) {
        byte[] out = new byte[e - s];
        return new String(out, 0, unescape(s, e, out), StandardCharsets.UTF_8);
    }

    /**
     * The bytes of field {@code i} with quotes removed and doubled quotes collapsed: for a plain field its range
     * in {@link #buffer()}, else copied into {@code scratch} (grown as needed; {@code scratch[0]} is the array to
     * read). Returns {@code {start, end}} packed as {@code start << 32 | end}.
     */
    long bytes(int i, byte[][] scratch) {
        int s = starts[i];
        int e = ends[i];
        if (kinds[i] == 0) {
            scratch[0] = buf;
            return (long) s << 32 | e;
        }
        if (kinds[i] == 1) {
            scratch[0] = buf;
            int ce = e > s + 1 && buf[e - 1] == '"' ? e - 1 : e;
            return (long) (s + 1) << 32 | ce;
        }
        if (scratch[1] == null || scratch[1].length < e - s) {
            scratch[1] = new byte[Math.max(e - s, 256)];
        }
        scratch[0] = scratch[1];
        return unescape(s, e, scratch[1]);
    }

    private int unescape(int s, int e, byte[] out) {
        int o = 0;
        boolean quoted = false;
        for (int i = s; i < e; i++) {
            byte c = buf[i];
            if (c == '"') {
                if (quoted && i + 1 < e && buf[i + 1] == '"') {
                    out[o++] = '"';
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else {
                out[o++] = c;
            }
        }
        return o;
    }

    /** The raw text of the current record (without its line end), cut to {@code max} characters. */
    String raw(int max) {
        int len = Math.min(recEnd - recStart, max * 4);
        String s = new String(buf, recStart, Math.max(0, len), StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
