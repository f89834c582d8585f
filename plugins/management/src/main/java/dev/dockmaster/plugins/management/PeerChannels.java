package dev.dockmaster.plugins.management;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One gRPC channel per peer daos_server control address, kept for the life of the service, for the calls the MS
 * leader fans out to every host's control service. Every call carries the headers a server sends to another server
 * ({@code x-daos-component: server}, {@code x-daos-version}), as the core's management client does.
 */
final class PeerChannels implements AutoCloseable {
    static final Metadata.Key<String> COMPONENT = Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> VERSION = Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER);

    private final Function<String, ManagedChannel> open;
    private final ClientInterceptor headers;
    private final Predicate<String> reachable;
    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** One daemon thread for background connects; idle threads end, so a quiet service holds none. */
    private final java.util.concurrent.ThreadPoolExecutor connector = new java.util.concurrent.ThreadPoolExecutor(
            1, 1, 10, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "ms-peer-connect");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param open        opens a channel to a control address ({@code IP:port})
     * @param daosVersion the DAOS version spoken, sent as {@code x-daos-version}
     */
    PeerChannels(Function<String, ManagedChannel> open, String daosVersion) {
        // channels that do not go over the network (in-process) have no port to probe: taken as reachable
        this(open, daosVersion, addr -> true);
    }

    /** @param reachable whether the daos_server at a control address accepts connections (the leader's probe) */
    PeerChannels(Function<String, ManagedChannel> open, String daosVersion, Predicate<String> reachable) {
        this.open = open;
        this.headers = new ServerHeaders(daosVersion);
        connector.allowCoreThreadTimeOut(true);
        this.reachable = reachable;
    }

    /** Channels over the network with {@code credentials} (read lazily: they exist only once the server started). */
    static PeerChannels network(Supplier<ChannelCredentials> credentials, String daosVersion) {
        return new PeerChannels(addr -> Grpc.newChannelBuilder(addr, credentials.get()).build(), daosVersion,
                UnreachableHostWatcher::acceptsConnections);
    }

    /** Whether the daos_server at {@code addr} accepts connections now. */
    boolean reachable(String addr) {
        return reachable.test(addr);
    }

    /** The channel to the daos_server at {@code addr}, opened on first use. */
    Channel channel(String addr) {
        return ClientInterceptors.intercept(channels.computeIfAbsent(addr, open), headers);
    }

    /**
     * Opens the channels to {@code addrs} not open yet and starts connecting them, on a thread of its own: creating
     * a channel costs milliseconds under load, and the management service's scheduler (join batches) must not wait
     * for a thousand of them. Returns at once.
     */
    void connectInBackground(java.util.Collection<String> addrs) {
        List<String> missing = addrs.stream().filter(a -> !channels.containsKey(a)).distinct().toList();
        if (missing.isEmpty() || closed) {
            return;
        }
        try {
            connector.execute(() -> missing.forEach(this::connect));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile: nothing to connect
        }
    }

    /** Opens the channel to {@code addr} and starts connecting it, without waiting for the connection. */
    void connect(String addr) {
        if (closed) {
            return; // a background connect that lost the race with close opens nothing
        }
        ManagedChannel channel = channels.computeIfAbsent(addr, open);
        if (closed) {
            channel.shutdownNow(); // close ran meanwhile and may not have seen this channel
            return;
        }
        channel.getState(true);
    }

    /** Whether a channel to {@code addr} is open (for tests). */
    boolean isOpen(String addr) {
        return channels.containsKey(addr);
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        channels.clear();
    }

    private static final class ServerHeaders implements ClientInterceptor {
        private final String daosVersion;

        ServerHeaders(String daosVersion) {
            this.daosVersion = daosVersion;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata metadata) {
                    metadata.put(COMPONENT, "server");
                    metadata.put(VERSION, daosVersion);
                    super.start(listener, metadata);
                }
            };
        }
    }
}
