package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one block of the mock's configuration and turns every bad value into a config {@link Fault} that names the
 * full key, list indexes included ({@code plugin.storage-mock.nvme.controllers[1].socket}), so an operator can find
 * the line to fix.
 */
final class ConfigReader {

    /** DAOS's "bad server configuration" code. */
    static final int BAD_CONFIG = 701;

    private final ConfigView view;
    private final String path;

    ConfigReader(ConfigView view, String path) {
        this.view = view;
        this.path = path;
    }

    String key(String key) {
        return path + "." + key;
    }

    boolean has(String key) {
        return view.hasPath(key);
    }

    /** A non-blank string. */
    String string(String key) {
        String value = read(key, () -> view.getString(key));
        if (value.isBlank()) {
            throw bad(key, "must not be empty");
        }
        return value;
    }

    String string(String key, String fallback) {
        return has(key) ? read(key, () -> view.getString(key)) : fallback;
    }

    int nonNegativeInt(String key) {
        int value = read(key, () -> view.getInt(key));
        if (value < 0) {
            throw bad(key, "must be 0 or more, not " + value);
        }
        return value;
    }

    long nonNegativeLong(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        long value = read(key, () -> view.getLong(key));
        if (value < 0) {
            throw bad(key, "must be 0 or more, not " + value);
        }
        return value;
    }

    /** A byte size greater than zero. */
    long positiveBytes(String key) {
        long value = read(key, () -> view.getBytes(key));
        if (value <= 0) {
            throw bad(key, "must be a size greater than 0, not " + value);
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        return has(key) ? read(key, () -> view.getBoolean(key)) : fallback;
    }

    /** A required block; its absence is a fault naming the key. */
    ConfigReader block(String key) {
        return new ConfigReader(read(key, () -> view.getView(key)), key(key));
    }

    Optional<ConfigReader> object(String key) {
        return has(key) ? Optional.of(new ConfigReader(read(key, () -> view.getView(key)), key(key)))
                : Optional.empty();
    }

    /** The objects of a list, each named with its index; an absent list is empty. */
    List<ConfigReader> objects(String key) {
        if (!has(key)) {
            return List.of();
        }
        List<ConfigView> views = read(key, () -> view.getViewList(key));
        List<ConfigReader> readers = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            readers.add(new ConfigReader(views.get(i), key(key) + "[" + i + "]"));
        }
        return readers;
    }

    Fault bad(String key, String problem) {
        return new Fault("config", BAD_CONFIG,
                "bad value for " + key(key) + ": " + problem + " (" + view.origin() + ")",
                "fix " + key(key) + " in the server configuration, or remove it to use the default from the "
                        + "storage-mock plugin's reference.conf");
    }

    private interface Read<T> {
        T get();
    }

    /** Re-words the view's own fault (missing key, wrong type) so it carries the full key path. */
    private <T> T read(String key, Read<T> read) {
        try {
            return read.get();
        } catch (Fault fault) {
            throw bad(key, fault.description());
        }
    }
}
