package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaxProtocolTest {

    @Test
    void splitArithmetic() {
        assertEquals(1268, TaxProtocol.e(3804));
        assertEquals(2536, TaxProtocol.trainCount(3804));
        assertEquals(4, TaxProtocol.e(10)); // 11/3 = 3.67
        assertEquals(8, TaxProtocol.trainCount(10));
        assertEquals(2, TaxProtocol.e(5)); // 6/3 = 2
        assertEquals(4, TaxProtocol.trainCount(5));
        assertEquals(4, TaxProtocol.trainCount(4)); // 5/3 = 1.67 → e = 2, all cases train
        assertEquals(507, ModelSelection.validationCount(2536));
    }

    @Test
    void predictsFromTheThirdEventOnAndNeverTheEnd() {
        Sequences s = Sequences.ofNames(List.of(List.of("a"), List.of("a", "b"), List.of("a", "b", "c"),
                List.of("a", "b", "c", "d", "e")));
        NextStepModel m = NextStepModel.train(s, ModelConfig.firstOrder());
        // Lengths 1, 2, 3, 5 → 0 + 0 + 1 + 3 targets (c; c, d, e), all predictable after one pass: a→b, b→c...
        Evaluation.Score score = Evaluation.score(m, s, Evaluation.Targets.TAX);
        assertEquals(4, score.predictions());
        // Order 1 from the same data: after b: c2 END1 → c; after c: END1 d1 → d (lower index wins the tie);
        // after d → e. All four right.
        assertEquals(4, score.hits());
        Evaluation.Score all = Evaluation.score(m, s, Evaluation.Targets.ALL);
        // Every position of every case plus its end: 1 + 2 + 3 + 5.
        assertEquals(11, all.predictions());
    }

    @Test
    void helpdeskReachesThePublishedLstmAccuracy() throws Exception {
        Sequences cases = SimpleCsv.read(Path.of("src/test/resources/data/helpdesk.csv"), "CaseID", "ActivityID",
                "CompleteTimestamp");
        assertEquals(3804, cases.size());
        assertEquals(13710, cases.eventCount());
        TaxProtocol.Result r = TaxProtocol.run(cases, null, TaskContext.NONE);
        assertEquals(2536, r.trainCases());
        // Every event of a test case from the third on, counted independently here.
        int expected = 0;
        for (int i = 2536; i < cases.size(); i++) {
            expected += Math.max(0, cases.types(i).length - 2);
        }
        assertEquals(expected, r.report().model().predictions());
        assertEquals(0.6944, r.report().baseline().accuracy(), 0.0005);
        assertTrue(r.report().model().accuracy() >= 0.7123, () -> "accuracy " + r.report().model().accuracy());
    }
}
