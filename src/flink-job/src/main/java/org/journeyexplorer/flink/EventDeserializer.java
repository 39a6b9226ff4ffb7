package org.journeyexplorer.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.journeyexplorer.ingest.TimeParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one Kafka message as a JSON event: the four role fields (named by the options) at the top level, times
 * through the app's own {@link TimeParser} (ISO-8601 with or without zone, epoch seconds / ms / µs), other fields
 * ignored. A message that is no such event becomes a {@link JourneyEvent#REJECTED} record with the reason, so it
 * lands in the rejected topic instead of stopping the job.
 */
final class EventDeserializer implements KafkaRecordDeserializationSchema<JourneyEvent> {
    /** Longest piece of a rejected message kept. */
    static final int RAW_MAX = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    private final JobOptions options;
    private transient TimeParser times;
    private transient FlatJson flat;

    EventDeserializer(JobOptions options) {
        this.options = options;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<JourneyEvent> out) {
        if (times == null) {
            times = new TimeParser(options.zone());
            flat = new FlatJson(options);
        }
        JourneyEvent e = parse(record.value(), options, times, flat);
        if (e.kind == JourneyEvent.REJECTED) {
            byte[] v = record.value();
            e.raw = v == null ? null : new String(v, 0, Math.min(v.length, RAW_MAX), StandardCharsets.UTF_8);
            e.topic = record.topic();
            e.partition = record.partition();
            e.offset = record.offset();
        }
        e.seq = record.offset();
        e.partition = record.partition();
        if (e.device == null) {
            e.setDirectPerson();
        }
        out.collect(e);
    }

    /** Parses one message with the task's readers ({@code flat} made for {@code o}); never throws. */
    static JourneyEvent parse(byte[] value, JobOptions o, TimeParser times, FlatJson flat) {
        if (value == null || value.length == 0) {
            return JourneyEvent.rejected("empty message", null, null, 0, 0);
        }
        if (flat.read(value)) {
            String[] r = flat.values;
            return event(r[0], r[1], r[2], r[3], o, times);
        }
        return parseWithJackson(value, o, times);
    }

    /**
     * Parses one message with Jackson: what {@link #parse} does with every message {@link FlatJson} leaves to it
     * (and what the tests compare that reader with).
     */
    static JourneyEvent parseWithJackson(byte[] value, JobOptions o, TimeParser times) {
        if (value == null || value.length == 0) {
            return JourneyEvent.rejected("empty message", null, null, 0, 0);
        }
        String user = null;
        String device = null;
        String time = null;
        String type = null;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return JourneyEvent.rejected("not a JSON object", null, null, 0, 0);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (t.isStructStart()) {
                    p.skipChildren();
                    continue;
                }
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (name.equals(o.personField())) {
                    user = p.getText();
                } else if (name.equals(o.deviceField())) {
                    device = p.getText();
                } else if (name.equals(o.timeField())) {
                    time = p.getText();
                } else if (name.equals(o.eventField())) {
                    type = p.getText();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return JourneyEvent.rejected("malformed JSON", null, null, 0, 0);
            }
        } catch (IOException e) {
            return JourneyEvent.rejected("malformed JSON: " + firstLine(e.getMessage()), null, null, 0, 0);
        }
        return event(user, device, time, type, o, times);
    }

    /** The event of the four role fields read from a message (null: absent or JSON null). */
    private static JourneyEvent event(String user, String device, String time, String type, JobOptions o,
                                      TimeParser times) {
        if (blank(time)) {
            return JourneyEvent.rejected("no time in field '" + o.timeField() + "'", null, null, 0, 0);
        }
        long micros = times.parse(time.trim());
        if (micros == TimeParser.INVALID) {
            return JourneyEvent.rejected("unreadable time '" + time + "'", null, null, 0, 0);
        }
        if (blank(type)) {
            return JourneyEvent.rejected("no event name in field '" + o.eventField() + "'", null, null, 0, 0);
        }
        return JourneyEvent.event(blank(user) ? null : user.trim(), blank(device) ? null : device.trim(), type.trim(),
                micros);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public TypeInformation<JourneyEvent> getProducedType() {
        return TypeInformation.of(JourneyEvent.class);
    }
}
