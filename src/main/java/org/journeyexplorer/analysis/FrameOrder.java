package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.store.PackedInts;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What identity stitching and the sort by person and time decide for a frame, kept beside the events so that
 * reopening a project skips both ({@link FrameBuilder#fromOrder}), in two parts (the rows in frame order; the rest)
 * a reopen reads side by side: the rows in frame order, where each person's
 * rows begin, each person's name as an id of the events' dictionary, and the frame's time and event type columns
 * themselves, so a reopen builds the frame without reading the events at all (the events' columns are read only
 * when something needs them: an append, the identity report). It holds for one set of identity rules and one
 * events version only; the caller keys it by both.
 *
 * @param order       storage row per frame position (null in what {@link #decodePersons} gives)
 * @param personStart first frame position of each person, then the number of events
 * @param nameIds     per person the identity whose text names it, -1 for {@link IdentityResolver#NO_ID_PERSON}
 * @param time        the time per frame position (non-decreasing within each person)
 * @param type        the event type per frame position
 */
public record FrameOrder(int[] order, int[] personStart, int[] nameIds, LongChunks time, IntChunks type) {
    /** "JER1": the rows of a frame order ("JEO1", all in one, had no times and types). */
    private static final int ROWS_MAGIC = 0x4A455231;
    /** "JEP1": the persons, times and types of a frame order. */
    private static final int PERSONS_MAGIC = 0x4A455031;
    private static final int HEADER = 32;

    /** The order of a built frame over {@code columns} (the columns it was built from). */
    public static FrameOrder of(EventFrame f, EventColumns columns) {
        return persons(f, columns).withRows(f.sourceRow().toArray());
    }

    /**
     * The order of a built frame over {@code columns} without its rows (as {@link #decodePersons} gives it): what
     * {@link #encodePersons} stores; the rows go through {@link #encodeRows(IntChunks)} from the frame's chunks.
     */
    public static FrameOrder persons(EventFrame f, EventColumns columns) {
        String[] ids = columns.identities();
        IntChunks user = columns.user();
        IntChunks anon = columns.anonymous();
        int persons = f.personCount();
        int[] nameIds = new int[persons];
        Map<String, Integer> byText = null;
        IntChunks sourceRow = f.sourceRow();
        for (int p = 0; p < persons; p++) {
            String name = f.personNames[p];
            int r = sourceRow.get(f.personStart[p]);
            // a person is almost always named after an id on its first row: the very same string
            if (user.get(r) >= 0 && ids[user.get(r)] == name) {
                nameIds[p] = user.get(r);
            } else if (anon.get(r) >= 0 && ids[anon.get(r)] == name) {
                nameIds[p] = anon.get(r);
            } else if (name == IdentityResolver.NO_ID_PERSON) {
                nameIds[p] = -1;
            } else {
                if (byText == null) {
                    byText = new HashMap<>();
                    for (int i = ids.length - 1; i >= 0; i--) {
                        byText.put(ids[i], i);
                    }
                }
                Integer id = byText.get(name);
                if (id == null) {
                    throw new IllegalStateException("a person is named after no id of the events");
                }
                nameIds[p] = id;
            }
        }
        return new FrameOrder(null, f.personStart, nameIds, f.time, f.type);
    }

    /**
     * The rows part of the bytes {@link #decode} reads: the storage row per frame position. Kept apart from
     * {@link #encodePersons} so a reopen reads and unpacks the two on both cores at once.
     */
    public byte[] encodeRows() {
        return encodeRows(IntChunks.of(order));
    }

    /** What {@link #encodeRows()} gives for an order whose rows are {@code rows}, packed from the chunks. */
    public static byte[] encodeRows(IntChunks rows) {
        byte[] out = PackedInts.pack(rows, 8);
        ByteBuffer.wrap(out).putInt(ROWS_MAGIC).putInt(rows.size());
        return out;
    }

    /** The persons part of the bytes {@link #decode} reads: where each person begins, its name, times and types. */
    public byte[] encodePersons() {
        return encodePersons(encodeTimes());
    }

    /**
     * As {@link #encodePersons()}, with the times as {@link #encodeTimes()} gave them (the costliest part, which a
     * caller may encode on another core meanwhile).
     */
    public byte[] encodePersons(EncodedTimes times) {
        int n = time.size();
        int persons = nameIds.length;
        byte[] s = PackedInts.pack(personStart, persons + 1);
        byte[] names = PackedInts.pack(nameIds, persons);
        int timeBytes = times.length();
        // the types, the largest part, are packed straight into the result behind the room for the rest
        int room = HEADER + s.length + names.length + timeBytes;
        byte[] out = PackedInts.pack(type, room);
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(PERSONS_MAGIC).putInt(n).putInt(persons).putInt(s.length).putInt(names.length).putInt(timeBytes)
                .putInt(out.length - room).putInt(0);
        b.put(s).put(names).put(times.bytes(), 0, timeBytes);
        return out;
    }

    /** This order's times as {@link #encodePersons()} stores them, for {@link #encodePersons(EncodedTimes)}. */
    public EncodedTimes encodeTimes() {
        return timesInto(time, personStart, nameIds.length);
    }

    /**
     * Times encoded by {@link #encodeTimes()}: the first {@code length} bytes of {@code bytes} (the array may be
     * longer: they are copied once, into the persons part, not first into an array of their own).
     */
    public record EncodedTimes(byte[] bytes, int length) {
    }

    /**
     * Reads what {@link #encodeRows} and {@link #encodePersons} wrote, for events of {@code size} rows with
     * {@code identities} ids and {@code eventTypes} event types (the events it was made from); fails when the bytes
     * do not describe a frame order of such events.
     */
    public static FrameOrder decode(byte[] rows, byte[] persons, int size, int identities, int eventTypes) {
        return decodePersons(persons, size, identities, eventTypes).withRows(decodeRows(rows, size));
    }

    /** The storage row per frame position from {@link #encodeRows}' bytes, for events of {@code size} rows. */
    public static int[] decodeRows(byte[] bytes, int size) {
        int[] rows = decodeRows(bytes);
        if (rows.length != size) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        return rows;
    }

    /** As {@link #decodeRows(byte[], int)}, into chunks (no array of all the rows). */
    public static IntChunks decodeRowChunks(byte[] bytes, int size) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || b.getInt() != ROWS_MAGIC) {
            throw new IllegalArgumentException("not a stored frame order");
        }
        if (b.getInt() != size) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        try {
            return PackedInts.unpackChunks(bytes, 8, bytes.length - 8, size);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the stored frame order is inconsistent", e);
        }
    }

    /** The storage row per frame position from {@link #encodeRows}' bytes, however many they hold. */
    public static int[] decodeRows(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || b.getInt() != ROWS_MAGIC) {
            throw new IllegalArgumentException("not a stored frame order");
        }
        int n = b.getInt();
        if (n < 0) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        try {
            return PackedInts.unpack(bytes, 8, bytes.length - 8, n);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the stored frame order is inconsistent", e);
        }
    }

    /**
     * The persons, times and types from {@link #encodePersons}' bytes (with no rows yet: {@link #withRows}), for
     * events as in {@link #decode}.
     */
    public static FrameOrder decodePersons(byte[] bytes, int size, int identities, int eventTypes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || b.getInt() != PERSONS_MAGIC) {
            throw new IllegalArgumentException("not a stored frame order");
        }
        int n = b.getInt();
        int persons = b.getInt();
        int[] len = new int[4];
        long total = HEADER;
        for (int k = 0; k < len.length; k++) {
            len[k] = b.getInt();
            if (len[k] < 0) {
                throw new IllegalArgumentException("the stored frame order is inconsistent");
            }
            total += len[k];
        }
        if (n != size || persons < 0 || persons > n || total != bytes.length) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        try {
            int at = HEADER;
            int[] personStart = PackedInts.unpack(bytes, at, len[0], persons + 1);
            at += len[0];
            int[] nameIds = PackedInts.unpack(bytes, at, len[1], persons);
            at += len[1];
            if (personStart[0] != 0 || personStart[persons] != n) {
                throw new IllegalArgumentException("the stored frame order is inconsistent");
            }
            for (int p = 0; p < persons; p++) {
                if (personStart[p + 1] <= personStart[p] || nameIds[p] < -1 || nameIds[p] >= identities) {
                    throw new IllegalArgumentException("the stored frame order is inconsistent");
                }
            }
            LongChunks time = decodeTimes(bytes, at, len[2], n, personStart, persons);
            at += len[2];
            IntChunks type = PackedInts.unpackChunks(bytes, at, len[3], n);
            int[] scratch = new int[Math.min(n, IntChunks.CHUNK)];
            for (int from = 0; from < n; from += scratch.length) {
                int k = Math.min(scratch.length, n - from);
                type.copyTo(from, scratch, 0, k);
                for (int i = 0; i < k; i++) {
                    if (scratch[i] < 0 || scratch[i] >= eventTypes) {
                        throw new IllegalArgumentException("the stored frame order is inconsistent");
                    }
                }
            }
            return new FrameOrder(null, personStart, nameIds, time, type);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the stored frame order is inconsistent", e);
        }
    }

    /** This order with its rows ({@link #decodeRows}); fails when they are not as many as the events. */
    public FrameOrder withRows(int[] rows) {
        if (rows.length != time.size()) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        return new FrameOrder(rows, personStart, nameIds, time, type);
    }

    /**
     * Times in frame order as unsigned varints in units of their greatest common step (a log of whole seconds
     * stores seconds): each person's first time as the offset from the smallest time, every later one as the gap
     * from the one before. A gap within a session then takes a byte or two, where a fixed width would take the
     * six bytes the largest gap between persons needs. Header: the smallest time, the step (8 bytes each).
     *
     * <p>In two passes over the times: one for the smallest time and the step, one writing the varints into an
     * array grown as needed (no pass that only counts their bytes, no second division per time).
     */
    private static EncodedTimes timesInto(LongChunks time, int[] personStart, int persons) {
        int n = personStart[persons];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean ordered = true;
        // the step is the greatest common divisor of every time's distance from the smallest, which is that of their
        // distances from any one of them (each is a difference of two such distances): from the first, so it is
        // known in the same pass as the smallest; valid when no distance overflows (checked below)
        long first = n == 0 ? 0 : time.get(0);
        long g = 0;
        for (int p = 0; p < persons; p++) {
            long prev = Long.MIN_VALUE;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long t = time.get(i);
                if (t < prev) {
                    ordered = false;
                }
                prev = t;
                min = Math.min(min, t);
                max = Math.max(max, t);
                if (g != 1) {
                    long d = Math.abs(t - first);
                    if (g == 0) {
                        g = d;
                    } else if (d % g != 0) {
                        g = gcd(g, d);
                    }
                }
            }
        }
        long step;
        if (ordered && max - min >= 0) {
            step = g; // every gap is a distance of two times, within the (signed) span: none overflows
        } else {
            step = stepByGaps(time, personStart, persons, min); // out of order or absurd times: as it always was
        }
        if (step == 0) {
            step = 1; // every time the same
        }
        byte[] out = new byte[16 + Math.max(16, (int) Math.min(Integer.MAX_VALUE - 64, 2L * n))];
        ByteBuffer.wrap(out).putLong(min).putLong(step);
        int at = 16;
        for (int p = 0; p < persons; p++) {
            long prev = min;
            if (out.length - at < 10L * (personStart[p + 1] - personStart[p])) {
                long need = at + 10L * (personStart[p + 1] - personStart[p]);
                long grown = Math.max(need, out.length + (out.length >> 1));
                if (grown > Integer.MAX_VALUE - 8) {
                    grown = Math.max(need, Integer.MAX_VALUE - 8L);
                }
                out = Arrays.copyOf(out, Math.toIntExact(grown));
            }
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long t = time.get(i);
                long v = Long.divideUnsigned(t - prev, step);
                while ((v & ~0x7FL) != 0) {
                    out[at++] = (byte) (v | 0x80);
                    v >>>= 7;
                }
                out[at++] = (byte) v;
                prev = t;
            }
        }
        return new EncodedTimes(out, at);
    }

    /**
     * The step of times that are out of order within a person or span more than the signed range: the greatest
     * common divisor of each person's first time's distance from {@code min} and of the gaps, or 1 when one of
     * those is negative (as a signed number).
     */
    private static long stepByGaps(LongChunks time, int[] personStart, int persons, long min) {
        long step = 0;
        for (int p = 0; p < persons && step != 1; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long d = time.get(i) - prev;
                if (d < 0) {
                    // a gap beyond the signed range (absurd times) or times out of order: no common step
                    step = 1;
                    break;
                }
                if (step == 0 || d % step != 0) {
                    step = gcd(step, d);
                }
                prev = time.get(i);
            }
        }
        return step;
    }

    /** What {@link #encodeTimes()} wrote at {@code bytes[from, from + length)}; fails on bytes that do not fit. */
    static LongChunks decodeTimes(byte[] bytes, int from, int length, int n, int[] personStart, int persons) {
        if (length < 16) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, from, 16);
        long min = b.getLong();
        long step = b.getLong();
        LongChunks time = new LongChunks(n);
        int at = from + 16;
        int end = from + length;
        for (int p = 0; p < persons; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long v = 0;
                int shift = 0;
                byte x;
                do {
                    if (at >= end || shift > 63) {
                        throw new IllegalArgumentException("the stored frame order is inconsistent");
                    }
                    x = bytes[at++];
                    v |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while (x < 0);
                long t = prev + v * step;
                if (i > personStart[p] && t < prev) {
                    // times out of order within a person would cut other sessions
                    throw new IllegalArgumentException("the stored frame order is not by time");
                }
                time.set(i, t);
                prev = t;
            }
        }
        if (at != end) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        return time;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameOrder f && Arrays.equals(order, f.order) && Arrays.equals(personStart, f.personStart)
                && Arrays.equals(nameIds, f.nameIds) && time.contentEquals(f.time) && type.contentEquals(f.type);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order) * 31 + Arrays.hashCode(personStart);
    }

    @Override
    public String toString() {
        return "FrameOrder[" + order.length + " rows, " + nameIds.length + " persons]";
    }
}
