package org.journeyexplorer.session;

import java.util.Set;
import java.util.TreeSet;

/**
 * How events of a person are cut into sessions.
 *
 * @param timeoutMicros    a new session starts when the gap to the previous event is strictly greater than this
 * @param startTypes       event types that always begin a new session (unless already first of one)
 * @param endTypes         event types that close their session: the next event begins a new one
 * @param maxLengthMicros  a new session starts when an event lies more than this after its session's first event;
 *                         0 means no limit
 */
public record SessionRule(long timeoutMicros, Set<String> startTypes, Set<String> endTypes, long maxLengthMicros) {
    /** 30 minutes, the usual web-analytics timeout. */
    public static final long DEFAULT_TIMEOUT_MICROS = 30L * 60 * 1_000_000;

    public SessionRule {
        if (timeoutMicros < 0 || maxLengthMicros < 0) {
            throw new IllegalArgumentException("timeout and maximum length must not be negative");
        }
        startTypes = Set.copyOf(startTypes);
        endTypes = Set.copyOf(endTypes);
    }

    /** Timeout only, no marker events, no length limit. */
    public static SessionRule timeout(long timeoutMicros) {
        return new SessionRule(timeoutMicros, Set.of(), Set.of(), 0);
    }

    /** The default rule: 30 minutes of inactivity. */
    public static SessionRule defaults() {
        return timeout(DEFAULT_TIMEOUT_MICROS);
    }

    /**
     * No cut at all: each person's (case's) events form one journey, however long the gaps. Process logs need
     * this: a helpdesk ticket idle for a day is still one case, not two sessions.
     */
    public static SessionRule wholeCase() {
        return timeout(Long.MAX_VALUE);
    }

    /** True for {@link #wholeCase()}: nothing ever starts a second journey of a person. */
    public boolean isWholeCase() {
        return timeoutMicros == Long.MAX_VALUE && startTypes.isEmpty() && endTypes.isEmpty() && maxLengthMicros == 0;
    }

    /**
     * A stable text naming this rule, used as the key of the persisted session assignment
     * ({@code sessions:<key>}); equal rules give equal keys.
     */
    public String key() {
        return "timeout=" + timeoutMicros + ";start=" + String.join("|", new TreeSet<>(startTypes))
                + ";end=" + String.join("|", new TreeSet<>(endTypes)) + ";max=" + maxLengthMicros;
    }

    /**
     * Parses a duration such as {@code 30m}, {@code 90s}, {@code 1h}, {@code 1500ms} or {@code 250us}; a bare
     * number means minutes.
     */
    public static long parseDurationMicros(String text) {
        String s = text.trim().toLowerCase();
        long unit;
        String digits;
        if (s.endsWith("us")) {
            unit = 1;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("ms")) {
            unit = 1_000;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1_000_000;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000_000;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unit = 3_600_000_000L;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("d")) {
            unit = 86_400_000_000L;
            digits = s.substring(0, s.length() - 1);
        } else {
            unit = 60_000_000;
            digits = s;
        }
        try {
            double v = Double.parseDouble(digits.trim());
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return Math.round(v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 30m, 90s, 1h)");
        }
    }

    // equals and hashCode written out: a record's generated ones are linked on first use, 5-15 ms of a short
    // command's start each (the rule keys the frame cache as soon as the first frame is built)
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionRule r && timeoutMicros == r.timeoutMicros && maxLengthMicros == r.maxLengthMicros
                && startTypes.equals(r.startTypes) && endTypes.equals(r.endTypes);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(timeoutMicros);
        h = 31 * h + startTypes.hashCode();
        h = 31 * h + endTypes.hashCode();
        return 31 * h + Long.hashCode(maxLengthMicros);
    }
}
