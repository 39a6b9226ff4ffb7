package org.journeyexplorer.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a file for reading, transparently decompressing gzip, and counts the (compressed) bytes read. */
final class Source {
    private Source() {
    }

    /** Whether the file starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
        }
    }

    /** An open file: the decompressed stream, the file size and how many file bytes were consumed so far. */
    static final class Opened implements AutoCloseable {
        private final Counting counting;
        private final InputStream stream;
        private final long size;

        private Opened(Counting counting, InputStream stream, long size) {
            this.counting = counting;
            this.stream = stream;
            this.size = size;
        }

        InputStream stream() {
            return stream;
        }

        long bytesRead() {
            return counting.count;
        }

        long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    static Opened open(Path file, boolean gzip) throws IOException {
        long size = Files.size(file);
        Counting counting = new Counting(Files.newInputStream(file));
        if (!gzip) {
            return new Opened(counting, counting, size);
        }
        try {
            // the constructor reads the gzip header and throws on a damaged one: the file must not stay open
            InputStream s = new BufferedInputStream(new GZIPInputStream(counting, 1 << 16), 1 << 16);
            return new Opened(counting, s, size);
        } catch (IOException | RuntimeException e) {
            closeQuietly(counting, e);
            throw e;
        }
    }

    /**
     * Whether {@code head} (the first bytes of a text file) is valid UTF-8, allowing a multi-byte sequence cut by
     * the end of the sample. Text that is not is read as Windows-1252, what spreadsheet exports on Windows write.
     */
    static boolean isUtf8(byte[] head, int len) {
        int i = 0;
        while (i < len) {
            int c = head[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
            } else {
                return false;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= len) {
                    return true;
                }
                if ((head[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }

    /** Old Mac line ends: lines end in CR alone (Excel for Mac "CSV (Macintosh)"). */
    static boolean onlyCarriageReturns(byte[] head) {
        boolean cr = false;
        for (byte b : head) {
            if (b == '\n') {
                return false;
            }
            cr |= b == '\r';
        }
        return cr;
    }

    private static InputStream crToLf(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                return b == '\r' ? '\n' : b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = off; i < off + n; i++) {
                    if (b[i] == '\r') {
                        b[i] = '\n';
                    }
                }
                return n;
            }
        };
    }

    /**
     * Re-encodes a Windows-1252 byte stream as UTF-8 on the fly, so the readers only ever see UTF-8 (the CSV
     * parser splits on ASCII bytes, which both encodings share).
     */
    static InputStream cp1252ToUtf8(InputStream in) {
        return new InputStream() {
            private final byte[] src = new byte[1 << 15];
            private final byte[] dst = new byte[3 << 15];
            private int pos;
            private int lim;

            @Override
            public int read() throws IOException {
                if (pos >= lim && !fill()) {
                    return -1;
                }
                return dst[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= lim && !fill()) {
                    return -1;
                }
                int n = Math.min(len, lim - pos);
                System.arraycopy(dst, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() throws IOException {
                int n = in.read(src, 0, src.length);
                if (n < 0) {
                    return false;
                }
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int c = src[i] & 0xFF;
                    if (c < 0x80) {
                        dst[k++] = (byte) c;
                        continue;
                    }
                    char ch = CP1252.charAt(c - 0x80);
                    if (ch < 0x800) {
                        dst[k++] = (byte) (0xC0 | (ch >> 6));
                        dst[k++] = (byte) (0x80 | (ch & 0x3F));
                    } else {
                        dst[k++] = (byte) (0xE0 | (ch >> 12));
                        dst[k++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                        dst[k++] = (byte) (0x80 | (ch & 0x3F));
                    }
                }
                pos = 0;
                lim = k;
                return true;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Windows-1252 for bytes 0x80–0xFF (undefined bytes map to the C1 control of the same value). */
    private static final String CP1252 = decodeCp1252();

    private static String decodeCp1252() {
        byte[] b = new byte[128];
        for (int i = 0; i < 128; i++) {
            b[i] = (byte) (0x80 + i);
        }
        String s = new String(b, java.nio.charset.Charset.forName("windows-1252"));
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < 128; i++) {
            char c = s.charAt(i);
            sb.append(c == '\uFFFD' ? (char) (0x80 + i) : c);
        }
        return sb.toString();
    }

    /**
     * Like {@link #open}, but a damaged or cut-short gzip stream simply ends where it breaks: for sniffing and
     * previews, what could be read is enough (the full read reports the damage).
     */
    static Opened openLenient(Path file, boolean gzip) throws IOException {
        Opened o = open(file, gzip);
        if (!gzip) {
            return o;
        }
        InputStream tolerant = new FilterInputStream(o.stream) {
            private boolean broken;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (broken) {
                    return -1;
                }
                try {
                    return super.read(b, off, len);
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    broken = true;
                    return -1;
                }
            }
        };
        return new Opened(o.counting, tolerant, o.size);
    }

    /**
     * Opens a text file (CSV, JSON Lines) so that it reads as UTF-8 whatever its encoding: if its first 64 KB are
     * not valid UTF-8, it is taken as Windows-1252 and re-encoded on the fly.
     */
    static Opened openText(Path file, boolean gzip, boolean lenient) throws IOException {
        Opened o = lenient ? openLenient(file, gzip) : open(file, gzip);
        BufferedInputStream buffered = new BufferedInputStream(o.stream, 1 << 16);
        byte[] head;
        try {
            buffered.mark(1 << 16);
            head = buffered.readNBytes(1 << 16);
            buffered.reset();
        } catch (IOException | RuntimeException e) {
            closeQuietly(o.stream, e);
            throw e;
        }
        InputStream text = isUtf8(head, head.length) ? buffered : cp1252ToUtf8(buffered);
        if (onlyCarriageReturns(head)) {
            text = crToLf(text);
        }
        return new Opened(o.counting, text, o.size);
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }
}
