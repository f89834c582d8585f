package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.RanksResp;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/**
 * {@code ctl.CtlSvc}, the per-host control service: storage and network scans, storage format, the rank operations
 * (prep shutdown, stop, start, reset format) and engine log masks of this host. The methods not
 * overridden here answer {@code UNIMPLEMENTED} (the generated default), as a DAOS server lacking them would.
 */
public final class ControlService extends CtlSvcGrpc.CtlSvcImplBase implements AutoCloseable {

    private final MemInfoReader memInfo;
    private final StorageScanner storageScanner;
    private final NetworkScanner networkScanner;

    private final StorageFormatter storageFormatter;
    private final RankOperations ranks;

    public ControlService(StorageProviders storage, ServerInfo server, HostFacts host) {
        this(storage, EngineHarness.none(), server, host);
    }

    public ControlService(StorageProviders storage, EngineHarness engines, ServerInfo server, HostFacts host) {
        this.memInfo = new MemInfoReader(host);
        this.storageScanner = new StorageScanner(storage, engines, memInfo);
        this.networkScanner = new NetworkScanner(host, server.fabricProviders());
        this.storageFormatter = new StorageFormatter(engines);
        this.ranks = new RankOperations(engines, server);
    }

    /** The service as the server should register it: with the interceptor that tells handlers the caller's authority. */
    public ServerServiceDefinition definition() {
        return ServerInterceptors.intercept(bindService(), new CallerAuthority());
    }

    /** Releases the host files the scans keep open ({@code /proc/meminfo}). */
    @Override
    public void close() {
        memInfo.close();
    }

    /** A fault (such as a format already running) is an RPC error, as a DAOS handler's returned error is. */
    @Override
    public void storageFormat(StorageFormatReq request, StreamObserver<StorageFormatResp> responseObserver) {
        answer(responseObserver, () -> storageFormatter.format(request));
    }

    @Override
    public void prepShutdownRanks(RanksReq request, StreamObserver<RanksResp> responseObserver) {
        answer(responseObserver, () -> ranks.prepShutdown(request));
    }

    @Override
    public void stopRanks(RanksReq request, StreamObserver<RanksResp> responseObserver) {
        answer(responseObserver, () -> ranks.stop(request));
    }

    @Override
    public void startRanks(RanksReq request, StreamObserver<RanksResp> responseObserver) {
        answer(responseObserver, () -> ranks.start(request));
    }

    /** Fault 612 when one of the engines still runs, as DAOS refuses. */
    @Override
    public void resetFormatRanks(RanksReq request, StreamObserver<RanksResp> responseObserver) {
        answer(responseObserver, () -> ranks.resetFormat(request));
    }

    @Override
    public void setEngineLogMasks(SetLogMasksReq request, StreamObserver<SetLogMasksResp> responseObserver) {
        answer(responseObserver, () -> ranks.setLogMasks(request));
    }

    /** Sends the handler's answer, or its fault encoded as DAOS encodes a handler's fault. */
    private static <R> void answer(StreamObserver<R> responseObserver, Supplier<R> handler) {
        R response;
        try {
            response = handler.get();
        } catch (Fault fault) {
            responseObserver.onError(FaultStatus.of(fault));
            return;
        }
        responseObserver.onNext(response);
        responseObserver.onCompleted();
    }

    @Override
    public void storageScan(StorageScanReq request, StreamObserver<StorageScanResp> responseObserver) {
        responseObserver.onNext(storageScanner.scan(request));
        responseObserver.onCompleted();
    }

    @Override
    public void networkScan(NetworkScanReq request, StreamObserver<NetworkScanResp> responseObserver) {
        responseObserver.onNext(networkScanner.scan(request));
        responseObserver.onCompleted();
    }
}
