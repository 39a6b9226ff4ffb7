package org.journeyexplorer.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.journeyexplorer.identity.IdentityResolver;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's dataflow:
 * <pre>
 * Kafka events ─ event time ─ parse ─┬─ with a device id ─ keyBy device ─ DeviceStage ─ routed, and its outputs ─┐
 *                                    └─ without, and rejected messages ────────────────────────────────────────┴─ keyBy person ─ PersonStage ─ Kafka
 * model file / topic ─ broadcast to both stages
 * </pre>
 * One Kafka sink writes every output topic, so one transaction per checkpoint covers them all. It has a single
 * input, the person stage, and runs chained to it: the device stage's scores and sessions and the rejected messages
 * reach it through the person stage ({@link JourneyEvent#OUTPUT}, {@link JourneyEvent#REJECTED}), so the bulk of
 * the output, the person stage's scores, goes to Kafka without being serialized between two tasks.
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

        BroadcastStream<ModelUpdate> models = modelStream(env, o).broadcast(JourneyStage.MODEL);

        SingleOutputStreamOperator<JourneyEvent> routed = events
                .filter(e -> e.device != null).name("with device")
                .keyBy(e -> e.device)
                .connect(models)
                .process(new DeviceStage(o, initialModel, factory)).uid("device-stage").name("devices");

        DataStream<JourneyEvent> direct = events.filter(e -> e.device == null).name("without device")
                .map(new RouteDirect()).name("route");

        SingleOutputStreamOperator<OutRecord> personOut = routed.union(direct)
                .keyBy(e -> e.person)
                .connect(models)
                .process(new PersonStage(o, initialModel, factory)).uid("person-stage").name("persons");

        personOut.sinkTo(sink(o)).uid("kafka-out").name("kafka out");
    }

    private static DataStream<ModelUpdate> modelStream(StreamExecutionEnvironment env, JobOptions o) {
        DataStream<ModelUpdate> fromFile = null;
        if (o.model() != null) {
            fromFile = env.fromSource(ModelFiles.watch(o.model(), o.modelPoll().toMillis() / 1000.0),
                    ModelFiles.noEventTime(), "model file").uid("model-file").setParallelism(1);
        }
        if (o.modelTopic() == null) {
            return fromFile;
        }
        KafkaSourceBuilder<String> mb = KafkaSource.<String>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.modelTopic())
                .setGroupId(o.group() + "-models")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.SimpleStringSchema());
        o.kafka().forEach(mb::setProperty);
        String topic = o.modelTopic();
        DataStream<ModelUpdate> fromTopic = env.fromSource(mb.build(), ModelFiles.noEventTime(), "model topic")
                .uid("model-topic").setParallelism(1)
                .map(text -> new ModelUpdate("topic " + topic, text)).returns(ModelUpdate.class)
                .setParallelism(1);
        return fromFile == null ? fromTopic : fromFile.union(fromTopic);
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

    /**
     * An event without a device id belongs to its user, or to the app's shared person of events without ids; an
     * unreadable message passes through the person stage of its partition on its way to the rejected topic.
     */
    private static final class RouteDirect implements MapFunction<JourneyEvent, JourneyEvent> {
        @Override
        public JourneyEvent map(JourneyEvent e) {
            e.person = e.kind == JourneyEvent.REJECTED ? "rejected " + e.partition
                    : e.user != null ? e.user : IdentityResolver.NO_ID_PERSON;
            return e;
        }
    }
}
