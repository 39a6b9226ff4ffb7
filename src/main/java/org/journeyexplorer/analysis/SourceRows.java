package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A frame's storage row per event ({@link EventFrame#sourceRow()}), given or read on first use. A frame reopened
 * from its stored order needs them only to reach properties and raw ids (a property filter, segments, the
 * Journeys tab, exports, appends): a Sankey, the transitions and the sessions never do, so reading and unpacking
 * them (20 MB at 5 M events) is left until something asks. Frames that share their events (a timeout change) share
 * one instance, so the rows are read once for all of them. Held in chunks ({@link IntChunks}): one array of them is
 * 46 MB at 11.5 M events, humongous for G1, and a live catch-up makes a new one every refresh.
 */
public final class SourceRows {
    private final int size;
    private volatile IntChunks rows;
    private Supplier<IntChunks> loader;

    private SourceRows(int size, IntChunks rows, Supplier<IntChunks> loader) {
        this.size = size;
        this.rows = rows;
        this.loader = loader;
    }

    /** Rows at hand (copied into chunks). */
    public static SourceRows of(int[] rows) {
        return of(IntChunks.of(rows));
    }

    /** Rows at hand. */
    public static SourceRows of(IntChunks rows) {
        return new SourceRows(rows.size(), rows, null);
    }

    /**
     * Rows {@code loader} gives on first use (once, under a lock; a loader that fails is asked again next time).
     * It must give {@code size} rows.
     */
    public static SourceRows later(int size, Supplier<IntChunks> loader) {
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
    public IntChunks get() {
        IntChunks r = rows;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (rows == null) {
                IntChunks read = loader.get();
                if (read.size() != size) {
                    throw new IllegalStateException("the frame's rows do not belong to its events");
                }
                rows = read;
                loader = null;
            }
            return rows;
        }
    }
}
