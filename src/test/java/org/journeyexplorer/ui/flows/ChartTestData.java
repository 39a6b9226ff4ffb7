package org.journeyexplorer.ui.flows;

import org.journeyexplorer.ui.FakeBackend;

/** A small hand-written log for the chart UI tests; every journey is one session (events 10 s apart). */
public final class ChartTestData {
    private ChartTestData() {
    }

    public static FakeBackend backend() {
        FakeBackend b = new FakeBackend();
        int p = 0;
        p = add(b, p, 6, "home search view buy");
        p = add(b, p, 4, "home search search view");
        p = add(b, p, 3, "home about");
        p = add(b, p, 2, "search view buy");
        add(b, p, 2, "home view home view home view home view");
        return b;
    }

    private static int add(FakeBackend b, int person, int times, String journey) {
        for (int k = 0; k < times; k++) {
            String[] events = journey.split(" ");
            for (int i = 0; i < events.length; i++) {
                b.add("p" + person, i * 10L, events[i]);
            }
            person++;
        }
        return person;
    }
}
