package dev.dockmaster.core.config;

import com.typesafe.config.ConfigOrigin;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a configuration is read and validated, so that all of them are reported at once. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String key, String origin, int code, String message, String resolution) {
        list.add(new ConfigProblem(key, origin, code, message, resolution));
    }

    void add(String key, ConfigOrigin origin, int code, String message, String resolution) {
        add(key, Origins.describe(origin), code, message, resolution);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    void throwIfAny() throws InvalidConfigException {
        if (!list.isEmpty()) {
            throw new InvalidConfigException(list);
        }
    }
}
