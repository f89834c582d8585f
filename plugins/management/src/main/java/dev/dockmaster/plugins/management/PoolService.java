package dev.dockmaster.plugins.management;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.PoolRemove;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.ModifyACLReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolDrainReq;
import dev.dockmaster.proto.mgmt.PoolDrainResp;
import dev.dockmaster.proto.mgmt.PoolEvictReq;
import dev.dockmaster.proto.mgmt.PoolEvictResp;
import dev.dockmaster.proto.mgmt.PoolExcludeReq;
import dev.dockmaster.proto.mgmt.PoolExcludeResp;
import dev.dockmaster.proto.mgmt.PoolGetPropReq;
import dev.dockmaster.proto.mgmt.PoolGetPropResp;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolReintResp;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.proto.mgmt.PoolSetPropResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.engine.PoolDirectory;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The management service's pool operations, as DAOS 2.6's {@code server/mgmt_pool.go} does them: the MS resolves the
 * pool (label or UUID) in its raft database, fills in the service ranks and forwards the request over dRPC (module
 * MGMT) to a ready local engine, which answers with the gRPC response message. Creates are serialised and recorded
 * Creating, then Ready; destroys are recorded Destroying, then removed. A new leader finishes what a lost one left
 * Creating or Destroying.
 *
 * <p>Writes run on the leader only, reads (query, properties, ACL, list) on any replica. The dRPC calls block, so the
 * handlers run on this class's executors; one operation at a time per pool ({@link PoolLocks}).
 */
public final class PoolService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolService.class);

    static final int DRPC_MODULE_MGMT = 2;
    static final int POOL_CREATE = 207;
    static final int POOL_DESTROY = 208;
    static final int POOL_GET_ACL = 213;
    static final int POOL_OVERWRITE_ACL = 215;
    static final int POOL_UPDATE_ACL = 216;
    static final int POOL_DELETE_ACL = 217;
    static final int POOL_QUERY = 223;
    static final int POOL_SET_PROP = 224;
    static final int POOL_REINT = 226;
    static final int POOL_EXCLUDE = 228;
    static final int POOL_EVICT = 230;
    static final int POOL_DRAIN = 231;
    static final int POOL_GET_PROP = 237;

    /** DAOS's default query mask: everything but the enabled, disabled and dead engine lists. */
    static final long DEFAULT_QUERY_MASK = ~(4L | 8L | 16L);
    /** Engine faults meaning "no local engine can take the call yet": a create answers DER_AGAIN for these. */
    static final Set<Integer> ENGINE_NOT_READY_CODES = Set.of(611, 2108, 2109);
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration LEADERSHIP_POLL = Duration.ofMillis(500);

    private final MsAccess ms;
    private final EngineHarness engines;
    private final Clock clock;
    private final Random random;
    private final PoolLocks locks;
    /** One create at a time, as DAOS's serialised request queue. */
    private final ExecutorService creates;
    private final ExecutorService operations;
    private final ScheduledExecutorService watcher;
    private volatile boolean wasLeader;

    PoolService(MsAccess ms, EngineHarness engines, Clock clock, Random random) {
        this.ms = ms;
        this.engines = engines;
        this.clock = clock;
        this.random = random;
        this.locks = new PoolLocks(clock);
        this.creates = Executors.newSingleThreadExecutor(ManagementModule.daemonThreads("pool-create"));
        this.operations = Executors.newCachedThreadPool(ManagementModule.daemonThreads("pool-ops"));
        this.watcher = Executors.newSingleThreadScheduledExecutor(ManagementModule.daemonThreads("pool-leader"));
    }

    /** Starts watching for this replica gaining leadership (then left-over pools are cleaned up). */
    void start() {
        watcher.scheduleWithFixedDelay(this::checkLeadership, LEADERSHIP_POLL.toMillis(), LEADERSHIP_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void checkLeadership() {
        boolean leader;
        try {
            leader = ms.isLeader();
        } catch (RuntimeException e) {
            leader = false;
        }
        if (leader && !wasLeader) {
            operations.execute(() -> {
                try {
                    cleanUpAfterStepUp();
                } catch (RuntimeException e) {
                    LOG.warn("pool clean-up after gaining leadership failed: {}", e.toString());
                }
            });
        }
        wasLeader = leader;
    }

    // ---- PoolCreate ---------------------------------------------------------------------------------------------

    public CompletableFuture<PoolCreateResp> create(PoolCreateReq req) {
        ms.leaderDb();
        return async(creates, () -> createNow(req));
    }

    PoolCreateResp createNow(PoolCreateReq req) {
        SystemDb db = ms.leaderDb();
        String uuid = parseUuid(req.getUuid(), "failed to parse pool UUID");
        try (PoolLocks.Lock lock = locks.take(uuid)) {
            Optional<PoolEntry> existing = db.pools().byUuid(uuid);
            if (existing.isPresent()) {
                return existingPool(db, existing.get());
            }
            String label = PoolRules.labelOf(req.getPropertiesList()).orElseThrow(PoolFaults::noLabel);
            if (!PoolRules.labelIsValid(label)) {
                throw MgmtErrors.daosStatus(DaosStatus.DER_INVAL, "invalid pool label \"" + label + "\": 1 to "
                        + PoolRules.LABEL_MAX_LENGTH + " letters, digits, '.', '_', ':' or '-', and not a UUID");
            }
            if (db.pools().byLabel(label).isPresent()) {
                throw PoolFaults.duplicateLabel(label);
            }
            List<Integer> ranks = PoolRules.selectRanks(availableRanks(db), req.getRanksList(), req.getNumranks(),
                    random);
            int replicas = PoolRules.serviceReplicas(req.getNumsvcreps(), ranks.size(), req.getPropertiesList());
            EngineView local = engines.engines().stream().findFirst()
                    .orElseThrow(() -> MgmtErrors.plain("harness has no managed instances"));
            if (req.getMetaBlobSize() > 0 && local.bdevTiers().stream().noneMatch(t -> (t.roleBits() & 2) != 0)) {
                throw MgmtErrors.plain("meta size set in request but md-on-ssd is not enabled in config");
            }
            List<Long> tierBytes = PoolRules.perRankTierBytes(new PoolRules.SizeRequest(req.getTierbytesList(),
                    req.getTierratioList(), req.getTotalbytes()), ranks.size(), local.targets(),
                    !local.bdevTiers().isEmpty());
            PoolCreateReq forward = req.toBuilder().setUuid(uuid)
                    .clearRanks().addAllRanks(ranks)
                    .clearTierbytes().addAllTierbytes(tierBytes)
                    .setTotalbytes(0).clearTierratio().setNumranks(0)
                    .setNumsvcreps(replicas)
                    .build();
            PoolEntry creating = new PoolEntry(uuid, label, PoolState.CREATING, List.of(), ranks, tierBytes,
                    clock.instant());
            write(LogEntry.newBuilder().setPoolAdd(creating.toRecord()));
            LOG.info("pool {} ({}) creating on ranks {}: {} SCM, {} NVMe per rank, {} service replicas", uuid, label,
                    ranks, tierBytes.get(0), tierBytes.get(1), replicas);
            return createOnEngine(creating, forward);
        }
    }

    /** DAOS's answer to a create retried with the UUID of a pool that exists. */
    private PoolCreateResp existingPool(SystemDb db, PoolEntry ps) {
        if (ps.state() != PoolState.READY) {
            // left half-made (or half-destroyed) by an earlier leader: finish it off, and have the client retry
            cleanUp(db, ps);
            throw MgmtErrors.daosStatus(DaosStatus.DER_AGAIN);
        }
        PoolQueryResp query;
        try {
            query = callEngine(POOL_QUERY, PoolQueryReq.newBuilder().setId(ps.uuid())
                    .addAllSvcRanks(serviceRanks(db, ps)).setQueryMask(DEFAULT_QUERY_MASK).build(),
                    PoolQueryResp::parseFrom, CALL_TIMEOUT);
            requireOk(query.getStatus());
        } catch (RuntimeException e) {
            throw MgmtErrors.plain("query on already-created pool failed: " + describe(e));
        }
        return PoolCreateResp.newBuilder().setSvcLdr(query.getSvcLdr()).addAllSvcReps(ps.svcRanks())
                .addAllTgtRanks(ps.targetRanks()).addAllTierBytes(ps.tierBytes()).build();
    }

    private PoolCreateResp createOnEngine(PoolEntry creating, PoolCreateReq forward) {
        PoolCreateResp resp;
        try {
            resp = callEngine(POOL_CREATE, forward, PoolCreateResp::parseFrom, CREATE_TIMEOUT);
        } catch (Fault f) {
            removeQuietly(creating.uuid());
            if (ENGINE_NOT_READY_CODES.contains(f.code())) {
                // as DAOS: no engine could take it yet; the client retries
                throw MgmtErrors.daosStatus(DaosStatus.DER_AGAIN);
            }
            throw f;
        } catch (RuntimeException e) {
            removeQuietly(creating.uuid());
            throw e;
        }
        if (resp.getStatus() != DaosStatus.SUCCESS) {
            LOG.warn("pool {} ({}) not created: {}", creating.uuid(), creating.label(),
                    DaosStatus.describe(resp.getStatus()));
            removeQuietly(creating.uuid());
            throw MgmtErrors.daosStatus(resp.getStatus());
        }
        PoolEntry ready = new PoolEntry(creating.uuid(), creating.label(), PoolState.READY, resp.getSvcRepsList(),
                resp.getTgtRanksCount() > 0 ? resp.getTgtRanksList() : creating.targetRanks(),
                resp.getTierBytesCount() > 0 ? resp.getTierBytesList() : creating.tierBytes(), clock.instant());
        try {
            write(LogEntry.newBuilder().setPoolUpdate(ready.toRecord()));
        } catch (RuntimeException e) {
            // The engines made the pool but it cannot be recorded Ready (leadership lost?): undo it, as DAOS does;
            // when even that fails, the next leader finds it Creating and cleans it up.
            LOG.error("pool {} created but not recorded Ready ({}): destroying it", creating.uuid(), describe(e));
            try {
                destroyOnEngines(creating, PoolDestroyReq.newBuilder().setId(creating.uuid()).setForce(true)
                        .setRecursive(true).build(), allRanksOrPoolRanks(creating));
            } catch (RuntimeException cleanup) {
                LOG.error("pool {} not destroyed after the failed create: {}", creating.uuid(), describe(cleanup));
            }
            throw e;
        }
        LOG.info("pool {} ({}) ready: service ranks {}", ready.uuid(), ready.label(), ready.svcRanks());
        return resp;
    }

    // ---- PoolDestroy --------------------------------------------------------------------------------------------

    public CompletableFuture<PoolDestroyResp> destroy(PoolDestroyReq req) {
        ms.leaderDb();
        return async(operations, () -> {
            SystemDb db = ms.leaderDb();
            PoolEntry ps = resolve(db, req.getId());
            try (PoolLocks.Lock lock = locks.take(ps.uuid())) {
                PoolEntry current = db.pools().byUuid(ps.uuid())
                        .orElseThrow(() -> MgmtErrors.poolNotFoundByUuid(ps.uuid()));
                return destroyLocked(db, current, req);
            }
        });
    }

    /**
     * DAOS's destroy with the pool's lock held: unless the pool is already Destroying, evict its handles first (open
     * handles refuse a destroy without {@code force}: DER_BUSY), record Destroying, then destroy on every rank of
     * the group map and remove the entry. No container exists in this system (containers are not served yet), so
     * the {@code recursive} refusal (fault 618) cannot arise.
     */
    private PoolDestroyResp destroyLocked(SystemDb db, PoolEntry ps, PoolDestroyReq req) {
        PoolEntry current = ps;
        if (current.state() != PoolState.DESTROYING) {
            int evicted;
            try {
                PoolEvictResp evict = serviceCall(db, current, POOL_EVICT, PoolEvictReq.newBuilder()
                        .setSys(req.getSys()).setId(current.uuid()).setDestroy(true)
                        .setForceDestroy(req.getForce()), PoolEvictResp::parseFrom);
                evicted = evict.getStatus();
            } catch (RuntimeException e) {
                if (!req.getForce()) {
                    throw e;
                }
                LOG.warn("pool {}: evict before the forced destroy failed: {}", current.uuid(), describe(e));
                evicted = DaosStatus.SUCCESS;
            }
            if (req.getForce() || (evicted != DaosStatus.DER_BUSY && evicted != DaosStatus.DER_NO_SERVICE)) {
                current = current.withState(PoolState.DESTROYING);
                write(LogEntry.newBuilder().setPoolUpdate(current.toRecord()));
            }
            if (evicted != DaosStatus.SUCCESS && !req.getForce()) {
                LOG.warn("pool {}: evict before destroy answered {}", current.uuid(), DaosStatus.describe(evicted));
                throw MgmtErrors.daosStatus(evicted);
            }
        }
        PoolDestroyResp resp = destroyOnEngines(current, req, groupMapRanks(db));
        if (resp.getStatus() != DaosStatus.SUCCESS) {
            LOG.error("pool {}: destroy answered {}", current.uuid(), DaosStatus.describe(resp.getStatus()));
            throw MgmtErrors.daosStatus(resp.getStatus());
        }
        removeQuietly(current.uuid());
        LOG.info("pool {} ({}) destroyed", current.uuid(), current.label());
        return resp;
    }

    /**
     * The destroy itself goes to every rank of the group map rather than the pool's service: that service may be
     * gone after an earlier attempt, and ranks once excluded from the pool are cleaned up too.
     */
    private PoolDestroyResp destroyOnEngines(PoolEntry ps, PoolDestroyReq req, List<Integer> ranks) {
        PoolDestroyReq forward = req.toBuilder().setId(ps.uuid()).clearSvcRanks().addAllSvcRanks(ranks).build();
        return callEngine(POOL_DESTROY, forward, PoolDestroyResp::parseFrom, CALL_TIMEOUT);
    }

    private List<Integer> allRanksOrPoolRanks(PoolEntry ps) {
        try {
            return groupMapRanks(ms.replicaDb());
        } catch (RuntimeException e) {
            return ps.targetRanks();
        }
    }

    /**
     * A pool that is not Ready is finished off (DAOS's {@code checkPools}): recorded Destroying, then destroyed
     * with force and recursion and removed. Best effort: a failure is logged and left for the next leader.
     */
    private void cleanUp(SystemDb db, PoolEntry ps) {
        LOG.warn("pool {} ({}) is in unexpected state {}: cleaning it up", ps.uuid(), ps.label(),
                ps.state().wireName());
        PoolEntry current = ps;
        if (current.state() != PoolState.DESTROYING) {
            current = current.withState(PoolState.DESTROYING);
            write(LogEntry.newBuilder().setPoolUpdate(current.toRecord()));
        }
        try {
            destroyLocked(db, current, PoolDestroyReq.newBuilder().setId(current.uuid()).setForce(true)
                    .setRecursive(true).build());
        } catch (RuntimeException e) {
            LOG.error("pool {} not destroyed: {} (the next leader retries)", current.uuid(), describe(e));
        }
    }

    /**
     * On gaining leadership: every pool left Creating or Destroying (by a leader that lost its office in the middle)
     * is cleaned up, unless an operation holds it.
     *
     * @return the UUIDs of the pools it tried to clean up
     */
    List<String> cleanUpAfterStepUp() {
        SystemDb db = ms.leaderDb();
        List<String> tried = new ArrayList<>();
        for (PoolEntry ps : db.pools().all()) {
            if (ps.state() == PoolState.READY) {
                continue;
            }
            PoolLocks.Lock lock;
            try {
                lock = locks.take(ps.uuid());
            } catch (Fault locked) {
                LOG.info("pool {} not cleaned up: {}", ps.uuid(), locked.getMessage());
                continue;
            }
            try (lock) {
                tried.add(ps.uuid());
                Optional<PoolEntry> current = db.pools().byUuid(ps.uuid());
                if (current.isPresent() && current.get().state() != PoolState.READY) {
                    cleanUp(db, current.get());
                }
            } catch (RuntimeException e) {
                LOG.error("pool {} clean-up failed: {}", ps.uuid(), describe(e));
            }
        }
        return tried;
    }

    // ---- ListPools, PoolQuery -----------------------------------------------------------------------------------

    /** Every pool in the database, in any state, with the database version it was read at; any replica. */
    public ListPoolsResp list(ListPoolsReq req) {
        SystemDb.PoolListing listing = ms.replicaDb().poolListing();
        ListPoolsResp.Builder resp = ListPoolsResp.newBuilder().setDataVersion(listing.version());
        for (PoolEntry p : listing.pools()) {
            resp.addPools(ListPoolsResp.Pool.newBuilder().setUuid(p.uuid()).setLabel(p.label())
                    .addAllSvcReps(p.svcRanks()).setState(p.state().wireName()));
        }
        return resp.build();
    }

    public CompletableFuture<PoolQueryResp> query(PoolQueryReq req) {
        SystemDb db = ms.replicaDb();
        return async(operations, () -> {
            PoolEntry ps = readyPool(db, req.getId());
            PoolQueryReq.Builder forward = req.toBuilder();
            if (req.getQueryMask() == 0) {
                forward.setQueryMask(DEFAULT_QUERY_MASK);
            }
            PoolQueryResp resp = serviceCall(db, ps, POOL_QUERY, forward, PoolQueryResp::parseFrom);
            requireOk(resp.getStatus());
            // DAOS 2.4 callers read the leader from "leader"
            return resp.toBuilder().setLeader(resp.getSvcLdr()).build();
        });
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public CompletableFuture<PoolSetPropResp> setProp(PoolSetPropReq req) {
        ms.leaderDb();
        return async(operations, () -> {
            SystemDb db = ms.leaderDb();
            PoolEntry resolved = resolve(db, req.getId());
            try (PoolLocks.Lock lock = locks.take(resolved.uuid())) {
                if (req.getPropertiesCount() == 0) {
                    throw MgmtErrors.plain("PoolSetProp() request with 0 properties");
                }
                List<PoolProperty> others = new ArrayList<>();
                for (PoolProperty prop : req.getPropertiesList()) {
                    if (prop.getNumber() == PoolRules.PROP_LABEL) {
                        // first and on its own: when it fails, no other property has changed
                        updateLabel(db, resolved.uuid(), req.getSys(), prop);
                    } else {
                        others.add(prop);
                    }
                }
                if (others.isEmpty()) {
                    return PoolSetPropResp.getDefaultInstance();
                }
                PoolEntry ps = readyPool(db, resolved.uuid());
                PoolSetPropResp resp = serviceCall(db, ps, POOL_SET_PROP,
                        req.toBuilder().clearProperties().addAllProperties(others), PoolSetPropResp::parseFrom);
                requireOk(resp.getStatus());
                return resp;
            }
        });
    }

    /** A label change: unique (fault 609), set on the pool's service, then recorded in the database. */
    private void updateLabel(SystemDb db, String uuid, String sys, PoolProperty prop) {
        String label = prop.getStrval();
        PoolEntry ps = readyPool(db, uuid);
        if (!label.isEmpty()) {
            if (!PoolRules.labelIsValid(label)) {
                throw MgmtErrors.daosStatus(DaosStatus.DER_INVAL, "invalid pool label \"" + label + "\"");
            }
            Optional<PoolEntry> holder = db.pools().byLabel(label);
            if (holder.isPresent() && !holder.get().uuid().equals(uuid)) {
                throw PoolFaults.duplicateLabel(label);
            }
        }
        PoolSetPropResp resp = serviceCall(db, ps, POOL_SET_PROP, PoolSetPropReq.newBuilder().setSys(sys)
                .setId(uuid).addProperties(prop), PoolSetPropResp::parseFrom);
        if (resp.getStatus() != DaosStatus.SUCCESS) {
            throw MgmtErrors.daosStatus(resp.getStatus(), "label update failed: "
                    + DaosStatus.describe(resp.getStatus()));
        }
        write(LogEntry.newBuilder().setPoolUpdate(ps.withLabel(label).toRecord()));
    }

    public CompletableFuture<PoolGetPropResp> getProp(PoolGetPropReq req) {
        SystemDb db = ms.replicaDb();
        return async(operations, () -> {
            // not "all": some properties (the ACL...) are not for this call, as in DAOS
            if (req.getPropertiesCount() == 0) {
                throw MgmtErrors.plain("PoolGetProp() request with 0 properties");
            }
            PoolGetPropResp resp = serviceCall(db, readyPool(db, req.getId()), POOL_GET_PROP, req.toBuilder(),
                    PoolGetPropResp::parseFrom);
            requireOk(resp.getStatus());
            return resp;
        });
    }

    // ---- ACL ----------------------------------------------------------------------------------------------------

    public CompletableFuture<ACLResp> getAcl(GetACLReq req) {
        SystemDb db = ms.replicaDb();
        return async(operations, () -> checked(serviceCall(db, readyPool(db, req.getId()), POOL_GET_ACL,
                req.toBuilder(), ACLResp::parseFrom)));
    }

    public CompletableFuture<ACLResp> overwriteAcl(ModifyACLReq req) {
        return lockedCall(req.getId(), POOL_OVERWRITE_ACL, req.toBuilder(), ACLResp::parseFrom, ACLResp::getStatus);
    }

    public CompletableFuture<ACLResp> updateAcl(ModifyACLReq req) {
        return lockedCall(req.getId(), POOL_UPDATE_ACL, req.toBuilder(), ACLResp::parseFrom, ACLResp::getStatus);
    }

    public CompletableFuture<ACLResp> deleteAcl(DeleteACLReq req) {
        return lockedCall(req.getId(), POOL_DELETE_ACL, req.toBuilder(), ACLResp::parseFrom, ACLResp::getStatus);
    }

    private static ACLResp checked(ACLResp resp) {
        requireOk(resp.getStatus());
        return resp;
    }

    // ---- evict, exclude, drain, reintegrate ---------------------------------------------------------------------

    public CompletableFuture<PoolEvictResp> evict(PoolEvictReq req) {
        SystemDb db = ms.leaderDb();
        return async(operations, () -> {
            PoolEvictResp resp = serviceCall(db, readyPool(db, req.getId()), POOL_EVICT, req.toBuilder(),
                    PoolEvictResp::parseFrom);
            requireOk(resp.getStatus());
            if (resp.getCount() > 0) {
                LOG.info("pool {}: evicted {} handle(s)", req.getId(), resp.getCount());
            }
            return resp;
        });
    }

    public CompletableFuture<PoolExcludeResp> exclude(PoolExcludeReq req) {
        checkRankAvailable(ms.leaderDb(), req.getRank());
        return lockedCall(req.getId(), POOL_EXCLUDE, req.toBuilder(), PoolExcludeResp::parseFrom,
                PoolExcludeResp::getStatus);
    }

    public CompletableFuture<PoolDrainResp> drain(PoolDrainReq req) {
        checkRankAvailable(ms.leaderDb(), req.getRank());
        return lockedCall(req.getId(), POOL_DRAIN, req.toBuilder(), PoolDrainResp::parseFrom,
                PoolDrainResp::getStatus);
    }

    public CompletableFuture<PoolReintResp> reintegrate(PoolReintReq req) {
        SystemDb db = ms.leaderDb();
        checkRankAvailable(db, req.getRank());
        // the rank gets back the sizes the pool was created with
        PoolEntry ps = readyPool(db, req.getId());
        return lockedCall(req.getId(), POOL_REINT, req.toBuilder().clearTierbytes().addAllTierbytes(ps.tierBytes()),
                PoolReintResp::parseFrom, PoolReintResp::getStatus);
    }

    /** A rank a pool operation names must be a Joined (or Ready) member (fault 606 otherwise). */
    private static void checkRankAvailable(SystemDb db, int rank) {
        if (!availableRanks(db).contains(rank)) {
            throw PoolFaults.invalidRanks(List.of(rank));
        }
    }

    private <B extends com.google.protobuf.Message.Builder, T extends MessageLite> CompletableFuture<T> lockedCall(
            String id, int method, B req, Parser<T> parser, java.util.function.ToIntFunction<T> status) {
        ms.leaderDb();
        return async(operations, () -> {
            SystemDb db = ms.leaderDb();
            PoolEntry resolved = resolve(db, id);
            try (PoolLocks.Lock lock = locks.take(resolved.uuid())) {
                T resp = serviceCall(db, readyPool(db, resolved.uuid()), method, req, parser);
                requireOk(status.applyAsInt(resp));
                return resp;
            }
        });
    }

    // ---- the engines' look-ups ----------------------------------------------------------------------------------

    /** The pool records for the engines' dRPC upcalls; a server that is not a replica knows no pool. */
    public PoolDirectory directory() {
        return new PoolDirectory() {
            @Override
            public Optional<Pool> byUuid(String uuid) {
                return db().flatMap(db -> db.pools().byUuid(uuid)).map(PoolService::toDirectory);
            }

            @Override
            public Optional<Pool> byLabel(String label) {
                return db().flatMap(db -> db.pools().byLabel(label)).map(PoolService::toDirectory);
            }

            @Override
            public List<Pool> pools() {
                return db().map(db -> db.pools().all().stream().map(PoolService::toDirectory).toList())
                        .orElse(List.of());
            }

            private Optional<SystemDb> db() {
                try {
                    return Optional.of(ms.replicaDb());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        };
    }

    private static PoolDirectory.Pool toDirectory(PoolEntry p) {
        return new PoolDirectory.Pool(p.uuid(), p.label(), p.svcRanks(), p.state() == PoolState.READY);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The pool an id names: a UUID, else a label; DAOS's pool-not-found error otherwise. */
    static PoolEntry resolve(SystemDb db, String id) {
        if (id.isEmpty()) {
            throw MgmtErrors.plain("empty pool id");
        }
        if (PoolRules.looksLikeUuid(id)) {
            String uuid = UUID.fromString(id).toString();
            return db.pools().byUuid(uuid).orElseThrow(() -> MgmtErrors.poolNotFoundByUuid(uuid));
        }
        return db.pools().byLabel(id).orElseThrow(() -> MgmtErrors.poolNotFoundByLabel(id));
    }

    /** A pool operation needs a Ready pool: one being created or destroyed answers DER_AGAIN, as DAOS. */
    static PoolEntry readyPool(SystemDb db, String id) {
        PoolEntry ps = resolve(db, id);
        if (ps.state() != PoolState.READY) {
            throw MgmtErrors.daosStatus(DaosStatus.DER_AGAIN);
        }
        return ps;
    }

    /** Ranks of Joined or Ready members (DAOS's AvailableMemberFilter), in rank order. */
    static List<Integer> availableRanks(SystemDb db) {
        return db.members().stream()
                .filter(m -> m.state() == MemberState.JOINED || m.state() == MemberState.READY)
                .map(Member::rank).toList();
    }

    /** Every rank of the group map, in rank order. */
    static List<Integer> groupMapRanks(SystemDb db) {
        return db.members().stream().filter(m -> !m.state().excludedFromGroupMap()).map(Member::rank)
                .sorted(Integer::compareUnsigned).toList();
    }

    /** The pool's service replicas whose members are available. */
    static List<Integer> serviceRanks(SystemDb db, PoolEntry ps) {
        List<Integer> available = availableRanks(db);
        List<Integer> ranks = ps.svcRanks().stream().filter(available::contains).toList();
        if (ranks.isEmpty()) {
            throw MgmtErrors.plain("unable to find any available service ranks for pool " + ps.uuid());
        }
        return ranks;
    }

    /**
     * Sends a pool service request to a local engine with the pool's UUID as its id and, unless the caller gave
     * them, the pool's available service ranks. Every pool request message has {@code id} (2) and
     * {@code svc_ranks}; the builder's descriptor finds them.
     */
    private <T extends MessageLite> T serviceCall(SystemDb db, PoolEntry ps, int method,
                                                  com.google.protobuf.Message.Builder req, Parser<T> parser) {
        com.google.protobuf.Descriptors.FieldDescriptor id = req.getDescriptorForType().findFieldByName("id");
        com.google.protobuf.Descriptors.FieldDescriptor svc =
                req.getDescriptorForType().findFieldByName("svc_ranks");
        req.setField(id, ps.uuid());
        if (req.getRepeatedFieldCount(svc) == 0) {
            req.setField(svc, serviceRanks(db, ps));
        }
        return callEngine(method, req.build(), parser, CALL_TIMEOUT);
    }

    private <T extends MessageLite> T callEngine(int method, MessageLite req, Parser<T> parser, Duration timeout) {
        byte[] answer = engines.callEngine(DRPC_MODULE_MGMT, method, req.toByteArray(), timeout);
        try {
            return parser.parse(answer);
        } catch (InvalidProtocolBufferException e) {
            throw MgmtErrors.plain("undecodable answer from the engine to dRPC method " + method + ": "
                    + e.getMessage());
        }
    }

    /** A non-zero DAOS status becomes the call's error, as DAOS's status interceptor does. */
    static void requireOk(int status) {
        if (status != DaosStatus.SUCCESS) {
            throw MgmtErrors.daosStatus(status);
        }
    }

    /** Commits a pool entry on the leader and waits until it is applied; a refused change is an error. */
    private ApplyResult write(LogEntry.Builder entry) {
        Instant now = clock.instant();
        LogEntry built = entry.setTimeNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano()).build();
        ApplyResult result;
        try {
            result = ms.commit(built).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw MgmtErrors.plain("raft write failed: " + cause);
        } catch (TimeoutException e) {
            throw MgmtErrors.plain("raft write not committed within " + WRITE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MgmtErrors.plain("interrupted while writing to the system database");
        }
        if (!result.getPoolError().isEmpty()) {
            throw MgmtErrors.plain(result.getPoolError());
        }
        return result;
    }

    private void removeQuietly(String uuid) {
        try {
            write(LogEntry.newBuilder().setPoolRemove(PoolRemove.newBuilder().setUuid(uuid)));
        } catch (RuntimeException e) {
            LOG.error("pool {}: entry not removed ({}); the next leader cleans it up", uuid, describe(e));
        }
    }

    private static String parseUuid(String text, String what) {
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw MgmtErrors.plain(what + " \"" + text + "\": " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof StatusRuntimeException s) {
            return s.getStatus().getDescription();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Runs a blocking handler on {@code executor}; what the rules throw as plain arguments becomes DAOS's text. */
    private static <T> CompletableFuture<T> async(ExecutorService executor, Supplier<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return handler.get();
            } catch (IllegalArgumentException e) {
                throw MgmtErrors.plain(e.getMessage());
            }
        }, executor);
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        creates.shutdownNow();
        operations.shutdownNow();
    }
}
