package org.journeyexplorer.analysis;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.store.PackedInts;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What identity stitching and the sort by person and time decide for a frame, kept beside the events so that
 * reopening a project skips both ({@link FrameBuilder#fromOrder}): the rows in frame order, where each person's
 * rows begin, each person's name as an id of the events' dictionary, and the frame's time and event type columns
 * themselves, so a reopen builds the frame without reading the events at all (the events' columns are read only
 * when something needs them: an append, the identity report). It holds for one set of identity rules and one
 * events version only; the caller keys it by both.
 *
 * @param order       storage row per frame position
 * @param personStart first frame position of each person, then the number of events
 * @param nameIds     per person the identity whose text names it, -1 for {@link IdentityResolver#NO_ID_PERSON}
 * @param time        the time per frame position (non-decreasing within each person)
 * @param type        the event type per frame position
 */
public record FrameOrder(int[] order, int[] personStart, int[] nameIds, long[] time, int[] type) {
    private static final int MAGIC = 0x4A454F32; // "JEO2": JEO1 had no time and type columns
    private static final int HEADER = 32;

    /** The order of a built frame over {@code columns} (the columns it was built from). */
    public static FrameOrder of(EventFrame f, EventColumns columns) {
        String[] ids = columns.identities();
        int[] user = columns.user();
        int[] anon = columns.anonymous();
        int persons = f.personCount();
        int[] nameIds = new int[persons];
        Map<String, Integer> byText = null;
        for (int p = 0; p < persons; p++) {
            String name = f.personNames[p];
            int r = f.sourceRow[f.personStart[p]];
            // a person is almost always named after an id on its first row: the very same string
            if (user[r] >= 0 && ids[user[r]] == name) {
                nameIds[p] = user[r];
            } else if (anon[r] >= 0 && ids[anon[r]] == name) {
                nameIds[p] = anon[r];
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
        return new FrameOrder(f.sourceRow, f.personStart, nameIds, f.time, f.type);
    }

    /** The bytes {@link #decode} reads. */
    public byte[] encode() {
        int n = order.length;
        int persons = nameIds.length;
        byte[] o = PackedInts.pack(order, n);
        byte[] s = PackedInts.pack(personStart, persons + 1);
        byte[] names = PackedInts.pack(nameIds, persons);
        byte[] t = encodeTimes(time, personStart, persons);
        byte[] ty = PackedInts.pack(type, n);
        ByteBuffer b = ByteBuffer.allocate(HEADER + o.length + s.length + names.length + t.length + ty.length);
        b.putInt(MAGIC).putInt(n).putInt(persons).putInt(o.length).putInt(s.length).putInt(names.length)
                .putInt(t.length).putInt(ty.length);
        b.put(o).put(s).put(names).put(t).put(ty);
        return b.array();
    }

    /**
     * Reads what {@link #encode} wrote, for events of {@code size} rows with {@code identities} ids and
     * {@code eventTypes} event types (the events it was made from); fails when the bytes do not describe a frame
     * order of such events.
     */
    public static FrameOrder decode(byte[] bytes, int size, int identities, int eventTypes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a stored frame order");
        }
        int n = b.getInt();
        int persons = b.getInt();
        int[] len = new int[5];
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
        int at = HEADER;
        int[] order = PackedInts.unpack(bytes, at, len[0], n);
        at += len[0];
        int[] personStart = PackedInts.unpack(bytes, at, len[1], persons + 1);
        at += len[1];
        int[] nameIds = PackedInts.unpack(bytes, at, len[2], persons);
        at += len[2];
        if (personStart[0] != 0 || personStart[persons] != n) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        for (int p = 0; p < persons; p++) {
            if (personStart[p + 1] <= personStart[p] || nameIds[p] < -1 || nameIds[p] >= identities) {
                throw new IllegalArgumentException("the stored frame order is inconsistent");
            }
        }
        long[] time = decodeTimes(bytes, at, len[3], n, personStart, persons);
        at += len[3];
        int[] type = PackedInts.unpack(bytes, at, len[4], n);
        for (int i = 0; i < n; i++) {
            if (type[i] < 0 || type[i] >= eventTypes) {
                throw new IllegalArgumentException("the stored frame order is inconsistent");
            }
        }
        return new FrameOrder(order, personStart, nameIds, time, type);
    }

    /**
     * Times in frame order as unsigned varints in units of their greatest common step (a log of whole seconds
     * stores seconds): each person's first time as the offset from the smallest time, every later one as the gap
     * from the one before. A gap within a session then takes a byte or two, where a fixed width would take the
     * six bytes the largest gap between persons needs. Header: the smallest time, the step (8 bytes each).
     */
    static byte[] encodeTimes(long[] time, int[] personStart, int persons) {
        int n = personStart[persons];
        long min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, time[i]);
        }
        long step = 0;
        for (int p = 0; p < persons && step != 1; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long d = time[i] - prev;
                if (d < 0) {
                    // a gap beyond the signed range (absurd times) or times out of order: no common step
                    step = 1;
                    break;
                }
                if (step == 0 || d % step != 0) {
                    step = gcd(step, d);
                }
                prev = time[i];
            }
        }
        if (step == 0) {
            step = 1; // every time the same
        }
        int bytes = 16;
        for (int p = 0; p < persons; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                bytes += varintLength(Long.divideUnsigned(time[i] - prev, step));
                prev = time[i];
            }
        }
        byte[] out = new byte[bytes];
        ByteBuffer.wrap(out).putLong(min).putLong(step);
        int at = 16;
        for (int p = 0; p < persons; p++) {
            long prev = min;
            for (int i = personStart[p]; i < personStart[p + 1]; i++) {
                long v = Long.divideUnsigned(time[i] - prev, step);
                while ((v & ~0x7FL) != 0) {
                    out[at++] = (byte) (v | 0x80);
                    v >>>= 7;
                }
                out[at++] = (byte) v;
                prev = time[i];
            }
        }
        return out;
    }

    /** What {@link #encodeTimes} wrote at {@code bytes[from, from + length)}; fails on bytes that do not fit. */
    static long[] decodeTimes(byte[] bytes, int from, int length, int n, int[] personStart, int persons) {
        if (length < 16) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, from, 16);
        long min = b.getLong();
        long step = b.getLong();
        long[] time = new long[n];
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
                time[i] = t;
                prev = t;
            }
        }
        if (at != end) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        return time;
    }

    private static int varintLength(long v) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
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
                && Arrays.equals(nameIds, f.nameIds) && Arrays.equals(time, f.time) && Arrays.equals(type, f.type);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order) * 31 + Arrays.hashCode(time);
    }

    @Override
    public String toString() {
        return "FrameOrder[" + order.length + " rows, " + nameIds.length + " persons]";
    }
}
