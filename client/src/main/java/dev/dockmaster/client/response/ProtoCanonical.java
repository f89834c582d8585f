package dev.dockmaster.client.response;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An order-insensitive identity for protobuf messages: every repeated field, at every depth, is sorted before the
 * message is serialised deterministically. Two hosts that report the same devices in a different order thus get
 * the same key, as DAOS's hash with {@code SlicesAsSets} does.
 */
public final class ProtoCanonical {
    private ProtoCanonical() {
    }

    public static ByteString key(Message message) {
        return serialize(canonical(message));
    }

    /** A copy of {@code message} with every repeated field sorted. */
    public static Message canonical(Message message) {
        Message.Builder builder = message.toBuilder();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor fd = field.getKey();
            if (fd.isMapField()) {
                continue; // maps are unordered already, and deterministic serialisation sorts them
            }
            if (fd.isRepeated()) {
                List<?> values = (List<?>) field.getValue();
                List<Object> sorted = new ArrayList<>(values.size());
                if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    List<Message> canon = values.stream().map(v -> canonical((Message) v)).toList();
                    canon.stream().sorted(Comparator.comparing(ProtoCanonical::serialize,
                            ByteString.unsignedLexicographicalComparator())).forEach(sorted::add);
                } else {
                    values.stream().sorted(Comparator.comparing(String::valueOf)).forEach(sorted::add);
                }
                builder.clearField(fd);
                for (Object v : sorted) {
                    builder.addRepeatedField(fd, v);
                }
            } else if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                builder.setField(fd, canonical((Message) field.getValue()));
            }
        }
        return builder.build();
    }

    private static ByteString serialize(Message message) {
        try {
            ByteString.Output out = ByteString.newOutput();
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.useDeterministicSerialization();
            message.writeTo(coded);
            coded.flush();
            return out.toByteString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
