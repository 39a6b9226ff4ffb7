package org.journeyexplorer.flink;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JourneyEventSerializerTest {
    private static final JourneyEventSerializer S = JourneyEventSerializer.INSTANCE;

    /**
     * Two records as the build before format 2 (main c6c9d76) wrote them: the event of {@link #forwarded()}, then
     * the merge of {@link #merge()} (printed by that build's serializer).
     */
    private static final String FORMAT_1 = "0000037531036431037531066c6f67696e00060a2418202240000000000000000500000001"
            + "010000036431037531000000000000000007000000000000000300000000000000000000000000000000000002026100000000"
            + "000000010262000000000000000200";

    /** An event the device stage forwards to the person stage: person = its user. */
    private static JourneyEvent forwarded() {
        JourneyEvent e = JourneyEvent.event("u1", "d1", "login", 1_700_000_000_123_456L);
        e.person = "u1";
        e.seq = 5;
        e.partition = 1;
        e.fromSource = false;
        return e;
    }

    private static JourneyEvent merge() {
        JourneyEvent m = new JourneyEvent();
        m.kind = JourneyEvent.MERGE;
        m.person = "u1";
        m.device = "d1";
        m.timeMicros = 7;
        m.seq = 3;
        m.movedTypes = new String[] {"a", "b"};
        m.movedTimes = new long[] {1, 2};
        return m;
    }

    private static byte[] write(TypeSerializer<JourneyEvent> s, JourneyEvent... events) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (JourneyEvent e : events) {
            s.serialize(e, out);
        }
        return out.getCopyOfBuffer();
    }

    private static String describe(JourneyEvent e) {
        StringBuilder b = new StringBuilder().append(e.kind).append('|').append(e.fromSource).append('|')
                .append(e.user).append('|').append(e.device).append('|').append(e.person).append('|').append(e.type)
                .append('|').append(e.timeMicros).append('|').append(e.seq).append('|').append(e.partition)
                .append('|').append(e.offset).append('|').append(e.reason).append('|').append(e.raw).append('|')
                .append(e.topic).append('|').append(java.util.Arrays.toString(e.movedTypes))
                .append(java.util.Arrays.toString(e.movedTimes));
        if (e.out != null) {
            b.append("|out ").append(e.out.target).append(' ').append(e.out.key).append(' ').append(e.out.timestamp)
                    .append(' ').append(e.out.value == null ? "null" : new String(e.out.value,
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void everyKindOfRecordReadsBackAsWritten() throws Exception {
        JourneyEvent fromSource = JourneyEvent.event(null, "dévice-ü", "añadir 🛒", -5L);
        fromSource.seq = Long.MAX_VALUE;
        fromSource.partition = 3;
        JourneyEvent noIds = JourneyEvent.event(null, null, "view", 1L);
        noIds.setDirectPerson(); // the shared person "(no id)": written in full
        JourneyEvent deviceKeyed = JourneyEvent.event(null, "d7", "x", 2L);
        deviceKeyed.person = "d7";
        JourneyEvent rejected = JourneyEvent.rejected("not JSON", "{oops ∂", "in", 2, 1234567890123L);
        rejected.setDirectPerson();
        JourneyEvent output = JourneyEvent.output(new OutRecord(OutRecord.SESSION, "u9", "{\"α\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 99L));
        JourneyEvent outputWithoutValue = JourneyEvent.output(new OutRecord(OutRecord.LATE, null, null, -1L));
        JourneyEvent emptyMerge = merge();
        emptyMerge.movedTypes = null;
        emptyMerge.movedTimes = null;
        JourneyEvent[] all = {forwarded(), fromSource, noIds, deviceKeyed, merge(), emptyMerge, rejected, output,
                outputWithoutValue};

        DataInputDeserializer in = new DataInputDeserializer(write(S, all));
        for (JourneyEvent e : all) {
            JourneyEvent read = S.deserialize(in);
            assertEquals(describe(e), describe(read));
        }
        assertEquals(0, in.available());
    }

    @Test
    void aForwardedEventWritesItsPersonOnceAndNoCharacterByCharacterStrings() throws Exception {
        // header 1, "u1" 1 + 2, "d1" 1 + 2, person = user (a flag in the header), "login" 1 + 5, time 8, seq 1,
        // partition 1: 23 bytes (format 1: 37, the person again, seq and partition in 8 and 4 bytes)
        byte[] bytes = write(S, forwarded());
        assertEquals(23, bytes.length);
        JourneyEvent read = S.deserialize(new DataInputDeserializer(bytes));
        assertSame(read.user, read.person);
    }

    @Test
    void stateOfTheFormerFormatRestoresAndMigrates() throws Exception {
        // the serializer snapshot as the former build wrote it into checkpoints: Flink's SimpleTypeSerializerSnapshot
        // of this class, version 3, no payload
        DataOutputSerializer snap = new DataOutputSerializer(64);
        snap.writeUTF(JourneyEventSerializer.Snapshot.class.getName());
        snap.writeInt(3);
        TypeSerializerSnapshot<JourneyEvent> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snap.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<JourneyEvent> c = S.snapshotConfiguration()
                .resolveSchemaCompatibility(old);
        assertTrue(c.isCompatibleAfterMigration(), c.toString());

        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(FORMAT_1));
        TypeSerializer<JourneyEvent> reader = old.restoreSerializer();
        assertEquals(describe(forwarded()), describe(reader.deserialize(in)));
        assertEquals(describe(merge()), describe(reader.deserialize(in)));
        assertEquals(0, in.available());

        // this build's own snapshot round-trips as compatible as it is
        DataOutputSerializer current = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(current, S.snapshotConfiguration());
        TypeSerializerSnapshot<JourneyEvent> again = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(current.getCopyOfBuffer()), getClass().getClassLoader());
        assertTrue(S.snapshotConfiguration().resolveSchemaCompatibility(again).isCompatibleAsIs());
        assertSame(S, again.restoreSerializer());
    }

    @Test
    void varintsCoverTheWholeRange() throws Exception {
        for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            DataOutputSerializer out = new DataOutputSerializer(16);
            JourneyEventSerializer.writeVarLong(v, out);
            assertEquals(v, JourneyEventSerializer.readVarLong(new DataInputDeserializer(out.getCopyOfBuffer())));
        }
        DataOutputSerializer out = new DataOutputSerializer(16);
        JourneyEventSerializer.writeString(null, out);
        JourneyEventSerializer.writeString("", out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertNull(JourneyEventSerializer.readString(in));
        assertEquals("", JourneyEventSerializer.readString(in));
        assertArrayEquals(new byte[] {0, 1}, out.getCopyOfBuffer());
    }
}
