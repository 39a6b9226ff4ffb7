package org.journeyexplorer.analysis;

import org.journeyexplorer.domain.EventColumns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small {@link EventColumns} by hand for tests: one {@link #row} per event, in storage order. */
public final class TestLogs {
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final List<Boolean> anonymousKind = new ArrayList<>();
    private final Map<String, Integer> types = new LinkedHashMap<>();
    private final List<int[]> rows = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    /** A row; {@code user} or {@code anonymous} may be null. */
    public TestLogs row(String user, String anonymous, long timeMicros, String type) {
        int u = user == null ? -1 : id(user, false);
        int a = anonymous == null ? -1 : id(anonymous, true);
        int t = types.computeIfAbsent(type, k -> types.size());
        rows.add(new int[]{u, a, t});
        times.add(timeMicros);
        return this;
    }

    /** Registers event type names in this order before any row uses them. */
    public TestLogs types(String... names) {
        for (String n : names) {
            types.computeIfAbsent(n, k -> types.size());
        }
        return this;
    }

    private int id(String name, boolean anon) {
        return ids.computeIfAbsent(name, k -> {
            anonymousKind.add(anon);
            return ids.size();
        });
    }

    public EventColumns columns() {
        int n = rows.size();
        int[] u = new int[n];
        int[] a = new int[n];
        int[] t = new int[n];
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            u[i] = rows.get(i)[0];
            a[i] = rows.get(i)[1];
            t[i] = rows.get(i)[2];
            time[i] = times.get(i);
        }
        boolean[] kind = new boolean[anonymousKind.size()];
        for (int i = 0; i < kind.length; i++) {
            kind[i] = anonymousKind.get(i);
        }
        return new EventColumns(n, u, a, time, t, ids.keySet().toArray(String[]::new), kind,
                types.keySet().toArray(String[]::new));
    }
}
