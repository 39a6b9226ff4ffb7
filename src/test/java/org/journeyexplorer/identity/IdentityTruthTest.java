package org.journeyexplorer.identity;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity graph against the demo generator's known truth. */
class IdentityTruthTest {
    private static final int EVENTS = 40_000;

    @Test
    void deterministicMatchingFindsExactlyTheGeneratorsEvidence() {
        EventColumns c = DemoGenerator.generateColumns(EVENTS, 42);
        List<String[]> truth = DemoGenerator.truthRows(EVENTS, 42);
        IdentityResolution r = IdentityResolver.resolve(c, IdentitySettings.DEFAULT, TaskContext.NONE);
        IdentityEvaluation.Scores byGroup = IdentityEvaluation.score(r, c.identities(), c.identityIsAnonymous(), truth,
                true);
        IdentityEvaluation.Scores byPerson = IdentityEvaluation.score(r, c.identities(), c.identityIsAnonymous(),
                truth, false);
        System.out.printf("deterministic: %s, vs persons %s%n", byGroup, byPerson);
        assertTrue(byGroup.truth() > 1000, "pairs the evidence ties: " + byGroup.truth());
        assertEquals(1.0, byGroup.precision(), 0.0, byGroup.toString());
        assertEquals(1.0, byGroup.recall(), 0.0, byGroup.toString());
        assertEquals(1.0, byPerson.precision(), 0.0, byPerson.toString());
        assertTrue(byPerson.recall() < 1.0, "devices that never sign in cannot be found deterministically");
        IdentityReport rep = r.report();
        assertTrue(rep.joined().email() > 0 && rep.joined().phone() > 0 && rep.accountMergeCount() > 0,
                rep.joined() + " " + rep.accountMergeCount());
        assertOnlyKeysJoinAccounts(r);
    }

    @Test
    void probableLinksTradePrecisionForRecallAndNeverJoinTwoAccounts() {
        EventColumns c = DemoGenerator.generateColumns(EVENTS, 42);
        List<String[]> truth = DemoGenerator.truthRows(EVENTS, 42);
        IdentityEvaluation.Scores det = IdentityEvaluation.score(
                IdentityResolver.resolve(c, IdentitySettings.DEFAULT, TaskContext.NONE), c.identities(),
                c.identityIsAnonymous(), truth, false);
        double lastRecall = 2;
        double lastPrecision = 0;
        for (double t : new double[]{0.9, 0.7, 0.5}) {
            IdentityResolution r = IdentityResolver.resolve(c,
                    IdentitySettings.DEFAULT.withProbabilistic(true).withThreshold(t), TaskContext.NONE);
            IdentityEvaluation.Scores s = IdentityEvaluation.score(r, c.identities(), c.identityIsAnonymous(), truth,
                    false);
            System.out.printf("threshold %.1f: %s precision %.3f recall %.3f, %d probable links%n", t, s,
                    s.precision(), s.recall(), r.report().probableLinks().size());
            assertTrue(s.recall() > det.recall(), "probable links find more than the rules: " + s);
            assertOnlyKeysJoinAccounts(r);
            for (ProbableLink l : r.report().probableLinks()) {
                assertTrue(l.score() >= t && !l.signals().isEmpty(), l.toString());
            }
            lastRecall = s.recall();
            lastPrecision = s.precision();
        }
        assertTrue(lastPrecision < 1.0 || lastRecall < 1.0);
    }

    /** Every person with two or more user ids got the later ones by a shared e-mail key. */
    private static void assertOnlyKeysJoinAccounts(IdentityResolution r) {
        for (int p = 0; p < r.personCount(); p++) {
            List<IdentityGraph.Member> m = r.graph().members(p);
            if (m.stream().filter(x -> !x.anonymous()).count() > 1) {
                for (IdentityGraph.Member x : m) {
                    if (!x.anonymous() && x.joinedBy() != null) {
                        assertEquals(JoinRule.EMAIL, x.joinedBy(), x.toString());
                    }
                }
            }
        }
    }
}
