package org.journeyexplorer.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's dataflow:
 * <pre>
 * Kafka events ─ event time ─ parse ─ keyBy device (else person) ─ DeviceStage ─ keyBy person ─ PersonStage ─ Kafka
 * </pre>
 * The device stage decides whom each event with a device id belongs to; an event without one (it belongs to its
 * user, or to the app's shared person without ids, which the source sets) and an unreadable message pass it at once.
 * One Kafka sink writes every output topic, so one transaction per checkpoint covers them all. It has a single
 * input, the person stage, and runs chained to it: the device stage's scores and sessions, late events and the
 * rejected messages reach it through the person stage ({@link JourneyEvent#OUTPUT}), so the bulk of the output, the
 * person stage's scores, goes to Kafka without being serialized between two tasks.
 *
 * <p>Each operator has one input: the model reaches the stages through a {@link ModelWatch} of their own, not as a
 * broadcast second input (an operator with two inputs is never chained). So at parallelism 1, where every key is at
 * the one task anyway, the whole job — source, device stage, person stage, sink — runs chained in one task, records
 * passed by reference (see {@link #keyed}).
 */
public final class ScoringPipeline {
    private ScoringPipeline() {
    }

    /** Checkpointing, watermark and buffer settings of the chosen delivery mode. */
    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        if (o.parallelism() > 0) {
            env.setParallelism(o.parallelism());
        }
        env.enableCheckpointing(o.checkpointEvery().toMillis(),
                o.exactlyOnce() ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        env.getConfig().setAutoWatermarkInterval(o.watermarkEvery().toMillis());
        env.setBufferTimeout(bufferTimeoutMillis(o));
        // records pass between chained operators (source → parse → route) by reference instead of a copy through
        // the serializer each: safe here, as no function keeps or changes a record it has passed on, and records
        // arriving over the network are always fresh objects (the stages keep those in their timelines)
        env.getConfig().enableObjectReuse();
    }

    /**
     * How long a partly filled network buffer waits before it is sent on. Records cross two of them (source → device
     * stage → person stage); at-least-once ships them within a millisecond instead of Flink's 100 ms (a full buffer
     * goes at once either way, so under load this costs nothing; at a trickle, a flush per millisecond).
     */
    static long bufferTimeoutMillis(JobOptions o) {
        return o.exactlyOnce() ? 100 : 1;
    }

    /**
     * The Kafka producer's settings for the outputs (before {@code --kafka}, which overrides them). One score per
     * input event: full batches of 256 KB instead of Kafka's 16 KB, so the broker handles a few large requests rather
     * than one per 35 scores. At-least-once sends at once ({@code linger.ms} 0; while requests are in flight the
     * records still gather into batches, so a busy job batches anyway); exactly-once output is visible only at the
     * checkpoint, so waiting 20 ms for fuller batches costs it nothing.
     */
    static Map<String, String> producerSettings(JobOptions o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("batch.size", "262144");
        p.put("linger.ms", o.exactlyOnce() ? "20" : "0");
        if (o.exactlyOnce()) {
            // below the broker's default transaction.max.timeout.ms (15 min), above any checkpoint
            p.put("transaction.timeout.ms", "600000");
        }
        p.putAll(o.kafka());
        return p;
    }

    /** Adds the job to {@code env}: Kafka in, scoring, Kafka out. */
    public static void build(StreamExecutionEnvironment env, JobOptions o, ModelUpdate initialModel,
                             ScorerFactory factory) {
        KafkaSourceBuilder<JourneyEvent> sb = KafkaSource.<JourneyEvent>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.in())
                .setGroupId(o.group())
                .setStartingOffsets(switch (o.from()) {
                    case "earliest" -> OffsetsInitializer.earliest();
                    case "latest" -> OffsetsInitializer.latest();
                    default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                })
                .setDeserializer(new EventDeserializer(o))
                .setProperty("commit.offsets.on.checkpoint", "true");
        o.kafka().forEach(sb::setProperty);
        WatermarkStrategy<JourneyEvent> time = WatermarkStrategy
                .<JourneyEvent>forBoundedOutOfOrderness(o.outOfOrderness())
                // an unreadable message has no event time: not its Kafka timestamp (the time it was sent), which the
                // watermark would have taken as the partition's event time, making every later event of a backlog late
                .withTimestampAssigner((e, previous) -> e.kind == JourneyEvent.EVENT ? e.timeMillis() : Long.MIN_VALUE);
        if (!o.idle().isZero()) {
            // off by default: while a backlog is read, a partition the reader has not reached for a while is not
            // idle, and excluding it would make its events late
            time = time.withIdleness(o.idle());
        }
        // each partition's event time survives a recovery (see PartitionEventTime): Flink restarts it from nothing
        SingleOutputStreamOperator<JourneyEvent> events = env.fromSource(sb.build(), time, "events")
                .uid("events").transform("event time", TypeInformation.of(JourneyEvent.class),
                        new PartitionEventTime(o.outOfOrderness(), o.watermarkEvery()))
                .uid("event-time");

        boolean chained = env.getParallelism() == 1;
        SingleOutputStreamOperator<JourneyEvent> routed = keyed(events, JourneyEvent::deviceStageKey, chained)
                .process(new DeviceStage(o, initialModel, factory)).uid("device-stage").name("devices");
        SingleOutputStreamOperator<OutRecord> personOut = keyed(routed, e -> e.person, chained)
                .process(new PersonStage(o, initialModel, factory)).uid("person-stage").name("persons");
        personOut.sinkTo(sink(o)).uid("kafka-out").name("kafka out");
    }

    /**
     * The stream keyed for the next stage. At parallelism 1 every key is at the one task already: the stream is
     * only declared keyed, so the stages run chained in the source's task (records passed by reference) instead of
     * each behind a network hand-over with a serializer, a buffer and a thread of its own.
     */
    static KeyedStream<JourneyEvent, String> keyed(DataStream<JourneyEvent> s, KeySelector<JourneyEvent, String> key,
                                                    boolean chained) {
        return chained ? DataStreamUtils.reinterpretAsKeyedStream(s, key, Types.STRING) : s.keyBy(key, Types.STRING);
    }

    private static KafkaSink<OutRecord> sink(JobOptions o) {
        String[] topics = {o.scores(), o.out(), o.late(), o.rejected()};
        KafkaRecordSerializationSchema<OutRecord> schema = (r, context, ts) -> new ProducerRecord<>(
                topics[r.target], null, r.timestamp,
                r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8), r.value);
        KafkaSinkBuilder<OutRecord> b = KafkaSink.<OutRecord>builder()
                .setBootstrapServers(o.bootstrap())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(o.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE);
        if (o.exactlyOnce()) {
            b.setTransactionalIdPrefix(o.transactionalId());
        }
        producerSettings(o).forEach(b::setProperty);
        return b.build();
    }
}
