package org.journeyexplorer.predict.portable;

import java.util.Arrays;

/**
 * A probability distribution over the next step (event types 0..T-1 and the end at T) kept sparse: every entry
 * is {@code scale · base[y]} except the few entries a model touched, which hold their own value. Interpolating
 * towards a context with a handful of observed successors then costs only those successors, not all T outcomes,
 * which keeps models over thousands of event types fast to score. Not thread-safe; reuse one per thread.
 */
public final class Distribution {
    private final int size;
    private double[] base;
    private int[] baseOrder;
    private double baseTotal;
    private double scale;
    private final double[] value;
    private final int[] mark;
    private final int[] touched;
    private int count;
    private int epoch;
    /** Base of {@link #setAll}: all zeros, in index order. */
    private double[] zeros;
    private int[] identity;

    /** A distribution over {@code size} outcomes; call {@link #reset} before use. */
    public Distribution(int size) {
        this.size = size;
        this.value = new double[size];
        this.mark = new int[size];
        this.touched = new int[size];
    }

    /**
     * Starts from {@code base} (shared, not copied): every entry equals its base value.
     *
     * @param baseOrder outcome indices by base value descending, then index ascending (for ranking)
     * @param baseTotal sum of {@code base}
     */
    public void reset(double[] base, int[] baseOrder, double baseTotal) {
        this.base = base;
        this.baseOrder = baseOrder;
        this.baseTotal = baseTotal;
        this.scale = 1;
        this.count = 0;
        if (++epoch == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            epoch = 1;
        }
    }

    /**
     * Sets every entry from a dense array (length ≥ size), for models that compute all outcomes at once. The
     * entries are copied.
     */
    public void setAll(double[] p) {
        if (zeros == null) {
            zeros = new double[size];
            identity = new int[size];
            for (int y = 0; y < size; y++) {
                identity[y] = y;
            }
        }
        reset(zeros, identity, 0);
        for (int y = 0; y < size; y++) {
            mark[y] = epoch;
            value[y] = p[y];
            touched[y] = y;
        }
        count = size;
    }

    /** Number of outcomes. */
    public int size() {
        return size;
    }

    /** Probability (or weight, before {@link #normalize()}) of outcome {@code y}. */
    public double get(int y) {
        return mark[y] == epoch ? value[y] : scale * base[y];
    }

    private void touch(int y) {
        if (mark[y] != epoch) {
            mark[y] = epoch;
            value[y] = scale * base[y];
            touched[count++] = y;
        }
    }

    /** Multiplies every entry by {@code k}. */
    public void scaleAll(double k) {
        scale *= k;
        for (int i = 0; i < count; i++) {
            value[touched[i]] *= k;
        }
    }

    /** Adds {@code v} to entry {@code y}. */
    public void add(int y, double v) {
        touch(y);
        value[y] += v;
    }

    /** Multiplies entry {@code y} by {@code f}. */
    public void multiply(int y, double f) {
        touch(y);
        value[y] *= f;
    }

    /** Divides every entry by the sum of all entries, so they add up to 1. */
    public void normalize() {
        double z = 0;
        double touchedBase = 0;
        for (int i = 0; i < count; i++) {
            z += value[touched[i]];
            touchedBase += base[touched[i]];
        }
        z += scale * Math.max(0, baseTotal - touchedBase);
        if (!(z > 0) || Double.isInfinite(z)) {
            return;
        }
        scaleAll(1 / z);
    }

    /** Makes this an exact copy of {@code other} (same size). */
    public void copyFrom(Distribution other) {
        reset(other.base, other.baseOrder, other.baseTotal);
        scale = other.scale;
        for (int i = 0; i < other.count; i++) {
            int y = other.touched[i];
            mark[y] = epoch;
            value[y] = other.value[y];
            touched[count++] = y;
        }
    }

    /** Writes every entry into {@code out} (length ≥ size). */
    public void toArray(double[] out) {
        for (int y = 0; y < size; y++) {
            out[y] = scale * base[y];
        }
        for (int i = 0; i < count; i++) {
            out[touched[i]] = value[touched[i]];
        }
    }

    /** A fresh array of every entry. */
    public double[] toArray() {
        double[] out = new double[size];
        toArray(out);
        return out;
    }

    /**
     * How many outcomes rank strictly before {@code y}: a higher value, or the same value and a lower index (the
     * order of {@link #top}). 0 means {@code y} is the top prediction.
     */
    public int rank(int y) {
        double py = get(y);
        int r = 0;
        for (int i = 0; i < count; i++) {
            int o = touched[i];
            if (o != y && (value[o] > py || (value[o] == py && o < y))) {
                r++;
            }
        }
        // Untouched outcomes: scale·base is non-increasing along baseOrder, so those above py form a prefix.
        int n = baseOrder.length;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (scale * base[baseOrder[mid]] > py) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int above = lo;
        int equalEnd = above;
        while (equalEnd < n && scale * base[baseOrder[equalEnd]] == py) {
            int runEnd;
            double b = base[baseOrder[equalEnd]];
            // a run of identical base values is sorted by index: count those below y by bisection
            int l = equalEnd;
            int h = n;
            while (l < h) {
                int mid = (l + h) >>> 1;
                if (base[baseOrder[mid]] == b) {
                    l = mid + 1;
                } else {
                    h = mid;
                }
            }
            runEnd = l;
            int a = equalEnd;
            int c = runEnd;
            while (a < c) {
                int mid = (a + c) >>> 1;
                if (baseOrder[mid] < y) {
                    a = mid + 1;
                } else {
                    c = mid;
                }
            }
            r += a - equalEnd;
            equalEnd = runEnd;
        }
        r += above;
        // Touched outcomes were counted above by their base value: take them out again.
        for (int i = 0; i < count; i++) {
            int o = touched[i];
            double v = scale * base[o];
            if (v > py || (v == py && o < y)) {
                r--;
            }
        }
        return r;
    }

    /** The largest entry (the top prediction's probability). */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, value[touched[i]]);
        }
        for (int y : baseOrder) {
            if (mark[y] != epoch) {
                return Math.max(m, scale * base[y]);
            }
        }
        return m;
    }

    /** The {@code k} most probable outcomes, most probable first (ties: lower index), leaving out zeros. */
    public int[] top(int k) {
        int[] out = new int[Math.min(k, size)];
        return Arrays.copyOf(out, top(k, out));
    }

    /**
     * As {@link #top(int)}, into {@code out} (length ≥ min(k, size)) without allocating; returns how many it
     * wrote. Only the touched outcomes and the first {@code k} untouched ones along the base order can be among
     * the top (the untouched rank among themselves as their base values do), so only those are looked at.
     */
    public int top(int k, int[] out) {
        int want = Math.min(k, size);
        int n = 0;
        for (int i = 0; i < count; i++) {
            n = insertTop(touched[i], out, n, want);
        }
        int untouched = 0;
        for (int i = 0; i < baseOrder.length && untouched < want; i++) {
            int y = baseOrder[i];
            if (mark[y] != epoch) {
                n = insertTop(y, out, n, want);
                untouched++;
            }
        }
        return n;
    }

    /** Puts {@code y} into the ranked {@code out[0..n)} if it belongs to the top {@code want}; the new n. */
    private int insertTop(int y, int[] out, int n, int want) {
        double p = get(y);
        if (!(p > 0)) {
            return n;
        }
        int at = n;
        while (at > 0 && ranksBefore(p, y, out[at - 1])) {
            at--;
        }
        if (at >= want) {
            return n;
        }
        int last = Math.min(n, want - 1);
        System.arraycopy(out, at, out, at + 1, last - at);
        out[at] = y;
        return Math.min(n + 1, want);
    }

    /** The order of {@link #top}: higher value first, equal values by lower index. */
    private boolean ranksBefore(double p, int y, int other) {
        double q = get(other);
        return p != q ? p > q : y < other;
    }

    /** Indices sorted by value descending, then index ascending: the {@code baseOrder} of {@link #reset}. */
    public static int[] order(double[] base) {
        Integer[] idx = new Integer[base.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> base[a] != base[b] ? Double.compare(base[b], base[a]) : Integer.compare(a, b));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
