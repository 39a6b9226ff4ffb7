package org.journeyexplorer.flink;

import org.journeyexplorer.session.SessionRule;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The job's command line. Field names default to what the app's JSON import picks for the demo events (and for
 * Segment / RudderStack style events): {@code user_id}, {@code anonymous_id}, {@code timestamp}, {@code event}.
 *
 * @param bootstrap        Kafka bootstrap servers
 * @param in               topic of JSON events
 * @param out              topic of session summaries (and merge notices)
 * @param scores           topic of per-event scores
 * @param late             topic of events that arrived later than the out-of-orderness bound
 * @param rejected         topic of messages that are not readable events
 * @param model            model file (portable model JSON), watched for changes; may be null with modelTopic
 * @param modelTopic       topic of model JSON messages (the latest one wins); may be null
 * @param modelPoll        how often the model file is checked for a change
 * @param group            consumer group (offsets are committed on checkpoints, for monitoring)
 * @param from             where to start without restored state: earliest, latest or committed (falls back to
 *                         earliest)
 * @param personField      JSON field of the user id
 * @param deviceField      JSON field of the anonymous / device id
 * @param timeField        JSON field of the event time
 * @param eventField       JSON field of the event name
 * @param zone             zone of times written without one
 * @param timeout          session timeout: a new session starts when the gap is strictly greater
 * @param outOfOrderness   how late (in event time) an event may arrive and still be placed in its session
 * @param idle             a source partition without events for this long stops holding back event time (0: never)
 * @param identityTtl      how long in event time a device remembers the user it was linked to without an event
 * @param exactlyOnce      transactional output (read_committed consumers see each result once) or at-least-once
 * @param checkpointEvery  checkpoint interval (exactly-once output becomes visible at each checkpoint)
 * @param checkpointDir    where checkpoints go (null: job manager memory)
 * @param watermarkEvery   how often sources emit watermarks
 * @param parallelism      operator parallelism (0: the environment's default)
 * @param transactionalId  prefix of the Kafka transactional ids (unique per job on a cluster)
 * @param kafka            extra Kafka client properties (security settings and the like)
 */
public record JobOptions(String bootstrap, String in, String out, String scores, String late, String rejected,
                         String model, String modelTopic, Duration modelPoll, String group, String from,
                         String personField, String deviceField, String timeField, String eventField, ZoneId zone,
                         Duration timeout, Duration outOfOrderness, Duration idle, Duration identityTtl,
                         boolean exactlyOnce, Duration checkpointEvery, String checkpointDir,
                         Duration watermarkEvery, int parallelism, String transactionalId,
                         Map<String, String> kafka) implements Serializable {

    /** Usage text, printed for {@code --help} and after a usage error. */
    public static final String USAGE = """
            Usage: java -jar journey-explorer-flink.jar --bootstrap HOST:PORT --model model.json [options]
              --in user_events          topic of JSON events
              --out journey_scores      topic of session summaries
              --scores journey_event_scores   topic of per-event scores (next-step top 3, conversion)
              --late IN_late            topic of events later than --out-of-orderness
              --rejected IN_rejected    topic of unreadable messages
              --model FILE              portable model JSON (export-model); re-read when it changes
              --model-topic TOPIC       or: take models from a topic (the latest message wins)
              --model-poll 10s          how often the model file is checked
              --group journey-scoring   consumer group
              --from committed          earliest | latest | committed (else earliest)
              --person-field user_id  --device-field anonymous_id  --time-field timestamp  --event-field event
              --timezone UTC            zone of times written without one
              --timeout 30m             session timeout (a gap strictly greater starts a new session)
              --out-of-orderness 5s     bound on out-of-order arrival; later events go to the late topic
              --idle 0                  after this long without events a partition stops holding back event
                                        time (0: never; its later events may then be late)
              --identity-ttl 30d        how long (event time) a device keeps its link to a user without events
              --delivery exactly-once   exactly-once | at-least-once (low latency)
              --checkpoint 10s          checkpoint interval  --checkpoint-dir file:///path (on one machine:
                                        a directory under the temporary directory)
              --watermark-interval 200ms (at-least-once: 10ms)  --parallelism N
              --transactional-id journey-scoring
              --kafka key=value         extra Kafka client setting (repeatable), e.g. security.protocol=SSL
            """;

    /**
     * Watermark interval of the at-least-once mode: an event is scored once event time has passed it, so the
     * interval adds up to itself to every event's latency (exactly-once output waits for the checkpoint anyway).
     */
    static final String LOW_LATENCY_WATERMARKS = "10ms";

    private static final Set<String> VALUED = Set.of("--bootstrap", "--in", "--out", "--scores", "--late",
            "--rejected", "--model", "--model-topic", "--model-poll", "--group", "--from", "--person-field",
            "--device-field", "--time-field", "--event-field", "--timezone", "--timeout", "--out-of-orderness",
            "--idle", "--identity-ttl", "--delivery", "--checkpoint", "--checkpoint-dir", "--watermark-interval",
            "--parallelism", "--transactional-id", "--kafka");

    /** Reads the command line; a mistake is an {@link IllegalArgumentException} with a one-line message. */
    public static JobOptions parse(String... args) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!VALUED.contains(a)) {
                throw new IllegalArgumentException(a.startsWith("--") ? "Unknown option " + a + "."
                        : "Unexpected argument '" + a + "'; options look like --bootstrap HOST:PORT.");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + a + " needs a value.");
            }
            String value = args[++i];
            if (a.equals("--kafka")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--kafka takes key=value, not '" + value + "'.");
                }
                kafka.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
            } else {
                v.put(a, value);
            }
        }
        String bootstrap = v.get("--bootstrap");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Say where Kafka is: --bootstrap HOST:PORT.");
        }
        if (!v.containsKey("--model") && !v.containsKey("--model-topic")) {
            throw new IllegalArgumentException("Say which model scores the journeys: --model model.json (write one"
                    + " with the app's export-model) or --model-topic TOPIC.");
        }
        String in = v.getOrDefault("--in", "user_events");
        String delivery = v.getOrDefault("--delivery", "exactly-once").toLowerCase(Locale.ROOT);
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new IllegalArgumentException("--delivery is exactly-once or at-least-once, not '" + delivery + "'.");
        }
        String from = v.getOrDefault("--from", "committed").toLowerCase(Locale.ROOT);
        if (!List.of("earliest", "latest", "committed").contains(from)) {
            throw new IllegalArgumentException("--from is earliest, latest or committed, not '" + from + "'.");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(v.getOrDefault("--timezone", "UTC"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + v.get("--timezone") + "' (use e.g. UTC or"
                    + " Europe/Berlin).");
        }
        int parallelism;
        try {
            parallelism = Integer.parseInt(v.getOrDefault("--parallelism", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallelism takes a whole number, not '" + v.get("--parallelism")
                    + "'.");
        }
        Duration timeout = duration(v, "--timeout", "30m");
        if (timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be longer than zero.");
        }
        return new JobOptions(bootstrap, in, v.getOrDefault("--out", "journey_scores"),
                v.getOrDefault("--scores", "journey_event_scores"), v.getOrDefault("--late", in + "_late"),
                v.getOrDefault("--rejected", in + "_rejected"), v.get("--model"), v.get("--model-topic"),
                positive(duration(v, "--model-poll", "10s"), "--model-poll"),
                v.getOrDefault("--group", "journey-scoring"), from,
                v.getOrDefault("--person-field", "user_id"), v.getOrDefault("--device-field", "anonymous_id"),
                v.getOrDefault("--time-field", "timestamp"), v.getOrDefault("--event-field", "event"), zone,
                timeout, duration(v, "--out-of-orderness", "5s"), duration(v, "--idle", "0"),
                positive(duration(v, "--identity-ttl", "30d"), "--identity-ttl"), delivery.equals("exactly-once"),
                positive(duration(v, "--checkpoint", "10s"), "--checkpoint"), v.get("--checkpoint-dir"),
                positive(duration(v, "--watermark-interval", delivery.equals("exactly-once") ? "200ms"
                        : LOW_LATENCY_WATERMARKS), "--watermark-interval"), parallelism,
                v.getOrDefault("--transactional-id", "journey-scoring"), Map.copyOf(kafka));
    }

    private static Duration positive(Duration d, String option) {
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than zero.");
        }
        return d;
    }

    /** A duration as the app reads one ({@link SessionRule#parseDurationMicros}: 30m, 90s, 200ms, 2d). */
    static Duration duration(Map<String, String> v, String option, String fallback) {
        try {
            return Duration.ofNanos(SessionRule.parseDurationMicros(v.getOrDefault(option, fallback)) * 1000);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** Session timeout in microseconds, the unit of event times inside the job (as in the app). */
    public long timeoutMicros() {
        return timeout.toNanos() / 1000;
    }
}
