package org.journeyexplorer.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;

/**
 * Flink's serializer of {@link JourneyEvent} (and of the {@link OutRecord} it may carry): every record crossing
 * between the job's tasks goes through it, so it writes the fields in a fixed order with plain reads and writes.
 * Flink's POJO serializer, which served before, reached every field by reflection, boxed every {@code long} and
 * wrote a null flag per field (JFR: a tenth of each stage's CPU, and most of the sink's when it still ran as a task
 * of its own).
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
        return new Snapshot();
    }

    /** What checkpoints record of this serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<JourneyEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
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
