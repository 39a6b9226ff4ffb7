package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;

import java.util.BitSet;

/**
 * A filtered view of an {@link EventFrame} without copying it: the events that pass the current filters (date
 * range, property values, persons in a segment) minus hidden event types. Analyses walk sessions of the frame
 * and skip events that are not included, so a hidden event type disappears from sequences (its neighbours become
 * adjacent) and a session with no included event does not count.
 */
public final class Selection {
    private final EventFrame frame;
    /**
     * The included events' bits, 64 to a word (event i at bit {@code i & 63} of word {@code i >>> 6}); null = every
     * event. Plain words, not a {@link BitSet}: every analysis asks per event, and the passes over included events
     * skip whole words.
     */
    private final long[] words;
    /**
     * The label arrays {@link Labels} made for this selection (their type mappings and arrays), held here so that
     * they go with the selection: a static cache held them (40 MB each at 10 M events) until its next use, which
     * during a live catch-up was after the next frame was built beside the last.
     */
    final java.util.List<Object[]> labels;
    private volatile int count = -1;

    private Selection(EventFrame frame, long[] words) {
        this.frame = frame;
        this.words = words;
        // every event of a frame is what a cleared filter brings back, again and again: its label arrays are kept
        // with the frame, so that going back to it does not label the frame's events once more
        this.labels = words == null ? frame.allLabels : new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    /** Every event of the frame. */
    public static Selection all(EventFrame frame) {
        return new Selection(frame, null);
    }

    /** The events whose bit is set (bits at or beyond the frame's size are ignored). */
    public static Selection of(EventFrame frame, BitSet included) {
        return ofWords(frame, included.toLongArray());
    }

    /** The events whose bit is set in {@code words}, which are not copied and must not be changed afterwards. */
    static Selection ofWords(EventFrame frame, long[] words) {
        int n = (frame.size + 63) >>> 6;
        long[] w = words.length == n ? words : java.util.Arrays.copyOf(words, n);
        if (n > 0 && (frame.size & 63) != 0) {
            w[n - 1] &= -1L >>> (64 - (frame.size & 63));
        }
        return new Selection(frame, w);
    }

    public EventFrame frame() {
        return frame;
    }

    public boolean includes(int event) {
        return words == null || (words[event >>> 6] & (1L << event)) != 0;
    }

    /** True when no event is filtered out. */
    public boolean isAll() {
        return words == null;
    }

    /**
     * Included events per event type index (of the whole frame, counted once, when nothing is filtered out; else over
     * the set bits, in parts on the cores).
     */
    public long[] typeCounts() {
        if (words == null) {
            return frame.typeCounts();
        }
        int types = frame.typeCount();
        int parts = Chunks.parts(frame.size);
        long[][] perPart = new long[parts][];
        Chunks.forParts(words.length, parts, (part, w0, w1) -> {
            long[] c = new long[types];
            IntChunks type = frame.type;
            for (int w = w0; w < w1; w++) {
                for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                    c[type.get((w << 6) + Long.numberOfTrailingZeros(bits))]++;
                }
            }
            perPart[part] = c;
        });
        long[] c = perPart[0];
        for (int p = 1; p < parts; p++) {
            for (int t = 0; t < types; t++) {
                c[t] += perPart[p][t];
            }
        }
        return c;
    }

    /** The first included event in {@code [from, to)}, or -1: a word at a time, not an event. */
    int firstIncluded(int from, int to) {
        if (from >= to) {
            return -1;
        }
        if (words == null) {
            return from;
        }
        int w = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        long bits = words[w] & (-1L << from);
        while (bits == 0) {
            if (++w > lastWord) {
                return -1;
            }
            bits = words[w];
        }
        int i = (w << 6) + Long.numberOfTrailingZeros(bits);
        return i < to ? i : -1;
    }

    /** The last included event in {@code [from, to)}, or -1. */
    int lastIncluded(int from, int to) {
        if (from >= to) {
            return -1;
        }
        if (words == null) {
            return to - 1;
        }
        int w = (to - 1) >>> 6;
        int firstWord = from >>> 6;
        long bits = words[w] & (-1L >>> (63 - ((to - 1) & 63)));
        while (bits == 0) {
            if (--w < firstWord) {
                return -1;
            }
            bits = words[w];
        }
        int i = (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
        return i >= from ? i : -1;
    }

    /** Number of included events. */
    public int count() {
        if (words == null) {
            return frame.size;
        }
        int c = count;
        if (c < 0) {
            c = 0;
            for (long w : words) {
                c += Long.bitCount(w);
            }
            count = c;
        }
        return c;
    }

    /**
     * Whether {@link #remembered} keeps results; {@code -Dje.analysis.remember=false} (and the benchmarks, which time
     * the computations themselves) turn it off.
     */
    public static volatile boolean rememberResults =
            Boolean.parseBoolean(System.getProperty("je.analysis.remember", "true"));

    /**
     * {@code compute}'s result; for every event of a frame the one it gave for the same {@code key} before, while
     * the frame keeps it (the last {@link EventFrame#REMEMBERED}), since a cleared filter brings back what was shown
     * before it was set. {@code key} must stand for everything the result depends on besides the frame (the
     * analysis and its query), and the result must be immutable. A filtered selection computes each time.
     * <p>
     * A second caller asking for a result still being computed by another thread waits for that computation instead
     * of doing it again (the app computes its first chart as the window is laid out, and the tab asks for the same
     * chart a moment later, issue 16); should that computation fail or be cancelled, the waiting caller computes
     * the result itself.
     */
    @SuppressWarnings("unchecked")
    <T> T remembered(Object key, java.util.function.Supplier<T> compute) {
        if (words != null || !rememberResults) {
            return compute.get();
        }
        // the way the parts are cut does not change a result, but tests compare the ways: each is computed
        key = java.util.List.of(key, Chunks.minPerPart);
        while (true) {
            InFlight mine = null;
            Object r;
            synchronized (frame.allResults) {
                r = frame.allResults.get(key);
                if (r == null) {
                    mine = new InFlight(Thread.currentThread());
                    frame.allResults.put(key, mine);
                }
            }
            if (r instanceof InFlight other) {
                if (other.owner == Thread.currentThread()) {
                    return compute.get(); // asked again inside its own computation: nothing to wait for
                }
                Object done = other.result.exceptionally(e -> null).join();
                if (done != null) {
                    return (T) done;
                }
                continue; // it failed: ask again (and compute it here unless another caller already is)
            }
            if (r != null) {
                return (T) r;
            }
            T out;
            try {
                out = compute.get(); // outside the lock: a cancelled computation throws and leaves nothing behind
            } catch (RuntimeException | Error e) {
                synchronized (frame.allResults) {
                    frame.allResults.remove(key, mine);
                }
                mine.result.completeExceptionally(e);
                throw e;
            }
            synchronized (frame.allResults) {
                // not when the frame let go of its results meanwhile (EventFrame.forgetRemembered)
                frame.allResults.replace(key, mine, out);
            }
            mine.result.complete(out);
            return out;
        }
    }

    /**
     * Whether {@link #remembered} would give the result for {@code key} without computing it here: this selection is
     * every event of its frame and the frame keeps that result, or another caller is computing it.
     */
    boolean remembers(Object key) {
        if (words != null || !rememberResults) {
            return false;
        }
        synchronized (frame.allResults) {
            return frame.allResults.containsKey(java.util.List.of(key, Chunks.minPerPart));
        }
    }

    /** A result {@link #remembered} is computing on {@code owner}'s thread; others wait for {@code result}. */
    private static final class InFlight {
        final Thread owner;
        final java.util.concurrent.CompletableFuture<Object> result = new java.util.concurrent.CompletableFuture<>();

        InFlight(Thread owner) {
            this.owner = owner;
        }
    }

    /** Number of 64-event words the selection's bits take (parts of whole words never share one). */
    int wordCount() {
        return (frame.size + 63) >>> 6;
    }
}
