package org.journeyexplorer.store;

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
}
