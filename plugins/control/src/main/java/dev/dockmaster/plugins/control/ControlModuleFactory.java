package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import io.grpc.ServerServiceDefinition;

import java.nio.file.Path;
import java.util.List;

/**
 * Creates the {@code control} module. Its only setting, {@code modules.control.host_root} (default {@code /}), roots
 * the {@code /proc} and {@code /sys} reads somewhere else, so a demo or an integration test can present a fixed
 * host (a fixture tree) instead of the machine it runs on.
 */
public final class ControlModuleFactory implements GrpcModuleFactory {

    public static final String NAME = "control";
    static final String HOST_ROOT_KEY = "host_root";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GrpcModule create(ModuleContext context) {
        Path root = Path.of(context.config().findString(HOST_ROOT_KEY).orElse("/"));
        ControlService service = new ControlService(context.storage(), context.engines(), context.server(),
                new LocalHostFacts(root));
        // The module is just the service (no interceptors of its own); closing it releases the files it keeps open.
        return new GrpcModule() {
            @Override
            public List<ServerServiceDefinition> services() {
                return List.of(service.definition());
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }
}
