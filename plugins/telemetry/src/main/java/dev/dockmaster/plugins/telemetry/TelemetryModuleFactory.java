package dev.dockmaster.plugins.telemetry;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import java.util.Optional;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import io.grpc.ServerServiceDefinition;

import java.util.List;

/**
 * Creates the {@code telemetry} module. With {@code telemetry_port} at 0 (DAOS's default) the module is inert: no
 * registry, no interceptor, no port. Otherwise it opens the exporter on {@code 0.0.0.0:telemetry_port} and
 * contributes the gRPC metrics interceptor.
 */
public final class TelemetryModuleFactory implements GrpcModuleFactory {
    public static final String NAME = "telemetry";

    /**
     * First in the chain, so that calls another module's interceptor refuses (authentication, authorization) are
     * counted with the status they were refused with.
     */
    public static final int INTERCEPTOR_ORDER = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GrpcModule create(ModuleContext context) {
        int port = context.server().telemetryPort();
        if (port == 0) {
            return List::of;
        }
        Telemetry telemetry = Telemetry.create(context.server(), context.inventory(), context.engines());
        ControlMetrics sink = telemetry.controlMetrics();
        MetricsHttpServer http;
        try {
            http = MetricsHttpServer.start(TelemetryFaults.ANY_ADDRESS, port, telemetry::scrape);
        } catch (RuntimeException e) {
            telemetry.close();
            throw e;
        }
        return new GrpcModule() {
            @Override
            public List<ServerServiceDefinition> services() {
                return List.of();
            }

            @Override
            public List<OrderedInterceptor> interceptors() {
                return List.of(new OrderedInterceptor(INTERCEPTOR_ORDER, "telemetry-grpc-metrics",
                        telemetry.grpcInterceptor()));
            }

            @Override
            public Optional<ControlMetrics> metrics() {
                return Optional.of(sink);
            }

            @Override
            public void close() {
                http.close();
                telemetry.close();
            }
        };
    }
}
