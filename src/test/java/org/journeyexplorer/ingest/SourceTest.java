package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opening a file whose gzip stream is damaged fails without leaving the file open. */
class SourceTest {
    @TempDir
    Path dir;

    private static int openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void damagedGzipDoesNotLeakTheFile() throws IOException {
        assumeTrue(openFiles() >= 0, "needs /proc/self/fd");
        // gzip magic, then compression method 7 (only 8, deflate, exists): GZIPInputStream's constructor throws
        Path bad = Files.write(dir.resolve("bad.csv.gz"), new byte[]{0x1F, (byte) 0x8B, 7, 0, 0, 0, 0, 0, 0, 0});
        int before = openFiles();
        for (int i = 0; i < 50; i++) {
            assertThrows(IOException.class, () -> Source.open(bad, true));
            assertThrows(IOException.class, () -> Source.openText(bad, true, false));
        }
        // a sound header over a body that is not deflate data: openText fails while reading the head to sniff
        byte[] body = new byte[200];
        java.util.Arrays.fill(body, (byte) 0xFF);
        byte[] header = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 0};
        byte[] both = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, both, header.length, body.length);
        Path badBody = Files.write(dir.resolve("body.csv.gz"), both);
        for (int i = 0; i < 50; i++) {
            assertThrows(IOException.class, () -> Source.openText(badBody, true, false));
        }
        int after = openFiles();
        assertTrue(after - before < 20, "file handles left open: " + (after - before));
    }
}
