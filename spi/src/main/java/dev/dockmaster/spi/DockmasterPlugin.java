package dev.dockmaster.spi;

import dev.dockmaster.spi.drpc.DrpcTransportFactory;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.ScmProviderFactory;

import java.util.List;

/**
 * The entry point of a plugin, found with {@link java.util.ServiceLoader} inside the plugin's class loader (or on the
 * server's own class/module path for built-in plugins).
 *
 * <p>A plugin only hands out factories. The core decides, from the server configuration, which of them to use, creates
 * the objects, calls into them with the plugin's class loader as the thread context class loader, and closes them at
 * shutdown: a plugin never owns a lifecycle. Every method defaults to "nothing", so a plugin implements only the
 * capabilities it has.
 */
public interface DockmasterPlugin {

    /** gRPC modules (sets of services and interceptors) this plugin contributes. */
    default List<GrpcModuleFactory> grpcModules() {
        return List.of();
    }

    /** Storage-class-memory providers (DAOS SCM tier: {@code dcpm}, {@code ram}). */
    default List<ScmProviderFactory> scmProviders() {
        return List.of();
    }

    /** Block-device providers (DAOS bdev tiers: {@code nvme}, {@code file}, {@code kdev}). */
    default List<BdevProviderFactory> bdevProviders() {
        return List.of();
    }

    /** Transports for dRPC, the local control channel between the server and its engines. */
    default List<DrpcTransportFactory> drpcTransports() {
        return List.of();
    }
}
