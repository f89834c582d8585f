package dev.dockmaster.core.plugin;

import dev.dockmaster.spi.DockmasterPlugin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One plugin as the server found it.
 *
 * @param id the plugin id ({@code plugin.id} of its descriptor; the file name when the descriptor is unreadable)
 * @param version the plugin's version
 * @param description its description
 * @param location the jar, zip or directory it came from
 * @param builtin found on the server's own class/module path rather than in the plugins directory
 * @param status what became of it
 * @param error why it failed; empty unless {@link PluginStatus#FAILED}
 * @param classLoader the loader of its classes (the core's for built-in plugins); null when it failed to load
 * @param plugin its entry point; null unless {@link PluginStatus#STARTED}
 */
public record LoadedPlugin(String id, String version, String description, Path location, boolean builtin,
                           PluginStatus status, String error, ClassLoader classLoader, DockmasterPlugin plugin) {
    public LoadedPlugin {
        Objects.requireNonNull(id, "id");
        version = Objects.requireNonNullElse(version, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(status, "status");
        error = Objects.requireNonNullElse(error, "");
    }

    public Optional<DockmasterPlugin> started() {
        return status == PluginStatus.STARTED ? Optional.of(plugin) : Optional.empty();
    }

    LoadedPlugin failed(String why) {
        return new LoadedPlugin(id, version, description, location, builtin, PluginStatus.FAILED, why, classLoader,
                null);
    }
}
