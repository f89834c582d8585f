package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.grpc.ServerInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DAOS 2.6's system properties ({@code lib/daos/system_prop.go}, {@code system/properties.go}) as the management
 * service keeps them: {@code daos_version} and {@code daos_system} are computed and read-only; the pool scrubbing
 * defaults {@code pool_scrub_mode} and {@code pool_scrub_thresh} are checked as the pool properties they stand for
 * and stored as system attributes under {@code prop.<name>}. An unset property reads as its default.
 */
final class SystemProperties {
    /** The attribute prefix of user-visible properties in the system database. */
    static final String PREFIX = "prop.";

    /** How a property's value is checked and what it reads as when never set. */
    enum Kind {
        COMPUTED, CHOICE, NUMBER
    }

    /**
     * One property.
     *
     * @param choices the names a CHOICE property takes, in DAOS's order (sorted)
     */
    record Property(String key, String description, Kind kind, String defaultValue, List<String> choices) {
    }

    private final Map<String, Property> byKey = new LinkedHashMap<>();

    SystemProperties(ServerInfo server) {
        add(new Property("daos_version", "DAOS version", Kind.COMPUTED, server.daosVersion(), List.of()));
        add(new Property("daos_system", "DAOS system name", Kind.COMPUTED, server.systemName(), List.of()));
        add(new Property("pool_scrub_mode", "Checksum scrubbing mode", Kind.CHOICE, "off",
                List.of("lazy", "off", "timed")));
        add(new Property("pool_scrub_thresh", "Checksum scrubbing threshold", Kind.NUMBER, "0", List.of()));
    }

    private void add(Property p) {
        byKey.put(p.key(), p);
    }

    /** The property a key names, in any case (DAOS compares keys case-insensitively). */
    Optional<Property> find(String key) {
        return Optional.ofNullable(byKey.get(key.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The attributes that store {@code toSet}, keyed {@code prop.<name>} with each value in its canonical form.
     *
     * @throws IllegalArgumentException with DAOS's text for an unknown key, a read-only property or a bad value
     */
    Map<String, String> attributesFor(Map<String, String> toSet) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(toSet).entrySet()) {
            Property p = find(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown property \"" + e.getKey() + "\""));
            String value;
            try {
                value = canonical(p, e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("invalid value for property \"" + e.getKey() + "\": "
                        + bad.getMessage(), bad);
            }
            out.put(PREFIX + p.key(), value);
        }
        return out;
    }

    /** A value as stored: a scrub mode by its lower-case name, a threshold as a plain number ({@code 5%} is 5). */
    static String canonical(Property p, String value) {
        return switch (p.kind()) {
            case COMPUTED -> throw new IllegalArgumentException("computed property values may not be set");
            case CHOICE -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (!p.choices().contains(lower)) {
                    throw new IllegalArgumentException("invalid value \"" + value + "\" for " + p.key()
                            + " (valid: " + String.join(",", p.choices()) + ")");
                }
                yield lower;
            }
            case NUMBER -> {
                try {
                    yield Long.toUnsignedString(Long.parseUnsignedLong(value.replace("%", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid Scrubbing Threshold value \"" + value + "\"");
                }
            }
        };
    }

    /**
     * The values of {@code keys} (every property when empty) from the stored attributes, defaults for those never
     * set, computed ones from this server.
     *
     * @throws IllegalArgumentException "unknown property" for a key that names none
     */
    Map<String, String> values(Map<String, String> attributes, List<String> keys) {
        Map<String, String> out = new TreeMap<>();
        if (keys.isEmpty()) {
            byKey.values().forEach(p -> out.put(p.key(), valueOf(p, attributes)));
            return out;
        }
        for (String key : keys) {
            Property p = find(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown property \"" + key + "\""));
            out.put(key, valueOf(p, attributes));
        }
        return out;
    }

    private static String valueOf(Property p, Map<String, String> attributes) {
        if (p.kind() == Kind.COMPUTED) {
            return p.defaultValue();
        }
        return attributes.getOrDefault(PREFIX + p.key(), p.defaultValue());
    }
}
