package org.journeyexplorer.live;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;

/**
 * Seeded JSON event messages for the stream tests: persons with device ids who log in part of the time, events
 * in time order, a property {@code seq} numbering every message, and a share of bad messages of every kind the
 * stream must reject (not JSON, no id, unreadable time, no event name, not an object, empty, oversized).
 */
public final class LiveTestData {
    /** Key (person or device) and value of one message. */
    public record Message(String key, String value) {
    }

    static final String[] EVENTS = {"app_open", "search", "view_item", "add_to_cart", "begin_checkout", "purchase",
            "logout"};

    private LiveTestData() {
    }

    /**
     * {@code n} messages; every {@code badEvery}-th one (0: none) is bad, cycling through the kinds of bad.
     * Oversized messages are only among them when {@code oversize} is positive (their size then).
     */
    public static List<Message> messages(int n, int badEvery, long seed, int firstSeq, int oversize) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Message> out = new ArrayList<>(n);
        long t = Instant.parse("2025-10-01T08:00:00Z").getEpochSecond();
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int seq = firstSeq + i;
            t += 1 + rnd.nextInt(3); // strictly increasing: ties would be ordered by arrival, which differs
            int person = rnd.nextInt(400);
            String device = "d" + person + "-" + rnd.nextInt(2);
            boolean known = rnd.nextInt(3) > 0;
            String event = EVENTS[rnd.nextInt(EVENTS.length)];
            String time = Instant.ofEpochSecond(t).toString();
            if (badEvery > 0 && i % badEvery == badEvery - 1) {
                int kinds = oversize > 0 ? 7 : 6;
                String value = switch (bad++ % kinds) {
                    case 0 -> "not json at all " + seq;
                    case 1 -> "{\"event\":\"" + event + "\",\"timestamp\":\"" + time + "\",\"seq\":" + seq + "}";
                    case 2 -> "{\"anonymous_id\":\"" + device + "\",\"event\":\"" + event
                            + "\",\"timestamp\":\"yesterday-ish\",\"seq\":" + seq + "}";
                    case 3 -> "{\"anonymous_id\":\"" + device + "\",\"timestamp\":\"" + time + "\",\"seq\":" + seq + "}";
                    case 4 -> "[1,2,3]";
                    case 5 -> "{\"anonymous_id\":\"" + device + "\",\"event\":\"" + event + "\",\"timestamp\":\""
                            + time + "\",\"seq\":" + seq + ",\"broken\":";
                    default -> "{\"anonymous_id\":\"" + device + "\",\"event\":\"" + event + "\",\"timestamp\":\""
                            + time + "\",\"seq\":" + seq + ",\"blob\":\"" + "x".repeat(oversize) + "\"}";
                };
                out.add(new Message(device, value));
                continue;
            }
            StringBuilder sb = new StringBuilder(160);
            sb.append("{\"timestamp\":\"").append(time).append("\",\"anonymous_id\":\"").append(device).append('"');
            if (known) {
                sb.append(",\"user_id\":\"u").append(person).append('"');
            }
            sb.append(",\"event\":\"").append(event).append("\",\"seq\":").append(seq);
            if (event.equals("purchase")) {
                sb.append(",\"properties\":{\"price\":").append(5 + rnd.nextInt(200)).append(".5}");
            }
            sb.append('}');
            out.add(new Message(known ? "u" + person : device, sb.toString()));
        }
        return out;
    }

    /** The messages as the lines of a JSON Lines file. */
    public static String jsonLines(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(m.value()).append('\n');
        }
        return sb.toString();
    }

    /** Publishes the messages in order (keyed, so one person's events stay in one partition) and waits. */
    public static void produce(KafkaTestBroker broker, String topic, List<Message> messages) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(broker.producerConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (Message m : messages) {
                sent.add(p.send(new ProducerRecord<>(topic, m.key().getBytes(StandardCharsets.UTF_8),
                        m.value().getBytes(StandardCharsets.UTF_8))));
            }
            p.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the test messages", e);
        }
    }
}
