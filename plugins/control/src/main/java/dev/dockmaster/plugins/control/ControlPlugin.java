package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;

import java.util.List;

/** The {@code control} plugin: contributes the per-host control service ({@code ctl.CtlSvc}). */
public final class ControlPlugin implements DockmasterPlugin {

    @Override
    public List<GrpcModuleFactory> grpcModules() {
        return List.of(new ControlModuleFactory());
    }
}
