package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.session.Sessionizer;
import org.journeyexplorer.session.Sessions;
import org.journeyexplorer.domain.EventColumns;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the {@link EventFrame} from loaded columns: identity stitching, a stable sort by person then time, and
 * sessions. The sort works on primitives only: a stable counting sort by person (persons are already numbered in
 * name order), then each person's events are sorted by time only when they are not already in order (logs are
 * usually written in time order), by sorting a packed {@code long} key of time and position.
 */
public final class FrameBuilder {
    private FrameBuilder() {
    }

    /** Stitches (when {@code stitch}), sorts and sessionizes. */
    public static BuiltFrame build(EventColumns columns, boolean stitch, SessionRule rule, TaskContext ctx) {
        return build(columns, stitch, rule, null, ctx);
    }

    /**
     * Like {@link #build(EventColumns, boolean, SessionRule, TaskContext)}, but takes the sessions from
     * {@code storedSessions} when it returns non-null for the sorted frame size (a persisted assignment for the
     * same rule); it is asked only after sorting, and may throw to make the sessions be recomputed.
     */
    public static BuiltFrame build(EventColumns columns, boolean stitch, SessionRule rule,
                                   Function<Integer, Sessions> storedSessions, TaskContext ctx) {
        return build(columns, IdentitySettings.of(stitch), rule, storedSessions, ctx);
    }

    /** Stitches under {@code identity}, sorts and sessionizes. */
    public static BuiltFrame build(EventColumns columns, IdentitySettings identity, SessionRule rule,
                                   TaskContext ctx) {
        return build(columns, identity, rule, null, ctx);
    }

    /** As {@link #build(EventColumns, boolean, SessionRule, Function, TaskContext)} under identity settings. */
    public static BuiltFrame build(EventColumns columns, IdentitySettings identity, SessionRule rule,
                                   Function<Integer, Sessions> storedSessions, TaskContext ctx) {
        return build(columns, identity, rule, storedSessions, false, ctx);
    }

    /**
     * As {@link #build(EventColumns, IdentitySettings, SessionRule, Function, TaskContext)}; with {@code listAll} the
     * identity report lists every conflict, account merge and refused key link (see
     * {@link IdentityResolver#resolve(EventColumns, IdentitySettings, boolean, TaskContext)}).
     */
    public static BuiltFrame build(EventColumns columns, IdentitySettings identity, SessionRule rule,
                                   Function<Integer, Sessions> storedSessions, boolean listAll, TaskContext ctx) {
        IdentityResolution ids = IdentityResolver.resolve(columns, identity, listAll, ctx);
        int n = columns.size();
        ctx.message("Sorting events by person and time");
        SortedRows sorted = sortRows(ids.personOfRow(), ids.personCount(), columns.timeMicros(), columns.eventType(),
                n, ctx);
        EventFrame frame = assemble(sorted.time(), sorted.personStart(), SourceRows.of(sorted.order()),
                sorted.type(), columns.eventTypes(), ids.personNames(), rule, storedSessions, ctx);
        return new BuiltFrame(frame, ids.report(), rule, ids.graph());
    }

    /**
     * The frame in a stored frame order (see {@link FrameOrder}; it must be the order, times and types a build of
     * the events under {@code identity} gives), without stitching, sorting or even the events' columns: the report
     * and graph are worked out from {@code columns} when first asked for, so a command that only reads the frame
     * never loads the columns. Sessions as in {@link #build(EventColumns, IdentitySettings, SessionRule, Function,
     * boolean, TaskContext)}; the report, when worked out, lists every conflict as with {@code listAll}.
     *
     * @param identities the events' id dictionary (the stored order names persons by its ids)
     * @param eventTypes the events' event type names
     * @param columns    the events the order belongs to, loaded when the identity report is first asked for
     */
    public static BuiltFrame fromOrder(FrameOrder stored, String[] identities, String[] eventTypes,
                                       IdentitySettings identity, SessionRule rule,
                                       Function<Integer, Sessions> storedSessions, Supplier<EventColumns> columns,
                                       TaskContext ctx) {
        return fromOrder(stored, SourceRows.of(stored.order()), identities, eventTypes, identity, rule, storedSessions,
                columns, ctx);
    }

    /**
     * As {@link #fromOrder(FrameOrder, String[], String[], IdentitySettings, SessionRule, Function, Supplier,
     * TaskContext)}, with the order's storage rows apart (the {@code stored} order's own are not read): a reopen
     * reads them only when something asks for the frame's {@link EventFrame#sourceRow() rows}.
     */
    public static BuiltFrame fromOrder(FrameOrder stored, SourceRows rows, String[] identities, String[] eventTypes,
                                       IdentitySettings identity, SessionRule rule,
                                       Function<Integer, Sessions> storedSessions, Supplier<EventColumns> columns,
                                       TaskContext ctx) {
        return fromOrder(stored, rows, identities, eventTypes, identity, rule, storedSessions, null, columns, ctx);
    }

    /**
     * As {@link #fromOrder(FrameOrder, SourceRows, String[], String[], IdentitySettings, SessionRule, Function,
     * Supplier, TaskContext)}, with the identity report stored beside the order ({@code report}, every list in full,
     * or null for none): the frame then gives it without reading {@code columns}, which only its graph still needs.
     */
    public static BuiltFrame fromOrder(FrameOrder stored, SourceRows rows, String[] identities, String[] eventTypes,
                                       IdentitySettings identity, SessionRule rule,
                                       Function<Integer, Sessions> storedSessions, IdentityReport report,
                                       Supplier<EventColumns> columns, TaskContext ctx) {
        if (rows.size() != stored.time().size()) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        int[] nameIds = stored.nameIds();
        String[] names = new String[nameIds.length];
        for (int p = 0; p < names.length; p++) {
            names[p] = nameIds[p] < 0 ? IdentityResolver.NO_ID_PERSON : identities[nameIds[p]];
        }
        EventFrame frame = assemble(stored.time(), stored.personStart(), rows, stored.type(), eventTypes, names, rule,
                storedSessions, ctx);
        if (report != null && (report.events() != frame.size || report.persons() != frame.personCount())) {
            report = null; // not this frame's: worked out from the events instead
        }
        return BuiltFrame.deferred(frame, rule, report, () -> IdentityResolver.resolve(columns.get(), identity, true,
                TaskContext.NONE));
    }

    /** The frame of rows in sorted order with their types: persons filled in, sessions stored or cut. */
    private static EventFrame assemble(LongChunks time, int[] personStart, SourceRows order, IntChunks type,
                                       String[] eventTypes, String[] personNames, SessionRule rule,
                                       Function<Integer, Sessions> storedSessions, TaskContext ctx) {
        int n = time.size();
        ctx.checkCancelled();

        Sessions sessions = null;
        if (storedSessions != null) {
            try {
                sessions = storedSessions.apply(n);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                sessions = null; // unreadable or stale: recompute below
            }
        }
        if (sessions == null) {
            sessions = Sessionizer.sessionize(personStart, time, type, eventTypes, rule, ctx);
        }
        return new EventFrame(time, type, sessions.sessionStart(), personStart, order, eventTypes.clone(),
                personNames);
    }

    /**
     * {@code built}'s frame cut into sessions under {@code rule}: the same persons, events and order (the arrays are
     * shared, not copied), only the session columns are new. Exactly what {@link #build} gives under {@code rule}
     * for the same columns and identity settings, since the sessions are cut from the sorted frame alone; a timeout
     * change then costs one pass over the events instead of stitching and sorting them again.
     */
    public static BuiltFrame resessioned(BuiltFrame built, SessionRule rule, TaskContext ctx) {
        EventFrame f = built.frame();
        Sessions s = Sessionizer.sessionize(f.personStart, f.time, f.type, f.typeNames, rule, ctx);
        EventFrame frame = new EventFrame(f.time, f.type, s.sessionStart(), f.personStart, f.sourceRows(),
                f.typeNames, f.personNames);
        return new BuiltFrame(frame, built.identity(), rule, built.graph());
    }

    /**
     * Rows in frame order.
     *
     * @param order       row indices ordered by person, then time, ties in storage order
     * @param time        the times in that order
     * @param type        the event types in that order
     * @param personStart first position of each person in that order, plus the end
     */
    record SortedRows(int[] order, LongChunks time, IntChunks type, int[] personStart) {
    }

    /**
     * Sorts the rows by person, then time, ties in storage order.
     *
     * @param personOfRow person per row, 0..persons-1
     * @param type        event type per row, gathered into frame order with the times
     */
    static SortedRows sortRows(int[] personOfRow, int persons, long[] time, int[] type, int n, TaskContext ctx) {
        // on several cores, in a few parts: each counts its slice of the rows per person, then writes its rows
        // behind those of the slices before it within each person (so ties stay in storage order); the persons'
        // times and types are then gathered in slices of persons. One part per core at most, and only when the
        // per-part counts are small beside the rows (few events per person would make them as large as the rows).
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), Chunks.parts(n));
        if ((long) persons * parts > n) {
            parts = 1;
        }
        int[][] fill = new int[parts][];
        int[] start = new int[persons + 1];
        if (parts == 1) {
            for (int r = 0; r < n; r++) {
                start[personOfRow[r] + 1]++;
            }
            for (int p = 0; p < persons; p++) {
                start[p + 1] += start[p];
            }
            fill[0] = Arrays.copyOf(start, persons);
        } else {
            Chunks.forParts(n, parts, (k, from, to) -> {
                int[] count = new int[persons];
                for (int r = from; r < to; r++) {
                    count[personOfRow[r]]++;
                }
                fill[k] = count;
            });
            // each part's counts become where its next row of each person goes
            int at = 0;
            for (int p = 0; p < persons; p++) {
                start[p] = at;
                for (int k = 0; k < parts; k++) {
                    int c = fill[k][p];
                    fill[k][p] = at;
                    at += c;
                }
            }
            start[persons] = at;
        }
        ctx.checkCancelled();
        int[] order = new int[n];
        Chunks.forParts(n, parts, (k, from, to) -> {
            int[] next = fill[k];
            for (int r = from; r < to; r++) {
                order[next[personOfRow[r]]++] = r;
            }
        });
        ctx.checkCancelled();
        // the times and types in frame order go straight into the frame's chunks (no array of them all, then a
        // copy), both in one pass over the rows in their new order (a random read each, one per row instead of two
        // passes); each person's times are checked for order as they are gathered
        LongChunks sortedTime = new LongChunks(n);
        IntChunks sortedType = new IntChunks(n);
        Chunks.forParts(persons, parts, (k, fromPerson, toPerson) ->
                gather(order, start, fromPerson, toPerson, time, type, sortedTime, sortedType));
        ctx.checkCancelled();
        return new SortedRows(order, sortedTime, sortedType, start);
    }

    /**
     * The times and types of persons {@code [fromPerson, toPerson)} in frame order, each person's rows sorted by
     * time first when they are not in order.
     */
    private static void gather(int[] order, int[] start, int fromPerson, int toPerson, long[] time, int[] type,
                               LongChunks sortedTime, IntChunks sortedType) {
        long[] scratch = null;
        for (int p = fromPerson; p < toPerson; p++) {
            int from = start[p];
            int to = start[p + 1];
            boolean sorted = true;
            long prev = Long.MIN_VALUE;
            for (int i = from; i < to; i++) {
                int r = order[i];
                long t = time[r];
                if (t < prev) {
                    sorted = false;
                    break;
                }
                sortedTime.set(i, t);
                sortedType.set(i, type[r]);
                prev = t;
            }
            if (!sorted) {
                if (scratch == null || scratch.length < to - from) {
                    scratch = new long[Math.max(to - from, 1024)];
                }
                sortByTime(order, from, to, time, scratch);
                for (int i = from; i < to; i++) {
                    int r = order[i];
                    sortedTime.set(i, time[r]);
                    sortedType.set(i, type[r]);
                }
            }
        }
    }

    /** Sorts {@code order[from, to)} by time, ties by the current (storage) order, on primitive keys. */
    static void sortByTime(int[] order, int from, int to, long[] time, long[] scratch) {
        int len = to - from;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            long t = time[order[i]];
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        int posBits = 64 - Long.numberOfLeadingZeros(Math.max(1, len - 1));
        long span = max - min; // may overflow for absurd ranges; then the fallback below runs
        if (span >= 0 && span < (1L << (63 - posBits))) {
            // key = (time - min) << posBits | position: one primitive sort, stable because position breaks ties
            for (int i = 0; i < len; i++) {
                scratch[i] = ((time[order[from + i]] - min) << posBits) | i;
            }
            Arrays.sort(scratch, 0, len);
            int[] copy = Arrays.copyOfRange(order, from, to);
            long mask = (1L << posBits) - 1;
            for (int i = 0; i < len; i++) {
                order[from + i] = copy[(int) (scratch[i] & mask)];
            }
        } else {
            mergeSort(order, from, to, time);
        }
    }

    /** Stable merge sort of row indices by time, for time spans too wide to pack. */
    private static void mergeSort(int[] order, int from, int to, long[] time) {
        int len = to - from;
        int[] a = Arrays.copyOfRange(order, from, to);
        int[] b = new int[len];
        for (int width = 1; width < len; width *= 2) {
            for (int lo = 0; lo < len; lo += 2 * width) {
                int mid = Math.min(lo + width, len);
                int hi = Math.min(lo + 2 * width, len);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = time[a[j]] < time[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        System.arraycopy(a, 0, order, from, len);
    }
}
