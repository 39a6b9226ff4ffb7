package org.journeyexplorer.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Short cells (ids, event names) hashed and compared eight bytes at a time: one load of a word instead of a loop
 * over its bytes, whose multiply chain and per-byte compares led the id table's and the name cache's profiles.
 */
final class Words {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /**
     * The bytes {@code b[s, s + n)}, {@code 0 < n <= 8}, little-endian in one long, the bytes past {@code n} zero:
     * equal for equal bytes of equal length.
     */
    static long word(byte[] b, int s, int n) {
        if (s + 8 <= b.length) {
            long w = (long) LONG_LE.get(b, s);
            return w & (-1L >>> ((8 - n) << 3)); // no branch on n: see CsvRows.row's traps in TimeParser
        }
        long w = 0;
        for (int i = 0; i < n; i++) {
            w |= (long) (b[s + i] & 0xFF) << (i << 3);
        }
        return w;
    }

    /** A 32-bit hash of {@code b[s, e)}, {@code e > s}, from its words and its length. */
    static int hash(byte[] b, int s, int e) {
        return hash(word(b, s, Math.min(8, e - s)), b, s, e);
    }

    /** {@link #hash(byte[], int, int)} given the first word ({@link #word} of the first up to 8 bytes). */
    static int hash(long first, byte[] b, int s, int e) {
        long h = ((e - s) * 0x9E3779B97F4A7C15L ^ first) * 0xC2B2AE3D27D4EB4FL;
        for (int p = s + 8; p < e; p += 8) {
            h = (h ^ word(b, p, Math.min(8, e - p))) * 0xC2B2AE3D27D4EB4FL;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
