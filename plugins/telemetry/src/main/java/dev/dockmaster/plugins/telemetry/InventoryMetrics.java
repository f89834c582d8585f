package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.grpc.ServerInventory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.List;

/**
 * Plugin and module status as gauges, re-read from the server's inventory before every scrape: a plugin can turn
 * FAILED after start (its module failed), and a series for a state it left must disappear rather than linger.
 */
final class InventoryMetrics {
    private final ServerInventory inventory;
    private final MultiGauge plugins;
    private final MultiGauge modules;

    InventoryMetrics(MeterRegistry registry, ServerInventory inventory) {
        this.inventory = inventory;
        this.plugins = MultiGauge.builder(MetricNames.PLUGIN_STATUS)
                .description("1 for each plugin the server found; the state label says what became of it"
                        + " (STARTED, DISABLED, FAILED)")
                .register(registry);
        this.modules = MultiGauge.builder(MetricNames.MODULE_ENABLED)
                .description("1 when the gRPC module runs, 0 when it is disabled or failed to start")
                .register(registry);
        refresh();
    }

    void refresh() {
        List<MultiGauge.Row<?>> pluginRows = inventory.plugins().stream()
                .<MultiGauge.Row<?>>map(p -> MultiGauge.Row.of(Tags.of("plugin", p.id(), "version", p.version(),
                        "state", p.state(), "builtin", Boolean.toString(p.builtin())), 1))
                .toList();
        plugins.register(pluginRows, true);
        List<MultiGauge.Row<?>> moduleRows = inventory.modules().stream()
                .<MultiGauge.Row<?>>map(m -> MultiGauge.Row.of(Tags.of("module", m.name(), "plugin", m.pluginId()),
                        m.enabled() ? 1 : 0))
                .toList();
        modules.register(moduleRows, true);
    }
}
