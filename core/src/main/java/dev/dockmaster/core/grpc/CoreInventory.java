package dev.dockmaster.core.grpc;

import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.spi.grpc.ServerInventory;

import java.util.List;
import java.util.function.Supplier;

/** The core's {@link ServerInventory}: the plugin registry and the module statuses, read at each call. */
public final class CoreInventory implements ServerInventory {
    private final PluginRegistry plugins;
    private final Supplier<List<ModuleStatus>> modules;

    public CoreInventory(PluginRegistry plugins, Supplier<List<ModuleStatus>> modules) {
        this.plugins = plugins;
        this.modules = modules;
    }

    @Override
    public List<PluginState> plugins() {
        return plugins.all().stream()
                .map(p -> new PluginState(p.id(), p.version(), p.status().name(), p.builtin()))
                .toList();
    }

    @Override
    public List<ModuleState> modules() {
        return modules.get().stream()
                .map(m -> new ModuleState(m.name(), m.pluginId(), m.enabled()))
                .toList();
    }
}
