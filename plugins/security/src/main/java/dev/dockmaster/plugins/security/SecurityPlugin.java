package dev.dockmaster.plugins.security;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;

import java.util.List;

/** The {@code security} plugin: one gRPC module that secures the port and checks every call. */
public final class SecurityPlugin implements DockmasterPlugin {
    @Override
    public List<GrpcModuleFactory> grpcModules() {
        return List.of(new SecurityModuleFactory());
    }
}
