package org.journeyexplorer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * H2's project file seen from outside H2: whether the last program that wrote it closed it, and which chunks it
 * holds.
 *
 * <p><b>Why.</b> H2 (MVStore) writes a project as a sequence of chunks; each names where the next one will
 * probably go, and the two header blocks at the start name the last chunk and, after a proper close, say
 * {@code clean:1}. When a program ends without closing (killed, crashed, or its H2 closed under it by a thread
 * interrupt), the chunks it wrote after the header's last one stay in the file. The next open looks for them by
 * following the predicted positions; if the dead program's first chunk went elsewhere (a hole freed in that
 * session), they are not found, their numbers and space are used again, and the dead chunks that were not
 * overwritten stay behind with higher versions. A later open then follows a new chunk's prediction into one of
 * them and reads a mix of two histories: "File corrupted in chunk N". That is what damaged the 5 M project of
 * 2026-12-07 (README, "A damaged project file"). Rewriting the file before the first write after an unclean end
 * ({@link #rewrite}) leaves no dead chunk behind.
 */
final class StoreFile {
    static final int BLOCK = 4096;

    private StoreFile() {
    }

    /** A chunk header found at the start of a block: its id and version (H2 writes both in hex). */
    record ChunkHeader(long block, int id, long version) {
    }

    /**
     * Whether the last program that wrote the file closed it: both header blocks agree and say {@code clean:1}.
     * A file whose header is not H2's reads as clean: whether it is a project at all is H2's to say.
     */
    static boolean endedCleanly(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            Map<String, String> first = fields(read(ch, 0));
            Map<String, String> second = fields(read(ch, 1));
            if (!"2".equals(first.get("H")) && !"2".equals(second.get("H"))) {
                return true;
            }
            return "1".equals(first.get("clean")) && "1".equals(second.get("clean"))
                    && first.get("version") != null && first.get("version").equals(second.get("version"));
        }
    }

    /** The version the header blocks name (the newer of the two), or -1 if neither reads. */
    static long headerVersion(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long v = -1;
            for (int b = 0; b < 2; b++) {
                String hex = fields(read(ch, b)).get("version");
                if (hex != null) {
                    v = Math.max(v, Long.parseLong(hex, 16));
                }
            }
            return v;
        }
    }

    /** Every block that starts with a chunk header, live or long dead (a whole read of the file). */
    static List<ChunkHeader> chunkHeaders(Path f) throws IOException {
        List<ChunkHeader> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long blocks = ch.size() / BLOCK;
            for (long b = 2; b < blocks; b++) {
                byte[] head = read(ch, b);
                if (head.length > 6 && head[0] == 'c' && new String(head, 0, 6, StandardCharsets.ISO_8859_1)
                        .equals("chunk:")) {
                    Map<String, String> m = fields(head);
                    try {
                        out.add(new ChunkHeader(b, Integer.parseInt(m.get("chunk"), 16),
                                Long.parseLong(m.get("version"), 16)));
                    } catch (RuntimeException e) {
                        // not a whole header (an old, partly overwritten one): nothing H2 would follow
                    }
                }
            }
        }
        return out;
    }

    /**
     * Rewrites the file with only what H2 reads from it now (H2's own compaction into a new file, which then
     * replaces this one), so no chunk of a program that died is left for a later open to find. Takes about as
     * long as reading the file once and writing it once (a few seconds for 5 M events).
     */
    static void rewrite(Path f) {
        org.h2.mvstore.MVStoreTool.compact(f.toString(), false);
    }

    private static byte[] read(FileChannel ch, long block) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        ch.read(buf, block * BLOCK);
        byte[] b = new byte[buf.position()];
        buf.flip().get(b);
        return b;
    }

    /** The {@code key:value,…} line at the start of a header block. */
    private static Map<String, String> fields(byte[] block) {
        Map<String, String> m = new HashMap<>();
        int end = 0;
        while (end < block.length && block[end] != '\n' && block[end] != 0) {
            end++;
        }
        for (String kv : new String(block, 0, end, StandardCharsets.ISO_8859_1).split(",")) {
            int colon = kv.indexOf(':');
            if (colon > 0) {
                m.put(kv.substring(0, colon).trim(), kv.substring(colon + 1).trim());
            }
        }
        return m;
    }
}
