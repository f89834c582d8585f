package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A service behind an in-process server with direct executors, and a blocking stub to call it. Close after use. */
final class InProcessCtl implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;
    final CtlSvcGrpc.CtlSvcBlockingStub stub;

    InProcessCtl(BindableService service) {
        this(service.bindService(), null);
    }

    /** A service definition (with its interceptors), reached under {@code authority} when one is given. */
    InProcessCtl(ServerServiceDefinition service, String authority) {
        String name = InProcessServerBuilder.generateName();
        try {
            server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InProcessChannelBuilder builder = InProcessChannelBuilder.forName(name).directExecutor();
        if (authority != null) {
            builder.overrideAuthority(authority);
        }
        channel = builder.build();
        stub = CtlSvcGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
