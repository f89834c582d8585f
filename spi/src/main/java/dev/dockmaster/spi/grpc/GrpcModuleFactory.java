package dev.dockmaster.spi.grpc;

/**
 * Creates one gRPC module. The module's {@link #name()} is the key an admin uses to switch it off
 * ({@code modules.<name>.enabled = false}) and to configure it ({@code modules.<name> { ... }}).
 */
public interface GrpcModuleFactory {

    /** A short, stable, lower-case name such as {@code control} or {@code management}. */
    String name();

    /** Called once at server start, with the plugin's class loader as the thread context class loader. */
    GrpcModule create(ModuleContext context);
}
