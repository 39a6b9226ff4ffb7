package org.journeyexplorer.live;

import java.util.HashMap;
import java.util.Map;

/**
 * A topic to stream from: where the cluster is, which topic, the consumer group its progress is reported under,
 * where to start, and how to sign in.
 *
 * <p>The group only names the stream to the cluster's monitoring (offsets are committed to it after each batch,
 * so the usual lag tools show it); where the stream goes on after a restart is decided by the positions stored
 * in the project, in the same transaction as the events. The consumer reads every partition of the topic itself
 * rather than sharing them with other members of the group: a project wants the whole topic.
 *
 * @param bootstrap comma-separated {@code host:port} list
 * @param topic     the topic
 * @param group     consumer group id
 * @param from      where to start partitions the project has no position for
 * @param security  TLS / SASL settings
 */
public record KafkaSource(String bootstrap, String topic, String group, StartFrom from, KafkaSecurity security) {
    /** Group used when none is given. */
    public static final String DEFAULT_GROUP = "journey-explorer";

    public KafkaSource {
        bootstrap = bootstrap == null ? "" : bootstrap.strip();
        topic = topic == null ? "" : topic.strip();
        group = group == null || group.isBlank() ? DEFAULT_GROUP : group.strip();
        from = from == null ? StartFrom.EARLIEST : from;
        security = security == null ? KafkaSecurity.NONE : security;
    }

    /** A source on a local broker without security, from the earliest message. */
    public static KafkaSource plain(String bootstrap, String topic) {
        return new KafkaSource(bootstrap, topic, null, StartFrom.EARLIEST, KafkaSecurity.NONE);
    }

    public KafkaSource withFrom(StartFrom f) {
        return new KafkaSource(bootstrap, topic, group, f, security);
    }

    public KafkaSource withSecurity(KafkaSecurity s) {
        return new KafkaSource(bootstrap, topic, group, from, s);
    }

    /**
     * What a person could get wrong before connecting.
     *
     * @return a one-line problem, or null
     */
    public String problem() {
        if (bootstrap.isEmpty()) {
            return "Enter the Kafka bootstrap servers, e.g. localhost:9092.";
        }
        for (String server : bootstrap.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                return "'" + s + "' is not host:port (e.g. localhost:9092).";
            }
        }
        if (topic.isEmpty()) {
            return "Enter the topic to read.";
        }
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            return "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_' and '-').";
        }
        return security.problem();
    }

    /** The settings of the consumer (and of the admin client, which ignores the consumer-only ones). */
    Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(security.clientProperties());
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", "journey-explorer");
        // back off reconnecting from 250 ms to 10 s while a broker is away, instead of hammering it every 50 ms
        p.put("reconnect.backoff.ms", 250);
        p.put("reconnect.backoff.max.ms", 10_000);
        p.put("request.timeout.ms", 15_000);
        p.put("default.api.timeout.ms", 15_000);
        return p;
    }

    /** Where the cluster is and what is read, for messages: {@code topic "orders" on broker:9092}. */
    public String describe() {
        return "topic \"" + topic + "\" on " + bootstrap;
    }
}
