package dev.dockmaster.bench;

import dev.dockmaster.plugins.telemetry.TelemetryModuleFactory;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.ServerInventory;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest unary call (a 16-byte echo), served four ways in one JVM: over loopback TCP and in-process, each with
 * and without the telemetry module's gRPC metrics interceptor. The interceptor is the real one, taken from a real
 * telemetry module (which also serves /metrics on a free port while the benchmark runs).
 */
final class MeteredEchoStack implements AutoCloseable {
    static final byte[] REQUEST = new byte[16];

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Echo"))
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    private final GrpcModule telemetry;
    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    final ManagedChannel tcpBare;
    final ManagedChannel tcpMetered;
    final ManagedChannel inProcessBare;
    final ManagedChannel inProcessMetered;

    MeteredEchoStack() throws IOException {
        int telemetryPort = freePort();
        telemetry = new TelemetryModuleFactory().create(new Context(
                new ServerInfo("daos_server", "2.6.5", "bench", 0, List.of(), 0, telemetryPort)));
        List<OrderedInterceptor> interceptors = telemetry.interceptors();
        if (interceptors.size() != 1) {
            throw new IllegalStateException("expected the telemetry module's one interceptor, got " + interceptors);
        }
        ServerInterceptor metrics = interceptors.get(0).interceptor();
        tcpBare = tcp(echo());
        tcpMetered = tcp(ServerInterceptors.intercept(echo(), metrics));
        inProcessBare = inProcess(echo());
        inProcessMetered = inProcess(ServerInterceptors.intercept(echo(), metrics));
    }

    static ServerServiceDefinition echo() {
        return ServerServiceDefinition.builder("bench.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .build();
    }

    static byte[] call(ManagedChannel channel) {
        return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, REQUEST);
    }

    private ManagedChannel tcp(ServerServiceDefinition service) throws IOException {
        Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(service)
                .build().start();
        servers.add(server);
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
                InsecureChannelCredentials.create()).build();
        channels.add(channel);
        return channel;
    }

    private ManagedChannel inProcess(ServerServiceDefinition service) throws IOException {
        String name = InProcessServerBuilder.generateName();
        servers.add(InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start());
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return channel;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        telemetry.close();
    }

    private record Context(ServerInfo server) implements ModuleContext {
        @Override
        public ConfigView config() {
            throw new UnsupportedOperationException("the telemetry module reads no settings");
        }

        @Override
        public StorageProviders storage() {
            throw new UnsupportedOperationException("the telemetry module needs no storage");
        }

        @Override
        public dev.dockmaster.spi.grpc.TransportInfo transport() {
            throw new UnsupportedOperationException("the telemetry module needs no transport settings");
        }

        @Override
        public ServerInventory inventory() {
            return ServerInventory.EMPTY;
        }
    }
}
