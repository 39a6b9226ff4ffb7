package org.journeyexplorer.live;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.demo.DemoGenerator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the demo journeys to a topic in time order, one JSON message per event keyed by person, at a steady
 * rate: something to point the live view at ({@code generate-demo --kafka}).
 */
public final class DemoPublisher {
    /** Partitions of a topic this creates. */
    public static final int PARTITIONS = 3;

    private DemoPublisher() {
    }

    /**
     * What was published.
     *
     * @param events  messages sent (and acknowledged)
     * @param created whether the topic was created
     * @param seconds how long it took
     */
    public record Result(long events, boolean created, double seconds) {
    }

    /**
     * Publishes {@code events} (see {@link DemoGenerator#timeOrdered}), creating the topic with
     * {@value #PARTITIONS} partitions when it does not exist.
     *
     * @param rate events per second; 0 or less for as fast as the broker takes them
     * @param ctx  progress (messages sent of all) and cancellation
     * @throws UserFacingException when the broker cannot be reached or refuses the messages
     */
    public static Result publish(KafkaSource target, DemoGenerator.TimeOrdered events, double rate,
                                 TaskContext ctx) {
        String problem = target.problem();
        if (problem != null) {
            throw new UserFacingException(problem);
        }
        boolean created = ensureTopic(target);
        Map<String, Object> p = new HashMap<>(target.clientProperties());
        p.put("acks", "all");
        p.put("linger.ms", 20);
        p.put("batch.size", 256 * 1024);
        p.put("compression.type", "lz4");
        p.put("enable.idempotence", true);
        p.put("delivery.timeout.ms", 60_000);
        p.put("enable.metrics.push", false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        int n = events.size();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        producer.flush();
                        sleepNanos(wait);
                    }
                }
                if ((i & 1023) == 0) {
                    ctx.checkCancelled();
                    ctx.progress(i, n);
                    if (failure.get() != null) {
                        break;
                    }
                }
                producer.send(new ProducerRecord<>(target.topic(), events.key(i), events.json(i)), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserFacingException("Could not publish to " + target.describe() + ": " + e.getMessage(), e);
        }
        if (failure.get() != null) {
            throw new UserFacingException("Kafka refused the demo events for " + target.describe() + ": "
                    + failure.get().getMessage(), failure.get());
        }
        ctx.progress(n, n);
        return new Result(n, created, (System.nanoTime() - start) / 1e9);
    }

    private static boolean ensureTopic(KafkaSource target) {
        try (Admin admin = Admin.create(target.clientProperties())) {
            if (admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(target.topic())) {
                return false;
            }
            try {
                admin.createTopics(List.of(new NewTopic(target.topic(), java.util.Optional.of(PARTITIONS), java.util.Optional.empty()))).all()
                        .get(15, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false;
                }
                throw e;
            }
        } catch (ExecutionException e) {
            throw new UserFacingException("Kafka at " + target.bootstrap() + " did not answer: "
                    + (e.getCause() == null ? "no reason given" : e.getCause().getMessage()), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UserFacingException("Kafka at " + target.bootstrap() + " does not answer; is a broker running"
                    + " there?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, Duration.ofSeconds(1).toNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
