package org.journeyexplorer.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first messages of a topic without consuming anything (no group, nothing committed): what the connect
 * dialog previews and what the roles are detected from before a stream starts.
 */
public final class TopicPreview {
    private TopicPreview() {
    }

    /**
     * Up to {@code max} message values from the start of the topic's partitions, in partition order. When the
     * topic holds none, waits up to {@code wait} for new ones.
     *
     * @throws UserFacingException when the cluster cannot be reached, refuses the sign-in, or has no such topic
     */
    public static List<byte[]> firstMessages(KafkaSource source, int max, Duration wait, TaskContext ctx) {
        String problem = source.problem();
        if (problem != null) {
            throw new UserFacingException(problem);
        }
        Map<String, Object> p = new HashMap<>(source.clientProperties());
        p.put("enable.auto.commit", false);
        p.put("allow.auto.create.topics", false);
        p.put("isolation.level", "read_committed");
        p.put("max.poll.records", Math.max(1, max));
        p.put("enable.metrics.push", false);
        p.put("default.api.timeout.ms", 10_000);
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos;
            try {
                infos = c.listTopics(Duration.ofSeconds(10)).get(source.topic());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new UserFacingException("Kafka at " + source.bootstrap() + " does not answer; check the"
                        + " address and that a broker runs there.", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new UserFacingException("There is no topic \"" + source.topic() + "\" on " + source.bootstrap()
                        + ".");
            }
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : infos) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + wait.toNanos();
            while (out.size() < max) {
                ctx.checkCancelled();
                boolean caughtUp = true;
                for (TopicPartition tp : parts) {
                    if (c.position(tp) < ends.getOrDefault(tp, 0L)) {
                        caughtUp = false;
                        break;
                    }
                }
                if (caughtUp && (!out.isEmpty() || System.nanoTime() > deadline)) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (out.size() < max) {
                        out.add(r.value());
                    }
                }
                if (System.nanoTime() > deadline + Duration.ofSeconds(20).toNanos()) {
                    break; // a topic that keeps answering slowly: show what came
                }
            }
        } catch (AuthenticationException e) {
            throw new UserFacingException("Kafka at " + source.bootstrap() + " refused the sign-in"
                    + (source.security().user() == null ? "" : " of user " + source.security().user()) + ": "
                    + e.getMessage(), e);
        } catch (AuthorizationException e) {
            throw new UserFacingException("Kafka does not allow reading " + source.describe() + ": " + e.getMessage(),
                    e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UserFacingException("Kafka at " + source.bootstrap() + " stopped answering while reading "
                    + source.describe() + ".", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserFacingException("Could not read " + source.describe() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
