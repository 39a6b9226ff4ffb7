package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds small {@link EventFrame}s from readable sequences, one string per person:
 * {@code "p1: a b c | d e"} is person p1 with sessions [a b c] and [d e]. Events are one minute apart and a
 * session break adds an hour; {@code b@10} puts b at minute 10 after the base time, and the suffixes
 * {@code s m h d} give other units ({@code c@90s}, {@code d@2d}). The base time is Monday 2024-01-01 00:00 UTC.
 */
public final class FrameFixture {
    static final long BASE = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z in µs
    static final long MIN = 60_000_000L;

    private FrameFixture() {
    }

    public static EventFrame frame(String... persons) {
        List<Integer> person = new ArrayList<>();
        List<Long> time = new ArrayList<>();
        List<Integer> type = new ArrayList<>();
        List<Integer> session = new ArrayList<>();
        List<Integer> sessionStart = new ArrayList<>();
        List<Integer> personStart = new ArrayList<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        int s = -1;
        for (int p = 0; p < persons.length; p++) {
            String line = persons[p];
            int colon = line.indexOf(':');
            names.add(line.substring(0, colon).trim());
            personStart.add(person.size());
            long t = BASE - MIN;
            for (String part : line.substring(colon + 1).split("\\|")) {
                s++;
                sessionStart.add(person.size());
                if (s > 0 && !person.isEmpty() && person.get(person.size() - 1) == p) {
                    t += 60 * MIN;
                }
                for (String tok : part.trim().split("\\s+")) {
                    if (tok.isEmpty()) {
                        continue;
                    }
                    String name = tok;
                    int at = tok.indexOf('@');
                    if (at >= 0) {
                        name = tok.substring(0, at);
                        t = BASE + duration(tok.substring(at + 1));
                    } else {
                        t += MIN;
                    }
                    person.add(p);
                    time.add(t);
                    type.add(types.computeIfAbsent(name, k -> types.size()));
                    session.add(s);
                }
            }
        }
        sessionStart.add(person.size());
        personStart.add(person.size());
        int n = person.size();
        int[] src = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = i;
        }
        return new EventFrame(ints(person), time.stream().mapToLong(Long::longValue).toArray(), ints(type),
                ints(session), ints(sessionStart), ints(personStart), src, types.keySet().toArray(new String[0]),
                names.toArray(new String[0]));
    }

    static long duration(String text) {
        char unit = text.charAt(text.length() - 1);
        if (Character.isDigit(unit)) {
            return Long.parseLong(text) * MIN;
        }
        long v = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (unit) {
            case 's' -> v * 1_000_000L;
            case 'm' -> v * MIN;
            case 'h' -> v * 60 * MIN;
            case 'd' -> v * 24 * 60 * MIN;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A frame of {@code persons} persons with random sessions, event types drawn from a skewed distribution. */
    public static EventFrame random(Random r, int types, int persons) {
        List<Integer> person = new ArrayList<>();
        List<Long> time = new ArrayList<>();
        List<Integer> type = new ArrayList<>();
        List<Integer> sessionStart = new ArrayList<>();
        int[] personStart = new int[persons + 1];
        for (int p = 0; p < persons; p++) {
            personStart[p] = person.size();
            long t = 1_700_000_000_000_000L + r.nextInt(1_000_000) * 1_000_000L;
            int sessions = 1 + r.nextInt(3);
            for (int s = 0; s < sessions; s++) {
                sessionStart.add(person.size());
                int len = 1 + r.nextInt(12);
                for (int e = 0; e < len; e++) {
                    person.add(p);
                    // repeats of the same gap make ties, which the nearest-rank rule must handle
                    t += r.nextInt(4) == 0 ? 5_000_000L : r.nextInt(600) * 1_000_000L;
                    time.add(t);
                    // skewed: a few types are common, many are rare, like a shop's product pages
                    type.add(r.nextBoolean() ? r.nextInt(Math.min(types, 8)) : r.nextInt(types));
                }
                t += 3_600_000_000L;
            }
        }
        int n = person.size();
        personStart[persons] = n;
        sessionStart.add(n);
        int[] session = new int[n];
        for (int s = 0; s + 1 < sessionStart.size(); s++) {
            for (int i = sessionStart.get(s); i < sessionStart.get(s + 1); i++) {
                session[i] = s;
            }
        }
        String[] names = new String[types];
        for (int i = 0; i < types; i++) {
            names[i] = "type " + i;
        }
        String[] personNames = new String[persons];
        for (int p = 0; p < persons; p++) {
            personNames[p] = "p" + p;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return new EventFrame(person.stream().mapToInt(Integer::intValue).toArray(),
                time.stream().mapToLong(Long::longValue).toArray(), type.stream().mapToInt(Integer::intValue).toArray(),
                session, sessionStart.stream().mapToInt(Integer::intValue).toArray(), personStart, rows, names,
                personNames);
    }
}
