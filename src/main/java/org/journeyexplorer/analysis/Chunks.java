package org.journeyexplorer.analysis;

import java.util.stream.IntStream;

/**
 * Splits index ranges over the cores for the passes that touch every event or journey. Small ranges run on the
 * calling thread; larger ones in a few parts on the common pool. Parts write disjoint slices of shared output
 * arrays, or their own per-part arrays that the caller merges.
 */
final class Chunks {
    /**
     * Smallest part worth a task; tests lower it to run the parallel paths on small data, and the system property
     * {@code je.analysis.minPerPart} raises it to measure single-threaded cost.
     */
    static volatile int minPerPart = Integer.getInteger("je.analysis.minPerPart", 50_000);

    private Chunks() {
    }

    interface Range {
        void run(int from, int to);
    }

    interface Part {
        void run(int part, int from, int to);
    }

    /** How many parts {@code n} items are split into (1 = run inline). */
    static int parts(int n) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(cores * 4, n / Math.max(1, minPerPart)));
    }

    static void forRange(int n, Range body) {
        forParts(n, parts(n), (p, from, to) -> body.run(from, to));
    }

    /** Runs {@code body} for each of {@code parts} contiguous slices of {@code [0, n)}. */
    static void forParts(int n, int parts, Part body) {
        if (parts <= 1) {
            body.run(0, 0, n);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(p,
                (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }
}
