package org.journeyexplorer.project;

import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A frame rule keys the cached frames: rules made alike are equal with equal hashes, and a rule that differs in any
 * one part (an identity setting, the timeout, a start or end type, the length limit) is another rule.
 */
class FrameRuleEqualityTest {

    @Test
    void rulesAreEqualExactlyWhenEveryPartIs() {
        IdentitySettings id = IdentitySettings.DEFAULT;
        SessionRule s = new SessionRule(1_800_000_000L, Set.of("open"), Set.of("close"), 0);
        FrameRule rule = new FrameRule(id, s);
        FrameRule same = new FrameRule(IdentitySettings.of(true).withDetached(Set.of()),
                new SessionRule(1_800_000_000L, Set.of("open"), Set.of("close"), 0));
        assertEquals(rule, same);
        assertEquals(rule.hashCode(), same.hashCode());
        List<FrameRule> others = List.of(
                new FrameRule(id.withStitch(false), s),
                new FrameRule(id.withEmailJoinsAccounts(false), s),
                new FrameRule(id.withPhoneJoinsAccounts(true), s),
                new FrameRule(id.withProbabilistic(true), s),
                new FrameRule(id.withThreshold(0.7), s),
                new FrameRule(id.withWindowMinutes(60), s),
                new FrameRule(id.withDetached(Set.of("u1")), s),
                new FrameRule(id, new SessionRule(1_800_000_001L, Set.of("open"), Set.of("close"), 0)),
                new FrameRule(id, new SessionRule(1_800_000_000L, Set.of(), Set.of("close"), 0)),
                new FrameRule(id, new SessionRule(1_800_000_000L, Set.of("open"), Set.of(), 0)),
                new FrameRule(id, new SessionRule(1_800_000_000L, Set.of("open"), Set.of("close"), 1)));
        for (FrameRule other : others) {
            assertNotEquals(rule, other, other.toString());
            assertNotEquals(other, rule, other.toString());
            assertEquals(other, new FrameRule(other.identity(), other.sessions()));
        }
        assertNotEquals(rule, null);
        assertNotEquals(rule.identity(), rule.sessions());
    }

    @Test
    void everyComponentIsOneThatEqualsCompares() {
        // equals and hashCode are written out (not generated), so a new component would be left out of them
        // silently: whoever adds one must add it there and to the list of differing rules above
        assertEquals(List.of("identity", "sessions"), names(FrameRule.class));
        assertEquals(List.of("stitch", "emailJoinsAccounts", "phoneJoinsAccounts", "probabilistic", "threshold",
                "windowMinutes", "detached"), names(IdentitySettings.class));
        assertEquals(List.of("timeoutMicros", "startTypes", "endTypes", "maxLengthMicros"), names(SessionRule.class));
    }

    private static List<String> names(Class<? extends Record> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
