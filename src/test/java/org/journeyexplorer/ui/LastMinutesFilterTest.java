package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The "only the last N minutes" quick filter counts back from the newest event of the frame. */
class LastMinutesFilterTest {
    private static final long MIN = 60_000_000L;
    private static final long T0 = LocalDate.of(2025, 10, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;

    @Test
    void windowEndsAtTheNewestEventAndNarrowsADateRange() {
        FilterSettings f = FilterSettings.NONE.withLastMinutes(15);
        Filter a = f.toFilter(T0 + 40 * MIN);
        assertEquals(T0 + 25 * MIN, a.fromMicros());
        assertEquals(T0 + 40 * MIN + 1, a.toMicros());
        // without a newest event the window is left out rather than guessed
        assertEquals(Long.MIN_VALUE, f.toFilter().fromMicros());
        // both hold: a day that ends before the window leaves an empty range, a day around it the window
        Filter b = new FilterSettings(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 9, 30), Set.of(), ZoneOffset.UTC)
                .withLastMinutes(15).toFilter(T0 + 40 * MIN);
        assertEquals(b.fromMicros(), b.toMicros());
        Filter c = new FilterSettings(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1), Set.of(), ZoneOffset.UTC)
                .withLastMinutes(15).toFilter(T0 + 40 * MIN);
        assertEquals(T0 + 25 * MIN, c.fromMicros());
        assertEquals(T0 + 40 * MIN + 1, c.toMicros());
        assertEquals(0, FilterSettings.NONE.withLastMinutes(-3).lastMinutes());
    }

    @Test
    void keepsTheEventsOfTheLastMinutesOfTheFrame() {
        // one person, events at minutes 0, 10, 20, 30, 40
        int n = 5;
        int[] user = new int[n];
        int[] anon = {-1, -1, -1, -1, -1};
        long[] time = new long[n];
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            time[i] = T0 + i * 10 * MIN;
            type[i] = i % 2;
        }
        EventColumns c = new EventColumns(n, user, anon, time, type, new String[]{"u1"}, new boolean[]{false},
                new String[]{"view", "buy"});
        EventFrame frame = FrameBuilder.build(c, true, SessionRule.timeout(30 * MIN), TaskContext.NONE).frame();
        assertEquals(T0 + 40 * MIN, StoreBackend.newest(frame));
        FilterSettings last15 = FilterSettings.NONE.withLastMinutes(15);
        assertEquals(2, last15.toFilter(StoreBackend.newest(frame)).apply(frame, null).count());
        assertEquals(5, FilterSettings.NONE.toFilter(StoreBackend.newest(frame)).apply(frame, null).count());
    }
}
