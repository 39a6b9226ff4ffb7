package org.journeyexplorer.flink;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One message for an output topic, already serialized (Flink serializes it with its own serializer). */
@TypeInfo(JourneyEventSerializer.OutFactory.class)
public class OutRecord {
    public static final byte SCORE = 0;
    public static final byte SESSION = 1;
    public static final byte LATE = 2;
    public static final byte REJECTED = 3;

    /** Which topic: {@link #SCORE}, {@link #SESSION}, {@link #LATE} or {@link #REJECTED}. */
    public byte target;
    /** Kafka key (the person), or null. */
    public String key;
    /** UTF-8 JSON. */
    public byte[] value;
    /** Kafka record timestamp (the event time the record is about), milliseconds. */
    public long timestamp;

    public OutRecord() {
    }

    OutRecord(byte target, String key, byte[] value, long timestamp) {
        this.target = target;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }
}
