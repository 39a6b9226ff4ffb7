package org.journeyexplorer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into physical lines ({@code \n} or {@code \r\n}) without decoding them, so a JSON
 * parser can read each line straight from the buffer. A leading BOM is skipped.
 */
final class LineReader {
    private final InputStream in;
    private byte[] buf = new byte[1 << 17];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private int start;
    private int end;
    private long line;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            fill();
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        int scanFrom = pos;
        while (true) {
            int i = scanFrom;
            while (i < limit && buf[i] != '\n') {
                i++;
            }
            if (i < limit || (eof && pos < limit)) {
                start = pos;
                end = i;
                if (end > start && buf[end - 1] == '\r') {
                    end--;
                }
                pos = Math.min(i + 1, limit);
                line++;
                return true;
            }
            if (eof) {
                return false;
            }
            int consumed = pos;
            scanFrom = i - consumed;
            if (consumed == 0 && limit == buf.length) {
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
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based number of the current line. */
    long line() {
        return line;
    }

    boolean isBlank() {
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    String text(int max) {
        String s = new String(buf, start, Math.min(end - start, max * 4), StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
