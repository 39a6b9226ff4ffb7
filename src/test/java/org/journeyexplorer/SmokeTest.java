package org.journeyexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.cli.CliRun;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The smoke test of the whole headless product: every CLI command, on the bundled demo and on every log in
 * {@code src/test/resources/data/}, with results checked for sense, not only for the absence of an exception.
 * The checks are invariants any correct result must satisfy (events = imported rows, every event in one session,
 * START = END = sessions, flow inflow = outflow + drop-off, funnel counts never grow, probabilities in [0, 1]…)
 * plus the counts the data README states. When you add a CLI command, add it here; {@link #everyCommandIsCovered}
 * fails until you do. Its twin for the window is {@code ui.SmokeFxTest}.
 */
public class SmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Commands this test runs; {@link #everyCommandIsCovered} compares it with the usage text. */
    static final List<String> COVERED = List.of("import", "sessions", "identity", "transitions", "flows", "funnel",
            "evaluate", "predict", "export-model", "forget", "export-person", "audit", "drop-pseudonym-key", "generate-demo",
            "live");

    /** Events and persons (cases) per log, from src/test/resources/data/README.md and the demo's README. */
    private static final Map<String, long[]> EXPECTED = Map.of(
            "demo-events.csv.gz", new long[]{60_000, 2_494},
            "helpdesk.csv", new long[]{13_710, 3_804},
            "receipt.csv", new long[]{8_577, 1_434},
            "running-example.xes", new long[]{42, 6},
            "sepsis.csv", new long[]{15_214, 1_050},
            "diginetica-item-views.csv", new long[]{12_391, 2_986},
            "teleclaims.xes.gz", new long[]{46_138, 3_512},
            "helpdesk-attributes.xes.gz", new long[]{21_348, 4_580},
            "snowplow-web-events.csv", new long[]{161, 25});

    @TempDir
    static Path dir;

    static Path resources() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"));
    }

    /**
     * The bundled demo and every event log in the test data folder. The system property {@code smoke.logs} (names
     * starting with any of its comma-separated prefixes) narrows it for a quick gate; {@code mvn verify} runs all.
     */
    public static Stream<Path> logs() throws IOException {
        List<Path> all = new ArrayList<>();
        all.add(Path.of("assets", "demo", "demo-events.csv.gz"));
        try (Stream<Path> s = Files.list(resources().resolve("data"))) {
            s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(all::add);
        }
        String only = System.getProperty("smoke.logs", "");
        if (only.isBlank()) {
            return all.stream();
        }
        List<String> prefixes = List.of(only.split(","));
        return all.stream().filter(p -> prefixes.stream().anyMatch(x -> p.getFileName().toString().startsWith(x)));
    }

    @BeforeAll
    static void dataIsThere() throws IOException {
        assertTrue(System.getProperty("smoke.logs", "").isBlank() ? logs().count() >= 9 : logs().count() >= 1,
                "the demo and the eight real logs");
        logs().forEach(p -> assertTrue(Files.isRegularFile(p), p + " exists"));
    }

    /** Runs a command that must succeed, and checks it printed no Java exception. */
    static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        String what = String.join(" ", args);
        assertEquals(0, r.code(), what + " failed: " + r.err());
        assertFalse(r.out().isBlank(), what + " printed nothing");
        assertNoJavaNames(what, r.err());
        return r;
    }

    static void assertNoJavaNames(String what, String text) {
        for (String bad : List.of("Exception", "java.", "\tat ", "Error:")) {
            assertFalse(text.contains(bad), what + " printed a Java exception: " + text);
        }
    }

    /** A tiny RFC 4180 reader: rows of cells, the header row first. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** CSV rows as maps from the header's column names (caption lines starting with {@code #} skipped). */
    static List<Map<String, String>> records(String text) {
        while (text.startsWith("#")) {
            int eol = text.indexOf('\n');
            text = eol < 0 ? "" : text.substring(eol + 1);
        }
        List<List<String>> rows = csv(text);
        assertFalse(rows.isEmpty(), "CSV has a header");
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(header.size(), r.size(), "cells in " + r);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }

    static long num(Map<String, String> row, String column) {
        String v = row.get(column);
        assertTrue(v != null, "column " + column + " in " + row.keySet());
        return Long.parseLong(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void everyCommandGivesSaneResults(Path log) throws IOException {
        String name = log.getFileName().toString();
        String project = dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_")).toString();
        long[] expected = EXPECTED.get(name);

        // import: every row of these logs is good
        JsonNode imp = ok("import", log.toString(), "--project", project, "--json").json();
        long events = imp.get("imported").asLong();
        assertEquals(0, imp.get("rejected").asLong(), name + " rejected rows");
        assertEquals(events, imp.get("read").asLong());
        if (expected != null) {
            assertEquals(expected[0], events, name + " events");
            assertEquals(expected[1], imp.get("persons").asLong(), name + " persons");
        } else {
            assertTrue(events > 0, name + " imported nothing");
        }
        CliRun again = CliRun.of("import", log.toString(), "--project", project);
        assertTrue(again.code() != 0 && !again.err().isBlank(), "a second import of the same file is refused");
        assertNoJavaNames("import twice", again.err());

        // sessions: every event in one session, at least one session per person
        JsonNode ses = ok("sessions", "--project", project, "--json").json();
        assertEquals(events, ses.get("events").asLong(), name + " sessions.events");
        long persons = ses.get("persons").asLong();
        long sessions = ses.get("sessions").asLong();
        assertEquals(imp.get("persons").asLong(), persons, name + " persons after stitching");
        assertTrue(sessions >= persons && sessions <= events, name + " sessions " + sessions);

        // identity: the project's rules (defaults, nothing saved) and the same persons and joins as sessions
        JsonNode idn = ok("identity", "--project", project, "--json").json();
        assertFalse(idn.get("saved").asBoolean(), name + " identity saved nothing");
        assertFalse(idn.get("settings").get("probabilistic").asBoolean(), name + " probable links off by default");
        assertEquals(persons, idn.get("persons").asLong(), name + " identity persons");
        assertEquals(ses.get("identity"), idn.get("identity"), name + " identity counts as sessions reports them");

        // transitions: START and END once per session, every event left exactly once
        List<Map<String, String>> tr = records(ok("transitions", "--project", project, "--csv").out());
        long fromStart = 0;
        long toEnd = 0;
        long total = 0;
        Map<String, Long> outOf = new HashMap<>();
        Map<String, Long> firstEvents = new HashMap<>();
        Map<String, Map<String, Long>> next = new HashMap<>();
        for (Map<String, String> row : tr) {
            long c = num(row, "count");
            assertTrue(c > 0, "positive counts");
            total += c;
            outOf.merge(row.get("from"), c, Long::sum);
            if (row.get("from").equals("START")) {
                fromStart += c;
                firstEvents.merge(row.get("to"), c, Long::sum);
            }
            if (row.get("to").equals("END")) {
                toEnd += c;
            } else if (!row.get("from").equals("START")) {
                next.computeIfAbsent(row.get("from"), k -> new HashMap<>()).merge(row.get("to"), c, Long::sum);
            }
        }
        assertEquals(sessions, fromStart, name + " START");
        assertEquals(sessions, toEnd, name + " END");
        assertEquals(events + sessions, total, name + " every event is left once, plus START");
        for (Map<String, String> row : tr) {
            double p = Double.parseDouble(row.get("probability"));
            assertEquals((double) num(row, "count") / outOf.get(row.get("from")), p, 1e-5, "probability " + row);
        }

        // flows from the most frequent first event: what enters a step leaves it or drops off there
        String start = argmax(firstEvents);
        List<Map<String, String>> flow = records(ok("flows", "--project", project, "--start", start,
                "--steps", "4", "--csv").out());
        Map<Long, long[]> perStep = new HashMap<>();
        long startCount = -1;
        for (Map<String, String> row : flow) {
            if (!row.get("kind").equals("node")) {
                continue;
            }
            long step = num(row, "step");
            long[] s = perStep.computeIfAbsent(step, k -> new long[2]);
            s[0] += num(row, "count");
            s[1] += num(row, "dropoff");
            if (step == 0) {
                assertEquals(start, row.get("label"));
                startCount = num(row, "count");
            }
        }
        assertTrue(startCount > 0 && startCount <= sessions, name + " flow start " + startCount);
        for (long step = 0; perStep.containsKey(step + 1); step++) {
            assertEquals(perStep.get(step)[0] - perStep.get(step)[1], perStep.get(step + 1)[0],
                    name + " flow step " + step + " → " + (step + 1));
        }

        // funnel along the most frequent path from there: counts never grow, the first equals the flow's start
        List<String> steps = new ArrayList<>(List.of(start));
        for (int i = 0; i < 2; i++) {
            Map<String, Long> n = new HashMap<>(next.getOrDefault(steps.get(steps.size() - 1), Map.of()));
            n.keySet().removeAll(steps);
            if (n.isEmpty()) {
                break;
            }
            steps.add(argmax(n));
        }
        JsonNode funnel = ok("funnel", "--project", project, "--steps", String.join(",", steps), "--json").json();
        JsonNode bars = funnel.get("funnel");
        assertEquals(steps.size(), bars.size(), name + " funnel steps");
        assertEquals(startCount, bars.get(0).get("count").asLong(), name + " funnel entry = flow start");
        for (int i = 1; i < bars.size(); i++) {
            assertTrue(bars.get(i).get("count").asLong() <= bars.get(i - 1).get("count").asLong(), "funnel " + i);
        }

        // predict after the start event: a ranked distribution
        JsonNode pred = ok("predict", "--project", project, "--prefix", start, "--json").json();
        JsonNode nextSteps = pred.get("next");
        assertTrue(nextSteps.size() > 0, name + " predict gave no next step");
        double sum = 0;
        double last = 1;
        for (JsonNode s : nextSteps) {
            double p = s.get("probability").asDouble();
            assertTrue(p > 0 && p <= last + 1e-12, name + " probabilities ranked in (0,1]: " + nextSteps);
            sum += p;
            last = p;
        }
        assertTrue(sum <= 1 + 1e-9, name + " probabilities sum " + sum);

        // export-model: the file scores the same prefix with the same numbers as predict
        Path modelFile = dir.resolve(name + "-model.json");
        ok("export-model", "--project", project, "--out", modelFile.toString());
        org.journeyexplorer.predict.portable.PortableModel exportedModel =
                org.journeyexplorer.predict.portable.ModelJson.read(modelFile);
        List<org.journeyexplorer.predict.portable.NextStep> fromFile =
                exportedModel.score(List.of(start), null, nextSteps.size()).next();
        assertEquals(nextSteps.size(), fromFile.size(), name + " export-model next steps");
        for (int i = 0; i < fromFile.size(); i++) {
            assertEquals(nextSteps.get(i).get("probability").asDouble(), fromFile.get(i).probability(), 0.0,
                    name + " export-model scores as predict");
        }
        assertTrue(exportedModel.conversion() != null && exportedModel.conversion().start() >= 0,
                name + " export-model conversion chain");
        // the file holds the kind of model predict used (Markov chain or boosted trees), in the current version
        JsonNode modelJson = JSON.readTree(modelFile.toFile());
        assertEquals(org.journeyexplorer.predict.portable.PortableModel.VERSION, modelJson.get("version").asInt());
        assertEquals(pred.get("model").asText().startsWith("boosted trees") ? "boosted" : "markov",
                modelJson.get("model").get("kind").asText(), name + " export-model kind: " + pred.get("model"));

        // evaluate in the Tax protocol on the file: as many predictions as positions ≥ 2 in the test cases
        JsonNode ev = ok("evaluate", log.toString(), "--protocol", "tax", "--json").json();
        assertEquals(events, ev.get("events").asLong(), name + " evaluate events");
        assertTrue(ev.get("predictions").asLong() > 0, name + " evaluate predictions");
        for (String k : List.of("accuracy", "baseline_accuracy", "top3_accuracy")) {
            double a = ev.get(k).asDouble();
            assertTrue(a >= 0 && a <= 1, name + " " + k + " " + a);
        }
        assertTrue(ev.get("top3_accuracy").asDouble() >= ev.get("accuracy").asDouble(), name + " top-3 ≥ top-1");

        // privacy: export a person, then forget them; the audit log has both
        List<ParsedEvent> rows = read(log);
        String id = rows.stream().map(ParsedEvent::personId).filter(x -> x != null).findFirst().orElseThrow();
        boolean anonymousIds = rows.stream().anyMatch(e -> e.anonymousId() != null);
        Path person = dir.resolve(name + "-person.json");
        ok("export-person", "--project", project, "--id", id, "--out", person.toString());
        JsonNode exported = JSON.readTree(person.toFile());
        assertTrue(exported.toString().contains(id), name + " export mentions the id");
        // a short id (sepsis's case "A") may also be another column's value: then forget deletes the person,
        // exits 1 and says in one line where the text is still found
        CliRun forget = CliRun.of("forget", "--project", project, "--id", id, "--json");
        assertNoJavaNames("forget", forget.err());
        if (forget.code() != 0) {
            assertEquals(1, forget.code(), name + " forget: " + forget.err());
            assertEquals(1, forget.err().strip().lines().count(), name + " forget: " + forget.err());
            assertTrue(forget.err().contains("still found"), forget.err());
        }
        JsonNode forgot = forget.json();
        long gone = forgot.get("eventsDeleted").asLong();
        if (!anonymousIds) {
            // no devices to stitch: the person is exactly the rows that carry the id
            assertEquals(rows.stream().filter(e -> id.equals(e.personId())).count(), gone, name + " forgotten");
        }
        assertTrue(gone > 0, name + " forget deleted nothing: " + forgot);
        JsonNode after = ok("sessions", "--project", project, "--json").json();
        assertEquals(events - gone, after.get("events").asLong(), name + " events after forget");
        assertEquals(persons - 1, after.get("persons").asLong(), name + " persons after forget");
        String audit = ok("audit", "--project", project, "--csv").out();
        assertTrue(audit.contains("import") && audit.contains("forget"), name + " audit: " + audit);
    }

    static String argmax(Map<String, Long> counts) {
        // the largest count; ties go to the first name in alphabetical order, so the choice is stable
        String best = null;
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** The log's events as the importer reads them, independently of the project. */
    public static List<ParsedEvent> read(Path log) throws IOException {
        List<ParsedEvent> events = new ArrayList<>();
        Ingest.read(Ingest.inspect(log, ZoneOffset.UTC), new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                events.add(event);
            }

            @Override
            public void reject(long line, String reason, String raw) {
                fail("rejected line " + line + ": " + reason);
            }
        }, TaskContext.NONE);
        return events;
    }

    @Test
    void generatedDemoImportsAndPseudonymisedProjectsDropTheirKey() throws IOException {
        Path file = dir.resolve("generated.csv.gz");
        ok("generate-demo", "--events", "3000", "--seed", "5", "--out", file.toString());
        assertTrue(Files.size(file) > 1000);
        String project = dir.resolve("pseudo").toString();
        JsonNode imp = ok("import", file.toString(), "--project", project, "--pseudonymise", "--json").json();
        assertEquals(3000, imp.get("imported").asLong());
        CliRun drop = ok("drop-pseudonym-key", "--project", project, "--yes");
        assertNoJavaNames("drop-pseudonym-key", drop.out());
        JsonNode ses = ok("sessions", "--project", project, "--json").json();
        assertEquals(3000, ses.get("events").asLong(), "analysis still works without the key");
    }

    /**
     * generate-demo --kafka publishes the demo to the in-process broker, live streams it into a project, and the
     * analyses of that project make sense (the demo's journeys are whole: START = END = sessions).
     */
    @Test
    void liveStreamsTheDemoFromABrokerIntoAProject() {
        org.journeyexplorer.live.KafkaTestBroker broker = org.journeyexplorer.live.KafkaTestBroker.shared();
        // a topic of its own per attempt: a rerun of a failed attempt must not read the first attempt's events
        String topic = "smoke-live-" + Long.toString(System.nanoTime(), 36);
        CliRun gen = ok("generate-demo", "--kafka", broker.bootstrap(), "--topic", topic, "--rate", "0",
                "--events", "2000", "--seed", "5");
        assertTrue(gen.out().startsWith("Published 2,000 demo events"), gen.out());
        String project = dir.resolve(topic).toString();
        JsonNode live = ok("live", "--project", project, "--bootstrap", broker.bootstrap(), "--topic", topic,
                "--until-idle", "2s", "--json").json();
        assertEquals(2000, live.get("events").asLong());
        assertEquals(0, live.get("rejected").asLong());
        assertEquals(0, live.get("lag").asLong());
        JsonNode ses = ok("sessions", "--project", project, "--json").json();
        assertEquals(2000, ses.get("events").asLong());
        assertTrue(ses.get("sessions").asLong() > 0 && ses.get("persons").asLong() > 0, ses.toString());
    }

    /** Every command the usage text lists is exercised above (so a new command cannot skip the smoke test). */
    @Test
    void everyCommandIsCovered() {
        CliRun help = CliRun.of("--help");
        List<String> listed = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.out().split("\n")) {
            if (line.startsWith("commands:")) {
                inCommands = true;
            } else if (inCommands && line.startsWith("  ") && !line.startsWith("   ")) {
                listed.add(line.trim().split("\\s+")[0]);
            }
        }
        assertFalse(listed.isEmpty(), "usage lists commands");
        List<String> missing = new ArrayList<>(listed);
        missing.removeAll(COVERED);
        assertTrue(missing.isEmpty(), "commands the smoke test does not run: " + missing
                + " (add them to SmokeTest and to COVERED)");
        assertTrue(Arrays.asList(COVERED.toArray()).containsAll(listed));
    }

    @Test
    void aMissingProjectOrFileIsOneClearLine() {
        for (String[] args : List.of(
                new String[]{"sessions", "--project", dir.resolve("nope").toString(), "--json"},
                new String[]{"evaluate", dir.resolve("nope.csv").toString(), "--protocol", "tax"},
                new String[]{"import", dir.resolve("nope.csv").toString(), "--project", dir.resolve("x").toString()})) {
            CliRun r = CliRun.of(args);
            String what = String.join(" ", args);
            assertTrue(r.code() != 0, what + " should fail");
            assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
            assertNoJavaNames(what, r.err());
        }
    }

}
