package dev.dockmaster.core.plugin;

import java.util.List;
import java.util.Set;

/**
 * Which plugins the admin wants: {@code plugins.enabled} (empty means every plugin found), {@code plugins.disabled}
 * (wins over enabled) and {@code plugins.mandatory} (the server refuses to start without them).
 */
public record PluginSelection(Set<String> enabled, Set<String> disabled, Set<String> mandatory) {
    public PluginSelection {
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
        mandatory = Set.copyOf(mandatory);
    }

    public static PluginSelection of(List<String> enabled, List<String> disabled, List<String> mandatory) {
        return new PluginSelection(Set.copyOf(enabled), Set.copyOf(disabled), Set.copyOf(mandatory));
    }

    public static PluginSelection all() {
        return new PluginSelection(Set.of(), Set.of(), Set.of());
    }

    public boolean isEnabled(String pluginId) {
        return !disabled.contains(pluginId) && (enabled.isEmpty() || enabled.contains(pluginId));
    }
}
