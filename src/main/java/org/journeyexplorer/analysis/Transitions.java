package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.TaskContext;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Counts which event type directly follows which within sessions of a {@link Selection}, with START → first and
 * last → END, and the exact median and 90th percentile of the time between two events of each pair (no
 * sampling; the one rule of {@link Percentiles}). Events the selection leaves out are skipped, so their neighbours become adjacent; a session with no
 * included event contributes nothing.
 *
 * <p>Two linear passes over the frame: the first counts the pairs that occur, the second writes every time gap into
 * its pair's slice of one {@code long[]}, then a quickselect per pair finds the order statistics. On large frames
 * both passes run in parts over runs of sessions, and the selections per pair, on the cores. Memory follows
 * the pairs that occur, not the square of the event types (see {@link TransitionMatrix}).
 */
public final class Transitions {
    private static final int BATCH_SESSIONS = 1 << 16;
    /** Up to this many cells (1,022 event types) a pair's cell is found in a dense table (4 MB at most). */
    private static final long DENSE_INDEX_CELLS = 1 << 20;

    /**
     * Up to this many cells (62 event types) each part also histograms its gaps per pair in {@link GapBuckets#BUCKETS}
     * buckets, so that only the gaps in the buckets holding a pair's median and 90th percentile are written and
     * selected from (a quickselect over every gap was most of the matrix's time); above it, every gap is written.
     * Tests set it to run both ways; {@code -Dje.analysis.bucketedCells=0} measures the old way.
     */
    static volatile long bucketedCells = Long.getLong("je.analysis.bucketedCells", 64 * 64);
    private static final int BUCKETS = GapBuckets.BUCKETS;

    private Transitions() {
    }

    public static TransitionMatrix compute(Selection selection, TaskContext ctx) {
        return compute(selection, CountUnit.SESSIONS, ctx);
    }

    /**
     * As {@link #compute(Selection, TaskContext)} within the given unit: with {@link CountUnit#PERSONS} a person's
     * whole history is one sequence (a case of a process log), so START and END are its first and last event.
     */
    public static TransitionMatrix compute(Selection selection, CountUnit unit, TaskContext ctx) {
        return compute(selection, unit, DENSE_INDEX_CELLS, ctx);
    }

    /**
     * As {@link #compute(Selection, CountUnit, TaskContext)}, finding a pair's cell through a dense lookup table
     * when the matrix has at most {@code denseCells} cells, else through a hash table (tests run both ways).
     */
    static TransitionMatrix compute(Selection selection, CountUnit unit, long denseCells, TaskContext ctx) {
        return compute(selection, unit, denseCells, true, ctx);
    }

    /**
     * The counts of {@link #compute(Selection, CountUnit, TaskContext)} without the times (one pass over the events
     * instead of two plus the selections): what a view shows at once while the times are computed. Its
     * {@link TransitionMatrix#timesPending()} is true.
     */
    public static TransitionMatrix counts(Selection selection, CountUnit unit, TaskContext ctx) {
        return compute(selection, unit, DENSE_INDEX_CELLS, false, ctx);
    }

    private static TransitionMatrix compute(Selection selection, CountUnit unit, long denseCells, boolean times,
                                            TaskContext ctx) {
        // over every event of a frame, the matrix computed before while the frame keeps it (the lookup table and the
        // buckets change the way, not the matrix; tests compare the ways, so each is computed)
        return selection.remembered(java.util.List.of(Transitions.class, unit, times, denseCells, bucketedCells),
                () -> computeNow(selection, unit, denseCells, times, ctx));
    }

    private static TransitionMatrix computeNow(Selection selection, CountUnit unit, long denseCells, boolean times,
                                               TaskContext ctx) {
        EventFrame f = selection.frame();
        int types = f.typeCount();
        int size = types + 2;
        int[] bounds = unit.starts(f);
        int units = bounds.length - 1;
        boolean dense = (long) size * size <= denseCells;
        // contiguous runs of sessions (or persons) of about equal events, one per part; each part counts its
        // own pairs, then writes its gaps into its own stretch of each pair's slice, so the parts never share
        // a slot and the order statistics are the same as on one thread
        int parts = Math.min(Chunks.parts(f.size), Math.max(1, units));
        if (dense) {
            parts = (int) Math.max(1, Math.min(parts, DENSE_INDEX_CELLS * 4 / ((long) size * size)));
        }
        boolean bucketed = times && (long) size * size <= bucketedCells;
        if (bucketed) {
            parts = bucketedParts(parts);
        }
        int[] first = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            first[p] = firstUnitAtOrAfter(bounds, units, (int) ((long) f.size * p / parts));
        }
        first[parts] = units;
        ctx.message("Counting transitions");
        Cells[] local = new Cells[parts];
        Chunks.forParts(parts, parts, (p, x, y) -> local[p] = countPairs(selection, bounds, first[p], first[p + 1],
                size, dense, bucketed, p == 0 ? ctx : null, ctx));

        // the parts' pairs merged; where each part's gaps of a pair start within that pair's slice
        Cells cells = parts == 1 ? local[0] : new Cells(dense ? size * size : -1);
        int[][] globalOf = new int[parts][];
        long[][] before = new long[parts][];
        for (int p = 0; p < parts; p++) {
            Cells l = local[p];
            globalOf[p] = new int[l.count];
            before[p] = new long[l.count];
            for (int c = 0; c < l.count; c++) {
                if (parts == 1) {
                    globalOf[p][c] = c;
                    continue;
                }
                int g = cells.cellOf(l.keys[c], true);
                globalOf[p][c] = g;
                before[p][c] = cells.counts[g];
                cells.counts[g] += l.counts[c];
            }
        }
        int n = cells.count;
        long[] keys = cells.keys;
        long[] counts = cells.counts;
        int[] offset = new int[n + 1];
        long[] gaps;
        // with buckets: per pair, the ranks of the median and p90 within their buckets, and where the p90's bucket
        // starts in the pair's slice (the median's bucket comes first); without, the ranks within all its gaps
        int[] k50 = new int[n];
        int[] k90 = new int[n];
        int[] mid = new int[n];
        if (!times) {
            gaps = new long[0]; // every pair's slice empty: no times
        } else if (bucketed) {
            int[] hist = new int[n * BUCKETS];
            for (int p = 0; p < parts; p++) {
                int[][] h = local[p].hist;
                for (int c = 0; c < local[p].count; c++) {
                    int g = globalOf[p][c] * BUCKETS;
                    int[] hc = h[c];
                    for (int b = 0; b < BUCKETS; b++) {
                        hist[g + b] += hc[b];
                    }
                }
            }
            int[] b50 = new int[n];
            int[] b90 = new int[n];
            for (int c = 0; c < n; c++) {
                int total = 0;
                for (int b = 0; b < BUCKETS; b++) {
                    total += hist[c * BUCKETS + b];
                }
                int size50 = 0;
                int size90 = 0;
                if (total > 0) {
                    long at50 = GapBuckets.locate(hist, c * BUCKETS, Percentiles.rank(total, 50));
                    long at90 = GapBuckets.locate(hist, c * BUCKETS, Percentiles.rank(total, 90));
                    b50[c] = GapBuckets.bucketOf(at50);
                    k50[c] = GapBuckets.rankIn(at50);
                    size50 = hist[c * BUCKETS + b50[c]];
                    b90[c] = GapBuckets.bucketOf(at90);
                    k90[c] = GapBuckets.rankIn(at90);
                    size90 = b90[c] == b50[c] ? 0 : hist[c * BUCKETS + b90[c]];
                } else {
                    b50[c] = -1;
                    b90[c] = -1;
                }
                mid[c] = size50;
                offset[c + 1] = offset[c] + size50 + size90;
            }
            gaps = Scratch.longs(offset[n]); // every slot written below, read within its pair's slice only
            // each part's stretch of each bucket starts after the earlier parts' gaps in that bucket
            int[] seen50 = new int[n];
            int[] seen90 = new int[n];
            int[][] fill = new int[parts][];
            int[][] want = new int[parts][];
            for (int p = 0; p < parts; p++) {
                Cells l = local[p];
                fill[p] = new int[2 * l.count];
                want[p] = new int[2 * l.count];
                for (int c = 0; c < l.count; c++) {
                    int g = globalOf[p][c];
                    want[p][2 * c] = b50[g];
                    want[p][2 * c + 1] = b90[g] == b50[g] ? -1 : b90[g];
                    fill[p][2 * c] = offset[g] + seen50[g];
                    fill[p][2 * c + 1] = offset[g] + mid[g] + seen90[g];
                    if (b50[g] >= 0) {
                        seen50[g] += l.hist[c][b50[g]];
                        seen90[g] += b90[g] == b50[g] ? 0 : l.hist[c][b90[g]];
                    }
                }
            }
            Chunks.forParts(parts, parts, (p, x, y) -> writeBucketGaps(selection, bounds, first[p], first[p + 1],
                    size, local[p], want[p], fill[p], gaps, ctx));
        } else {
            for (int c = 0; c < n; c++) {
                long from = keys[c] / size;
                long to = keys[c] % size;
                int pairs = from < types && to < types ? (int) counts[c] : 0;
                offset[c + 1] = offset[c] + pairs;
                if (pairs > 0) {
                    k50[c] = Percentiles.rank(pairs, 50);
                    k90[c] = Percentiles.rank(pairs, 90);
                }
            }
            gaps = Scratch.longs(offset[n]);
            Chunks.forParts(parts, parts, (p, x, y) -> {
                int[] fill = new int[globalOf[p].length];
                for (int c = 0; c < fill.length; c++) {
                    fill[c] = offset[globalOf[p][c]] + (int) before[p][c];
                }
                writeGaps(selection, bounds, first[p], first[p + 1], size, local[p], fill, gaps, ctx);
            });
        }

        // cells in row order, then by column: the matrix's compressed rows
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        int[] rowStart = new int[size + 1];
        int[] to = new int[n];
        int[] cellOf = new int[n];
        long[] count = new long[n];
        long[] median = new long[n];
        long[] p90 = new long[n];
        for (int j = 0; j < n; j++) {
            long key = sorted[j];
            int c = cells.indexOf(key);
            cellOf[j] = c;
            rowStart[(int) (key / size) + 1]++;
            to[j] = (int) (key % size);
            count[j] = counts[c];
        }
        // each pair selects within its own slice, so pairs can be done on any thread
        IntStream js = IntStream.range(0, n);
        (parts > 1 ? js.parallel() : js).forEach(j -> {
            int c = cellOf[j];
            int lo = offset[c];
            int hi = offset[c + 1];
            if (hi > lo) {
                // without buckets the median's "bucket" is every gap of the pair
                int end50 = bucketed ? lo + mid[c] : hi;
                int at50 = lo + k50[c] - 1;
                median[j] = Percentiles.select(gaps, lo, end50, at50);
                if (!bucketed || end50 == hi) {
                    // the median's selection left everything from its position on >= it, and the 90th
                    // percentile lies there: select inside that part only
                    p90[j] = Percentiles.select(gaps, at50, end50, bucketed ? at50 + k90[c] - k50[c]
                            : lo + k90[c] - 1);
                } else {
                    p90[j] = Percentiles.select(gaps, end50, hi, end50 + k90[c] - 1);
                }
            } else {
                median[j] = -1;
                p90[j] = -1;
            }
        });
        if (times) {
            // the gaps of a new selection's matrix (a few MB at 5 M events) go to the next one instead of being
            // zeroed and faulted in anew (Scratch)
            Scratch.give(gaps);
        }
        for (int r = 0; r < size; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        ctx.progress(1, 1);
        return new TransitionMatrix(f.typeNames, rowStart, to, count, median, p90, !times);
    }

    /**
     * The parts of a timed pass with gap histograms: one per core (at least two, so that the way through parts is
     * the same on every machine), not the four per core of {@link Chunks#parts}. Each part keeps 1 KB of histogram
     * per pair it meets (1.6 MB at the 5 M-event project's 1,644 pairs), made, filled at random and merged: in
     * eight parts the timed matrix took 110-120 ms of CPU against 80-100 ms in two (process CPU medians over 11-15
     * runs, alternately, the 5 M project's 60-day filter, load 18-24).
     */
    static int bucketedParts(int parts) {
        return Math.max(1, Math.min(parts, Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    /** The first unit (session or person) whose events start at or after {@code event}. */
    private static int firstUnitAtOrAfter(int[] bounds, int units, int event) {
        int lo = 0;
        int hi = units;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[mid] < event) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Counts the pairs of units {@code [u0, u1)}; {@code progress} (the first part's context, or null) hears of it. */
    private static Cells countPairs(Selection selection, int[] bounds, int u0, int u1, int size, boolean dense,
                                    boolean bucketed, TaskContext progress, TaskContext ctx) {
        EventFrame f = selection.frame();
        IntChunks type = f.type;
        LongChunks time = f.time;
        int startIdx = size - 2;
        int endIdx = size - 1;
        boolean all = selection.isAll();
        Cells cells = new Cells(dense ? size * size : -1, bucketed);
        int[] typeScratch = new int[64];
        long[] timeScratch = new long[64];
        for (int s = u0; s < u1; s++) {
            // a session's types and times from the one chunk that holds them (a copy when it spans two), and the
            // previous included event's carried along: the loop reads arrays, not the chunked columns
            int from = bounds[s];
            int e = bounds[s + 1];
            int[] tw = type.window(from, e, typeScratch);
            long[] mw = bucketed ? time.window(from, e, timeScratch) : null;
            int d = type.windowStart(from, e) - from;
            int dm = bucketed ? time.windowStart(from, e) - from : 0; // a frame's pieces may differ by column
            boolean any = false;
            int prevType = startIdx;
            long prevTime = 0;
            for (int i = from; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                int t = tw[i + d];
                int c = cells.add((long) prevType * size + t);
                if (bucketed) {
                    long tm = mw[i + dm];
                    if (any) {
                        cells.hist[c][GapBuckets.bucket(tm - prevTime)]++;
                    }
                    prevTime = tm;
                }
                prevType = t;
                any = true;
            }
            if (any) {
                cells.add((long) prevType * size + endIdx);
            }
            if (((s - u0) & (BATCH_SESSIONS - 1)) == BATCH_SESSIONS - 1) {
                ctx.checkCancelled();
                if (progress != null) {
                    progress.progress(s - u0, 2L * (u1 - u0));
                }
            }
        }
        return cells;
    }

    /** Writes the gaps between included events of units {@code [u0, u1)} at {@code fill}'s cursors (per cell). */
    private static void writeGaps(Selection selection, int[] bounds, int u0, int u1, int size, Cells cells, int[] fill,
                                  long[] gaps, TaskContext ctx) {
        EventFrame f = selection.frame();
        IntChunks type = f.type;
        LongChunks time = f.time;
        boolean all = selection.isAll();
        int[] typeScratch = new int[64];
        long[] timeScratch = new long[64];
        for (int s = u0; s < u1; s++) {
            int from = bounds[s];
            int e = bounds[s + 1];
            int[] tw = type.window(from, e, typeScratch);
            long[] mw = time.window(from, e, timeScratch);
            int d = type.windowStart(from, e) - from;
            int dm = time.windowStart(from, e) - from;
            boolean any = false;
            int prevType = 0;
            long prevTime = 0;
            for (int i = from; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                int t = tw[i + d];
                long tm = mw[i + dm];
                if (any) {
                    gaps[fill[cells.indexOf((long) prevType * size + t)]++] = tm - prevTime;
                }
                prevType = t;
                prevTime = tm;
                any = true;
            }
            if (((s - u0) & (BATCH_SESSIONS - 1)) == BATCH_SESSIONS - 1) {
                ctx.checkCancelled();
            }
        }
    }

    /**
     * Writes the gaps of units {@code [u0, u1)} that fall in their pair's median bucket ({@code want[2c]}) or p90
     * bucket ({@code want[2c + 1]}, -1 when it is the median's) at {@code fill}'s cursors.
     */
    private static void writeBucketGaps(Selection selection, int[] bounds, int u0, int u1, int size, Cells cells,
                                        int[] want, int[] fill, long[] gaps, TaskContext ctx) {
        EventFrame f = selection.frame();
        IntChunks type = f.type;
        LongChunks time = f.time;
        boolean all = selection.isAll();
        int[] typeScratch = new int[64];
        long[] timeScratch = new long[64];
        for (int s = u0; s < u1; s++) {
            int from = bounds[s];
            int e = bounds[s + 1];
            int[] tw = type.window(from, e, typeScratch);
            long[] mw = time.window(from, e, timeScratch);
            int d = type.windowStart(from, e) - from;
            int dm = time.windowStart(from, e) - from;
            boolean any = false;
            int prevType = 0;
            long prevTime = 0;
            for (int i = from; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                int t = tw[i + d];
                long tm = mw[i + dm];
                if (any) {
                    int c = 2 * cells.indexOf((long) prevType * size + t);
                    long gap = tm - prevTime;
                    int b = GapBuckets.bucket(gap);
                    if (b == want[c]) {
                        gaps[fill[c]++] = gap;
                    } else if (b == want[c + 1]) {
                        gaps[fill[c + 1]++] = gap;
                    }
                }
                prevType = t;
                prevTime = tm;
                any = true;
            }
            if (((s - u0) & (BATCH_SESSIONS - 1)) == BATCH_SESSIONS - 1) {
                ctx.checkCancelled();
            }
        }
    }

    /**
     * The distinct (from, to) pairs met, numbered in order of first occurrence, with their counts. A pair's key is
     * {@code from * size + to}; its number comes from a dense table when the matrix is small (one array read),
     * else from an open-addressing hash table, so memory follows the pairs that occur, not types².
     */
    static final class Cells {
        private final int[] dense;      // key -> cell + 1, 0 = not met yet
        private long[] table;           // hash slots: key, -1 = empty
        private int[] tableCell;
        private int shift;
        long[] keys = new long[256];
        long[] counts = new long[256];
        /**
         * Per cell its {@link GapBuckets#BUCKETS} gap counts, or null when not bucketed. An array per cell, made when
         * the cell is met: one flat array grown by doubling was copied and, past 1 MB, taken from fresh heap regions
         * whose pages the kernel zeroed, at every growth of every part (most of the timed count pass's CPU).
         */
        int[][] hist;
        int count;

        Cells(int denseSize) {
            this(denseSize, false);
        }

        Cells(int denseSize, boolean bucketed) {
            dense = denseSize >= 0 ? new int[denseSize] : null;
            if (dense == null) {
                resize(1 << 10);
            }
            hist = bucketed ? new int[keys.length][] : null;
        }

        /** Counts one occurrence of {@code key}; returns its cell. */
        int add(long key) {
            int c = cellOf(key, true); // before reading the field: the call may grow the array
            counts[c]++;
            return c;
        }

        int indexOf(long key) {
            return cellOf(key, false);
        }

        private int cellOf(long key, boolean insert) {
            if (dense != null) {
                int c = dense[(int) key] - 1;
                if (c < 0 && insert) {
                    c = newCell(key);
                    dense[(int) key] = c + 1;
                }
                return c;
            }
            int mask = table.length - 1;
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
            while (true) {
                long k = table[slot];
                if (k == key) {
                    return tableCell[slot];
                }
                if (k < 0) {
                    if (!insert) {
                        return -1;
                    }
                    int c = newCell(key);
                    table[slot] = key;
                    tableCell[slot] = c;
                    if (2 * count > table.length) {
                        resize(table.length * 2);
                    }
                    return c;
                }
                slot = (slot + 1) & mask;
            }
        }

        private int newCell(long key) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                counts = Arrays.copyOf(counts, count * 2);
                if (hist != null) {
                    hist = Arrays.copyOf(hist, count * 2);
                }
            }
            if (hist != null) {
                hist[count] = new int[BUCKETS];
            }
            keys[count] = key;
            return count++;
        }

        private void resize(int slots) {
            table = new long[slots];
            tableCell = new int[slots];
            Arrays.fill(table, -1);
            shift = 64 - Integer.numberOfTrailingZeros(slots);
            int mask = slots - 1;
            for (int c = 0; c < count; c++) {
                int slot = (int) ((keys[c] * 0x9E3779B97F4A7C15L) >>> shift);
                while (table[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = keys[c];
                tableCell[slot] = c;
            }
        }
    }

    /**
     * The sessions (ascending frame session indices) in which {@code to} directly follows {@code from} at least
     * once under the selection, for a heatmap cell's drill-down. {@code from} may be the matrix's START index and
     * {@code to} its END index.
     */
    public static Drilldown sessionsWith(Selection selection, TransitionMatrix m, int from, int to) {
        return sessionsWith(selection, CountUnit.SESSIONS, m, from, to);
    }

    /**
     * As {@link #sessionsWith(Selection, TransitionMatrix, int, int)} for a matrix computed within {@code unit}:
     * with persons, the sessions holding the event that follows (for END, the last event) of every person with
     * the pair, so the Journeys tab shows where it happened.
     */
    public static Drilldown sessionsWith(Selection selection, CountUnit unit, TransitionMatrix m, int from, int to) {
        EventFrame f = selection.frame();
        IntChunks type = f.type;
        int[] bounds = unit.starts(f);
        boolean all = selection.isAll();
        int[] hits = new int[16];
        int count = 0;
        for (int s = 0; s + 1 < bounds.length; s++) {
            int prev = -1;
            int at = -1;
            for (int i = bounds[s], e = bounds[s + 1]; i < e; i++) {
                if (!all && !selection.includes(i)) {
                    continue;
                }
                int fromType = prev < 0 ? m.start() : type.get(prev);
                if (fromType == from && type.get(i) == to) {
                    at = i;
                    if (unit == CountUnit.SESSIONS) {
                        break; // one hit is enough to list the session
                    }
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = f.sessionOf(i);
                }
                prev = i;
            }
            if (at < 0 && prev >= 0 && type.get(prev) == from && to == m.end()) {
                at = prev;
                if (unit == CountUnit.PERSONS) {
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = f.sessionOf(prev);
                }
            }
            if (at >= 0 && unit == CountUnit.SESSIONS) {
                if (count == hits.length) {
                    hits = Arrays.copyOf(hits, count * 2);
                }
                hits[count++] = s;
            }
        }
        String who = unit == CountUnit.PERSONS ? "Persons with " : "Sessions with ";
        return Drilldown.of(who + m.name(from) + " \u2192 " + m.name(to), Drilldown.sessions(hits, count), f);
    }
}
