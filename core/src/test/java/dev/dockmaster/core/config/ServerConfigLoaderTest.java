package dev.dockmaster.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import static dev.dockmaster.core.config.ServerConfigRejectionTest.catchInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigLoaderTest {

    @TempDir
    Path dir;

    static final String FULL_YAML = """
            name: daos_server
            port: 10001
            access_points: ['h1', 'h2:10005', '[fe80::1]']
            provider: ofi+tcp;ofi_rxm
            control_log_mask: debug
            control_metadata:
              path: /var/daos/meta
            core_dump_filter: 0x13
            telemetry_port: 9191
            client_env_vars: [D_LOG_MASK=INFO]
            transport_config:
              allow_insecure: false
              cert: /etc/daos/certs/x.crt
            plugins:
              enabled: [mock-storage]
            modules:
              telemetry:
                enabled: false
            engines:
              - targets: 8
                nr_xs_helpers: 2
                pinned_numa_node: 1
                fabric_iface: eth0
                fabric_iface_port: 31416
                log_mask: ERR,mgmt=DEBUG
                env_vars: [CRT_TIMEOUT=30]
                storage:
                  - class: ram
                    scm_mount: /mnt/daos0
                    scm_size: 16
                  - class: nvme
                    bdev_list: ['0000:81:00.0']
                    bdev_roles: [wal]
                  - class: nvme
                    bdev_list: ['0000:82:00.0', '0000:83:00.0']
                    bdev_roles: [meta, data]
                    bdev_busid_range: 0x80-0x8f
            """;

    static final String FULL_HOCON = """
            name = daos_server
            port = 10001
            access_points = [h1, "h2:10005", "[fe80::1]"]
            provider = "ofi+tcp;ofi_rxm"
            control_log_mask = debug
            control_metadata.path = /var/daos/meta
            core_dump_filter = 19
            telemetry_port = 9191
            client_env_vars = ["D_LOG_MASK=INFO"]
            transport_config { allow_insecure = false, cert = /etc/daos/certs/x.crt }
            plugins.enabled = [mock-storage]
            modules.telemetry.enabled = false
            engines = [
              {
                targets = 8
                nr_xs_helpers = 2
                pinned_numa_node = 1
                fabric_iface = eth0
                fabric_iface_port = 31416
                log_mask = "ERR,mgmt=DEBUG"
                env_vars = ["CRT_TIMEOUT=30"]
                storage = [
                  { class = ram, scm_mount = /mnt/daos0, scm_size = 16 }
                  { class = nvme, bdev_list = ["0000:81:00.0"], bdev_roles = [wal] }
                  { class = nvme, bdev_list = ["0000:82:00.0", "0000:83:00.0"], bdev_roles = [meta, data],
                    bdev_busid_range = "0x80-0x8f" }
                ]
              }
            ]
            """;

    @Test
    void yamlAndHoconGiveTheSameConfiguration() throws Exception {
        Path yaml = Files.writeString(dir.resolve("daos_server.yml"), FULL_YAML);
        Path hocon = Files.writeString(dir.resolve("daos_server.conf"), FULL_HOCON);

        LoadedServerConfig fromYaml = (LoadedServerConfig) ServerConfigLoader.load(yaml, Map.of());
        LoadedServerConfig fromHocon = (LoadedServerConfig) ServerConfigLoader.load(hocon, Map.of());

        assertThat(fromYaml.settings()).isEqualTo(fromHocon.settings());
        assertThat(fromYaml.raw().root().unwrapped()).isEqualTo(fromHocon.raw().root().unwrapped());
        assertThat(fromYaml.moduleEnabled("telemetry")).isFalse();
        assertThat(fromHocon.moduleEnabled("telemetry")).isFalse();
    }

    @Test
    void readsEveryTypedValue() throws Exception {
        ServerConfig config = ServerConfigLoader.load(Files.writeString(dir.resolve("s.yml"), FULL_YAML), Map.of());

        assertThat(config.accessPoints()).containsExactly("h1:10001", "h2:10005", "[fe80::1]:10001");
        assertThat(config.fabricProviders()).containsExactly("ofi+tcp;ofi_rxm");
        assertThat(config.controlLogMask()).isEqualTo("DEBUG");
        assertThat(config.coreDumpFilter()).isEqualTo(0x13);
        assertThat(config.telemetryPort()).isEqualTo(9191);
        assertThat(config.transport()).isEqualTo(new TransportConfig(false, "/etc/daos/certs/clients",
                "/etc/daos/certs/daosCA.crt", "/etc/daos/certs/x.crt", "/etc/daos/certs/server.key"));
        assertThat(config.controlMetadata()).isEqualTo(new ControlMetadata("/var/daos/meta", ""));
        assertThat(config.plugins().enabled()).containsExactly("mock-storage");
        assertThat(config.plugins().isEnabled("mock-storage")).isTrue();
        assertThat(config.plugins().isEnabled("other")).isFalse();

        EngineConfig engine = config.engines().get(0);
        assertThat(engine.targets()).isEqualTo(8);
        assertThat(engine.nrXsHelpers()).isEqualTo(2);
        assertThat(engine.pinnedNumaNode()).isEqualTo(OptionalInt.of(1));
        assertThat(engine.firstCore()).isEmpty();
        assertThat(engine.provider()).as("inherited from top level").isEqualTo("ofi+tcp;ofi_rxm");
        assertThat(engine.fabricIface()).isEqualTo("eth0");
        assertThat(engine.fabricIfacePort()).isEqualTo(31416);
        assertThat(engine.logMask()).isEqualTo("ERR,mgmt=DEBUG");
        assertThat(engine.logFile()).isEmpty();
        assertThat(engine.envVars()).containsExactly("CRT_TIMEOUT=30");
        assertThat(engine.scmTier()).isEqualTo(new StorageTier(0, StorageClass.RAM, "/mnt/daos0", List.of(), 16,
                false, List.of(), 0, 0, "", Set.of()));
        assertThat(engine.bdevTiers()).extracting(StorageTier::bdevRoles)
                .containsExactly(Set.of(BdevRole.WAL), Set.of(BdevRole.META, BdevRole.DATA));
        assertThat(engine.storage().get(2).bdevList()).containsExactly("0000:82:00.0", "0000:83:00.0");
        assertThat(engine.storage().get(2).bdevBusidRange()).isEqualTo("0x80-0x8f");
        assertThat(config.origin()).isEqualTo(dir.resolve("s.yml").toString());
    }

    @Test
    void embeddedDefaultIsASingleInsecureHostWithTwoSimulatedEngines() throws Exception {
        ServerConfig config = ServerConfigLoader.loadDefault(Map.of());

        assertThat(config.origin()).isEqualTo("embedded default");
        assertThat(config.systemName()).isEqualTo("daos_server");
        assertThat(config.port()).isEqualTo(10001);
        assertThat(config.accessPoints()).containsExactly("localhost:10001");
        assertThat(config.transport().allowInsecure()).isTrue();
        assertThat(config.socketDir()).isEqualTo("/tmp/dockmaster");
        // Two engines any user can run: mock-served ram SCM and file bdevs under /tmp/dockmaster, loopback fabric
        // on distinct ports, and the bundled simulator as the engine binary (engine_binary unset).
        assertThat(config.engines()).hasSize(2);
        assertThat(config.engines()).extracting(e -> e.scmTier().scmMount())
                .containsExactly("/tmp/dockmaster/engine0", "/tmp/dockmaster/engine1");
        assertThat(config.engines()).extracting(EngineConfig::fabricIface).containsExactly("lo", "lo");
        assertThat(config.engines()).extracting(EngineConfig::fabricIfacePort).containsExactly(31416, 31516);
        assertThat(config.engines()).extracting(e -> e.bdevTiers().get(0).storageClass())
                .containsExactly(StorageClass.FILE, StorageClass.FILE);
        assertThat(config.provider()).isEqualTo("ofi+tcp;ofi_rxm");
        assertThat(config.engineBinary()).isEmpty();
        // The demo reports the mock inventory: the real-hardware providers are off.
        assertThat(config.plugins()).isEqualTo(new PluginsConfig("plugins", List.of(),
                List.of("storage-ram", "storage-file", "storage-nvme", "storage-ipmctl"), List.of()));
        assertThat(config.moduleEnabled("anything")).isTrue();
    }

    @Test
    void emptyFileGetsDaosDefaults() throws Exception {
        ServerConfig config = ServerConfigLoader.load(Files.writeString(dir.resolve("e.yml"), "# nothing\n"),
                Map.of());

        assertThat(config.systemName()).isEqualTo("daos_server");
        assertThat(config.port()).isEqualTo(10001);
        assertThat(config.accessPoints()).containsExactly("localhost:10001");
        assertThat(config.transport()).isEqualTo(new TransportConfig(false, "/etc/daos/certs/clients",
                "/etc/daos/certs/daosCA.crt", "/etc/daos/certs/server.crt", "/etc/daos/certs/server.key"));
        assertThat(config.socketDir()).isEqualTo("/var/run/daos_server");
        assertThat(config.telemetryPort()).isZero();
        assertThat(config.controlLogMask()).isEqualTo("INFO");
        assertThat(config.controlLogFile()).isEmpty();
        assertThat(config.fabricProviders()).isEmpty();
        assertThat(config.nrHugepages()).isZero();
        assertThat(config.systemRamReserved()).isEqualTo(16);
        assertThat(config.coreDumpFilter()).isEqualTo(0x13);
        assertThat(config.disableVmd()).isFalse();
        assertThat(config.allowThp()).isFalse();
        assertThat(config.faultPath()).isEmpty();
        assertThat(config.engines()).isEmpty();
    }

    @Test
    void engineBinaryIsADockmasterTopLevelKey() throws Exception {
        ServerConfig config = ServerConfigLoader.load(Files.writeString(dir.resolve("b.yml"),
                "engine_binary: /usr/bin/daos_engine\n"), Map.of());

        assertThat(config.engineBinary()).isEqualTo("/usr/bin/daos_engine");
    }

    @Test
    void emptyYamlValueMeansTheDefault() throws Exception {
        ServerConfig config = ServerConfigLoader.load(
                Files.writeString(dir.resolve("n.yml"), "port:\nsocket_dir: ~\n"), Map.of());

        assertThat(config.port()).isEqualTo(10001);
        assertThat(config.socketDir()).isEqualTo("/var/run/daos_server");
    }

    @Test
    void commandLineOverridesWinOverFileAndDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("o.yml"), "port: 10005\naccess_points: [localhost]\n");

        ServerConfig config = ServerConfigLoader.load(file,
                Map.of("port", 10002, "transport_config.allow_insecure", true));

        assertThat(config.port()).isEqualTo(10002);
        assertThat(config.accessPoints()).containsExactly("localhost:10002");
        assertThat(config.transport().allowInsecure()).isTrue();
        assertThat(ServerConfigLoader.loadDefault(Map.of("port", 10003)).accessPoints())
                .containsExactly("localhost:10003");
    }

    @Test
    void badOverrideNamesTheCommandLine() {
        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.loadDefault(Map.of("port", -1)));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(703);
            assertThat(p.origin()).isEqualTo("command line");
        });
    }

    @Test
    void unknownKeySuggestsTheNearestValidKey() throws Exception {
        Path file = Files.writeString(dir.resolve("u.yml"), "name: daos_server\nacces_points: [localhost]\n");

        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.load(file, Map.of()));

        assertThat(e.getMessage()).isEqualTo(file + ":2: acces_points: unknown key \"acces_points\" (did you mean"
                + " \"access_points\"?); valid keys: " + String.join(", ", new java.util.TreeSet<>(
                ConfigSchema.TOP_LEVEL)) + " (fix: remove or rename the key; see the commented example"
                + " daos_server.yml for every key) [code 701]");
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("yaml bad indentation", "a.yml", "name: x\n  port: 1\n", "a.yml:2",
                        "YAML syntax error at line 2, column"),
                Arguments.of("yaml tab", "b.yml", "name: x\n\tport: 1\n", "b.yml:2", "YAML syntax error at line 2"),
                Arguments.of("yaml unclosed list", "c.yml", "name: x\naccess_points: [a, b\nport: 1\n", "c.yml:",
                        "YAML syntax error"),
                Arguments.of("yaml list at top", "d.yml", "- a\n- b\n", "d.yml:1", "must be a mapping"),
                Arguments.of("yaml duplicate key", "e.yml", "port: 1\nname: x\nport: 2\n", "e.yml:3",
                        "duplicate key, already given on line 1"),
                Arguments.of("hocon unclosed brace", "f.conf", "name = x\ntransport_config {\n allow_insecure = true\n",
                        "f.conf:", "HOCON syntax error"),
                Arguments.of("unsupported extension", "g.txt", "name: x\n", "g.txt", "unsupported configuration file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsNameTheLine(String name, String fileName, String text, String origin, String message)
            throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), text);

        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.load(file, Map.of()));

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.origin()).startsWith(dir.resolve(origin).toString());
            assertThat(p.message()).contains(message);
            assertThat(p.code()).isEqualTo(701);
        });
    }

    @Test
    void yamlMergeKeysAreResolved() throws Exception {
        Path file = Files.writeString(dir.resolve("m.yml"), """
                transport_config:
                  <<: {allow_insecure: true, cert: /a.crt}
                  cert: /b.crt
                """);

        TransportConfig transport = ServerConfigLoader.load(file, Map.of()).transport();

        assertThat(transport.allowInsecure()).isTrue();
        assertThat(transport.cert()).isEqualTo("/b.crt");
    }

    @Test
    void shippedDefaultYamlIsTheEmbeddedDefault() throws Exception {
        try (var in = ServerConfigLoader.class.getClassLoader()
                .getResourceAsStream(ServerConfigLoader.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            Path copy = dir.resolve("daos_server.yml");
            Files.copy(in, copy);
            LoadedServerConfig fromFile = (LoadedServerConfig) ServerConfigLoader.load(copy, Map.of());
            LoadedServerConfig embedded = (LoadedServerConfig) ServerConfigLoader.loadDefault(Map.of());
            assertThat(fromFile.settings()).isEqualTo(embedded.settings());
        }
    }
}
