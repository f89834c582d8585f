package dev.dockmaster.client.api;

import dev.dockmaster.client.DaosWire;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.HostResponse;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.invoke.MsInvoker;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.invoke.UnaryResponse;
import dev.dockmaster.client.response.HostErrors;
import dev.dockmaster.client.response.HostGrouper;
import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeReq;
import dev.dockmaster.proto.ctl.ScanScmReq;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.SystemCleanupReq;
import dev.dockmaster.proto.mgmt.SystemCleanupResp;
import dev.dockmaster.proto.mgmt.SystemEraseReq;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemGetAttrResp;
import dev.dockmaster.proto.mgmt.SystemGetPropReq;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.client.invoke.DaosStatusException;
import dev.dockmaster.client.invoke.NotReplicaException;
import dev.dockmaster.client.invoke.SystemErrors;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.ServerSvcGrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The control API: each operation takes an {@link Invoker} and a typed request, fans the RPC out and returns the
 * results grouped by host set together with the per-host errors, as DAOS's {@code lib/control} functions do.
 */
public final class Control {
    private Control() {
    }

    /** CtlSvc.StorageScan on every host. A failed SCM or NVMe part of a scan is a host error; the rest still counts. */
    public static StorageScanResponse storageScan(Invoker invoker, StorageScanRequest request) {
        StorageScanReq message = StorageScanReq.newBuilder()
                .setScm(ScanScmReq.newBuilder().setUsage(request.usage()))
                .setNvme(ScanNvmeReq.newBuilder()
                        .setBasic(request.nvmeBasic())
                        // usage figures need health and metadata; link stats only when health was asked for
                        .setHealth(request.nvmeHealth() || request.usage())
                        .setMeta(request.usage())
                        .setLinkStats(request.nvmeHealth()))
                .build();
        UnaryResponse<StorageScanResp> ur = invoker.invoke(new UnaryRequest<>("StorageScan",
                CtlSvcGrpc.getStorageScanMethod(), message, request.hosts(), request.timeout()));

        HostGrouper<HostStorage> storage = new HostGrouper<>(HostStorage::identity);
        HostErrors.Builder errors = HostErrors.builder();
        for (HostResponse<StorageScanResp> hr : ur.responses()) {
            if (hr.failed()) {
                errors.add(hr.address(), hr.error().orElseThrow());
                continue;
            }
            StorageScanResp resp = hr.message().orElseThrow();
            List<dev.dockmaster.proto.ctl.NvmeController> nvme = List.of();
            if (succeeded(resp.getNvme().getState())) {
                nvme = resp.getNvme().getCtrlrsList();
            } else {
                errors.add(hr.address(), new RuntimeException(stateError(resp.getNvme().getState())));
            }
            List<dev.dockmaster.proto.ctl.ScmModule> modules = List.of();
            List<dev.dockmaster.proto.ctl.ScmNamespace> namespaces = List.of();
            if (succeeded(resp.getScm().getState())) {
                modules = resp.getScm().getModulesList();
                namespaces = resp.getScm().getNamespacesList();
            } else {
                errors.add(hr.address(), new RuntimeException(stateError(resp.getScm().getState())));
            }
            Optional<dev.dockmaster.proto.ctl.MemInfo> mem = resp.hasMemInfo() ? Optional.of(resp.getMemInfo())
                    : Optional.empty();
            storage.add(hr.address(), new HostStorage(nvme, modules, namespaces, mem));
        }
        return new StorageScanResponse(storage.groups(), errors.build());
    }

    /**
     * CtlSvc.StorageFormat on every host, after DAOS's running-system guard ({@link SystemProbe}: fault 509 when a
     * management service answers). Per host, successful SCM mounts and NVMe devices (notes included) are the
     * host's result; every failed device is a host error, so one bad device fails the command but not the rest.
     */
    public static StorageFormatResponse storageFormat(Invoker invoker, StorageFormatRequest request) {
        SystemProbe.refuseIfSystemRunning(invoker, request.hosts());
        StorageFormatReq message = StorageFormatReq.newBuilder().setReformat(request.reformat()).build();
        UnaryResponse<StorageFormatResp> ur = invoker.invoke(new UnaryRequest<>("StorageFormat",
                CtlSvcGrpc.getStorageFormatMethod(), message, request.hosts(), request.timeout()));

        HostGrouper<HostFormat> formats = new HostGrouper<>(HostFormat::identity);
        HostErrors.Builder errors = HostErrors.builder();
        for (HostResponse<StorageFormatResp> hr : ur.responses()) {
            if (hr.failed()) {
                errors.add(hr.address(), hr.error().orElseThrow());
                continue;
            }
            StorageFormatResp resp = hr.message().orElseThrow();
            List<HostFormat.Device> devices = new ArrayList<>();
            for (NvmeControllerResult cret : resp.getCretsList()) {
                if (!succeeded(cret.getState())) {
                    errors.add(hr.address(), new RuntimeException(stateError(cret.getState())));
                } else if (!cret.getPciAddr().isEmpty()) {
                    devices.add(new HostFormat.Device(cret.getPciAddr(), infoOrSuccess(cret.getState()),
                            cret.getRoleBits()));
                }
            }
            List<HostFormat.Mount> mounts = new ArrayList<>();
            for (ScmMountResult mret : resp.getMretsList()) {
                if (!succeeded(mret.getState())) {
                    errors.add(hr.address(), new RuntimeException(stateError(mret.getState())));
                } else {
                    mounts.add(new HostFormat.Mount(mret.getMntpoint(), infoOrSuccess(mret.getState())));
                }
            }
            formats.add(hr.address(), new HostFormat(mounts, devices));
        }
        return new StorageFormatResponse(formats.groups(), errors.build());
    }

    private static String infoOrSuccess(ResponseState state) {
        return state.getInfo().isEmpty() ? ResponseStatus.CTL_SUCCESS.name() : state.getInfo();
    }

    /** CtlSvc.NetworkScan on every host. */
    public static NetworkScanResponse networkScan(Invoker invoker, NetworkScanRequest request) {
        NetworkScanReq message = NetworkScanReq.newBuilder().setProvider(request.provider()).build();
        UnaryResponse<NetworkScanResp> ur = invoker.invoke(new UnaryRequest<>("NetworkScan",
                CtlSvcGrpc.getNetworkScanMethod(), message, request.hosts(), request.timeout()));
        HostGrouper<HostFabric> fabrics = new HostGrouper<>(HostFabric::identity);
        HostErrors.Builder errors = HostErrors.builder();
        for (HostResponse<NetworkScanResp> hr : ur.responses()) {
            if (hr.failed()) {
                errors.add(hr.address(), hr.error().orElseThrow());
            } else {
                fabrics.add(hr.address(), HostFabric.from(hr.message().orElseThrow()));
            }
        }
        return new NetworkScanResponse(fabrics.groups(), errors.build());
    }

    /** dockmaster.v1.ServerSvc.ListPlugins on every host. */
    public static ListPluginsResponse listPlugins(Invoker invoker, ListPluginsRequest request) {
        UnaryResponse<ListPluginsResp> ur = invoker.invoke(new UnaryRequest<>("ListPlugins",
                ServerSvcGrpc.getListPluginsMethod(), ListPluginsReq.getDefaultInstance(), request.hosts(),
                request.timeout()));
        HostGrouper<ListPluginsResp> plugins = new HostGrouper<>(p -> p);
        HostErrors.Builder errors = HostErrors.builder();
        for (HostResponse<ListPluginsResp> hr : ur.responses()) {
            if (hr.failed()) {
                errors.add(hr.address(), hr.error().orElseThrow());
            } else {
                plugins.add(hr.address(), hr.message().orElseThrow());
            }
        }
        return new ListPluginsResponse(plugins.groups(), errors.build());
    }

    /** MgmtSvc.SystemQuery through the management service's retries and redirects ({@link MsInvoker}). */
    public static SystemQueryResponse systemQuery(Invoker invoker, SystemQueryRequest request) {
        return systemQuery(invoker, request, MsInvoker.standard());
    }

    /**
     * MgmtSvc.SystemQuery with the given retry machinery. Of several replicas' answers the freshest (highest
     * {@code data_version}) counts, as in DAOS; an MS that exists but has no raft yet is an error here (DAOS does
     * not retry "system is uninitialized" for a query either: the system needs a format first).
     */
    public static SystemQueryResponse systemQuery(Invoker invoker, SystemQueryRequest request, MsInvoker ms) {
        SystemQueryReq message = SystemQueryReq.newBuilder()
                .setSys(systemName(invoker))
                .setRanks(request.ranks().toString())
                .setHosts(request.rankHosts().isEmpty() ? "" : request.rankHosts().toRangedString())
                .setStateMask(request.stateMask())
                .build();
        SystemQueryResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemQuery",
                MgmtSvcGrpc.getSystemQueryMethod(), message, request.hosts(), request.timeout(),
                SystemQueryResp::getDataVersion, e -> false, Optional.empty()));
        return new SystemQueryResponse(resp.getMembersList(), RankSet.parse(resp.getAbsentranks()),
                HostSet.parse(resp.getAbsenthosts()), resp.getProvidersList(), resp.getDataVersion());
    }

    /** MgmtSvc.LeaderQuery, then the same query to every replica to find the unresponsive ones, as DAOS does. */
    public static LeaderQueryResponse leaderQuery(Invoker invoker, LeaderQueryRequest request) {
        return leaderQuery(invoker, request, MsInvoker.standard());
    }

    public static LeaderQueryResponse leaderQuery(Invoker invoker, LeaderQueryRequest request, MsInvoker ms) {
        LeaderQueryReq message = LeaderQueryReq.newBuilder().setSys(systemName(invoker)).build();
        LeaderQueryResp resp = ms.invoke(invoker, new MsInvoker.Request<>("LeaderQuery",
                MgmtSvcGrpc.getLeaderQueryMethod(), message, request.hosts(), request.timeout()));
        List<String> down = new ArrayList<>();
        if (!resp.getReplicasList().isEmpty()) {
            UnaryResponse<LeaderQueryResp> round = invoker.invoke(new UnaryRequest<>("LeaderQuery",
                    MgmtSvcGrpc.getLeaderQueryMethod(), message, HostSet.parse(resp.getReplicasList()),
                    request.timeout()));
            for (HostResponse<LeaderQueryResp> hr : round.responses()) {
                if (hr.failed()) {
                    down.add(hr.address());
                }
            }
        }
        return new LeaderQueryResponse(resp.getCurrentLeader(), resp.getReplicasList(), down);
    }

    // --- System commands. The leader-gated ones (everything but erase and the reads) are answered by the MS
    // leader alone; MsInvoker follows the not-leader redirects to it.

    /** MgmtSvc.SystemStop: forced unless full, as DAOS 2.6's dmg sends it. */
    public static SystemResultsResponse systemStop(Invoker invoker, SystemStopRequest request) {
        return systemStop(invoker, request, MsInvoker.standard());
    }

    public static SystemResultsResponse systemStop(Invoker invoker, SystemStopRequest request, MsInvoker ms) {
        SystemStopReq message = SystemStopReq.newBuilder()
                .setSys(systemName(invoker))
                .setRanks(request.selection().ranksField())
                .setHosts(request.selection().hostsField())
                .setForce(request.wireForce())
                .setIgnoreAdminExcluded(request.ignoreAdminExcluded())
                .build();
        SystemStopResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemStop",
                MgmtSvcGrpc.getSystemStopMethod(), message, request.hosts(), request.timeout()));
        return new SystemResultsResponse(resp.getResultsList(), RankSet.parse(resp.getAbsentranks()),
                HostSet.parse(resp.getAbsenthosts()));
    }

    /** MgmtSvc.SystemStart. */
    public static SystemResultsResponse systemStart(Invoker invoker, SystemStartRequest request) {
        return systemStart(invoker, request, MsInvoker.standard());
    }

    public static SystemResultsResponse systemStart(Invoker invoker, SystemStartRequest request, MsInvoker ms) {
        SystemStartReq message = SystemStartReq.newBuilder()
                .setSys(systemName(invoker))
                .setRanks(request.selection().ranksField())
                .setHosts(request.selection().hostsField())
                .setIgnoreAdminExcluded(request.ignoreAdminExcluded())
                .build();
        SystemStartResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemStart",
                MgmtSvcGrpc.getSystemStartMethod(), message, request.hosts(), request.timeout()));
        return new SystemResultsResponse(resp.getResultsList(), RankSet.parse(resp.getAbsentranks()),
                HostSet.parse(resp.getAbsenthosts()));
    }

    /** MgmtSvc.SystemExclude: set or clear AdminExcluded. The MS refuses unknown ranks, so nothing is absent. */
    public static SystemResultsResponse systemExclude(Invoker invoker, SystemExcludeRequest request) {
        return systemExclude(invoker, request, MsInvoker.standard());
    }

    public static SystemResultsResponse systemExclude(Invoker invoker, SystemExcludeRequest request, MsInvoker ms) {
        SystemExcludeReq message = SystemExcludeReq.newBuilder()
                .setSys(systemName(invoker))
                .setRanks(request.selection().ranksField())
                .setHosts(request.selection().hostsField())
                .setClear(request.clear())
                .build();
        SystemExcludeResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemExclude",
                MgmtSvcGrpc.getSystemExcludeMethod(), message, request.hosts(), request.timeout()));
        return new SystemResultsResponse(resp.getResultsList(), RankSet.empty(), HostSet.empty());
    }

    /**
     * MgmtSvc.SystemErase after DAOS's client-side check: a SystemQuery first, and a refusal naming the ranks that
     * are still Joined or Ready. An MS that is not up yet (not a replica, raft unavailable) skips the check, as in
     * DAOS; so does an empty membership. Errored results also become per-host errors ("2 ranks failed: ...").
     *
     * @throws Fault 500 (client) "system erase requires the following 2 ranks to be stopped: 0-1"
     */
    public static SystemResultsResponse systemErase(Invoker invoker, SystemEraseRequest request) {
        return systemErase(invoker, request, MsInvoker.standard());
    }

    public static SystemResultsResponse systemErase(Invoker invoker, SystemEraseRequest request, MsInvoker ms) {
        refuseEraseWhileRanksRun(invoker, request, ms);
        SystemEraseReq message = SystemEraseReq.newBuilder().setSys(systemName(invoker)).build();
        SystemEraseResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemErase",
                MgmtSvcGrpc.getSystemEraseMethod(), message, request.hosts(), request.timeout()));
        // Per host, one error per distinct message: "<n> rank(s) failed: <msg>".
        Map<String, Map<String, Integer>> failuresByHost = new LinkedHashMap<>();
        for (RankResult r : resp.getResultsList()) {
            if (r.getErrored()) {
                String msg = r.getMsg().isEmpty() ? "error message missing for rank result" : r.getMsg();
                failuresByHost.computeIfAbsent(r.getAddr(), a -> new LinkedHashMap<>()).merge(msg, 1, Integer::sum);
            }
        }
        HostErrors.Builder errors = HostErrors.builder();
        failuresByHost.forEach((addr, byMsg) -> byMsg.forEach((msg, n) -> errors.add(addr,
                new RuntimeException(n + (n == 1 ? " rank" : " ranks") + " failed: " + msg))));
        return new SystemResultsResponse(resp.getResultsList(), RankSet.empty(), HostSet.empty(), errors.build());
    }

    private static void refuseEraseWhileRanksRun(Invoker invoker, SystemEraseRequest request, MsInvoker ms) {
        SystemQueryReq query = SystemQueryReq.newBuilder().setSys(systemName(invoker))
                .setStateMask(MemberState.ALL).build();
        SystemQueryResp members;
        try {
            members = ms.invokeFailingOnUnavailable(invoker, new MsInvoker.Request<>("SystemQuery",
                    MgmtSvcGrpc.getSystemQueryMethod(), query, request.hosts(), request.timeout(),
                    SystemQueryResp::getDataVersion, e -> false, Optional.empty()));
        } catch (NotReplicaException e) {
            return; // an access point whose MS has not started answers as a non-replica
        } catch (RuntimeException e) {
            if (SystemErrors.isUnavailable(e)) {
                return;
            }
            throw new RuntimeException("System-Query command failed: " + e.getMessage(), e);
        }
        int alive = MemberState.JOINED.bit() | MemberState.READY.bit();
        RankSet running = RankSet.of(members.getMembersList().stream()
                .filter(m -> (MemberState.fromWire(m.getState()).bit() & alive) != 0)
                .mapToLong(m -> Integer.toUnsignedLong(m.getRank())).toArray());
        if (!running.isEmpty()) {
            throw new Fault("client", 500, "system erase requires the following " + running.size()
                    + (running.size() == 1 ? " rank" : " ranks") + " to be stopped: " + running,
                    "stop the system first (dmg system stop)");
        }
    }

    /** MgmtSvc.SystemCleanup: evict the pool handles of one client machine. */
    public static SystemCleanupResponse systemCleanup(Invoker invoker, SystemCleanupRequest request) {
        return systemCleanup(invoker, request, MsInvoker.standard());
    }

    public static SystemCleanupResponse systemCleanup(Invoker invoker, SystemCleanupRequest request, MsInvoker ms) {
        SystemCleanupReq message = SystemCleanupReq.newBuilder().setSys(systemName(invoker))
                .setMachine(request.machine()).build();
        SystemCleanupResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemCleanup",
                MgmtSvcGrpc.getSystemCleanupMethod(), message, request.hosts(), request.timeout()));
        return new SystemCleanupResponse(resp.getResultsList());
    }

    /**
     * MgmtSvc.SystemSetAttr; an empty value deletes the attribute (dmg {@code system del-attr}).
     *
     * @throws Fault 500 (client) "attributes cannot be empty"
     */
    public static void systemSetAttr(Invoker invoker, HostSet hosts, Map<String, String> attributes,
            Optional<Duration> timeout, MsInvoker ms) {
        if (attributes.isEmpty()) {
            throw new Fault("client", 500, "attributes cannot be empty", "give at least one key:value");
        }
        SystemSetAttrReq message = SystemSetAttrReq.newBuilder().setSys(systemName(invoker))
                .putAllAttributes(attributes).build();
        checkStatus(ms.invoke(invoker, new MsInvoker.Request<>("SystemSetAttr",
                MgmtSvcGrpc.getSystemSetAttrMethod(), message, hosts, timeout)));
    }

    public static void systemSetAttr(Invoker invoker, Map<String, String> attributes) {
        systemSetAttr(invoker, HostSet.empty(), attributes, Optional.empty(), MsInvoker.standard());
    }

    /** MgmtSvc.SystemGetAttr: the named attributes, or all when {@code keys} is empty; sorted by key. */
    public static SortedMap<String, String> systemGetAttr(Invoker invoker, HostSet hosts, List<String> keys,
            Optional<Duration> timeout, MsInvoker ms) {
        SystemGetAttrReq message = SystemGetAttrReq.newBuilder().setSys(systemName(invoker)).addAllKeys(keys).build();
        SystemGetAttrResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemGetAttr",
                MgmtSvcGrpc.getSystemGetAttrMethod(), message, hosts, timeout));
        return new TreeMap<>(resp.getAttributesMap());
    }

    public static SortedMap<String, String> systemGetAttr(Invoker invoker, List<String> keys) {
        return systemGetAttr(invoker, HostSet.empty(), keys, Optional.empty(), MsInvoker.standard());
    }

    /**
     * MgmtSvc.SystemSetProp with values already checked ({@link SystemProperty#normalize}).
     *
     * @throws Fault 500 (client) "properties cannot be empty"
     */
    public static void systemSetProp(Invoker invoker, HostSet hosts, Map<SystemProperty, String> properties,
            Optional<Duration> timeout, MsInvoker ms) {
        if (properties.isEmpty()) {
            throw new Fault("client", 500, "properties cannot be empty", "give at least one key:value");
        }
        SystemSetPropReq.Builder message = SystemSetPropReq.newBuilder().setSys(systemName(invoker));
        properties.forEach((p, v) -> message.putProperties(p.key(), p.normalize(v)));
        try {
            checkStatus(ms.invoke(invoker, new MsInvoker.Request<>("SystemSetProp",
                    MgmtSvcGrpc.getSystemSetPropMethod(), message.build(), hosts, timeout)));
        } catch (RuntimeException e) {
            throw new RuntimeException("system set-prop failed: " + e.getMessage(), e);
        }
    }

    public static void systemSetProp(Invoker invoker, Map<SystemProperty, String> properties) {
        systemSetProp(invoker, HostSet.empty(), properties, Optional.empty(), MsInvoker.standard());
    }

    /**
     * MgmtSvc.SystemGetProp: the named properties, or all when {@code keys} is empty, in declaration order. Keys the
     * server reports that this client does not know are skipped, as in DAOS; a value a settable property cannot
     * take is an error.
     */
    public static List<SystemProperty.Value> systemGetProp(Invoker invoker, HostSet hosts, List<SystemProperty> keys,
            Optional<Duration> timeout, MsInvoker ms) {
        SystemGetPropReq message = SystemGetPropReq.newBuilder().setSys(systemName(invoker))
                .addAllKeys(keys.stream().map(SystemProperty::key).toList()).build();
        SystemGetPropResp resp = ms.invoke(invoker, new MsInvoker.Request<>("SystemGetProp",
                MgmtSvcGrpc.getSystemGetPropMethod(), message, hosts, timeout));
        List<SystemProperty.Value> out = new ArrayList<>();
        for (SystemProperty p : SystemProperty.values()) {
            for (Map.Entry<String, String> e : resp.getPropertiesMap().entrySet()) {
                if (SystemProperty.find(e.getKey()).orElse(null) != p) {
                    continue;
                }
                String value = e.getValue();
                if (!p.computed()) {
                    try {
                        value = p.normalize(value);
                    } catch (Fault f) {
                        throw new RuntimeException("failed to parse system property " + e.getKey() + ": "
                                + f.getMessage(), f);
                    }
                }
                out.add(new SystemProperty.Value(p, value));
            }
        }
        return out;
    }

    public static List<SystemProperty.Value> systemGetProp(Invoker invoker, List<SystemProperty> keys) {
        return systemGetProp(invoker, HostSet.empty(), keys, Optional.empty(), MsInvoker.standard());
    }

    /** A DaosResp's non-zero status is the request's error, as DAOS's status interceptor makes it. */
    private static void checkStatus(DaosResp resp) {
        if (resp.getStatus() != 0) {
            throw new DaosStatusException(resp.getStatus());
        }
    }

    /** {@code <system name>-<DAOS version>}, the {@code sys} of every management service request. */
    static String systemName(Invoker invoker) {
        return invoker.config().name() + "-" + DaosWire.VERSION;
    }

    private static boolean succeeded(ResponseState state) {
        return state.getStatus() == ResponseStatus.CTL_SUCCESS;
    }

    /** The error text DAOS derives from a failed scan state: the error (or "unknown error"), plus the info in parentheses. */
    private static String stateError(ResponseState state) {
        String text = state.getError().isEmpty() ? "unknown error" : state.getError();
        if (!state.getInfo().isEmpty()) {
            text += " (" + state.getInfo() + ")";
        }
        return text;
    }
}
