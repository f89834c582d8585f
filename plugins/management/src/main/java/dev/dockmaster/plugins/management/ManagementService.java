package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricTimer;
import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.JoinOutcome;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.StateUpdate;
import dev.dockmaster.proto.mgmt.BuildInfo;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.proto.mgmt.SystemCleanupReq;
import dev.dockmaster.proto.mgmt.SystemCleanupResp;
import dev.dockmaster.proto.mgmt.SystemEraseReq;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemGetPropReq;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import dev.dockmaster.plugins.management.raft.StateUpdates;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemGetAttrResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.plugins.management.raft.SetAttrs;
import dev.dockmaster.proto.mgmt.ClientNetHint;
import dev.dockmaster.proto.mgmt.GetAttachInfoReq;
import dev.dockmaster.proto.mgmt.GetAttachInfoResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.ClusterEventResp;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.ServerInfo;
import io.grpc.StatusRuntimeException;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The management service's behaviour behind mgmt.MgmtSvc, independent of gRPC plumbing: gates (replica, leader,
 * started), DAOS's join path with batching, the queries, RAS events, and the group map push to a local engine.
 */
public final class ManagementService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementService.class);

    /** DAOS RAS event ids ({@code src/include/daos/ras.h}, mirrored in {@code events/ras.go}). */
    static final int RAS_ENGINE_DIED = 2;
    static final int RAS_SWIM_RANK_DEAD = 16;
    static final int RAS_SYSTEM_START_FAILED = 17;
    static final int RAS_SYSTEM_STOP_FAILED = 18;
    /** dRPC module MGMT and its GROUP_UPDATE method. */
    static final int DRPC_MODULE_MGMT = 2;
    static final int DRPC_GROUP_UPDATE = 232;
    static final Duration RAFT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration GROUP_UPDATE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerInfo server;
    private final Replicas replicas;
    private final RaftSettings settings;
    private final EngineHarness engines;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final AtomicInteger lastPushedMapVersion = new AtomicInteger();
    /** One raft configuration change at a time: Ratis refuses a second while one is in progress. */
    private final java.util.concurrent.atomic.AtomicBoolean confChangeInFlight =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile RaftNode node;
    private final MetricTimer raftCommit;
    private final MetricTimer fanoutStop;
    private final MetricTimer fanoutStart;
    private final PeerChannels peers;
    private final RankFanout fanout;
    private volatile JoinBatcher batcher;
    private final LeadershipHandover handover;
    private final UnreachableHostWatcher hostWatcher;
    /** Why the service cannot serve yet, when it is a replica whose raft could not start (a fault to log). */
    private volatile StatusRuntimeException notReady;
    private final java.util.concurrent.atomic.AtomicBoolean periodicScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Told when this replica's database copy was erased (raft stopped): the module deletes its files. */
    private volatile Runnable dbErased = () -> {
    };
    private final SystemProperties properties;

    public ManagementService(ServerInfo server, Replicas replicas, RaftSettings settings, EngineHarness engines,
                             ScheduledExecutorService executor, Clock clock) {
        this(server, replicas, settings, engines, executor, clock, ControlMetrics.NONE);
    }

    public ManagementService(ServerInfo server, Replicas replicas, RaftSettings settings, EngineHarness engines,
                             ScheduledExecutorService executor, Clock clock, ControlMetrics metrics) {
        this(server, replicas, settings, engines, executor, clock, metrics,
                PeerChannels.network(io.grpc.InsecureChannelCredentials::create, server.daosVersion()));
    }

    /**
     * @param peers channels to the other daos_servers' control services, for the rank RPCs the leader fans out
     */
    ManagementService(ServerInfo server, Replicas replicas, RaftSettings settings, EngineHarness engines,
                      ScheduledExecutorService executor, Clock clock, ControlMetrics metrics, PeerChannels peers) {
        this.peers = peers;
        this.fanout = new RankFanout(peers);
        this.handover = new LeadershipHandover(replicas, engines::engines);
        this.hostWatcher = new UnreachableHostWatcher(peers::reachable, updates -> {
            RaftNode current = node;
            return current == null ? CompletableFuture.failedFuture(MgmtErrors.raftUnavailable())
                    : commit(current, stateEntry(updates.toBuilder()));
        });
        this.fanoutStop = metrics.timer("ms_fanout", "time the MS leader's fan-out of a system command to every"
                + " host takes", Map.of("command", "stop"));
        this.fanoutStart = metrics.timer("ms_fanout", "time the MS leader's fan-out of a system command to every"
                + " host takes", Map.of("command", "start"));
        this.raftCommit = metrics.timer("ms_raft_commit",
                "time from proposing a raft entry on the leader to its being applied here", Map.of());
        metrics.gauge("ms_replica", "1 when this server is a management service replica", Map.of(),
                () -> replicas.isReplica() ? 1 : 0);
        metrics.gauge("ms_leader", "1 when this server is the management service leader", Map.of(), () -> {
            RaftNode current = node;
            return current != null && current.isLeader() ? 1 : 0;
        });
        metrics.gauge("ms_members", "system members in this replica's database", Map.of(), () -> {
            RaftNode current = node;
            return current == null ? 0 : current.db().members().size();
        });
        metrics.gauge("ms_data_version", "entries applied to this replica's system database", Map.of(), () -> {
            RaftNode current = node;
            return current == null ? 0 : current.db().version();
        });
        this.server = server;
        this.replicas = replicas;
        this.settings = settings;
        this.engines = engines;
        this.executor = executor;
        this.clock = clock;
        this.properties = new SystemProperties(server);
    }

    public Replicas replicas() {
        return replicas;
    }

    public Optional<RaftNode> node() {
        return Optional.ofNullable(node);
    }

    /** Raft has started on this replica: serve from it. */
    public void attach(RaftNode started) {
        this.batcher = new JoinBatcher(settings.joinBatchWindow(), executor,
                entry -> commit(started, entry), this::joinsCommitted, clock);
        // A database started after an erase begins its map versions again: forget what the old one pushed.
        lastPushedMapVersion.set(0);
        this.notReady = null;
        this.node = started;
        // Retries what may fail while peers come and go: adding replica voters, pushing a group map no engine took.
        if (periodicScheduled.compareAndSet(false, true)) {
            executor.scheduleWithFixedDelay(this::periodicCheck, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
            executor.scheduleWithFixedDelay(this::leaderWatch, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Registers what to do once this replica's database copy has been erased (raft stopped, node detached). */
    void onDbErased(Runnable hook) {
        this.dbErased = hook;
    }

    /** The leader's watches: hand over when no local engine can be reached, unreachable hosts' ranks. */
    private void leaderWatch() {
        RaftNode current = node;
        if (current == null || !current.isLeader()) {
            return;
        }
        try {
            hostWatcher.check(current.db().members(), replicas.resolved().get(replicas.self().orElseThrow()));
            handover.check(current);
        } catch (RuntimeException e) {
            LOG.debug("management service leader watch: {}", e.toString());
        }
    }

    /** Proposes one entry and times it until it is applied ({@code dockmaster_ms_raft_commit_seconds}). */
    private CompletableFuture<ApplyResult> commit(RaftNode on, LogEntry entry) {
        long start = System.nanoTime();
        return on.submit(entry, RAFT_TIMEOUT).whenComplete((result, error) -> {
            if (error == null) {
                raftCommit.record(System.nanoTime() - start);
            }
        });
    }

    /** The gates and raft commits, for the pool service (whose handlers live in {@link PoolService}). */
    MsAccess poolAccess() {
        return new MsAccess() {
            @Override
            public SystemDb replicaDb() {
                return replicaNode().db();
            }

            @Override
            public SystemDb leaderDb() {
                return leaderNode().db();
            }

            @Override
            public boolean isLeader() {
                RaftNode current = node;
                return current != null && current.isLeader();
            }

            @Override
            public CompletableFuture<ApplyResult> commit(LogEntry entry) {
                return ManagementService.this.commit(leaderNode(), entry);
            }
        };
    }

    /** Raft cannot start on this replica: every call gets {@code error} until it can. */
    public void markNotReady(StatusRuntimeException error) {
        this.notReady = error;
    }

    // ---- gates -------------------------------------------------------------------------------------------------

    private RaftNode replicaNode() {
        if (!replicas.isReplica()) {
            throw MgmtErrors.notReplica(replicas.resolved());
        }
        RaftNode current = node;
        if (current == null) {
            StatusRuntimeException reason = notReady;
            throw reason != null ? reason : MgmtErrors.uninitialized();
        }
        return current;
    }

    private RaftNode leaderNode() {
        RaftNode current = replicaNode();
        if (!current.isLeader()) {
            throw notLeader(current);
        }
        return current;
    }

    private StatusRuntimeException notLeader(RaftNode current) {
        return MgmtErrors.notLeader(current.leader().map(this::addressOfPeer).orElse(""), replicas.resolved());
    }

    /** A raft peer id stands for an access point; clients want its resolved address. */
    private String addressOfPeer(String peerId) {
        return replicas.addressOfPeer(peerId);
    }

    // ---- Join --------------------------------------------------------------------------------------------------

    /**
     * DAOS's join ({@code server/mgmt_system.go} Join): leader only, checked, then queued into the current batch.
     *
     * @param peerIp the caller's IP from the transport, for a joiner that sent {@code 0.0.0.0:port}
     */
    public CompletableFuture<JoinResp> join(JoinReq req, Optional<String> peerIp) {
        RaftNode leader = leaderNode();
        JoinRequestRecord record = checkedJoin(req, peerIp, leader.db());
        JoinBatcher current = batcher;
        if (current == null) {
            throw MgmtErrors.uninitialized(); // erased between the gate and here
        }
        return current.submit(record).thenApply(outcome -> {
            if (!outcome.getOk()) {
                throw new CompletionException(MgmtErrors.plain(outcome.getError()));
            }
            return JoinResp.newBuilder()
                    .setStatus(0)
                    .setRank(outcome.getRank())
                    .setState(req.getCheckMode() ? JoinResp.State.CHECK : JoinResp.State.IN)
                    // DAOS's leader sets up its own engine 0 in-process and says so with localJoin; here every
                    // daos_server sends SetRank and SetUp to its own engines, so no join is "local".
                    .setLocalJoin(false)
                    .setMapVersion(leader.db().mapVersion())
                    .build();
        });
    }

    JoinRequestRecord checkedJoin(JoinReq req, Optional<String> peerIp, SystemDb db) {
        try {
            UUID.fromString(req.getUuid());
        } catch (IllegalArgumentException e) {
            throw MgmtErrors.plain("invalid uuid \"" + req.getUuid() + "\" in join request");
        }
        String addr = controlAddress(req.getAddr(), peerIp);
        if (req.getUri().isEmpty()) {
            throw MgmtErrors.plain("join request from " + addr + " has no fabric URI");
        }
        if (!server.fabricProviders().isEmpty()) {
            String provider = providerOf(req.getUri());
            if (!provider.equals(server.fabricProviders().get(0))) {
                throw MgmtErrors.plain("join: engine " + req.getUuid() + " (" + addr + ") fabric provider \""
                        + provider + "\" does not match the system's \"" + server.fabricProviders().get(0) + "\"");
            }
        }
        int rank = req.getRank();
        // Rank 0 belongs to engine 0 of the bootstrap replica (DAOS has it ask for rank 0 explicitly).
        if (rank == Ranks.NIL_RANK && req.getIdx() == 0 && !replicas.resolved().isEmpty()
                && addr.equals(replicas.resolved().get(0)) && db.member(0).isEmpty()) {
            rank = 0;
        }
        return JoinRequestRecord.newBuilder()
                .setUuid(req.getUuid())
                .setRank(rank)
                .setAddr(addr)
                .setFabricUri(req.getUri())
                .setFabricContexts(req.getNctxs())
                .addAllSecondaryUris(req.getSecondaryUrisList())
                .addAllSecondaryContexts(req.getSecondaryNctxsList())
                .setFaultDomain(req.getSrvFaultDomain())
                .setIdx(req.getIdx())
                .setIncarnation(req.getIncarnation())
                .setCheckMode(req.getCheckMode())
                .build();
    }

    /** The joiner's control address as {@code IP:port}; {@code 0.0.0.0} (non-replicas) becomes the caller's IP. */
    static String controlAddress(String addr, Optional<String> peerIp) {
        int port = Replicas.portOf(addr);
        String host = Replicas.hostOf(addr);
        if (port <= 0) {
            throw MgmtErrors.plain("invalid control address \"" + addr + "\" in join request");
        }
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = peerIp.orElseThrow(() -> MgmtErrors.plain(
                    "join request with unspecified control address " + addr + " and no peer address"));
        }
        try {
            return InetAddress.getByName(host).getHostAddress() + ":" + port;
        } catch (UnknownHostException e) {
            throw MgmtErrors.plain("cannot resolve control address \"" + addr + "\" in join request");
        }
    }

    static String providerOf(String uri) {
        int sep = uri.indexOf("://");
        return sep < 0 ? "" : uri.substring(0, sep);
    }

    /** On the leader, after each committed join batch: push the group map, and bring replicas into raft. */
    private void joinsCommitted(List<JoinRequestRecord> joins, ApplyResult result) {
        if (result.getJoinsList().stream().noneMatch(JoinOutcome::getOk)) {
            return;
        }
        executor.execute(this::pushGroupMap);
        executor.execute(this::addReplicaVoters);
        connectPeers(joins, result);
    }

    /**
     * Opens the leader's control channel to the daos_server of every engine that just joined, in the background,
     * so that the first system command after a join storm does not pay a TCP and HTTP/2 handshake per host inside
     * its deadline (1,024 hosts: ~5 s of a stop on the 2-core benchmark machine, docs/benchmarks.md).
     */
    private void connectPeers(List<JoinRequestRecord> joins, ApplyResult result) {
        Set<String> addrs = new LinkedHashSet<>();
        for (int i = 0; i < joins.size() && i < result.getJoinsCount(); i++) {
            if (result.getJoins(i).getOk()) {
                addrs.add(joins.get(i).getAddr());
            }
        }
        peers.connectInBackground(addrs);
    }

    /** Replicas whose engines have joined but that are not raft voters yet are added (DAOS's leader does this). */
    void addReplicaVoters() {
        RaftNode current = node;
        if (current == null || !current.isLeader()) {
            return;
        }
        Set<String> voters = new HashSet<>();
        current.voters().forEach(p -> voters.add(p.getId().toString()));
        List<RaftPeer> missing = new ArrayList<>();
        Set<String> joinedAddrs = new HashSet<>();
        current.db().members().forEach(m -> joinedAddrs.add(m.addr()));
        for (int i = 0; i < replicas.accessPoints().size(); i++) {
            String id = replicas.peerId(i);
            if (!voters.contains(id) && joinedAddrs.contains(replicas.resolved().get(i))) {
                missing.add(RaftNode.peer(id, replicas.raftAddress(i, settings.raftPortOffset())));
            }
        }
        if (missing.isEmpty() || !confChangeInFlight.compareAndSet(false, true)) {
            return;
        }
        // One voter per configuration change, as DAOS adds each replica on its own: Ratis refuses a change that
        // replaces a majority of the current voters (1 -> 3 at once), so after a failed 1 -> 2 step a combined
        // retry would never succeed. The next check or join batch adds the next one.
        RaftPeer next = missing.get(0);
        LOG.info("adding management service replica {} as a raft voter", next.getId());
        current.addVoters(List.of(next)).whenComplete((ok, error) -> {
            confChangeInFlight.set(false);
            if (error != null) {
                LOG.warn("adding replica {} as a raft voter failed (retried at the next check): {}", next.getId(),
                        error.toString());
            } else {
                LOG.info("management service replica {} is a raft voter", next.getId());
                if (missing.size() > 1) {
                    executor.execute(this::addReplicaVoters);
                }
            }
        });
    }

    /**
     * Sends the group map (members outside the "excluded" states, with their URIs and incarnations) to one ready
     * local engine over dRPC GROUP_UPDATE; the engine spreads it to the others. A failure is logged, not fatal.
     */
    void pushGroupMap() {
        RaftNode current = node;
        if (current == null || !current.isLeader()) {
            return;
        }
        int mapVersion = current.db().mapVersion();
        if (mapVersion <= lastPushedMapVersion.get()) {
            return;
        }
        GroupUpdateReq.Builder req = GroupUpdateReq.newBuilder().setMapVersion(mapVersion);
        for (Member m : current.db().members()) {
            if (!m.state().excludedFromGroupMap()) {
                req.addEngines(GroupUpdateReq.Engine.newBuilder().setRank(m.rank()).setUri(m.fabricUri())
                        .setIncarnation(m.incarnation()));
            }
        }
        try {
            byte[] answer = engines.callEngine(DRPC_MODULE_MGMT, DRPC_GROUP_UPDATE, req.build().toByteArray(),
                    GROUP_UPDATE_TIMEOUT);
            GroupUpdateResp resp = GroupUpdateResp.parseFrom(answer);
            if (resp.getStatus() != 0) {
                LOG.warn("group update (map version {}) refused by the engine: status {}", mapVersion,
                        resp.getStatus());
                return;
            }
            lastPushedMapVersion.accumulateAndGet(mapVersion, Math::max);
            LOG.debug("group map version {} sent to a local engine ({} ranks)", mapVersion, req.getEnginesCount());
        } catch (Fault e) {
            LOG.info("group update (map version {}) not sent: {}", mapVersion, e.getMessage());
        } catch (RuntimeException | com.google.protobuf.InvalidProtocolBufferException e) {
            LOG.warn("group update (map version {}) failed: {}", mapVersion, e.toString());
        }
    }

    /** The last group map version an engine accepted. */
    int lastPushedMapVersion() {
        return lastPushedMapVersion.get();
    }

    // ---- SystemQuery -------------------------------------------------------------------------------------------

    public SystemQueryResp systemQuery(SystemQueryReq req) {
        RaftNode current = replicaNode();
        SystemDb db = current.db();
        List<Member> members = db.members();
        boolean filtered = !req.getRanks().isBlank() || !req.getHosts().isBlank();
        if (!req.getRanks().isBlank() && !req.getHosts().isBlank()) {
            throw MgmtErrors.plain("ranks and hosts are mutually exclusive");
        }
        if (members.isEmpty() && !filtered) {
            throw MgmtErrors.raftUnavailable();
        }
        RankSelection selection;
        try {
            selection = RankSelection.resolve(members, req.getRanks(), req.getHosts());
        } catch (Fault f) {
            throw MgmtErrors.fault(f);
        }
        SystemQueryResp.Builder resp = SystemQueryResp.newBuilder()
                .setAbsentranks(selection.absentRanks())
                .setAbsenthosts(selection.absentHosts())
                .setDataVersion(db.version())
                .addAllProviders(server.fabricProviders());
        selection.members().stream()
                .filter(m -> m.state().inMask(req.getStateMask()))
                .forEach(m -> resp.addMembers(toWire(m)));
        return resp.build();
    }

    /** {@code host} matches a member by name or IP, with its port when it carries one. */
    static boolean hostMatches(Member m, String host) {
        boolean withPort = Replicas.portOf(host) > 0;
        String name = withPort ? Replicas.hostOf(host) : host;
        String ip;
        try {
            ip = InetAddress.getByName(name).getHostAddress();
        } catch (UnknownHostException e) {
            ip = name;
        }
        String memberHost = m.host();
        boolean hostEqual = memberHost.equals(name) || memberHost.equals(ip);
        return hostEqual && (!withPort || Replicas.portOf(m.addr()) == Replicas.portOf(host));
    }

    static SystemMember toWire(Member m) {
        return SystemMember.newBuilder()
                .setAddr(m.addr())
                .setUuid(m.uuid())
                .setRank(m.rank())
                .setIncarnation(m.incarnation())
                .setState(m.state().wireName())
                .setFabricUri(m.fabricUri())
                .setFabricContexts(m.fabricContexts())
                .setInfo(m.info())
                .setFaultDomain(m.faultDomain())
                .setLastUpdate(DateTimeFormatter.ISO_INSTANT.format(m.lastUpdate()))
                .addAllSecondaryFabricUris(m.secondaryUris())
                .build();
    }

    // ---- SystemSetAttr / SystemGetAttr -------------------------------------------------------------------------

    /** Key prefixes DAOS keeps for itself (system properties and management internals): refused to set-attr. */
    static final List<String> RESERVED_ATTR_PREFIXES = List.of("prop.", "mgmt.");

    /**
     * Sets (or, with an empty value, deletes) system attributes through one raft entry; leader only.
     */
    public CompletableFuture<DaosResp> systemSetAttr(SystemSetAttrReq req) {
        RaftNode leader = leaderNode();
        if (req.getAttributesCount() == 0) {
            throw MgmtErrors.plain("no system attributes to set");
        }
        for (String key : new TreeSet<>(req.getAttributesMap().keySet())) {
            if (key.isBlank()) {
                throw MgmtErrors.plain("system attribute key must not be empty");
            }
            for (String prefix : RESERVED_ATTR_PREFIXES) {
                if (key.startsWith(prefix)) {
                    throw MgmtErrors.plain("system attribute key \"" + key + "\" uses the reserved prefix \""
                            + prefix + "\"");
                }
            }
        }
        Instant now = clock.instant();
        LogEntry entry = LogEntry.newBuilder().setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setSetAttrs(SetAttrs.newBuilder().putAllAttrs(req.getAttributesMap())).build();
        return commit(leader, entry).thenApply(result -> DaosResp.newBuilder().setStatus(0).build());
    }

    /** The requested attributes (every non-reserved one when no key is given); any replica answers. */
    public SystemGetAttrResp systemGetAttr(SystemGetAttrReq req) {
        Map<String, String> attrs = replicaNode().db().attributes();
        SystemGetAttrResp.Builder resp = SystemGetAttrResp.newBuilder();
        if (req.getKeysCount() == 0) {
            attrs.forEach((key, value) -> {
                if (RESERVED_ATTR_PREFIXES.stream().noneMatch(key::startsWith)) {
                    resp.putAttributes(key, value);
                }
            });
            return resp.build();
        }
        for (String key : req.getKeysList()) {
            String value = attrs.get(key);
            if (value == null) {
                throw MgmtErrors.plain("unable to find system attribute with key \"" + key + "\"");
            }
            resp.putAttributes(key, value);
        }
        return resp.build();
    }

    // ---- SystemStop / SystemStart / SystemExclude --------------------------------------------------------------

    /** DAOS fault 620: a command names administratively excluded ranks without ignoring them. */
    static final int FAULT_ADMIN_EXCLUDED = 620;
    /** The fan-out's deadline when the request carries none. */
    static final Duration DEFAULT_FANOUT_TIMEOUT = Duration.ofSeconds(30);
    static final String ACTION_SET_ADMIN_EXCLUDED = "set admin-excluded state";
    static final String ACTION_CLEAR_ADMIN_EXCLUDED = "clear admin-excluded state";

    /**
     * DAOS's system stop on the leader: without {@code force}, PrepShutdownRanks first (its results are the answer
     * when any rank failed it), then StopRanks; member states follow the results through one raft entry.
     */
    public CompletableFuture<SystemStopResp> systemStop(SystemStopReq req, io.grpc.Deadline deadline) {
        RaftNode leader = leaderNode();
        RankSelection selection = selectForFanout(leader, req.getRanks(), req.getHosts(),
                req.getIgnoreAdminExcluded());
        SystemStopResp.Builder resp = SystemStopResp.newBuilder().setAbsentranks(selection.absentRanks())
                .setAbsenthosts(selection.absentHosts());
        if (selection.members().isEmpty()) {
            return CompletableFuture.completedFuture(resp.build());
        }
        long start = System.nanoTime();
        List<Member> members = selection.members();
        RanksReq stop = RanksReq.newBuilder().setForce(req.getForce()).build();
        CompletableFuture<List<RankResult>> results;
        java.util.concurrent.atomic.AtomicReference<String> phase =
                new java.util.concurrent.atomic.AtomicReference<>(RankFanout.Method.STOP.action);
        if (req.getForce()) {
            results = fanout.run(RankFanout.Method.STOP, members, stop, deadline);
        } else {
            results = fanout.run(RankFanout.Method.PREP_SHUTDOWN, members, RanksReq.getDefaultInstance(), deadline)
                    .thenCompose(prep -> {
                        if (prep.stream().anyMatch(RankResult::getErrored)) {
                            LOG.warn("system stop aborted: prep shutdown failed on ranks {}", erroredRanks(prep));
                            phase.set(RankFanout.Method.PREP_SHUTDOWN.action);
                            return CompletableFuture.completedFuture(prep);
                        }
                        return fanout.run(RankFanout.Method.STOP, members, stop, deadline);
                    });
        }
        return results.whenComplete((r, e) -> fanoutStop.record(System.nanoTime() - start))
                .thenCompose(r -> applyResults(leader, r))
                .thenApply(r -> {
                    SystemEvents.stopFailed(phase.get(), r, server.hostname()).ifPresent(SystemEvents::log);
                    return resp.addAllResults(r).build();
                });
    }

    /** DAOS's system start on the leader: StartRanks on every selected host, then states from the results. */
    public CompletableFuture<SystemStartResp> systemStart(SystemStartReq req, io.grpc.Deadline deadline) {
        RaftNode leader = leaderNode();
        RankSelection selection = selectForFanout(leader, req.getRanks(), req.getHosts(),
                req.getIgnoreAdminExcluded());
        SystemStartResp.Builder resp = SystemStartResp.newBuilder().setAbsentranks(selection.absentRanks())
                .setAbsenthosts(selection.absentHosts());
        if (selection.members().isEmpty()) {
            return CompletableFuture.completedFuture(resp.build());
        }
        long start = System.nanoTime();
        return fanout.run(RankFanout.Method.START, selection.members(),
                        RanksReq.newBuilder().setCheckMode(req.getCheckMode()).build(), deadline)
                .whenComplete((r, e) -> fanoutStart.record(System.nanoTime() - start))
                .thenCompose(r -> applyResults(leader, r))
                .thenApply(r -> {
                    SystemEvents.startFailed(r, server.hostname()).ifPresent(SystemEvents::log);
                    return resp.addAllResults(r).build();
                });
    }

    /**
     * Sets AdminExcluded on the selected members, or with {@code clear} writes Excluded (so they may rejoin), in one
     * raft entry that bypasses the transition table, as DAOS does. Every named rank or host must be a member.
     */
    public CompletableFuture<SystemExcludeResp> systemExclude(SystemExcludeReq req) {
        RaftNode leader = leaderNode();
        if (req.getRanks().isBlank() && req.getHosts().isBlank()) {
            throw MgmtErrors.plain("no ranks or hosts specified to " + (req.getClear() ? "clear-exclude" : "exclude"));
        }
        RankSelection selection = select(leader, req.getRanks(), req.getHosts());
        if (!selection.absentRanks().isEmpty()) {
            throw MgmtErrors.plain("invalid rank(s): " + selection.absentRanks());
        }
        if (!selection.absentHosts().isEmpty()) {
            throw MgmtErrors.plain("invalid host(s): " + selection.absentHosts());
        }
        MemberState target = req.getClear() ? MemberState.EXCLUDED : MemberState.ADMIN_EXCLUDED;
        String action = req.getClear() ? ACTION_CLEAR_ADMIN_EXCLUDED : ACTION_SET_ADMIN_EXCLUDED;
        StateUpdates.Builder updates = StateUpdates.newBuilder();
        SystemExcludeResp.Builder resp = SystemExcludeResp.newBuilder();
        for (Member m : selection.members()) {
            updates.addUpdates(StateUpdate.newBuilder().setRank(m.rank()).setState(target.wireName()).setDirect(true)
                    .setInfo(req.getClear() ? "" : "administratively excluded"));
            resp.addResults(RankResult.newBuilder().setRank(m.rank()).setAction(action)
                    .setState(target.wireName()).setAddr(m.addr()));
        }
        return commit(leader, stateEntry(updates)).thenApply(result -> {
            LOG.info("{} on ranks {}", action, selection.rankSet());
            executor.execute(this::pushGroupMap);
            return resp.build();
        });
    }

    private RankSelection select(RaftNode on, String ranks, String hosts) {
        try {
            return RankSelection.resolve(on.db().members(), ranks, hosts);
        } catch (Fault f) {
            throw MgmtErrors.fault(f);
        }
    }

    /**
     * The members a stop or start acts on: AdminExcluded ones are left out silently when no ranks or hosts were
     * named or the caller ignores them, otherwise the command is refused (DAOS fault 620).
     */
    private RankSelection selectForFanout(RaftNode on, String ranks, String hosts, boolean ignoreAdminExcluded) {
        RankSelection selection = select(on, ranks, hosts);
        List<Member> excluded = selection.members().stream()
                .filter(m -> m.state() == MemberState.ADMIN_EXCLUDED).toList();
        if (excluded.isEmpty()) {
            return selection;
        }
        if (selection.explicit() && !ignoreAdminExcluded) {
            TreeSet<Long> excludedRanks = new TreeSet<>();
            excluded.forEach(m -> excludedRanks.add(Integer.toUnsignedLong(m.rank())));
            throw MgmtErrors.fault(new Fault("system", FAULT_ADMIN_EXCLUDED,
                    "ranks " + Ranks.format(excludedRanks) + " are administratively excluded",
                    "clear the exclusion with 'dmg system clear-exclude', or leave these ranks out, or pass"
                            + " --ignore-admin-excluded"));
        }
        return new RankSelection(selection.members().stream().filter(m -> m.state() != MemberState.ADMIN_EXCLUDED)
                .toList(), selection.absentRanks(), selection.absentHosts(), selection.explicit());
    }

    /**
     * DAOS's {@code UpdateMemberStates(results, updateOnFail=true)}: an errored result marks its rank Errored
     * (Unresponsive stays Unresponsive), illegal transitions are skipped when the entry is applied. One raft entry
     * for all results; the results are answered even when the entry cannot be committed (logged).
     */
    private CompletableFuture<List<RankResult>> applyResults(RaftNode leader, List<RankResult> results) {
        List<RankResult> answered = new ArrayList<>();
        StateUpdates.Builder updates = StateUpdates.newBuilder();
        for (RankResult r : results) {
            RankResult result = r;
            if (r.getErrored() && !MemberState.UNRESPONSIVE.wireName().equals(r.getState())) {
                result = r.toBuilder().setState(MemberState.ERRORED.wireName()).build();
            }
            answered.add(result);
            if (MemberState.fromWireName(result.getState()).isPresent()) {
                updates.addUpdates(StateUpdate.newBuilder().setRank(result.getRank()).setState(result.getState())
                        .setInfo(result.getMsg()));
            }
        }
        if (updates.getUpdatesCount() == 0) {
            return CompletableFuture.completedFuture(answered);
        }
        return commit(leader, stateEntry(updates)).handle((applied, error) -> {
            if (error != null) {
                LOG.warn("member states from {} results not recorded: {}", results.size(), error.toString());
            } else if (applied.getChanged()) {
                // as a rank set ("1-2048"): a system command on every rank would otherwise log thousands of them
                TreeSet<Long> changed = new TreeSet<>();
                applied.getChangedRanksList().forEach(r -> changed.add(Integer.toUnsignedLong(r)));
                LOG.info("member states updated for ranks {}", Ranks.format(changed));
                executor.execute(this::pushGroupMap);
            }
            return answered;
        });
    }

    private LogEntry stateEntry(StateUpdates.Builder updates) {
        Instant now = clock.instant();
        return LogEntry.newBuilder().setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setStateUpdates(updates).build();
    }

    private static String erroredRanks(List<RankResult> results) {
        TreeSet<Long> ranks = new TreeSet<>();
        results.stream().filter(RankResult::getErrored).forEach(r -> ranks.add(Integer.toUnsignedLong(r.getRank())));
        return Ranks.format(ranks);
    }

    // ---- SystemErase -------------------------------------------------------------------------------------------

    /**
     * DAOS's system erase. From an admin, on the leader: refused while members are Joined or Ready; then
     * ResetFormatRanks to every member's host under one deadline. When a rank failed, its results are the answer
     * and nothing is erased (states of the ranks that were reset are recorded; errors change no state). Otherwise
     * every other replica is told to erase its database copy (a replica that cannot be reached is skipped, as DAOS
     * does), then this one erases its own, and the answer is the reset results.
     *
     * <p>From another server ({@code fromServer}: the leader of an erase), this replica erases its own copy and
     * answers with no results. DAOS lets any replica a client reaches erase itself; since a DAOS client asks
     * several replicas at once, an admin's call on a follower is redirected to the leader instead.
     */
    public CompletableFuture<SystemEraseResp> systemErase(SystemEraseReq req, io.grpc.Deadline deadline,
                                                          boolean fromServer) {
        if (fromServer) {
            if (!replicas.isReplica()) {
                throw MgmtErrors.notReplica(replicas.resolved());
            }
            LOG.info("system erase: the leader asked this replica to erase its system database");
            eraseLocalDb();
            return CompletableFuture.completedFuture(SystemEraseResp.getDefaultInstance());
        }
        RaftNode leader = leaderNode();
        List<Member> members = leader.db().members();
        refuseEraseWhileRunning(members);
        CompletableFuture<List<RankResult>> reset = members.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : fanout.run(RankFanout.Method.RESET_FORMAT, members, RanksReq.getDefaultInstance(), deadline);
        return reset.thenCompose(results -> {
            List<RankResult> answered = results.stream()
                    .map(r -> r.toBuilder().setAction(RankFanout.Method.RESET_FORMAT.action).build()).toList();
            SystemEraseResp resp = SystemEraseResp.newBuilder().addAllResults(answered).build();
            if (answered.stream().anyMatch(RankResult::getErrored)) {
                LOG.warn("system erase stopped before erasing the database: reset format failed on ranks {}",
                        erroredRanks(answered));
                return applyResults(leader, answered.stream().filter(r -> !r.getErrored()).toList())
                        .thenApply(ignored -> resp);
            }
            return erasePeerReplicas(req, deadline).thenApply(done -> {
                LOG.info("system erase: ranks reset on {} hosts, erasing this replica's system database",
                        RankFanout.byHost(members).size());
                eraseLocalDb();
                return resp;
            });
        });
    }

    /** DAOS's client-side refusal, checked again here against the database: Joined or Ready members run. */
    static void refuseEraseWhileRunning(List<Member> members) {
        TreeSet<Long> running = new TreeSet<>();
        members.stream().filter(m -> m.state() == MemberState.JOINED || m.state() == MemberState.READY)
                .forEach(m -> running.add(Integer.toUnsignedLong(m.rank())));
        if (!running.isEmpty()) {
            throw MgmtErrors.plain("system erase requires the following " + running.size()
                    + (running.size() == 1 ? " rank" : " ranks") + " to be stopped: " + Ranks.format(running));
        }
    }

    /**
     * SystemErase from this leader to every other replica, at once, under the request's deadline. A replica that
     * cannot be reached, or has no database running, is skipped (logged); any other error fails the erase.
     */
    private CompletableFuture<Void> erasePeerReplicas(SystemEraseReq req, io.grpc.Deadline deadline) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        Optional<Integer> self = replicas.self();
        for (int i = 0; i < replicas.resolved().size(); i++) {
            if (self.isPresent() && self.get() == i) {
                continue;
            }
            String addr = replicas.resolved().get(i);
            CompletableFuture<Void> call = new CompletableFuture<>();
            calls.add(call);
            dev.dockmaster.proto.mgmt.MgmtSvcGrpc.newStub(peers.channel(addr)).withDeadline(deadline)
                    .systemErase(req, new io.grpc.stub.StreamObserver<>() {
                        @Override
                        public void onNext(SystemEraseResp value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            io.grpc.Status status = io.grpc.Status.fromThrowable(t);
                            if (peerEraseSkippable(status)) {
                                LOG.warn("system erase: replica {} skipped: {}", addr, RankFanout.describe(status));
                                call.complete(null);
                            } else {
                                call.completeExceptionally(MgmtErrors.plain("system erase on replica " + addr
                                        + " failed: " + RankFanout.describe(status)));
                            }
                        }

                        @Override
                        public void onCompleted() {
                            LOG.info("system erase: replica {} erased its system database", addr);
                            call.complete(null);
                        }
                    });
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    /** Unreachable replicas and replicas without a running database have nothing the erase could remove now. */
    static boolean peerEraseSkippable(io.grpc.Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> true;
            default -> description.contains(MgmtErrors.UNINITIALIZED) || description.contains(MgmtErrors.RAFT_UNAVAILABLE);
        };
    }

    /**
     * Erases this replica's copy of the system database: pending joins fail, raft stops and the node is detached
     * (calls answer "system is uninitialized" again), then the hook removes the raft directory and waits for engine
     * 0's next format to start a fresh replica. DAOS re-executes daos_server for the same effect.
     */
    void eraseLocalDb() {
        RaftNode current = node;
        node = null;
        JoinBatcher pending = batcher;
        batcher = null;
        if (pending != null) {
            pending.failPending(MgmtErrors.uninitialized());
        }
        if (current != null) {
            current.stopForErase();
        }
        lastPushedMapVersion.set(0);
        dbErased.run();
        LOG.info("system database erased on this replica; a storage format starts a fresh one");
    }

    // ---- SystemCleanup -----------------------------------------------------------------------------------------

    /**
     * DAOS evicts the machine's handles from every pool and answers one result per pool; Dockmaster has no pools
     * yet, so the answer is DAOS's answer for a system without pools: no results. Leader only.
     */
    public SystemCleanupResp systemCleanup(SystemCleanupReq req) {
        leaderNode();
        if (req.getMachine().isEmpty()) {
            throw MgmtErrors.plain("SystemCleanup requires a machine name.");
        }
        LOG.info("system cleanup for machine {}: no pools, no handles to evict", req.getMachine());
        return SystemCleanupResp.getDefaultInstance();
    }

    // ---- SystemSetProp / SystemGetProp -------------------------------------------------------------------------

    /** Checks every property, then stores them all as {@code prop.*} attributes in one raft entry; leader only. */
    public CompletableFuture<DaosResp> systemSetProp(SystemSetPropReq req) {
        RaftNode leader = leaderNode();
        Map<String, String> attrs;
        try {
            attrs = properties.attributesFor(req.getPropertiesMap());
        } catch (IllegalArgumentException e) {
            throw MgmtErrors.plain(e.getMessage());
        }
        if (attrs.isEmpty()) {
            throw MgmtErrors.plain("no system properties to set");
        }
        Instant now = clock.instant();
        LogEntry entry = LogEntry.newBuilder().setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setSetAttrs(SetAttrs.newBuilder().putAllAttrs(attrs)).build();
        return commit(leader, entry).thenApply(result -> {
            LOG.info("system properties set: {}", attrs);
            return DaosResp.newBuilder().setStatus(0).build();
        });
    }

    /** The named properties (every one when none is named), defaults for unset ones; any replica answers. */
    public SystemGetPropResp systemGetProp(SystemGetPropReq req) {
        Map<String, String> attrs = replicaNode().db().attributes();
        try {
            return SystemGetPropResp.newBuilder().putAllProperties(properties.values(attrs, req.getKeysList()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw MgmtErrors.plain(e.getMessage());
        }
    }

    // ---- LeaderQuery -------------------------------------------------------------------------------------------

    public LeaderQueryResp leaderQuery(LeaderQueryReq req) {
        RaftNode current = replicaNode();
        LeaderQueryResp.Builder resp = LeaderQueryResp.newBuilder()
                .setCurrentLeader(current.leader().map(this::addressOfPeer).orElse(""))
                .addAllReplicas(replicas.resolved());
        if (current.isLeader()) {
            // The leader knows which voters stopped answering; other replicas leave this to the client, as DAOS.
            Set<String> down = new LinkedHashSet<>();
            for (String id : current.silentFollowers(settings.heartbeatTimeout().multipliedBy(2))) {
                down.add(addressOfPeer(id));
            }
            resp.addAllDownReplicas(down);
        }
        return resp.build();
    }

    // ---- GetAttachInfo -----------------------------------------------------------------------------------------

    public GetAttachInfoResp getAttachInfo(GetAttachInfoReq req) {
        RaftNode current = replicaNode();
        SystemDb db = current.db();
        // ms_ranks: ranks whose daos_server is a replica (by control address, so replicas sharing an IP differ)
        Set<String> replicaAddrs = new HashSet<>(replicas.resolved());
        List<Member> inMap = db.members().stream().filter(m -> !m.state().excludedFromGroupMap()).toList();
        if (inMap.isEmpty()) {
            throw MgmtErrors.plain("empty group map (all ranks excluded?)");
        }
        GetAttachInfoResp.Builder resp = GetAttachInfoResp.newBuilder()
                .setStatus(0)
                .setDataVersion(db.version())
                .setSys(server.systemName())
                .setBuildInfo(buildInfo(server.daosVersion()))
                .setClientNetHint(ClientNetHint.newBuilder()
                        .setProvider(server.fabricProviders().isEmpty() ? "" : server.fabricProviders().get(0))
                        .setSrvSrxSet(-1));
        for (Member m : inMap) {
            boolean msRank = replicaAddrs.contains(m.addr());
            if (msRank) {
                resp.addMsRanks(m.rank());
            }
            if (msRank || req.getAllRanks()) {
                resp.addRankUris(GetAttachInfoResp.RankUri.newBuilder().setRank(m.rank()).setUri(m.fabricUri())
                        .setNumCtxs(m.fabricContexts()));
                for (int i = 0; i < m.secondaryUris().size(); i++) {
                    resp.addSecondaryRankUris(GetAttachInfoResp.RankUri.newBuilder().setRank(m.rank())
                            .setUri(m.secondaryUris().get(i)).setProviderIdx(i + 1)
                            .setNumCtxs(i < m.secondaryContexts().size() ? m.secondaryContexts().get(i) : 0));
                }
            }
        }
        for (int i = 1; i < server.fabricProviders().size(); i++) {
            resp.addSecondaryClientNetHints(ClientNetHint.newBuilder().setProvider(server.fabricProviders().get(i))
                    .setSrvSrxSet(-1).setProviderIdx(i));
        }
        return resp.build();
    }

    static BuildInfo buildInfo(String version) {
        String[] parts = version.split("[.-]", 4);
        BuildInfo.Builder out = BuildInfo.newBuilder();
        try {
            out.setMajor(parts.length > 0 ? Integer.parseInt(parts[0]) : 0);
            out.setMinor(parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
            out.setPatch(parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (NumberFormatException e) {
            // a version we cannot read leaves the numbers at 0
        }
        if (parts.length > 3) {
            out.setTag(parts[3]);
        }
        return out.build();
    }

    // ---- ClusterEvent ------------------------------------------------------------------------------------------

    public CompletableFuture<ClusterEventResp> clusterEvent(ClusterEventReq req) {
        RaftNode current = leaderNode();
        ClusterEventResp resp = ClusterEventResp.newBuilder().setSequence(req.getSequence()).setStatus(0).build();
        RASEvent event = req.getEvent();
        Optional<StateUpdate> update = stateUpdateFor(event);
        if (update.isEmpty()) {
            LOG.info("RAS event {} from {} (rank {}): {}", event.getId(), event.getHostname(),
                    Integer.toUnsignedString(event.getRank()), event.getMsg());
            return CompletableFuture.completedFuture(resp);
        }
        Instant now = clock.instant();
        LogEntry entry = LogEntry.newBuilder().setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setStateUpdate(update.get()).build();
        return commit(current, entry).thenApply(result -> {
            if (result.getChanged()) {
                LOG.info("rank {} marked {} after RAS event {} from {}", Integer.toUnsignedString(event.getRank()),
                        update.get().getState(), event.getId(), event.getHostname());
                executor.execute(this::pushGroupMap);
            }
            return resp;
        });
    }

    /** What a RAS event does to membership: engine_died → Errored, swim_rank_dead → Excluded, others nothing. */
    static Optional<StateUpdate> stateUpdateFor(RASEvent event) {
        return switch (event.getId()) {
            case RAS_ENGINE_DIED -> {
                String info = event.hasEngineStateInfo() && !event.getEngineStateInfo().getError().isEmpty()
                        ? event.getEngineStateInfo().getError() : event.getMsg();
                yield Optional.of(StateUpdate.newBuilder().setRank(event.getRank())
                        .setState(MemberState.ERRORED.wireName()).setInfo(info)
                        .setIncarnation(event.getIncarnation()).build());
            }
            case RAS_SWIM_RANK_DEAD -> Optional.of(StateUpdate.newBuilder().setRank(event.getRank())
                    .setState(MemberState.EXCLUDED.wireName()).setInfo("SWIM marked rank as dead")
                    .setIncarnation(event.getIncarnation()).build());
            default -> Optional.empty();
        };
    }

    /** Called when a local engine becomes ready: a group map it missed (no ready engine before) is sent now. */
    void engineReady() {
        executor.execute(this::pushGroupMap);
    }

    /** Rechecks, on the leader, what may have failed earlier (voters to add). */
    void periodicCheck() {
        try {
            addReplicaVoters();
            pushGroupMap();
        } catch (RuntimeException e) {
            LOG.debug("management service periodic check: {}", e.toString());
        }
    }

    /** The number of raft entries applied on this replica since start. */
    long appliedEntries() {
        RaftNode current = node;
        return current == null ? 0 : current.stateMachine().appliedEntries();
    }

    @Override
    public void close() {
        JoinBatcher current = batcher;
        if (current != null) {
            current.failPending(MgmtErrors.raftUnavailable());
        }
        peers.close();
        RaftNode n = node;
        node = null;
        if (n != null) {
            n.close();
        }
    }
}
