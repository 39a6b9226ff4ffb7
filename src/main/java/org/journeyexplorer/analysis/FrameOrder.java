package org.journeyexplorer.analysis;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.store.PackedInts;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * What identity stitching and the sort by person and time decide for a frame, kept beside the events so that
 * reopening a project skips both ({@link FrameBuilder#fromOrder}): the rows in frame order, where each person's
 * rows begin, and each person's name as an id of the events' dictionary. It holds for one set of identity rules and
 * one events version only; the caller keys it by both.
 *
 * @param order       storage row per frame position
 * @param personStart first frame position of each person, then the number of events
 * @param nameIds     per person the identity whose text names it, -1 for {@link IdentityResolver#NO_ID_PERSON}
 */
public record FrameOrder(int[] order, int[] personStart, int[] nameIds) {
    private static final int MAGIC = 0x4A454F31; // "JEO1"

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
        return new FrameOrder(f.sourceRow, f.personStart, nameIds);
    }

    /** The bytes {@link #decode} reads. */
    public byte[] encode() {
        int n = order.length;
        int persons = nameIds.length;
        byte[] o = PackedInts.pack(order, n);
        byte[] s = PackedInts.pack(personStart, persons + 1);
        byte[] names = PackedInts.pack(nameIds, persons);
        ByteBuffer b = ByteBuffer.allocate(24 + o.length + s.length + names.length);
        b.putInt(MAGIC).putInt(n).putInt(persons).putInt(o.length).putInt(s.length).putInt(names.length);
        b.put(o).put(s).put(names);
        return b.array();
    }

    /**
     * Reads what {@link #encode} wrote, for {@code columns} (the events it was made from); fails when the bytes do not
     * describe a frame order of those events.
     */
    public static FrameOrder decode(byte[] bytes, EventColumns columns) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 24 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a stored frame order");
        }
        int n = b.getInt();
        int persons = b.getInt();
        int[] len = {b.getInt(), b.getInt(), b.getInt()};
        if (n != columns.size() || persons < 0 || persons > n || len[0] < 0 || len[1] < 0 || len[2] < 0
                || 24L + len[0] + len[1] + len[2] != bytes.length) {
            throw new IllegalArgumentException("the stored frame order belongs to other events");
        }
        int at = 24;
        int[] order = PackedInts.unpack(bytes, at, len[0], n);
        at += len[0];
        int[] personStart = PackedInts.unpack(bytes, at, len[1], persons + 1);
        at += len[1];
        int[] nameIds = PackedInts.unpack(bytes, at, len[2], persons);
        if (personStart[0] != 0 || personStart[persons] != n) {
            throw new IllegalArgumentException("the stored frame order is inconsistent");
        }
        for (int p = 0; p < persons; p++) {
            if (personStart[p + 1] <= personStart[p] || nameIds[p] < -1 || nameIds[p] >= columns.identities().length) {
                throw new IllegalArgumentException("the stored frame order is inconsistent");
            }
        }
        return new FrameOrder(order, personStart, nameIds);
    }
}
