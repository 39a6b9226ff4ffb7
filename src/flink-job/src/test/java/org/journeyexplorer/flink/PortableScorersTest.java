package org.journeyexplorer.flink;

import org.journeyexplorer.predict.portable.ModelJson;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.portable.PortableModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the job says about model files it cannot score with. (That it scores a model the app exported exactly as
 * the app's {@code predict} does is {@link DemoEquivalenceTest}.)
 */
class PortableScorersTest {
    /**
     * Order 1, backoff (α = 0), events a, b, c: from the start always a; after a: b 3, end 1; after b: c 2, a 1;
     * conversion towards c.
     */
    static final String MODEL = """
            {"format":"journey-explorer-next-step-model","version":2,"events":["a","b","c"],
             "model":{"kind":"markov","order":1,"alpha":0,"features":[],"deep":false,"use_time":false,
              "contexts":{"keys":[0,18014398509481984,18014398509481985,8646911284551352320],
               "row_start":[0,4,6,8,9],"successors":[0,1,2,3,1,3,2,0,0],"counts":[5,3,2,4,3,1,2,1,4]}},
             "conversion":{"goal":"c","start":0.5,"by_last_event":[0.4,0.6,1]}}""";

    /** By hand: after a, b 3/4 and the end 1/4; after a b, c 2/3 and a 1/3; names outside the model left out. */
    @Test
    void scoresAPrefixAsWorkedOutByHand() {
        Scorer s = PortableScorers.load(MODEL);
        Scorer.Prediction p = s.score(new String[]{"a", "zz"}, 2);
        assertEquals(2, p.count());
        assertEquals("b", p.event(0));
        assertEquals(0.75, p.probability(0), 0.0);
        assertNull(p.event(1)); // the session ends
        assertEquals(0.25, p.probability(1), 0.0);
        assertEquals(0.4, p.conversion(), 0.0);
        p = s.score(new String[]{"a", "b"}, 2);
        assertEquals(List.of("c", "a"), List.of(p.event(0), p.event(1)));
        assertEquals(2 / 3.0, p.probability(0), 0.0);
        assertEquals(0.6, p.conversion(), 0.0);
        assertEquals(1.0, s.score(new String[]{"a", "b", "c", "a"}, 4).conversion(), 0.0); // the goal occurred
    }

    /**
     * One scorer (as one task keeps it) on prefixes of different sessions in turn, long and short, with unknown
     * names: every result equals the app's reader scoring that prefix afresh.
     */
    @Test
    void aReusedScorerGivesTheAppsNumbersForEveryPrefix() throws Exception {
        PortableModel app = ModelJson.read(new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8)));
        Scorer s = PortableScorers.load(MODEL);
        String[][] sessions = {{"a", "b", "c", "a", "b", "a", "b", "c", "c", "a", "b", "b", "a", "c", "a", "b", "a",
                "b", "a", "c"}, {"b", "x", "a"}, {"c"}, {"x"}, {"a", "a", "b"}};
        int compared = 0;
        for (int len = 1; len <= 20; len++) {
            for (String[] session : sessions) {
                if (len > session.length) {
                    continue;
                }
                // the job's session arrays are longer than the session: only the first len entries count
                String[] types = Arrays.copyOf(session, session.length + 3);
                Scorer.Prediction p = s.score(types, len);
                PortableModel.Scored expected = app.score(Arrays.asList(session).subList(0, len), null, 3);
                String at = Arrays.asList(session).subList(0, len).toString();
                assertEquals(expected.next().size(), p.count(), at);
                for (int i = 0; i < p.count(); i++) {
                    NextStep n = expected.next().get(i);
                    assertEquals(n.isEnd() ? null : n.name(), p.event(i), at);
                    assertEquals(n.probability(), p.probability(i), 0.0, at);
                }
                assertEquals(expected.conversion(), p.conversion(), 0.0, at);
                compared++;
            }
        }
        assertEquals(28, compared);
    }

    /**
     * Every output record names its model: the kind, when it was exported and a hash of the file, not the model's
     * description (a sentence that was a sixth of every score message).
     */
    @Test
    void theModelIdIsShort() {
        String hash = Integer.toHexString(MODEL.hashCode());
        assertEquals("markov #" + hash, PortableScorers.load(MODEL).id()); // no "source" in this file
        String exported = MODEL.replace("\"version\":2,", "\"version\":2,\"description\":\"" + "order 1, backoff; "
                .repeat(10) + "\",\"source\":{\"project\":\"shop\",\"created\":\"2026-12-06T01:59:07Z\"},");
        assertEquals("markov 2026-12-06T01:59:07Z #" + Integer.toHexString(exported.hashCode()),
                PortableScorers.load(exported).id());
    }

    @Test
    void somethingElseIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortableScorers.load("{\"hello\":1}"));
        assertEquals("Cannot score with this model: not a Journey Explorer model file (no \"format\": "
                + "\"journey-explorer-next-step-model\").", e.getMessage());
    }

    /** A model of a kind this job's reader does not know yet (a newer app) is refused by name, not misread. */
    @Test
    void anUnknownModelKindIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortableScorers.load("{\"format\":\"journey-explorer-next-step-model\",\"version\":1,"
                        + "\"events\":[\"a\",\"b\"],\"model\":{\"kind\":\"tomorrows-learner\"}}"));
        assertTrue(e.getMessage().startsWith("Cannot score with this model: ")
                && e.getMessage().contains("'tomorrows-learner'") && !e.getMessage().contains("Exception"),
                e.getMessage());
    }
}
