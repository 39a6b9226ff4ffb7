package org.journeyexplorer.live;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in with SASL PLAIN and SCRAM against the broker's SASL listener; what is and is not saved. */
class SecureStreamTest {

    private static KafkaSecurity sasl(KafkaSecurity.Mechanism m, String user, String password) {
        return new KafkaSecurity(KafkaSecurity.Protocol.SASL_PLAINTEXT, null, null, m, user, password.toCharArray());
    }

    @Test
    void plainAndScramSignInAndAWrongPasswordIsRefusedInOneLine() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String topic = broker.newTopic("secure", 1);
        List<LiveTestData.Message> messages = LiveTestData.messages(300, 0, 21, 0, 0);
        LiveTestData.produce(broker, topic, messages);

        KafkaSource plain = new KafkaSource(broker.saslBootstrap(), topic, null, StartFrom.EARLIEST,
                sasl(KafkaSecurity.Mechanism.PLAIN, KafkaTestBroker.PLAIN_USER, KafkaTestBroker.PLAIN_PASSWORD));
        List<byte[]> first = TopicPreview.firstMessages(plain, 50, Duration.ofSeconds(5), TaskContext.NONE);
        assertEquals(50, first.size());

        KafkaSource wrong = plain.withSecurity(sasl(KafkaSecurity.Mechanism.PLAIN, KafkaTestBroker.PLAIN_USER,
                "guess"));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> TopicPreview.firstMessages(wrong, 50, Duration.ofSeconds(5), TaskContext.NONE));
        assertTrue(e.getMessage().startsWith("Kafka at " + broker.saslBootstrap() + " refused the sign-in of user "
                + KafkaTestBroker.PLAIN_USER + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        List<byte[]> sample = new ArrayList<>();
        messages.subList(0, 100).forEach(m -> sample.add(m.value().getBytes(StandardCharsets.UTF_8)));
        ImportPlan plan = JsonMessages.inspect("secure", sample, ZoneOffset.UTC);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        KafkaSource scram = plain.withSecurity(sasl(KafkaSecurity.Mechanism.SCRAM_SHA_256, KafkaTestBroker.SCRAM_USER,
                KafkaTestBroker.SCRAM_PASSWORD));
        try (LiveStream s = new LiveStream(scram, plan, sink, LiveStream.Options.DEFAULT)) {
            s.start();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sink.stored() < 300 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }
        assertEquals(300, sink.stored());

        KafkaSource badScram = plain.withSecurity(sasl(KafkaSecurity.Mechanism.SCRAM_SHA_256,
                KafkaTestBroker.SCRAM_USER, "nope"));
        try (LiveStream s = new LiveStream(badScram, plan, new InMemoryBatchSink(), LiveStream.Options.DEFAULT)) {
            s.start();
            assertTrue(s.awaitEnd(Duration.ofSeconds(30)));
            assertEquals(LiveStatus.State.FAILED, s.status().state());
            assertTrue(s.status().message().startsWith("Kafka at " + broker.saslBootstrap()
                    + " refused the sign-in of user bob: "), s.status().message());
        }
    }

    @Test
    void savedSettingsHoldNoPasswordAndQuotesAreEscapedForJaas() {
        KafkaSecurity sec = new KafkaSecurity(KafkaSecurity.Protocol.SASL_SSL, Path.of("/etc/ca.pem"),
                "trust-pw".toCharArray(), KafkaSecurity.Mechanism.SCRAM_SHA_512, "carol", "a\"b\\c".toCharArray());
        Map<String, Object> p = sec.clientProperties();
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"carol\""
                + " password=\"a\\\"b\\\\c\";", p.get("sasl.jaas.config"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("PEM", p.get("ssl.truststore.type"));
        assertEquals("trust-pw", p.get("ssl.truststore.password"));

        KafkaSource src = new KafkaSource("kafka.example:9093", "events", "g", StartFrom.LATEST, sec);
        ImportPlan plan = JsonMessages.inspect("t", List.of(("{\"user_id\":\"u\",\"event\":\"e\",\"timestamp\":"
                + "\"2025-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8)), ZoneOffset.UTC);
        String json = SavedStream.of(src, plan).toJson();
        assertFalse(json.contains("a\\\"b") || json.contains("trust-pw"), json);
        SavedStream back = SavedStream.fromJson(json).orElseThrow();
        assertEquals(src.withSecurity(sec.withoutSecrets()), back.source());
        assertNull(back.source().security().password());
        assertTrue(back.source().security().needsPassword());
        assertEquals(plan.mapping(), back.mapping());
        assertFalse(sec.toString().contains("a\"b"), "toString shows no password");
    }
}
