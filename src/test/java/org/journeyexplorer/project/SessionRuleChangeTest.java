package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A timeout (or start/end type) change re-cuts the cached frame's sessions instead of building the frame again: the
 * result must be exactly the frame a full build under the new rule gives, before and after an append.
 */
class SessionRuleChangeTest {
    private static final long MIN = 60_000_000L;

    @TempDir
    Path dir;

    /** Persons with ids that stitch (a device logging in), gaps of 1–90 minutes, out-of-order times, a few types. */
    private static List<ParsedEvent> events(Random r, int n, int firstMinute) {
        String[] types = {"view", "search", "cart", "buy", "login"};
        List<ParsedEvent> out = new ArrayList<>();
        long[] clock = new long[12];
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(clock.length);
            clock[p] += 1 + r.nextInt(90);
            long minute = firstMinute + clock[p] - (r.nextInt(8) == 0 ? r.nextInt(20) : 0);
            String user = r.nextInt(3) == 0 ? "u" + p : null;
            out.add(new ParsedEvent(0, user, "d" + (p / 2) + "-" + (p % 2), minute * MIN,
                    types[r.nextInt(types.length)], null));
        }
        return out;
    }

    private static StreamBatch batch(List<ParsedEvent> events) {
        return new StreamBatch("test:rules", "rules", events, List.of(), Map.of());
    }

    private static void assertSameFrame(BuiltFrame expected, BuiltFrame actual, String what) {
        IncrementalFramesTest.assertSameFrame(expected, actual, what);
        assertEquals(expected.rule(), actual.rule(), what + ": rule");
    }

    @Test
    void aNewSessionRuleRecutsTheCachedFrameExactlyAsAFullBuild() {
        Random r = new Random(16);
        try (ProjectSession s = ProjectSession.create(dir.resolve("p"))) {
            s.append(batch(events(r, 400, 0)));
            BuiltFrame first = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
            List<SessionRule> rules = List.of(SessionRule.timeout(5 * MIN), SessionRule.timeout(240 * MIN),
                    new SessionRule(30 * MIN, Set.of("login"), Set.of("buy"), 0),
                    new SessionRule(60 * MIN, Set.of(), Set.of(), 45 * MIN));
            for (SessionRule rule : rules) {
                FrameRule fr = new FrameRule(IdentitySettings.DEFAULT, rule);
                BuiltFrame recut = s.frame(fr, TaskContext.NONE);
                assertSame(first.frame().time, recut.frame().time, rule + ": the cached frame is re-cut, not rebuilt");
                BuiltFrame full = FrameBuilder.build(s.columns(TaskContext.NONE), IdentitySettings.DEFAULT, rule,
                        null, true, TaskContext.NONE);
                assertSameFrame(full, recut, rule.toString());
                assertNotEquals(first.frame().sessionCount(), recut.frame().sessionCount(),
                        rule + ": the rule must cut these events differently, or the test shows nothing");
            }
            // other identity rules order other persons: never taken from a frame of the default rules
            FrameRule unstitched = new FrameRule(IdentitySettings.of(false), SessionRule.timeout(5 * MIN));
            BuiltFrame own = s.frame(unstitched, TaskContext.NONE);
            assertNotSame(first.frame().time, own.frame().time);
            assertSameFrame(FrameBuilder.build(s.columns(TaskContext.NONE), IdentitySettings.of(false),
                    unstitched.sessions(), null, true, TaskContext.NONE), own, "unstitched");

            // a re-cut frame catches up with appends as a built one does
            FrameRule five = new FrameRule(IdentitySettings.DEFAULT, SessionRule.timeout(5 * MIN));
            s.prepareAppends(TaskContext.NONE);
            s.append(batch(events(r, 60, 2_000)));
            s.append(batch(events(r, 60, 4_000)));
            BuiltFrame caught = s.frame(five, TaskContext.NONE);
            assertEquals(520, caught.frame().size);
            assertSameFrame(FrameBuilder.build(s.columns(TaskContext.NONE), IdentitySettings.DEFAULT, five.sessions(),
                    null, true, TaskContext.NONE), caught, "after appends");
            assertSameFrame(FrameBuilder.build(s.columns(TaskContext.NONE), IdentitySettings.DEFAULT,
                    FrameRule.DEFAULT.sessions(), null, true, TaskContext.NONE),
                    s.frame(FrameRule.DEFAULT, TaskContext.NONE), "the first rule after appends");
        }
    }
}
