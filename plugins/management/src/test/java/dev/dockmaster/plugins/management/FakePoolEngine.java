package dev.dockmaster.plugins.management;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.AccessControlList;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.ModifyACLReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolDrainResp;
import dev.dockmaster.proto.mgmt.PoolEvictReq;
import dev.dockmaster.proto.mgmt.PoolEvictResp;
import dev.dockmaster.proto.mgmt.PoolExcludeResp;
import dev.dockmaster.proto.mgmt.PoolGetPropReq;
import dev.dockmaster.proto.mgmt.PoolGetPropResp;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolReintResp;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.proto.mgmt.PoolSetPropResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording fake of the engines' pool data plane, answering the MGMT dRPC pool methods in-JVM as the engine
 * simulator does (per-rank SCM/NVMe capacity, DER_NOSPACE when short, pools with properties and ACLs). Scripted
 * answers ({@link #answer}, {@link #fail}) replace the bookkeeping for one method.
 */
final class FakePoolEngine implements EngineHarness {
    /** One dRPC call the service made. */
    record Call(int method, MessageLite request) {
    }

    /** One pool as the fake engines keep it. */
    static final class Pool {
        final PoolCreateReq created;
        final Map<Integer, PoolProperty> props = new ConcurrentHashMap<>();
        final List<String> acl = new CopyOnWriteArrayList<>();

        Pool(PoolCreateReq created) {
            this.created = created;
            created.getPropertiesList().forEach(p -> props.put(p.getNumber(), p));
            acl.addAll(created.getAclList());
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Pool> pools = new ConcurrentHashMap<>();
    final Map<Integer, Integer> scriptedStatus = new ConcurrentHashMap<>();
    final Map<Integer, RuntimeException> scriptedFailure = new ConcurrentHashMap<>();
    volatile int openHandles;
    volatile String scmMount = "/mnt/daos0";
    private final int targets;
    private final long scmPerRank;
    private final long nvmePerRank;

    FakePoolEngine(int targets, long scmPerRank, long nvmePerRank) {
        this.targets = targets;
        this.scmPerRank = scmPerRank;
        this.nvmePerRank = nvmePerRank;
    }

    /** 4 targets, 4 GiB SCM and 64 GiB NVMe per rank. */
    static FakePoolEngine standard() {
        return new FakePoolEngine(4, 4L << 30, 64L << 30);
    }

    /** Where engine 0's SCM is mounted (the MS keeps its raft log there). */
    FakePoolEngine withScmMount(java.nio.file.Path mount) {
        scmMount = mount.toString();
        return this;
    }

    FakePoolEngine answer(int method, int status) {
        scriptedStatus.put(method, status);
        return this;
    }

    FakePoolEngine fail(int method, RuntimeException failure) {
        scriptedFailure.put(method, failure);
        return this;
    }

    List<Integer> methods() {
        return calls.stream().map(Call::method).toList();
    }

    @SuppressWarnings("unchecked")
    <T extends MessageLite> List<T> requests(int method) {
        return calls.stream().filter(c -> c.method() == method).map(c -> (T) c.request()).toList();
    }

    @Override
    public List<EngineView> engines() {
        List<EngineTier> tiers = new ArrayList<>();
        tiers.add(new EngineTier(0, "ram", scmMount, List.of(), 0));
        if (nvmePerRank > 0) {
            tiers.add(new EngineTier(1, "file", "", List.of("/tmp/bdev0"), 0));
        }
        return List.of(new EngineView(0, EngineState.READY, tiers, OptionalInt.of(0), targets));
    }

    @Override
    public List<EngineFormatResult> format(boolean reformat) {
        return List.of();
    }

    @Override
    public byte[] callEngine(int module, int method, byte[] body, Duration timeout) {
        if (module != 2) {
            throw new AssertionError("dRPC module " + module);
        }
        try {
            return answerFor(method, body).toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private MessageLite answerFor(int method, byte[] body) throws InvalidProtocolBufferException {
        switch (method) {
            case ManagementService.DRPC_GROUP_UPDATE -> {
                return GroupUpdateResp.getDefaultInstance();
            }
            case PoolService.POOL_CREATE -> {
                PoolCreateReq req = PoolCreateReq.parseFrom(body);
                record(method, req);
                int status = scripted(method);
                if (status != 0) {
                    return PoolCreateResp.newBuilder().setStatus(status).build();
                }
                long usedScm = pools.values().stream().mapToLong(p -> p.created.getTierbytes(0)).sum();
                long usedNvme = pools.values().stream().mapToLong(p -> p.created.getTierbytes(1)).sum();
                if (usedScm + req.getTierbytes(0) > scmPerRank || usedNvme + req.getTierbytes(1) > nvmePerRank) {
                    return PoolCreateResp.newBuilder().setStatus(DaosStatus.DER_NOSPACE).build();
                }
                pools.put(req.getUuid(), new Pool(req));
                List<Integer> reps = req.getRanksList().subList(0, Math.min(req.getNumsvcreps(), req.getRanksCount()));
                return PoolCreateResp.newBuilder().setSvcLdr(reps.get(0)).addAllSvcReps(reps)
                        .addAllTgtRanks(req.getRanksList()).addAllTierBytes(req.getTierbytesList()).build();
            }
            case PoolService.POOL_DESTROY -> {
                PoolDestroyReq req = PoolDestroyReq.parseFrom(body);
                record(method, req);
                int status = scripted(method);
                if (status == 0) {
                    pools.remove(req.getId());
                }
                return PoolDestroyResp.newBuilder().setStatus(status).build();
            }
            case PoolService.POOL_EVICT -> {
                PoolEvictReq req = PoolEvictReq.parseFrom(body);
                record(method, req);
                int status = scripted(method);
                if (status == 0 && openHandles > 0 && req.getDestroy() && !req.getForceDestroy()) {
                    status = DaosStatus.DER_BUSY;
                }
                int count = status == 0 ? openHandles : 0;
                if (status == 0) {
                    openHandles = 0;
                }
                return PoolEvictResp.newBuilder().setStatus(status).setCount(count).build();
            }
            case PoolService.POOL_QUERY -> {
                PoolQueryReq req = PoolQueryReq.parseFrom(body);
                record(method, req);
                Pool pool = pools.get(req.getId());
                if (pool == null) {
                    return PoolQueryResp.newBuilder().setStatus(DaosStatus.DER_NONEXIST).build();
                }
                int ranks = pool.created.getRanksCount();
                return PoolQueryResp.newBuilder().setStatus(scripted(method)).setUuid(req.getId())
                        .setLabel(pool.props.get(1).getStrval()).setTotalTargets(ranks * targets)
                        .setActiveTargets(ranks * targets).setTotalEngines(ranks)
                        .setSvcLdr(req.getSvcRanks(0)).addAllSvcReps(req.getSvcRanksList())
                        .setQueryMask(req.getQueryMask()).build();
            }
            case PoolService.POOL_SET_PROP -> {
                PoolSetPropReq req = PoolSetPropReq.parseFrom(body);
                record(method, req);
                int status = scripted(method);
                if (status == 0) {
                    req.getPropertiesList().forEach(p -> pools.get(req.getId()).props.put(p.getNumber(), p));
                }
                return PoolSetPropResp.newBuilder().setStatus(status).build();
            }
            case PoolService.POOL_GET_PROP -> {
                PoolGetPropReq req = PoolGetPropReq.parseFrom(body);
                record(method, req);
                PoolGetPropResp.Builder resp = PoolGetPropResp.newBuilder().setStatus(scripted(method));
                for (PoolProperty wanted : req.getPropertiesList()) {
                    PoolProperty have = pools.get(req.getId()).props.get(wanted.getNumber());
                    if (have != null) {
                        resp.addProperties(have);
                    }
                }
                return resp.build();
            }
            case PoolService.POOL_GET_ACL -> {
                GetACLReq req = GetACLReq.parseFrom(body);
                record(method, req);
                return acl(req.getId(), method);
            }
            case PoolService.POOL_OVERWRITE_ACL, PoolService.POOL_UPDATE_ACL -> {
                ModifyACLReq req = ModifyACLReq.parseFrom(body);
                record(method, req);
                Pool pool = pools.get(req.getId());
                if (method == PoolService.POOL_OVERWRITE_ACL) {
                    pool.acl.clear();
                }
                for (String entry : req.getEntriesList()) {
                    String principal = entry.substring(0, entry.lastIndexOf(':'));
                    pool.acl.removeIf(e -> e.substring(0, e.lastIndexOf(':')).equals(principal));
                    pool.acl.add(entry);
                }
                return acl(req.getId(), method);
            }
            case PoolService.POOL_DELETE_ACL -> {
                DeleteACLReq req = DeleteACLReq.parseFrom(body);
                record(method, req);
                pools.get(req.getId()).acl.removeIf(e -> e.contains(":" + req.getPrincipal() + ":"));
                return acl(req.getId(), method);
            }
            case PoolService.POOL_EXCLUDE -> {
                record(method, dev.dockmaster.proto.mgmt.PoolExcludeReq.parseFrom(body));
                return PoolExcludeResp.newBuilder().setStatus(scripted(method)).build();
            }
            case PoolService.POOL_DRAIN -> {
                record(method, dev.dockmaster.proto.mgmt.PoolDrainReq.parseFrom(body));
                return PoolDrainResp.newBuilder().setStatus(scripted(method)).build();
            }
            case PoolService.POOL_REINT -> {
                record(method, dev.dockmaster.proto.mgmt.PoolReintReq.parseFrom(body));
                return PoolReintResp.newBuilder().setStatus(scripted(method)).build();
            }
            default -> throw new AssertionError("unexpected dRPC method " + method);
        }
    }

    private ACLResp acl(String uuid, int method) {
        Pool pool = pools.get(uuid);
        return ACLResp.newBuilder().setStatus(scripted(method)).setAcl(AccessControlList.newBuilder()
                .addAllEntries(pool.acl).setOwnerUser(pool.created.getUser())
                .setOwnerGroup(pool.created.getUsergroup())).build();
    }

    private void record(int method, MessageLite req) {
        calls.add(new Call(method, req));
        RuntimeException failure = scriptedFailure.get(method);
        if (failure != null) {
            throw failure;
        }
    }

    private int scripted(int method) {
        return scriptedStatus.getOrDefault(method, 0);
    }

    /** The fault the core's harness throws when no local engine runs. */
    static Fault dataPlaneNotStarted() {
        return new Fault("server", 611, "data plane not started: no engine of this server runs",
                "start the engines");
    }
}
