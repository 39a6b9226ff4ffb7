package org.journeyexplorer.analysis;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;

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
    /** Per row: e-mail, phone, device and network key text (null when absent). */
    private final List<String[]> rowKeys = new ArrayList<>();

    /** A row; {@code user} or {@code anonymous} may be null. */
    public TestLogs row(String user, String anonymous, long timeMicros, String type) {
        int u = user == null ? -1 : id(user, false);
        int a = anonymous == null ? -1 : id(anonymous, true);
        int t = types.computeIfAbsent(type, k -> types.size());
        rows.add(new int[]{u, a, t});
        times.add(timeMicros);
        rowKeys.add(new String[4]);
        return this;
    }

    /** A row with contact keys; any argument may be null. */
    public TestLogs row(String user, String anonymous, long timeMicros, String type, String email, String phone) {
        return row(user, anonymous, timeMicros, type, email, phone, null, null);
    }

    /** A row with contact keys and device / network signals; any argument may be null. */
    public TestLogs row(String user, String anonymous, long timeMicros, String type, String email, String phone,
                        String device, String network) {
        row(user, anonymous, timeMicros, type);
        rowKeys.set(rowKeys.size() - 1, new String[]{email, phone, device, network});
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
                types.keySet().toArray(String[]::new), keys(n));
    }

    private KeyColumns keys(int n) {
        Map<String, Integer> dict = new LinkedHashMap<>();
        List<Byte> kinds = new ArrayList<>();
        int[][] cols = new int[4][];
        byte[] kindOf = {KeyColumns.EMAIL, KeyColumns.PHONE, KeyColumns.DEVICE, KeyColumns.NETWORK};
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < 4; k++) {
                String v = rowKeys.get(r)[k];
                if (v == null) {
                    continue;
                }
                if (cols[k] == null) {
                    cols[k] = KeyColumns.emptyColumn(n);
                }
                byte kind = kindOf[k];
                cols[k][r] = dict.computeIfAbsent(kind + ":" + v, x -> {
                    kinds.add(kind);
                    return dict.size();
                });
            }
        }
        if (dict.isEmpty()) {
            return KeyColumns.NONE;
        }
        byte[] kb = new byte[kinds.size()];
        for (int i = 0; i < kb.length; i++) {
            kb[i] = kinds.get(i);
        }
        return new KeyColumns(cols[0], cols[1], cols[2], cols[3], dict.keySet().toArray(String[]::new), kb);
    }
}
