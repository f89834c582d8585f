package dev.dockmaster.spi.grpc;

import java.util.List;
import java.util.Objects;

/**
 * A live, read-only view of the plugins and gRPC modules a server knows of. Each call returns the state at that
 * moment, so a caller that reports it (a metrics scrape, a health check) should call it each time rather than keep
 * the lists.
 */
public interface ServerInventory {

    /** An inventory with nothing in it, for contexts that have no server behind them. */
    ServerInventory EMPTY = new ServerInventory() {
        @Override
        public List<PluginState> plugins() {
            return List.of();
        }

        @Override
        public List<ModuleState> modules() {
            return List.of();
        }
    };

    /** Every plugin the server found, in load order, whatever became of it. */
    List<PluginState> plugins();

    /** Every module the server knows of, enabled or not. */
    List<ModuleState> modules();

    /**
     * One plugin.
     *
     * @param id the plugin id
     * @param version its version (empty when unknown)
     * @param state {@code STARTED}, {@code DISABLED} or {@code FAILED}
     * @param builtin found on the server's own class/module path rather than in the plugins directory
     */
    record PluginState(String id, String version, String state, boolean builtin) {
        public PluginState {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * One gRPC module.
     *
     * @param name the module name
     * @param pluginId the plugin that contributed it ({@code core} for the server's own)
     * @param enabled whether it runs
     */
    record ModuleState(String name, String pluginId, boolean enabled) {
        public ModuleState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pluginId, "pluginId");
        }
    }
}
