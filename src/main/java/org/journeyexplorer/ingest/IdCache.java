package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns id cells (person and anonymous ids) from their UTF-8 bytes: every row of a person gets the same String,
 * built and hashed once, so the store's dictionary lookup that follows compares references instead of hashing a
 * fresh String (the lookups led the import profile). Open addressing over the byte hash; once {@link #MAX_IDS}
 * ids are held, further ids are returned as new Strings, so memory stays bounded on files with endless ids.
 *
 * <p>Each slot keeps its hash, length and first 8 bytes side by side in one array: an id of up to 8 bytes (the
 * common {@code u006261}) is matched without reading its key array, and a probe reads one cache line instead of
 * one per array (the byte compare of the key arrays led the parser's profile at 100 k persons).
 *
 * <p>Each id also gets a code ({@link #code()} after {@link #get}): the ids of one read numbered from 0 in the order
 * they were first met, equal ids equal codes (across the threads of one read too, through {@link Shared}), so the
 * writer can find an id's dictionary number in an array instead of hashing its String again on every row (that
 * look-up led the writer's profile). The code is kept in the slot's first word, so it costs no extra memory read.
 */
final class IdCache {
    static final int MAX_IDS = 1 << 20;
    private static final int MAX_LEN = 128;
    private static final int INLINE = 8;

    /** No code: the id was met after {@link #MAX_IDS} others. */
    static final int NO_CODE = -1;
    private static final int CODE_BITS = 24;
    private static final long CODE_FIELD = ((1L << CODE_BITS) - 1) << 8;
    private static final int MAX_CODE = (1 << CODE_BITS) - 2;

    /**
     * The id table the caches of the threads reading one file share: every thread hands out the same String and
     * the same code for an id.
     */
    static final class Shared {
        private record Entry(String id, int code) {
        }

        private final ConcurrentHashMap<String, Entry> ids = new ConcurrentHashMap<>(1 << 12);
        private final AtomicInteger next = new AtomicInteger();

        /** The String and code of {@code v}, the first thread's; null once the table is full. */
        private Entry intern(String v) {
            Entry e = ids.get(v);
            if (e != null || ids.size() >= MAX_IDS) {
                return e;
            }
            return ids.computeIfAbsent(v, k -> new Entry(k, next.getAndIncrement()));
        }
    }

    /**
     * Per slot: {@code hash << 32 | code << 8 | length} (0 = empty; the code field all ones for
     * {@link #NO_CODE}), then the first {@link #INLINE} bytes little-endian.
     */
    private long[] meta = new long[2 << 12];
    /** Per slot: the whole key when it is longer than {@link #INLINE} bytes, else null. */
    private byte[][] keys = new byte[1 << 12][];
    private String[] values = new String[1 << 12];
    private int size;
    /** Code of the id {@link #get} returned last. */
    private int code = NO_CODE;
    /**
     * Shared by the caches of the threads parsing one file, so that every thread hands out the same String and code
     * for an id (the writer matches ids by reference first); null when one thread reads the file.
     */
    private final Shared shared;

    IdCache() {
        this(null);
    }

    IdCache(Shared shared) {
        this.shared = shared;
    }

    /**
     * The code of the id {@link #get} returned last: equal for equal ids of one read (of this cache, or of the
     * caches sharing its {@link Shared} table), from 0 up; {@link #NO_CODE} for an id met after the table filled.
     */
    int code() {
        return code;
    }

    String get(byte[] b, int s, int e) {
        int len = e - s;
        if (len > MAX_LEN || len == 0) {
            code = NO_CODE;
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        long prefix = Words.word(b, s, Math.min(len, INLINE));
        int h = Words.hash(prefix, b, s, e);
        long tag = (long) h << 32 | len;
        long[] m = meta;
        int mask = values.length - 1;
        int slot = h & mask;
        while (true) {
            long t = m[2 * slot];
            if (t == 0) {
                break;
            }
            if ((t & ~CODE_FIELD) == tag && m[2 * slot + 1] == prefix
                    && (len <= INLINE || Arrays.equals(keys[slot], INLINE, len, b, s + INLINE, e))) {
                int c = (int) (t & CODE_FIELD) >>> 8;
                code = c == MAX_CODE + 1 ? NO_CODE : c;
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        if (size >= MAX_IDS) {
            code = NO_CODE;
            return v;
        }
        int c = size;
        if (shared != null) {
            Shared.Entry first = shared.intern(v);
            if (first != null) {
                v = first.id();
                c = first.code();
            } else {
                c = NO_CODE;
            }
        }
        code = c;
        m[2 * slot] = tag | (long) (c == NO_CODE || c > MAX_CODE ? MAX_CODE + 1 : c) << 8;
        m[2 * slot + 1] = prefix;
        keys[slot] = len > INLINE ? Arrays.copyOfRange(b, s, e) : null;
        values[slot] = v;
        if (++size * 2 > values.length) {
            grow();
        }
        return v;
    }

    private void grow() {
        long[] oldMeta = meta;
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int n = oldValues.length * 2;
        meta = new long[2 * n];
        keys = new byte[n][];
        values = new String[n];
        int mask = n - 1;
        for (int i = 0; i < oldValues.length; i++) {
            long t = oldMeta[2 * i];
            if (t != 0) {
                int slot = (int) (t >>> 32) & mask;
                while (meta[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                meta[2 * slot] = t;
                meta[2 * slot + 1] = oldMeta[2 * i + 1];
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
