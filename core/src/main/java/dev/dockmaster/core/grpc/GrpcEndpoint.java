package dev.dockmaster.core.grpc;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The one gRPC port of the server, hosting every active module's services behind the ordered interceptors. */
public final class GrpcEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcEndpoint.class);

    private final Server server;

    private GrpcEndpoint(Server server) {
        this.server = server;
    }

    /** Binds {@code port} on every address (0 picks a free port) and serves plaintext (tests). */
    public static GrpcEndpoint start(int port, ModuleRegistry modules) {
        return start(port, modules, true);
    }

    /**
     * Binds {@code port} on every address (0 picks a free port) and starts serving: with the credentials a module
     * supplies (TLS), else plaintext when {@code allowInsecure}, else not at all (fault 2007), since DAOS's default is
     * TLS and a server that silently fell back to plaintext would expose every method to anyone.
     */
    public static GrpcEndpoint start(int port, ModuleRegistry modules, boolean allowInsecure) {
        ServerCredentials credentials = credentials(modules, allowInsecure);
        ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, credentials);
        for (ActiveModule module : modules.active()) {
            ContextClassLoaderInterceptor tccl = new ContextClassLoaderInterceptor(module.loader());
            for (ServerServiceDefinition service : module.services()) {
                builder.addService(ServerInterceptors.intercept(service, tccl));
            }
        }
        // ServerBuilder runs interceptors in the reverse order of registration: add the highest order first so the
        // lowest order sees each call first.
        List<OrderedInterceptor> ordered = modules.orderedInterceptors();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            builder.intercept(ordered.get(i).interceptor());
        }
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw ServerFaults.controlPortUnavailable(port, e.getCause() != null ? e.getCause() : e);
        }
        return new GrpcEndpoint(server);
    }

    private static ServerCredentials credentials(ModuleRegistry modules, boolean allowInsecure) {
        Optional<ModuleRegistry.ModuleCredentials> supplied = modules.serverCredentials();
        if (allowInsecure) {
            supplied.ifPresent(c -> LOG.warn("transport_config.allow_insecure is set: serving plaintext gRPC and"
                    + " ignoring the credentials of module {}", c.module()));
            LOG.warn("serving plaintext gRPC (transport_config.allow_insecure): no certificates, no authorization");
            return InsecureServerCredentials.create();
        }
        ModuleRegistry.ModuleCredentials tls = supplied.orElseThrow(ServerFaults::noTransportSecurity);
        LOG.info("gRPC transport secured by module {}", tls.module());
        return tls.credentials();
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops taking calls, lets running calls finish for a few seconds, then cancels what is left. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("gRPC calls still running after 5 s; cancelling them");
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
