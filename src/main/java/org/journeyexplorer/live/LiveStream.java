package org.journeyexplorer.live;

import org.journeyexplorer.project.StreamBatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.journeyexplorer.chart.Formats;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Streams a Kafka topic into a project, exactly once: a consumer thread reads every partition of the topic,
 * turns each JSON message into an event or a rejected row ({@link JsonMessages.Reader}, the JSON Lines import's
 * own parsing), and hands micro-batches (at most about one second or {@link Options#batchMessages} messages,
 * whichever comes first, and a fifth of a second while the store is idle) to a {@link BatchSink}, which commits the
 * batch together with the offsets it covers.
 *
 * <p>Exactly once: the consumer seeks every partition to the position stored in the project before reading, and
 * moves on only with what the sink committed. When a batch cannot be stored, the partitions are sought back to
 * the stored positions and read again. Killing the process between two batches loses the uncommitted one, which
 * is read again on the next start. Kafka's own committed group offsets are written after each batch only so the
 * cluster's monitoring sees the progress; they are never read.
 *
 * <p>A broker that goes away does not end the stream: the status turns to {@link LiveStatus.State#RECONNECTING},
 * the client reconnects with a backoff growing to 10 s, and reading goes on from where it stood. Wrong settings
 * (no such topic, sign-in refused) end it as {@link LiveStatus.State#FAILED} with a message a person can act on.
 *
 * <p>Thread-safe: {@link #pause}, {@link #resume}, {@link #close} and {@link #status} may be called from any
 * thread; listeners are called on the stream's own thread and must be quick.
 */
public final class LiveStream implements AutoCloseable {

    /**
     * Tuning of a stream.
     *
     * @param batchMessages   a batch is committed at this many messages at the latest
     * @param batchTime       … or when its first message is this old
     * @param maxMessageBytes larger messages are rejected as oversized
     * @param idleBatchTime   … or, while no batch is being stored, when its first message is this old: a batch
     *                        waiting out {@code batchTime} for a store with nothing to do was up to a second of the
     *                        way from a message to the open chart at low rates; when storing cannot keep up, batches
     *                        grow while the one before is stored, up to {@code batchMessages}
     */
    public record Options(int batchMessages, Duration batchTime, int maxMessageBytes, Duration idleBatchTime) {
        public static final Options DEFAULT = new Options(10_000, Duration.ofSeconds(1),
                JsonMessages.DEFAULT_MAX_BYTES, Duration.ofMillis(200));

        /** Batches of {@code batchTime} at most, committed sooner (after 200 ms at most) while the store is idle. */
        public Options(int batchMessages, Duration batchTime, int maxMessageBytes) {
            this(batchMessages, batchTime, maxMessageBytes,
                    batchTime.compareTo(DEFAULT.idleBatchTime) < 0 ? batchTime : DEFAULT.idleBatchTime);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(3);
    private static final long LAG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PARTITIONS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final KafkaSource source;
    private final JsonMessages.Reader reader;
    private final BatchSink sink;
    private final Options options;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CopyOnWriteArrayList<Consumer<LiveStatus>> listeners = new CopyOnWriteArrayList<>();

    private volatile boolean stopRequested;
    private volatile boolean pauseRequested;
    private volatile LiveStatus status = LiveStatus.starting();
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    // loop thread only
    private String sourceKey;
    private final List<TopicPartition> partitions = new ArrayList<>();
    /** Next offset per partition the project holds (stored, or where a new partition starts). */
    private final Map<Integer, Long> saved = new HashMap<>();
    private Batch batch = new Batch();
    /** Stores batches while the loop reads and parses the next one: one batch in flight at a time. */
    private final java.util.concurrent.ExecutorService committer;
    /** The batch being stored, and its outcome; null when none is. */
    private Batch committing;
    private java.util.concurrent.Future<?> committed;
    private boolean paused;
    private long events;
    private long rejected;
    private long batches;
    private long lag = -1;
    private long nextLagCheck;
    private long nextPartitionCheck;
    private long lagBackoffMillis = 1000;
    private final ArrayDeque<long[]> rateSamples = new ArrayDeque<>();

    /**
     * A stream that has not started yet.
     *
     * @param plan how messages map to events (roles, zone); must name the time, the event and an id
     * @throws UserFacingException when the source settings or the plan are incomplete
     */
    public LiveStream(KafkaSource source, ImportPlan plan, BatchSink sink, Options options) {
        this.source = Objects.requireNonNull(source);
        String problem = source.problem();
        if (problem != null) {
            throw new UserFacingException(problem);
        }
        this.reader = new JsonMessages.Reader(plan, options.maxMessageBytes());
        this.sink = Objects.requireNonNull(sink);
        this.options = options;
        this.thread = new Thread(this::run, "kafka-" + source.topic());
        thread.setDaemon(true);
        this.committer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kafka-" + source.topic() + "-commit");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading on the stream's own thread. */
    public void start() {
        thread.start();
    }

    /** Hears of every status change and committed batch, on the stream's thread. */
    public void addListener(Consumer<LiveStatus> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<LiveStatus> l) {
        listeners.remove(l);
    }

    /** The latest status. */
    public LiveStatus status() {
        return status;
    }

    public KafkaSource source() {
        return source;
    }

    /** Milliseconds since the last message arrived (or since the start, before any). */
    public long idleMillis() {
        return (System.nanoTime() - lastMessageNanos) / 1_000_000;
    }

    /** Stores what was read so far and stops reading until {@link #resume}. */
    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        pauseRequested = false;
    }

    /**
     * Stops: the batch being gathered is stored, the consumer is closed. Waits up to 30 s for that; safe to call
     * more than once.
     */
    @Override
    public void close() {
        stopRequested = true;
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the stream has ended (stopped or failed), at most {@code timeout}; true when it has. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    // ------------------------------------------------------------------------------------------- the loop

    private void run() {
        long backoff = 500;
        boolean failed = false;
        try {
            while (!stopRequested) {
                try {
                    if (consumer == null) {
                        connect();
                        backoff = 500;
                    }
                    step();
                } catch (Unreachable | org.apache.kafka.common.errors.TimeoutException e) {
                    // keep what was read (its positions are consistent), then start over from the stored positions
                    try {
                        flushAndWait();
                    } catch (SinkFailure f) {
                        batch.clear();
                    }
                    closeConsumer();
                    String why = e instanceof Unreachable ? e.getMessage()
                            : "Kafka at " + source.bootstrap() + " does not answer.";
                    publish(LiveStatus.State.RECONNECTING, why + " Trying again in " + seconds(backoff) + ".");
                    sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                } catch (SinkFailure e) {
                    // nothing of the batch was stored: read it again from the stored positions
                    batch.clear();
                    publish(LiveStatus.State.RECONNECTING, "Could not save the last batch ("
                            + e.getCause().getMessage() + "). Trying again in " + seconds(backoff) + ".");
                    sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                    closeConsumer(); // the next round connects and seeks to what the project holds
                }
            }
        } catch (WakeupException e) {
            // close() asked to stop while the consumer was waiting
        } catch (UserFacingException e) {
            failed = true;
            batch.clear();
            publish(LiveStatus.State.FAILED, e.getMessage());
        } catch (AuthenticationException e) {
            failed = true;
            batch.clear();
            publish(LiveStatus.State.FAILED, signInRefused(e));
        } catch (AuthorizationException e) {
            failed = true;
            batch.clear();
            publish(LiveStatus.State.FAILED, "Kafka does not allow " + who() + " to read " + source.describe()
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            failed = true;
            batch.clear();
            publish(LiveStatus.State.FAILED, "The stream from " + source.describe() + " stopped: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            if (!failed) {
                try {
                    flushAndWait();
                } catch (SinkFailure e) {
                    failed = true;
                    publish(LiveStatus.State.FAILED, "Could not save the last batch: " + e.getCause().getMessage());
                }
            } else {
                try {
                    awaitCommitted(); // the sink is not used after the stream ended
                } catch (SinkFailure ignored) {
                    // the stream already failed and says why
                }
            }
            committer.shutdown();
            closeConsumer();
            if (!failed) {
                publish(LiveStatus.State.STOPPED, "Disconnected from " + source.describe() + ".");
            }
        }
    }

    /** Finds the cluster and the topic, then assigns every partition at the position the project holds. */
    private void connect() {
        publish(status.state() == LiveStatus.State.RECONNECTING ? LiveStatus.State.RECONNECTING
                : LiveStatus.State.CONNECTING, "Connecting to " + source.bootstrap() + "…");
        String clusterId;
        Map<String, Object> props = source.clientProperties();
        try (Admin admin = Admin.create(props)) {
            clusterId = admin.describeCluster().clusterId().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                admin.describeTopics(List.of(source.topic())).allTopicNames()
                        .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new UserFacingException("There is no topic \"" + source.topic() + "\" on "
                            + source.bootstrap() + existingTopics(admin) + ".");
                }
                throw e;
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuthenticationException a) {
                throw a;
            }
            if (c instanceof AuthorizationException a) {
                throw a;
            }
            throw new Unreachable("Kafka at " + source.bootstrap() + " did not answer ("
                    + (c == null ? "no reason given" : c.getMessage()) + ").");
        } catch (TimeoutException e) {
            throw new Unreachable("Kafka at " + source.bootstrap() + " does not answer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        } catch (KafkaException e) {
            // e.g. a truststore that cannot be read, a host name that does not resolve
            throw new UserFacingException("Could not connect to " + source.bootstrap() + ": " + e.getMessage());
        }
        sourceKey = "kafka:" + clusterId + "/" + source.topic();
        sink.prepare();
        Map<Integer, Long> stored = sink.positions(sourceKey);
        if (source.from() == StartFrom.STORED && stored.isEmpty()) {
            throw new UserFacingException("This project has not read " + source.describe()
                    + " before, so there is no position to go on from; start from the earliest or the latest"
                    + " message instead.");
        }
        Map<String, Object> cp = new HashMap<>(props);
        cp.put("group.id", source.group());
        cp.put("enable.auto.commit", false);
        cp.put("auto.offset.reset", "earliest");
        cp.put("allow.auto.create.topics", false);
        cp.put("isolation.level", "read_committed");
        cp.put("max.poll.records", 5000);
        cp.put("fetch.max.wait.ms", 200);
        cp.put("enable.metrics.push", false);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer = c;
        if (stopRequested) {
            throw new WakeupException();
        }
        partitions.clear();
        saved.clear();
        assign(c, stored);
        paused = false;
        lastMessageNanos = System.nanoTime();
        nextLagCheck = 0;
        nextPartitionCheck = System.nanoTime() + PARTITIONS_EVERY_NANOS;
        publish(LiveStatus.State.RUNNING, "Reading " + source.describe() + ".");
    }

    /** Assigns the topic's partitions not assigned yet, each at its stored position or its start. */
    private void assign(KafkaConsumer<byte[], byte[]> c, Map<Integer, Long> stored) {
        List<PartitionInfo> infos = c.partitionsFor(source.topic(), CONNECT_TIMEOUT);
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo pi : infos == null ? List.<PartitionInfo>of() : infos) {
            TopicPartition tp = new TopicPartition(pi.topic(), pi.partition());
            if (!partitions.contains(tp)) {
                added.add(tp);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        partitions.addAll(added);
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        c.assign(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : added) {
            Long pos = stored.get(tp.partition());
            if (pos != null) {
                c.seek(tp, pos);
                saved.put(tp.partition(), pos);
            } else {
                fresh.add(tp);
            }
        }
        if (!fresh.isEmpty()) {
            if (source.from() == StartFrom.LATEST) {
                c.seekToEnd(fresh);
            } else {
                c.seekToBeginning(fresh);
            }
            for (TopicPartition tp : fresh) {
                // resolves the lazy seek now, so "where this partition started" is a number to come back to
                saved.put(tp.partition(), c.position(tp, CONNECT_TIMEOUT));
            }
        }
        if (paused) {
            c.pause(added);
        }
    }

    /** One poll: gather its messages into the batch, commit the batch when it is full or old enough. */
    private void step() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (committed != null && committed.isDone()) {
            awaitCommitted(); // counts, positions and status follow the stored batch without waiting for the next
        }
        if (pauseRequested != paused) {
            if (pauseRequested) {
                flushAndWait();
                c.pause(partitions);
                paused = true;
                publish(LiveStatus.State.PAUSED, "Paused; messages wait in Kafka until you resume.");
            } else {
                c.resume(partitions);
                paused = false;
                publish(LiveStatus.State.RUNNING, "Reading " + source.describe() + ".");
            }
        }
        long wait = 200;
        if (!batch.isEmpty()) {
            boolean storing = committed != null && !committed.isDone();
            long left = (batchAge(storing) - (System.nanoTime() - batch.startedNanos)) / 1_000_000;
            // while a batch is stored, look again soon: when it is done, the one gathered meanwhile may be due
            wait = Math.max(0, Math.min(storing ? 20 : wait, left));
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(wait));
        if (!records.isEmpty()) {
            lastMessageNanos = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                batch.add(r);
                if (batch.messages() >= options.batchMessages()) {
                    flush();
                }
            }
        }
        if (!batch.isEmpty() && System.nanoTime() - batch.startedNanos
                >= batchAge(committed != null && !committed.isDone())) {
            flush();
        }
        long now = System.nanoTime();
        if (now >= nextLagCheck) {
            checkLag(c);
        }
        if (now >= nextPartitionCheck && status.state() == LiveStatus.State.RUNNING) {
            nextPartitionCheck = now + PARTITIONS_EVERY_NANOS;
            try {
                assign(c, sink.positions(sourceKey));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // partitions added to the topic are picked up at the next check
            }
        }
    }

    /** How old a batch is committed (nanoseconds): sooner while no batch is being stored. */
    private long batchAge(boolean storing) {
        return (storing ? options.batchTime() : options.idleBatchTime()).toNanos();
    }

    /**
     * Reads the end offsets: the lag, and whether the cluster answers at all (a poll does not say: it just returns
     * nothing while the broker is away).
     */
    private void checkLag(KafkaConsumer<byte[], byte[]> c) {
        try {
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, LAG_TIMEOUT);
            long l = 0;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                l += Math.max(0, e.getValue() - saved.getOrDefault(e.getKey().partition(), 0L));
            }
            lag = l;
            lagBackoffMillis = 1000;
            nextLagCheck = System.nanoTime() + LAG_EVERY_NANOS;
            LiveStatus.State s = paused ? LiveStatus.State.PAUSED : LiveStatus.State.RUNNING;
            if (status.state() != s) {
                publish(s, paused ? "Paused; messages wait in Kafka until you resume."
                        : "Reading " + source.describe() + ".");
            } else {
                publish(s, status.message());
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            lag = -1;
            nextLagCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lagBackoffMillis);
            publish(LiveStatus.State.RECONNECTING, "Kafka at " + source.bootstrap() + " does not answer;"
                    + " reconnecting (next check in " + seconds(lagBackoffMillis) + ").");
            lagBackoffMillis = Math.min(MAX_BACKOFF_MILLIS, lagBackoffMillis * 2);
        }
    }

    /**
     * Hands the gathered batch to the committer, once the batch before it is stored, and goes on reading: parsing
     * the next batch overlaps storing this one. Exactly once still holds: positions move on only with a stored
     * batch ({@link #awaitCommitted}), and when one fails the batch gathered meanwhile is dropped and reading starts
     * over from the stored positions.
     */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        awaitCommitted();
        Batch sending = batch;
        batch = new Batch();
        StreamBatch b = new StreamBatch(sourceKey, source.topic(), sending.events, sending.rejects,
                sending.positions);
        committing = sending;
        committed = committer.submit(() -> sink.append(b));
    }

    /** {@link #flush}, then waits until the batch is stored. */
    private void flushAndWait() {
        flush();
        awaitCommitted();
    }

    /**
     * Waits for the batch in flight, then moves the positions and counts on and reports the progress to the group.
     *
     * @throws SinkFailure when it could not be stored (nothing of it was)
     */
    private void awaitCommitted() {
        java.util.concurrent.Future<?> f = committed;
        Batch done = committing;
        if (f == null) {
            return;
        }
        try {
            boolean interrupted = false;
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the batch is being written: its outcome decides the positions
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            committed = null;
            committing = null;
            Throwable cause = e.getCause();
            throw new SinkFailure(cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
        }
        committed = null;
        committing = null;
        saved.putAll(done.positions);
        events += done.events.size();
        rejected += done.rejects.size();
        int messages = done.messages();
        batches++;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            done.positions.forEach((p, o) -> offsets.put(new TopicPartition(source.topic(), p),
                    new OffsetAndMetadata(o)));
            // informational only (monitoring tools show the group's lag); a failure here loses nothing
            c.commitAsync(offsets, (o, e) -> {
            });
        }
        if (lag >= 0) {
            lag = Math.max(0, lag - messages);
        }
        publish(status.state(), status.message());
    }

    private void closeConsumer() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // closing a consumer of an unreachable broker may time out; nothing is lost by that
            }
        }
        partitions.clear();
    }

    private void publish(LiveStatus.State state, String message) {
        long now = System.nanoTime();
        rateSamples.addLast(new long[]{now, events});
        while (rateSamples.size() > 2 && now - rateSamples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            rateSamples.pollFirst();
        }
        long[] first = rateSamples.peekFirst();
        double secs = (now - first[0]) / 1e9;
        double rate = secs > 0.2 ? (events - first[1]) / secs : 0;
        LiveStatus s = new LiveStatus(state, message, events, rejected, batches, rate, lag, sourceKey);
        status = s;
        for (Consumer<LiveStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException ignored) {
                // a listener's failure must not stop the stream
            }
        }
    }

    private void sleep(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    private String signInRefused(AuthenticationException e) {
        return "Kafka at " + source.bootstrap() + " refused the sign-in of " + who() + ": " + e.getMessage();
    }

    private String who() {
        return source.security().user() == null ? "this client" : "user " + source.security().user();
    }

    private static String existingTopics(Admin admin) {
        try {
            Set<String> names = new TreeSet<>(admin.listTopics().names().get(5, TimeUnit.SECONDS));
            if (names.isEmpty()) {
                return " (it has no topics yet)";
            }
            List<String> first = new ArrayList<>(names).subList(0, Math.min(10, names.size()));
            return " (topics there: " + String.join(", ", first) + (names.size() > 10 ? ", …" : "") + ")";
        } catch (Exception e) {
            return "";
        }
    }

    private static String seconds(long millis) {
        return Formats.duration(millis * 1000);
    }

    /** The messages gathered since the last commit. */
    private final class Batch implements EventSink {
        final List<ParsedEvent> events = new ArrayList<>();
        final List<StreamBatch.Rejected> rejects = new ArrayList<>();
        final Map<Integer, Long> positions = new HashMap<>();
        long startedNanos;
        private ConsumerRecord<byte[], byte[]> current;

        void add(ConsumerRecord<byte[], byte[]> r) {
            if (isEmpty()) {
                startedNanos = System.nanoTime();
            }
            current = r;
            reader.read(r.offset(), r.value(), this);
            positions.put(r.partition(), r.offset() + 1);
        }

        @Override
        public void event(ParsedEvent e) {
            events.add(e);
        }

        @Override
        public void reject(long line, String reason, String raw) {
            rejects.add(new StreamBatch.Rejected(current.topic() + "/" + current.partition() + "@" + current.offset(),
                    reason, raw));
        }

        int messages() {
            return events.size() + rejects.size();
        }

        boolean isEmpty() {
            return events.isEmpty() && rejects.isEmpty();
        }

        void clear() {
            events.clear();
            rejects.clear();
            positions.clear();
        }
    }

    /** The cluster could not be reached: try again later. */
    private static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** The sink could not store a batch; nothing of it was stored. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
