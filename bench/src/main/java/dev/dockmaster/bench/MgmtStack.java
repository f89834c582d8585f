package dev.dockmaster.bench;

import dev.dockmaster.core.config.TypesafeConfigView;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.core.plugin.PluginSelection;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Management service replicas for the MS benchmarks, as the server runs them: the management plugin is loaded from
 * its built zip through the core's plugin loader (Ratis in the plugin's own class loader), each replica's module is
 * created by the plugin's factory and served on a real grpc-java server on loopback, its raft log under a
 * control-metadata directory.
 */
public final class MgmtStack implements AutoCloseable {
    public static final String ZIP = "dockmaster-plugin-management.zip";

    private final PluginRegistry plugins;
    private final LoadedPlugin plugin;
    private final List<GrpcModule> modules = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    public final List<String> accessPoints;

    private MgmtStack(PluginRegistry plugins, LoadedPlugin plugin, List<String> accessPoints) {
        this.plugins = plugins;
        this.plugin = plugin;
        this.accessPoints = accessPoints;
    }

    /** Starts {@code replicas} replicas on loopback; the first is the bootstrap replica. */
    public static MgmtStack start(Path work, int replicas, String raftSettings) throws IOException {
        return start(work, replicas, raftSettings, dev.dockmaster.spi.engine.EngineHarness.none());
    }

    /** As {@link #start(Path, int, String)}, every replica's module seeing {@code engines} as its local engines. */
    public static MgmtStack start(Path work, int replicas, String raftSettings,
                                  dev.dockmaster.spi.engine.EngineHarness engines) throws IOException {
        Path pluginsDir = Files.createDirectories(work.resolve("plugins"));
        Path zip = Path.of(System.getProperty("bench.plugins.dir", "target/bench-plugins")).resolve(ZIP);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: build the bench module with Maven first");
        }
        Files.copy(zip, pluginsDir.resolve("management.zip"));
        PluginRegistry registry = PluginRegistry.load(Optional.of(pluginsDir), "0.1.0",
                PluginSelection.of(List.of("management"), List.of(), List.of()));
        LoadedPlugin plugin = registry.started().stream().filter(p -> p.id().equals("management")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the management plugin did not start: " + registry.all()));
        if (plugin.builtin()) {
            throw new IllegalStateException("the management plugin came from the class path, not from its zip");
        }
        List<String> aps = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            aps.add("127.0.0.1:" + freePortPair());
        }
        MgmtStack stack = new MgmtStack(registry, plugin, List.copyOf(aps));
        for (int i = 0; i < replicas; i++) {
            stack.startReplica(i, work.resolve("replica" + i), raftSettings, engines);
        }
        return stack;
    }

    private void startReplica(int i, Path dir, String raftSettings,
                              dev.dockmaster.spi.engine.EngineHarness engines) throws IOException {
        int port = Integer.parseInt(accessPoints.get(i).substring(accessPoints.get(i).lastIndexOf(':') + 1));
        ServerInfo info = new ServerInfo("daos_server", "2.6.5", "localhost", port, List.of("ofi+tcp"), 0, 0,
                accessPoints, Optional.of(Files.createDirectories(dir)));
        ConfigView config = new TypesafeConfigView(com.typesafe.config.ConfigFactory.parseString(raftSettings),
                "modules.management");
        ModuleContext context = new ModuleContext() {
            @Override
            public ConfigView config() {
                return config;
            }

            @Override
            public ServerInfo server() {
                return info;
            }

            @Override
            public TransportInfo transport() {
                Path none = dir.resolve("none");
                return new TransportInfo(true, none, none, none, none);
            }

            @Override
            public dev.dockmaster.spi.engine.EngineHarness engines() {
                return engines;
            }

            @Override
            public StorageProviders storage() {
                return new StorageProviders() {
                    @Override
                    public List<ScmProvider> scm() {
                        return List.of();
                    }

                    @Override
                    public List<BdevProvider> bdev() {
                        return List.of();
                    }
                };
            }
        };
        GrpcModuleFactory factory = plugin.plugin().grpcModules().get(0);
        GrpcModule module = withPluginLoader(() -> factory.create(context));
        modules.add(module);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        module.services().forEach(builder::addService);
        servers.add(builder.build().start());
        channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    private <T> T withPluginLoader(java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.classLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public ManagedChannel channel(int replica) {
        return channels.get(replica);
    }

    public MgmtSvcGrpc.MgmtSvcBlockingStub blocking(int replica) {
        return MgmtSvcGrpc.newBlockingStub(channels.get(replica)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** Waits until replica {@code via} names a leader; returns the leader's index. */
    public int awaitLeader(int via, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                String leader = blocking(via).leaderQuery(LeaderQueryReq.getDefaultInstance()).getCurrentLeader();
                int i = accessPoints.indexOf(leader);
                if (i >= 0) {
                    return i;
                }
            } catch (RuntimeException e) {
                // raft still starting
            }
            Thread.sleep(20); // polling a remote service for readiness; nothing to synchronise on locally
        }
        throw new IllegalStateException("no management service leader within " + timeout);
    }

    public static JoinReq join(int n, String addr, int idx) {
        return JoinReq.newBuilder().setSys("daos_server-2.6.5")
                .setUuid(String.format("00000000-0000-4000-8000-%012d", n)).setRank(0xFFFFFFFF)
                .setUri("ofi+tcp://" + addr.substring(0, addr.lastIndexOf(':')) + ":" + (31416 + idx))
                .setNctxs(16).setAddr(addr).setSrvFaultDomain("/host" + n).setIdx(idx).setIncarnation(n + 1L)
                .build();
    }

    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            if (port < 65535 && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free pair of ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops replica {@code replica} at once, as a crash of its daos_server would: its gRPC server and its module
     * (its Ratis server) close; the other replicas learn of it only by its silence.
     */
    public void kill(int replica) {
        servers.get(replica).shutdownNow();
        GrpcModule module = modules.get(replica);
        withPluginLoader(() -> {
            module.close();
            return null;
        });
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        servers.forEach(Server::shutdownNow);
        for (GrpcModule module : modules) {
            withPluginLoader(() -> {
                module.close();
                return null;
            });
        }
        plugins.close();
    }
}
