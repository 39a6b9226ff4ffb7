package org.journeyexplorer.flink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a scoring task's new models come from while the job runs: a thread of the task's own that looks at the model
 * file every {@code --model-poll} (and reads the {@code --model-topic}, every message from the first on, when
 * given), and hands the task the latest model that reads as one. The task looks at {@link #version()} (one volatile
 * read) when it scores and takes {@link #latest()} when it moved, so a new model is used from the next event on.
 *
 * <p>Not a broadcast input of the stages: an operator with a second input never runs chained to the one before it,
 * so at parallelism 1 every event crossed two serialized hand-overs between threads (source → device stage →
 * person stage) only because the stages had the model as their second input. A file that does not read as a model
 * (half written, or a kind this job does not know) is reported once by this thread and not handed on: the model in
 * force stays.
 */
final class ModelWatch implements AutoCloseable {
    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final JobOptions options;
    private final ScorerFactory factory;
    private final Thread thread;
    private volatile boolean closed;
    private volatile KafkaConsumer<String, String> consumer;

    private volatile ModelUpdate latest;
    private volatile long version;
    /** The text last handed on (or started with), to hand on a change only. */
    private String current;
    private FileTime seen;
    private long seenSize = -1;

    /**
     * Starts watching for {@code task}; {@code start} is the model the task starts with (not handed on again).
     */
    ModelWatch(JobOptions options, ScorerFactory factory, ModelUpdate start, String task) {
        this.options = options;
        this.factory = factory;
        this.current = start.text;
        this.thread = new Thread(this::run, "model watch " + task);
        thread.setDaemon(true);
        thread.start();
    }

    /** Goes up by one with every model handed on. */
    long version() {
        return version;
    }

    /** The latest model that read as one, or null when none came since the start. */
    ModelUpdate latest() {
        return latest;
    }

    private void run() {
        long every = Math.max(1, options.modelPoll().toMillis());
        try {
            if (options.modelTopic() != null) {
                consumer = topicReader();
                catchUp(consumer);
            }
            while (!closed) {
                if (options.model() != null) {
                    checkFile();
                }
                if (consumer != null) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(every))) {
                        offer(new ModelUpdate("topic " + options.modelTopic(), r.value()));
                    }
                } else {
                    Thread.sleep(every);
                }
            }
        } catch (InterruptedException | WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            if (!closed) {
                System.err.println("Watching for new models stopped (the model in force stays): " + e);
            }
        } finally {
            KafkaConsumer<String, String> c = consumer;
            if (c != null) {
                Thread.interrupted(); // a close that interrupted a sleep: the consumer's close would throw on it
                try {
                    c.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    // closing anyway
                }
            }
        }
    }

    private void checkFile() {
        Path p = Path.of(options.model());
        try {
            FileTime modified = Files.getLastModifiedTime(p);
            long size = Files.size(p);
            if (modified.equals(seen) && size == seenSize) {
                return;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            seen = modified;
            seenSize = size;
            offer(new ModelUpdate(options.model(), text));
        } catch (IOException e) {
            // gone for a moment (being replaced): keep the model in force and look again next time
        }
    }

    /** Hands a model on if it is new and reads as one; false if it does not read as one. */
    private boolean offer(ModelUpdate u) {
        if (u.text == null || u.text.equals(current)) {
            return true;
        }
        try {
            factory.load(u.text);
        } catch (IllegalArgumentException e) {
            // a half-written or foreign file must not stop scoring: keep the model in force; said once per process
            // (each scoring task has a watch of its own)
            if (REPORTED.add(u.source + " " + u.text.hashCode())) {
                System.err.println("The model from " + u.source + " was not taken: " + e.getMessage());
            }
            current = u.text; // not read again at every poll
            return false;
        }
        current = u.text;
        latest = u;
        version++;
        return true;
    }

    /**
     * Reads the model topic up to its end as it was at the start and hands on only its newest model that reads as
     * one (the one the job starts with, as a rule): handing on every older one on the way would let the task score
     * with them for a moment.
     */
    private void catchUp(KafkaConsumer<String, String> c) {
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        while (!closed && !reached(c, end)) {
            c.poll(Duration.ofMillis(200)).forEach(all::add);
        }
        all.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        for (int i = all.size() - 1; i >= 0; i--) {
            if (offer(new ModelUpdate("topic " + options.modelTopic(), all.get(i).value()))) {
                return;
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Every partition of the model topic from its first message: the latest one wins, as they are read in order. */
    private KafkaConsumer<String, String> topicReader() {
        Map<String, Object> p = new HashMap<>(options.kafka());
        p.put("bootstrap.servers", options.bootstrap());
        p.put("enable.auto.commit", "false");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        List<PartitionInfo> infos = c.partitionsFor(options.modelTopic(), Duration.ofSeconds(30));
        for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
            parts.add(new TopicPartition(i.topic(), i.partition()));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup(); // its poll ends with a WakeupException; an interrupt would break the consumer's close
        } else {
            thread.interrupt();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
