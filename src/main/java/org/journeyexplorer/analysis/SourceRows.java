package org.journeyexplorer.analysis;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A frame's storage row per event ({@link EventFrame#sourceRow()}), given or read on first use. A frame reopened
 * from its stored order needs them only to reach properties and raw ids (a property filter, segments, the
 * Journeys tab, exports, appends): a Sankey, the transitions and the sessions never do, so reading and unpacking
 * them (20 MB at 5 M events) is left until something asks. Frames that share their events (a timeout change) share
 * one instance, so the rows are read once for all of them.
 */
public final class SourceRows {
    private final int size;
    private volatile int[] rows;
    private Supplier<int[]> loader;

    private SourceRows(int size, int[] rows, Supplier<int[]> loader) {
        this.size = size;
        this.rows = rows;
        this.loader = loader;
    }

    /** Rows at hand. */
    public static SourceRows of(int[] rows) {
        return new SourceRows(rows.length, rows, null);
    }

    /**
     * Rows {@code loader} gives on first use (once, under a lock; a loader that fails is asked again next time).
     * It must give {@code size} rows.
     */
    public static SourceRows later(int size, Supplier<int[]> loader) {
        return new SourceRows(size, null, Objects.requireNonNull(loader));
    }

    /** The number of events. */
    public int size() {
        return size;
    }

    /** Whether the rows are at hand (no read on {@link #get}). */
    public boolean isLoaded() {
        return rows != null;
    }

    /** The rows, read now when they were left for later. */
    public int[] get() {
        int[] r = rows;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (rows == null) {
                int[] read = loader.get();
                if (read.length != size) {
                    throw new IllegalStateException("the frame's rows do not belong to its events");
                }
                rows = read;
                loader = null;
            }
            return rows;
        }
    }
}
