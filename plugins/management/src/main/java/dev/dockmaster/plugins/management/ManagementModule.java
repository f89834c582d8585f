package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.PeerTls;
import dev.dockmaster.spi.grpc.ServerInfo;
import io.grpc.ServerServiceDefinition;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The management module's lifecycle: decides whether this server is a replica, where its raft storage lives, and
 * starts raft once that storage is ready (engine 0 formatted, or {@code control_metadata.path} set), as DAOS does.
 */
final class ManagementModule implements GrpcModule {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementModule.class);
    static final String RAFT_DIR = "control_raft";
    /** DAOS: control metadata lives under {@code <path>/daos_control}. */
    static final String CONTROL_METADATA_SUBDIR = "daos_control";
    static final int FAULT_RAFT_DIR_UNAVAILABLE = 2501;
    static final int FAULT_RAFT_START = 2502;

    private final ServerInfo server;
    private final RaftSettings settings;
    private final ManagementService service;
    private final PoolService pools;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean raftStarting = new AtomicBoolean();
    private final java.util.function.Supplier<Optional<PeerTls>> peerTls;
    private final EngineHarness engines;
    /** Where the running raft keeps its files, for an erase to remove. */
    private volatile Path raftDir;
    private volatile boolean closed;

    ManagementModule(ServerInfo server, RaftSettings settings, EngineHarness engines) {
        this(server, settings, engines, ControlMetrics.NONE);
    }

    ManagementModule(ServerInfo server, RaftSettings settings, EngineHarness engines, ControlMetrics metrics) {
        this(server, settings, engines, metrics, io.grpc.InsecureChannelCredentials::create);
    }

    /**
     * @param peerCredentials credentials for calls to other servers (the leader's fan-out), read at first use
     */
    ManagementModule(ServerInfo server, RaftSettings settings, EngineHarness engines, ControlMetrics metrics,
                     java.util.function.Supplier<io.grpc.ChannelCredentials> peerCredentials) {
        this(server, settings, engines, metrics, peerCredentials, Optional::empty);
    }

    /**
     * @param peerCredentials credentials for calls to other servers (the leader's fan-out), read at first use
     * @param peerTls         this server's TLS identity for raft, read when raft starts; empty only when insecure
     */
    ManagementModule(ServerInfo server, RaftSettings settings, EngineHarness engines, ControlMetrics metrics,
                     java.util.function.Supplier<io.grpc.ChannelCredentials> peerCredentials,
                     java.util.function.Supplier<Optional<PeerTls>> peerTls) {
        this.peerTls = peerTls;
        this.server = server;
        this.settings = settings;
        this.engines = engines;
        this.executor = Executors.newScheduledThreadPool(2, daemonThreads("management-service"));
        Replicas replicas = Replicas.resolve(server.accessPoints(), server.controlPort());
        this.service = new ManagementService(server, replicas, settings, engines, executor, Clock.systemUTC(),
                metrics, PeerChannels.network(peerCredentials, server.daosVersion()));
        this.pools = new PoolService(service.poolAccess(), engines, Clock.systemUTC(), new java.util.Random());
        if (!replicas.isReplica()) {
            LOG.info("not a management service replica (access points {})", replicas.accessPoints());
            return;
        }
        service.onDbErased(this::databaseErased);
        engines.addListener((engine, previous) -> {
            if (engine.index() == 0 && previous == EngineState.AWAIT_FORMAT
                    && engine.state() != EngineState.AWAIT_FORMAT) {
                storageDir(engines.engines()).ifPresent(this::startRaftAsync);
            }
            if (engine.state() == EngineState.READY) {
                service.engineReady();
            }
        });
        List<EngineView> views = engines.engines();
        Optional<Path> dir = storageDir(views);
        if (server.controlMetadataPath().isEmpty() && views.isEmpty()) {
            Fault fault = new Fault("server", FAULT_RAFT_DIR_UNAVAILABLE,
                    "raft directory not available: this server is management service replica "
                            + replicas.selfId() + " but has no engines and no control_metadata.path",
                    "set control_metadata.path in the server config, or configure an engine whose SCM holds the"
                            + " raft log, or remove this host from access_points");
            LOG.error(fault.describe());
            service.markNotReady(MgmtErrors.fault(fault));
        } else if (dir.isPresent()) {
            startRaftAsync(dir.get());
        } else {
            LOG.info("management service replica {} waits for engine 0's storage format before starting raft",
                    replicas.selfId());
        }
    }

    /** Where the raft log lives, when that storage is ready: control metadata, else engine 0's formatted SCM. */
    Optional<Path> storageDir(List<EngineView> views) {
        if (server.controlMetadataPath().isPresent()) {
            return Optional.of(server.controlMetadataPath().get().resolve(CONTROL_METADATA_SUBDIR).resolve(RAFT_DIR));
        }
        if (views.isEmpty() || views.get(0).state() == EngineState.AWAIT_FORMAT) {
            return Optional.empty();
        }
        String mount = views.get(0).scmTier().mountPoint();
        return mount.isEmpty() ? Optional.empty() : Optional.of(Path.of(mount, RAFT_DIR));
    }

    private void startRaftAsync(Path dir) {
        if (!raftStarting.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> startRaft(dir));
    }

    /**
     * After an erase stopped raft: its directory goes, and a fresh replica starts when engine 0's storage is ready
     * again (the engine listener sees it leave AwaitFormat), or now when it never waited for a format.
     */
    private void databaseErased() {
        Path dir = raftDir;
        if (dir != null) {
            try {
                deleteTree(dir);
                LOG.info("raft directory {} removed", dir);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                LOG.error("raft directory {} could not be removed completely: {}", dir, e.toString());
            }
        }
        raftStarting.set(false);
        List<EngineView> views = engines.engines();
        if (closed || (!views.isEmpty() && views.get(0).state() == EngineState.AWAIT_FORMAT)) {
            LOG.info("management service replica {} waits for engine 0's storage format before starting raft",
                    service.replicas().selfId());
            return;
        }
        storageDir(views).ifPresent(this::startRaftAsync);
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    private void startRaft(Path dir) {
        Replicas replicas = service.replicas();
        int self = replicas.self().orElseThrow();
        RaftPeer peer = RaftNode.peer(replicas.peerId(self), replicas.raftAddress(self, settings.raftPortOffset()));
        try {
            RaftTls tls = new RaftTls(peerTls.get());
            RaftNode node = RaftNode.start(peer, replicas.isBootstrap(), server.systemName(), dir, settings,
                    new SystemDb(), tls);
            if (closed) {
                node.close();
                return;
            }
            raftDir = dir;
            service.attach(node);
            pools.start();
        } catch (RuntimeException e) {
            Fault fault = new Fault("server", FAULT_RAFT_START,
                    "management service raft could not start on " + peer.getAddress() + " with storage " + dir
                            + ": " + e.getMessage(),
                    "check that port " + Replicas.portOf(peer.getAddress()) + " (control port + modules.management"
                            + ".raft_port_offset) is free and the directory is writable, then restart the server", e);
            LOG.error(fault.describe(), e);
            service.markNotReady(MgmtErrors.fault(fault));
        }
    }

    ManagementService service() {
        return service;
    }

    PoolService pools() {
        return pools;
    }

    @Override
    public List<ServerServiceDefinition> services() {
        return List.of(new MgmtGrpcService(service, pools).definition());
    }

    @Override
    public Optional<dev.dockmaster.spi.engine.PoolDirectory> poolDirectory() {
        return Optional.of(pools.directory());
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        pools.close();
        service.close();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = ManagementModule.class.getClassLoader();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            // Threads that call into Ratis need the plugin's loader as their context loader.
            t.setContextClassLoader(loader);
            return t;
        };
    }
}
