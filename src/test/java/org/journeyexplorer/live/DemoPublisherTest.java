package org.journeyexplorer.live;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate-demo --kafka's publisher and the connect dialog's preview, against the real broker. */
class DemoPublisherTest {

    @Test
    void publishesTheDemoInTimeOrderAtTheRateAndThePreviewDetectsItsRoles() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        KafkaSource target = KafkaSource.plain(broker.bootstrap(), "demo-publish");
        DemoGenerator.TimeOrdered demo = DemoGenerator.timeOrdered(1500, 3);
        for (int i = 1; i < demo.size(); i++) {
            assertTrue(demo.second(i - 1) <= demo.second(i), "time order at " + i);
        }
        long t0 = System.nanoTime();
        DemoPublisher.Result r = DemoPublisher.publish(target, demo, 3000, TaskContext.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1500, r.events());
        assertTrue(r.created());
        assertTrue(seconds >= 0.45, "1500 events at 3000/s take half a second, not " + seconds);

        List<byte[]> first = TopicPreview.firstMessages(target, 200, Duration.ofSeconds(5), TaskContext.NONE);
        assertEquals(200, first.size());
        ImportPlan plan = JsonMessages.inspect("demo", first, ZoneOffset.UTC);
        // the demo rows carry the identity columns of its CSV, detected as in a file import
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event", "email", "phone", null,
                "user_agent", "ip"), plan.mapping());

        InMemoryBatchSink sink = new InMemoryBatchSink();
        try (LiveStream s = new LiveStream(target, plan, sink, LiveStream.Options.DEFAULT)) {
            s.start();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.stored() < 1500 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }
        assertEquals(1500, sink.events().size());
        assertEquals(0, sink.rejects().size());
        // keyed by person: the events of one device arrive in time order whatever the partition
        Map<String, Long> lastTime = new HashMap<>();
        for (ParsedEvent e : sink.events()) {
            Long before = lastTime.put(e.anonymousId(), e.timeMicros());
            assertTrue(before == null || before <= e.timeMicros(), "device " + e.anonymousId() + " out of order");
        }
        List<Long> times = new ArrayList<>();
        sink.events().forEach(e -> times.add(e.timeMicros()));
        times.sort(Long::compare);
        assertEquals(demo.second(0) * 1_000_000L, times.get(0));
        assertEquals(demo.second(1499) * 1_000_000L, times.get(1499));
    }

    @Test
    void previewOfAMissingTopicSaysSo() {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        UserFacingException e = assertThrows(UserFacingException.class, () -> TopicPreview.firstMessages(
                KafkaSource.plain(broker.bootstrap(), "nothing-here"), 10, Duration.ofSeconds(1), TaskContext.NONE));
        assertEquals("There is no topic \"nothing-here\" on " + broker.bootstrap() + ".", e.getMessage());
    }
}
