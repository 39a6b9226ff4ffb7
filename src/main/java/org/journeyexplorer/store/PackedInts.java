package org.journeyexplorer.store;

import org.journeyexplorer.core.IntChunks;

/**
 * The store's packed int encoding ({@link ChunkCodec#PACKED_INTS}: each value as an offset from the column's
 * minimum in as few whole bytes as the largest offset needs) for derived data kept beside the events.
 */
public final class PackedInts {
    private PackedInts() {
    }

    /** The first {@code n} values of {@code values}, packed (whatever format primitive chunks are written in). */
    public static byte[] pack(int[] values, int n) {
        return ChunkCodec.encodePackedInts(values, n);
    }

    /**
     * The {@code n} values {@link #pack} packed into {@code blob[from, from + length)}; fails when those bytes are not
     * a packed column of {@code n} values.
     */
    public static int[] unpack(byte[] blob, int from, int length, int n) {
        int[] out = new int[n];
        ChunkCodec.decodePackedInts(blob, from, length, out, 0, n);
        return out;
    }

    /**
     * All of {@code values} packed as {@link #pack} packs them, starting at {@code room} in the array returned: its
     * first {@code room} bytes are left for the caller's header (no copy of the column into one array, nor of the
     * packed bytes behind a header).
     */
    public static byte[] pack(IntChunks values, int room) {
        return ChunkCodec.encodePackedInts(values, room);
    }

    /** As {@link #unpack}, into chunks of {@code n} values (no array of all of them). */
    public static IntChunks unpackChunks(byte[] blob, int from, int length, int n) {
        IntChunks out = new IntChunks(n);
        ChunkCodec.decodePackedInts(blob, from, length, out);
        return out;
    }
}
