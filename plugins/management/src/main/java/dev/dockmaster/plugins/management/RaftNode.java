package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.LogEntry;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One management service replica's raft server (Apache Ratis over its own gRPC on the raft port) with the
 * {@link MgmtStateMachine}. Ratis is private to this plugin's class loader: every call into it runs with that loader
 * as the thread context class loader, so Ratis's service lookups find its own classes, and the threads it starts
 * inherit the loader.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private final RaftPeer self;
    private final RaftGroupId groupId;
    private final MgmtStateMachine stateMachine;
    private final RaftServer server;
    private final ClassLoader loader;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    private RaftNode(RaftPeer self, RaftGroupId groupId, MgmtStateMachine stateMachine, RaftServer server,
                     ClassLoader loader) {
        this.self = self;
        this.groupId = groupId;
        this.stateMachine = stateMachine;
        this.server = server;
        this.loader = loader;
        OPEN.incrementAndGet();
    }

    /** The raft group of a system: one per system name, so two systems never mix their logs. */
    public static RaftGroupId groupIdFor(String systemName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("dockmaster-mgmt:" + systemName)
                .getBytes(StandardCharsets.UTF_8)));
    }

    public static RaftPeer peer(String id, String raftAddress) {
        return RaftPeer.newBuilder().setId(id).setAddress(raftAddress).build();
    }

    /** Whether {@code storageDir} already holds this group's raft state (then the node recovers it). */
    public static boolean hasState(Path storageDir, RaftGroupId groupId) {
        return Files.isDirectory(storageDir.resolve(groupId.getUuid().toString()));
    }

    /**
     * Starts a replica. Without raft state, the bootstrap replica forms a group of itself alone; any other replica
     * starts with no configuration and waits to be added by the leader. With state, the configuration comes from
     * the log.
     */
    public static RaftNode start(RaftPeer self, boolean bootstrap, String systemName, Path storageDir,
                                 RaftSettings settings, SystemDb db) {
        return start(self, bootstrap, systemName, storageDir, settings, db, RaftTls.PLAINTEXT);
    }

    /** As above, with the raft transport protected as {@code tls} says (see {@link RaftTls}). */
    public static RaftNode start(RaftPeer self, boolean bootstrap, String systemName, Path storageDir,
                                 RaftSettings settings, SystemDb db, RaftTls tls) {
        ClassLoader loader = RaftNode.class.getClassLoader();
        return withLoader(loader, () -> {
            RaftGroupId groupId = groupIdFor(systemName);
            boolean existing = hasState(storageDir, groupId);
            Files.createDirectories(storageDir);
            RaftProperties props = properties(self, storageDir, settings);
            List<RaftPeer> initial = bootstrap && !existing ? List.of(self) : List.of();
            MgmtStateMachine stateMachine = new MgmtStateMachine(db);
            RaftServer server = RaftServer.newBuilder()
                    .setServerId(self.getId())
                    .setGroup(RaftGroup.valueOf(groupId, initial))
                    .setStateMachine(stateMachine)
                    .setProperties(props)
                    .setParameters(tls.parameters())
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            LOG.info("management service replica {} started raft on {} ({}, {}, storage {})", self.getId(),
                    self.getAddress(), tls, existing ? "recovered" : bootstrap ? "bootstrapped" : "waiting to be added",
                    storageDir);
            return new RaftNode(self, groupId, stateMachine, server, loader);
        });
    }

    private static RaftProperties properties(RaftPeer self, Path storageDir, RaftSettings settings) {
        RaftProperties props = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(props, List.of(storageDir.toFile()));
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        int port = Integer.parseInt(self.getAddress().substring(self.getAddress().lastIndexOf(':') + 1));
        GrpcConfigKeys.Server.setPort(props, port);
        // Bound to the replica's own address, not every interface: servers sharing a host on distinct loopback
        // addresses (127.0.0.1, 127.0.0.2, ...) can then use the same raft port.
        GrpcConfigKeys.Server.setHost(props, Replicas.hostOf(self.getAddress()));
        long heartbeat = settings.heartbeatTimeout().toMillis();
        long election = settings.electionTimeout().toMillis();
        // hashicorp raft's heartbeat timeout is when a follower suspects the leader; its election timeout bounds a
        // candidate's wait. Ratis has one randomised window [min, max]: start it at the heartbeat timeout and widen
        // it by the election timeout, so an idle follower starts an election after 2-4 s with DAOS's values.
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(heartbeat, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props,
                TimeDuration.valueOf(heartbeat + election, TimeUnit.MILLISECONDS));
        // A fresh group should not wait the full window for its first leader.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(props, TimeDuration.valueOf(
                Math.max(50, heartbeat / 10), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(props, TimeDuration.valueOf(
                Math.max(100, heartbeat / 5), TimeUnit.MILLISECONDS));
        // hashicorp raft's leader steps down when it has not heard from a majority for its lease; Ratis's leader
        // does so after this wait. Pending writes then fail with a not-leader answer that clients retry elsewhere,
        // instead of hanging while the quorum is gone. The whole election window: by then a majority that could
        // still talk would have elected another leader anyway, and a slow moment on a loaded machine is no reason.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(props,
                TimeDuration.valueOf(heartbeat + election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(props, true);
        RaftServerConfigKeys.Read.setLeaderLeaseTimeoutRatio(props,
                Math.min(1.0, (double) settings.leaderLeaseTimeout().toMillis() / heartbeat));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, settings.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
        return props;
    }

    public MgmtStateMachine stateMachine() {
        return stateMachine;
    }

    public SystemDb db() {
        return stateMachine.db();
    }

    public String id() {
        return self.getId().toString();
    }

    public boolean isLeader() {
        return withLoader(loader, () -> server.getDivision(groupId).getInfo().isLeaderReady());
    }

    /** The current leader's peer id (its access point), empty during an election. */
    public Optional<String> leader() {
        return withLoader(loader, () -> {
            var info = server.getDivision(groupId).getInfo();
            RaftPeerId leaderId = info.getLeaderId();
            // a leader that stepped down (lost its quorum) may still name itself until a new term starts
            if (leaderId == null || (leaderId.equals(self.getId()) && !info.isLeader())) {
                return Optional.empty();
            }
            return Optional.of(leaderId.toString());
        });
    }

    /** The leader a refused write should be retried on: never this replica, empty when unknown. */
    private String otherLeader() {
        return leader().filter(id -> !id.equals(id())).orElse("");
    }

    /** The voters of the current raft configuration. */
    public List<RaftPeer> voters() {
        return withLoader(loader, () -> {
            RaftConfiguration conf = server.getDivision(groupId).getRaftConf();
            return new ArrayList<>(conf.getCurrentPeers());
        });
    }

    /** On the leader: the voters whose last answer is older than {@code threshold} (peer ids). */
    public List<String> silentFollowers(Duration threshold) {
        return withLoader(loader, () -> {
            RaftProtos.RoleInfoProto info = server.getDivision(groupId).getInfo().getRoleInfoProto();
            if (!info.hasLeaderInfo()) {
                return List.of();
            }
            List<String> silent = new ArrayList<>();
            for (RaftProtos.ServerRpcProto follower : info.getLeaderInfo().getFollowerInfoList()) {
                if (follower.getLastRpcElapsedTimeMs() > threshold.toMillis()) {
                    silent.add(follower.getId().getId().toStringUtf8());
                }
            }
            return silent;
        });
    }

    /** The raft log's last committed index, for tests. */
    public long lastAppliedIndex() {
        return withLoader(loader, () -> server.getDivision(groupId).getInfo().getLastAppliedIndex());
    }

    /**
     * Proposes an entry; completes with what applying it answered, or exceptionally with {@link NotLeader} when this
     * replica is not (or no longer) the leader.
     */
    public CompletableFuture<ApplyResult> submit(LogEntry entry, Duration timeout) {
        return withLoader(loader, () -> {
            RaftClientRequest request = RaftClientRequest.newBuilder()
                    .setClientId(clientId)
                    .setServerId(self.getId())
                    .setGroupId(groupId)
                    .setCallId(callIds.incrementAndGet())
                    .setMessage(Message.valueOf(ByteString.copyFrom(entry.toByteArray())))
                    .setType(RaftClientRequest.writeRequestType())
                    .setTimeoutMs(timeout.toMillis())
                    .build();
            // Without a quorum a write waits for followers that do not answer: after the timeout it fails as a
            // leadership loss (DAOS maps raft's ErrLeadershipLost to ErrNotLeader), which clients retry.
            return server.submitClientRequestAsync(request).thenApply(this::decode)
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(error -> {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof java.util.concurrent.TimeoutException) {
                            throw new NotLeader(otherLeader());
                        }
                        throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                    });
        });
    }

    /**
     * Hands leadership to {@code target} (a voter's peer id), as DAOS's {@code ResignLeadership} does with raft's
     * leadership transfer; completes when the target leads, exceptionally when it could not take over in time.
     */
    public CompletableFuture<Void> transferLeadership(String target, Duration timeout) {
        return withLoader(loader, () -> {
            TransferLeadershipRequest request = new TransferLeadershipRequest(clientId, self.getId(), groupId,
                    callIds.incrementAndGet(), RaftPeerId.valueOf(target), timeout.toMillis());
            return server.transferLeadershipAsync(request).thenApply(reply -> {
                if (!reply.isSuccess()) {
                    throw new CompletionException(reply.getException() == null
                            ? new IOException("leadership transfer to " + target + " failed") : reply.getException());
                }
                return null;
            });
        });
    }

    private ApplyResult decode(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            if (reply.getNotLeaderException() != null || reply.getLeaderNotReadyException() != null
                    || reply.getLeaderSteppingDownException() != null) {
                throw new NotLeader(otherLeader());
            }
            throw new CompletionException(reply.getException() == null
                    ? new IOException("raft request failed") : reply.getException());
        }
        try {
            return ApplyResult.parseFrom(reply.getMessage().getContent().toByteArray());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CompletionException(e);
        }
    }

    /** Adds voters to the current configuration (leader only), as DAOS's leader does when a replica's engine joins. */
    public CompletableFuture<Void> addVoters(Collection<RaftPeer> newVoters) {
        return withLoader(loader, () -> {
            List<RaftPeer> peers = new ArrayList<>(voters());
            for (RaftPeer peer : newVoters) {
                if (peers.stream().noneMatch(p -> p.getId().equals(peer.getId()))) {
                    peers.add(peer);
                }
            }
            SetConfigurationRequest request = new SetConfigurationRequest(clientId, self.getId(), groupId,
                    callIds.incrementAndGet(), peers);
            return server.setConfigurationAsync(request).thenApply(reply -> {
                if (!reply.isSuccess()) {
                    throw new CompletionException(reply.getException() == null
                            ? new IOException("raft configuration change failed") : reply.getException());
                }
                return null;
            });
        });
    }

    /**
     * Stops this replica's raft server for good because the system database is being erased (DAOS's replicas stop
     * their raft before removing its files). Unlike {@link #close()} it does not wait for Ratis's shared threads: the
     * plugin stays loaded and a fresh replica may start in this process later.
     */
    public void stopForErase() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        withLoader(loader, () -> {
            server.close();
            return null;
        });
        OPEN.decrementAndGet();
        LOG.info("management service replica {} stopped raft: system database erased", self.getId());
    }

    /** How long closing waits for Ratis's threads (its netty event loops stop asynchronously) to end. */
    static final Duration THREAD_DRAIN = Duration.ofSeconds(10);

    /** Nodes of this class loader still open: only the last one to close waits for Ratis's shared threads. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        withLoader(loader, () -> {
            server.close();
            return null;
        });
        if (OPEN.decrementAndGet() == 0) {
            awaitRatisThreads();
        }
    }

    /**
     * Waits for the threads Ratis started to end. They carry this plugin's loader as their context loader (they
     * were created inside {@link #withLoader}); a thread still running after the core closes the plugin's class
     * loader would fail to load the classes it needs to finish (netty loads some lazily while shutting down).
     */
    private void awaitRatisThreads() {
        long deadline = System.nanoTime() + THREAD_DRAIN.toNanos();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t.getContextClassLoader() != loader
                    || t.getName().startsWith("management-service")) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("Ratis threads still running after {}: {}", THREAD_DRAIN, t.getName());
                return;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static <T> T withLoader(ClassLoader loader, Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** This replica is not the leader; {@link #leaderHint()} is the current leader's id when known. */
    public static final class NotLeader extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String leaderHint;

        NotLeader(String leaderHint) {
            super("not the raft leader", null, false, false);
            this.leaderHint = leaderHint;
        }

        public String leaderHint() {
            return leaderHint;
        }
    }
}
