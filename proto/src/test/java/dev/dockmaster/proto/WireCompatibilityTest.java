package dev.dockmaster.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.UnknownFieldSet;
import dev.dockmaster.proto.ReferenceSample.EnumValue;
import dev.dockmaster.proto.ReferenceSample.RepeatedEncoding;
import dev.dockmaster.proto.WireReference.EnumRef;
import dev.dockmaster.proto.WireReference.FieldRef;
import dev.dockmaster.proto.WireReference.Kind;
import dev.dockmaster.proto.WireReference.MessageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our generated classes against DAOS 2.6's wire layout. Reference bytes are written by hand with
 * {@code CodedOutputStream} from the field numbers and types in {@code daos-2.6-wire-reference.txt} (never from our
 * descriptors) and parsed with our classes; the other way round, our serialization must produce the same bytes.
 * Adding a message to our protos fails {@link #everyWireMessageAndEnumHasAReferenceEntry()} until its reference row is
 * added, and that row alone makes it a case of every test here.
 */
class WireCompatibilityTest {

    private static final WireReference REFERENCE = WireReference.load();

    /** One message, with a choice of oneof members when it has a oneof. */
    record WireCase(String label, ReferenceSample sample) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One enum value sent in a field of that enum type. */
    record EnumWireCase(String label, MessageRef carrier, FieldRef field, EnumValue value) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<WireCase> wireCases() {
        ReferenceSample.Factory factory = new ReferenceSample.Factory(REFERENCE);
        List<WireCase> cases = new ArrayList<>();
        for (MessageRef message : REFERENCE.messages()) {
            List<FieldRef> members = message.oneofs().values().stream().flatMap(List::stream).toList();
            if (members.isEmpty()) {
                cases.add(new WireCase(message.fullName(), factory.full(message, List.of())));
            }
            for (FieldRef member : members) {
                cases.add(new WireCase(message.fullName() + "[" + member.name() + "]",
                        factory.full(message, List.of(member.name()))));
            }
        }
        return cases;
    }

    static Stream<MessageRef> referenceMessages() {
        return REFERENCE.messages().stream();
    }

    static Stream<EnumRef> referenceEnums() {
        return REFERENCE.enums().stream();
    }

    /** Every non-zero value of every enum, carried by the first singular field of that type in the reference. */
    static List<EnumWireCase> enumWireCases() {
        List<EnumWireCase> cases = new ArrayList<>();
        for (EnumRef e : REFERENCE.enums()) {
            for (MessageRef m : REFERENCE.messages()) {
                FieldRef carrier = m.fields().stream()
                        .filter(f -> !f.repeated() && REFERENCE.resolve(m, f).equals(e.fullName()))
                        .findFirst().orElse(null);
                if (carrier == null) {
                    continue;
                }
                // Zero is the default: a proto3 writer never sends it, so there is nothing on the wire to test.
                e.values().forEach((name, number) -> {
                    if (number != 0) {
                        cases.add(new EnumWireCase(e.fullName() + "." + name + "=" + number + " in "
                                + m.fullName() + "." + carrier.name(), m, carrier, new EnumValue(name, number)));
                    }
                });
                break;
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCases")
    void referenceBytesParseIntoOurClasses(WireCase wireCase) throws InvalidProtocolBufferException {
        ReferenceSample sample = wireCase.sample();
        for (RepeatedEncoding encoding : RepeatedEncoding.values()) {
            Message parsed = parse(sample.type().fullName(), sample.encode(encoding));

            assertMatches(sample, parsed, sample.type().fullName() + " (" + encoding + ")");
        }
    }

    /** Every field set on its own: catches two fields of one type swapped (the bools, whose values cannot differ). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCases")
    void eachReferenceFieldAloneLandsInOurFieldOfThatName(WireCase wireCase) throws InvalidProtocolBufferException {
        ReferenceSample sample = wireCase.sample();
        for (ReferenceSample.Field field : sample.fields()) {
            ReferenceSample alone = sample.only(field);

            Message parsed = parse(sample.type().fullName(), alone.encode(RepeatedEncoding.PACKED));

            assertMatches(alone, parsed, sample.type().fullName() + " with only " + field.ref().name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCases")
    void ourSerializationIsTheReferenceBytes(WireCase wireCase) throws InvalidProtocolBufferException {
        ReferenceSample sample = wireCase.sample();
        byte[] reference = sample.encode(RepeatedEncoding.PACKED);

        byte[] ours = build(sample).toByteArray();

        // Field numbers first (a readable diff), then the exact bytes (packing, varint widths, field order).
        assertThat(wireDump(ours)).as("%s as tagged fields, ours vs the reference", wireCase)
                .isEqualTo(wireDump(reference));
        assertThat(ours).as("%s bytes", wireCase).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceMessages")
    void declaredFieldsMatchTheReference(MessageRef message) {
        Descriptor ours = GeneratedProtos.defaultInstance(message.fullName()).getDescriptorForType();

        List<String> expected = message.fields().stream().map(f -> describe(message, f)).toList();
        List<String> actual = ours.getFields().stream().map(WireCompatibilityTest::describe).toList();
        assertThat(actual).as("fields of %s as 'number name [repeated|oneof group] type'", message.fullName())
                .containsExactlyInAnyOrderElementsOf(expected);

        Set<Integer> reservedByUs = new TreeSet<>();
        ours.toProto().getReservedRangeList()
                .forEach(r -> IntStream.range(r.getStart(), r.getEnd()).forEach(reservedByUs::add));
        assertThat(reservedByUs)
                .as("numbers %s reserves (reserve them too, so that nobody reuses a retired number)",
                        message.fullName())
                .containsAll(message.reserved());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceEnums")
    void enumNumbersMatchTheReference(EnumRef reference) {
        Class<?> type = GeneratedProtos.enumClass(reference.fullName());
        assertThat(type.isEnum()).as("%s is a Java enum", type.getName()).isTrue();

        Map<String, Integer> ours = new LinkedHashMap<>();
        for (Object constant : type.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            if (!value.name().equals("UNRECOGNIZED")) { // protobuf's marker for numbers it does not know
                ours.put(value.name(), ((ProtocolMessageEnum) constant).getNumber());
            }
        }
        assertThat(ours).as("values of %s (name=number)", reference.fullName())
                .containsExactlyInAnyOrderEntriesOf(reference.values());
        // The descriptor (what parsing uses) must agree with the Java constants.
        Map<String, Integer> described = ((ProtocolMessageEnum) type.getEnumConstants()[0]).getDescriptorForType()
                .getValues().stream()
                .collect(Collectors.toMap(EnumValueDescriptor::getName, EnumValueDescriptor::getNumber));
        assertThat(described).containsExactlyInAnyOrderEntriesOf(reference.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enumWireCases")
    void everyEnumValueCrossesTheWire(EnumWireCase c) throws InvalidProtocolBufferException {
        ReferenceSample sample = new ReferenceSample(c.carrier(),
                List.of(new ReferenceSample.Field(c.field(), Kind.ENUM, List.of(c.value()))));

        Message parsed = parse(c.carrier().fullName(), sample.encode(RepeatedEncoding.PACKED));

        assertMatches(sample, parsed, c.label());
        assertThat(build(sample).toByteArray()).isEqualTo(sample.encode(RepeatedEncoding.PACKED));
    }

    @Test
    void everyWireMessageAndEnumHasAReferenceEntry() {
        List<FileDescriptor> files = GeneratedProtos.wireFiles();
        // Guard against a discovery that silently finds nothing (and so checks nothing).
        assertThat(files).extracting(FileDescriptor::getName)
                .contains("drpc.proto", "ctl/common.proto", "ctl/smd.proto", "shared/event.proto", "srv/srv.proto");

        Set<String> referenceMessages = REFERENCE.messages().stream().map(MessageRef::fullName)
                .collect(Collectors.toSet());
        Set<String> referenceEnums = REFERENCE.enums().stream().map(EnumRef::fullName).collect(Collectors.toSet());

        TreeSet<String> messagesWithoutCase = GeneratedProtos.messageNames(files);
        messagesWithoutCase.removeAll(referenceMessages);
        TreeSet<String> enumsWithoutCase = GeneratedProtos.enumNames(files);
        enumsWithoutCase.removeAll(referenceEnums);

        assertThat(messagesWithoutCase)
                .as("messages in proto/src/main/proto without a wire case: add each one's row from "
                        + "daos-2.6-control-plane.md §2 to proto/src/test/resources/dev/dockmaster/proto/"
                        + WireReference.RESOURCE)
                .isEmpty();
        assertThat(enumsWithoutCase)
                .as("enums in proto/src/main/proto without a reference entry in " + WireReference.RESOURCE)
                .isEmpty();
    }

    /** The test data itself: across a message's cases, every reference field is set at least once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceMessages")
    void casesSetEveryReferenceField(MessageRef message) {
        Set<String> covered = wireCases().stream()
                .filter(c -> c.sample().type().equals(message))
                .flatMap(c -> c.sample().fields().stream())
                .map(f -> f.ref().name())
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                message.fields().stream().map(FieldRef::name).toList());
    }

    // --- helpers

    private static Message parse(String fullName, byte[] bytes) throws InvalidProtocolBufferException {
        return GeneratedProtos.defaultInstance(fullName).getParserForType().parseFrom(bytes);
    }

    /** Asserts that {@code actual} holds exactly the sample's values, each in the field of the reference's name. */
    static void assertMatches(ReferenceSample expected, Message actual, String path) {
        Descriptor type = actual.getDescriptorForType();
        assertThat(type.getFullName()).as("%s: message type", path).isEqualTo(expected.type().fullName());
        assertThat(actual.getUnknownFields().asMap())
                .as("%s: fields on the wire that our %s does not declare (number -> value)", path, type.getFullName())
                .isEmpty();
        assertThat(actual.getAllFields().keySet()).extracting(FieldDescriptor::getName)
                .as("%s: the fields of ours that hold a value", path)
                .containsExactlyInAnyOrderElementsOf(expected.fields().stream().map(f -> f.ref().name()).toList());

        for (ReferenceSample.Field field : expected.fields()) {
            FieldRef ref = field.ref();
            String where = path + "." + ref.name();
            FieldDescriptor fd = type.findFieldByName(ref.name());
            assertThat(fd.getNumber()).as("%s: field number", where).isEqualTo(ref.number());
            assertThat(fd.isRepeated()).as("%s: repeated", where).isEqualTo(ref.repeated());
            assertThat(fd.isMapField()).as("%s: a map field", where).isEqualTo(ref.isMap());
            if (ref.oneof() != null) {
                OneofDescriptor oneof = fd.getRealContainingOneof();
                assertThat(oneof).as("%s: member of oneof %s", where, ref.oneof()).isNotNull();
                assertThat(oneof.getName()).as("%s: oneof name", where).isEqualTo(ref.oneof());
                assertThat(actual.getOneofFieldDescriptor(oneof)).as("%s: the oneof's case", where).isEqualTo(fd);
            }
            List<Object> values = ref.repeated()
                    ? IntStream.range(0, actual.getRepeatedFieldCount(fd)).mapToObj(i -> actual.getRepeatedField(fd, i))
                            .toList()
                    : List.of(actual.getField(fd));
            assertThat(values).as("%s: element count", where).hasSameSizeAs(field.values());
            for (int i = 0; i < values.size(); i++) {
                assertValue(field.kind(), field.values().get(i), values.get(i), ref.repeated() ? where + "[" + i + "]"
                        : where);
            }
        }
    }

    private static void assertValue(Kind kind, Object expected, Object actual, String where) {
        switch (kind) {
            case ENUM -> {
                EnumValue e = (EnumValue) expected;
                EnumValueDescriptor a = (EnumValueDescriptor) actual;
                assertThat(a.getNumber()).as("%s: enum number", where).isEqualTo(e.number());
                assertThat(a.getName()).as("%s: enum value name for %d", where, e.number()).isEqualTo(e.name());
            }
            case MESSAGE -> assertMatches((ReferenceSample) expected, (Message) actual, where);
            case FLOAT -> assertThat(Float.floatToIntBits((Float) actual)).as("%s: %s", where, actual)
                    .isEqualTo(Float.floatToIntBits((Float) expected));
            case DOUBLE -> assertThat(Double.doubleToLongBits((Double) actual)).as("%s: %s", where, actual)
                    .isEqualTo(Double.doubleToLongBits((Double) expected));
            default -> assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    /** Our message holding the sample's values, set through our builders by the reference's field names. */
    static Message build(ReferenceSample sample) {
        return fill(GeneratedProtos.defaultInstance(sample.type().fullName()).newBuilderForType(), sample).build();
    }

    private static Message.Builder fill(Message.Builder builder, ReferenceSample sample) {
        Descriptor type = builder.getDescriptorForType();
        for (ReferenceSample.Field field : sample.fields()) {
            FieldDescriptor fd = type.findFieldByName(field.ref().name());
            assertThat(fd).as("our %s has a field named %s", type.getFullName(), field.ref().name()).isNotNull();
            for (Object value : field.values()) {
                Object ours = switch (field.kind()) {
                    case ENUM -> {
                        int number = ((EnumValue) value).number();
                        EnumValueDescriptor v = fd.getEnumType().findValueByNumber(number);
                        assertThat(v).as("our %s has the value %d", fd.getEnumType().getFullName(), number).isNotNull();
                        yield v;
                    }
                    case MESSAGE -> fill(builder.newBuilderForField(fd), (ReferenceSample) value).build();
                    default -> value;
                };
                if (fd.isRepeated()) {
                    builder.addRepeatedField(fd, ours);
                } else {
                    builder.setField(fd, ours);
                }
            }
        }
        return builder;
    }

    /** Bytes as protobuf text of numbered fields, nested messages expanded: readable without any schema. */
    private static String wireDump(byte[] bytes) throws InvalidProtocolBufferException {
        return UnknownFieldSet.parseFrom(bytes).toString();
    }

    private static String describe(MessageRef message, FieldRef f) {
        if (f.isMap()) {
            MessageRef entry = REFERENCE.message(REFERENCE.resolve(message, f));
            return f.number() + " " + f.name() + " map<" + REFERENCE.resolve(entry, entry.fields().get(0)) + ", "
                    + REFERENCE.resolve(entry, entry.fields().get(1)) + ">";
        }
        return f.number() + " " + f.name() + (f.repeated() ? " repeated" : "")
                + (f.oneof() != null ? " oneof " + f.oneof() : "") + " " + REFERENCE.resolve(message, f);
    }

    private static String describe(FieldDescriptor fd) {
        if (fd.isMapField()) {
            Descriptor entry = fd.getMessageType();
            return fd.getNumber() + " " + fd.getName() + " map<" + typeName(entry.findFieldByNumber(1)) + ", "
                    + typeName(entry.findFieldByNumber(2)) + ">";
        }
        String type = typeName(fd);
        OneofDescriptor oneof = fd.getRealContainingOneof();
        return fd.getNumber() + " " + fd.getName() + (fd.isRepeated() ? " repeated" : "")
                + (oneof != null ? " oneof " + oneof.getName() : "") + " " + type;
    }

    private static String typeName(FieldDescriptor fd) {
        return switch (fd.getJavaType()) {
            case MESSAGE -> fd.getMessageType().getFullName();
            case ENUM -> fd.getEnumType().getFullName();
            default -> fd.getType().name().toLowerCase();
        };
    }
}
