package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.EventFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-written frames for tests: one person per string, sessions separated by "|", events by spaces. */
public final class TinyFrames {
    private TinyFrames() {
    }

    /** E.g. {@code of("a b c", "a c | b")}: person 0 has one session a,b,c; person 1 two sessions. */
    public static EventFrame of(String... persons) {
        Map<String, Integer> types = new LinkedHashMap<>();
        List<Integer> person = new ArrayList<>();
        List<Integer> type = new ArrayList<>();
        List<Integer> session = new ArrayList<>();
        List<Integer> sessionStart = new ArrayList<>();
        List<Integer> personStart = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int s = 0;
        for (int p = 0; p < persons.length; p++) {
            personStart.add(person.size());
            names.add("p" + p);
            for (String sess : persons[p].split("\\|")) {
                sessionStart.add(person.size());
                for (String e : sess.trim().split("\\s+")) {
                    person.add(p);
                    type.add(types.computeIfAbsent(e, k -> types.size()));
                    session.add(s);
                }
                s++;
            }
        }
        int n = person.size();
        sessionStart.add(n);
        personStart.add(n);
        long[] time = new long[n];
        int[] row = new int[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1_700_000_000_000_000L + i * 10_000_000L; // 10 s apart
            row[i] = i;
        }
        return new EventFrame(ints(person), time, ints(type), ints(session), ints(sessionStart), ints(personStart),
                row, types.keySet().toArray(new String[0]), names.toArray(new String[0]));
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
