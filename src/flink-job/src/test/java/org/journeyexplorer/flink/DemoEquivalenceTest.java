package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.predict.ConversionAnalysis;
import org.journeyexplorer.predict.Sequences;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job against the app, with the app's real model, on the demo events streamed through a topic (three
 * partitions, parallelism 2). The app's side is what a user of the app gets from the same messages: {@code import}
 * of them as a JSON Lines file, {@code export-model}, the sessions its {@code sessions} command counts and the next
 * steps its {@code predict} prints. (The messages carry the ids the job reads — user and anonymous id — and not the
 * demo's e-mail and phone columns, which the app's identity graph would also join by and the job does not.) The job must publish the app's sessions — the same count for every person once each device's earlier
 * sessions are moved to its user as the merge notices say — score every event once, and for a prefix give
 * {@code predict}'s next steps and probabilities and the conversion probability of the app's conversion analysis.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoEquivalenceTest {
    private static final int EVENTS = 6000;
    private static final long SEED = 42;
    /** How many different prefixes are also put to the app's {@code predict} (each trains the app's model). */
    private static final int PREDICT_SAMPLE = 8;

    private final KafkaTestBroker broker = TestCluster.broker();

    @Test
    void sessionsAndScoresEqualTheApps(@TempDir Path dir) throws Exception {
        // the mini cluster starts (if no test has started it yet) while the app imports and trains
        CompletableFuture<Void> cluster = CompletableFuture.runAsync(() -> {
            try {
                TestCluster.cluster();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the app imports exactly the messages the job reads (a JSON Lines file of them), so both see the same ids
        EventColumns demo = DemoEvents.columns(EVENTS, SEED);
        List<String[]> msgs = DemoEvents.messages(demo);
        Path jsonl = dir.resolve("demo.jsonl");
        List<String> lines = new ArrayList<>();
        msgs.forEach(m -> lines.add(m[1]));
        Files.write(jsonl, lines);
        Path project = dir.resolve("demo");
        Path model = dir.resolve("model.json");
        AppCli.run("import", jsonl.toString(), "--project", project.toString());
        AppCli.run("export-model", "--project", project.toString(), "--out", model.toString());
        String goal = StreamFixture.JSON.readTree(model.toFile()).get("conversion").get("goal").asText();

        // the app's sessions, built as its sessions command builds them (project identity settings, default rule)
        Map<String, Integer> expected = new TreeMap<>();
        Sequences sequences;
        try (ProjectSession session = ProjectSession.open(project)) {
            BuiltFrame built = session.frame(new FrameRule(session.identitySettings(),
                    session.journeyScope().rule(SessionRule.DEFAULT_TIMEOUT_MICROS)), TaskContext.NONE);
            EventFrame frame = built.frame();
            for (int s = 0; s < frame.sessionCount(); s++) {
                expected.merge(frame.personNames[frame.personOf(frame.sessionStart[s])], 1, Integer::sum);
            }
            sequences = Sequences.fromSessions(frame).chronological();
        }
        JsonNode appSessions = StreamFixture.JSON.readTree(AppCli.run("sessions", "--project", project.toString(),
                "--json"));
        assertEquals(appSessions.get("sessions").asInt(), expected.values().stream().mapToInt(i -> i).sum(),
                "the frame built here is the sessions command's");
        ConversionAnalysis.Result chain = ConversionAnalysis.analyze(sequences, sequences.typeIndex(goal), 0, 1,
                TaskContext.NONE);

        int appSessionCount = expected.values().stream().mapToInt(i -> i).sum();
        cluster.get(2, TimeUnit.MINUTES);
        broker.createTopic("demo-in", 3);
        StreamFixture.createOutputTopics(broker, "-demo");
        StreamFixture.produce(broker.bootstrap(), "demo-in", msgs);
        StreamFixture.flush(broker.bootstrap(), "demo-in", 3, DemoEvents.after(demo));
        JobClient job = StreamFixture.start(StreamFixture.options(broker.bootstrap(), "demo-in", "-demo", model),
                ModelFiles.read(model.toString()), PortableScorers.FACTORY, 2);
        List<JsonNode> out;
        List<JsonNode> scores;
        try {
            scores = StreamFixture.readCommitted(job, broker.bootstrap(), "scores-demo",
                    l -> l.size() >= msgs.size(), Duration.ofSeconds(150));
            // (the flush events stay pending: event time never passes them)
            assertEquals(msgs.size(), scores.size(), "every event scored once");
            // as many sessions as the app's (merge notices and the flush person's aside), then three one-second
            // checkpoints without more: a session too many would still be seen
            out = StreamFixture.settled(job, broker.bootstrap(), "sessions-demo", l -> l.stream()
                    .filter(r -> r.get("type").asText().equals("session")).count() >= appSessionCount,
                    Duration.ofSeconds(3));
        } finally {
            StreamFixture.stop(job);
        }
        Map<String, String> mergedInto = new HashMap<>();
        for (JsonNode r : out) {
            if (r.get("type").asText().equals("merge")) {
                mergedInto.put(r.get("merged").asText(), r.get("person").asText());
            }
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (JsonNode r : out) {
            String p = r.get("person").asText();
            if (r.get("type").asText().equals("session") && !p.startsWith("zz-flush")) {
                actual.merge(mergedInto.getOrDefault(p, p), 1, Integer::sum);
            }
        }
        assertEquals(expected, actual);

        // every event's score against the app: conversion by the app's conversion analysis for all of them,
        // next steps by the app's predict for a sample of different prefixes (short and long ones)
        Map<String, JsonNode> byPrefix = new LinkedHashMap<>();
        for (JsonNode s : scores) {
            if (s.get("person").asText().startsWith("zz-flush") || s.get("position").asInt() > Outputs.MAX_PATH) {
                continue;
            }
            List<String> path = new ArrayList<>();
            s.get("path").forEach(e -> path.add(e.asText()));
            assertEquals(expectedConversion(path, goal, chain, sequences), s.get("conversion").asDouble(), 1e-12,
                    "conversion after " + path);
            byPrefix.putIfAbsent(String.join(",", path), s);
        }
        List<String> prefixes = new ArrayList<>(byPrefix.keySet());
        prefixes.sort((a, b) -> Integer.compare(a.length(), b.length()));
        int step = Math.max(1, prefixes.size() / PREDICT_SAMPLE);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i += step) {
            sample.add(prefixes.get(i));
        }
        // each predict trains the app's model (seconds): half of them run meanwhile on a copy of the project, as a
        // project opens once per process
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("demo.jexp")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Map<String, String> predicted = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> halves = new ArrayList<>();
        try {
            for (int h = 0; h < 2; h++) {
                Path p = h == 0 ? project : copy.resolve(project.getFileName());
                List<String> half = new ArrayList<>();
                for (int i = h; i < sample.size(); i += 2) {
                    half.add(sample.get(i));
                }
                halves.add(pool.submit(() -> half.forEach(prefix -> predicted.put(prefix, AppCli.run("predict",
                        "--project", p.toString(), "--prefix", prefix, "--top", "3", "--json")))));
            }
            for (Future<?> f : halves) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        int compared = 0;
        for (String prefix : sample) {
            JsonNode app = StreamFixture.JSON.readTree(predicted.get(prefix));
            JsonNode next = byPrefix.get(prefix).get("next");
            assertEquals(app.get("next").size(), next.size(), prefix);
            for (int k = 0; k < next.size(); k++) {
                JsonNode a = app.get("next").get(k);
                assertEquals(a.get("leaves").asBoolean() ? null : a.get("event").asText(),
                        next.get(k).get("event").isNull() ? null : next.get(k).get("event").asText(), prefix);
                assertEquals(a.get("probability").asDouble(), next.get(k).get("probability").asDouble(), 0.0,
                        prefix);
            }
            compared++;
        }
        assertTrue(compared >= PREDICT_SAMPLE, "compared " + compared + " prefixes with predict");
    }

    /** The app's conversion probability after a path: 1 once the goal occurred, else the chain's by last event. */
    private static double expectedConversion(List<String> path, String goal, ConversionAnalysis.Result chain,
                                             Sequences sequences) {
        if (path.contains(goal)) {
            return 1;
        }
        int last = sequences.typeIndex(path.get(path.size() - 1));
        for (ConversionAnalysis.StateRow r : chain.states()) {
            if (r.type() == last) {
                return r.conversion();
            }
        }
        throw new AssertionError("no conversion state for " + path.get(path.size() - 1));
    }
}
