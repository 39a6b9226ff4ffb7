package org.journeyexplorer.predict.portable;

/**
 * Successor counts per context, frozen: for every context key (see {@link MarkovSpec}) its row of observed
 * successors and their counts, in compressed rows, so scoring walks only what was observed.
 */
public final class ContextTable {
    private final LongIntMap rowOf;
    private final long[] keys;
    private final int[] rowStart;
    private final int[] symbols;
    private final int[] counts;
    private final int[] totals;

    /**
     * @param keys     context key per row
     * @param rowStart start of each row in {@code symbols}/{@code counts}, plus the end (length rows + 1)
     * @param symbols  successor outcome per entry
     * @param counts   count per entry (≥ 1)
     */
    public ContextTable(long[] keys, int[] rowStart, int[] symbols, int[] counts) {
        if (rowStart.length != keys.length + 1 || symbols.length != counts.length
                || rowStart[keys.length] != symbols.length) {
            throw new IllegalArgumentException("inconsistent context table");
        }
        this.keys = keys;
        this.rowStart = rowStart;
        this.symbols = symbols;
        this.counts = counts;
        this.totals = new int[keys.length];
        this.rowOf = new LongIntMap(Math.max(16, keys.length));
        for (int r = 0; r < keys.length; r++) {
            if (rowOf.putIfAbsent(keys[r], r) != r) {
                throw new IllegalArgumentException("context key " + keys[r] + " appears twice");
            }
            long t = 0;
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                t += counts[i];
            }
            totals[r] = (int) Math.min(Integer.MAX_VALUE, t);
        }
    }

    /** Row of a context, or -1 when it was never seen. */
    public int row(long key) {
        return rowOf.get(key, -1);
    }

    /** Number of contexts. */
    public int size() {
        return keys.length;
    }

    public long key(int row) {
        return keys[row];
    }

    public int total(int row) {
        return totals[row];
    }

    public int start(int row) {
        return rowStart[row];
    }

    public int end(int row) {
        return rowStart[row + 1];
    }

    public int symbol(int i) {
        return symbols[i];
    }

    public int count(int i) {
        return counts[i];
    }

    /** Count of one successor after a context (0 when either is unseen). */
    public int count(long key, int symbol) {
        int r = row(key);
        if (r < 0) {
            return 0;
        }
        for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
            if (symbols[i] == symbol) {
                return counts[i];
            }
        }
        return 0;
    }
}
