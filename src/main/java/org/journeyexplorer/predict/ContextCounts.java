package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.ContextTable;
import org.journeyexplorer.predict.portable.LongIntMap;

import java.util.Arrays;

/**
 * Accumulates successor counts per context key during training, then freezes them into a {@link ContextTable}.
 * With few outcomes each context gets a dense row (one hash lookup per count) while the dense table stays
 * small; beyond {@link #DENSE_MAX_ENTRIES} cells, or with many outcomes, (context, outcome) pairs are hashed, so
 * no index can overflow however many contexts there are.
 */
final class ContextCounts {
    private static final int DENSE_MAX_SYMBOLS = 64;
    /** Cells of the dense table (ints) before it turns into hashed pairs: 64 MB. */
    static final int DENSE_MAX_ENTRIES = 1 << 24;
    private final int symbolCount;
    private final int denseMaxEntries;
    private final LongIntMap ids;
    private LongIntMap pairs;
    private int[] dense;
    private final int expectedEvents;

    ContextCounts(int symbolCount, int expectedEvents) {
        this(symbolCount, expectedEvents, DENSE_MAX_ENTRIES);
    }

    /** With a smaller dense limit (tests). */
    ContextCounts(int symbolCount, int expectedEvents, int denseMaxEntries) {
        this.symbolCount = symbolCount;
        this.expectedEvents = expectedEvents;
        this.denseMaxEntries = denseMaxEntries;
        this.ids = new LongIntMap(1024);
        if (symbolCount <= DENSE_MAX_SYMBOLS && symbolCount <= denseMaxEntries) {
            this.dense = new int[Math.min(denseMaxEntries, 1024 * symbolCount)];
        } else {
            this.pairs = newPairs();
        }
    }

    private LongIntMap newPairs() {
        return new LongIntMap(Math.max(1024, Math.min(1 << 26, expectedEvents / 4)));
    }

    /** Whether the counts went to hashed pairs (many outcomes, or the dense table outgrew its limit). */
    boolean hashed() {
        return pairs != null;
    }

    void add(long context, int symbol) {
        int id = ids.putIfAbsent(context, ids.size());
        if (pairs == null) {
            long at = (long) id * symbolCount + symbol;
            if (at >= dense.length) {
                long need = ((long) id + 1) * symbolCount;
                if (need > denseMaxEntries) {
                    toPairs();
                } else {
                    dense = Arrays.copyOf(dense, (int) Math.min(denseMaxEntries, Math.max(dense.length * 2L, need)));
                }
            }
            if (pairs == null) {
                dense[(int) at]++;
                return;
            }
        }
        pairs.add((long) id * symbolCount + symbol, 1);
    }

    private void toPairs() {
        pairs = newPairs();
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] > 0) {
                pairs.add(i, dense[i]);
            }
        }
        dense = null;
    }

    ContextTable freeze() {
        int n = ids.size();
        long[] keys = new long[n];
        ids.forEach((key, id) -> keys[id] = key);
        int[] rowStart = new int[n + 1];
        if (pairs == null) {
            int nonZero = 0;
            for (int r = 0; r < n; r++) {
                for (int y = 0; y < symbolCount; y++) {
                    if (dense[r * symbolCount + y] > 0) {
                        nonZero++;
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
            return new ContextTable(keys, rowStart, symbols, counts);
        }
        pairs.forEach((key, v) -> rowStart[(int) (key / symbolCount) + 1]++);
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = rowStart.clone();
        int[] symbols = new int[pairs.size()];
        int[] counts = new int[pairs.size()];
        pairs.forEach((key, v) -> {
            int at = fill[(int) (key / symbolCount)]++;
            symbols[at] = (int) (key % symbolCount);
            counts[at] = v;
        });
        // Hash order within a row: sort each row by symbol so the table does not depend on the map's layout.
        for (int r = 0; r < n; r++) {
            sortRow(symbols, counts, rowStart[r], rowStart[r + 1]);
        }
        return new ContextTable(keys, rowStart, symbols, counts);
    }

    private static void sortRow(int[] symbols, int[] counts, int from, int to) {
        if (to - from > 32) {
            long[] packed = new long[to - from];
            for (int i = from; i < to; i++) {
                packed[i - from] = ((long) symbols[i] << 32) | (counts[i] & 0xFFFFFFFFL);
            }
            Arrays.sort(packed);
            for (int i = from; i < to; i++) {
                symbols[i] = (int) (packed[i - from] >>> 32);
                counts[i] = (int) packed[i - from];
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int s = symbols[i];
            int c = counts[i];
            int j = i - 1;
            while (j >= from && symbols[j] > s) {
                symbols[j + 1] = symbols[j];
                counts[j + 1] = counts[j];
                j--;
            }
            symbols[j + 1] = s;
            counts[j + 1] = c;
        }
    }
}
