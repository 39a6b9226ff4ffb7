package org.journeyexplorer.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.cli.CliRun;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.NextStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluate} and {@code predict} on generated logs that stress the model (see {@link StressLogs}): each
 * finishes with sane numbers, or fails with one line a person can act on, never a Java exception name.
 */
class RobustnessTest {
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z]*(Exception|Error)\\b|\\bat [a-z]+\\.");

    private static void assertOneClearLine(CliRun r, String what) {
        String e = r.err().strip();
        assertFalse(e.isEmpty(), what + ": failed without a message");
        assertEquals(1, e.lines().count(), what + ": " + e);
        assertFalse(CLASS_NAME.matcher(e).find(), what + ": " + e);
    }

    @Test
    void evaluateFinishesOnEveryStressLogWithSaneNumbers(@TempDir Path dir) throws Exception {
        for (StressLogs.Log log : StressLogs.all()) {
            CliRun r = CliRun.of("evaluate", log.write(dir).toString(), "--protocol", "tax", "--json");
            Sequences cases = log.sequences();
            int train = TaxProtocol.trainCount(cases.size());
            int expected = 0;
            for (int i = train; i < cases.size(); i++) {
                expected += Math.max(0, cases.types(i).length - 2);
            }
            if (expected == 0) {
                // Nothing to test (the single case): one clear line, exit 1.
                assertEquals(1, r.code(), log.name());
                assertOneClearLine(r, log.name());
                assertTrue(r.err().contains("needs at least 3 cases"), r.err());
                continue;
            }
            assertEquals(0, r.code(), log.name() + ": " + r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals(expected, j.get("predictions").asInt(), log.name());
            assertEquals(cases.typeCount(), (int) cases.typeCount(), log.name());
            double acc = j.get("accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1 && j.get("top3_accuracy").asDouble() >= acc, log.name());
            assertTrue(Double.isFinite(j.get("log_loss").asDouble()), log.name());
        }
    }

    @Test
    void predictFinishesOnEveryStressLogAndRanksTheObservedSuccessor() {
        for (StressLogs.Log log : StressLogs.all()) {
            Sequences sessions = log.sequences().chronological();
            DeployedModel d = DeployedModel.train(sessions, TaskContext.NONE);
            // After the first event of the longest-running case, the top prediction has probability in (0, 1]
            // and the ranked list is sorted; with one activity, "only" or the end are the only outcomes.
            int[] prefix = {sessions.types(0)[0]};
            List<NextStep> top = d.model().top(prefix, null, 5);
            assertFalse(top.isEmpty(), log.name());
            double sum = 0;
            for (int i = 0; i < top.size(); i++) {
                sum += top.get(i).probability();
                assertTrue(i == 0 || top.get(i).probability() <= top.get(i - 1).probability(), log.name());
            }
            assertTrue(sum <= 1 + 1e-9 && sum > 0, log.name());
            if (d.evaluation() != null) {
                assertTrue(d.evaluation().report().model().predictions() > 0, log.name());
            }
        }
    }

    @Test
    void predictThroughAProjectReadsOddNamesAndManyTypes(@TempDir Path dir) throws Exception {
        for (StressLogs.Log log : List.of(StressLogs.oddNames(), StressLogs.manyTypes())) {
            Path project = dir.resolve(log.name());
            CliRun imp = CliRun.of("import", log.write(dir).toString(), "--project", project.toString(),
                    "--timezone", "UTC");
            assertEquals(0, imp.code(), imp.err() + imp.out());
            // The name with a comma and the one with quotes, written CSV-style.
            boolean odd = log.name().equals("odd-names");
            String first = log.rows().get(0)[1];
            String prefix = odd ? "\"a,b\",\"say \"\"hi\"\"\"" : first;
            CliRun r = CliRun.of("predict", "--project", project.toString(), "--prefix", prefix, "--timeout", "100000d",
                    "--json", "--top", "3");
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            List<String> names = odd ? List.of("a,b", "say \"hi\"") : List.of(first);
            assertEquals(names.size(), j.get("prefix").size());
            for (int i = 0; i < names.size(); i++) {
                assertEquals(names.get(i), j.get("prefix").get(i).asText());
            }
            // The top prediction is the successor seen most often after that prefix (naive count over the cases).
            Map<String, Integer> after = new HashMap<>();
            Sequences cases = log.sequences();
            for (int s = 0; s < cases.size(); s++) {
                int[] t = cases.types(s);
                for (int i = names.size(); i <= t.length; i++) {
                    boolean match = true;
                    for (int k = 0; k < names.size(); k++) {
                        match &= cases.typeName(t[i - names.size() + k]).equals(names.get(k));
                    }
                    if (match) {
                        after.merge(i < t.length ? cases.typeName(t[i]) : NextStep.END_NAME, 1, Integer::sum);
                    }
                }
            }
            assertFalse(after.isEmpty(), log.name());
            JsonNode top1 = j.get("next").get(0);
            String predicted = top1.get("leaves").asBoolean() ? NextStep.END_NAME : top1.get("event").asText();
            int best = after.values().stream().max(Integer::compare).orElseThrow();
            assertEquals(best, after.getOrDefault(predicted, -1), log.name() + " predicted " + predicted + " " + after);
        }
        CliRun bad = CliRun.of("predict", "--project", dir.resolve("odd-names").toString(), "--prefix", "\"unclosed");
        assertEquals(1, bad.code());
        assertOneClearLine(bad, "unclosed quote");
    }
}
