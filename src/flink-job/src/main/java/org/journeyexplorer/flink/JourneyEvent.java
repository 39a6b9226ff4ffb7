package org.journeyexplorer.flink;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One record between the job's operators. It is a read event, a merge (a device's open session moving to the user
 * it just linked to), an unreadable message, or a finished output record of the device stage on its way to the
 * one Kafka sink behind the person stage. Flink serializes it with {@link JourneyEventSerializer} (found through
 * the {@link TypeInfo} annotation), not reflectively as a POJO.
 */
@TypeInfo(JourneyEventSerializer.Factory.class)
public class JourneyEvent {
    /** A read event. */
    public static final byte EVENT = 0;
    /** A device linked to a user: {@link #movedTypes} / {@link #movedTimes} are the device's open session. */
    public static final byte MERGE = 1;
    /** A message that is not a readable event: {@link #reason} says why, {@link #raw} holds (the start of) it. */
    public static final byte REJECTED = 2;
    /**
     * An output record ({@link #out}) the device stage wrote, passed through the person stage to the sink, so that
     * the sink has a single input and runs chained to the person stage (the person stage's scores, most of the
     * output, then reach Kafka without a serialized copy between two tasks).
     */
    public static final byte OUTPUT = 3;

    public byte kind;
    /** User id, or null. */
    public String user;
    /** Anonymous / device id, or null. */
    public String device;
    /** The person this record belongs to once routed (the key of the person stage). */
    public String person;
    /** Event name. */
    public String type;
    /** Event time, microseconds since the epoch (UTC), as in the app. */
    public long timeMicros;
    /** True for an event read from the input topic (so it can be late), false for one forwarded between stages. */
    public boolean fromSource;
    /** Arrival order within its source partition, to keep equal times in arrival order. */
    public long seq;
    public String[] movedTypes;
    public long[] movedTimes;
    public String reason;
    public String raw;
    public String topic;
    /** The source partition (of every read record: {@link PartitionEventTime} keeps event time per partition). */
    public int partition;
    public long offset;
    /** The record of an {@link #OUTPUT}. */
    public OutRecord out;

    public JourneyEvent() {
    }

    static JourneyEvent event(String user, String device, String type, long timeMicros) {
        JourneyEvent e = new JourneyEvent();
        e.kind = EVENT;
        e.user = user;
        e.device = device;
        e.type = type;
        e.timeMicros = timeMicros;
        e.fromSource = true;
        return e;
    }

    static JourneyEvent rejected(String reason, String raw, String topic, int partition, long offset) {
        JourneyEvent e = new JourneyEvent();
        e.kind = REJECTED;
        e.reason = reason;
        e.raw = raw;
        e.topic = topic;
        e.partition = partition;
        e.offset = offset;
        return e;
    }

    /** An output record of the device stage for the sink, routed by its Kafka key. */
    static JourneyEvent output(OutRecord r) {
        JourneyEvent e = new JourneyEvent();
        e.kind = OUTPUT;
        e.person = r.key == null ? "" : r.key;
        e.out = r;
        return e;
    }

    /** Flink's record timestamp: milliseconds, rounded down. */
    long timeMillis() {
        return Math.floorDiv(timeMicros, 1000);
    }

    /**
     * This record routed to {@code person}, no longer from the source (changed in place: the device stage keeps no
     * record it passes on, and one that reached it by reference, from a chained source, is passed on by nothing else).
     */
    JourneyEvent routeTo(String person) {
        this.person = person;
        this.fromSource = false;
        return this;
    }

    /**
     * The device stage's key: the device id; for a record without one (an event that belongs to its user or to the
     * app's shared person without ids, an unreadable message) the {@link #person} the source set, under which the
     * device stage passes it on at once.
     */
    String deviceStageKey() {
        return device != null ? device : person;
    }

    /** The person of a record without a device id, as the source sets it (see {@link #deviceStageKey}). */
    void setDirectPerson() {
        person = kind == REJECTED ? "rejected " + partition
                : user != null ? user : org.journeyexplorer.identity.IdentityResolver.NO_ID_PERSON;
    }

    @Override
    public String toString() {
        return kind == REJECTED ? "rejected(" + reason + ")"
                : (kind == MERGE ? "merge " + device + "→" + person : type + "@" + timeMicros + " " + person);
    }
}
