package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.journeyexplorer.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The job scores with the model the app exports and gets the app's numbers: for the same prefix, the next steps
 * and probabilities of the job's scorer are those the app's {@code predict} command prints (the demo project,
 * {@code export-model}, then {@code predict --json}).
 */
class PortableScorersTest {

    @Test
    void theJobsScoresForAPrefixAreTheAppsPredict(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("demo.csv.gz");
        Path project = dir.resolve("demo");
        Path model = dir.resolve("model.json");
        cli("generate-demo", "--events", "4000", "--seed", "3", "--out", csv.toString());
        cli("import", csv.toString(), "--project", project.toString());
        cli("export-model", "--project", project.toString(), "--out", model.toString());
        Scorer job = PortableScorers.load(Files.readString(model));
        for (String prefix : List.of("app_open", "search,view_item", "app_open,search,view_item,add_to_cart")) {
            JsonNode app = StreamFixture.JSON.readTree(cli("predict", "--project", project.toString(), "--prefix",
                    prefix, "--top", "3", "--json"));
            String[] types = prefix.split(",");
            Scorer.Score s = job.score(types, types.length);
            assertEquals(app.get("next").size(), s.next().size(), prefix);
            for (int i = 0; i < s.next().size(); i++) {
                JsonNode a = app.get("next").get(i);
                assertEquals(a.get("leaves").asBoolean() ? null : a.get("event").asText(), s.next().get(i).event(),
                        prefix);
                assertEquals(a.get("probability").asDouble(), s.next().get(i).probability(), 0.0, prefix);
            }
        }
    }

    @Test
    void somethingElseIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortableScorers.load("{\"hello\":1}"));
        assertEquals(true, e.getMessage().startsWith("Not a Journey Explorer model"));
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
