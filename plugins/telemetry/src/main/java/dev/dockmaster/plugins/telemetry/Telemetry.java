package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.ServerInventory;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The module's metrics: one Prometheus registry holding the gRPC server meters, the plugin and module status and the
 * JVM's own meters, every name under {@value MetricNames#PREFIX}.
 */
final class Telemetry implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final GrpcServerMetrics grpc;
    private final InventoryMetrics inventory;
    private final JvmGcMetrics gc;
    private final EngineMetrics engines;

    private Telemetry(PrometheusMeterRegistry registry, GrpcServerMetrics grpc, InventoryMetrics inventory,
                      JvmGcMetrics gc, EngineMetrics engines) {
        this.registry = registry;
        this.engines = engines;
        this.grpc = grpc;
        this.inventory = inventory;
        this.gc = gc;
    }

    static Telemetry create(ServerInfo server, ServerInventory inventory, EngineHarness engines) {
        PrometheusMeterRegistry registry = newRegistry();
        Gauge.builder(MetricNames.SERVER_INFO, () -> 1)
                .description("Constant 1; the labels say which server this is")
                .tag("system", server.systemName())
                .tag("hostname", server.hostname())
                .tag("daos_version", server.daosVersion())
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new Telemetry(registry, new GrpcServerMetrics(registry), new InventoryMetrics(registry, inventory),
                gc, new EngineMetrics(registry, engines));
    }

    /**
     * A Prometheus registry that puts {@value MetricNames#PREFIX} before every name that does not have it, except the
     * engines' own metrics, which keep DAOS's {@code engine_} names.
     */
    static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(prefixAll());
        return registry;
    }

    static MeterFilter prefixAll() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                return name.startsWith(MetricNames.PREFIX) || name.startsWith(MetricNames.ENGINE_OWN) ? id
                        : id.withName(MetricNames.PREFIX + name);
            }
        };
    }

    ServerInterceptor grpcInterceptor() {
        return grpc;
    }

    /** The sink the core and other modules record into. */
    ControlMetrics controlMetrics() {
        return new MicrometerControlMetrics(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4), with the plugin and module status read now. */
    String scrape() {
        inventory.refresh();
        engines.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
