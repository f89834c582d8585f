package dev.dockmaster.dmg;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON the way dmg prints it (Go's {@code json.MarshalIndent} with two spaces): maps and lists, strings, numbers,
 * booleans and null, plus protobuf messages rendered field by field with their proto names and every field present,
 * 64-bit numbers as numbers and enums by name. {@code <}, {@code >} and {@code &} are escaped as Go escapes them.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    /** A message as an ordered map of its fields, for embedding in other JSON. */
    public static Map<String, Object> fields(Message message) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDescriptor fd : message.getDescriptorForType().getFields()) {
            Object value = message.getField(fd);
            if (fd.isMapField()) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object entry : (List<?>) value) {
                    Message e = (Message) entry;
                    FieldDescriptor k = e.getDescriptorForType().findFieldByName("key");
                    FieldDescriptor v = e.getDescriptorForType().findFieldByName("value");
                    map.put(String.valueOf(e.getField(k)), convert(v, e.getField(v)));
                }
                out.put(fd.getName(), map);
            } else if (fd.isRepeated()) {
                out.put(fd.getName(), ((List<?>) value).stream().map(v -> convert(fd, v)).toList());
            } else if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !message.hasField(fd)) {
                out.put(fd.getName(), null);
            } else {
                out.put(fd.getName(), convert(fd, value));
            }
        }
        return out;
    }

    private static Object convert(FieldDescriptor fd, Object value) {
        return switch (fd.getJavaType()) {
            case MESSAGE -> fields((Message) value);
            case ENUM -> ((EnumValueDescriptor) value).getName();
            case BYTE_STRING -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case INT, LONG -> unsigned(fd, (Number) value);
            default -> value;
        };
    }

    private static Object unsigned(FieldDescriptor fd, Number value) {
        return switch (fd.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedLong(value.intValue());
            case UINT64, FIXED64 -> new java.math.BigInteger(Long.toUnsignedString(value.longValue()));
            default -> value;
        };
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Optional<?> opt) {
            value = opt.orElse(null);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof Message m) {
            write(out, fields(m), indent);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent + "  ";
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(inner);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent + "  ";
            out.append("[\n");
            int i = 0;
            for (Object item : list) {
                out.append(inner);
                write(out, item, inner);
                out.append(++i < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Float f) {
            number(out, f.doubleValue());
        } else if (value instanceof Double d) {
            number(out, d);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    private static void number(StringBuilder out, double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            out.append((long) d);
        } else if (Double.isNaN(d) || Double.isInfinite(d)) {
            // JSON has no such numbers (Go refuses to marshal them); write them as Go's %g would.
            string(out, dev.dockmaster.dmg.pretty.GoFloats.g(d));
        } else {
            out.append(dev.dockmaster.dmg.pretty.GoFloats.json(d));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
