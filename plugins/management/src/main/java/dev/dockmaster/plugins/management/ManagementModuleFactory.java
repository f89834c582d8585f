package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;

/** Creates the {@code management} module: mgmt.MgmtSvc backed by a raft-replicated system database. */
public final class ManagementModuleFactory implements GrpcModuleFactory {
    public static final String NAME = "management";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GrpcModule create(ModuleContext context) {
        return new ManagementModule(context.server(), RaftSettings.from(context.config()), context.engines(),
                context.metrics(), context::peerCredentials, context::peerTls);
    }
}
