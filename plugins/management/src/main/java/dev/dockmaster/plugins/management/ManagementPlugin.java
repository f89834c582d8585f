package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;

import java.util.List;

/**
 * The {@code management} plugin: DAOS's management service. Apache Ratis and its shaded gRPC live in this plugin's
 * {@code lib/} only.
 */
public final class ManagementPlugin implements DockmasterPlugin {

    @Override
    public List<GrpcModuleFactory> grpcModules() {
        return List.of(new ManagementModuleFactory());
    }
}
