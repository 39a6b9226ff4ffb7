package org.journeyexplorer.analysis;

import java.util.BitSet;

/**
 * A filtered view of an {@link EventFrame} without copying it: the events that pass the current filters (date
 * range, property values, persons in a segment) minus hidden event types. Analyses walk sessions of the frame
 * and skip events that are not included, so a hidden event type disappears from sequences (its neighbours become
 * adjacent) and a session with no included event does not count.
 */
public final class Selection {
    private final EventFrame frame;
    private final BitSet included; // null = every event
    /**
     * The label arrays {@link Labels} made for this selection (their type mappings and arrays), held here so that
     * they go with the selection: a static cache held them (40 MB each at 10 M events) until its next use, which
     * during a live catch-up was after the next frame was built beside the last.
     */
    final java.util.List<Object[]> labels = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Selection(EventFrame frame, BitSet included) {
        this.frame = frame;
        this.included = included;
    }

    /** Every event of the frame. */
    public static Selection all(EventFrame frame) {
        return new Selection(frame, null);
    }

    /** The events whose bit is set; the bit set is not copied and must not be changed afterwards. */
    public static Selection of(EventFrame frame, BitSet included) {
        return new Selection(frame, included);
    }

    public EventFrame frame() {
        return frame;
    }

    public boolean includes(int event) {
        return included == null || included.get(event);
    }

    /** True when no event is filtered out. */
    public boolean isAll() {
        return included == null;
    }

    /** Included events per event type index (of the whole frame, counted once, when nothing is filtered out). */
    public long[] typeCounts() {
        if (included == null) {
            return frame.typeCounts();
        }
        long[] c = new long[frame.typeCount()];
        for (int i = included.nextSetBit(0); i >= 0 && i < frame.size; i = included.nextSetBit(i + 1)) {
            c[frame.type[i]]++;
        }
        return c;
    }

    /** Number of included events. */
    public int count() {
        return included == null ? frame.size : included.cardinality();
    }
}
