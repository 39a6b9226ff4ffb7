package org.journeyexplorer.predict.portable;

import java.util.Arrays;

/**
 * What a boosted-trees model ({@link BoostedScorer}) reads off a prefix e₁…eᵢ: a fixed-length vector of numbers,
 * computed by this one class in training and in scoring. In order:
 * <ol>
 *   <li>{@code last_1 … last_k}: the type of the j-th last event, −1 before the start (categorical);</li>
 *   <li>for each listed type, how often it occurred in the prefix;</li>
 *   <li>{@code position}: the prefix length i (when enabled);</li>
 *   <li>when times are used: {@code gap} (µs from the previous event to the last, −1 with fewer than two
 *       events), {@code elapsed} (µs from the first event to the last), {@code time_of_day} (µs since UTC
 *       midnight at the last event), {@code weekday} (of the last event, 0 = Monday; categorical) — each −1 for
 *       the empty prefix;</li>
 *   <li>for each attribute, its value index at the last event (−1 when missing or before the start;
 *       categorical).</li>
 * </ol>
 * {@code NaN} marks a value the caller does not know (no times, no attributes given): the trees then average
 * over both branches of a split on it (see {@link BoostedScorer}).
 */
public final class PrefixFeatures {
    private static final long DAY = 86_400_000_000L;
    private final int typeCount;
    private final int lastK;
    private final int[] countTypes;
    private final boolean position;
    private final boolean time;
    private final int attributes;
    private final int[] slotOfType;

    /**
     * @param typeCount  event types T
     * @param lastK      how many of the last events are features
     * @param countTypes the types whose occurrences so far are features (distinct, each in 0..T-1)
     * @param position   whether the prefix length is a feature
     * @param time       whether the four time features are
     * @param attributes number of attribute features
     */
    public PrefixFeatures(int typeCount, int lastK, int[] countTypes, boolean position, boolean time,
                          int attributes) {
        if (typeCount < 1 || lastK < 0 || lastK > 64 || attributes < 0 || attributes > 64) {
            throw new IllegalArgumentException("invalid prefix features");
        }
        this.typeCount = typeCount;
        this.lastK = lastK;
        this.countTypes = countTypes.clone();
        this.position = position;
        this.time = time;
        this.attributes = attributes;
        this.slotOfType = new int[typeCount];
        Arrays.fill(slotOfType, -1);
        for (int s = 0; s < countTypes.length; s++) {
            int t = countTypes[s];
            if (t < 0 || t >= typeCount || slotOfType[t] >= 0) {
                throw new IllegalArgumentException("counted type " + t + " is out of range or repeated");
            }
            slotOfType[t] = s;
        }
    }

    public int typeCount() {
        return typeCount;
    }

    public int lastK() {
        return lastK;
    }

    /** The counted types (a copy). */
    public int[] countTypes() {
        return countTypes.clone();
    }

    public boolean position() {
        return position;
    }

    public boolean time() {
        return time;
    }

    public int attributes() {
        return attributes;
    }

    /** Length of the feature vector. */
    public int size() {
        return lastK + countTypes.length + (position ? 1 : 0) + (time ? 4 : 0) + attributes;
    }

    private int timeStart() {
        return lastK + countTypes.length + (position ? 1 : 0);
    }

    /** Whether feature {@code f} is a category (split by equality) rather than a number (split by ≤). */
    public boolean categorical(int f) {
        return f < lastK || (time && f == timeStart() + 3) || f >= timeStart() + (time ? 4 : 0);
    }

    /** Whether feature {@code f} needs event times. */
    public boolean needsTime(int f) {
        return time && f >= timeStart() && f < timeStart() + 4;
    }

    /** A name for people and for the model file ("last_1", "count_3", "gap", "attribute_0"…). */
    public String name(int f) {
        if (f < lastK) {
            return "last_" + (f + 1);
        }
        f -= lastK;
        if (f < countTypes.length) {
            return "count_" + countTypes[f];
        }
        f -= countTypes.length;
        if (position) {
            if (f == 0) {
                return "position";
            }
            f--;
        }
        if (time) {
            if (f < 4) {
                return new String[]{"gap", "elapsed", "time_of_day", "weekday"}[f];
            }
            f -= 4;
        }
        return "attribute_" + f;
    }

    /** The features after the prefix {@code seq[0..i)} into {@code out} (length ≥ {@link #size()}). */
    public void compute(int[] seq, long[] times, int[][] attrs, int i, double[] out) {
        Walker w = walker(seq, times, attrs);
        for (int m = 0; m < i; m++) {
            w.advance();
        }
        w.fill(out);
    }

    /** Walks one sequence prefix by prefix, so training computes every prefix's features in one pass. */
    public Walker walker(int[] seq, long[] times, int[][] attrs) {
        return new Walker(seq, times, attrs);
    }

    /** Features of {@code seq[0..i)} for i = 0, 1, 2, … (see {@link #advance()}). */
    public final class Walker {
        private final int[] seq;
        private final long[] times;
        private final int[][] attrs;
        private final int[] counts = new int[countTypes.length];
        private int i;

        private Walker(int[] seq, long[] times, int[][] attrs) {
            this.seq = seq;
            this.times = times;
            this.attrs = attrs;
        }

        /** Moves from prefix length i to i + 1. */
        public void advance() {
            int s = slotOfType[seq[i]];
            if (s >= 0) {
                counts[s]++;
            }
            i++;
        }

        /** The features of the current prefix. */
        public void fill(double[] out) {
            int f = 0;
            for (int j = 1; j <= lastK; j++) {
                out[f++] = i - j >= 0 ? seq[i - j] : -1;
            }
            for (int c : counts) {
                out[f++] = c;
            }
            if (position) {
                out[f++] = i;
            }
            if (time) {
                if (times == null) {
                    Arrays.fill(out, f, f + 4, Double.NaN);
                } else if (i == 0) {
                    Arrays.fill(out, f, f + 4, -1);
                } else {
                    long last = times[i - 1];
                    out[f] = i >= 2 ? last - times[i - 2] : -1;
                    out[f + 1] = last - times[0];
                    out[f + 2] = Math.floorMod(last, DAY);
                    // 1970-01-01 was a Thursday: +3 makes Monday 0.
                    out[f + 3] = Math.floorMod(Math.floorDiv(last, DAY) + 3, 7L);
                }
                f += 4;
            }
            for (int a = 0; a < attributes; a++) {
                int[] v = attrs == null || a >= attrs.length ? null : attrs[a];
                out[f++] = v == null ? Double.NaN : i == 0 ? -1 : v[i - 1];
            }
        }
    }
}
