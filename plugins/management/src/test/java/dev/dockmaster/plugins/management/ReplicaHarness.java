package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.ServerInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** N management service replicas in one JVM on loopback, each with its own raft directory (tests, benchmarks). */
final class ReplicaHarness implements AutoCloseable {
    static final RaftSettings FAST = new RaftSettings(1, Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofMillis(250), 32, Duration.ofMillis(250));

    final List<String> accessPoints;
    final List<Path> dirs;
    final RaftSettings settings;
    final List<ManagementService> services = new ArrayList<>();
    private final List<ScheduledExecutorService> executors = new ArrayList<>();
    /**
     * Each running replica's control port, listening (nothing is served on it): the leader's check of member hosts
     * sees a replica's daos_server alive while the replica runs, and gone when it is stopped.
     */
    private final java.util.Map<Integer, java.net.ServerSocket> controlPorts = new java.util.HashMap<>();
    private final java.util.Map<Integer, ScheduledExecutorService> executorOf = new java.util.HashMap<>();

    ReplicaHarness(int count, Path root, RaftSettings settings) throws IOException {
        List<String> aps = new ArrayList<>();
        List<Path> ds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            aps.add("127.0.0.1:" + FreePorts.controlPortWithRaftPort());
            ds.add(root.resolve("replica" + i).resolve("control_raft"));
        }
        this.accessPoints = List.copyOf(aps);
        this.dirs = List.copyOf(ds);
        this.settings = settings;
    }

    static ServerInfo serverInfo(int controlPort, List<String> accessPoints) {
        return new ServerInfo("daos_server", "2.6.5", "localhost", controlPort, List.of("ofi+tcp"), 1, 0,
                accessPoints, Optional.empty());
    }

    /** Creates the services and starts raft on every replica (the bootstrap one first). */
    ReplicaHarness start() {
        for (int i = 0; i < accessPoints.size(); i++) {
            services.add(startReplica(i, EngineHarness.none()));
        }
        return this;
    }

    ManagementService startReplica(int i, EngineHarness engines) {
        int port = Replicas.portOf(accessPoints.get(i));
        listen(i, port);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
                ManagementModule.daemonThreads("test-mgmt-" + i));
        executors.add(executor);
        executorOf.put(i, executor);
        Replicas replicas = Replicas.resolve(accessPoints, port);
        ManagementService service = new ManagementService(serverInfo(port, accessPoints), replicas, settings,
                engines, executor, Clock.systemUTC());
        RaftNode node = RaftNode.start(RaftNode.peer(replicas.peerId(i), replicas.raftAddress(i,
                settings.raftPortOffset())), i == 0, "daos_server", dirs.get(i), settings, new SystemDb());
        service.attach(node);
        return service;
    }

    ManagementService leader() {
        return services.stream().filter(s -> s.node().map(RaftNode::isLeader).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError("no leader"));
    }

    boolean hasLeader() {
        return services.stream().anyMatch(s -> s.node().map(RaftNode::isLeader).orElse(false));
    }

    private void listen(int i, int port) {
        try {
            java.net.ServerSocket socket = new java.net.ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port), 50);
            controlPorts.put(i, socket);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void unlisten(int i) {
        java.net.ServerSocket socket = controlPorts.remove(i);
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a listening socket; nothing to do
            }
        }
    }

    /** Stops replica {@code i} alone (its raft server, its executor, its control port), as a crash would. */
    void stopReplica(int i) {
        services.get(i).close();
        ScheduledExecutorService executor = executorOf.remove(i);
        if (executor != null) {
            executor.shutdownNow();
            executors.remove(executor);
        }
        unlisten(i);
    }

    /** Starts replica {@code i} again from its directory. */
    ManagementService restartReplica(int i) {
        ManagementService again = startReplica(i, EngineHarness.none());
        services.set(i, again);
        return again;
    }

    /** Closes every replica; {@link #restart()} starts them again from the same directories. */
    void stop() {
        services.forEach(ManagementService::close);
        services.clear();
        executors.forEach(ScheduledExecutorService::shutdownNow);
        executors.clear();
        executorOf.clear();
        for (int i = 0; i < accessPoints.size(); i++) {
            unlisten(i);
        }
    }

    ReplicaHarness restart() {
        stop();
        return start();
    }

    @Override
    public void close() {
        stop();
    }
}
