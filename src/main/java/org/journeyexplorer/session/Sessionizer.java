package org.journeyexplorer.session;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Cuts each person's time-ordered events into sessions, with the semantics of the pandas reference: events sorted
 * by person and time (stable), a new session at every person change and wherever the gap to the previous event is
 * strictly greater than the timeout (a gap of exactly the timeout stays in the session). Optionally also before a
 * session-start event type, after a session-end event type, and when a session would exceed its maximum length.
 */
public final class Sessionizer {
    private static final int BATCH = 1 << 20;
    private static final int MAGIC = 0x4A455331; // "JES1"

    private Sessionizer() {
    }

    /**
     * Assigns sessions to events that are already sorted by person then time.
     *
     * @param person    person index per event, non-decreasing
     * @param time      microseconds per event, non-decreasing within a person
     * @param type      event type index per event
     * @param typeNames names of the type indices (to resolve the rule's start / end types)
     */
    public static Sessions sessionize(int[] person, long[] time, int[] type, String[] typeNames, SessionRule rule,
                                      TaskContext ctx) {
        // where the person changes, as a frame's person starts
        int n = person.length;
        int[] starts = new int[n + 1];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || person[i] != person[i - 1]) {
                starts[count++] = i;
            }
        }
        starts[count++] = n;
        return sessionize(Arrays.copyOf(starts, count), LongChunks.of(time), IntChunks.of(type), typeNames, rule, ctx);
    }

    /**
     * Assigns sessions to a frame's events, sorted by person then time.
     *
     * @param personStart first event of each person, then the number of events
     * @param time        microseconds per event, non-decreasing within a person
     * @param type        event type index per event
     * @param typeNames   names of the type indices (to resolve the rule's start / end types)
     */
    public static Sessions sessionize(int[] personStart, LongChunks time, IntChunks type, String[] typeNames,
                                      SessionRule rule, TaskContext ctx) {
        int n = time.size();
        boolean[] starts = marks(typeNames, rule.startTypes());
        boolean[] ends = marks(typeNames, rule.endTypes());
        boolean markers = rule.startTypes().size() + rule.endTypes().size() > 0;
        long timeout = rule.timeoutMicros();
        long max = rule.maxLengthMicros();
        int[] sessionStart = new int[Math.max(16, n / 4 + 2)];
        int s = -1;
        long first = 0;
        long prevTime = 0;
        int prevType = 0;
        int nextPerson = 0; // index into personStart of the next person's first event
        ctx.message("Cutting sessions");
        for (int i = 0; i < n; i++) {
            long t = time.get(i);
            int ty = type.get(i);
            boolean cut = false;
            if (nextPerson < personStart.length && personStart[nextPerson] == i) {
                cut = true;
                while (nextPerson < personStart.length && personStart[nextPerson] <= i) {
                    nextPerson++; // past this person and any empty ones
                }
            } else if (t - prevTime > timeout) {
                cut = true;
            }
            if (!cut && markers) {
                cut = starts[ty] || ends[prevType];
            }
            if (!cut && max > 0) {
                cut = t - first > max;
            }
            if (cut) {
                s++;
                if (s + 1 >= sessionStart.length) {
                    sessionStart = Arrays.copyOf(sessionStart, sessionStart.length * 2);
                }
                sessionStart[s] = i;
                first = t;
            }
            prevTime = t;
            prevType = ty;
            if ((i & (BATCH - 1)) == BATCH - 1) {
                ctx.checkCancelled();
                ctx.progress(i + 1L, n);
            }
        }
        int count = s + 1;
        sessionStart[count] = n;
        ctx.progress(n, n);
        return new Sessions(n, Arrays.copyOf(sessionStart, count + 1));
    }

    private static boolean[] marks(String[] typeNames, Set<String> names) {
        boolean[] m = new boolean[typeNames.length];
        for (int i = 0; i < typeNames.length; i++) {
            m[i] = names.contains(typeNames[i]);
        }
        return m;
    }

    /**
     * Serialises a session assignment of {@code size} events compactly (one bit per event: "starts a session"),
     * for {@code ProjectStore.writeDerived("sessions:" + rule.key(), …)}.
     */
    public static byte[] encode(Sessions sessions) {
        int n = sessions.size();
        long[] words = new long[(n + 63) >>> 6];
        int[] start = sessions.sessionStart();
        for (int s = 0; s < sessions.count(); s++) {
            words[start[s] >>> 6] |= 1L << (start[s] & 63);
        }
        ByteBuffer buf = ByteBuffer.allocate(12 + words.length * 8);
        buf.putInt(MAGIC).putInt(n).putInt(sessions.count());
        buf.asLongBuffer().put(words);
        return buf.array();
    }

    /**
     * Reads what {@link #encode} wrote; fails when the bytes do not describe {@code size} events (the events
     * changed since the assignment was stored, so it must be recomputed).
     */
    public static Sessions decode(byte[] bytes, int size) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < 12 || buf.getInt() != MAGIC) {
            throw new UserFacingException("The stored sessions are unreadable; they will be recomputed.");
        }
        int n = buf.getInt();
        int count = buf.getInt();
        if (n != size || bytes.length != 12 + ((n + 63) >>> 6) * 8L) {
            throw new UserFacingException("The stored sessions belong to other events; they will be recomputed.");
        }
        long[] words = new long[(n + 63) >>> 6];
        buf.asLongBuffer().get(words);
        int[] sessionStart = new int[count + 1];
        // the set bits are the session starts: visited word by word, so a reopen's fresh JVM runs a loop per
        // session rather than a bit test per event in the interpreter
        int s = 0;
        for (int k = 0; k < words.length; k++) {
            for (long w = words[k]; w != 0; w &= w - 1) {
                int i = (k << 6) + Long.numberOfTrailingZeros(w);
                if (i >= n) {
                    break;
                }
                if (s >= count) {
                    throw new UserFacingException("The stored sessions are inconsistent; they will be recomputed.");
                }
                sessionStart[s++] = i;
            }
        }
        if (s != count || (n > 0 && sessionStart[0] != 0)) {
            throw new UserFacingException("The stored sessions are inconsistent; they will be recomputed.");
        }
        sessionStart[count] = n;
        return new Sessions(n, sessionStart);
    }
}
