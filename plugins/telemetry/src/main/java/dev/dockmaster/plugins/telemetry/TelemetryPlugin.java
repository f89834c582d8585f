package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;

import java.util.List;

/**
 * The {@code telemetry} plugin: the control plane's own metrics as Prometheus text on {@code telemetry_port}.
 * Micrometer and the Prometheus client live in this plugin's {@code lib/} only; nothing of them is shared with the
 * core or other plugins.
 */
public final class TelemetryPlugin implements DockmasterPlugin {

    @Override
    public List<GrpcModuleFactory> grpcModules() {
        return List.of(new TelemetryModuleFactory());
    }
}
