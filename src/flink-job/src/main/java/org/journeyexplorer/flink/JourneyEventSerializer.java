package org.journeyexplorer.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Flink's serializer of {@link JourneyEvent} (and of the {@link OutRecord} it may carry): every record crossing
 * between the job's tasks goes through it, so it writes the fields in a fixed order with plain reads and writes.
 * Flink's POJO serializer, which served before, reached every field by reflection, boxed every {@code long} and
 * wrote a null flag per field (JFR: a tenth of each stage's CPU, and most of the sink's when it still ran as a task
 * of its own). Records wait in the keyed state too ({@link Timeline#pending}), so the form is versioned: format 2 since
 * 2026-12-06 13:30 (strings as UTF-8 in one piece, a forwarded event's person written once, varints), format 1 still
 * read from older checkpoints ({@link Snapshot}, {@link Format1}). Format 2 writes 19 % fewer bytes for the bench's
 * mix of events and takes about a sixth less CPU to write and read (medians of ten rounds on one thread, load 17: 100 → 82 and 117 → 100 ns per event): a
 * small part of what a record's crossing costs (see the README, "Measure").
 */
public final class JourneyEventSerializer extends TypeSerializerSingleton<JourneyEvent> {
    private static final long serialVersionUID = 1L;
    static final JourneyEventSerializer INSTANCE = new JourneyEventSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public JourneyEvent createInstance() {
        return new JourneyEvent();
    }

    @Override
    public JourneyEvent copy(JourneyEvent from) {
        JourneyEvent e = new JourneyEvent();
        e.kind = from.kind;
        e.user = from.user;
        e.device = from.device;
        e.person = from.person;
        e.type = from.type;
        e.timeMicros = from.timeMicros;
        e.fromSource = from.fromSource;
        e.seq = from.seq;
        e.movedTypes = from.movedTypes == null ? null : from.movedTypes.clone();
        e.movedTimes = from.movedTimes == null ? null : from.movedTimes.clone();
        e.reason = from.reason;
        e.raw = from.raw;
        e.topic = from.topic;
        e.partition = from.partition;
        e.offset = from.offset;
        e.out = from.out == null ? null : OutRecordSerializer.INSTANCE.copy(from.out);
        return e;
    }

    @Override
    public JourneyEvent copy(JourneyEvent from, JourneyEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    // The form of a record (format 2, see Snapshot): a header byte (kind in the low bits, then which strings are
    // absent or the same as another), the strings as a varint length and UTF-8 bytes (one bulk write and read each,
    // where Flink's StringValue writes and reads every character through a call of its own), the event time as a
    // long, seq and partition as varints. An event forwarded to the person stage usually has person == user: written
    // once. Merges, rejected messages and outputs (rare) add their fields after that.
    private static final int KIND_BITS = 0x03;
    private static final int FROM_SOURCE = 0x04;
    private static final int PERSON_IS_USER = 0x08;
    private static final int PERSON_IS_DEVICE = 0x10;

    @Override
    public void serialize(JourneyEvent e, DataOutputView out) throws IOException {
        int header = e.kind & KIND_BITS;
        if (e.fromSource) {
            header |= FROM_SOURCE;
        }
        if (e.person != null && e.person.equals(e.user)) {
            header |= PERSON_IS_USER;
        } else if (e.person != null && e.person.equals(e.device)) {
            header |= PERSON_IS_DEVICE;
        }
        out.writeByte(header);
        writeString(e.user, out);
        writeString(e.device, out);
        if ((header & (PERSON_IS_USER | PERSON_IS_DEVICE)) == 0) {
            writeString(e.person, out);
        }
        writeString(e.type, out);
        out.writeLong(e.timeMicros);
        writeVarLong(e.seq, out);
        writeVarLong(e.partition, out);
        if (e.kind == JourneyEvent.EVENT) {
            return; // nearly every record: the rest is about merges, rejected messages and outputs
        }
        out.writeLong(e.offset);
        writeString(e.reason, out);
        writeString(e.raw, out);
        writeString(e.topic, out);
        if (e.movedTypes == null) {
            writeVarLong(0, out);
        } else {
            writeVarLong(e.movedTypes.length + 1L, out);
            for (int i = 0; i < e.movedTypes.length; i++) {
                writeString(e.movedTypes[i], out);
                out.writeLong(e.movedTimes[i]);
            }
        }
        OutRecord r = e.out;
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeByte(r.target);
            writeString(r.key, out);
            out.writeLong(r.timestamp);
            if (r.value == null) {
                writeVarLong(0, out);
            } else {
                writeVarLong(r.value.length + 1L, out);
                out.write(r.value);
            }
        }
    }

    @Override
    public JourneyEvent deserialize(DataInputView in) throws IOException {
        JourneyEvent e = new JourneyEvent();
        int header = in.readUnsignedByte();
        e.kind = (byte) (header & KIND_BITS);
        e.fromSource = (header & FROM_SOURCE) != 0;
        e.user = readString(in);
        e.device = readString(in);
        e.person = (header & PERSON_IS_USER) != 0 ? e.user
                : (header & PERSON_IS_DEVICE) != 0 ? e.device : readString(in);
        e.type = readString(in);
        e.timeMicros = in.readLong();
        e.seq = readVarLong(in);
        e.partition = (int) readVarLong(in);
        if (e.kind == JourneyEvent.EVENT) {
            return e;
        }
        e.offset = in.readLong();
        e.reason = readString(in);
        e.raw = readString(in);
        e.topic = readString(in);
        int moved = (int) readVarLong(in) - 1;
        if (moved >= 0) {
            e.movedTypes = new String[moved];
            e.movedTimes = new long[moved];
            for (int i = 0; i < moved; i++) {
                e.movedTypes[i] = readString(in);
                e.movedTimes[i] = in.readLong();
            }
        }
        if (in.readBoolean()) {
            OutRecord r = new OutRecord();
            r.target = in.readByte();
            r.key = readString(in);
            r.timestamp = in.readLong();
            int n = (int) readVarLong(in) - 1;
            if (n >= 0) {
                r.value = new byte[n];
                in.readFully(r.value);
            }
            e.out = r;
        }
        return e;
    }

    /** A string as its UTF-8 length + 1 (0: null) and bytes. */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(b.length + 1L, out);
        out.write(b);
    }

    static String readString(DataInputView in) throws IOException {
        int n = (int) readVarLong(in) - 1;
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A non-negative number in 7-bit groups, lowest first (one byte below 128). */
    static void writeVarLong(long v, DataOutputView out) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
        }
    }

    @Override
    public JourneyEvent deserialize(JourneyEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<JourneyEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * What checkpoints record of this serializer: the form of its records. Format 1 (until 2026-12-06 13:30: strings
     * through Flink's {@code StringValue}, every field in full) was recorded as Flink's
     * {@link SimpleTypeSerializerSnapshot} of this class, version 3 (Flink's version of that snapshot) with nothing
     * after it; format 2 is version {@value #FORMAT_2}. A checkpoint or savepoint of format 1 — the records waiting in
     * a key's {@link Timeline} — restores: its state is read with {@link Format1}, and the job goes on in format 2
     * (for the heap state backend, which keeps state as objects, the migration is that read).
     */
    public static final class Snapshot implements TypeSerializerSnapshot<JourneyEvent> {
        static final int FORMAT_2 = 4;
        private int version = FORMAT_2;

        public Snapshot() {
        }

        Snapshot(int version) {
            this.version = version;
        }

        @Override
        public int getCurrentVersion() {
            return version;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // no configuration: the version says the format
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader) throws IOException {
            switch (readVersion) {
                case 2 -> in.readUTF(); // Flink's SimpleTypeSerializerSnapshot of version 2 named the serializer class
                case 3, FORMAT_2 -> {
                }
                default -> throw new IOException("Unknown version of the JourneyEvent serializer: " + readVersion);
            }
            version = readVersion;
        }

        @Override
        public TypeSerializer<JourneyEvent> restoreSerializer() {
            return version >= FORMAT_2 ? INSTANCE : Format1.INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<JourneyEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<JourneyEvent> old) {
            if (!(old instanceof Snapshot s)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return s.version >= FORMAT_2 ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }

    /**
     * Records in format 1, to read the state of a checkpoint taken before format 2 (see {@link Snapshot}); the job
     * writes format 2 only.
     */
    static final class Format1 extends TypeSerializerSingleton<JourneyEvent> {
        private static final long serialVersionUID = 1L;
        static final Format1 INSTANCE = new Format1();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public JourneyEvent createInstance() {
            return new JourneyEvent();
        }

        @Override
        public JourneyEvent copy(JourneyEvent from) {
            return JourneyEventSerializer.INSTANCE.copy(from);
        }

        @Override
        public JourneyEvent copy(JourneyEvent from, JourneyEvent reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(JourneyEvent e, DataOutputView out) throws IOException {
            out.writeByte(e.kind);
            out.writeBoolean(e.fromSource);
            StringValue.writeString(e.user, out); // null-safe, as Flink's own String serializer
            StringValue.writeString(e.device, out);
            StringValue.writeString(e.person, out);
            StringValue.writeString(e.type, out);
            out.writeLong(e.timeMicros);
            out.writeLong(e.seq);
            out.writeInt(e.partition);
            if (e.kind == JourneyEvent.EVENT) {
                return; // nearly every record: the rest is about merges, rejected messages and outputs
            }
            out.writeLong(e.offset);
            StringValue.writeString(e.reason, out);
            StringValue.writeString(e.raw, out);
            StringValue.writeString(e.topic, out);
            if (e.movedTypes == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(e.movedTypes.length);
                for (int i = 0; i < e.movedTypes.length; i++) {
                    StringValue.writeString(e.movedTypes[i], out);
                    out.writeLong(e.movedTimes[i]);
                }
            }
            out.writeBoolean(e.out != null);
            if (e.out != null) {
                OutRecordSerializer.INSTANCE.serialize(e.out, out);
            }
        }

        @Override
        public JourneyEvent deserialize(DataInputView in) throws IOException {
            JourneyEvent e = new JourneyEvent();
            e.kind = in.readByte();
            e.fromSource = in.readBoolean();
            e.user = StringValue.readString(in);
            e.device = StringValue.readString(in);
            e.person = StringValue.readString(in);
            e.type = StringValue.readString(in);
            e.timeMicros = in.readLong();
            e.seq = in.readLong();
            e.partition = in.readInt();
            if (e.kind == JourneyEvent.EVENT) {
                return e;
            }
            e.offset = in.readLong();
            e.reason = StringValue.readString(in);
            e.raw = StringValue.readString(in);
            e.topic = StringValue.readString(in);
            int moved = in.readInt();
            if (moved >= 0) {
                e.movedTypes = new String[moved];
                e.movedTimes = new long[moved];
                for (int i = 0; i < moved; i++) {
                    e.movedTypes[i] = StringValue.readString(in);
                    e.movedTimes[i] = in.readLong();
                }
            }
            if (in.readBoolean()) {
                e.out = OutRecordSerializer.INSTANCE.deserialize(in);
            }
            return e;
        }

        @Override
        public JourneyEvent deserialize(JourneyEvent reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<JourneyEvent> snapshotConfiguration() {
            return new Snapshot(3);
        }
    }

    /** Tells Flink's type extraction to use this serializer wherever a {@link JourneyEvent} travels or is kept. */
    public static final class Factory extends TypeInfoFactory<JourneyEvent> {
        @Override
        public TypeInformation<JourneyEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return new Info<>(JourneyEvent.class, INSTANCE);
        }
    }

    /** Flink's serializer of {@link OutRecord}. */
    public static final class OutRecordSerializer extends TypeSerializerSingleton<OutRecord> {
        private static final long serialVersionUID = 1L;
        static final OutRecordSerializer INSTANCE = new OutRecordSerializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public OutRecord createInstance() {
            return new OutRecord();
        }

        @Override
        public OutRecord copy(OutRecord from) {
            return new OutRecord(from.target, from.key, from.value == null ? null
                    : Arrays.copyOf(from.value, from.value.length), from.timestamp);
        }

        @Override
        public OutRecord copy(OutRecord from, OutRecord reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(OutRecord r, DataOutputView out) throws IOException {
            out.writeByte(r.target);
            StringValue.writeString(r.key, out);
            out.writeLong(r.timestamp);
            if (r.value == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(r.value.length);
                out.write(r.value);
            }
        }

        @Override
        public OutRecord deserialize(DataInputView in) throws IOException {
            OutRecord r = new OutRecord();
            r.target = in.readByte();
            r.key = StringValue.readString(in);
            r.timestamp = in.readLong();
            int n = in.readInt();
            if (n >= 0) {
                r.value = new byte[n];
                in.readFully(r.value);
            }
            return r;
        }

        @Override
        public OutRecord deserialize(OutRecord reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<OutRecord> snapshotConfiguration() {
            return new OutSnapshot();
        }
    }

    /** What checkpoints record of {@link OutRecordSerializer}. */
    public static final class OutSnapshot extends SimpleTypeSerializerSnapshot<OutRecord> {
        public OutSnapshot() {
            super(() -> OutRecordSerializer.INSTANCE);
        }
    }

    /** Type extraction for {@link OutRecord}. */
    public static final class OutFactory extends TypeInfoFactory<OutRecord> {
        @Override
        public TypeInformation<OutRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return new Info<>(OutRecord.class, OutRecordSerializer.INSTANCE);
        }
    }

    /** The type information of a record class with a serializer of its own. */
    static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final TypeSerializer<T> serializer;

        Info(Class<T> type, TypeSerializer<T> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info<?> i && i.type == type;
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info<?>;
        }
    }
}
