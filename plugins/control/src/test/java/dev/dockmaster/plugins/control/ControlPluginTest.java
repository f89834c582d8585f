package dev.dockmaster.plugins.control;

import dev.dockmaster.testing.storage.MapConfigView;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import dev.dockmaster.proto.ctl.NetworkScanReq;
import dev.dockmaster.proto.ctl.MemInfo;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlPluginTest {

    private static final ServerInfo SERVER = new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 1, 0);

    private record Context(ConfigView config, ServerInfo server, StorageProviders storage) implements ModuleContext {
        @Override
        public dev.dockmaster.spi.grpc.TransportInfo transport() {
            return new dev.dockmaster.spi.grpc.TransportInfo(true, java.nio.file.Path.of("ca.crt"),
                    java.nio.file.Path.of("server.crt"), java.nio.file.Path.of("server.key"), java.nio.file.Path.of("clients"));
        }
    }

    @Test
    void theServiceFileNamesThePluginAndItOffersTheControlModule() {
        List<DockmasterPlugin> plugins = ServiceLoader.load(DockmasterPlugin.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(plugins).singleElement().isInstanceOf(ControlPlugin.class);
        assertThat(plugins.get(0).grpcModules()).extracting(GrpcModuleFactory::name).containsExactly("control");
        assertThat(plugins.get(0).scmProviders()).isEmpty();
    }

    @Test
    void theModuleServesCtlSvc() {
        GrpcModule module = new ControlModuleFactory().create(
                new Context(new MapConfigView(Map.of()), SERVER, TestingStorageProviders.none()));

        assertThat(module.services()).extracting(ServerServiceDefinition::getServiceDescriptor)
                .extracting(descriptor -> descriptor.getName()).containsExactly(CtlSvcGrpc.SERVICE_NAME);
        assertThat(CtlSvcGrpc.SERVICE_NAME).isEqualTo("ctl.CtlSvc");
        assertThat(module.interceptors()).isEmpty();
    }

    @Test
    void hostRootPointsTheModuleAtAFixtureTree(@TempDir Path root) throws IOException {
        Path eth = Files.createDirectories(root.resolve("sys/class/net/fixture0"));
        Files.writeString(eth.resolve("type"), "1\n");
        Files.writeString(eth.resolve("flags"), "0x1003\n");
        GrpcModule module = new ControlModuleFactory().create(new Context(
                new MapConfigView(Map.of("host_root", root.toString())), SERVER, TestingStorageProviders.none()));
        ServerServiceDefinition definition = module.services().get(0);

        try (InProcessCtl ctl = new InProcessCtl(() -> definition)) {
            assertThat(ctl.stub.networkScan(NetworkScanReq.getDefaultInstance()).getInterfacesList())
                    .extracting(fi -> fi.getDevice()).containsOnly("fixture0");
        }
    }

    @Test
    void everyStorageScanReadsMeminfoAfreshUntilTheModuleCloses(@TempDir Path root) throws IOException {
        Path meminfo = Files.createDirectories(root.resolve("proc")).resolve("meminfo");
        Files.writeString(meminfo, "MemTotal: 2048 kB\nMemAvailable: 1024 kB\n");
        GrpcModule module = new ControlModuleFactory().create(new Context(
                new MapConfigView(Map.of("host_root", root.toString())), SERVER, TestingStorageProviders.none()));
        ServerServiceDefinition definition = module.services().get(0);

        try (InProcessCtl ctl = new InProcessCtl(() -> definition)) {
            assertThat(ctl.stub.storageScan(StorageScanReq.getDefaultInstance()).getMemInfo().getMemAvailableKb())
                    .isEqualTo(1024);
            Files.writeString(meminfo, "MemTotal: 2048 kB\nMemAvailable: 512 kB\n");
            assertThat(ctl.stub.storageScan(StorageScanReq.getDefaultInstance()).getMemInfo().getMemAvailableKb())
                    .isEqualTo(512);

            module.close();

            // Closed: the scan still answers, without memory figures.
            assertThat(ctl.stub.storageScan(StorageScanReq.getDefaultInstance()).getMemInfo())
                    .isEqualTo(MemInfo.getDefaultInstance());
        }
    }

    @Test
    void aServerWithoutEnginesAnswersRankOperationsWithNoResults() {
        BindableService service = new ControlService(TestingStorageProviders.none(), SERVER, new TestingHostFacts());
        try (InProcessCtl ctl = new InProcessCtl(service)) {
            assertThat(ctl.stub.stopRanks(RanksReq.newBuilder().setRanks("0-3").build()).getResultsList()).isEmpty();
        }
    }
}
