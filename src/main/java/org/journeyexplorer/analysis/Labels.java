package org.journeyexplorer.analysis;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * An {@link EventLabeling} resolved against one frame: the label index of every event type ({@code -1} when
 * excluded) and the label names.
 */
public final class Labels {
    private final int[] ofType;
    private final String[] names;

    Labels(int[] ofType, String[] names) {
        this.ofType = ofType;
        this.names = names;
    }

    public int count() {
        return names.length;
    }

    public String name(int label) {
        return names[label];
    }

    /** Label index of an event type, or -1 when the type is excluded. */
    public int ofType(int type) {
        return ofType[type];
    }

    /** Index of a label by name, or -1. */
    public int index(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The label of every frame event, -1 where the event is outside the selection or its type is excluded. One
     * linear pass; analyses then walk plain int arrays instead of asking the selection per event. The array is
     * shared through a small cache keyed by the selection's identity and the type mapping (a selection never
     * changes), because the UI recomputes several charts over the same selection; callers must not write into it.
     * Entries whose selection is gone are dropped on every call: they held their arrays (40 MB each at 10 M
     * events) until three newer ones pushed them out, e.g. after a filter change.
     */
    int[] perEvent(Selection selection) {
        synchronized (CACHE) {
            for (int k = 0; k < CACHE.length; k++) {
                if (CACHE[k] != null && CACHE[k].selection.get() == null) {
                    CACHE[k] = null;
                }
            }
            for (int k = 0; k < CACHE.length; k++) {
                Cached c = CACHE[k];
                if (c != null && c.selection.get() == selection && Arrays.equals(c.ofType, ofType)) {
                    if (k > 0) {
                        System.arraycopy(CACHE, 0, CACHE, 1, k);
                        CACHE[0] = c;
                    }
                    return c.lab;
                }
            }
        }
        int[] lab = compute(selection);
        synchronized (CACHE) {
            System.arraycopy(CACHE, 0, CACHE, 1, CACHE.length - 1);
            CACHE[0] = new Cached(new WeakReference<>(selection), ofType.clone(), lab);
        }
        return lab;
    }

    private record Cached(WeakReference<Selection> selection, int[] ofType, int[] lab) {
    }

    private static final Cached[] CACHE = new Cached[3];

    private int[] compute(Selection selection) {
        EventFrame f = selection.frame();
        int[] type = f.type;
        int[] lab = new int[f.size];
        boolean all = selection.isAll();
        Chunks.forRange(lab.length, (from, to) -> {
            if (all) {
                for (int i = from; i < to; i++) {
                    lab[i] = ofType[type[i]];
                }
            } else {
                for (int i = from; i < to; i++) {
                    lab[i] = selection.includes(i) ? ofType[type[i]] : -1;
                }
            }
        });
        return lab;
    }
}
