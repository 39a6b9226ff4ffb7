package org.journeyexplorer.store;

import org.journeyexplorer.domain.ParsedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random events with every shape the store must keep: missing ids, shared values, properties or none. */
public final class GeneratedEvents {
    private GeneratedEvents() {
    }

    public static List<ParsedEvent> generate(long seed, int n, String idPrefix) {
        Random r = new Random(seed);
        List<ParsedEvent> out = new ArrayList<>(n);
        long t = 1_600_000_000_000_000L + r.nextInt(1_000_000);
        for (int i = 0; i < n; i++) {
            t += r.nextInt(5_000_000) - 1_000_000; // mostly increasing, sometimes back
            int shape = r.nextInt(10);
            String person = shape < 7 ? idPrefix + "u" + r.nextInt(Math.max(1, n / 20)) : null;
            // the same text as a user id and as an anonymous id are two identities
            String anon = shape >= 4 || person == null ? idPrefix + "u" + r.nextInt(Math.max(1, n / 10)) : null;
            String type = "evt_" + r.nextInt(12) + (r.nextInt(50) == 0 ? "_ünïcode ✓" : "");
            String props = r.nextInt(3) == 0 ? null : "{\"k\":" + r.nextInt(1000) + ",\"s\":\"é" + i + "\"}";
            out.add(new ParsedEvent(i + 2, person, anon, t, type, props));
        }
        return out;
    }
}
