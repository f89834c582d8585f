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
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.ServerSvcGrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
