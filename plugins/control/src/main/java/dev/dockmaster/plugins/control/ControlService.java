package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.grpc.ServerInfo;
import io.grpc.Status;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.stub.StreamObserver;

/**
 * {@code ctl.CtlSvc}, the per-host control service: storage and network scans and storage format of this host. The methods not
 * overridden here answer {@code UNIMPLEMENTED} (the generated default), as a DAOS server lacking them would.
 */
public final class ControlService extends CtlSvcGrpc.CtlSvcImplBase implements AutoCloseable {

    private final MemInfoReader memInfo;
    private final StorageScanner storageScanner;
    private final NetworkScanner networkScanner;

    private final StorageFormatter storageFormatter;

    public ControlService(StorageProviders storage, ServerInfo server, HostFacts host) {
        this(storage, EngineHarness.none(), server, host);
    }

    public ControlService(StorageProviders storage, EngineHarness engines, ServerInfo server, HostFacts host) {
        this.memInfo = new MemInfoReader(host);
        this.storageScanner = new StorageScanner(storage, engines, memInfo);
        this.networkScanner = new NetworkScanner(host, server.fabricProviders());
        this.storageFormatter = new StorageFormatter(engines);
    }

    /** Releases the host files the scans keep open ({@code /proc/meminfo}). */
    @Override
    public void close() {
        memInfo.close();
    }

    /** A fault (such as a format already running) is an RPC error, as a DAOS handler's returned error is. */
    @Override
    public void storageFormat(StorageFormatReq request, StreamObserver<StorageFormatResp> responseObserver) {
        StorageFormatResp response;
        try {
            response = storageFormatter.format(request);
        } catch (Fault fault) {
            responseObserver.onError(Status.INTERNAL.withDescription(fault.describe()).asRuntimeException());
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
