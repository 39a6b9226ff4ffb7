package org.journeyexplorer.flink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the job says about model files it cannot score with. (That it scores a model the app exported exactly as
 * the app's {@code predict} does is {@link DemoEquivalenceTest}.)
 */
class PortableScorersTest {

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
