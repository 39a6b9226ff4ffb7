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
        InputStream s = gzip ? new GZIPInputStream(counting, 1 << 16) : counting;
        if (gzip) {
            s = new BufferedInputStream(s, 1 << 16);
        }
        return new Opened(counting, s, size);
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
