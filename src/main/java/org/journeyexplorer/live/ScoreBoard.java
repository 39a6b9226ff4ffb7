package org.journeyexplorer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows the per-event scores topic of the streaming scoring job ({@code src/flink-job}: one message per event
 * with the person, the session so far, the next steps and the conversion probability) and keeps the latest score
 * of every person whose session is still open, to show who is most likely to convert right now.
 *
 * <p>"Open" uses the job's session rule as far as the scores show it: a person whose latest scored event is more
 * than the session timeout older than the newest event time seen on the topic has ended the session and leaves
 * the board. Persons who already reached the goal (conversion probability 1) are counted, not ranked.
 *
 * <p>On connecting, the last {@link #LOOKBACK} messages of every partition are read, so the board is filled at
 * once; then new messages as they come. The consumer runs on its own daemon thread (a subscription lasts as long as
 * the window is open, so it must not hold a worker of the app's task pool); {@link Snapshot}s reach the listener
 * on that thread at most every {@link #PUBLISH_EVERY}.
 */
public final class ScoreBoard implements AutoCloseable {
    /** Messages per partition read back on connecting. */
    public static final int LOOKBACK = 20_000;
    /** How often the listener hears of changes at most. */
    public static final Duration PUBLISH_EVERY = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One predicted next step; {@code event} is null for "the session ends". */
    public record Next(String event, double probability) {
    }

    /**
     * A person's latest score.
     *
     * @param person     the person (user id, or device id until the device signs in)
     * @param conversion probability of reaching the goal in this session
     * @param time       time of the person's latest event
     * @param position   events in the session so far
     * @param path       the session so far (its last events when very long)
     * @param next       the most likely next steps
     */
    public record Entry(String person, double conversion, Instant time, int position, List<String> path,
                        List<Next> next) {
        /** The latest event. */
        public String lastEvent() {
            return path.isEmpty() ? "" : path.get(path.size() - 1);
        }
    }

    /**
     * What the board shows now.
     *
     * @param top       open sessions not converted yet, most likely to convert first
     * @param open      persons with an open session
     * @param converted of those, persons who reached the goal in it
     * @param scores    score messages read
     * @param unreadable messages that were not scores (skipped)
     * @param latest    newest event time seen, or null
     * @param problem   a one-line problem (connection lost, retrying…), or null
     */
    public record Snapshot(List<Entry> top, int open, int converted, long scores, long unreadable, Instant latest,
                           String problem) {
    }

    private final KafkaSource source;
    private final int topN;
    private final Duration sessionTimeout;
    private final Consumer<Snapshot> listener;
    private final Thread thread;
    private final Map<String, Entry> open = new HashMap<>();
    private volatile boolean stop;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Instant latest;
    private long scores;
    private long unreadable;
    private String problem;

    /**
     * A board that has not connected yet.
     *
     * @param source         where the scores are (the group is not used: the board reads every partition itself)
     * @param topN           how many persons {@link Snapshot#top} holds
     * @param sessionTimeout the job's session timeout
     * @param listener       hears of every change, on the board's thread; must be quick
     */
    public ScoreBoard(KafkaSource source, int topN, Duration sessionTimeout, Consumer<Snapshot> listener) {
        this.source = Objects.requireNonNull(source);
        String p = source.problem();
        if (p != null) {
            throw new UserFacingException(p);
        }
        this.topN = topN;
        this.sessionTimeout = sessionTimeout;
        this.listener = listener;
        this.thread = new Thread(this::run, "scores-" + source.topic());
        thread.setDaemon(true);
    }

    /**
     * Connects and finds the topic's partitions; slow (seconds when the broker is away), so call it off the FX
     * thread. Then follows the topic on the board's own thread.
     *
     * @throws UserFacingException when the broker cannot be reached or the topic does not exist
     */
    public void start() {
        Map<String, Object> p = source.clientProperties();
        p.put("enable.auto.commit", false);
        // asking for a topic must not create it (brokers create unknown topics on request by default)
        p.put("allow.auto.create.topics", false);
        p.put("max.poll.records", 5000);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = c.partitionsFor(source.topic(), Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new UserFacingException("There is no topic '" + source.topic() + "' at " + source.bootstrap()
                        + " (the scoring job writes its scores to journey_event_scores unless told otherwise).");
            }
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            c.assign(parts);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            for (TopicPartition tp : parts) {
                c.seek(tp, Math.max(begin.get(tp), end.get(tp) - LOOKBACK));
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            c.close(Duration.ZERO);
            throw new UserFacingException("Kafka at " + source.bootstrap() + " did not answer within 10 s; check the"
                    + " address and that the broker is running.");
        } catch (KafkaException e) {
            c.close(Duration.ZERO);
            throw new UserFacingException("Cannot read '" + source.topic() + "' at " + source.bootstrap() + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            c.close(Duration.ZERO);
            throw e;
        }
        consumer = c;
        thread.start();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        long nextPublish = 0;
        boolean changed = true;
        try {
            while (!stop) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        accept(r.value());
                        changed = true;
                    }
                    if (problem != null) {
                        problem = null;
                        changed = true;
                    }
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    problem = "Reading the scores failed (" + e.getMessage() + "); trying again.";
                    changed = true;
                    sleepQuietly(1000);
                }
                long now = System.nanoTime();
                if (changed && now >= nextPublish) {
                    listener.accept(snapshot());
                    changed = false;
                    nextPublish = now + PUBLISH_EVERY.toNanos();
                }
            }
        } finally {
            c.close(Duration.ofSeconds(1));
        }
    }

    /** Takes one message of the scores topic in (package-private for tests of the rules without a broker). */
    void accept(byte[] value) {
        Entry e = parse(value);
        if (e == null) {
            unreadable++;
            return;
        }
        scores++;
        Entry before = open.get(e.person());
        if (before == null || !e.time().isBefore(before.time())) {
            open.put(e.person(), e);
        }
        if (latest == null || e.time().isAfter(latest)) {
            latest = e.time();
        }
    }

    /** The board now: sessions that ended by the timeout dropped, the rest ranked. */
    Snapshot snapshot() {
        if (latest != null) {
            Instant cutoff = latest.minus(sessionTimeout);
            open.values().removeIf(e -> e.time().isBefore(cutoff));
        }
        int converted = 0;
        List<Entry> ranked = new ArrayList<>();
        for (Entry e : open.values()) {
            if (e.conversion() >= 1) {
                converted++;
            } else {
                ranked.add(e);
            }
        }
        ranked.sort(Comparator.comparingDouble(Entry::conversion).reversed().thenComparing(Entry::time,
                Comparator.reverseOrder()).thenComparing(Entry::person));
        return new Snapshot(List.copyOf(ranked.subList(0, Math.min(topN, ranked.size()))), open.size(), converted,
                scores, unreadable, latest, problem);
    }

    /** A score message, or null when the message is not one. */
    static Entry parse(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject() || !n.path("person").isTextual() || !n.path("time").isTextual()
                    || !n.path("path").isArray()) {
                return null;
            }
            JsonNode conv = n.path("conversion");
            List<String> path = new ArrayList<>();
            n.get("path").forEach(x -> path.add(x.asText()));
            List<Next> next = new ArrayList<>();
            for (JsonNode x : n.path("next")) {
                next.add(new Next(x.path("event").isNull() ? null : x.path("event").asText(),
                        x.path("probability").asDouble()));
            }
            return new Entry(n.get("person").asText(), conv.isNumber() ? conv.asDouble() : 0,
                    Instant.parse(n.get("time").asText()), n.path("position").asInt(path.size()), List.copyOf(path),
                    List.copyOf(next));
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following the topic; returns at once (the consumer closes on its thread). */
    @Override
    public void close() {
        stop = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
