package dev.dockmaster.client.pool;

import dev.dockmaster.client.DaosWire;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.HostStorage;
import dev.dockmaster.client.api.StorageScanRequest;
import dev.dockmaster.client.api.StorageScanResponse;
import dev.dockmaster.client.api.SystemQueryRequest;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.DaosStatusException;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.invoke.MsInvoker;
import dev.dockmaster.client.invoke.PoolNotFoundException;
import dev.dockmaster.client.response.HostGroup;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.NvmeDevState;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.SmdDevice;
import dev.dockmaster.proto.mgmt.ACLResp;
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
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolReintResp;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import dev.dockmaster.proto.mgmt.PoolSetPropResp;
import dev.dockmaster.spi.Fault;
import io.grpc.MethodDescriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The pool operations of DAOS's control API ({@code lib/control/pool.go}, {@code pool_acl.go}): every request goes
 * to the management service through {@link MsInvoker} (leader redirects, retries, one deadline), pool requests with
 * DAOS's pool retry rules on top: a DAOS status of time-out, try-again, group-version mismatch, out-of-group,
 * unreachable or excluded, or a fault saying the data plane has not started or the pool is locked, tries again.
 * A create keeps its client-chosen UUID over every try, so a create the leader finished before the answer was lost
 * comes back as the same pool.
 */
public final class PoolClient {
    /** DAOS's PoolCreateTimeout: large pools take a while. */
    public static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);
    /** DAOS's DefaultPoolTimeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    static final int FAULT_DATA_PLANE_NOT_STARTED = 611;
    static final int FAULT_SYSTEM_POOL_LOCKED = 402;
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(DaosStatusException.DER_TIMEDOUT,
            DaosStatusException.DER_GRPVER, DaosStatusException.DER_AGAIN, DaosStatusException.DER_OOG,
            DaosStatusException.DER_UNREACH, DaosStatusException.DER_EXCLUDED);
    /** BdevRoleData: an SMD device that stores data (the others hold only metadata or the WAL). */
    private static final int ROLE_DATA = 1;

    private final Invoker invoker;
    private final MsInvoker ms;
    private final CurrentUser currentUser;
    private final Supplier<UUID> uuids;
    private final Optional<Duration> timeout;

    public PoolClient(Invoker invoker) {
        this(invoker, MsInvoker.standard(), CurrentUser.system(), UUID::randomUUID, Optional.empty());
    }

    /**
     * @param timeout the deadline of each request; empty: DAOS's (10 minutes for a create, 5 for the rest)
     */
    public PoolClient(Invoker invoker, MsInvoker ms, CurrentUser currentUser, Supplier<UUID> uuids,
                      Optional<Duration> timeout) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.ms = Objects.requireNonNull(ms, "ms");
        this.currentUser = Objects.requireNonNull(currentUser, "currentUser");
        this.uuids = Objects.requireNonNull(uuids, "uuids");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** DAOS's pool request retry test. */
    public static boolean retryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DaosStatusException d && RETRYABLE_STATUSES.contains(d.status())) {
                return true;
            }
            if (t instanceof Fault f && (f.code() == FAULT_DATA_PLANE_NOT_STARTED
                    || f.code() == FAULT_SYSTEM_POOL_LOCKED)) {
                return true;
            }
        }
        return false;
    }

    private String sys() {
        return invoker.config().name() + "-" + DaosWire.VERSION;
    }

    private <Q, R> R call(String name, MethodDescriptor<Q, R> method, Q message, Duration defaultTimeout,
                          ToIntFunction<R> status, Predicate<Throwable> retry) {
        R resp = ms.invoke(invoker, new MsInvoker.Request<>(name, method, message, HostSet.empty(),
                Optional.of(timeout.orElse(defaultTimeout)), r -> 0L, retry, Optional.empty()));
        int s = status.applyAsInt(resp);
        if (s != 0) {
            throw new DaosStatusException(s);
        }
        return resp;
    }

    private <Q, R> R call(String name, MethodDescriptor<Q, R> method, Q message, ToIntFunction<R> status) {
        return call(name, method, message, DEFAULT_TIMEOUT, status, PoolClient::retryable);
    }

    // ---- create

    /**
     * Creates a pool after the client-side checks DAOS makes: a valid label (not also given as a property), a
     * non-zero SCM share, a meta size no smaller than the SCM size, valid ACL entries, and for a percentage the
     * available space of the ranks (a system query and a usage scan first).
     *
     * @throws Fault for bad input; the server's refusal (DER_NOSPACE, duplicate label fault) otherwise
     */
    public PoolCreateResult create(PoolCreateRequest request) {
        PoolLabels.check(request.label());
        for (PoolProperty.Value v : request.properties()) {
            if (v.property() == PoolProperty.LABEL) {
                throw PoolInputs.invalid("can't set label property with label argument",
                        "give the label once, as the pool label argument");
            }
        }
        String[] owner = ownerAndGroup(request.user(), request.group());
        PoolCreateReq.Builder message = PoolCreateReq.newBuilder()
                .setSys(sys())
                .setUser(owner[0])
                .setUsergroup(owner[1])
                .setNumsvcreps(request.numSvcReps());
        request.ranks().ranks().forEach(r -> message.addRanks((int) (long) r));
        request.acl().ifPresent(acl -> {
            Acl.checkEntries(acl.entries());
            message.addAllAcl(acl.entries());
        });
        List<PoolProperty.Value> properties = new ArrayList<>(request.properties());
        properties.add(PoolProperty.LABEL.parse(request.label()));
        properties.sort(Comparator.comparing(v -> v.property().key()));
        properties.forEach(v -> message.addProperties(toWire(v)));
        size(request, message);
        // The UUID is chosen once: every retry of this create names the same pool.
        message.setUuid(uuids.get().toString());
        PoolCreateReq built = message.build();
        PoolCreateResp resp = call("PoolCreate", MgmtSvcGrpc.getPoolCreateMethod(), built, CREATE_TIMEOUT,
                PoolCreateResp::getStatus, PoolClient::retryable);
        return new PoolCreateResult(built.getUuid(), Integer.toUnsignedLong(resp.getSvcLdr()),
                unsigned(resp.getSvcRepsList()), unsigned(resp.getTgtRanksList()), resp.getTierBytesList());
    }

    private void size(PoolCreateRequest request, PoolCreateReq.Builder message) {
        PoolSizing sizing = request.sizing();
        if (sizing instanceof PoolSizing.Total t) {
            if (t.numRanks() > 0 && !request.ranks().isEmpty()) {
                throw PoolInputs.invalid("--nranks and --ranks can not be used together",
                        "give either a number of ranks or the ranks");
            }
            if (t.ratio().scm() == 0) {
                throw PoolInputs.invalid("can't create pool with 0.0 SCM ratio", "give SCM a share, e.g. -t 6,94");
            }
            message.setTotalbytes(t.bytes()).addTierratio(t.ratio().scm()).addTierratio(t.ratio().nvme())
                    .setNumranks(t.numRanks());
        } else if (sizing instanceof PoolSizing.Percentage p) {
            double fraction = p.percent() / 100.0;
            long[] max = maxPoolSize(request.ranks());
            long scm = (long) (unsignedDouble(max[0]) * fraction);
            long nvme = (long) (unsignedDouble(max[1]) * fraction);
            if (scm == 0) {
                throw PoolInputs.invalid("Not enough SCM storage available with ratio " + p.percent() + "%: "
                        + "SCM storage capacity or ratio should be increased",
                        "free SCM space or ask for a larger share");
            }
            message.addTierbytes(scm).addTierbytes(nvme);
        } else if (sizing instanceof PoolSizing.PerRank m) {
            if (m.scmBytes() == 0) {
                throw PoolInputs.invalid("can't create pool with 0 SCM", "give the SCM size with -s/--scm-size");
            }
            if (m.metaBytes() > 0 && Long.compareUnsigned(m.metaBytes(), m.scmBytes()) < 0) {
                throw PoolInputs.invalid("--meta-size can not be smaller than --scm-size",
                        "give a meta size at least as large as the SCM size");
            }
            message.addTierbytes(m.scmBytes()).addTierbytes(m.nvmeBytes()).setMetaBlobSize(m.metaBytes());
        }
    }

    private static double unsignedDouble(long v) {
        return v < 0 ? v + 0x1p64 : (double) v;
    }

    /** Owner and group principals: the given names, else the current user's, with {@code @} appended if missing. */
    String[] ownerAndGroup(String user, String group) {
        String u = user.isEmpty() ? currentUser.userName() : user;
        String g = group.isEmpty() ? currentUser.groupName() : group;
        for (String principal : new String[]{u, g}) {
            String p = principal.contains("@") ? principal : principal + "@";
            if (!Acl.principalIsValid(p)) {
                throw PoolInputs.invalid("invalid ACL principal " + PoolInputs.quote(principal),
                        "give a user or group name, optionally as name@domain");
            }
        }
        return new String[]{u.contains("@") ? u : u + "@", g.contains("@") ? g : g + "@"};
    }

    /**
     * The largest per-rank SCM and NVMe sizes a pool could have on the given ranks (all when empty), as DAOS's
     * {@code getMaxPoolSize} reckons it: after a system query (the system must be up), a usage scan of every host;
     * SCM is the least usable space of any rank's mount, NVMe the least sum of any rank's data devices.
     *
     * @return {scm bytes, nvme bytes}, unsigned
     */
    public long[] maxPoolSize(RankSet ranks) {
        Control.systemQuery(invoker, SystemQueryRequest.all(), ms);
        StorageScanResponse scan = Control.storageScan(invoker,
                new StorageScanRequest(HostSet.empty(), true, false, false, Optional.empty()));
        if (scan.hostStorage().isEmpty()) {
            throw new RuntimeException("Empty host storage response from StorageScan");
        }
        Predicate<Long> wanted = r -> ranks.isEmpty() || ranks.contains(r);
        Map<Long, Long> nvmeFree = new TreeMap<>();
        long scmBytes = -1; // unsigned max
        for (HostGroup<HostStorage> group : scan.hostStorage()) {
            HostStorage hs = group.value();
            long usable = 0;
            for (ScmNamespace ns : hs.scmNamespaces()) {
                usable += ns.hasMount() ? ns.getMount().getUsableBytes() : 0;
            }
            if (usable == 0) {
                throw new RuntimeException("Host without SCM storage: hostname=" + group.hosts().toRangedString());
            }
            for (ScmNamespace ns : hs.scmNamespaces()) {
                if (!ns.hasMount()) {
                    throw new RuntimeException("SCM device " + ns.getUuid() + " (bdev " + ns.getBlockdev()
                            + ", name " + ns.getDev() + ") is not mounted");
                }
                long rank = Integer.toUnsignedLong(ns.getMount().getRank());
                if (!wanted.test(rank)) {
                    continue;
                }
                if (Long.compareUnsigned(ns.getMount().getUsableBytes(), scmBytes) < 0) {
                    scmBytes = ns.getMount().getUsableBytes();
                }
                if (nvmeFree.putIfAbsent(rank, 0L) != null) {
                    throw new RuntimeException("Multiple SCM devices found for rank " + rank);
                }
            }
            for (NvmeController ctrlr : hs.nvmeDevices()) {
                for (SmdDevice smd : ctrlr.getSmdDevicesList()) {
                    String dev = "SMD device " + smd.getUuid() + " (rank " + Integer.toUnsignedLong(smd.getRank())
                            + ", ctrlr " + ctrlr.getPciAddr() + ")";
                    if (smd.getRoleBits() != 0 && (smd.getRoleBits() & ROLE_DATA) == 0) {
                        continue;
                    }
                    if (ctrlr.getDevState() == NvmeDevState.NEW) {
                        continue;
                    }
                    if (ctrlr.getDevState() != NvmeDevState.NORMAL) {
                        throw new RuntimeException(dev + " not usable as in " + ctrlr.getDevState().name()
                                + " state");
                    }
                    long rank = Integer.toUnsignedLong(smd.getRank());
                    if (!wanted.test(rank)) {
                        continue;
                    }
                    if (!nvmeFree.containsKey(rank)) {
                        throw new RuntimeException("Rank " + rank + " without SCM device and at least one " + dev);
                    }
                    nvmeFree.merge(rank, smd.getUsableBytes(), Long::sum);
                }
            }
        }
        if (scmBytes == -1) {
            throw new RuntimeException("No SCM storage space available with rank list " + ranks);
        }
        long nvmeBytes = -1;
        for (long free : nvmeFree.values()) {
            if (Long.compareUnsigned(free, nvmeBytes) < 0) {
                nvmeBytes = free;
            }
        }
        return new long[]{scmBytes, nvmeBytes};
    }

    // ---- list and query

    /**
     * The system's pools from the management service's database (any replica, the freshest answer), each Ready pool
     * then queried for its details unless {@code noQuery}; sorted by label.
     */
    public PoolList list(boolean noQuery) {
        ListPoolsReq message = ListPoolsReq.newBuilder().setSys(sys()).build();
        ListPoolsResp resp = ms.invoke(invoker, new MsInvoker.Request<>("ListPools", MgmtSvcGrpc.getListPoolsMethod(),
                message, HostSet.empty(), Optional.of(timeout.orElse(DEFAULT_TIMEOUT)), ListPoolsResp::getDataVersion,
                e -> false, Optional.empty()));
        if (resp.getStatus() != 0) {
            throw new DaosStatusException(resp.getStatus());
        }
        List<PoolInfo> pools = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ListPoolsResp.Pool p : resp.getPoolsList()) {
            if (p.getUuid().isEmpty()) {
                throw new RuntimeException("pool with index " + pools.size() + " has no uuid");
            }
            PoolInfo listed = PoolInfo.fromList(p);
            if (noQuery || !listed.state().equals("Ready")) {
                pools.add(listed);
                continue;
            }
            try {
                PoolInfo queried = query(p.getUuid(), PoolQueryMask.DEFAULT, listed);
                if (!queried.uuid().equalsIgnoreCase(p.getUuid())) {
                    throw new RuntimeException("pool query response uuid does not match request");
                }
                pools.add(queried);
            } catch (RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("pool query response uuid")) {
                    throw e;
                }
                errors.put(p.getUuid(), e.getMessage() == null ? e.toString() : e.getMessage());
                pools.add(listed);
            }
        }
        pools.sort(Comparator.comparing(PoolInfo::label));
        return new PoolList(pools, errors);
    }

    /** PoolQuery by label or UUID, answered by any replica through the pool service. */
    public PoolInfo query(String id, long mask) {
        return query(id, mask, null);
    }

    private PoolInfo query(String id, long mask, PoolInfo base) {
        PoolQueryReq message = PoolQueryReq.newBuilder().setSys(sys()).setId(id).setQueryMask(mask).build();
        PoolQueryResp resp = call("PoolQuery", MgmtSvcGrpc.getPoolQueryMethod(), message, PoolQueryResp::getStatus);
        return PoolInfo.fromQuery(resp, base);
    }

    // ---- destroy, evict

    /**
     * Destroys a pool. A retried destroy that then finds no pool counts as done: the first try did it (DAOS).
     *
     * @param force     even with open handles
     * @param recursive even with containers
     */
    public void destroy(String id, boolean force, boolean recursive) {
        PoolDestroyReq message = PoolDestroyReq.newBuilder().setSys(sys()).setId(id).setForce(force)
                .setRecursive(recursive).build();
        AtomicBoolean retried = new AtomicBoolean();
        try {
            call("PoolDestroy", MgmtSvcGrpc.getPoolDestroyMethod(), message, DEFAULT_TIMEOUT,
                    PoolDestroyResp::getStatus, e -> {
                        boolean again = retryable(e);
                        retried.compareAndSet(false, again);
                        return again;
                    });
        } catch (PoolNotFoundException e) {
            if (!retried.get()) {
                throw e;
            }
        }
    }

    /** Evicts every handle open on the pool; returns how many. */
    public int evict(String id) {
        PoolEvictReq message = PoolEvictReq.newBuilder().setSys(sys()).setId(id).build();
        return call("PoolEvict", MgmtSvcGrpc.getPoolEvictMethod(), message, PoolEvictResp::getStatus).getCount();
    }

    // ---- properties

    /**
     * Sets properties on an existing pool.
     *
     * @throws Fault {@code empty properties list in PoolSetProp()}, or a create-only property (perf_domain, ec_pda,
     *               rp_pda)
     */
    public void setProperties(String id, List<PoolProperty.Value> values) {
        if (values.isEmpty()) {
            throw PoolInputs.invalid("empty properties list in PoolSetProp()", "give at least one key:value");
        }
        PoolSetPropReq.Builder message = PoolSetPropReq.newBuilder().setSys(sys()).setId(id);
        for (PoolProperty.Value v : values) {
            Optional<String> refusal = v.property().createOnly();
            if (refusal.isPresent()) {
                throw PoolInputs.invalid(refusal.get(), "set it when creating the pool (-P/--properties)");
            }
            message.addProperties(toWire(v));
        }
        call("PoolSetProp", MgmtSvcGrpc.getPoolSetPropMethod(), message.build(), PoolSetPropResp::getStatus);
    }

    /**
     * Reads properties (all when {@code which} is empty), in name order; properties the pool does not report are
     * left out, as DAOS does.
     */
    public List<PoolProperty.Value> getProperties(String id, List<PoolProperty> which) {
        List<PoolProperty> wanted = new ArrayList<>(which.isEmpty() ? List.of(PoolProperty.values()) : which);
        wanted.sort(Comparator.comparing(PoolProperty::key));
        PoolGetPropReq.Builder message = PoolGetPropReq.newBuilder().setSys(sys()).setId(id);
        wanted.forEach(p -> message.addProperties(dev.dockmaster.proto.mgmt.PoolProperty.newBuilder()
                .setNumber(p.number())));
        PoolGetPropResp resp = call("PoolGetProp", MgmtSvcGrpc.getPoolGetPropMethod(), message.build(),
                PoolGetPropResp::getStatus);
        Map<Integer, dev.dockmaster.proto.mgmt.PoolProperty> byNumber = new LinkedHashMap<>();
        for (dev.dockmaster.proto.mgmt.PoolProperty p : resp.getPropertiesList()) {
            if (byNumber.put(p.getNumber(), p) != null) {
                throw new RuntimeException("got > 1 " + p.getNumber() + " in response");
            }
        }
        List<PoolProperty.Value> out = new ArrayList<>();
        for (PoolProperty p : wanted) {
            dev.dockmaster.proto.mgmt.PoolProperty got = byNumber.get(p.number());
            if (got == null) {
                continue;
            }
            switch (got.getValueCase()) {
                case STRVAL -> out.add(p.fromWire(got.getStrval()));
                case NUMVAL -> out.add(p.fromWire(got.getNumval()));
                default -> throw new RuntimeException("unable to represent response value for property "
                        + p.number());
            }
        }
        return out;
    }

    static dev.dockmaster.proto.mgmt.PoolProperty toWire(PoolProperty.Value v) {
        dev.dockmaster.proto.mgmt.PoolProperty.Builder b = dev.dockmaster.proto.mgmt.PoolProperty.newBuilder()
                .setNumber(v.property().number());
        if (v.isNumber()) {
            b.setNumval(v.number());
        } else {
            b.setStrval((String) v.raw());
        }
        return b.build();
    }

    // ---- ACLs

    public Acl getAcl(String id) {
        GetACLReq message = GetACLReq.newBuilder().setSys(sys()).setId(id).build();
        return acl(call("PoolGetACL", MgmtSvcGrpc.getPoolGetACLMethod(), message, ACLResp::getStatus));
    }

    /** Replaces the whole ACL; returns the pool's ACL after. */
    public Acl overwriteAcl(String id, Acl acl) {
        return modify("PoolOverwriteACL", MgmtSvcGrpc.getPoolOverwriteACLMethod(), id, acl);
    }

    /** Adds or replaces the entries of the principals given; returns the pool's ACL after. */
    public Acl updateAcl(String id, Acl acl) {
        return modify("PoolUpdateACL", MgmtSvcGrpc.getPoolUpdateACLMethod(), id, acl);
    }

    private Acl modify(String name, MethodDescriptor<ModifyACLReq, ACLResp> method, String id, Acl acl) {
        if (acl.isEmpty()) {
            throw PoolInputs.invalid("empty ACL on modify", "give at least one access control entry");
        }
        Acl.checkEntries(acl.entries());
        ModifyACLReq message = ModifyACLReq.newBuilder().setSys(sys()).setId(id).addAllEntries(acl.entries()).build();
        return acl(call(name, method, message, ACLResp::getStatus));
    }

    /** Removes the entry of one principal ({@code OWNER@}, {@code u:name@}, {@code g:name@} ...). */
    public Acl deleteAcl(String id, String principal) {
        if (principal == null || principal.isEmpty()) {
            throw PoolInputs.invalid("no principal provided", "give the principal whose entry to delete");
        }
        DeleteACLReq message = DeleteACLReq.newBuilder().setSys(sys()).setId(id).setPrincipal(principal).build();
        return acl(call("PoolDeleteACL", MgmtSvcGrpc.getPoolDeleteACLMethod(), message, ACLResp::getStatus));
    }

    private static Acl acl(ACLResp resp) {
        return new Acl(resp.getAcl().getEntriesList(), resp.getAcl().getOwnerUser(), resp.getAcl().getOwnerGroup());
    }

    // ---- exclude, drain, reintegrate

    public PoolRanksResult exclude(String id, RankSet ranks, List<Integer> targets, boolean force) {
        return perRank(id, ranks, rank -> call("PoolExclude", MgmtSvcGrpc.getPoolExcludeMethod(),
                PoolExcludeReq.newBuilder().setSys(sys()).setId(id).setRank(rank).addAllTargetidx(targets)
                        .setForce(force).build(), r -> 0).getStatus());
    }

    public PoolRanksResult drain(String id, RankSet ranks, List<Integer> targets) {
        return perRank(id, ranks, rank -> call("PoolDrain", MgmtSvcGrpc.getPoolDrainMethod(),
                PoolDrainReq.newBuilder().setSys(sys()).setId(id).setRank(rank).addAllTargetidx(targets).build(),
                r -> 0).getStatus());
    }

    public PoolRanksResult reintegrate(String id, RankSet ranks, List<Integer> targets) {
        return perRank(id, ranks, rank -> call("PoolReintegrate", MgmtSvcGrpc.getPoolReintegrateMethod(),
                PoolReintReq.newBuilder().setSys(sys()).setId(id).setRank(rank).addAllTargetidx(targets).build(),
                r -> 0).getStatus());
    }

    /** One request per rank, in rank order; a failed rank (error or DAOS status) is a result, not the end. */
    private PoolRanksResult perRank(String id, RankSet ranks, Function<Integer, Integer> op) {
        if (id == null || id.isEmpty()) {
            throw PoolInputs.invalid("empty pool id", "give the pool's label or UUID");
        }
        if (ranks.isEmpty()) {
            throw PoolInputs.invalid("no ranks in request", "give the ranks with --ranks");
        }
        List<PoolRanksResult.RankResult> results = new ArrayList<>();
        for (long rank : ranks.ranks()) {
            try {
                int status = op.apply((int) rank);
                results.add(new PoolRanksResult.RankResult(rank, status != 0,
                        status != 0 ? new DaosStatusException(status).getMessage() : ""));
            } catch (RuntimeException e) {
                results.add(new PoolRanksResult.RankResult(rank, true,
                        e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return new PoolRanksResult(id, results);
    }

    private static List<Long> unsigned(List<Integer> values) {
        return values.stream().map(Integer::toUnsignedLong).toList();
    }
}
