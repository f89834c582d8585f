package dev.dockmaster.client.invoke;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.DaosWire;
import dev.dockmaster.client.TransportConfig;
import dev.dockmaster.client.security.DaosTls;
import dev.dockmaster.client.security.FilePermissions;
import dev.dockmaster.client.security.TlsMaterial;
import dev.dockmaster.spi.Fault;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import dev.dockmaster.client.hostlist.HostSet;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gRPC {@link Invoker}: starts the call to every host at once, all under one deadline, then collects each host's
 * answer or error. Every call carries {@code x-daos-component} and {@code x-daos-version}.
 *
 * <p>Unlike DAOS's Go client, which dials a fresh connection per host per request, channels are kept per host for the
 * life of this invoker (a long-lived Java caller would otherwise pay a TCP and HTTP/2 handshake per call) and closed
 * by {@link #close()}. A deadline that expires is reported per host as fault 510, so the hosts that did answer in
 * time are not thrown away.
 */
public final class GrpcInvoker implements Invoker {
    /** Extra time to wait for a call to report its own deadline before giving up on it locally. */
    private static final Duration COLLECT_GRACE = Duration.ofSeconds(2);

    private final ControlConfig config;
    private final ChannelFactory channels;
    private final ClientInterceptor headers;
    private final Map<String, ManagedChannel> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * An invoker over real TCP connections: plaintext when {@code transport_config.allow_insecure} is set, else mutual
     * TLS with the configured certificates, which are loaded and checked here, before any call (fault 901-903 or
     * 2301 naming the file when one is missing, unreadable, too open or invalid).
     */
    public GrpcInvoker(ControlConfig config, Component component) {
        this(config, component, channelsFor(config.transport(), component));
    }

    /**
     * Channels for a transport configuration: plaintext, or mutual TLS presenting {@code component}'s certificate
     * (admin for dmg, server for one server calling another) and requiring the server's certificate CN to be
     * {@code server}.
     */
    public static ChannelFactory channelsFor(TransportConfig transport, Component component) {
        if (transport.allowInsecure()) {
            return GrpcInvoker::plaintextChannel;
        }
        TlsMaterial material;
        try {
            material = TlsMaterial.load(Path.of(transport.caCert()), Path.of(transport.cert()),
                    Path.of(transport.key()), component == Component.ADMIN
                            ? FilePermissions.GROUP_READ_KEY : FilePermissions.USER_ONLY_KEY);
        } catch (Fault f) {
            // dmg's wording when the certificates cannot be used, with the file and the fix of the cause.
            throw new Fault(f.domain(), f.code(), "Unable to load Certificate Data: " + f.description(),
                    f.resolution(), f);
        }
        SslContext tls = DaosTls.client(material);
        return address -> NettyChannelBuilder.forTarget(address).sslContext(tls).build();
    }

    public GrpcInvoker(ControlConfig config, Component component, ChannelFactory channels) {
        this.config = Objects.requireNonNull(config, "config");
        this.channels = Objects.requireNonNull(channels, "channels");
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(DaosWire.COMPONENT_HEADER, Metadata.ASCII_STRING_MARSHALLER), component.header());
        metadata.put(Metadata.Key.of(DaosWire.VERSION_HEADER, Metadata.ASCII_STRING_MARSHALLER), DaosWire.VERSION);
        this.headers = MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    private static ManagedChannel plaintextChannel(String address) {
        return NettyChannelBuilder.forTarget(address).usePlaintext().build();
    }

    @Override
    public ControlConfig config() {
        return config;
    }

    @Override
    public <Q, R> UnaryResponse<R> invoke(UnaryRequest<Q, R> request) {
        if (closed) {
            throw new IllegalStateException("invoker is closed");
        }
        HostSet hosts = RequestHosts.resolve(config, request.hosts());
        Duration timeout = request.effectiveTimeout();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        long giveUpAt = System.nanoTime() + timeout.plus(COLLECT_GRACE).toNanos();

        List<String> addresses = hosts.hosts();
        List<Future<R>> calls = new ArrayList<>(addresses.size());
        for (String address : addresses) {
            Channel channel = ClientInterceptors.intercept(channel(address), headers);
            calls.add(ClientCalls.futureUnaryCall(channel.newCall(request.method(), options), request.message()));
        }

        List<HostResponse<R>> responses = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            responses.add(collect(addresses.get(i), calls.get(i), giveUpAt, request.name(), timeout));
        }
        return new UnaryResponse<>(responses);
    }

    private <R> HostResponse<R> collect(String address, Future<R> call, long giveUpAt, String name, Duration timeout) {
        try {
            long waitNanos = Math.max(0, giveUpAt - System.nanoTime());
            return HostResponse.success(address, call.get(waitNanos, TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return HostResponse.failure(address, RpcErrors.toHostError(e.getCause(), address, name, timeout));
        } catch (TimeoutException | CancellationException e) {
            call.cancel(true);
            return HostResponse.failure(address, ClientFaults.rpcTimeout(name, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return HostResponse.failure(address, ClientFaults.rpcTimeout(name, timeout));
        }
    }

    private ManagedChannel channel(String address) {
        return open.computeIfAbsent(address, channels::open);
    }

    /** How many hosts currently have an open channel (for tests of channel reuse). */
    int openChannels() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        for (ManagedChannel channel : open.values()) {
            channel.shutdown();
        }
        for (ManagedChannel channel : open.values()) {
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        open.clear();
    }
}
