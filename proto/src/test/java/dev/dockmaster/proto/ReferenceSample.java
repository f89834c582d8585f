package dev.dockmaster.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.dockmaster.proto.WireReference.FieldRef;
import dev.dockmaster.proto.WireReference.Kind;
import dev.dockmaster.proto.WireReference.MessageRef;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A message value built from the reference alone, and its encoding with {@link CodedOutputStream}: what a DAOS peer
 * would put on the wire. Every field gets a non-default value that differs from every other field's, so a value that
 * lands in the wrong field is noticed.
 *
 * @param type the reference message
 * @param fields the fields that are set, in field-number order
 */
record ReferenceSample(MessageRef type, List<Field> fields) {

    /**
     * One set field.
     *
     * @param values one value for a singular field, the elements for a repeated one. Element types: Integer (int32,
     *               uint32), Long (int64, uint64), Boolean, String, ByteString, Float, Double, {@link EnumValue},
     *               {@link ReferenceSample}
     */
    record Field(FieldRef ref, Kind kind, List<Object> values) {
        Field {
            values = List.copyOf(values);
        }
    }

    record EnumValue(String name, int number) {
    }

    /** How repeated scalars go on the wire; a proto3 reader must accept both. */
    enum RepeatedEncoding { PACKED, EXPANDED }

    /** A copy holding only {@code field}. */
    ReferenceSample only(Field field) {
        return new ReferenceSample(type, List.of(field));
    }

    @Override
    public String toString() {
        return type.fullName() + fields.stream().map(f -> f.ref().name()).collect(Collectors.joining(",", "{", "}"));
    }

    /** Builds samples from a reference, giving each nested message its own salt so that no two values repeat. */
    static final class Factory {
        private final WireReference reference;
        private int salt;

        Factory(WireReference reference) {
            this.reference = reference;
        }

        /**
         * A sample with every field set, except oneof members other than {@code chosen} (at most one member of a
         * group can be on the wire) and message fields that would recurse into a type already being built.
         *
         * @param chosen the oneof members to set, by field name; a group without a choice sets its first member
         */
        ReferenceSample full(MessageRef type, List<String> chosen) {
            return build(type, chosen, new ArrayDeque<>());
        }

        private ReferenceSample build(MessageRef type, List<String> chosen, Deque<String> building) {
            building.push(type.fullName());
            int mySalt = salt++;
            Map<String, List<FieldRef>> oneofs = type.oneofs();
            List<Field> fields = new ArrayList<>();
            for (FieldRef f : type.fields()) {
                if (f.oneof() != null) {
                    List<FieldRef> group = oneofs.get(f.oneof());
                    boolean groupHasChoice = group.stream().anyMatch(m -> chosen.contains(m.name()));
                    boolean set = groupHasChoice ? chosen.contains(f.name()) : group.get(0) == f;
                    if (!set) {
                        continue;
                    }
                }
                Kind kind = reference.kind(type, f);
                String typeName = reference.resolve(type, f);
                if (kind == Kind.MESSAGE && building.contains(typeName)) {
                    continue; // NvmeController -> SmdDevice -> NvmeController: stop at the cycle
                }
                // Two map entries need two keys; a bool key has only one non-default value.
                int count = !f.repeated() || (f.isMap() && f.map().keyToken().equals("bool")) ? 1 : 2;
                List<Object> values = new ArrayList<>();
                for (int element = 0; element < count; element++) {
                    values.add(switch (kind) {
                        case MESSAGE -> build(reference.message(typeName), List.of(), building);
                        case ENUM -> {
                            Map.Entry<String, Integer> e = reference.enumRef(typeName).sampleValue();
                            yield new EnumValue(e.getKey(), e.getValue());
                        }
                        default -> scalar(kind, f, mySalt * 1000L + element * 100L + f.number());
                    });
                }
                fields.add(new Field(f, kind, values));
            }
            building.pop();
            return new ReferenceSample(type, fields);
        }

        /** A non-default value derived from {@code seed}, chosen to exercise the type's awkward encodings. */
        private static Object scalar(Kind kind, FieldRef f, long seed) {
            return switch (kind) {
                case INT32 -> (int) -(1_000 + seed);                   // negative: a ten-byte varint
                case INT64 -> -(1L << 40) - seed;
                case UINT32 -> (int) (0x8000_0000L + seed);            // above 2^31: negative as a Java int
                case UINT64 -> 0x8000_0000_0000_0000L + seed;          // above 2^63: negative as a Java long
                case BOOL -> true;
                case STRING -> f.name() + "-" + seed + "-ü€";         // multi-byte UTF-8
                case BYTES -> ByteString.copyFrom(new byte[] {(byte) seed, 0, (byte) 0xff, (byte) (seed >> 8)});
                case FLOAT -> seed + 0.5f;
                case DOUBLE -> -(seed + 0.125);
                case ENUM, MESSAGE -> throw new IllegalArgumentException(kind + " is not a scalar");
            };
        }
    }

    /** The bytes a DAOS peer sends for this value, written field by field from the reference numbers and types. */
    byte[] encode(RepeatedEncoding encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (Field f : fields) {
                int number = f.ref().number();
                if (f.ref().repeated() && f.kind().packable() && encoding == RepeatedEncoding.PACKED) {
                    ByteArrayOutputStream packed = new ByteArrayOutputStream();
                    CodedOutputStream packedOut = CodedOutputStream.newInstance(packed);
                    for (Object v : f.values()) {
                        writeNoTag(packedOut, f.kind(), v);
                    }
                    packedOut.flush();
                    out.writeByteArray(number, packed.toByteArray());
                } else {
                    for (Object v : f.values()) {
                        writeTagged(out, number, f.kind(), v, encoding);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTagged(CodedOutputStream out, int n, Kind kind, Object v, RepeatedEncoding encoding)
            throws IOException {
        switch (kind) {
            case INT32 -> out.writeInt32(n, (Integer) v);
            case INT64 -> out.writeInt64(n, (Long) v);
            case UINT32 -> out.writeUInt32(n, (Integer) v);
            case UINT64 -> out.writeUInt64(n, (Long) v);
            case BOOL -> out.writeBool(n, (Boolean) v);
            case STRING -> out.writeString(n, (String) v);
            case BYTES -> out.writeBytes(n, (ByteString) v);
            case FLOAT -> out.writeFloat(n, (Float) v);
            case DOUBLE -> out.writeDouble(n, (Double) v);
            case ENUM -> out.writeEnum(n, ((EnumValue) v).number());
            case MESSAGE -> out.writeByteArray(n, ((ReferenceSample) v).encode(encoding));
        }
    }

    private static void writeNoTag(CodedOutputStream out, Kind kind, Object v) throws IOException {
        switch (kind) {
            case INT32 -> out.writeInt32NoTag((Integer) v);
            case INT64 -> out.writeInt64NoTag((Long) v);
            case UINT32 -> out.writeUInt32NoTag((Integer) v);
            case UINT64 -> out.writeUInt64NoTag((Long) v);
            case BOOL -> out.writeBoolNoTag((Boolean) v);
            case FLOAT -> out.writeFloatNoTag((Float) v);
            case DOUBLE -> out.writeDoubleNoTag((Double) v);
            case ENUM -> out.writeEnumNoTag(((EnumValue) v).number());
            default -> throw new IllegalArgumentException(kind + " cannot be packed");
        }
    }
}
