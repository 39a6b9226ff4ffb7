package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Evaluates a {@link Segment} over a {@link Selection}: the result keeps the events of the units (persons or
 * sessions) that meet every unit condition, inside the segment's date range. Three linear passes over primitive
 * arrays, split over the cores: events in range, units that match, events of matching units. A property condition
 * asks the {@link Filter.PropertyIndex} once per value.
 */
public final class Segments {
    private Segments() {
    }

    /**
     * The events of {@code base} that belong to {@code segment}.
     *
     * @param properties answers property conditions; may be null when the segment has none
     * @param zone       zone in which the days of a date condition are meant
     */
    public static Selection evaluate(Segment segment, Selection base, Filter.PropertyIndex properties, ZoneId zone,
                                     TaskContext ctx) {
        EventFrame f = base.frame();
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        List<SegmentCondition> unitConditions = new ArrayList<>();
        for (SegmentCondition c : segment.conditions()) {
            if (c instanceof SegmentCondition.Dates d) {
                if (d.from() != null) {
                    from = Math.max(from, d.from().atStartOfDay(zone).toInstant().toEpochMilli() * 1000L);
                }
                if (d.to() != null) {
                    to = Math.min(to, d.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() * 1000L);
                }
            } else {
                unitConditions.add(c);
            }
        }
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE && unitConditions.isEmpty()) {
            return base;
        }
        int nc = unitConditions.size();
        // per condition: a row set (property), a type (performed), and what the unit must show
        BitSet[] rows = new BitSet[nc];
        int[] type = new int[nc];
        boolean[] wanted = new boolean[nc];
        for (int k = 0; k < nc; k++) {
            SegmentCondition c = unitConditions.get(k);
            type[k] = -1;
            if (c instanceof SegmentCondition.Property p) {
                if (properties == null) {
                    throw new UserFacingException("The condition on '" + p.key()
                            + "' needs the project's properties, which are not available here.");
                }
                BitSet r = new BitSet();
                for (String v : p.values()) {
                    ctx.checkCancelled();
                    r.or(properties.rowsWith(p.key(), v));
                }
                rows[k] = r;
                wanted[k] = !p.negate();
            } else if (c instanceof SegmentCondition.Performed p) {
                type[k] = f.typeIndex(p.event());
                wanted[k] = p.did();
            }
        }
        ctx.checkCancelled();

        int n = f.size;
        int words = (n + 63) >>> 6;
        long[] ok = new long[words];
        long lo = from;
        long hi = to;
        int parts = Chunks.parts(n);
        Chunks.forParts(words, parts, (part, w0, w1) -> {
            for (int w = w0; w < w1; w++) {
                long bits = 0;
                int end = Math.min(n, (w + 1) << 6);
                for (int i = w << 6; i < end; i++) {
                    long t = f.time.get(i);
                    if (t >= lo && t < hi && base.includes(i)) {
                        bits |= 1L << (i & 63);
                    }
                }
                ok[w] = bits;
            }
        });
        ctx.checkCancelled();

        if (nc > 0) {
            int[] us = segment.unit().starts(f);
            int units = us.length - 1;
            boolean[] keep = new boolean[units];
            IntChunks sourceRow = java.util.Arrays.stream(rows).anyMatch(java.util.Objects::nonNull) ? f.sourceRow()
                    : null;
            Chunks.forRange(units, (u0, u1) -> {
                boolean[] has = new boolean[nc];
                for (int u = u0; u < u1; u++) {
                    java.util.Arrays.fill(has, false);
                    boolean any = false;
                    for (int i = us[u]; i < us[u + 1]; i++) {
                        if ((ok[i >>> 6] & (1L << (i & 63))) == 0) {
                            continue;
                        }
                        any = true;
                        for (int k = 0; k < nc; k++) {
                            if (!has[k] && (rows[k] != null ? rows[k].get(sourceRow.get(i))
                                    : f.type.get(i) == type[k])) {
                                has[k] = true;
                            }
                        }
                    }
                    boolean match = any;
                    for (int k = 0; k < nc && match; k++) {
                        match = has[k] == wanted[k];
                    }
                    keep[u] = match;
                }
            });
            ctx.checkCancelled();
            Chunks.forParts(words, parts, (part, w0, w1) -> {
                // the unit of each event, walked along the unit starts (events ascend within a part)
                int u = -1;
                int uEnd = 0;
                for (int w = w0; w < w1; w++) {
                    long bits = ok[w];
                    long out = bits;
                    while (bits != 0) {
                        int b = Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        int i = (w << 6) + b;
                        if (u < 0) {
                            u = unitAt(us, i);
                            uEnd = us[u + 1];
                        }
                        while (i >= uEnd) {
                            uEnd = us[++u + 1];
                        }
                        if (!keep[u]) {
                            out &= ~(1L << b);
                        }
                    }
                    ok[w] = out;
                }
            });
        }
        return Selection.of(f, BitSet.valueOf(ok));
    }

    /** The unit whose range of {@code starts} (ascending, the end last) holds event {@code i}. */
    private static int unitAt(int[] starts, int i) {
        return EventFrame.rangeOf(starts, i);
    }

    /**
     * Units (persons or sessions) with an event in both selections of one frame: segments that overlap are not
     * independent samples, which the comparison's tests assume.
     */
    public static int overlap(Selection a, Selection b, CountUnit unit) {
        EventFrame f = a.frame();
        if (b.frame() != f) {
            throw new IllegalArgumentException("the selections belong to different frames");
        }
        int[] us = unit.starts(f);
        int both = 0;
        for (int u = 0; u + 1 < us.length; u++) {
            boolean inA = false;
            boolean inB = false;
            for (int i = us[u]; i < us[u + 1] && !(inA && inB); i++) {
                inA |= a.includes(i);
                inB |= b.includes(i);
            }
            both += inA && inB ? 1 : 0;
        }
        return both;
    }
}
