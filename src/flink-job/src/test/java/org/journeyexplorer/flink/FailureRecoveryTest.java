package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exactly once across a failure: a scoring task that throws once mid-stream (after a checkpoint) is restarted
 * from that checkpoint, and a read_committed consumer sees every score and every session exactly once — the same
 * set as an uninterrupted run of the same events.
 */
class FailureRecoveryTest {
    /** Armed by the test once a checkpoint has completed; the next score then fails, once. */
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final KafkaTestBroker broker = TestCluster.broker();

    /** The test model, with a score that fails once when armed. */
    static Scorer failingOnce(String json) {
        Scorer s = TestModels.load(json);
        return new Scorer() {
            @Override
            public String id() {
                return s.id();
            }

            @Override
            public String goal() {
                return s.goal();
            }

            @Override
            public Prediction score(String[] types, int length) {
                if (ARMED.get() && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure");
                }
                return s.score(types, length);
            }
        };
    }

    @Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTaskThatFailsOnceRecoversFromItsCheckpointAndWritesEachResultOnce(@TempDir Path dir) throws Exception {
        // a run of its own: topics and the injected failure start fresh, also when Surefire reruns a failed attempt
        // (the first attempt's topics hold its events and results; its flags say the failure already happened)
        ARMED.set(false);
        FAILED.set(false);
        String run = Long.toString(System.nanoTime(), 36);
        String in = "fail-in-" + run;
        String a = "-a-" + run;
        String b = "-b-" + run;
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        EventColumns demo = DemoEvents.columns(2000, 11);
        List<String[]> msgs = DemoEvents.messages(demo);
        int half = msgs.size() / 2;
        broker.createTopic(in, 3);
        StreamFixture.createOutputTopics(broker, a);
        StreamFixture.createOutputTopics(broker, b);
        StreamFixture.produce(broker.bootstrap(), in, msgs.subList(0, half));

        JobClient failing = StreamFixture.start(StreamFixture.options(broker.bootstrap(), in, b, model),
                ModelFiles.read(model.toString()), FailureRecoveryTest::failingOnce, 2);
        JobClient clean = null;
        List<JsonNode> scoresB;
        List<JsonNode> sessionsB;
        List<JsonNode> scoresA;
        List<JsonNode> sessionsA;
        try {
            // output visible to read_committed means a checkpoint completed: fail after it
            StreamFixture.readCommitted(failing, broker.bootstrap(), "scores" + b, l -> !l.isEmpty(),
                    Duration.ofSeconds(90));
            ARMED.set(true);
            StreamFixture.produce(broker.bootstrap(), in, msgs.subList(half, msgs.size()));
            StreamFixture.flush(broker.bootstrap(), in, 3, DemoEvents.after(demo));
            // the uninterrupted run reads the same events meanwhile (the two jobs share nothing but the input)
            clean = StreamFixture.start(StreamFixture.options(broker.bootstrap(), in, a, model),
                    ModelFiles.read(model.toString()), TestModels.FACTORY, 2);
            scoresB = StreamFixture.readCommitted(failing, broker.bootstrap(), "scores" + b,
                    l -> l.size() >= msgs.size(), Duration.ofSeconds(120));
            assertTrue(FAILED.get(), "the injected failure happened");
            assertEquals(msgs.size(), scoresB.size(), () -> "scores of the recovered run; its job: "
                    + StreamFixture.describe(failing));
            scoresA = StreamFixture.readCommitted(clean, broker.bootstrap(), "scores" + a, l -> l.size() >= msgs.size(),
                    Duration.ofSeconds(120));
            // sessions come in bursts (one per checkpoint): a read that saw one run's output settle early is read
            // again; runs that still differ after that differ for good
            long deadline = System.currentTimeMillis() + 60_000;
            do {
                sessionsA = StreamFixture.settled(clean, broker.bootstrap(), "sessions" + a);
                int expected = sessionsA.size();
                sessionsB = StreamFixture.settled(failing, broker.bootstrap(), "sessions" + b,
                        l -> l.size() >= expected, Duration.ofSeconds(3));
            } while (!new HashSet<>(sessionsA).equals(new HashSet<>(sessionsB))
                    && System.currentTimeMillis() < deadline);
        } finally {
            try {
                StreamFixture.stop(failing);
            } finally {
                if (clean != null) {
                    StreamFixture.stop(clean);
                }
            }
        }

        assertEquals(msgs.size(), scoresA.size(), "one score per event");
        assertEquals(msgs.size(), scoresB.size(), "one score per event, none doubled by the restart");
        assertEquals(Set.copyOf(scoresA), new HashSet<>(scoresB));
        assertEquals(msgs.size(), Set.copyOf(scoresB).size());
        Set<JsonNode> onlyA = new HashSet<>(sessionsA);
        sessionsB.forEach(onlyA::remove);
        Set<JsonNode> onlyB = new HashSet<>(sessionsB);
        sessionsA.forEach(onlyB::remove);
        assertEquals(Set.of(), onlyA, "sessions of the uninterrupted run only; of the failed run only: " + onlyB);
        assertEquals(Set.of(), onlyB, "sessions of the failed run only");
        assertEquals(sessionsA.size(), sessionsB.size());
        assertEquals(sessionsA.size(), Set.copyOf(sessionsA).size());
    }

    /**
     * A partition read to its end before the checkpoint that the job recovers from gives the recovered job no record
     * and so, on its own, no watermark: without the partition's event time restored, event time stops at the
     * restart and no held event is scored and no session ends any more (the recovered run of the test above stalled
     * so whenever a checkpoint had caught a partition's last record before the injected failure).
     */
    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPartitionReadToItsEndBeforeTheCheckpointDoesNotStopEventTimeAfterRecovery(@TempDir Path dir)
            throws Exception {
        ARMED.set(false);
        FAILED.set(false);
        StreamFixture.Topics topics = StreamFixture.freshTopics(broker, "ended", 2);
        String in = topics.in();
        String out = topics.out();
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        // partition 0: u0's session and then a record far ahead (its partition's end); partition 1: u1's session,
        // its last event held until partition 1's event time passes it
        List<String> p0 = List.of(StreamFixture.event("u0", null, at(0), "a"),
                StreamFixture.event("u0", null, at(60), "b"),
                StreamFixture.event("zz-end-0", null, at(86_400), "flush"));
        List<String> p1 = List.of(StreamFixture.event("u1", null, at(0), "a"),
                StreamFixture.event("u1", null, at(600), "b"));
        StreamFixture.produce(broker.bootstrap(), in, 0, p0);
        StreamFixture.produce(broker.bootstrap(), in, 1, p1);
        JobOptions o = StreamFixture.options(broker.bootstrap(), in, out, model);
        JobClient job = StreamFixture.start(o, ModelFiles.read(model.toString()), FailureRecoveryTest::failingOnce, 1);
        List<JsonNode> scores;
        List<JsonNode> sessions;
        try {
            // u0's two events and u1's first are scored; then a checkpoint holds partition 0 read to its end
            StreamFixture.readCommitted(job, broker.bootstrap(), "scores" + out, l -> l.size() >= 3,
                    Duration.ofSeconds(60));
            StreamFixture.awaitCommittedOffset(broker, o.group(), in, 0, p0.size(), Duration.ofSeconds(90));
            ARMED.set(true);
            // partition 1 moves on: u1's held event is released and its score fails; the job recovers
            StreamFixture.produce(broker.bootstrap(), in, 1, List.of(StreamFixture.event("u1", null, at(1200), "c"),
                    StreamFixture.event("zz-end-1", null, at(86_400), "flush")));
            scores = StreamFixture.readCommitted(job, broker.bootstrap(), "scores" + out, l -> l.size() >= 5,
                    Duration.ofSeconds(60));
            sessions = StreamFixture.readCommitted(job, broker.bootstrap(), "sessions" + out, l -> l.size() >= 2,
                    Duration.ofSeconds(30));
            if (scores.size() < 5 || sessions.size() < 2) {
                // the job's event time says why (before the fix: every operator's watermark at its minimum)
                fail("after recovery " + scores.size() + " of 5 scores and " + sessions.size() + " of 2 sessions; "
                        + StreamFixture.describe(job));
            }
            // then two more checkpoints without anything more (a repeat would show)
            scores = StreamFixture.settled(job, broker.bootstrap(), "scores" + out, l -> l.size() >= 5,
                    Duration.ofSeconds(2));
            sessions = StreamFixture.settled(job, broker.bootstrap(), "sessions" + out, l -> l.size() >= 2,
                    Duration.ofSeconds(2));
            assertTrue(FAILED.get(), "the injected failure happened");
        } finally {
            StreamFixture.stop(job);
        }
        assertEquals(5, scores.size(), "each event scored once: " + scores);
        assertEquals(5, Set.copyOf(scores).size());
        assertEquals(List.of("u0", "u1"), sessions.stream().map(s -> s.get("person").asText()).sorted().toList());
        assertEquals(List.of(2, 3), sessions.stream().sorted(java.util.Comparator.comparing(s -> s.get("person")
                .asText())).map(s -> s.get("events").asInt()).toList());
    }

    /**
     * The at-least-once mode across the same injected failure: every event's score arrives (none lost, also of the
     * events held in state at the checkpoint the job recovers from), a repeated score is the same record written
     * again, and only scores written after that checkpoint are repeated — those of the events before it and of the
     * events after the recovery arrive exactly once.
     */
    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void atLeastOnceLosesNoScoreAndRepeatsOnlyWhatFollowedTheRestoredCheckpoint(@TempDir Path dir)
            throws Exception {
        ARMED.set(false);
        FAILED.set(false);
        StreamFixture.Topics topics = StreamFixture.freshTopics(broker, "alo", 2);
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        // scores wait in the sink's producer until a checkpoint flushes them (a minute's linger, checkpoints every
        // second): what a failure must not lose is then exactly what the flush at each checkpoint saves
        JobOptions o = StreamFixture.options(broker.bootstrap(), topics.in(), topics.out(), model,
                "--delivery", "at-least-once", "--kafka", "linger.ms=60000");
        String scores = o.scores();
        // three rounds an hour apart in event time; each ends with an event per partition ten minutes on, which
        // moves event time past the round (itself scored with the next round)
        List<Set<String>> rounds = new java.util.ArrayList<>();
        JobClient job = StreamFixture.start(o, ModelFiles.read(model.toString()), FailureRecoveryTest::failingOnce, 1);
        List<JsonNode> read;
        try {
            rounds.add(produceRound(o.in(), 1, true));
            StreamFixture.read(job, broker.bootstrap(), scores, "read_uncommitted", l -> l.size() >= 40,
                    Duration.ofSeconds(60));
            // every score of round 1 is written before this checkpoint: a recovery never repeats them
            TestCluster.cluster().triggerCheckpoint(job.getJobID(),
                    org.apache.flink.core.execution.CheckpointType.FULL).get(60, java.util.concurrent.TimeUnit.SECONDS);
            ARMED.set(true);
            rounds.add(produceRound(o.in(), 2, true));
            StreamFixture.read(job, broker.bootstrap(), scores, "read_uncommitted",
                    l -> new HashSet<>(keys(l)).size() >= 40 + 2 + 40, Duration.ofSeconds(90));
            assertTrue(FAILED.get(), "the injected failure happened");
            rounds.add(produceRound(o.in(), 3, false));
            StreamFixture.flush(broker.bootstrap(), o.in(), 2, at(4 * 3600));
            read = StreamFixture.read(job, broker.bootstrap(), scores, "read_uncommitted",
                    l -> new HashSet<>(keys(l)).size() >= 40 + 2 + 40 + 2 + 40, Duration.ofSeconds(90));
            // and then nothing more for a second (a repeat of round 3 would show)
            int all = read.size();
            long[] last = {all, System.currentTimeMillis()};
            read = StreamFixture.read(job, broker.bootstrap(), scores, "read_uncommitted", l -> {
                if (l.size() != last[0]) {
                    last[0] = l.size();
                    last[1] = System.currentTimeMillis();
                }
                return l.size() >= all && System.currentTimeMillis() - last[1] >= 1000;
            }, Duration.ofSeconds(30));
        } finally {
            StreamFixture.stop(job);
        }
        Set<String> expected = new HashSet<>();
        rounds.forEach(expected::addAll);
        assertEquals(expected, new HashSet<>(keys(read)), "one score per event, none lost");
        assertEquals(expected.size(), Set.copyOf(read).size(), "a repeated score is the same record again");
        java.util.Map<String, Long> times = new java.util.HashMap<>();
        keys(read).forEach(k -> times.merge(k, 1L, Long::sum));
        for (String k : rounds.get(0)) {
            if (!k.startsWith("zz")) {
                assertEquals(1L, times.get(k), () -> "scored before the restored checkpoint, repeated: " + k);
            }
        }
        for (String k : rounds.get(2)) {
            assertEquals(1L, times.get(k), () -> "scored after the recovery, repeated: " + k);
        }
    }

    /**
     * Round {@code r}: users u0–u9 and devices d0–d9 (never linked: persons of their own) with two events each, on
     * partition 0 (even) or 1 (odd), and with {@code tick} an event per partition ten minutes on; returns the keys
     * (person and time) of the round's events.
     */
    private Set<String> produceRound(String in, int r, boolean tick) {
        Set<String> keys = new HashSet<>();
        List<List<String>> parts = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 20; i++) {
                String id = (i < 10 ? "u" : "d") + i % 10;
                String time = at(r * 3600L + k * 60 + i);
                parts.get(i % 2).add(StreamFixture.event(i < 10 ? id : null, i < 10 ? null : id, time, k == 0 ? "a"
                        : "b"));
                keys.add(id + " " + time);
            }
        }
        for (int p = 0; tick && p < 2; p++) {
            String time = at(r * 3600L + 600);
            parts.get(p).add(StreamFixture.event("zz-tick-" + p, null, time, "tick"));
            keys.add("zz-tick-" + p + " " + time);
        }
        for (int p = 0; p < 2; p++) {
            StreamFixture.produce(broker.bootstrap(), in, p, parts.get(p));
        }
        return keys;
    }

    /** Person and event time of each score. */
    private static List<String> keys(List<JsonNode> scores) {
        return scores.stream().map(s -> s.get("person").asText() + " " + s.get("time").asText()).toList();
    }

    private static String at(long seconds) {
        return Outputs.time((1_700_000_000L + seconds) * 1_000_000L);
    }
}
