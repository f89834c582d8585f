package dev.dockmaster.dmg;

import dev.dockmaster.spi.Fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DAOS's {@code ui.SetPropertiesFlag} / {@code GetPropertiesFlag} for the system attribute and property commands:
 * {@code key:val[,key:val...]} and {@code key[,key...]}. A comma or colon inside single or double quotes, or after a
 * backslash, does not separate; the first colon of a pair separates key from value.
 */
final class PropertyFlags {
    /** DAOS_ATTR_NAME_MAX. */
    static final int MAX_KEY_LENGTH = 511;

    private PropertyFlags() {
    }

    static Map<String, String> parseSet(String flag) {
        if (flag == null || flag.isEmpty()) {
            throw error("empty property");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : split(flag, ',', Integer.MAX_VALUE)) {
            List<String> keyVal = split(pair, ':', 1);
            if (keyVal.size() != 2) {
                throw error("invalid property \"" + pair + "\" (must be key:val)");
            }
            String key = checkKey(keyVal.get(0).strip());
            String value = keyVal.get(1).strip();
            if (value.isEmpty()) {
                throw error("value must not be empty");
            }
            if (parsed.putIfAbsent(key, value) != null) {
                throw error("\"" + key + "\": same key was specified more than once");
            }
        }
        return parsed;
    }

    static List<String> parseGet(String flag) {
        if (flag == null || flag.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String key : split(flag, ',', Integer.MAX_VALUE)) {
            String k = checkKey(key.strip());
            if (keys.contains(k)) {
                throw error("\"" + k + "\": same key was specified more than once");
            }
            keys.add(k);
        }
        return keys;
    }

    private static String checkKey(String key) {
        if (key.isEmpty()) {
            throw error("key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw error("\"" + key + "\": key too long (" + key.length() + " > " + MAX_KEY_LENGTH + ")");
        }
        return key;
    }

    /** Splits at most {@code max} times on {@code sep} outside quotes and escapes; empty fields are dropped. */
    static List<String> split(String text, char sep, int max) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inDouble = false;
        boolean inSingle = false;
        boolean escaped = false;
        int splits = 0;
        for (char c : text.toCharArray()) {
            if (!inSingle && c == '"') {
                inDouble = !inDouble;
            }
            if (!inDouble && c == '\'') {
                inSingle = !inSingle;
            }
            if (c == '\\') {
                escaped = true;
                current.append(c);
                continue;
            }
            if (c == sep && !inDouble && !inSingle && !escaped && splits < max) {
                splits++;
                if (!current.isEmpty()) {
                    fields.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
            escaped = false;
        }
        if (!current.isEmpty()) {
            fields.add(current.toString());
        }
        return fields;
    }

    private static Fault error(String message) {
        return new Fault("client", 500, message, "write properties as key:val[,key:val...]");
    }
}
