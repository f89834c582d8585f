package dev.dockmaster.core.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * One block (mapping) of the configuration being validated, with typed getters that record a problem instead of
 * throwing when a value has the wrong type, so that validation goes on and reports everything.
 *
 * <p>Values come from the block itself; a missing or {@code null} value falls back to the same key of
 * {@code defaults} (core's reference.conf), so an empty {@code key:} in YAML means "the default", as in DAOS.
 */
final class Block {
    private final String path;
    private final ConfigObject values;
    private final ConfigObject defaults;
    private final ConfigOrigin origin;
    private final Problems problems;

    Block(String path, ConfigObject values, ConfigObject defaults, ConfigOrigin origin, Problems problems) {
        this.path = path;
        this.values = values;
        this.defaults = defaults == null ? ConfigValueFactory.fromMap(java.util.Map.of()) : defaults;
        this.origin = origin;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    ConfigOrigin origin() {
        return origin;
    }

    Problems problems() {
        return problems;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where the key's value was written, or the block's origin when the key is not set. */
    ConfigOrigin originOf(String key) {
        ConfigValue value = values.get(key);
        return value != null ? value.origin() : origin;
    }

    String where(String key) {
        return Origins.describe(originOf(key));
    }

    /** Whether the block itself (not the defaults) gives the key a non-null value. */
    boolean isSet(String key) {
        ConfigValue value = values.get(key);
        return value != null && value.valueType() != ConfigValueType.NULL;
    }

    private ConfigValue value(String key) {
        ConfigValue value = values.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            value = defaults.get(key);
        }
        return value == null || value.valueType() == ConfigValueType.NULL ? null : value;
    }

    void problem(String key, int code, String message, String resolution) {
        problems.add(keyPath(key), originOf(key), code, message, resolution);
    }

    /** A problem about {@code key} reported at another place, e.g. a missing key at the line that needs it. */
    void problemAt(String key, ConfigOrigin where, int code, String message, String resolution) {
        problems.add(keyPath(key), where, code, message, resolution);
    }

    /** Reports every key of the block that is not in {@code valid}, with the nearest valid key as a suggestion. */
    void checkKeys(Collection<String> valid) {
        for (String key : values.keySet()) {
            if (!valid.contains(key)) {
                problem(key, ConfigFaultCodes.BAD_CONFIG,
                        "unknown key \"" + key + "\"" + DidYouMean.hint(key, valid) + "; valid keys"
                                + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", new TreeSet<>(valid)),
                        "remove or rename the key; see the commented example daos_server.yml for every key");
            }
        }
    }

    String string(String key, String fallback) {
        ConfigValue value = value(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.valueType()) {
            case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
            default -> {
                wrongType(key, value, "a single text value");
                yield fallback;
            }
        };
    }

    boolean bool(String key, boolean fallback) {
        ConfigValue value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) value.unwrapped();
        }
        if (value.valueType() == ConfigValueType.STRING) {
            switch (((String) value.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> {
                    // fall through to the problem below
                }
            }
        }
        wrongType(key, value, "true or false");
        return fallback;
    }

    int integer(String key, int fallback) {
        Long number = wholeNumber(key);
        if (number == null) {
            return fallback;
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            problem(key, ConfigFaultCodes.BAD_CONFIG, "value " + number + " is out of range",
                    "use a value between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            return fallback;
        }
        return (int) (long) number;
    }

    OptionalInt optionalInt(String key) {
        if (value(key) == null) {
            return OptionalInt.empty();
        }
        Long number = wholeNumber(key);
        if (number == null) {
            return OptionalInt.empty();
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            problem(key, ConfigFaultCodes.BAD_CONFIG, "value " + number + " is out of range",
                    "use a value between 0 and " + Integer.MAX_VALUE);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (long) number);
    }

    /** The value as a whole number (decimal, or hexadecimal with 0x), null when unset or not a number. */
    Long wholeNumber(String key) {
        ConfigValue value = value(key);
        if (value == null) {
            return null;
        }
        Object raw = value.unwrapped();
        if (value.valueType() == ConfigValueType.NUMBER) {
            Number n = (Number) raw;
            if ((n instanceof Double || n instanceof Float) && n.doubleValue() != Math.rint(n.doubleValue())) {
                wrongType(key, value, "a whole number");
                return null;
            }
            return n.longValue();
        }
        if (value.valueType() == ConfigValueType.STRING) {
            String text = ((String) raw).trim();
            try {
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    return Long.parseLong(text.substring(2), 16);
                }
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        wrongType(key, value, "a whole number");
        return null;
    }

    List<String> strings(String key) {
        ConfigValue value = value(key);
        if (value == null) {
            return List.of();
        }
        if (value.valueType() != ConfigValueType.LIST) {
            wrongType(key, value, "a list of text values, e.g. [a, b]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int index = 0;
        for (ConfigValue item : (ConfigList) value) {
            String itemKey = key + "[" + index++ + "]";
            switch (item.valueType()) {
                case STRING, NUMBER, BOOLEAN -> out.add(String.valueOf(item.unwrapped()));
                default -> problems.add(keyPath(itemKey), item.origin(), ConfigFaultCodes.BAD_CONFIG,
                        "must be a single text value, found " + describe(item), "write a plain value in the list");
            }
        }
        return out;
    }

    /** The nested block, empty when not set; a problem when the key holds something else than a mapping. */
    Block block(String key) {
        ConfigValue value = value(key);
        ConfigValue fallback = defaults.get(key);
        ConfigObject childDefaults = fallback instanceof ConfigObject o ? o : null;
        if (value == null) {
            return new Block(keyPath(key), ConfigValueFactory.fromMap(java.util.Map.of()), childDefaults, origin,
                    problems);
        }
        if (!(value instanceof ConfigObject object)) {
            wrongType(key, value, "a block of 'key: value' entries");
            return new Block(keyPath(key), ConfigValueFactory.fromMap(java.util.Map.of()), childDefaults, origin,
                    problems);
        }
        return new Block(keyPath(key), object, childDefaults, object.origin(), problems);
    }

    /** The list of blocks under the key (engines, storage tiers), empty when not set. */
    List<Block> blocks(String key) {
        ConfigValue value = value(key);
        if (value == null) {
            return List.of();
        }
        if (value.valueType() != ConfigValueType.LIST) {
            wrongType(key, value, "a list of blocks (YAML '- key: value' entries)");
            return List.of();
        }
        List<Block> out = new ArrayList<>();
        int index = 0;
        for (ConfigValue item : (ConfigList) value) {
            String itemPath = keyPath(key) + "[" + index++ + "]";
            if (item instanceof ConfigObject object) {
                out.add(new Block(itemPath, object, null, object.origin(), problems));
            } else {
                problems.add(itemPath, item.origin(), ConfigFaultCodes.BAD_CONFIG,
                        "must be a block of 'key: value' entries, found " + describe(item),
                        "write each entry as a YAML mapping under '-'");
            }
        }
        return out;
    }

    /** The block's own keys (without defaults), for free-form blocks such as {@code modules}. */
    java.util.Set<String> keys() {
        return values.keySet();
    }

    private void wrongType(String key, ConfigValue value, String expected) {
        problem(key, ConfigFaultCodes.BAD_CONFIG, "must be " + expected + ", found " + describe(value),
                "write " + expected);
    }

    static String describe(ConfigValue value) {
        return switch (value.valueType()) {
            case OBJECT -> "a block";
            case LIST -> "a list";
            case NULL -> "nothing";
            case STRING -> "\"" + value.unwrapped() + "\"";
            default -> String.valueOf(value.unwrapped());
        };
    }
}
