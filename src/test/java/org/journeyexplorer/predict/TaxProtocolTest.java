package org.journeyexplorer.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void whereTheEndIsNeverATargetTheAnswerIsTheNextActivityGivenOneFollows() {
        // after b: 3 cases end, 1 goes on to c. Asked (Tax) about [a, b, c]'s third event, which exists by the
        // protocol's choice of positions, the answer is c: "the case ends" would be a miss by construction
        Sequences train = Sequences.ofNames(List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"),
                List.of("a", "b", "c")));
        NextStepModel m = NextStepModel.train(train, ModelConfig.firstOrder());
        Sequences test = Sequences.ofNames(List.of(List.of("a", "b", "c")));
        Evaluation.Score tax = Evaluation.score(m, test, Evaluation.Targets.TAX);
        assertEquals(1, tax.predictions());
        assertEquals(1, tax.hits(), "c, the only activity ever seen after b");
        assertEquals(0, tax.logLoss(), 1e-9, "c's probability given that an activity follows b: 1");
        // where leaving is a target too, it stays an answer: after b the end is the first choice (3 of 4)
        Evaluation.Score all = Evaluation.score(m, test, Evaluation.Targets.ALL);
        assertEquals(3, all.predictions());
        assertEquals(2, all.hits(), "b after a, the end after c; not c after b");
        // the report scores the model and the baseline the same way
        Evaluation.Report r = Evaluation.evaluate(m, m, test, Evaluation.Targets.TAX);
        assertEquals(1, r.model().hits());
        assertEquals(1, r.baseline().hits());
    }

    @Test
    void importersReadHelpdeskLikeANaiveReader() throws Exception {
        Path file = Path.of("src/test/resources/data/helpdesk.csv");
        Sequences viaIngest = CaseLogs.read(file, TaskContext.NONE).sequences();
        Sequences naive = SimpleCsv.read(file, "CaseID", "ActivityID", "CompleteTimestamp");
        assertEquals(3804, viaIngest.size());
        assertEquals(13710, viaIngest.eventCount());
        assertEquals(9, viaIngest.typeCount());
        for (int i = 0; i < naive.size(); i++) {
            assertEquals(naive.id(i), viaIngest.id(i));
            assertArrayEquals(naive.times(i), viaIngest.times(i));
            for (int j = 0; j < naive.types(i).length; j++) {
                assertEquals(naive.typeName(naive.types(i)[j]), viaIngest.typeName(viaIngest.types(i)[j]));
            }
        }
    }

    @Test
    void caseLogsOfferCategoricalEventAttributes() throws Exception {
        Sequences s = CaseLogs.read(Path.of("src/test/resources/data/running-example.xes"), TaskContext.NONE)
                .sequences();
        assertEquals(6, s.size());
        assertEquals(42, s.eventCount());
        List<String> names = new java.util.ArrayList<>();
        for (int a = 0; a < s.attributeCount(); a++) {
            names.add(s.attributeName(a));
        }
        // Resource has a handful of values on every event; the helpdesk CSV has no columns beyond the roles.
        assertTrue(names.stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("resource")),
                names.toString());
        assertEquals(0, CaseLogs.read(Path.of("src/test/resources/data/helpdesk.csv"), TaskContext.NONE)
                .sequences().attributeCount());
    }

    /** The whole CLI path: importer, protocol, validated choice, JSON report. */
    @Test
    void helpdeskReachesTheTargetAccuracyWithTopThreeAndLogLossNoWorseThanTheBaseline() throws Exception {
        Path file = Path.of("src/test/resources/data/helpdesk.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"evaluate", file.toString(), "--protocol", "tax", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2536, json.get("train_cases").asInt());
        assertEquals(1268, json.get("test_cases").asInt());
        // Every event of a test case from the third on, counted independently with the naive reader.
        Sequences cases = SimpleCsv.read(file, "CaseID", "ActivityID", "CompleteTimestamp");
        int expected = 0;
        for (int i = 2536; i < cases.size(); i++) {
            expected += Math.max(0, cases.types(i).length - 2);
        }
        assertEquals(expected, json.get("predictions").asInt());
        // A plain order-1 chain, answering with the most frequent activity after the last one (the end is never a
        // target, so it is no answer): 1448 of 1993, recomputed in Python independently (0.695, 1384, when the end
        // could be its answer and then counted as a miss, as Tax et al.'s LSTM's '!' did).
        assertEquals(1448.0 / 1993, json.get("baseline_accuracy").asDouble(), 1e-9);
        // …and scored as the LSTM was, the end a possible answer, the same baseline gets 1384 (0.6944)
        assertEquals(1384.0 / 1993, json.get("baseline_accuracy_if_end_answers").asDouble(), 1e-9);
        assertTrue(json.get("accuracy_if_end_answers").asDouble() < json.get("accuracy").asDouble(), json.toString());
        double accuracy = json.get("accuracy").asDouble();
        // The chain chosen on validation by the one-standard-error rule: 1476 of 1993 (0.7406) here; the issue's
        // target is 0.72. Scored with the end as a possible answer it was 1419 (0.7120; the LSTM: 0.7123).
        assertTrue(accuracy >= 0.72, () -> "accuracy " + accuracy + " with " + json.get("chosen"));
        assertTrue(json.get("beats_baseline").asBoolean());
        assertTrue(accuracy - json.get("baseline_accuracy").asDouble() > 0.01, "accuracy gain over the baseline");
        assertTrue(json.get("log_loss").asDouble() < json.get("baseline_log_loss").asDouble(), "log-loss");
        // Its runners-up and probabilities are mixed with the baseline's at the weight chosen on validation
        // (ModelSelection stage 3), so top-3 and log-loss are no worse than the baseline's there; on this test
        // too: top-3 0.9875 for both, log-loss 0.719 vs 0.735. The report then names no figure below the baseline.
        assertTrue(json.get("top3_accuracy").asDouble() >= json.get("baseline_top3_accuracy").asDouble(),
                () -> "top-3 " + json.get("top3_accuracy") + " vs " + json.get("baseline_top3_accuracy"));
        assertTrue(json.get("validation_top3_accuracy").asDouble() > 0.98, json.toString());
        assertEquals(0, json.get("below_baseline_on").size(), json.get("below_baseline_on").toString());
        double ece = json.get("expected_calibration_error").asDouble();
        assertTrue(ece >= 0 && ece < 0.2, "ECE " + ece);
        int binned = 0;
        for (JsonNode bin : json.get("reliability")) {
            binned += bin.get("predictions").asInt();
        }
        assertEquals(expected, binned);
        assertTrue(json.get("chosen").asText().startsWith("order "));
    }
}
