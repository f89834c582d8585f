package dev.dockmaster.bench;

import dev.dockmaster.core.DaosServer;
import dev.dockmaster.core.config.ServerConfigLoader;
import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.ScanNvmeReq;
import dev.dockmaster.proto.ctl.ScanScmReq;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two servers on loopback TCP answering StorageScan: the whole Dockmaster stack (core, the control module plugin,
 * the mock storage plugin, built in) and a bare grpc-java service that returns the very same response message. The
 * difference between them is what the plugin platform costs per call.
 */
public final class StorageScanStack implements AutoCloseable {
    /** What {@code dmg storage scan} sends (Basic NVMe scan, no usage). */
    public static final StorageScanReq REQUEST = StorageScanReq.newBuilder()
            .setNvme(ScanNvmeReq.newBuilder().setBasic(true))
            .setScm(ScanScmReq.getDefaultInstance())
            .build();

    private final Path dir;
    private final DaosServer dockmaster;
    private final Server bare;
    private final ManagedChannel dockmasterChannel;
    private final ManagedChannel bareChannel;
    public final CtlSvcGrpc.CtlSvcBlockingStub dockmasterStub;
    public final CtlSvcGrpc.CtlSvcBlockingStub bareStub;
    public final StorageScanResp response;

    public StorageScanStack() throws Exception {
        dir = Files.createTempDirectory("dockmaster-bench");
        Path config = Files.writeString(dir.resolve("daos_server.conf"), String.join("\n",
                "transport_config.allow_insecure = true",
                "socket_dir = \"" + dir + "\"",
                "plugins.dir = \"" + dir.resolve("no-external-plugins") + "\"",
                // As the shipped single-node config: the mock inventory, real-hardware providers off (their scans
                // read sysfs and libipmctl, which is not the platform cost this benchmark measures).
                "plugins.disabled = [storage-file, storage-nvme, storage-ipmctl]",
                "control_log_mask = ERROR"));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        dockmaster = DaosServer.start(ServerConfigLoader.load(config, Map.of("port", freePort())), Optional.empty());
        dockmasterChannel = channel(dockmaster.port());
        dockmasterStub = CtlSvcGrpc.newBlockingStub(dockmasterChannel);
        response = dockmasterStub.storageScan(REQUEST);
        if (response.getScm().getNamespacesCount() == 0 && response.getScm().getModulesCount() == 0) {
            throw new IllegalStateException("the stack answered without the mock inventory: " + response);
        }
        bare = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new CtlSvcGrpc.CtlSvcImplBase() {
                    @Override
                    public void storageScan(StorageScanReq request, StreamObserver<StorageScanResp> out) {
                        out.onNext(response);
                        out.onCompleted();
                    }
                })
                .build().start();
        bareChannel = channel(bare.getPort());
        bareStub = CtlSvcGrpc.newBlockingStub(bareChannel);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ManagedChannel channel(int port) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        dockmasterChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        bareChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        bare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        dockmaster.close();
    }
}
