package dev.dockmaster.testing.storage;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ConfigView} over nested maps and lists (the shape of {@code Config.root().unwrapped()}), for tests.
 * Getters throw a config {@link Fault} naming the missing or mistyped key, as the core's view does.
 */
public final class MapConfigView implements ConfigView {

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");

    private final Map<String, ?> root;
    private final String origin;

    public MapConfigView(Map<String, ?> root) {
        this(root, "test map");
    }

    public MapConfigView(Map<String, ?> root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    private Object find(String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    private Object require(String path) {
        Object value = find(path);
        if (value == null) {
            throw new Fault("config", 701, "missing configuration key '" + path + "' (" + origin + ")",
                    "add '" + path + "' to the configuration");
        }
        return value;
    }

    private Fault wrongType(String path, String expected, Object value) {
        return new Fault("config", 701, "configuration key '" + path + "' (" + origin + ") has type "
                + value.getClass().getSimpleName() + " rather than " + expected, "fix '" + path + "'");
    }

    @Override
    public boolean hasPath(String path) {
        return find(path) != null;
    }

    @Override
    public String getString(String path) {
        Object value = require(path);
        if (value instanceof Map || value instanceof List) {
            throw wrongType(path, "string", value);
        }
        return value.toString();
    }

    @Override
    public int getInt(String path) {
        long value = getLong(path);
        if (value != (int) value) {
            throw wrongType(path, "32-bit integer", value);
        }
        return (int) value;
    }

    @Override
    public long getLong(String path) {
        Object value = require(path);
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw wrongType(path, "number", value);
        }
    }

    @Override
    public boolean getBoolean(String path) {
        Object value = require(path);
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw wrongType(path, "boolean", value);
    }

    @Override
    public long getBytes(String path) {
        Object value = require(path);
        if (value instanceof Number number) {
            return number.longValue();
        }
        Matcher matcher = BYTES.matcher(value.toString().trim());
        if (!matcher.matches()) {
            throw wrongType(path, "byte size", value);
        }
        long number = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> number;
            case "kb" -> number * 1_000L;
            case "mb" -> number * 1_000_000L;
            case "gb" -> number * 1_000_000_000L;
            case "tb" -> number * 1_000_000_000_000L;
            case "k", "kib" -> number << 10;
            case "m", "mib" -> number << 20;
            case "g", "gib" -> number << 30;
            case "t", "tib" -> number << 40;
            default -> throw wrongType(path, "byte size", value);
        };
    }

    @Override
    public List<String> getStringList(String path) {
        Object value = require(path);
        if (!(value instanceof List<?> list)) {
            throw wrongType(path, "list", value);
        }
        return list.stream().map(Object::toString).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ConfigView getView(String path) {
        Object value = require(path);
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(path, "object", value);
        }
        return new MapConfigView((Map<String, ?>) map, origin);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ConfigView> getViewList(String path) {
        Object value = require(path);
        if (!(value instanceof List<?> list)) {
            throw wrongType(path, "list", value);
        }
        List<ConfigView> views = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                throw wrongType(path, "list of objects", element);
            }
            views.add(new MapConfigView((Map<String, ?>) map, origin));
        }
        return views;
    }

    @Override
    public String origin() {
        return origin;
    }
}
