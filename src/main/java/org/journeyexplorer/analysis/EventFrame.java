package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;

/**
 * The columnar event frame every analysis reads: one entry per event, sorted by person and then time (ties keep
 * storage order), cut into sessions. Immutable by convention: nobody writes into the arrays after
 * construction; filters produce a {@link Selection} over the frame instead of copies.
 *
 * <p>Sessions are numbered 0..sessionCount-1 in frame order, so the events of session {@code s} are the index
 * range {@code [sessionStart[s], sessionStart[s + 1])}. Persons are numbered 0..personCount-1 in frame order,
 * with events {@code [personStart[p], personStart[p + 1])}.
 */
public final class EventFrame {
    /** Number of events. */
    public final int size;
    /**
     * UTC microseconds since the epoch per event, non-decreasing within a person. In chunks, not one array: at 10 M
     * events one array of times is 80 MB, which G1 must place in free regions side by side and never moves, and a
     * live catch-up makes a new one per refresh beside the last (see {@link LongChunks}).
     */
    public final LongChunks time;
    /** Event type index per event, into {@link #typeNames} (in chunks, as {@link #time}). */
    public final IntChunks type;
    /** Length sessionCount + 1: first event of each session, then {@link #size}. */
    public final int[] sessionStart;
    /** Length personCount + 1: first event of each person, then {@link #size}. */
    public final int[] personStart;
    /** Row index in the loaded {@code EventColumns} per event, to reach properties and raw ids. */
    private final SourceRows sourceRows;
    /** Event type names. */
    public final String[] typeNames;
    /** Display name per person (the resolved user id, else an anonymous id). */
    public final String[] personNames;
    /**
     * What analyses keep about every event of this frame ({@link Selection#all}), which a cleared filter brings back
     * on every re-query: its label arrays ({@link Labels#perEvent}).
     */
    final java.util.List<Object[]> allLabels = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * The last results of analyses over every event of this frame, by analysis and query
     * ({@link Selection#remembered}): a cleared filter, or a timeout set back, asks for them again. The frame never
     * changes and the results are immutable, so they are the results a new computation would give.
     */
    final java.util.Map<Object, Object> allResults = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Object, Object> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** How many results {@link #allResults} keeps. */
    static final int REMEMBERED = 16;
    /** Events per type, counted on the first {@link #typeCounts()} (the arrays never change, so it holds). */
    private volatile long[] typeCounts;

    /**
     * A frame; the sessions are {@code sessionStart}'s ranges and the persons {@code personStart}'s (the frame keeps
     * no session or person per event: 46 MB each at 11.5 M events, twice while a live catch-up builds the next frame
     * beside the last).
     */
    public EventFrame(LongChunks time, IntChunks type, int[] sessionStart, int[] personStart, SourceRows sourceRows,
                      String[] typeNames, String[] personNames) {
        this.size = time.size();
        if (type.size() != size || sourceRows.size() != size) {
            throw new IllegalArgumentException("columns differ in length");
        }
        if (personStart[0] != 0 || personStart[personStart.length - 1] != size) {
            throw new IllegalArgumentException("persons do not cover the events");
        }
        if (sessionStart.length == 0 || sessionStart[0] != 0 || sessionStart[sessionStart.length - 1] != size) {
            throw new IllegalArgumentException("sessions do not cover the events");
        }
        this.time = time;
        this.type = type;
        this.sessionStart = sessionStart;
        this.personStart = personStart;
        this.sourceRows = sourceRows;
        this.typeNames = typeNames;
        this.personNames = personNames;
    }

    /** A frame of times and types in single arrays (copied into chunks). */
    public EventFrame(long[] time, int[] type, int[] sessionStart, int[] personStart, SourceRows sourceRows,
                      String[] typeNames, String[] personNames) {
        this(LongChunks.of(time), IntChunks.of(type), sessionStart, personStart, sourceRows, typeNames, personNames);
    }

    /**
     * A frame from a session index per event (non-decreasing, as {@code sessionStart} gives it): the form tests and
     * fixtures build frames in; {@code session} is checked against {@code sessionStart}, not kept.
     */
    public EventFrame(long[] time, int[] type, int[] session, int[] sessionStart, int[] personStart,
                      int[] sourceRow, String[] typeNames, String[] personNames) {
        this(time, type, sessionStart, personStart, SourceRows.of(sourceRow), typeNames, personNames);
        if (session.length != size) {
            throw new IllegalArgumentException("columns differ in length");
        }
        checkRanges(session, sessionStart, "session");
    }

    /**
     * A frame from a person and a session index per event (non-decreasing, as {@code personStart} and
     * {@code sessionStart} give them): the form tests and fixtures build frames in; both are checked, not kept.
     */
    public EventFrame(int[] person, long[] time, int[] type, int[] session, int[] sessionStart, int[] personStart,
                      int[] sourceRow, String[] typeNames, String[] personNames) {
        this(time, type, session, sessionStart, personStart, sourceRow, typeNames, personNames);
        if (person.length != size) {
            throw new IllegalArgumentException("columns differ in length");
        }
        checkRanges(person, personStart, "person");
    }

    private static void checkRanges(int[] perEvent, int[] starts, String what) {
        for (int p = 0; p + 1 < starts.length; p++) {
            for (int i = starts[p]; i < starts[p + 1]; i++) {
                if (perEvent[i] != p) {
                    throw new IllegalArgumentException("event " + i + " is not in " + what + " " + p + "'s range");
                }
            }
        }
    }

    /**
     * Lets go of what analyses keep about every event of this frame (its label arrays and remembered results): a
     * live catch-up calls it on the frame it is about to replace, whose label arrays (4 bytes per event each, 46 MB
     * at 11.5 M events) were otherwise held beside the next frame while that is built. An analysis still asked over
     * this frame computes them again.
     */
    public void forgetRemembered() {
        allLabels.clear();
        synchronized (allResults) {
            allResults.clear();
        }
    }

    /** The session of event {@code i} (by halving {@link #sessionStart}). */
    public int sessionOf(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return rangeOf(sessionStart, i);
    }

    /** The session index per event, made now (an array of {@link #size}; the frame keeps none). */
    public int[] sessionColumn() {
        return perEvent(sessionStart);
    }

    /** The person of event {@code i} (by halving {@link #personStart}). */
    public int personOf(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return rangeOf(personStart, i);
    }

    /** The range of {@code starts} (ascending range starts, the end last) that holds index {@code i}, by halving. */
    static int rangeOf(int[] starts, int i) {
        int lo = 0;
        int hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The person index per event, made now (an array of {@link #size}; the frame keeps none). */
    public int[] personColumn() {
        return perEvent(personStart);
    }

    private int[] perEvent(int[] starts) {
        int[] out = new int[size];
        for (int p = 0; p + 1 < starts.length; p++) {
            java.util.Arrays.fill(out, starts[p], starts[p + 1], p);
        }
        return out;
    }

    /**
     * Row index in the loaded {@code EventColumns} per event, to reach properties and raw ids. A frame reopened from
     * the project reads them on the first call (a read of the project: call it off the FX thread), as it does the
     * events' columns.
     */
    public IntChunks sourceRow() {
        return sourceRows.get();
    }

    /** The storage rows as held (read or not yet), for a frame of the same events to share. */
    public SourceRows sourceRows() {
        return sourceRows;
    }

    public int sessionCount() {
        return sessionStart.length - 1;
    }

    public int personCount() {
        return personStart.length - 1;
    }

    public int typeCount() {
        return typeNames.length;
    }

    /** Index of an event type by name, or -1. */
    public int typeIndex(String name) {
        for (int i = 0; i < typeNames.length; i++) {
            if (typeNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Events per event type index over the whole frame (a copy). Counted once, on the first call, and kept: the
     * project panel's summary, the flows' event list and the funnel's default steps each counted them over every
     * event of a newly opened frame (three passes and their compiling at 5 M events).
     */
    public long[] typeCounts() {
        long[] c = typeCounts;
        if (c == null) {
            c = new long[typeNames.length];
            for (int i = 0; i < size; i++) {
                c[type.get(i)]++;
            }
            typeCounts = c;
        }
        return c.clone();
    }

    /**
     * This frame's {@link #typeCounts()} when {@code before} counted its own already and this frame holds its events
     * plus events of types {@code added[from, to)} (a live catch-up's next frame): the counts follow from them
     * without a pass over every event, which a live refresh made on the way to the open chart. Nothing when
     * {@code before} did not count them.
     */
    public void countTypesFrom(EventFrame before, int[] added, int from, int to) {
        long[] b = before.typeCounts;
        if (b == null || typeCounts != null) {
            return;
        }
        if (to - from != size - before.size) {
            throw new IllegalArgumentException((to - from) + " events added to " + before.size + ", not to " + size);
        }
        long[] c = java.util.Arrays.copyOf(b, typeNames.length);
        for (int i = from; i < to; i++) {
            c[added[i]]++;
        }
        typeCounts = c;
    }

    /**
     * A sensible first step for a funnel or a flow: the event type the most journeys (sessions) reach, other than
     * {@code avoid} unless only it occurs; ties go to the type that begins more journeys, then the one with more
     * events, then the earlier name. The most frequent type may be one that ends every case (teleclaims' "end",
     * which two of its events per case made the most frequent), or one few journeys reach many times; the type that
     * begins the most journeys may be one a minority reaches (the demo's app_open: 1,424 of 2,494 persons, against
     * view_item's 2,240). Null for a frame without events. One pass over the events, made when a view needs a default.
     */
    public String firstStepType(String avoid) {
        if (size == 0) {
            return null;
        }
        int types = typeNames.length;
        long[] reach = new long[types];
        long[] firsts = new long[types];
        int[] seenIn = new int[types];
        java.util.Arrays.fill(seenIn, -1);
        int sessions = sessionCount();
        for (int s = 0; s < sessions; s++) {
            int from = sessionStart[s];
            int to = sessionStart[s + 1];
            if (from < to) {
                firsts[type.get(from)]++;
            }
            for (int i = from; i < to; i++) {
                int t = type.get(i);
                if (seenIn[t] != s) {
                    seenIn[t] = s;
                    reach[t]++;
                }
            }
        }
        long[] counts = typeCounts();
        int best = -1;
        for (int t = 0; t < types; t++) {
            if (reach[t] == 0 || typeNames[t].equals(avoid)) {
                continue;
            }
            if (best < 0 || reach[t] > reach[best] || reach[t] == reach[best] && (firsts[t] > firsts[best]
                    || firsts[t] == firsts[best] && (counts[t] > counts[best]
                    || counts[t] == counts[best] && typeNames[t].compareTo(typeNames[best]) < 0))) {
                best = t;
            }
        }
        if (best < 0) {
            return avoid != null && typeIndex(avoid) >= 0 ? avoid : null;
        }
        return typeNames[best];
    }

    /** Whether {@link #typeCounts()} are known without counting them. */
    public boolean typesCounted() {
        return typeCounts != null;
    }
}
