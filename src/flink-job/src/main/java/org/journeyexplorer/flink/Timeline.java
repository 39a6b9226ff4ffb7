package org.journeyexplorer.flink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The keyed state of one person (or of one device not yet linked to a user): the events waiting for event time
 * to pass them, and the open session. A Flink POJO, kept whole in one value state so one state access serves an
 * event.
 *
 * <p>Events are applied strictly in event-time order (equal times in arrival order) once the watermark has
 * passed them, so the session cut is the desktop rule: a new session when the gap to the previous event is
 * strictly greater than the timeout. A session ends when the watermark shows no event within the timeout after
 * its last one can still arrive.
 */
public class Timeline {
    private static final Comparator<JourneyEvent> ORDER = Comparator.<JourneyEvent>comparingLong(e -> e.timeMicros)
            .thenComparingLong(e -> e.seq);

    /** Events (and merges) not yet applied, in arrival order; {@link #pendingCount} of them are used. */
    public JourneyEvent[] pending = new JourneyEvent[0];
    public int pendingCount;
    /** The open session's event names and times; {@link #size} of them are used (0: no open session). */
    public String[] types = new String[0];
    public long[] times = new long[0];
    public int size;
    /**
     * The one event-time timer this key has registered (milliseconds), or {@link #NO_TIMER}: a key keeps a single
     * timer, at its earliest pending event or else at the end of its open session, so the timer queue holds one
     * entry per key instead of one per event and per session extension.
     */
    public long timer = NO_TIMER;

    /** {@link #timer} when none is registered. */
    static final long NO_TIMER = Long.MIN_VALUE;

    // What scoring and writing the open session's events derive from it, carried forward event by event so an
    // event costs its own work instead of a walk over the session so far (mapping every name of the prefix to the
    // model's type index, writing every name of the path, was a third of a stage's CPU per event). Transient: not
    // in checkpoints, and lost whenever Flink copies the state (a copy-on-write during a checkpoint, or a state
    // backend that keeps serialized values); then rebuilt from types[] at the next event. Emptied whenever the
    // session is anything but appended to (close, merge).

    /** The scorer {@link #seq} was mapped for (a new model has other type indices). */
    transient Object indexedFor;
    /** How many of the session's events {@link #seq} covers. */
    transient int indexed;
    /** Type indices of the events of {@code types[0..indexed)} the model knows; {@link #seqLength} used. */
    transient int[] seq;
    transient int seqLength;
    /** The written JSON of the names {@code types[pathFrom..pathTo)}, comma-separated; {@link #pathBytes} used. */
    transient byte[] path;
    transient int pathBytes;
    transient int pathFrom;
    transient int pathTo;

    public Timeline() {
    }

    /** A session that ended. */
    record Closed(String[] types, long[] times) {
        long start() {
            return times[0];
        }

        long end() {
            return times[times.length - 1];
        }
    }

    boolean isEmpty() {
        return pendingCount == 0 && size == 0;
    }

    void buffer(JourneyEvent e) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, Math.max(4, pendingCount * 2));
        }
        pending[pendingCount++] = e;
    }

    /** Removes and returns the pending records at or before {@code watermarkMillis}, in event-time order. */
    List<JourneyEvent> release(long watermarkMillis) {
        List<JourneyEvent> out = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < pendingCount; i++) {
            JourneyEvent e = pending[i];
            if (e.timeMillis() <= watermarkMillis) {
                out.add(e);
            } else {
                pending[kept++] = e;
            }
        }
        Arrays.fill(pending, kept, pendingCount, null);
        pendingCount = kept;
        out.sort(ORDER);
        return out;
    }

    /**
     * When this key next needs its timer: the earliest pending event, else the end of the open session;
     * {@link Long#MAX_VALUE} when it needs none.
     */
    long nextTimerMillis(long timeoutMicros) {
        return Math.min(nextPendingMillis(), size > 0 ? closeAtMillis(timeoutMicros) : Long.MAX_VALUE);
    }

    /** The earliest pending time in milliseconds, or {@link Long#MAX_VALUE}. */
    long nextPendingMillis() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < pendingCount; i++) {
            min = Math.min(min, pending[i].timeMillis());
        }
        return min;
    }

    /**
     * Appends an event to the open session; when the gap to the previous event is strictly greater than the
     * timeout, the open session ends first and is returned (else null).
     */
    Closed add(String type, long timeMicros, long timeoutMicros) {
        Closed closed = null;
        if (size > 0 && timeMicros - times[size - 1] > timeoutMicros) {
            closed = close();
        }
        append(type, timeMicros);
        return closed;
    }

    private void append(String type, long timeMicros) {
        if (size == types.length) {
            int n = Math.max(8, size * 2);
            types = Arrays.copyOf(types, n);
            times = Arrays.copyOf(times, n);
        }
        types[size] = type;
        times[size] = timeMicros;
        size++;
    }

    /**
     * Event time in milliseconds at which the open session is certainly over: a later event with a time up to
     * {@code last + timeout} would still belong to it, and such an event has a millisecond time of at most this.
     */
    long closeAtMillis(long timeoutMicros) {
        return Math.floorDiv(times[size - 1] + timeoutMicros, 1000);
    }

    /** Ends the open session if the watermark says nothing more can join it. */
    Closed closeIfDue(long watermarkMillis, long timeoutMicros) {
        return size > 0 && watermarkMillis >= closeAtMillis(timeoutMicros) ? close() : null;
    }

    /** Ends the open session. */
    Closed close() {
        Closed c = new Closed(Arrays.copyOf(types, size), Arrays.copyOf(times, size));
        Arrays.fill(types, 0, size, null);
        size = 0;
        forgetDerived();
        return c;
    }

    /** Empties what scoring and writing carried forward: the session changed other than by an appended event. */
    void forgetDerived() {
        indexed = 0;
        seqLength = 0;
        pathBytes = 0;
        pathFrom = 0;
        pathTo = 0;
    }

    /**
     * Takes a device's open session into this person's: the two are interleaved by time and cut again with the
     * timeout; sessions that end in the combined history are returned (in time order), the last one stays open.
     */
    List<Closed> merge(String[] movedTypes, long[] movedTimes, long timeoutMicros) {
        int n = size + movedTypes.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        String[] allTypes = new String[n];
        long[] allTimes = new long[n];
        for (int i = 0; i < size; i++) {
            allTypes[i] = types[i];
            allTimes[i] = times[i];
        }
        for (int i = 0; i < movedTypes.length; i++) {
            allTypes[size + i] = movedTypes[i];
            allTimes[size + i] = movedTimes[i];
        }
        // stable: at equal times the person's own events stay before the device's
        Arrays.sort(idx, Comparator.comparingLong(i -> allTimes[i]));
        Arrays.fill(types, 0, size, null);
        size = 0;
        forgetDerived();
        List<Closed> out = new ArrayList<>();
        for (int i : idx) {
            Closed c = add(allTypes[i], allTimes[i], timeoutMicros);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** Copies the open session (for a merge record). */
    String[] sessionTypes() {
        return Arrays.copyOf(types, size);
    }

    long[] sessionTimes() {
        return Arrays.copyOf(times, size);
    }
}
