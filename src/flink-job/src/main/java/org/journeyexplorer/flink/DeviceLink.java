package org.journeyexplorer.flink;

/**
 * The keyed state of a device linked to a user (a Flink POJO, one value state, so a linked device's event costs
 * one state access): whom it belongs to and how long it has been silent. The link lives in event time: a device
 * forgets its user when its next event comes more than the identity TTL after its latest one, or when event time
 * passes that point first, whichever the job sees first — the same event time either way, so a replay forgets
 * exactly what the live run forgot.
 */
public class DeviceLink {
    /** The user the device joined. */
    public String user;
    /** Latest event time of the device seen since the link, µs. */
    public long lastSeenMicros;
    /** The event-time timer (ms) this link registered to drop itself, or {@link Timeline#NO_TIMER}. */
    public long checkAtMillis = Timeline.NO_TIMER;

    public DeviceLink() {
    }

    DeviceLink(String user, long lastSeenMicros) {
        this.user = user;
        this.lastSeenMicros = lastSeenMicros;
    }

    /** Whether an event at {@code timeMicros} comes too long after the device's latest one to keep the link. */
    boolean expiredAt(long timeMicros, long ttlMicros) {
        return timeMicros - lastSeenMicros > ttlMicros;
    }

    /**
     * The event time (ms) once the watermark reaches which no event that keeps the link can still arrive: an event
     * not late then has a time of at least this + 1 ms, which is more than the TTL after {@link #lastSeenMicros}.
     */
    long expiresAtMillis(long ttlMicros) {
        return Math.floorDiv(lastSeenMicros + ttlMicros, 1000);
    }
}
