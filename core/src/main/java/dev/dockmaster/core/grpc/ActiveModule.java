package dev.dockmaster.core.grpc;

import dev.dockmaster.spi.grpc.GrpcModule;
import io.grpc.ServerServiceDefinition;

import java.util.List;

/**
 * A gRPC module the server created.
 *
 * @param name the module name ({@code modules.<name>})
 * @param pluginId the plugin that contributed it ({@code core} for the server's own)
 * @param module the module
 * @param loader the class loader calls into it run with
 * @param services its services, as the module returned them
 */
public record ActiveModule(String name, String pluginId, GrpcModule module, ClassLoader loader,
                           List<ServerServiceDefinition> services) {
    public ActiveModule {
        services = List.copyOf(services);
    }

    public List<String> serviceNames() {
        return services.stream().map(s -> s.getServiceDescriptor().getName()).toList();
    }
}
