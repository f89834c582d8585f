package dev.dockmaster.core;

import dev.dockmaster.core.plugin.TestingPluginsDir;
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ListPluginsResp;
import dev.dockmaster.proto.v1.ModuleInfo;
import dev.dockmaster.proto.v1.PluginInfo;
import dev.dockmaster.proto.v1.ServerSvcGrpc;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevScanRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaosServerTest {
    @TempDir
    Path dir;

    private DaosServer server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private Path pluginsDir() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        new TestingPluginsDir(plugins).withZip(TestingPluginsDir.ISOLATION_PROBE).withCorruptJar("broken.jar");
        return plugins;
    }

    private ListPluginsResp listPlugins() {
        channel = Grpc.newChannelBuilderForAddress("localhost", server.port(), InsecureChannelCredentials.create())
                .build();
        return ServerSvcGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listPlugins(ListPluginsReq.getDefaultInstance());
    }

    @Test
    void servesWhatItLoadedOverTcp() throws Exception {
        server = DaosServer.start(TestingServers.config(dir, pluginsDir(), ""), Optional.empty());

        ListPluginsResp response = listPlugins();

        assertThat(response.getServerVersion()).isEqualTo(BuildInfo.current().version());
        assertThat(response.getDaosVersion()).isEqualTo("2.6.5");
        assertThat(response.getPluginsList()).extracting(PluginInfo::getId, PluginInfo::getState)
                .contains(org.assertj.core.groups.Tuple.tuple("isolation-probe", PluginInfo.State.STARTED),
                        org.assertj.core.groups.Tuple.tuple("broken.jar", PluginInfo.State.FAILED));
        assertThat(response.getPluginsList()).filteredOn(p -> p.getId().equals("isolation-probe")).singleElement()
                .satisfies(p -> assertThat(p.getBdevProvidersList()).containsExactly("isolation-probe"));
        assertThat(response.getPluginsList()).filteredOn(p -> p.getId().equals("broken.jar")).singleElement()
                .satisfies(p -> assertThat(p.getError()).contains("cannot load plugin"));
        assertThat(response.getModulesList()).extracting(ModuleInfo::getName).contains("server");
    }

    @Test
    void pluginBlockOfTheConfigReachesTheProviderOverItsDefaults() throws Exception {
        server = DaosServer.start(TestingServers.config(dir, pluginsDir(),
                "plugin.isolation-probe.label = \"from-config\""), Optional.empty());

        var scan = server.storage().bdev().get(0).scan(BdevScanRequest.all());

        assertThat(scan.controllers().get(0).pciAddress()).isEqualTo("from-config");
        assertThat(scan.controllers().get(0).firmwareRevision()).as("context class loader in the provider")
                .isEqualTo("tccl-plugin");
    }

    @Test
    void aMissingEngineBinaryStopsTheStartWithAFaultNamingIt() throws Exception {
        Path missing = dir.resolve("no/daos_engine");
        var config = TestingServers.config(dir, pluginsDir(), "provider = \"ofi+tcp\"\n"
                + "engine_binary = \"" + missing + "\"\n"
                + "engines = [ { targets = 1, fabric_iface = lo, fabric_iface_port = 31416,\n"
                + "  storage = [ { class = ram, scm_mount = \"" + dir.resolve("scm") + "\", scm_size = 4 } ] } ]\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DaosServer.start(config, Optional.empty()))
                .isInstanceOfSatisfying(dev.dockmaster.spi.Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(2111);
                    assertThat(f.description()).contains(missing.toString()).contains("does not exist");
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DaosServer.validate(config, Optional.empty()))
                .isInstanceOf(dev.dockmaster.spi.Fault.class).hasMessageContaining("does not exist");
    }

    @Test
    void pluginDefaultsApplyWhenTheConfigSaysNothing() throws Exception {
        server = DaosServer.start(TestingServers.config(dir, pluginsDir(), ""), Optional.empty());

        var scan = server.storage().bdev().get(0).scan(BdevScanRequest.all());

        assertThat(scan.controllers().get(0).pciAddress()).isEqualTo("probe-default");
    }

    @Test
    void disabledModuleIsNotServed() throws Exception {
        server = DaosServer.start(TestingServers.config(dir, pluginsDir(), "modules.server.enabled = false"),
                Optional.empty());

        assertThatThrownBy(this::listPlugins).hasMessageContaining("UNIMPLEMENTED");
        assertThat(server.modules().statuses()).filteredOn(m -> m.name().equals("server")).singleElement()
                .satisfies(m -> assertThat(m.enabled()).isFalse());
    }

    @Test
    void portInUseIsAFaultThatNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            var config = dev.dockmaster.core.config.ServerConfigLoader.load(
                    Files.writeString(dir.resolve("c.conf"), "plugins.dir = \"" + dir + "\"\n"
                            + "transport_config.allow_insecure = true\n"),
                    Map.of("port", taken.getLocalPort()));

            assertThatThrownBy(() -> DaosServer.start(config, Optional.empty()))
                    .isInstanceOfSatisfying(Fault.class, f -> {
                        assertThat(f.code()).isEqualTo(ServerFaults.CONTROL_PORT_UNAVAILABLE);
                        assertThat(f.description()).contains(String.valueOf(taken.getLocalPort()));
                        assertThat(f.resolution()).contains("-p PORT");
                    });
        }
    }

    @Test
    void tlsWithoutASecurityModuleRefusesToStartBeforeOpeningThePort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // DAOS's default is TLS (allow_insecure false) and no module here secures the port.
        var config = dev.dockmaster.core.config.ServerConfigLoader.load(
                Files.writeString(dir.resolve("tls.conf"), "plugins.dir = \"" + dir + "\"\n"), Map.of("port", port));

        assertThatThrownBy(() -> DaosServer.start(config, Optional.empty()))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code())
                        .isEqualTo(ServerFaults.NO_TRANSPORT_SECURITY));
        try (ServerSocket free = new ServerSocket(port)) {
            assertThat(free.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void anUnknownKeyInAModuleBlockStopsStartAndValidateWithTheKeyNamed() throws Exception {
        var config = TestingServers.config(dir, pluginsDir(), "modules.server.verbose = true\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DaosServer.start(config, Optional.empty()))
                .isInstanceOfSatisfying(dev.dockmaster.core.config.InvalidConfigException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.key()).isEqualTo("modules.server.verbose");
                            assertThat(p.message()).contains("unknown key").contains("enabled");
                        }));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DaosServer.validate(config, Optional.empty()))
                .isInstanceOf(dev.dockmaster.core.config.InvalidConfigException.class)
                .hasMessageContaining("modules.server.verbose");
    }
}
