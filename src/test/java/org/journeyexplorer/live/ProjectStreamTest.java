package org.journeyexplorer.live;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.TransitionMatrix;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.cli.AnalysisCommands;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.RejectedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A topic streamed into a project through the session's append path, against the real broker: the project ends
 * up with what importing the same events from a JSON Lines file gives, also when the consumer process is killed
 * mid-stream (kill -9 of a second JVM) and started again.
 */
class ProjectStreamTest {

    /** Every event of a project as comparable text, in a canonical order (the stream's arrival order differs). */
    static List<String> content(ProjectSession s) {
        EventColumns c = s.columns(TaskContext.NONE);
        List<String> rows = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            rows.add(id(c, c.user().get(i)) + "|" + id(c, c.anonymous().get(i)) + "|" + c.timeMicros()[i] + "|"
                    + c.eventTypes()[c.eventType()[i]]);
        }
        rows.sort(null);
        return rows;
    }

    /** Every cell of the transition matrix by event names: count, median and p90 time. */
    static Map<String, String> transitions(BuiltFrame f) {
        TransitionMatrix m = Transitions.compute(Selection.all(f.frame()), TaskContext.NONE);
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                if (m.count(i, j) > 0) {
                    cells.put(m.name(i) + " > " + m.name(j), m.count(i, j) + " " + m.medianMicros(i, j) + " "
                            + m.p90Micros(i, j));
                }
            }
        }
        return cells;
    }

    private static String id(EventColumns c, int i) {
        return i < 0 ? "-" : c.identities()[i];
    }

    private static ImportPlan plan(List<LiveTestData.Message> messages) {
        List<byte[]> sample = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sample.add(messages.get(i).value().getBytes(StandardCharsets.UTF_8));
        }
        return JsonMessages.inspect("topic", sample, ZoneOffset.UTC);
    }

    private static void streamUntilCaughtUp(ProjectSession s, KafkaSource src, ImportPlan plan, long messages)
            throws InterruptedException {
        ProjectSink sink = new ProjectSink(s);
        try (LiveStream stream = new LiveStream(src, plan, sink, LiveStream.Options.DEFAULT)) {
            stream.start();
            long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < end) {
                LiveStatus st = stream.status();
                if (st.sourceKey() != null && sink.positions(st.sourceKey()).values().stream()
                        .mapToLong(Long::longValue).sum() >= messages) {
                    return;
                }
                assertTrue(!st.state().ended(), st.message());
                Thread.sleep(100);
            }
            throw new AssertionError("the stream did not catch up: " + stream.status());
        }
    }

    @Test
    void aHundredThousandEventsGiveWhatTheirJsonLinesFileGives(@TempDir Path dir) throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String topic = "project-100k";
        broker.createTopic(topic, 3);
        List<LiveTestData.Message> messages = LiveTestData.messages(100_000, 100, 11, 0, 0);
        long p0 = System.nanoTime();
        LiveTestData.produce(broker, topic, messages);
        System.out.printf("100k: produce %.1f s%n", (System.nanoTime() - p0) / 1e9);
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, LiveTestData.jsonLines(messages));

        try (ProjectSession streamed = ProjectSession.create(dir.resolve("streamed"));
             ProjectSession imported = ProjectSession.create(dir.resolve("imported"))) {
            long t0 = System.nanoTime();
            ImportPlan filePlan = Ingest.inspect(file, ZoneOffset.UTC);
            imported.importFile(filePlan, ImportOptions.DEFAULT, TaskContext.NONE);
            long t1 = System.nanoTime();
            streamUntilCaughtUp(streamed, KafkaSource.plain(broker.bootstrap(), topic), plan(messages), 100_000);
            System.out.printf("100k: import %.1f s, stream %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);

            assertEquals(99_000, imported.eventCount());
            assertEquals(99_000, streamed.eventCount());
            assertEquals(content(imported), content(streamed));
            BuiltFrame a = imported.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame b = streamed.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertEquals(AnalysisCommands.sessionsSummary(a), AnalysisCommands.sessionsSummary(b));
            assertEquals(transitions(a), transitions(b));

            ImportRecord stream = streamed.imports().get(0);
            List<RejectedRow> rejects = streamed.rejectedRows(stream.id(), 10_000);
            assertEquals(1000, rejects.size());
            Map<String, Integer> reasons = new HashMap<>();
            rejects.forEach(r -> reasons.merge(r.reason(), 1, Integer::sum));
            Map<String, Integer> fileReasons = new HashMap<>();
            imported.rejectedRows(imported.imports().get(0).id(), 10_000)
                    .forEach(r -> fileReasons.merge(r.reason(), 1, Integer::sum));
            assertEquals(fileReasons, reasons);
            assertTrue(rejects.get(0).location().matches(topic + "/[0-2]@\\d+"), rejects.get(0).location());
        }
    }

    @Test
    void aConsumerKilledMidStreamAndStartedAgainStoresEveryEventOnce(@TempDir Path dir) throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String topic = "project-kill";
        broker.createTopic(topic, 3);
        List<LiveTestData.Message> messages = LiveTestData.messages(30_000, 100, 12, 0, 0);
        LiveTestData.produce(broker, topic, messages);
        Path killed = dir.resolve("killed");
        try (ProjectSession s = ProjectSession.create(killed)) {
            s.eventCount(); // created, then closed: the child opens it
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), LiveChild.class.getName(),
                killed.toString(), broker.bootstrap(), topic).redirectErrorStream(true).start();
        int batches = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("batch")) {
                    batches++;
                    // H2 writes a commit to the file within half a second (its write delay): by batch 8 (over a
                    // second after the first), the first batches are on disk, later ones may be lost with their
                    // positions, which the restart then reads again
                    if (batches == 8) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, the lock file left behind
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(8, batches, "the child committed batches before it was killed");
        ImportPlan plan = plan(messages);
        List<String> afterKill;
        try (ProjectSession s = ProjectSession.open(killed)) {
            afterKill = content(s);
            assertTrue(!afterKill.isEmpty() && afterKill.size() < 29_700, "killed mid-stream: " + afterKill.size());
            streamUntilCaughtUp(s, KafkaSource.plain(broker.bootstrap(), topic).withFrom(StartFrom.STORED), plan,
                    30_000);
            try (ProjectSession whole = ProjectSession.create(dir.resolve("whole"))) {
                streamUntilCaughtUp(whole, KafkaSource.plain(broker.bootstrap(), topic), plan, 30_000);
                assertEquals(29_700, whole.eventCount());
                assertEquals(content(whole), content(s));
                assertEquals(whole.rejectedRows(whole.imports().get(0).id(), 1000).size(),
                        s.rejectedRows(s.imports().get(0).id(), 1000).size());
            }
        }
    }
}
