package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;

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

    /** The label index of every event type ({@code -1} when excluded); callers must not write into it. */
    int[] ofTypes() {
        return ofType;
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
     * shared through a small cache (a selection never changes), because the UI recomputes several charts over the
     * same selection; callers must not write into it. The arrays are held by their selection (so they go with it;
     * for every event of a frame by the frame, which a cleared filter brings back), at most {@link #CACHED} in all:
     * the oldest is dropped from its holder when another is made.
     */
    int[] perEvent(Selection selection) {
        synchronized (CACHE) {
            for (Object[] e : selection.labels) {
                if (Arrays.equals((int[]) e[0], ofType)) {
                    // the most recently used last
                    for (java.util.Iterator<Cached> it = CACHE.iterator(); it.hasNext(); ) {
                        Cached c = it.next();
                        if (c.entry().get() == e) {
                            it.remove();
                            CACHE.addLast(c);
                            break;
                        }
                    }
                    return (int[]) e[1];
                }
            }
        }
        int[] lab = compute(selection);
        synchronized (CACHE) {
            Object[] e = {ofType.clone(), lab};
            selection.labels.add(e);
            CACHE.removeIf(c -> c.entry().get() == null);
            CACHE.addLast(new Cached(new WeakReference<>(selection.labels), new WeakReference<>(e)));
            while (CACHE.size() > CACHED) {
                Cached old = CACHE.removeFirst();
                java.util.List<Object[]> held = old.holder().get();
                Object[] oldEntry = old.entry().get();
                if (held != null && oldEntry != null) {
                    held.remove(oldEntry);
                }
            }
        }
        return lab;
    }

    /**
     * One cached array: the list holding it (its selection's, or for every event of a frame the frame's) and its
     * entry there (type mapping, labels), both gone with their holder.
     */
    private record Cached(WeakReference<java.util.List<Object[]>> holder, WeakReference<Object[]> entry) {
    }

    /** How many label arrays are kept over all selections. */
    private static final int CACHED = 3;
    /** The kept arrays, least recently used first. */
    private static final java.util.ArrayDeque<Cached> CACHE = new java.util.ArrayDeque<>();

    private int[] compute(Selection selection) {
        EventFrame f = selection.frame();
        IntChunks type = f.type;
        int[] lab = new int[f.size];
        boolean all = selection.isAll();
        Chunks.forRange(lab.length, (from, to) -> {
            if (all) {
                for (int i = from; i < to; i++) {
                    lab[i] = ofType[type.get(i)];
                }
            } else {
                for (int i = from; i < to; i++) {
                    lab[i] = selection.includes(i) ? ofType[type.get(i)] : -1;
                }
            }
        });
        return lab;
    }
}
