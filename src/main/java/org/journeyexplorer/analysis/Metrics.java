package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Completion rate, time to milestone, weekly cohort journey velocity ({@link MetricsQuery}), and the {@link Overview}. */
public final class Metrics {
    private static final long DAY = 86_400_000_000L;

    private Metrics() {
    }

    /**
     * The metrics for {@code query} over the included events of {@code selection} (over every event of a frame, the
     * ones computed before for the same query while the frame keeps them: {@link Selection#remembered}).
     */
    public static MetricsResult compute(Selection selection, MetricsQuery query) {
        return selection.remembered(List.of(Metrics.class, query), () -> computeNow(selection, query));
    }

    private static MetricsResult computeNow(Selection selection, MetricsQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] ofType = labels.ofTypes();
        IntChunks type = f.type;
        boolean all = selection.isAll();
        int milestone = labels.index(query.milestone());
        long horizon = query.horizonMicros();
        int[] us = query.unit().starts(f);
        LongChunks time = f.time;
        int nUnits = us.length - 1;
        int parts = Chunks.parts(nUnits);
        int[] unitsPer = new int[parts];
        int[] nPer = new int[parts];
        long[] lastPer = new long[parts];
        long[][] durPer = new long[parts][];
        // per started unit: cohort week, and time/steps to the milestone if reached within the horizon, else -1
        int[][] cohortPer = new int[parts][];
        long[][] cohortDurPer = new long[parts][];
        long[][] cohortStepsPer = new long[parts][];
        Chunks.forParts(nUnits, parts, (part, u0, u1) -> {
            int units = 0;
            int n = 0;
            long last = Long.MIN_VALUE;
            // at most a value per unit of the part, in scratch arrays (Scratch: a new selection's metrics spent about
            // a quarter of their CPU zeroing and faulting in new arrays)
            long[] duration = Scratch.longs(u1 - u0);
            int[] cohort = Scratch.ints(u1 - u0);
            long[] cohortDur = Scratch.longs(u1 - u0);
            long[] cohortSteps = Scratch.longs(u1 - u0);
            // each unit's labels read from the type column's chunk (a copy only where the unit spans two) as the
            // walk meets them, not from a label array over the whole frame: that was a 20 MB array at 5 M events,
            // made anew for every new selection
            int[] types = new int[64];
            for (int u = u0; u < u1; u++) {
                int from = us[u];
                int to = us[u + 1];
                int start = selection.firstIncluded(from, to);
                if (start < 0) {
                    continue;
                }
                int[] tw = type.window(from, to, types);
                int at = type.windowStart(from, to) - from;
                if (!type.inOneChunk(from, to)) {
                    types = tw; // a copy across two chunks: the scratch, perhaps grown (never keep a chunk)
                }
                int first = -1;
                int count = 0;
                int hit = -1;
                for (int i = start; i < to; i++) {
                    if (!all && !selection.includes(i)) {
                        continue;
                    }
                    int l = ofType[tw[i + at]];
                    if (l < 0) {
                        continue;
                    }
                    if (first < 0) {
                        first = i;
                    }
                    count++;
                    if (l == milestone) {
                        hit = i;
                        break;
                    }
                }
                if (first < 0) {
                    continue;
                }
                // a unit's events are in time order: its latest is its last included one of a label
                int lastOne = first;
                for (int i = to - 1; i > first; i--) {
                    if ((all || selection.includes(i)) && ofType[tw[i + at]] >= 0) {
                        lastOne = i;
                        break;
                    }
                }
                last = Math.max(last, time.get(lastOne));
                cohort[units] = isoWeekIndex(time.get(first));
                long d = hit < 0 ? -1 : time.get(hit) - time.get(first);
                boolean within = hit >= 0 && d <= horizon;
                cohortDur[units] = within ? d : -1;
                cohortSteps[units] = within ? count : -1;
                units++;
                if (hit < 0) {
                    continue;
                }
                duration[n] = d;
                n++;
            }
            unitsPer[part] = units;
            nPer[part] = n;
            lastPer[part] = last;
            durPer[part] = duration;
            cohortPer[part] = cohort;
            cohortDurPer[part] = cohortDur;
            cohortStepsPer[part] = cohortSteps;
        });
        int units = 0;
        int n = 0;
        long last = Long.MIN_VALUE;
        for (int p = 0; p < parts; p++) {
            units += unitsPer[p];
            n += nPer[p];
            last = Math.max(last, lastPer[p]);
        }
        long[] duration = parts == 1 ? durPer[0] : Scratch.longs(n);
        int[] cohort = parts == 1 ? cohortPer[0] : Scratch.ints(units);
        long[] cohortDur = parts == 1 ? cohortDurPer[0] : Scratch.longs(units);
        long[] cohortSteps = parts == 1 ? cohortStepsPer[0] : Scratch.longs(units);
        if (parts > 1) {
            for (int p = 0, at = 0, atU = 0; p < parts; p++) {
                System.arraycopy(durPer[p], 0, duration, at, nPer[p]);
                System.arraycopy(cohortPer[p], 0, cohort, atU, unitsPer[p]);
                System.arraycopy(cohortDurPer[p], 0, cohortDur, atU, unitsPer[p]);
                System.arraycopy(cohortStepsPer[p], 0, cohortSteps, atU, unitsPer[p]);
                at += nPer[p];
                atU += unitsPer[p];
                Scratch.give(durPer[p]);
                Scratch.give(cohortPer[p]);
                Scratch.give(cohortDurPer[p]);
                Scratch.give(cohortStepsPer[p]);
            }
        }
        List<MetricsResult.Week> velocity = velocity(cohort, cohortDur, cohortSteps, units, last, horizon);
        MetricsResult r = new MetricsResult(query, units, n, TimeDistribution.of(duration, n), velocity);
        Scratch.give(duration);
        Scratch.give(cohort);
        Scratch.give(cohortDur);
        Scratch.give(cohortSteps);
        return r;
    }

    /**
     * Groups journeys by cohort week with a counting sort over the (small) range of weeks, keeping only weeks whose
     * end + horizon is observed, then medians over each week's conversions within the horizon.
     */
    private static List<MetricsResult.Week> velocity(int[] week, long[] duration, long[] steps, int n, long last,
                                                     long horizon) {
        if (n == 0) {
            return List.of();
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, week[i]);
            hi = Math.max(hi, week[i]);
        }
        // the last week w with end(w) + horizon <= last, end(w) being the next Monday
        while (hi >= lo && weekStartDay(hi + 1) * DAY + horizon > last) {
            hi--;
        }
        if (hi < lo) {
            return List.of();
        }
        int[] started = new int[hi - lo + 1];
        int[] offset = new int[hi - lo + 2];
        for (int i = 0; i < n; i++) {
            if (week[i] <= hi) {
                started[week[i] - lo]++;
                if (duration[i] >= 0) {
                    offset[week[i] - lo + 1]++;
                }
            }
        }
        for (int w = 1; w < offset.length; w++) {
            offset[w] += offset[w - 1];
        }
        int converted = offset[offset.length - 1];
        long[] d = Scratch.longs(converted);
        long[] s = Scratch.longs(converted);
        int[] fill = Arrays.copyOf(offset, offset.length - 1);
        for (int i = 0; i < n; i++) {
            if (week[i] <= hi && duration[i] >= 0) {
                int at = fill[week[i] - lo]++;
                d[at] = duration[i];
                s[at] = steps[i];
            }
        }
        List<MetricsResult.Week> out = new ArrayList<>();
        for (int w = 0; w < started.length; w++) {
            if (started[w] == 0) {
                continue;
            }
            long startDay = weekStartDay(w + lo);
            LocalDate monday = LocalDate.ofEpochDay(startDay);
            String label = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            out.add(new MetricsResult.Week(label, startDay * DAY, started[w], offset[w + 1] - offset[w],
                    Percentiles.median(d, offset[w], offset[w + 1]), Percentiles.median(s, offset[w], offset[w + 1])));
        }
        Scratch.give(d);
        Scratch.give(s);
        return out;
    }

    /** Epoch day of the Monday starting an ISO week index: epoch day 0 is a Thursday, so Mondays are 7k − 3. */
    private static long weekStartDay(int weekIndex) {
        return (long) weekIndex * 7 - 3;
    }

    /** Index of the ISO week (Monday-based, UTC) containing a time. */
    static int isoWeekIndex(long micros) {
        long day = Math.floorDiv(micros, DAY);
        return (int) Math.floorDiv(day + 3, 7);
    }

    /** Events, persons, sessions, date range and the top {@code top} event types of a selection. */
    public static Overview overview(Selection selection, int top) {
        return selection.remembered(List.of(Overview.class, top), () -> overviewNow(selection, top));
    }

    /**
     * The overview of a filtered selection without a walk over its events: the types are counted over the set bits,
     * a person or session counts when its index range holds an included event (found a word at a time), and as a
     * person's events are in time order its earliest and latest included events are its first and last included
     * ones. In parts on the cores, by persons and by sessions.
     */
    private static Overview overviewNow(Selection selection, int top) {
        EventFrame f = selection.frame();
        if (selection.isAll()) {
            return overviewOfAll(f, top);
        }
        long[] counts = selection.typeCounts();
        long events = 0;
        for (long c : counts) {
            events += c;
        }
        int parts = Chunks.parts(f.size);
        int[] personsIn = new int[parts];
        long[] firstIn = new long[parts];
        long[] lastIn = new long[parts];
        Chunks.forParts(f.personCount(), parts, (part, p0, p1) -> {
            int n = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int p = p0; p < p1; p++) {
                int a = selection.firstIncluded(f.personStart[p], f.personStart[p + 1]);
                if (a >= 0) {
                    n++;
                    first = Math.min(first, f.time.get(a));
                    last = Math.max(last, f.time.get(selection.lastIncluded(a, f.personStart[p + 1])));
                }
            }
            personsIn[part] = n;
            firstIn[part] = first;
            lastIn[part] = last;
        });
        int[] sessionsIn = new int[parts];
        Chunks.forParts(f.sessionCount(), parts, (part, s0, s1) -> {
            int n = 0;
            for (int s = s0; s < s1; s++) {
                if (selection.firstIncluded(f.sessionStart[s], f.sessionStart[s + 1]) >= 0) {
                    n++;
                }
            }
            sessionsIn[part] = n;
        });
        int persons = 0;
        int sessions = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int part = 0; part < parts; part++) {
            persons += personsIn[part];
            sessions += sessionsIn[part];
            first = Math.min(first, firstIn[part]);
            last = Math.max(last, lastIn[part]);
        }
        return overview(f, top, counts, (int) events, persons, sessions, first, last);
    }

    /**
     * {@link #overview} of every event without a pass over them: the type counts are the frame's (counted once),
     * each person's and each session's events are an index range, and as a person's events are in time order the
     * earliest and latest event are among the persons' first and last ones (the project panel summarises a newly
     * opened 5 M-event frame so, beside its Sankey).
     */
    private static Overview overviewOfAll(EventFrame f, int top) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int persons = 0;
        for (int p = 0; p + 1 < f.personStart.length; p++) {
            int from = f.personStart[p];
            int to = f.personStart[p + 1];
            if (from < to) {
                persons++;
                first = Math.min(first, f.time.get(from));
                last = Math.max(last, f.time.get(to - 1));
            }
        }
        int sessions = 0;
        for (int s = 0; s + 1 < f.sessionStart.length; s++) {
            if (f.sessionStart[s] < f.sessionStart[s + 1]) {
                sessions++;
            }
        }
        return overview(f, top, f.typeCounts(), f.size, persons, sessions, first, last);
    }

    private static Overview overview(EventFrame f, int top, long[] perType, int events, int persons, int sessions,
                                     long first, long last) {
        List<Integer> types = new ArrayList<>();
        for (int t = 0; t < perType.length; t++) {
            if (perType[t] > 0) {
                types.add(t);
            }
        }
        types.sort(Comparator.<Integer>comparingLong(t -> -perType[t]).thenComparing(t -> f.typeNames[t]));
        List<Overview.TypeCount> topEvents = new ArrayList<>();
        for (int r = 0; r < Math.min(top, types.size()); r++) {
            int t = types.get(r);
            topEvents.add(new Overview.TypeCount(f.typeNames[t], (int) perType[t], (double) perType[t] / events));
        }
        return events == 0 ? new Overview(0, 0, 0, 0, 0, topEvents)
                : new Overview(events, persons, sessions, first, last, topEvents);
    }
}
