package dev.dockmaster.proto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DAOS 2.6 wire layout of our messages and enums, read from {@code daos-2.6-wire-reference.txt} (a restatement of
 * the reference's "Fields (number name type)" tables). It is deliberately independent of our generated descriptors:
 * the wire tests build bytes from this model and check that our classes read them.
 */
final class WireReference {

    static final String RESOURCE = "daos-2.6-wire-reference.txt";

    /** The proto3 scalar types our messages use, plus the two composite kinds. */
    enum Kind {
        INT32, INT64, UINT32, UINT64, BOOL, STRING, BYTES, FLOAT, DOUBLE, ENUM, MESSAGE;

        /** Repeated fields of these kinds are packed by proto3 writers (Go's included). */
        boolean packable() {
            return this != STRING && this != BYTES && this != MESSAGE;
        }

        static Optional<Kind> scalar(String token) {
            for (Kind kind : values()) {
                if (kind != ENUM && kind != MESSAGE && kind.name().toLowerCase().equals(token)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One field as the reference lists it. A {@code map<K, V>} field is, on the wire, a repeated message of a nested
     * entry type ({@code key} = 1, {@code value} = 2) that protobuf names after the field: {@code attributes} →
     * {@code AttributesEntry}. The reference models it exactly so: {@code repeated} with that entry type as
     * {@code typeToken}, and {@code map} holding the declared key and value types.
     *
     * @param oneof the oneof group, or {@code null}
     * @param typeToken the type as written in the table: a scalar, or a (possibly relative) message or enum name
     * @param map the declared key and value types of a map field, or {@code null}
     */
    record FieldRef(int number, String name, boolean repeated, String oneof, String typeToken, MapType map) {
        FieldRef(int number, String name, boolean repeated, String oneof, String typeToken) {
            this(number, name, repeated, oneof, typeToken, null);
        }

        boolean isMap() {
            return map != null;
        }
    }

    /** The declared types of a {@code map<keyToken, valueToken>} field. */
    record MapType(String keyToken, String valueToken) {
        /** Key types protobuf allows: integral scalars, bool and string (no float, bytes, enum or message). */
        private static final Set<String> KEY_TYPES = Set.of("int32", "int64", "uint32", "uint64", "bool", "string");
    }

    /** Protobuf's name for a map field's entry type: the field name in upper camel case, plus "Entry". */
    static String mapEntryName(String fieldName) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.append("Entry").toString();
    }

    record MessageRef(String fullName, List<FieldRef> fields, Set<Integer> reserved) {
        MessageRef {
            fields = fields.stream().sorted(Comparator.comparingInt(FieldRef::number)).toList();
            reserved = Set.copyOf(reserved);
        }

        /** Oneof groups in field order, each with its members. */
        Map<String, List<FieldRef>> oneofs() {
            Map<String, List<FieldRef>> groups = new LinkedHashMap<>();
            fields.stream().filter(f -> f.oneof() != null)
                    .forEach(f -> groups.computeIfAbsent(f.oneof(), k -> new ArrayList<>()).add(f));
            return groups;
        }

        @Override
        public String toString() {
            return fullName;
        }
    }

    /** An enum, values in declaration order. */
    record EnumRef(String fullName, Map<String, Integer> values) {
        EnumRef {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * The value a sample uses: the most negative one if there is one (negative enum numbers are encoded as
         * ten-byte varints, the case most likely to go wrong), otherwise the largest.
         */
        Map.Entry<String, Integer> sampleValue() {
            Map.Entry<String, Integer> min = values.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
            return min.getValue() < 0 ? min
                    : values.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        }

        @Override
        public String toString() {
            return fullName;
        }
    }

    private static final Pattern FIELD = Pattern.compile(
            "(\\d+) `([^`]+)` (?:(repeated) |oneof (\\w+) )?([\\w.]+)");
    private static final Pattern MAP_FIELD = Pattern.compile(
            "(\\d+) `([^`]+)` map<\\s*(\\w+)\\s*,\\s*([\\w.]+)\\s*>");
    private static final Pattern RESERVED = Pattern.compile("\\(reserved ([\\d,\\s]+)\\)");
    private static final Pattern ENUM_VALUE = Pattern.compile("(\\w+)=(-?\\d+)");

    private final Map<String, MessageRef> messages;
    private final Map<String, EnumRef> enums;
    /** The entry types of map fields, by full name: resolvable like messages, but not rows of their own. */
    private final Map<String, MessageRef> mapEntries;

    private WireReference(Map<String, MessageRef> messages, Map<String, EnumRef> enums,
            Map<String, MessageRef> mapEntries) {
        this.messages = messages;
        this.enums = enums;
        this.mapEntries = mapEntries;
    }

    static WireReference load() {
        try (InputStream in = WireReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing next to "
                        + WireReference.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WireReference parse(List<String> lines) {
        Map<String, MessageRef> messages = new LinkedHashMap<>();
        Map<String, EnumRef> enums = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = RESOURCE + ":" + lineNo;
            int bar = line.indexOf('|');
            String[] head = (bar < 0 ? line : line.substring(0, bar)).strip().split("\\s+");
            if (bar < 0 || head.length != 2) {
                throw new IllegalArgumentException(where + ": expected 'message|enum <full.Name> | ...', got: " + raw);
            }
            String body = line.substring(bar + 1).strip();
            String name = head[1];
            if (messages.containsKey(name) || enums.containsKey(name)) {
                throw new IllegalArgumentException(where + ": " + name + " is listed twice");
            }
            switch (head[0]) {
                case "message" -> messages.put(name, parseMessage(where, name, body));
                case "enum" -> enums.put(name, parseEnum(where, name, body));
                default -> throw new IllegalArgumentException(where + ": unknown entry kind '" + head[0] + "'");
            }
        }
        Map<String, MessageRef> mapEntries = new LinkedHashMap<>();
        for (MessageRef m : messages.values()) {
            for (FieldRef f : m.fields()) {
                if (f.isMap()) {
                    String entry = m.fullName() + "." + f.typeToken();
                    if (messages.containsKey(entry) || enums.containsKey(entry)) {
                        throw new IllegalArgumentException(RESOURCE + ": " + entry + ", the entry type of map field "
                                + m.fullName() + "." + f.name() + ", is also listed as a row");
                    }
                    mapEntries.put(entry, new MessageRef(entry, List.of(
                            new FieldRef(1, "key", false, null, f.map().keyToken()),
                            new FieldRef(2, "value", false, null, f.map().valueToken())), Set.of()));
                }
            }
        }
        WireReference reference = new WireReference(messages, enums, mapEntries);
        // Resolve every type once so that a typo in the table fails here, with its line, not in some test case.
        messages.values().forEach(m -> m.fields().forEach(f -> reference.resolve(m, f)));
        mapEntries.values().forEach(m -> m.fields().forEach(f -> reference.resolve(m, f)));
        return reference;
    }

    private static MessageRef parseMessage(String where, String name, String body) {
        List<FieldRef> fields = new ArrayList<>();
        Set<Integer> reserved = new TreeSet<>();
        if (!body.equals("(no fields)")) {
            for (String token : body.split("·")) {
                String t = token.strip();
                Matcher field = FIELD.matcher(t);
                Matcher mapField = MAP_FIELD.matcher(t);
                Matcher res = RESERVED.matcher(t);
                if (mapField.matches()) {
                    String key = mapField.group(3);
                    if (!MapType.KEY_TYPES.contains(key)) {
                        throw new IllegalArgumentException(where + ": map field '" + t + "' of " + name
                                + " has key type " + key + "; protobuf allows " + new TreeSet<>(MapType.KEY_TYPES));
                    }
                    fields.add(new FieldRef(Integer.parseInt(mapField.group(1)), mapField.group(2), true, null,
                            mapEntryName(mapField.group(2)), new MapType(key, mapField.group(4))));
                } else if (field.matches()) {
                    fields.add(new FieldRef(Integer.parseInt(field.group(1)), field.group(2),
                            field.group(3) != null, field.group(4), field.group(5)));
                } else if (res.matches()) {
                    for (String n : res.group(1).split(",")) {
                        reserved.add(Integer.parseInt(n.strip()));
                    }
                } else {
                    throw new IllegalArgumentException(where + ": cannot read field '" + t + "' of " + name
                            + "; write it as: <number> `<name>` [repeated|oneof <group>] <type>"
                            + " or <number> `<name>` map<<key type>, <value type>>");
                }
            }
        }
        return new MessageRef(name, fields, reserved);
    }

    private static EnumRef parseEnum(String where, String name, String body) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String token : body.split(",")) {
            Matcher m = ENUM_VALUE.matcher(token.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": cannot read enum value '" + token.strip() + "' of "
                        + name + "; write it as NAME=number");
            }
            values.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return new EnumRef(name, values);
    }

    Collection<MessageRef> messages() {
        return messages.values();
    }

    Collection<EnumRef> enums() {
        return enums.values();
    }

    MessageRef message(String fullName) {
        MessageRef m = messages.getOrDefault(fullName, mapEntries.get(fullName));
        if (m == null) {
            throw new IllegalArgumentException("no message " + fullName + " in " + RESOURCE);
        }
        return m;
    }

    EnumRef enumRef(String fullName) {
        EnumRef e = enums.get(fullName);
        if (e == null) {
            throw new IllegalArgumentException("no enum " + fullName + " in " + RESOURCE);
        }
        return e;
    }

    boolean isEnum(String fullName) {
        return enums.containsKey(fullName);
    }

    Kind kind(MessageRef scope, FieldRef field) {
        Optional<Kind> scalar = Kind.scalar(field.typeToken());
        if (scalar.isPresent()) {
            return scalar.get();
        }
        return isEnum(resolve(scope, field)) ? Kind.ENUM : Kind.MESSAGE;
    }

    /**
     * The full name of a field's message or enum type, found as protobuf does: in the message's own nested scope
     * first, then in each enclosing scope up to the package and the root. Scalars resolve to themselves.
     */
    String resolve(MessageRef scope, FieldRef field) {
        String token = field.typeToken();
        if (Kind.scalar(token).isPresent()) {
            return token;
        }
        String prefix = scope.fullName();
        while (true) {
            String candidate = prefix.isEmpty() ? token : prefix + "." + token;
            if (messages.containsKey(candidate) || enums.containsKey(candidate) || mapEntries.containsKey(candidate)) {
                return candidate;
            }
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException(RESOURCE + ": type '" + token + "' of " + scope.fullName() + "."
                        + field.name() + " is neither a scalar nor a listed message or enum; add its row");
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
    }
}
