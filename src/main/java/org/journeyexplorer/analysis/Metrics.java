package org.journeyexplorer.analysis;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Completion rate, time to milestone, weekly journey velocity ({@link MetricsQuery}), and the {@link Overview}. */
public final class Metrics {
    private static final long DAY = 86_400_000_000L;

    private Metrics() {
    }

    public static MetricsResult compute(Selection selection, MetricsQuery query) {
        EventFrame f = selection.frame();
        Labels labels = query.labeling().resolve(f);
        int[] lab = labels.perEvent(selection);
        int milestone = labels.index(query.milestone());
        int[] us = query.unit().starts(f);
        long[] time = f.time;
        int nUnits = us.length - 1;
        int parts = Chunks.parts(nUnits);
        int[] unitsPer = new int[parts];
        int[] nPer = new int[parts];
        long[][] durPer = new long[parts][];
        long[][] stepsPer = new long[parts][];
        int[][] weekPer = new int[parts][];
        Chunks.forParts(nUnits, parts, (part, u0, u1) -> {
            int units = 0;
            int n = 0;
            long[] duration = new long[256];
            long[] steps = new long[256];
            int[] week = new int[256];
            for (int u = u0; u < u1; u++) {
                int first = -1;
                int count = 0;
                int hit = -1;
                for (int i = us[u]; i < us[u + 1]; i++) {
                    int l = lab[i];
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
                units++;
                if (hit < 0) {
                    continue;
                }
                if (n == duration.length) {
                    duration = Arrays.copyOf(duration, n * 2);
                    steps = Arrays.copyOf(steps, n * 2);
                    week = Arrays.copyOf(week, n * 2);
                }
                duration[n] = time[hit] - time[first];
                steps[n] = count;
                week[n] = isoWeekIndex(time[hit]);
                n++;
            }
            unitsPer[part] = units;
            nPer[part] = n;
            durPer[part] = duration;
            stepsPer[part] = steps;
            weekPer[part] = week;
        });
        int units = 0;
        int n = 0;
        for (int p = 0; p < parts; p++) {
            units += unitsPer[p];
            n += nPer[p];
        }
        long[] duration = new long[n];
        long[] steps = new long[n];
        int[] week = new int[n];
        for (int p = 0, at = 0; p < parts; p++) {
            System.arraycopy(durPer[p], 0, duration, at, nPer[p]);
            System.arraycopy(stepsPer[p], 0, steps, at, nPer[p]);
            System.arraycopy(weekPer[p], 0, week, at, nPer[p]);
            at += nPer[p];
        }
        List<MetricsResult.Week> velocity = velocity(duration, steps, week, n);
        return new MetricsResult(query, units, n, TimeDistribution.of(duration, n), velocity);
    }

    /** Groups completions by week with a counting sort over the (small) range of weeks, then medians per week. */
    private static List<MetricsResult.Week> velocity(long[] duration, long[] steps, int[] week, int n) {
        if (n == 0) {
            return List.of();
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, week[i]);
            hi = Math.max(hi, week[i]);
        }
        int[] offset = new int[hi - lo + 2];
        for (int i = 0; i < n; i++) {
            offset[week[i] - lo + 1]++;
        }
        for (int w = 1; w < offset.length; w++) {
            offset[w] += offset[w - 1];
        }
        long[] d = new long[n];
        long[] s = new long[n];
        int[] fill = Arrays.copyOf(offset, offset.length - 1);
        for (int i = 0; i < n; i++) {
            int at = fill[week[i] - lo]++;
            d[at] = duration[i];
            s[at] = steps[i];
        }
        List<MetricsResult.Week> out = new ArrayList<>();
        for (int w = 0; w + 1 < offset.length; w++) {
            if (offset[w + 1] == offset[w]) {
                continue;
            }
            long startDay = (long) (w + lo) * 7 - 3; // epoch day 0 is a Thursday, so Mondays are 7k − 3
            LocalDate monday = LocalDate.ofEpochDay(startDay);
            String label = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            out.add(new MetricsResult.Week(label, startDay * DAY, offset[w + 1] - offset[w],
                    Medians.median(d, offset[w], offset[w + 1]), Medians.median(s, offset[w], offset[w + 1])));
        }
        return out;
    }

    /** Index of the ISO week (Monday-based, UTC) containing a time. */
    static int isoWeekIndex(long micros) {
        long day = Math.floorDiv(micros, DAY);
        return (int) Math.floorDiv(day + 3, 7);
    }

    /** Events, persons, sessions, date range and the top {@code top} event types of a selection. */
    public static Overview overview(Selection selection, int top) {
        EventFrame f = selection.frame();
        int[] perType = new int[f.typeCount()];
        int events = 0;
        int sessions = 0;
        int persons = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int lastSession = -1;
        int lastPerson = -1;
        for (int i = 0; i < f.size; i++) {
            if (!selection.includes(i)) {
                continue;
            }
            events++;
            perType[f.type[i]]++;
            first = Math.min(first, f.time[i]);
            last = Math.max(last, f.time[i]);
            if (f.session[i] != lastSession) {
                lastSession = f.session[i];
                sessions++;
            }
            if (f.person[i] != lastPerson) {
                lastPerson = f.person[i];
                persons++;
            }
        }
        List<Integer> types = new ArrayList<>();
        for (int t = 0; t < perType.length; t++) {
            if (perType[t] > 0) {
                types.add(t);
            }
        }
        types.sort(Comparator.<Integer>comparingInt(t -> -perType[t]).thenComparing(t -> f.typeNames[t]));
        List<Overview.TypeCount> topEvents = new ArrayList<>();
        for (int r = 0; r < Math.min(top, types.size()); r++) {
            int t = types.get(r);
            topEvents.add(new Overview.TypeCount(f.typeNames[t], perType[t], (double) perType[t] / events));
        }
        return events == 0 ? new Overview(0, 0, 0, 0, 0, topEvents)
                : new Overview(events, persons, sessions, first, last, topEvents);
    }
}
