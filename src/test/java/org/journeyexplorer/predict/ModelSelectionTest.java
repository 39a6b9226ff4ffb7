package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSelectionTest {

    /** x a b / y a c: what follows a depends on the event before it, so order 1 cannot be right after a. */
    private static Sequences secondOrderCorpus(int n, long seed) {
        Random random = new Random(seed);
        List<List<String>> corpus = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            corpus.add(random.nextBoolean() ? List.of("x", "a", "b") : List.of("y", "a", "c"));
        }
        return Sequences.ofNames(corpus);
    }

    @Test
    void validationChoosesAContextLongEnough() {
        Sequences train = secondOrderCorpus(400, 1);
        ModelSelection.Result r = ModelSelection.select(train, Evaluation.Targets.TAX, TaskContext.NONE);
        assertTrue(r.chosen().order() >= 2, r.chosen().describe());
        // Only position 2 is a target per case, and it is fully determined by the first event.
        ModelSelection.Candidate c = r.chosenCandidate();
        assertEquals(c.score().predictions(), c.score().hits());
        // The reference chain is scored too and is right only about half of the time.
        ModelSelection.Candidate ref = r.candidates().stream()
                .filter(x -> x.config().equals(ModelConfig.firstOrder())).findFirst().orElseThrow();
        assertTrue(ref.score().accuracy() < 0.7, ref.toString());
        assertEquals(3, r.folds());
        assertEquals(80, r.validationSequences());
    }

    @Test
    void anOverrideIsScoredButNotSearched() {
        Sequences train = secondOrderCorpus(100, 2);
        ModelSelection.Result r = ModelSelection.select(train, List.of(ModelConfig.markov(1, 2)),
                Evaluation.Targets.TAX, TaskContext.NONE);
        assertEquals(ModelConfig.markov(1, 2), r.chosen());
        assertEquals(1, r.candidates().size());
    }
}
