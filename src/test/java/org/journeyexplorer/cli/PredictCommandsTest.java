package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictCommandsTest {

    @Test
    void predictOnAProjectRanksTheMostFrequentContinuationFirst(@TempDir Path dir) throws Exception {
        Path data = Path.of("src/test/resources/data/helpdesk.csv");
        try (ProjectStore store = ProjectStore.create(dir.resolve("helpdesk"))) {
            new ImportService(store).importFile(Ingest.inspect(data, ZoneOffset.UTC), false, TaskContext.NONE);
        }
        Path project = ProjectStore.projectFile(dir.resolve("helpdesk"));
        // A session timeout longer than any case keeps each case one session.
        String json = CliRun.ok("predict", "--project", project.toString(), "--prefix", "1,8", "--top", "3",
                "--timeout", "10000d", "--json");
        JsonNode r = new ObjectMapper().readTree(json);
        JsonNode next = r.get("next");
        assertEquals(3, next.size());
        double sum = 0;
        for (int i = 0; i < next.size(); i++) {
            sum += next.get(i).get("probability").asDouble();
            if (i > 0) {
                assertTrue(next.get(i).get("probability").asDouble() <= next.get(i - 1).get("probability").asDouble());
            }
        }
        assertTrue(sum <= 1 + 1e-9);
        // Naive count over the raw file: what follows "1, 8" as the first two events of a case.
        Map<String, List<String>> cases = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(data);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            cases.computeIfAbsent(c[0], k -> new java.util.ArrayList<>()).add(c[1]);
        }
        Map<String, Integer> after = new HashMap<>();
        for (List<String> acts : cases.values()) {
            if (acts.size() >= 2 && acts.get(0).equals("1") && acts.get(1).equals("8")) {
                after.merge(acts.size() > 2 ? acts.get(2) : "(leaves)", 1, Integer::sum);
            }
        }
        String mostFrequent = after.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        JsonNode first = next.get(0);
        assertEquals(mostFrequent, first.get("leaves").asBoolean() ? "(leaves)" : first.get("event").asText());
        assertTrue(r.get("context_support").asInt() > 1000);
    }

    @Test
    void unknownEventsAndProtocolsAreExplained(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"evaluate", "src/test/resources/data/helpdesk.csv", "--protocol", "other"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, "a bad value is a usage error");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("only one is 'tax'"));
    }
}
