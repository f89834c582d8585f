package dev.dockmaster.spi.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.storage.StorageProviders;
import dev.dockmaster.spi.telemetry.ControlMetrics;

/** What the core gives a gRPC module when creating it. */
public interface ModuleContext {

    /** The module's configuration block, {@code modules.<name>}, over its reference defaults. */
    ConfigView config();

    /** Facts about this server that modules commonly need. */
    ServerInfo server();

    /** The server's {@code transport_config}: whether gRPC is plaintext, and the certificates when it is not. */
    TransportInfo transport();

    /** The storage providers of every enabled plugin, in plugin load order. */
    StorageProviders storage();

    /**
     * What the server loaded, read live: plugin states can change after start and modules created after this one
     * are listed once they exist. For introspection such as telemetry; empty where the core offers no view.
     */
    default ServerInventory inventory() {
        return ServerInventory.EMPTY;
    }

    /**
     * The credentials for calls to other servers of the system, from the module that supplies them
     * ({@link GrpcModule#peerCredentials()}); plaintext when the server runs insecure. Call it once the server has
     * started (from a handler or a background task), not while modules are being created; a background task started
     * during creation waits until every module exists.
     */
    default ChannelCredentials peerCredentials() {
        return InsecureChannelCredentials.create();
    }

    /**
     * This server's TLS identity for server-to-server transports that do not use grpc-java (raft), from the module
     * that supplies it ({@link GrpcModule#peerTls()}); empty only when the server runs insecure. Same timing rule as
     * {@link #peerCredentials()}: a background task started while modules are created waits until they all exist.
     */
    default java.util.Optional<PeerTls> peerTls() {
        return java.util.Optional.empty();
    }

    /**
     * Where to record metrics. Safe to use at any time, also while modules are being created: what is recorded
     * before the exporting module exists is dropped, gauges registered early are exported once it does.
     */
    default ControlMetrics metrics() {
        return ControlMetrics.NONE;
    }

    /** The engine instances of this server; the core always supplies its own (none in contexts without engines). */
    default EngineHarness engines() {
        return EngineHarness.none();
    }
}
