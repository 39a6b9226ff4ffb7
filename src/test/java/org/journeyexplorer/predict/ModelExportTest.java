package org.journeyexplorer.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.predict.portable.ContextFeature;
import org.journeyexplorer.predict.portable.Distribution;
import org.journeyexplorer.predict.portable.ModelFormatException;
import org.journeyexplorer.predict.portable.ModelJson;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.portable.PortableModel;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export → read → score gives exactly the numbers of the model in the app, on every prefix. */
class ModelExportTest {

    private static PortableModel roundTrip(PortableModel m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.write(m, out);
        return ModelJson.read(new ByteArrayInputStream(out.toByteArray()));
    }

    /** Every prefix of every sequence, with and without times: bit-for-bit the same distribution. */
    private static int assertSameScores(Predictor inApp, PortableModel read, Sequences data) {
        Distribution a = inApp.scorer().newDistribution();
        Distribution b = read.scorer().newDistribution();
        Distribution scratch = read.scorer().newDistribution();
        int compared = 0;
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            for (int i = 0; i <= seq.length; i++) {
                for (long[] times : new long[][]{data.times(s), null}) {
                    inApp.distribution(seq, times, null, i, a, null);
                    read.scorer().distribution(seq, times, null, i, b, scratch);
                    assertArrayEquals(a.toArray(), b.toArray(), 0.0, "sequence " + s + " prefix " + i);
                    compared++;
                }
            }
        }
        return compared;
    }

    /**
     * The streaming path ({@link PortableModel#score(int[], int, long[], int, PortableModel.Scratch)}, one scratch
     * reused for every prefix, the prefix inside a longer array) against fresh working state per prefix, ranked and
     * converted by hand: the same next steps, bit for bit, and the same conversion.
     */
    private static void assertScratchScoresAsFresh(PortableModel read, Sequences data) {
        PortableModel.Scratch scratch = read.newScratch();
        int goal = read.typeIndex(read.conversion().goal());
        for (int s = 0; s < data.size(); s++) {
            int[] seq = data.types(s);
            for (int i = 0; i <= seq.length; i++) {
                for (long[] times : new long[][]{data.times(s), null}) {
                    read.score(seq, i, times, 3, scratch);
                    Distribution fresh = read.scorer().newDistribution();
                    read.scorer().distribution(Arrays.copyOf(seq, i), times == null ? null : Arrays.copyOf(times, i),
                            null, i, fresh, read.scorer().newDistribution());
                    double[] p = fresh.toArray();
                    int[] top = IntStream.range(0, p.length).boxed()
                            .sorted((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b))
                            .filter(y -> p[y] > 0).limit(3).mapToInt(Integer::intValue).toArray();
                    String at = "sequence " + s + " prefix " + i;
                    assertEquals(top.length, scratch.count(), at);
                    for (int k = 0; k < top.length; k++) {
                        assertEquals(top[k], scratch.type(k), at);
                        assertEquals(p[top[k]], scratch.probability(k), 0.0, at);
                    }
                    int[] prefix = Arrays.copyOf(seq, i);
                    double conversion = Arrays.stream(prefix).anyMatch(t -> t == goal) ? 1
                            : i == 0 ? read.conversion().start() : read.conversion().byLastEvent()[seq[i - 1]];
                    assertEquals(conversion, scratch.conversion(), 0.0, at);
                }
            }
        }
    }

    @Test
    void exportedModelsScoreExactlyAsInTheApp() throws Exception {
        Sequences cases = CaseLogs.read(Path.of("src/test/resources/data/helpdesk.csv"), TaskContext.NONE)
                .sequences();
        Sequences sample = cases.slice(0, 600);
        // Shallow and deep experts, time features, backoff and interpolation: every branch of the scorer.
        List<ModelConfig> configs = List.of(ModelConfig.firstOrder(), ModelConfig.markov(3, 10),
                new ModelConfig(2, 10, EnumSet.allOf(ContextFeature.class), false),
                new ModelConfig(3, 2, Set.of(ContextFeature.GAP, ContextFeature.REPEAT, ContextFeature.ELAPSED), true),
                new ModelConfig(1, 0, Set.of(ContextFeature.POSITION), false));
        for (ModelConfig c : configs) {
            NextStepModel m = NextStepModel.train(cases.slice(0, 2000), c);
            DeployedModel d = new DeployedModel(cases.slice(0, 2000), m, null, false);
            PortableModel read = roundTrip(ModelExport.build(d, SessionRule.defaults(), true, "6", "helpdesk",
                    TaskContext.NONE));
            assertTrue(assertSameScores(m, read, sample) > 4000, c.describe());
            assertScratchScoresAsFresh(read, sample.slice(0, 200));
            assertEquals(c.describe(), read.description());
        }
        // A model blended with the baseline (ModelSelection's stage 3) carries both, and the weight.
        BlendConfig blend = new BlendConfig(new ModelConfig(2, 10, Set.of(ContextFeature.GAP, ContextFeature.POSITION),
                false), 0.2);
        Predictor m = blend.train(cases.slice(0, 2000), TaskContext.NONE);
        PortableModel read = roundTrip(ModelExport.build(new DeployedModel(cases.slice(0, 2000), m, null, false),
                SessionRule.defaults(), true, "6", "helpdesk", TaskContext.NONE));
        assertEquals(0.2, ((org.journeyexplorer.predict.portable.BlendScorer) read.scorer()).weight());
        assertTrue(assertSameScores(m, read, sample) > 4000, blend.describe());
        assertScratchScoresAsFresh(read, sample.slice(0, 200));
    }

    @Test
    void aModelFileCarriesTheRuleTheDictionaryTheChainAndTheFigures() throws Exception {
        Sequences cases = CaseLogs.read(Path.of("src/test/resources/data/helpdesk.csv"), TaskContext.NONE)
                .sequences();
        DeployedModel d = DeployedModel.train(cases, TaskContext.NONE);
        PortableModel read = roundTrip(ModelExport.build(d, SessionRule.timeout(3_600_000_000L), false, "6",
                "helpdesk", TaskContext.NONE));
        assertEquals(List.of(cases.typeNames()), read.events());
        assertEquals(3_600_000_000L, read.sessionRule().timeoutMicros());
        assertEquals(false, read.sessionRule().stitch());
        assertEquals(d.evaluation().report().model().accuracy(), ((Number) read.evaluation().get("accuracy"))
                .doubleValue(), 0.0);
        // The chain: the same numbers as the conversion analysis; 1 once the goal occurred.
        ConversionAnalysis.Result r = ConversionAnalysis.analyze(cases, cases.typeIndex("6"), 0, 1, TaskContext.NONE);
        assertEquals(r.startConversion(), read.conversion().start(), 0.0);
        for (ConversionAnalysis.StateRow s : r.states()) {
            if (s.type() >= 0) {
                assertEquals(s.conversion(), read.score(List.of("1", s.name()), null, 3).conversion(), 0.0,
                        s.name());
            }
        }
        assertEquals(1.0, read.score(List.of("6", "1"), null, 3).conversion(), 0.0);
        // Names outside the dictionary are left out and counted.
        PortableModel.Scored skipped = read.score(List.of("1", "no such event", "8"), null, 3);
        assertEquals(1, skipped.skipped());
        assertEquals(read.score(List.of("1", "8"), null, 3).next(), skipped.next());
    }

    @Test
    void predictAndTheExportedFileGiveTheSameNumbers(@TempDir Path dir) throws Exception {
        Path data = Path.of("src/test/resources/data/helpdesk.csv");
        Path project = dir.resolve("helpdesk");
        assertEquals(0, Cli.run(new String[]{"import", data.toString(), "--project", project.toString(),
                "--timezone", "UTC"}, quiet(), quiet()));
        Path file = dir.resolve("model.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"export-model", "--project", project.toString(), "--out", file.toString(),
                "--goal", "6", "--timeout", "10000d"}, quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(PortableModel.FORMAT, json.get("format").asText());
        assertEquals(PortableModel.VERSION, json.get("version").asInt());
        assertEquals(9, json.get("events").size());
        assertEquals("6", json.get("conversion").get("goal").asText());
        assertTrue(json.get("evaluation").get("accuracy").asDouble() > 0.5);
        PortableModel model = ModelJson.read(file);
        for (List<String> prefix : List.of(List.of("1"), List.of("1", "8"), List.of("1", "8", "6"),
                List.of("9", "6"), List.of("1", "2", "8", "3"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Cli.run(new String[]{"predict", "--project", project.toString(), "--prefix",
                    String.join(",", prefix), "--timeout", "10000d", "--json", "--top", "5"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), quiet()));
            JsonNode next = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("next");
            List<NextStep> fromFile = model.score(prefix, null, 5).next();
            assertEquals(fromFile.size(), next.size(), prefix.toString());
            for (int i = 0; i < next.size(); i++) {
                assertEquals(fromFile.get(i).isEnd(), next.get(i).get("leaves").asBoolean());
                assertEquals(fromFile.get(i).probability(), next.get(i).get("probability").asDouble(), 0.0,
                        prefix + " rank " + i);
            }
        }
    }

    @Test
    void badModelFilesAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        List<String> bodies = new ArrayList<>(List.of("not json", "{}", "{\"format\":\"journey-explorer-next-step"
                + "-model\",\"version\":99}", "{\"format\":\"journey-explorer-next-step-model\",\"version\":1}"));
        for (String body : bodies) {
            Path f = dir.resolve("bad.json");
            Files.writeString(f, body);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.read(f));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
