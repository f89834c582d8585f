package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.testing.storage.MapConfigView;

import com.typesafe.config.ConfigFactory;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.storage.ProviderContext;

import java.util.List;
import java.util.Map;

/** The plugin's reference.conf as mutable nested maps, and a way to edit one value of it. */
final class TestingConfig {

    static final String PLUGIN_ID = "storage-mock";

    private TestingConfig() {
    }

    record Context(String pluginId, ConfigView config) implements ProviderContext {
    }

    /** A fresh, mutable copy of the plugin.storage-mock block of reference.conf. */
    static Map<String, Object> reference() {
        return ConfigFactory.parseResources(TestingConfig.class.getClassLoader(), "reference.conf")
                .getConfig("plugin." + PLUGIN_ID).root().unwrapped();
    }

    static ProviderContext context(Map<String, ?> config) {
        return new Context(PLUGIN_ID, new MapConfigView(config, "reference.conf @ test"));
    }

    /**
     * Sets (or, with a null value, removes) the value at a dotted path whose numeric parts index lists, such as
     * {@code nvme.controllers.1.socket}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> edit(Map<String, Object> config, String path, Object value) {
        String[] parts = path.split("\\.");
        Object node = config;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(parts[i]))
                    : ((Map<String, Object>) node).get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node instanceof List<?> list) {
            ((List<Object>) list).set(Integer.parseInt(last), value);
        } else if (value == null) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
        return config;
    }
}
