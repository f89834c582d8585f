package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.NetworkScanResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.stub.StreamObserver;

/**
 * {@code ctl.CtlSvc}, the per-host control service: storage and network scans of this host. The methods not
 * overridden here answer {@code UNIMPLEMENTED} (the generated default), as a DAOS server lacking them would.
 */
public final class ControlService extends CtlSvcGrpc.CtlSvcImplBase {

    private final StorageScanner storageScanner;
    private final NetworkScanner networkScanner;

    public ControlService(StorageProviders storage, ServerInfo server, HostFacts host) {
        this.storageScanner = new StorageScanner(storage, new MemInfoReader(host));
        this.networkScanner = new NetworkScanner(host, server.fabricProviders());
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
