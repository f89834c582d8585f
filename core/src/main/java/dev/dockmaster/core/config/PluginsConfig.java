package dev.dockmaster.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Dockmaster's {@code plugins} block: which pf4j plugins the server loads.
 *
 * @param dir       where plugins live; a relative path is relative to the installation directory
 * @param enabled   the only plugins to load; empty = every plugin found in {@code dir}
 * @param disabled  plugins never to load, even when {@code enabled} is empty
 * @param mandatory plugins without which the server refuses to start
 */
public record PluginsConfig(String dir, List<String> enabled, List<String> disabled, List<String> mandatory) {

    public PluginsConfig {
        Objects.requireNonNull(dir, "dir");
        enabled = List.copyOf(enabled);
        disabled = List.copyOf(disabled);
        mandatory = List.copyOf(mandatory);
    }

    /** Whether the plugin with this id is to be loaded according to {@code enabled} and {@code disabled}. */
    public boolean isEnabled(String pluginId) {
        if (disabled.contains(pluginId)) {
            return false;
        }
        return enabled.isEmpty() || enabled.contains(pluginId);
    }
}
