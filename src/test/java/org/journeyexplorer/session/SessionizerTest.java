package org.journeyexplorer.session;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionizerTest {
    private static final long MIN = 60_000_000L;

    @Test
    void splitsOnlyWhenTheGapExceedsTheTimeout() {
        int[] person = {0, 0, 0, 0, 0, 1, 1};
        long[] time = {0, 0, 30 * MIN, 60 * MIN + 1, 60 * MIN + 1, 0, 30 * MIN + 1};
        int[] type = new int[7];
        Sessions s = Sessionizer.sessionize(person, time, type, new String[]{"x"}, SessionRule.defaults(),
                TaskContext.NONE);
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 3}, s.session());
        assertArrayEquals(new int[]{0, 3, 5, 6, 7}, s.sessionStart());
        Sessions none = Sessionizer.sessionize(new int[0], new long[0], new int[0], new String[0],
                SessionRule.defaults(), TaskContext.NONE);
        assertEquals(0, none.count());
        assertArrayEquals(new int[]{0}, none.sessionStart());
    }

    @Test
    void encodeDecodeRoundTripsAndRejectsOtherEvents() {
        Random r = new Random(1);
        for (int round = 0; round < 50; round++) {
            int n = r.nextInt(500);
            int[] person = new int[n];
            long[] time = new long[n];
            for (int i = 1; i < n; i++) {
                person[i] = person[i - 1] + (r.nextInt(7) == 0 ? 1 : 0);
                time[i] = person[i] != person[i - 1] ? 0 : time[i - 1] + r.nextInt(60) * MIN;
            }
            Sessions s = Sessionizer.sessionize(person, time, new int[n], new String[]{"x"},
                    SessionRule.defaults(), TaskContext.NONE);
            Sessions back = Sessionizer.decode(Sessionizer.encode(s), n);
            assertArrayEquals(s.session(), back.session());
            assertArrayEquals(s.sessionStart(), back.sessionStart());
            byte[] bytes = Sessionizer.encode(s);
            assertThrows(UserFacingException.class, () -> Sessionizer.decode(bytes, n + 1));
        }
        assertThrows(UserFacingException.class, () -> Sessionizer.decode(new byte[]{0, 1}, 0));
    }

    @Test
    void rulesParseDurationsAndHaveStableKeys() {
        assertEquals(30 * MIN, SessionRule.parseDurationMicros("30m"));
        assertEquals(30 * MIN, SessionRule.parseDurationMicros("30"));
        assertEquals(90_000_000L, SessionRule.parseDurationMicros("90s"));
        assertEquals(2 * 60 * MIN, SessionRule.parseDurationMicros("2h"));
        assertEquals(1_500_000L, SessionRule.parseDurationMicros("1500ms"));
        assertEquals(MIN / 2, SessionRule.parseDurationMicros("0.5m"));
        assertThrows(IllegalArgumentException.class, () -> SessionRule.parseDurationMicros("soon"));
        assertThrows(IllegalArgumentException.class, () -> SessionRule.parseDurationMicros("-5m"));
        SessionRule a = new SessionRule(30 * MIN, Set.of("app_open", "login"), Set.of("logout"), 0);
        SessionRule b = new SessionRule(30 * MIN, Set.of("login", "app_open"), Set.of("logout"), 0);
        assertEquals(a.key(), b.key());
        assertNotEquals(a.key(), SessionRule.defaults().key());
        assertNotEquals(SessionRule.timeout(30 * MIN).key(), SessionRule.timeout(31 * MIN).key());
        List.of(a, b).forEach(x -> assertEquals("timeout=1800000000;start=app_open|login;end=logout;max=0", x.key()));
    }
}
