package org.journeyexplorer.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A request from a chart to show the journeys behind a mark (a Sankey node, a heatmap cell, a funnel step) in the
 * Journeys tab.
 * <p>
 * Session indices belong to the frame the mark was computed on. The frame is rebuilt when events are imported,
 * streamed in or removed, and then the same index names another session; so a drill-down also keeps its sessions
 * by person and time span ({@link #on(EventFrame)} finds them again in a newer frame).
 *
 * @param description what was clicked, shown above the filtered journeys ("Sessions with search → view_item")
 * @param sessions    the session indices that match in the frame the mark was computed on, ascending
 * @param anchors     the same sessions as person name and first and last event time, in the same order
 */
public record Drilldown(String description, int[] sessions, Anchors anchors) {

    /** The drilled sessions of {@code frame} (indices into it, ascending). */
    public static Drilldown of(String description, int[] sessions, EventFrame frame) {
        return new Drilldown(description, sessions, Anchors.of(frame, sessions));
    }

    /** The same sessions under another description. */
    public Drilldown withDescription(String newDescription) {
        return new Drilldown(newDescription, sessions, anchors);
    }

    /**
     * The drilled sessions in {@code frame}: every session of the same person (by name) whose time span overlaps a
     * drilled one. On the frame the drill-down was made on these are its own sessions; in a rebuilt frame a
     * session that grew with new events is still found, and one whose person is gone is not.
     */
    public int[] on(EventFrame frame) {
        return anchors.find(frame);
    }

    /** The first {@code n} session indices of {@code found} (in any order, repeats allowed), ascending and distinct. */
    public static int[] sessions(int[] found, int n) {
        int[] s = Arrays.copyOf(found, n);
        Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[u++] = s[i];
            }
        }
        return Arrays.copyOf(s, u);
    }

    /** Drilled sessions by person name and time span (µs), ordered by person then time as in a frame. */
    public record Anchors(String[] person, long[] start, long[] end) {

        static Anchors of(EventFrame f, int[] sessions) {
            String[] person = new String[sessions.length];
            long[] start = new long[sessions.length];
            long[] end = new long[sessions.length];
            for (int k = 0; k < sessions.length; k++) {
                int s = sessions[k];
                int first = f.sessionStart[s];
                int last = f.sessionStart[s + 1] - 1;
                person[k] = f.personNames[f.personOf(first)];
                start[k] = f.time.get(first);
                end[k] = f.time.get(last);
            }
            return new Anchors(person, start, end);
        }

        int[] find(EventFrame f) {
            Map<String, Integer> firstOf = new HashMap<>();
            for (int k = person.length - 1; k >= 0; k--) {
                firstOf.put(person[k], k); // a person's anchors are one run, in time order
            }
            int[] out = new int[Math.max(16, person.length)];
            int n = 0;
            for (int p = 0; p < f.personCount() && !firstOf.isEmpty(); p++) {
                Integer from = firstOf.get(f.personNames[p]);
                if (from == null || f.personStart[p] == f.personStart[p + 1]) {
                    continue;
                }
                int k = from;
                int lastSession = f.sessionOf(f.personStart[p + 1] - 1);
                for (int s = f.sessionOf(f.personStart[p]); s <= lastSession; s++) {
                    long t0 = f.time.get(f.sessionStart[s]);
                    long t1 = f.time.get(f.sessionStart[s + 1] - 1);
                    while (k < person.length && person[k].equals(person[from]) && end[k] < t0) {
                        k++; // anchors that end before this session cannot overlap a later one either
                    }
                    if (k < person.length && person[k].equals(person[from]) && start[k] <= t1) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = s;
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
