package dev.dockmaster.enginesim.pool;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.enginesim.fabric.CreateShard;
import dev.dockmaster.enginesim.fabric.DestroyShard;
import dev.dockmaster.enginesim.fabric.DropService;
import dev.dockmaster.enginesim.fabric.FabricClient;
import dev.dockmaster.enginesim.fabric.FabricReply;
import dev.dockmaster.enginesim.fabric.FabricRequest;
import dev.dockmaster.enginesim.fabric.FabricUri;
import dev.dockmaster.enginesim.fabric.GetService;
import dev.dockmaster.enginesim.fabric.PoolService;
import dev.dockmaster.enginesim.fabric.Prop;
import dev.dockmaster.enginesim.fabric.PutService;
import dev.dockmaster.enginesim.fabric.QueryShard;
import dev.dockmaster.enginesim.fabric.RankDirectory;
import dev.dockmaster.enginesim.fabric.RankTargets;
import dev.dockmaster.enginesim.fabric.ServiceCall;
import dev.dockmaster.enginesim.fabric.Shard;
import dev.dockmaster.enginesim.fabric.TargetState;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.AccessControlList;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.GetACLReq;
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
import dev.dockmaster.proto.mgmt.PoolRebuildStatus;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolReintResp;
import dev.dockmaster.proto.mgmt.PoolServiceState;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.proto.mgmt.PoolSetPropResp;
import dev.dockmaster.proto.mgmt.StorageMediaType;
import dev.dockmaster.proto.mgmt.StorageUsageStats;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The simulated engine's pool data plane: the pool dRPC methods of module 2 (the same messages as MgmtSvc's gRPC
 * calls) and the fabric requests other engines send. The engine that receives POOL_CREATE leads the create: it makes
 * a shard on every rank over the fabric, rolls all of them back on any failure, picks the service replicas and writes
 * the service metadata to each. Every later call is served by an engine holding the service (a replica); an engine
 * without a copy passes the call to the replicas the management service named in {@code svc_ranks}. Each change is
 * written to every reachable replica and needs a majority of them, as DAOS's replicated pool service does.
 */
public final class PoolEngine {
    public static final int POOL_CREATE = 207;
    public static final int POOL_DESTROY = 208;
    public static final int POOL_GET_ACL = 213;
    public static final int POOL_OVERWRITE_ACL = 215;
    public static final int POOL_UPDATE_ACL = 216;
    public static final int POOL_DELETE_ACL = 217;
    public static final int POOL_QUERY = 223;
    public static final int POOL_SET_PROP = 224;
    public static final int POOL_REINT = 226;
    public static final int POOL_EXCLUDE = 228;
    public static final int POOL_EVICT = 230;
    public static final int POOL_DRAIN = 231;
    public static final int POOL_GET_PROP = 237;
    private static final Set<Integer> METHODS = Set.of(POOL_CREATE, POOL_DESTROY, POOL_GET_ACL, POOL_OVERWRITE_ACL,
            POOL_UPDATE_ACL, POOL_DELETE_ACL, POOL_QUERY, POOL_SET_PROP, POOL_REINT, POOL_EXCLUDE, POOL_EVICT,
            POOL_DRAIN, POOL_GET_PROP);

    /** PoolQueryReq.query_mask bits. */
    static final long QUERY_SPACE = 1;
    static final long QUERY_REBUILD = 2;
    static final long QUERY_ENABLED = 4;
    static final long QUERY_DISABLED = 8;
    static final long QUERY_DEAD = 16;
    static final long QUERY_DEFAULT = QUERY_SPACE | QUERY_REBUILD;
    /** DAOS_POOL_GLOBAL_VERSION: the layout version a new pool gets. */
    static final int POOL_LAYOUT_VERSION = 3;

    private final PoolStore store;
    private final Supplier<EngineCapacity.Tiers> capacity;
    private final RankDirectory ranks;
    private final FabricClient fabric;
    private final int targets;
    private final PrintStream log;
    /** Serialises the service operations this engine executes (as the service's leader does in DAOS). */
    private final Object serviceLock = new Object();

    public PoolEngine(PoolStore store, Supplier<EngineCapacity.Tiers> capacity, RankDirectory ranks,
                      FabricClient fabric, int targets, PrintStream log) {
        this.store = store;
        this.capacity = capacity;
        this.ranks = ranks;
        this.fabric = fabric;
        this.targets = Math.max(targets, 1);
        this.log = log;
    }

    public static boolean handles(int method) {
        return METHODS.contains(method);
    }

    // ------------------------------------------------------------------------------------------------ dRPC entry

    /** One pool dRPC call: the answer message, whose status is a DAOS error number. */
    public MessageLite call(int method, ByteString body) throws InvalidProtocolBufferException {
        if (method == POOL_CREATE) {
            return create(PoolCreateReq.parseFrom(body));
        }
        Target target = target(method, body);
        Optional<PoolService> local = lookup(target.id());
        if (local.isPresent()) {
            return executeLocal(method, body);
        }
        return forward(method, body, target);
    }

    private record Target(String id, List<Integer> svcRanks) {
    }

    private static Target target(int method, ByteString body) throws InvalidProtocolBufferException {
        return switch (method) {
            case POOL_DESTROY -> { var r = PoolDestroyReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_GET_ACL -> { var r = GetACLReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_OVERWRITE_ACL, POOL_UPDATE_ACL -> {
                var r = ModifyACLReq.parseFrom(body);
                yield new Target(r.getId(), r.getSvcRanksList());
            }
            case POOL_DELETE_ACL -> { var r = DeleteACLReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_QUERY -> { var r = PoolQueryReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_SET_PROP -> { var r = PoolSetPropReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_GET_PROP -> { var r = PoolGetPropReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_REINT -> { var r = PoolReintReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_EXCLUDE -> { var r = PoolExcludeReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_DRAIN -> { var r = PoolDrainReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            case POOL_EVICT -> { var r = PoolEvictReq.parseFrom(body); yield new Target(r.getId(), r.getSvcRanksList()); }
            default -> throw new IllegalArgumentException("not a pool method: " + method);
        };
    }

    private Optional<PoolService> lookup(String id) {
        Optional<PoolService> byUuid = store.service(canonicalUuid(id));
        return byUuid.isPresent() ? byUuid : store.serviceByLabel(id);
    }

    private static String canonicalUuid(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    /** Passes the call to the first replica named by the management service that holds the pool. */
    private MessageLite forward(int method, ByteString body, Target target) throws InvalidProtocolBufferException {
        int status = Der.NONEXIST;
        for (int rank : target.svcRanks()) {
            if (ranks.isSelf(rank)) {
                continue;
            }
            try {
                FabricReply reply = onRank(rank, FabricRequest.newBuilder().setServiceCall(
                        ServiceCall.newBuilder().setMethod(method).setBody(body)).build());
                if (reply.getStatus() == 0) {
                    return parseAnswer(method, reply.getBody());
                }
                status = reply.getStatus();
            } catch (Der.Failure f) {
                log.println("daos_engine: pool service replica " + rank + " not reached: " + f.getMessage());
                status = status == Der.NONEXIST ? f.status() : status;
            }
        }
        if (target.svcRanks().isEmpty() || status == Der.NONEXIST) {
            log.println("daos_engine: pool " + target.id() + " is not known to this engine or its replicas");
            return answer(method, Der.NONEXIST);
        }
        return answer(method, status);
    }

    /** Runs a call this engine holds the service for; the answer carries the DAOS status. */
    private MessageLite executeLocal(int method, ByteString body) throws InvalidProtocolBufferException {
        synchronized (serviceLock) {
            try {
                return switch (method) {
                    case POOL_DESTROY -> destroy(PoolDestroyReq.parseFrom(body));
                    case POOL_GET_ACL -> getAcl(GetACLReq.parseFrom(body));
                    case POOL_OVERWRITE_ACL -> modifyAcl(ModifyACLReq.parseFrom(body), true);
                    case POOL_UPDATE_ACL -> modifyAcl(ModifyACLReq.parseFrom(body), false);
                    case POOL_DELETE_ACL -> deleteAcl(DeleteACLReq.parseFrom(body));
                    case POOL_QUERY -> query(PoolQueryReq.parseFrom(body));
                    case POOL_SET_PROP -> setProp(PoolSetPropReq.parseFrom(body));
                    case POOL_GET_PROP -> getProp(PoolGetPropReq.parseFrom(body));
                    case POOL_REINT -> {
                        var r = PoolReintReq.parseFrom(body);
                        targetChange(r.getId(), r.getRank(), r.getTargetidxList(), Change.REINT);
                        yield PoolReintResp.newBuilder().build();
                    }
                    case POOL_EXCLUDE -> {
                        var r = PoolExcludeReq.parseFrom(body);
                        targetChange(r.getId(), r.getRank(), r.getTargetidxList(), Change.EXCLUDE);
                        yield PoolExcludeResp.newBuilder().build();
                    }
                    case POOL_DRAIN -> {
                        var r = PoolDrainReq.parseFrom(body);
                        targetChange(r.getId(), r.getRank(), r.getTargetidxList(), Change.DRAIN);
                        yield PoolDrainResp.newBuilder().build();
                    }
                    case POOL_EVICT -> evict(PoolEvictReq.parseFrom(body));
                    default -> throw new IllegalArgumentException("not a pool method: " + method);
                };
            } catch (Der.Failure f) {
                log.println("daos_engine: pool call " + method + " refused (" + f.status() + "): " + f.getMessage());
                return answer(method, f.status());
            }
        }
    }

    private static MessageLite parseAnswer(int method, ByteString body) throws InvalidProtocolBufferException {
        return switch (method) {
            case POOL_DESTROY -> PoolDestroyResp.parseFrom(body);
            case POOL_GET_ACL, POOL_OVERWRITE_ACL, POOL_UPDATE_ACL, POOL_DELETE_ACL -> ACLResp.parseFrom(body);
            case POOL_QUERY -> PoolQueryResp.parseFrom(body);
            case POOL_SET_PROP -> PoolSetPropResp.parseFrom(body);
            case POOL_GET_PROP -> PoolGetPropResp.parseFrom(body);
            case POOL_REINT -> PoolReintResp.parseFrom(body);
            case POOL_EXCLUDE -> PoolExcludeResp.parseFrom(body);
            case POOL_DRAIN -> PoolDrainResp.parseFrom(body);
            case POOL_EVICT -> PoolEvictResp.parseFrom(body);
            default -> PoolCreateResp.parseFrom(body);
        };
    }

    /** The method's answer message carrying only a status. */
    static MessageLite answer(int method, int status) {
        return switch (method) {
            case POOL_CREATE -> PoolCreateResp.newBuilder().setStatus(status).build();
            case POOL_DESTROY -> PoolDestroyResp.newBuilder().setStatus(status).build();
            case POOL_GET_ACL, POOL_OVERWRITE_ACL, POOL_UPDATE_ACL, POOL_DELETE_ACL ->
                    ACLResp.newBuilder().setStatus(status).build();
            case POOL_QUERY -> PoolQueryResp.newBuilder().setStatus(status).build();
            case POOL_SET_PROP -> PoolSetPropResp.newBuilder().setStatus(status).build();
            case POOL_GET_PROP -> PoolGetPropResp.newBuilder().setStatus(status).build();
            case POOL_REINT -> PoolReintResp.newBuilder().setStatus(status).build();
            case POOL_EXCLUDE -> PoolExcludeResp.newBuilder().setStatus(status).build();
            case POOL_DRAIN -> PoolDrainResp.newBuilder().setStatus(status).build();
            case POOL_EVICT -> PoolEvictResp.newBuilder().setStatus(status).build();
            default -> throw new IllegalArgumentException("not a pool method: " + method);
        };
    }

    // ------------------------------------------------------------------------------------------------ create

    private MessageLite create(PoolCreateReq req) {
        synchronized (serviceLock) {
            try {
                return doCreate(req);
            } catch (Der.Failure f) {
                log.println("daos_engine: pool create " + req.getUuid() + " failed (" + f.status() + "): "
                        + f.getMessage());
                return PoolCreateResp.newBuilder().setStatus(f.status()).build();
            }
        }
    }

    private PoolCreateResp doCreate(PoolCreateReq req) throws Der.Failure {
        String uuid = parseUuid(req.getUuid());
        List<Integer> poolRanks = new ArrayList<>(new TreeSet<>(req.getRanksList()));
        if (poolRanks.isEmpty() || poolRanks.size() != req.getRanksCount()) {
            throw new Der.Failure(Der.INVAL, "pool create needs a list of distinct ranks, got " + req.getRanksList());
        }
        if (req.getTierbytesCount() < 1 || req.getTierbytesCount() > 2) {
            throw new Der.Failure(Der.INVAL, "pool create needs per-rank tier bytes (SCM[, NVMe]), got "
                    + req.getTierbytesList());
        }
        long scm = req.getTierbytes(0);
        long nvme = req.getTierbytesCount() > 1 ? req.getTierbytes(1) : 0;
        if (scm <= 0) {
            throw new Der.Failure(Der.INVAL, "pool create with no SCM bytes per rank");
        }
        List<Prop> given = PoolProps.check(req.getPropertiesList());
        String owner = req.getUser().isEmpty() ? PoolProps.OWNER_DEFAULT : req.getUser();
        String group = req.getUsergroup().isEmpty() ? PoolProps.OWNER_DEFAULT : req.getUsergroup();
        if (!Acl.principalIsValid(owner) || !Acl.principalIsValid(group)) {
            throw new Der.Failure(Der.INVAL, "owner '" + owner + "' or group '" + group + "' is not name@[domain]");
        }
        Acl acl = req.getAclCount() == 0 ? Acl.POOL_DEFAULT : Acl.parse(req.getAclList());
        long svcRf = svcRedundancy(req.getNumsvcreps(), given);
        if (store.service(uuid).isPresent() || store.shard(uuid).isPresent()) {
            throw new Der.Failure(Der.EXIST, "pool " + uuid + " already exists on this engine");
        }
        for (int rank : poolRanks) {
            if (ranks.uri(rank).isEmpty()) {
                throw new Der.Failure(Der.OOG, "rank " + rank + " is not in the group map this engine has");
            }
        }

        List<Integer> made = new ArrayList<>();
        List<RankTargets> layout = new ArrayList<>();
        try {
            for (int rank : poolRanks) {
                Shard shard = Shard.newBuilder().setPoolUuid(uuid).setRank(rank).setScmBytes(scm).setNvmeBytes(nvme)
                        .build();
                FabricReply reply = onRank(rank, FabricRequest.newBuilder().setCreateShard(
                        CreateShard.newBuilder().setShard(shard)).build());
                if (reply.getStatus() != 0) {
                    throw new Der.Failure(reply.getStatus(), "rank " + rank + " refused the pool's targets: "
                            + reply.getDetail());
                }
                made.add(rank);
                layout.add(RankTargets.newBuilder().setRank(rank).setScmBytes(scm).setNvmeBytes(nvme)
                        .addAllTargets(Collections.nCopies(Math.max(reply.getShard().getTargets(), 1),
                                TargetState.UPIN)).build());
            }
            List<Integer> replicas = chooseReplicas(uuid, poolRanks, svcRf);
            List<Prop> props = new ArrayList<>(PoolProps.merge(PoolProps.defaults(), given));
            props.removeIf(p -> p.getNumber() == PoolProps.OWNER || p.getNumber() == PoolProps.OWNER_GROUP);
            props = PoolProps.merge(props, List.of(Prop.newBuilder().setNumber(PoolProps.SVC_REDUN_FAC)
                    .setNum(svcRf).build()));
            PoolService service = PoolService.newBuilder().setUuid(uuid).addAllProps(props)
                    .addAllAcl(acl.strings()).setOwner(PoolProps.string(given, PoolProps.OWNER, owner))
                    .setOwnerGroup(PoolProps.string(given, PoolProps.OWNER_GROUP, group)).setMapVersion(1)
                    .addAllSvcReps(replicas).addAllRanks(layout).setMetaVersion(1).build();
            replicate(service, true);
            int leader = replicas.stream().filter(ranks::isSelf).findFirst().orElse(replicas.get(0));
            log.println("daos_engine: pool " + uuid + " created on ranks " + RankSets.bracketed(poolRanks)
                    + ", service replicas " + RankSets.bracketed(replicas));
            return PoolCreateResp.newBuilder().setStatus(0).setSvcLdr(leader).addAllSvcReps(replicas)
                    .addAllTgtRanks(poolRanks).addTierBytes(scm).addTierBytes(nvme).build();
        } catch (Der.Failure | RuntimeException failure) {
            rollBack(uuid, made, poolRanks);
            throw failure;
        }
    }

    /** Undoes a failed create: the service copies and shards that were written, whatever else fails. */
    private void rollBack(String uuid, List<Integer> made, List<Integer> poolRanks) {
        for (int rank : poolRanks) {
            try {
                onRank(rank, FabricRequest.newBuilder().setDropService(DropService.newBuilder().setPoolUuid(uuid))
                        .build());
            } catch (Der.Failure | RuntimeException e) {
                log.println("daos_engine: roll-back of pool " + uuid + " service on rank " + rank + ": " + e);
            }
        }
        for (int rank : made) {
            try {
                onRank(rank, FabricRequest.newBuilder().setDestroyShard(DestroyShard.newBuilder().setPoolUuid(uuid))
                        .build());
            } catch (Der.Failure | RuntimeException e) {
                log.println("daos_engine: roll-back of pool " + uuid + " targets on rank " + rank + ": " + e);
            }
        }
    }

    private static String parseUuid(String text) throws Der.Failure {
        try {
            UUID u = UUID.fromString(text);
            if (!u.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            throw new Der.Failure(Der.INVAL, "invalid pool UUID '" + text + "'");
        }
    }

    /**
     * The service redundancy factor (create_pool_props): from numsvcreps when given (rf = (n-1)/2 for even n, n/2
     * for odd, capped at 4), else the svc_rf property, else 2.
     */
    static long svcRedundancy(int numsvcreps, List<Prop> given) {
        if (numsvcreps > 0) {
            long rf = numsvcreps % 2 == 0 ? (numsvcreps - 1) / 2 : numsvcreps / 2;
            return Math.min(rf, PoolProps.SVC_REDUN_FAC_MAX);
        }
        return PoolProps.number(given, PoolProps.SVC_REDUN_FAC, PoolProps.SVC_REDUN_FAC_DEFAULT);
    }

    /**
     * 2·rf+1 replicas, or every rank when the pool has fewer, picked among the ranks in an order shuffled by the pool
     * UUID (DAOS shuffles the fault domains); the coordinating engine's rank goes first when it is in the pool, so it
     * leads. Sorted, as DAOS reports them.
     */
    List<Integer> chooseReplicas(String uuid, List<Integer> poolRanks, long svcRf) {
        int wanted = (int) Math.min(2 * svcRf + 1, poolRanks.size());
        List<Integer> order = new ArrayList<>(poolRanks);
        Collections.shuffle(order, new Random(UUID.fromString(uuid).getLeastSignificantBits()));
        order.sort((a, b) -> Boolean.compare(ranks.isSelf(b), ranks.isSelf(a)));
        List<Integer> chosen = new ArrayList<>(order.subList(0, wanted));
        Collections.sort(chosen);
        return chosen;
    }

    // ------------------------------------------------------------------------------------------------ service ops

    /**
     * The freshest copy of the service among the replicas (a replica that was down may have missed changes); the
     * local copy is brought up to date when another is newer.
     */
    private PoolService current(String id) throws Der.Failure {
        PoolService local = lookup(id).orElseThrow(() -> new Der.Failure(Der.NONEXIST, "no pool " + id));
        PoolService best = local;
        for (int rank : local.getSvcRepsList()) {
            if (ranks.isSelf(rank)) {
                continue;
            }
            try {
                FabricReply reply = onRank(rank, FabricRequest.newBuilder().setGetService(
                        GetService.newBuilder().setPoolUuid(local.getUuid())).build());
                if (reply.getStatus() == 0 && reply.getService().getMetaVersion() > best.getMetaVersion()) {
                    best = reply.getService();
                }
            } catch (Der.Failure f) {
                // an unreachable replica has nothing newer that a majority agreed on
            }
        }
        if (best != local) {
            store.put(best);
        }
        return best;
    }

    /**
     * Writes a new version of the service to every replica, this engine's own copy last and only once a majority
     * (counting it) is sure: a change that cannot reach a majority is refused with DER_TIMEDOUT and not kept here.
     * With {@code all} (a create) every replica must take it.
     */
    private void replicate(PoolService service, boolean all) throws Der.Failure {
        int acks = 0;
        boolean selfReplica = false;
        Der.Failure last = null;
        for (int rank : service.getSvcRepsList()) {
            if (ranks.isSelf(rank)) {
                selfReplica = true;
                continue;
            }
            try {
                FabricReply reply = onRank(rank, FabricRequest.newBuilder().setPutService(
                        PutService.newBuilder().setService(service)).build());
                if (reply.getStatus() == 0) {
                    acks++;
                    continue;
                }
                last = new Der.Failure(reply.getStatus(), "replica " + rank + " refused the pool service: "
                        + reply.getDetail());
            } catch (Der.Failure f) {
                last = f;
            }
            if (all) {
                throw last;
            }
        }
        int total = acks + (selfReplica ? 1 : 0);
        if (total <= service.getSvcRepsCount() / 2) {
            throw new Der.Failure(Der.TIMEDOUT, "only " + total + " of " + service.getSvcRepsCount()
                    + " pool service replicas took the change" + (last == null ? "" : ": " + last.getMessage()));
        }
        if (selfReplica) {
            store.put(service);
        }
    }

    private void commit(PoolService.Builder changed) throws Der.Failure {
        replicate(changed.setMetaVersion(changed.getMetaVersion() + 1).build(), false);
    }

    private MessageLite destroy(PoolDestroyReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        if (svc.getHandles() > 0 && !req.getForce()) {
            throw new Der.Failure(Der.BUSY, "pool " + svc.getUuid() + " has " + svc.getHandles() + " open handles");
        }
        List<String> failed = new ArrayList<>();
        for (RankTargets rt : svc.getRanksList()) {
            try {
                FabricReply reply = onRank(rt.getRank(), FabricRequest.newBuilder().setDestroyShard(
                        DestroyShard.newBuilder().setPoolUuid(svc.getUuid())).build());
                if (reply.getStatus() != 0) {
                    failed.add(rt.getRank() + " (" + reply.getStatus() + ")");
                }
            } catch (Der.Failure f) {
                failed.add(rt.getRank() + " (" + f.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            // The service stays so that a retried destroy can finish the ranks that were not reached.
            throw new Der.Failure(Der.UNREACH, "pool " + svc.getUuid() + " targets not destroyed on ranks " + failed);
        }
        for (int rank : svc.getSvcRepsList()) {
            try {
                onRank(rank, FabricRequest.newBuilder().setDropService(DropService.newBuilder()
                        .setPoolUuid(svc.getUuid())).build());
            } catch (Der.Failure f) {
                log.println("daos_engine: pool " + svc.getUuid() + " service copy on rank " + rank
                        + " left behind: " + f.getMessage());
            }
        }
        log.println("daos_engine: pool " + svc.getUuid() + " destroyed");
        return PoolDestroyResp.newBuilder().setStatus(0).build();
    }

    private MessageLite evict(PoolEvictReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        // Nothing connects to the simulated pools, so there is never a handle to close; the count says so.
        int evicted = svc.getHandles();
        if (evicted > 0) {
            commit(svc.toBuilder().setHandles(0));
        }
        return PoolEvictResp.newBuilder().setStatus(0).setCount(evicted).build();
    }

    private MessageLite getAcl(GetACLReq req) throws Der.Failure {
        return aclResp(current(req.getId()));
    }

    private MessageLite modifyAcl(ModifyACLReq req, boolean overwrite) throws Der.Failure {
        PoolService svc = current(req.getId());
        Acl given = Acl.parse(req.getEntriesList());
        Acl next = overwrite ? given : Acl.parse(svc.getAclList()).update(given);
        PoolService.Builder changed = svc.toBuilder().clearAcl().addAllAcl(next.strings());
        commit(changed);
        return aclResp(changed.build());
    }

    private MessageLite deleteAcl(DeleteACLReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        Acl next = Acl.parse(svc.getAclList()).delete(req.getPrincipal());
        PoolService.Builder changed = svc.toBuilder().clearAcl().addAllAcl(next.strings());
        commit(changed);
        return aclResp(changed.build());
    }

    private static ACLResp aclResp(PoolService svc) {
        return ACLResp.newBuilder().setStatus(0).setAcl(AccessControlList.newBuilder().addAllEntries(svc.getAclList())
                .setOwnerUser(svc.getOwner()).setOwnerGroup(svc.getOwnerGroup())).build();
    }

    private MessageLite setProp(PoolSetPropReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        if (req.getPropertiesCount() == 0) {
            throw new Der.Failure(Der.INVAL, "no properties to set");
        }
        List<Prop> given = PoolProps.check(req.getPropertiesList());
        PoolService.Builder changed = svc.toBuilder();
        List<Prop> rest = new ArrayList<>();
        for (Prop p : given) {
            switch (p.getNumber()) {
                case PoolProps.OWNER -> changed.setOwner(p.getStr());
                case PoolProps.OWNER_GROUP -> changed.setOwnerGroup(p.getStr());
                default -> rest.add(p);
            }
        }
        changed.clearProps().addAllProps(PoolProps.merge(svc.getPropsList(), rest));
        commit(changed);
        return PoolSetPropResp.newBuilder().setStatus(0).build();
    }

    private MessageLite getProp(PoolGetPropReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        List<Integer> wanted = new ArrayList<>();
        if (req.getPropertiesCount() == 0) {
            svc.getPropsList().forEach(p -> wanted.add(p.getNumber()));
            wanted.addAll(List.of(PoolProps.OWNER, PoolProps.OWNER_GROUP, PoolProps.SVC_LIST));
            Collections.sort(wanted);
        } else {
            for (PoolProperty p : req.getPropertiesList()) {
                if (!PoolProps.known(p.getNumber()) || p.getNumber() == PoolProps.ACL) {
                    throw new Der.Failure(Der.INVAL, "cannot read pool property number " + p.getNumber());
                }
                wanted.add(p.getNumber());
            }
        }
        PoolGetPropResp.Builder out = PoolGetPropResp.newBuilder().setStatus(0);
        for (int n : new LinkedHashSet<>(wanted)) {
            PoolProperty.Builder p = PoolProperty.newBuilder().setNumber(n);
            switch (n) {
                case PoolProps.OWNER -> p.setStrval(svc.getOwner());
                case PoolProps.OWNER_GROUP -> p.setStrval(svc.getOwnerGroup());
                case PoolProps.SVC_LIST -> p.setStrval(RankSets.bracketed(svc.getSvcRepsList()));
                default -> {
                    Optional<Prop> held = svc.getPropsList().stream().filter(x -> x.getNumber() == n).findFirst();
                    if (held.isEmpty()) {
                        continue;
                    }
                    p = PoolProps.toWire(held.get()).toBuilder();
                }
            }
            out.addProperties(p);
        }
        return out.build();
    }

    enum Change { EXCLUDE, DRAIN, REINT }

    /**
     * Exclude, drain or reintegrate a rank's targets (all when none are named) in the pool map. Rebuild is instant in
     * the simulator, so an excluded or drained target ends DOWNOUT and a reintegrated one UPIN; a change bumps the
     * map version once, a request that changes nothing leaves it.
     */
    private void targetChange(String id, int rank, List<Integer> indexes, Change change) throws Der.Failure {
        PoolService svc = current(id);
        PoolService.Builder changed = svc.toBuilder();
        int at = -1;
        for (int i = 0; i < svc.getRanksCount(); i++) {
            if (svc.getRanks(i).getRank() == rank) {
                at = i;
            }
        }
        if (at < 0) {
            throw new Der.Failure(Der.NONEXIST, "rank " + rank + " is not in pool " + svc.getUuid());
        }
        RankTargets rt = svc.getRanks(at);
        List<Integer> which = new ArrayList<>(indexes);
        if (which.isEmpty()) {
            for (int i = 0; i < rt.getTargetsCount(); i++) {
                which.add(i);
            }
        }
        RankTargets.Builder next = rt.toBuilder();
        boolean moved = false;
        for (int idx : which) {
            if (idx < 0 || idx >= rt.getTargetsCount()) {
                throw new Der.Failure(Der.NONEXIST, "rank " + rank + " has no target " + idx + " (it has "
                        + rt.getTargetsCount() + ")");
            }
            TargetState now = rt.getTargets(idx);
            TargetState to = switch (change) {
                case EXCLUDE, DRAIN -> now == TargetState.UPIN || now == TargetState.UP || now == TargetState.DRAIN
                        ? TargetState.DOWNOUT : now;
                case REINT -> TargetState.UPIN;
            };
            if (to != now) {
                next.setTargets(idx, to);
                moved = true;
            }
        }
        if (!moved) {
            return;
        }
        changed.setRanks(at, next).setMapVersion(svc.getMapVersion() + 1);
        commit(changed);
        log.println("daos_engine: pool " + svc.getUuid() + " rank " + rank + " targets " + which + " "
                + change.name().toLowerCase() + ", map version " + (svc.getMapVersion() + 1));
    }

    private MessageLite query(PoolQueryReq req) throws Der.Failure {
        PoolService svc = current(req.getId());
        long mask = req.getQueryMask() == 0 ? QUERY_DEFAULT : req.getQueryMask();
        List<Integer> enabled = new ArrayList<>();
        List<Integer> disabled = new ArrayList<>();
        List<Integer> dead = new ArrayList<>();
        int total = 0;
        int active = 0;
        List<long[]> scmTargets = new ArrayList<>();   // {size, free} of each in-service target
        List<long[]> nvmeTargets = new ArrayList<>();
        for (RankTargets rt : svc.getRanksList()) {
            total += rt.getTargetsCount();
            long up = rt.getTargetsList().stream().filter(PoolEngine::inService).count();
            active += (int) up;
            (up == 0 ? disabled : enabled).add(rt.getRank());
            Shard shard = null;
            if ((mask & (QUERY_SPACE | QUERY_DEAD)) != 0) {
                try {
                    FabricReply reply = onRank(rt.getRank(), FabricRequest.newBuilder().setQueryShard(
                            QueryShard.newBuilder().setPoolUuid(svc.getUuid())).build());
                    if (reply.getStatus() == 0) {
                        shard = reply.getShard();
                    }
                } catch (Der.Failure f) {
                    dead.add(rt.getRank());
                }
            }
            if (shard == null) {
                continue;
            }
            for (int t = 0; t < rt.getTargetsCount(); t++) {
                if (inService(rt.getTargets(t))) {
                    scmTargets.add(share(shard.getScmBytes(), shard.getScmUsed(), rt.getTargetsCount(), t));
                    nvmeTargets.add(share(shard.getNvmeBytes(), shard.getNvmeUsed(), rt.getTargetsCount(), t));
                }
            }
        }
        int leader = (int) ranks.selfRank();
        PoolQueryResp.Builder out = PoolQueryResp.newBuilder().setStatus(0).setUuid(svc.getUuid())
                .setLabel(PoolProps.string(svc.getPropsList(), PoolProps.LABEL, PoolProps.LABEL_DEFAULT))
                .setTotalTargets(total).setActiveTargets(active).setDisabledTargets(total - active)
                .setVersion(svc.getMapVersion()).setLeader(leader).setSvcLdr(leader).addAllSvcReps(svc.getSvcRepsList())
                .setTotalEngines(svc.getRanksCount()).setPoolLayoutVer(POOL_LAYOUT_VERSION)
                .setUpgradeLayoutVer(POOL_LAYOUT_VERSION)
                .setState(total == active ? PoolServiceState.Ready : PoolServiceState.Degraded).setQueryMask(mask);
        if ((mask & QUERY_SPACE) != 0) {
            out.addTierStats(stats(scmTargets, StorageMediaType.SCM));
            out.addTierStats(stats(nvmeTargets, StorageMediaType.NVME));
        }
        if ((mask & QUERY_REBUILD) != 0) {
            out.setRebuild(PoolRebuildStatus.newBuilder().setStatus(0).setState(PoolRebuildStatus.State.IDLE));
        }
        if ((mask & QUERY_ENABLED) != 0) {
            out.setEnabledRanks(RankSets.bracketed(enabled));
        }
        if ((mask & QUERY_DISABLED) != 0) {
            out.setDisabledRanks(RankSets.bracketed(disabled));
        }
        if ((mask & QUERY_DEAD) != 0) {
            out.setDeadRanks(RankSets.bracketed(dead));
        }
        return out.build();
    }

    private static boolean inService(TargetState s) {
        return s == TargetState.UPIN || s == TargetState.UP || s == TargetState.DRAIN;
    }

    /** Target {@code t}'s part of a rank's tier: an even split, the remainder on the first target. */
    static long[] share(long bytes, long used, int count, int t) {
        long size = bytes / count + (t == 0 ? bytes % count : 0);
        long usedPart = used / count + (t == 0 ? used % count : 0);
        return new long[] {size, Math.max(size - usedPart, 0)};
    }

    /** Tier space over targets: total and free summed, min/max/mean of a target's free space. */
    static StorageUsageStats stats(List<long[]> targetsSizeFree, StorageMediaType media) {
        long totalBytes = 0;
        long free = 0;
        long min = targetsSizeFree.isEmpty() ? 0 : Long.MAX_VALUE;
        long max = 0;
        for (long[] t : targetsSizeFree) {
            totalBytes += t[0];
            free += t[1];
            min = Math.min(min, t[1]);
            max = Math.max(max, t[1]);
        }
        long mean = targetsSizeFree.isEmpty() ? 0 : free / targetsSizeFree.size();
        return StorageUsageStats.newBuilder().setTotal(totalBytes).setFree(free).setMin(min).setMax(max).setMean(mean)
                .setMediaType(media).build();
    }

    // ------------------------------------------------------------------------------------------------ fabric

    /** A request from another engine (or from this one, without a socket). */
    public FabricReply fabric(FabricRequest req) {
        FabricReply.Builder out = FabricReply.newBuilder().setId(req.getId());
        try {
            switch (req.getOpCase()) {
                case CREATE_SHARD -> {
                    Shard asked = req.getCreateShard().getShard().toBuilder().setTargets(targets).build();
                    EngineCapacity.Tiers cap = capacity.get();
                    cap.problems().forEach(p -> log.println("daos_engine: capacity: " + p));
                    out.setShard(store.create(asked, cap));
                }
                case DESTROY_SHARD -> store.destroy(req.getDestroyShard().getPoolUuid());
                case QUERY_SHARD -> {
                    Optional<Shard> shard = store.shard(req.getQueryShard().getPoolUuid());
                    if (shard.isEmpty()) {
                        return out.setStatus(Der.NONEXIST).build();
                    }
                    out.setShard(shard.get());
                }
                case PUT_SERVICE -> store.put(req.getPutService().getService());
                case GET_SERVICE -> {
                    Optional<PoolService> svc = store.service(req.getGetService().getPoolUuid());
                    if (svc.isEmpty()) {
                        return out.setStatus(Der.NONEXIST).build();
                    }
                    out.setService(svc.get());
                }
                case DROP_SERVICE -> store.drop(req.getDropService().getPoolUuid());
                case SERVICE_CALL -> {
                    ServiceCall call = req.getServiceCall();
                    if (!handles(call.getMethod()) || call.getMethod() == POOL_CREATE) {
                        return out.setStatus(Der.INVAL).build();
                    }
                    Target target = target(call.getMethod(), call.getBody());
                    if (lookup(target.id()).isEmpty()) {
                        return out.setStatus(Der.NONEXIST).build();
                    }
                    out.setBody(executeLocal(call.getMethod(), call.getBody()).toByteString());
                }
                default -> {
                    return out.setStatus(Der.PROTO).build();
                }
            }
            return out.setStatus(0).build();
        } catch (Der.Failure f) {
            log.println("daos_engine: fabric " + req.getOpCase() + " refused (" + f.status() + "): " + f.getMessage());
            return out.setStatus(f.status()).setDetail(f.getMessage()).build();
        } catch (InvalidProtocolBufferException e) {
            return out.setStatus(Der.PROTO).build();
        }
    }

    /** Sends to a rank over the fabric, or handles it here when the rank is this engine's. */
    private FabricReply onRank(int rank, FabricRequest req) throws Der.Failure {
        if (ranks.isSelf(rank)) {
            return fabric(req);
        }
        FabricUri uri = ranks.uri(rank).orElseThrow(() -> new Der.Failure(Der.OOG,
                "rank " + rank + " is not in the group map this engine has"));
        try {
            return fabric.call(uri, req.toBuilder().setFromRank((int) ranks.selfRank()).build());
        } catch (IOException e) {
            throw new Der.Failure(Der.UNREACH, "rank " + rank + " at " + uri + ": " + e.getMessage());
        }
    }
}
