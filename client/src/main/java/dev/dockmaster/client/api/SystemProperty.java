package dev.dockmaster.client.api;

import dev.dockmaster.spi.Fault;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DAOS 2.6's system properties ({@code lib/daos/system_prop.go}): two computed by the server and read-only, and the
 * pool scrubbing defaults, validated as the pool properties they stand for.
 */
public enum SystemProperty {
    DAOS_VERSION("daos_version", "DAOS version", null),
    DAOS_SYSTEM("daos_system", "DAOS system name", null),
    POOL_SCRUB_MODE("pool_scrub_mode", "Checksum scrubbing mode", List.of("lazy", "off", "timed")),
    POOL_SCRUB_THRESH("pool_scrub_thresh", "Checksum scrubbing threshold", List.of());

    private final String key;
    private final String description;
    /** null: computed by the server; empty: a number; otherwise the allowed names. */
    private final List<String> choices;

    SystemProperty(String key, String description, List<String> choices) {
        this.key = key;
        this.description = description;
        this.choices = choices;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public boolean computed() {
        return choices == null;
    }

    /** The property a key names (any case), as DAOS's {@code FromString}. */
    public static Optional<SystemProperty> find(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(key == null ? "" : key.strip()))
                .findFirst();
    }

    /**
     * @throws Fault 500 (client) "invalid system property key: x"
     */
    public static SystemProperty parse(String key) {
        return find(key).orElseThrow(() -> new Fault("client", 500, "invalid system property key: " + key,
                "use one of " + String.join(", ", Arrays.stream(values()).map(SystemProperty::key).toList())));
    }

    /**
     * A value as the server stores it and dmg shows it: a scrub mode in lower case, a threshold as a number
     * ({@code 5%} reads as 5).
     *
     * @throws Fault 500 (client) for a computed property or a value it does not take
     */
    public String normalize(String value) {
        if (computed()) {
            throw invalid(value, "computed property values may not be set");
        }
        if (choices.isEmpty()) {
            try {
                return Long.toUnsignedString(Long.parseUnsignedLong(value.replace("%", "").strip()));
            } catch (NumberFormatException e) {
                throw invalid(value, "invalid Scrubbing Threshold value \"" + value + "\"");
            }
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw invalid(value, "invalid value \"" + value + "\" for " + key + " (valid: "
                    + String.join(",", choices) + ")");
        }
        return lower;
    }

    private Fault invalid(String value, String why) {
        return new Fault("client", 500, "invalid system property value for " + key + ": " + why,
                computed() ? key + " is read-only" : "give a valid value for " + key);
    }

    /** A property and its value as the server reported it. */
    public record Value(SystemProperty property, String value) {
    }
}
