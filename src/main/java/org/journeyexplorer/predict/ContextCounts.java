package org.journeyexplorer.predict;

/**
 * Successor counts per context, keyed by a long context code. Built by {@link Builder#add}, then frozen into
 * compressed rows (successor symbols and counts per context) so prediction walks only observed successors.
 */
final class ContextCounts {
    private final LongIntMap rowOf;
    private final int[] rowStart;
    private final int[] symbols;
    private final int[] counts;
    private final int[] totals;

    private ContextCounts(LongIntMap rowOf, int[] rowStart, int[] symbols, int[] counts, int[] totals) {
        this.rowOf = rowOf;
        this.rowStart = rowStart;
        this.symbols = symbols;
        this.counts = counts;
        this.totals = totals;
    }

    /** Row of a context, or -1 when it was never seen. */
    int row(long context) {
        return rowOf.get(context, -1);
    }

    int total(int row) {
        return totals[row];
    }

    int start(int row) {
        return rowStart[row];
    }

    int end(int row) {
        return rowStart[row + 1];
    }

    int symbol(int i) {
        return symbols[i];
    }

    int count(int i) {
        return counts[i];
    }

    int contextCount() {
        return totals.length;
    }

    /** Count of one successor after a context (0 when either is unseen). */
    int count(long context, int symbol) {
        int r = row(context);
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

    /**
     * Accumulates counts; {@code symbolCount} bounds the successor symbols (0..symbolCount-1). With few symbols
     * each context gets a dense row (one hash lookup per count); otherwise (context, symbol) pairs are hashed.
     */
    static final class Builder {
        private static final int DENSE_MAX_SYMBOLS = 64;
        private final int symbolCount;
        private final LongIntMap ids;
        private final LongIntMap pairs;
        private int[] dense;

        Builder(int symbolCount, int expectedEvents) {
            this.symbolCount = symbolCount;
            this.ids = new LongIntMap(1024);
            if (symbolCount <= DENSE_MAX_SYMBOLS) {
                this.pairs = null;
                this.dense = new int[1024 * symbolCount];
            } else {
                this.pairs = new LongIntMap(Math.max(1024, expectedEvents / 4));
            }
        }

        void add(long context, int symbol) {
            int id = ids.putIfAbsent(context, ids.size());
            if (pairs != null) {
                pairs.add((long) id * symbolCount + symbol, 1);
                return;
            }
            int at = id * symbolCount + symbol;
            if (at >= dense.length) {
                dense = java.util.Arrays.copyOf(dense, Math.max(dense.length * 2, (id + 1) * symbolCount));
            }
            dense[at]++;
        }

        ContextCounts freeze() {
            int n = ids.size();
            int[] rowStart = new int[n + 1];
            int[] totals = new int[n];
            if (pairs == null) {
                int nonZero = 0;
                for (int r = 0; r < n; r++) {
                    for (int y = 0; y < symbolCount; y++) {
                        int c = dense[r * symbolCount + y];
                        if (c > 0) {
                            nonZero++;
                            totals[r] += c;
                        }
                    }
                    rowStart[r + 1] = nonZero;
                }
                int[] symbols = new int[nonZero];
                int[] counts = new int[nonZero];
                int k = 0;
                for (int r = 0; r < n; r++) {
                    for (int y = 0; y < symbolCount; y++) {
                        int c = dense[r * symbolCount + y];
                        if (c > 0) {
                            symbols[k] = y;
                            counts[k++] = c;
                        }
                    }
                }
                return new ContextCounts(ids, rowStart, symbols, counts, totals);
            }
            pairs.forEach((key, v) -> {
                int id = (int) (key / symbolCount);
                rowStart[id + 1]++;
                totals[id] += v;
            });
            for (int i = 0; i < n; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            int[] fill = rowStart.clone();
            int[] symbols = new int[pairs.size()];
            int[] counts = new int[pairs.size()];
            pairs.forEach((key, v) -> {
                int id = (int) (key / symbolCount);
                int at = fill[id]++;
                symbols[at] = (int) (key % symbolCount);
                counts[at] = v;
            });
            return new ContextCounts(ids, rowStart, symbols, counts, totals);
        }
    }
}
