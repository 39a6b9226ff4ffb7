package org.journeyexplorer.flink;

import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.domain.EventColumns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The app's demo events as Kafka messages: in time order, keyed by device so each device keeps its order. */
final class DemoEvents {
    private DemoEvents() {
    }

    static EventColumns columns(int events, long seed) {
        return DemoGenerator.generateColumns(events, seed);
    }

    static List<String[]> messages(EventColumns c) {
        int[] order = IntStream.range(0, c.size()).boxed()
                .sorted(Comparator.comparingLong(i -> c.timeMicros()[i])).mapToInt(Integer::intValue).toArray();
        List<String[]> out = new ArrayList<>(c.size());
        for (int i : order) {
            String user = c.user().get(i) < 0 ? null : c.identities()[c.user().get(i)];
            String device = c.anonymous().get(i) < 0 ? null : c.identities()[c.anonymous().get(i)];
            out.add(new String[]{device != null ? device : user, StreamFixture.event(user, device,
                    Outputs.time(c.timeMicros()[i]), c.eventTypes()[c.eventType()[i]])});
        }
        return out;
    }

    /** Event time far after the demo's last event: every demo session has ended by then. */
    static String after(EventColumns c) {
        long max = 0;
        for (int i = 0; i < c.size(); i++) {
            max = Math.max(max, c.timeMicros()[i]);
        }
        return Outputs.time(max + 86_400_000_000L);
    }
}
