package dev.dockmaster.spi.grpc;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;

import java.util.List;
import java.util.Optional;

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

    /**
     * The credentials the server's gRPC port is opened with (TLS), when this module secures the transport. At most
     * one active module may supply them; two is a start-up fault. Modules that do not secure the port keep the
     * default, empty.
     */
    default Optional<ServerCredentials> serverCredentials() {
        return Optional.empty();
    }

    /**
     * The credentials this server presents when it calls other servers (joins, event forwarding, fan-out, raft),
     * such as mutual TLS with the server certificate. At most one module supplies them; with none, such calls are
     * plaintext, which the core allows only when the port itself is plaintext.
     */
    default Optional<ChannelCredentials> peerCredentials() {
        return Optional.empty();
    }

    /**
     * The same identity as {@link #peerCredentials()} as JSSE key and trust managers, for server-to-server transports
     * that do not use grpc-java (Ratis). A module that supplies peer credentials supplies this too.
     */
    default Optional<PeerTls> peerTls() {
        return Optional.empty();
    }

    /**
     * The metrics sink this module exports (the telemetry module's registry). At most one module supplies one; the
     * core and every module record into it through {@link ModuleContext#metrics()}.
     */
    default Optional<ControlMetrics> metrics() {
        return Optional.empty();
    }

    /**
     * The system's pool records, for the engines' pool look-ups over dRPC (GetPoolSvc, PoolFindByLabel, ListPools),
     * when this module keeps them (the management service). At most one active module supplies a directory.
     */
    default Optional<dev.dockmaster.spi.engine.PoolDirectory> poolDirectory() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
