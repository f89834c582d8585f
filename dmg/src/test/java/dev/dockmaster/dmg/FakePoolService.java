package dev.dockmaster.dmg;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.dockmaster.proto.mgmt.ACLResp;
import dev.dockmaster.proto.mgmt.AccessControlList;
import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.GetACLReq;
import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
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
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process management service that keeps pools the way the real one answers dmg: ranks 0-3 with a fixed
 * per-rank capacity, DER_NOSPACE past it, a fault for a duplicate label, ErrPoolNotFound for an unknown pool, pool
 * service replicas 0-2, eight targets per rank. It records every request it got.
 */
final class FakePoolService extends MgmtSvcGrpc.MgmtSvcImplBase implements AutoCloseable {
    static final long SCM_PER_RANK = 16_000_000_000L;
    static final long NVME_PER_RANK = 400_000_000_000L;
    static final int RANKS = 4;
    static final int TARGETS_PER_RANK = 8;

    /** One pool as the fake keeps it. */
    static final class Pool {
        final String uuid;
        String label;
        final List<Integer> ranks;
        final long scmPerRank;
        final long nvmePerRank;
        final Map<Integer, PoolProperty> props = new LinkedHashMap<>();
        final List<String> acl = new ArrayList<>();
        final String owner;
        final String group;
        final List<Integer> excluded = new ArrayList<>();

        Pool(String uuid, String label, List<Integer> ranks, long scm, long nvme, String owner, String group) {
            this.uuid = uuid;
            this.label = label;
            this.ranks = ranks;
            this.scmPerRank = scm;
            this.nvmePerRank = nvme;
            this.owner = owner;
            this.group = group;
        }
    }

    final Map<String, Pool> pools = new LinkedHashMap<>();
    final List<Message> requests = new CopyOnWriteArrayList<>();
    /** DAOS statuses the next create answers with, one per call, before it succeeds. */
    final List<Integer> createStatuses = new CopyOnWriteArrayList<>();
    /** Pools (by UUID) whose query fails with DER_BUSY. */
    final List<String> busy = new CopyOnWriteArrayList<>();
    private final String name;
    private final Server server;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    FakePoolService(String address) throws IOException {
        this.name = address;
        this.server = InProcessServerBuilder.forName(address).addService(this).addService(new StorageUsage())
                .build().start();
    }

    /** A usage scan of the one host: ranks 0-3 each with an SCM mount and one data SSD, rank 3 the fullest. */
    private final class StorageUsage extends dev.dockmaster.proto.ctl.CtlSvcGrpc.CtlSvcImplBase {
        @Override
        public void storageScan(dev.dockmaster.proto.ctl.StorageScanReq req,
                                StreamObserver<dev.dockmaster.proto.ctl.StorageScanResp> out) {
            answer(req, out, () -> {
                dev.dockmaster.proto.ctl.ScanScmResp.Builder scm = dev.dockmaster.proto.ctl.ScanScmResp.newBuilder();
                dev.dockmaster.proto.ctl.ScanNvmeResp.Builder nvme = dev.dockmaster.proto.ctl.ScanNvmeResp.newBuilder();
                for (int rank = 0; rank < RANKS; rank++) {
                    long full = rank == 3 ? 2 : 1;
                    scm.addNamespaces(dev.dockmaster.proto.ctl.ScmNamespace.newBuilder().setBlockdev("ramdisk")
                            .setMount(dev.dockmaster.proto.ctl.ScmNamespace.Mount.newBuilder()
                                    .setPath("/mnt/daos" + rank).setRank(rank).setUsableBytes(SCM_PER_RANK / full)));
                    nvme.addCtrlrs(dev.dockmaster.proto.ctl.NvmeController.newBuilder().setPciAddr("0000:0" + rank
                            + ":00.0").setDevState(dev.dockmaster.proto.ctl.NvmeDevState.NORMAL)
                            .addSmdDevices(dev.dockmaster.proto.ctl.SmdDevice.newBuilder().setRank(rank)
                                    .setRoleBits(1).setUsableBytes(NVME_PER_RANK / full)));
                }
                return dev.dockmaster.proto.ctl.StorageScanResp.newBuilder().setScm(scm).setNvme(nvme).build();
            });
        }
    }

    @Override
    public void systemQuery(dev.dockmaster.proto.mgmt.SystemQueryReq req,
                            StreamObserver<dev.dockmaster.proto.mgmt.SystemQueryResp> out) {
        answer(req, out, () -> dev.dockmaster.proto.mgmt.SystemQueryResp.newBuilder().setDataVersion(3).build());
    }

    ManagedChannel open(String address) {
        ManagedChannel channel = InProcessChannelBuilder.forName(address).build();
        channels.add(channel);
        return channel;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
    }

    String uuidOf(String label) {
        return pools.values().stream().filter(p -> p.label.equals(label)).findFirst().orElseThrow().uuid;
    }

    /** A pool with a label and per-rank sizes on every rank, as if created earlier. */
    Pool add(String uuid, String label, long scm, long nvme) {
        Pool p = new Pool(uuid, label, List.of(0, 1, 2, 3), scm, nvme, "admin@", "admins@");
        p.acl.addAll(List.of("A::OWNER@:rwdtTaAo", "A:G:GROUP@:rwtT"));
        pools.put(uuid, p);
        return p;
    }

    private Pool find(String id) {
        for (Pool p : pools.values()) {
            if (p.uuid.equals(id) || p.label.equals(id)) {
                return p;
            }
        }
        String key = id.matches("[0-9a-f-]{36}") ? "uuid " + id : "label \"" + id + "\"";
        throw error("proto.system.ErrPoolNotFound", Map.of("PoolInfo", "{}"),
                "unable to find pool service with " + key);
    }

    private static StatusRuntimeException error(String reason, Map<String, String> meta, String message) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason).setDomain("DAOS").putAllMetadata(meta).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE).setMessage(message).addDetails(Any.pack(info)).build());
    }

    static StatusRuntimeException status(int status) {
        return error("proto.daos.DaosStatus", Map.of("Status", Integer.toString(status)), "DER " + status);
    }

    private <T> void answer(Message request, StreamObserver<T> out, java.util.function.Supplier<T> body) {
        requests.add(request);
        T resp;
        try {
            resp = body.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(resp);
        out.onCompleted();
    }

    @Override
    public void poolCreate(PoolCreateReq req, StreamObserver<PoolCreateResp> out) {
        answer(req, out, () -> {
            if (!createStatuses.isEmpty()) {
                throw status(createStatuses.remove(0));
            }
            if (pools.containsKey(req.getUuid())) { // a retried create: the same pool
                return created(pools.get(req.getUuid()));
            }
            String label = req.getPropertiesList().stream().filter(p -> p.getNumber() == 1)
                    .map(PoolProperty::getStrval).findFirst().orElse("");
            if (pools.values().stream().anyMatch(p -> p.label.equals(label))) {
                throw error("proto.fault.Fault", Map.of("Domain", "server", "Code", "609",
                        "Description", "pool label \"" + label + "\" already exists in the system",
                        "Resolution", "retry the operation with a unique pool label"), "duplicate label");
            }
            List<Integer> ranks = req.getRanksCount() > 0 ? req.getRanksList() : List.of(0, 1, 2, 3);
            for (int r : ranks) {
                if (r >= RANKS) {
                    throw error("proto.fault.Fault", Map.of("Domain", "server", "Code", "606",
                            "Description", "pool request contains invalid ranks: " + r,
                            "Resolution", "retry the request with a valid set of ranks"), "bad ranks");
                }
            }
            long scm;
            long nvme;
            if (req.getTotalbytes() > 0) {
                scm = (long) (req.getTotalbytes() * req.getTierratio(0)) / ranks.size();
                nvme = (long) (req.getTotalbytes() * req.getTierratio(1)) / ranks.size();
            } else {
                scm = req.getTierbytes(0);
                nvme = req.getTierbytes(1);
            }
            if (scm > SCM_PER_RANK || nvme > NVME_PER_RANK) {
                throw status(-1007);
            }
            Pool p = new Pool(req.getUuid(), label, ranks, scm, nvme, req.getUser(), req.getUsergroup());
            p.acl.addAll(req.getAclList().isEmpty() ? List.of("A::OWNER@:rwdtTaAo", "A:G:GROUP@:rwtT")
                    : req.getAclList());
            req.getPropertiesList().forEach(prop -> p.props.put(prop.getNumber(), prop));
            pools.put(p.uuid, p);
            return created(p);
        });
    }

    private static PoolCreateResp created(Pool p) {
        return PoolCreateResp.newBuilder().setSvcLdr(0).addAllSvcReps(List.of(0, 1, 2)).addAllTgtRanks(p.ranks)
                .addTierBytes(p.scmPerRank).addTierBytes(p.nvmePerRank).build();
    }

    @Override
    public void listPools(ListPoolsReq req, StreamObserver<ListPoolsResp> out) {
        answer(req, out, () -> {
            ListPoolsResp.Builder b = ListPoolsResp.newBuilder().setDataVersion(7);
            for (Pool p : pools.values()) {
                b.addPools(ListPoolsResp.Pool.newBuilder().setUuid(p.uuid).setLabel(p.label)
                        .addAllSvcReps(List.of(0, 1, 2)).setState("Ready").setRebuildState("idle"));
            }
            return b.build();
        });
    }

    @Override
    public void poolQuery(PoolQueryReq req, StreamObserver<PoolQueryResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            if (busy.contains(p.uuid)) {
                throw status(-1012);
            }
            int targets = p.ranks.size() * TARGETS_PER_RANK;
            int disabled = p.excluded.size() * TARGETS_PER_RANK;
            long mask = req.getQueryMask();
            PoolQueryResp.Builder b = PoolQueryResp.newBuilder().setUuid(p.uuid).setLabel(p.label)
                    .setTotalTargets(targets).setActiveTargets(targets - disabled).setDisabledTargets(disabled)
                    .setTotalEngines(p.ranks.size()).setVersion(1 + p.excluded.size()).setSvcLdr(0)
                    .addAllSvcReps(List.of(0, 1, 2)).setPoolLayoutVer(4).setUpgradeLayoutVer(4)
                    .setState(PoolServiceState.Ready).setQueryMask(mask)
                    .setRebuild(PoolRebuildStatus.newBuilder().setState(PoolRebuildStatus.State.IDLE));
            if ((mask & 1) != 0) {
                long scmTotal = p.scmPerRank * p.ranks.size();
                long nvmeTotal = p.nvmePerRank * p.ranks.size();
                long scmTarget = p.scmPerRank / TARGETS_PER_RANK;
                long nvmeTarget = p.nvmePerRank / TARGETS_PER_RANK;
                b.addTierStats(StorageUsageStats.newBuilder().setTotal(scmTotal).setFree(scmTotal - scmTotal / 4)
                        .setMin(scmTarget / 2).setMax(scmTarget).setMean(scmTarget * 3 / 4)
                        .setMediaType(StorageMediaType.SCM));
                b.addTierStats(StorageUsageStats.newBuilder().setTotal(nvmeTotal).setFree(nvmeTotal)
                        .setMin(nvmeTarget).setMax(nvmeTarget).setMean(nvmeTarget)
                        .setMediaType(StorageMediaType.NVME));
            }
            List<Integer> enabled = new ArrayList<>(p.ranks);
            enabled.removeAll(p.excluded);
            if ((mask & 4) != 0) {
                b.setEnabledRanks(bracketed(enabled));
            }
            if ((mask & 8) != 0) {
                b.setDisabledRanks(bracketed(p.excluded));
            }
            return b.build();
        });
    }

    private static String bracketed(List<Integer> ranks) {
        return "[" + String.join(",", ranks.stream().map(String::valueOf).toList()) + "]";
    }

    @Override
    public void poolDestroy(PoolDestroyReq req, StreamObserver<PoolDestroyResp> out) {
        answer(req, out, () -> {
            pools.remove(find(req.getId()).uuid);
            return PoolDestroyResp.getDefaultInstance();
        });
    }

    @Override
    public void poolEvict(PoolEvictReq req, StreamObserver<PoolEvictResp> out) {
        answer(req, out, () -> {
            find(req.getId());
            return PoolEvictResp.newBuilder().setCount(0).build();
        });
    }

    @Override
    public void poolSetProp(PoolSetPropReq req, StreamObserver<PoolSetPropResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            for (PoolProperty prop : req.getPropertiesList()) {
                p.props.put(prop.getNumber(), prop);
                if (prop.getNumber() == 1) {
                    p.label = prop.getStrval();
                }
            }
            return PoolSetPropResp.getDefaultInstance();
        });
    }

    @Override
    public void poolGetProp(PoolGetPropReq req, StreamObserver<PoolGetPropResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            Map<Integer, PoolProperty> all = new LinkedHashMap<>();
            all.put(1, PoolProperty.newBuilder().setNumber(1).setStrval(p.label).build());
            all.put(3, PoolProperty.newBuilder().setNumber(3).setNumval(0).build());
            all.put(4, PoolProperty.newBuilder().setNumber(4).setNumval(3).build());
            all.put(5, PoolProperty.newBuilder().setNumber(5).setNumval(1).build());
            all.put(8, PoolProperty.newBuilder().setNumber(8).setStrval("[0-2]").build());
            all.put(9, PoolProperty.newBuilder().setNumber(9).setNumval(65536).build());
            all.put(11, PoolProperty.newBuilder().setNumber(11).setNumval(0).build());
            all.put(19, PoolProperty.newBuilder().setNumber(19).setNumval(2).build());
            all.putAll(p.props);
            PoolGetPropResp.Builder b = PoolGetPropResp.newBuilder();
            for (PoolProperty wanted : req.getPropertiesList()) {
                PoolProperty have = all.get(wanted.getNumber());
                if (have != null) {
                    b.addProperties(have);
                }
            }
            return b.build();
        });
    }

    private ACLResp acl(Pool p) {
        return ACLResp.newBuilder().setAcl(AccessControlList.newBuilder().addAllEntries(p.acl)
                .setOwnerUser(p.owner).setOwnerGroup(p.group)).build();
    }

    @Override
    public void poolGetACL(GetACLReq req, StreamObserver<ACLResp> out) {
        answer(req, out, () -> acl(find(req.getId())));
    }

    @Override
    public void poolOverwriteACL(ModifyACLReq req, StreamObserver<ACLResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            p.acl.clear();
            p.acl.addAll(req.getEntriesList());
            return acl(p);
        });
    }

    @Override
    public void poolUpdateACL(ModifyACLReq req, StreamObserver<ACLResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            for (String entry : req.getEntriesList()) {
                String principal = entry.split(":", -1)[2];
                p.acl.removeIf(e -> e.split(":", -1)[2].equals(principal));
                p.acl.add(entry);
            }
            return acl(p);
        });
    }

    @Override
    public void poolDeleteACL(DeleteACLReq req, StreamObserver<ACLResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            if (!p.acl.removeIf(e -> e.split(":", -1)[2].equals(req.getPrincipal()))) {
                throw status(-1005);
            }
            return acl(p);
        });
    }

    @Override
    public void poolExclude(PoolExcludeReq req, StreamObserver<PoolExcludeResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            if (!p.ranks.contains(req.getRank())) {
                return PoolExcludeResp.newBuilder().setStatus(-1003).build();
            }
            p.excluded.add(req.getRank());
            return PoolExcludeResp.getDefaultInstance();
        });
    }

    @Override
    public void poolDrain(PoolDrainReq req, StreamObserver<PoolDrainResp> out) {
        answer(req, out, () -> {
            find(req.getId());
            return PoolDrainResp.getDefaultInstance();
        });
    }

    @Override
    public void poolReintegrate(PoolReintReq req, StreamObserver<PoolReintResp> out) {
        answer(req, out, () -> {
            Pool p = find(req.getId());
            p.excluded.remove(Integer.valueOf(req.getRank()));
            return PoolReintResp.getDefaultInstance();
        });
    }
}
