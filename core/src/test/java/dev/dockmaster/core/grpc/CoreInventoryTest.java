package dev.dockmaster.core.grpc;

import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.spi.grpc.ServerInventory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The live view of plugins and modules that every module context hands out. */
class CoreInventoryTest {

    @Test
    void mirrorsTheRegistryAndTheModuleStatusesAtEachCall() {
        List<ModuleStatus> statuses = new CopyOnWriteArrayList<>();
        try (PluginRegistry plugins = PluginRegistry.load(Optional.empty(), "0.1.0", PluginSelection.all())) {
            CoreInventory inventory = new CoreInventory(plugins, () -> statuses);

            assertThat(inventory.modules()).isEmpty();
            statuses.add(new ModuleStatus("server", "core", true, List.of("dockmaster.v1.ServerSvc")));
            statuses.add(new ModuleStatus("telemetry", "telemetry", false, List.of()));

            assertThat(inventory.modules()).containsExactly(
                    new ServerInventory.ModuleState("server", "core", true),
                    new ServerInventory.ModuleState("telemetry", "telemetry", false));
            assertThat(inventory.plugins()).hasSameSizeAs(plugins.all());
            for (int i = 0; i < plugins.all().size(); i++) {
                var loaded = plugins.all().get(i);
                assertThat(inventory.plugins().get(i)).isEqualTo(new ServerInventory.PluginState(loaded.id(),
                        loaded.version(), loaded.status().name(), loaded.builtin()));
            }
        }
    }
}
