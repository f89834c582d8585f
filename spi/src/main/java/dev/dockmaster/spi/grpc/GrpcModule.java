package dev.dockmaster.spi.grpc;

import io.grpc.ServerServiceDefinition;

import java.util.List;

/**
 * A set of gRPC services and interceptors hosted by the server's single gRPC port. The core binds the services,
 * sorts every module's interceptors by {@link OrderedInterceptor#order()} (two interceptors may not share an order),
 * and closes the module at shutdown.
 */
public interface GrpcModule extends AutoCloseable {

    List<ServerServiceDefinition> services();

    /** Interceptors applied to every service of every module, such as authentication. */
    default List<OrderedInterceptor> interceptors() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
