package org.journeyexplorer.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The in-process broker round-trips messages, and keeps them over a stop and restart on the same port. */
class KafkaTestBrokerTest {

    @Test
    void roundTripAndRestart() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            System.out.printf("broker started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            broker.createTopic("t", 2);
            produce(broker, 0, 10);
            assertEquals(values(0, 10), consume(broker, 10));
            broker.stop();
            long t1 = System.nanoTime();
            broker.restart();
            System.out.printf("broker restarted in %.1f s%n", (System.nanoTime() - t1) / 1e9);
            produce(broker, 10, 15);
            assertEquals(values(0, 15), consume(broker, 15));
        }
    }

    private static void produce(KafkaTestBroker broker, int from, int to) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                p.send(new ProducerRecord<>("t", 0, "k", "v" + i)).get();
            }
        }
    }

    private static List<String> values(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("v" + i);
        }
        return out;
    }

    private static List<String> consume(KafkaTestBroker broker, int n) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            c.assign(List.of(new org.apache.kafka.common.TopicPartition("t", 0)));
            c.seekToBeginning(c.assignment());
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
