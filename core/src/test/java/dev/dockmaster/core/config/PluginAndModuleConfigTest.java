package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginAndModuleConfigTest {

    @TempDir
    Path dir;

    static final Config MOCK_REFERENCE = ConfigFactory.parseString("""
            scm_modules = 2
            nvme { controllers = 4, capacity = 1TB }
            fail_format = false
            label = mock
            optional = null
            """);

    ServerConfig load(String yaml) throws Exception {
        return ServerConfigLoader.load(Files.writeString(dir.resolve("daos_server.yml"), yaml), Map.of());
    }

    @Test
    void pluginBlockOverridesThePluginReference() throws Exception {
        ServerConfig config = load("""
                plugin:
                  mock-storage:
                    scm_modules: 3
                    nvme:
                      capacity: 512GiB
                    optional: [anything]
                """);

        ConfigView view = config.pluginConfig("mock-storage", MOCK_REFERENCE);

        assertThat(view.getInt("scm_modules")).isEqualTo(3);
        assertThat(view.getInt("nvme.controllers")).isEqualTo(4);
        assertThat(view.getBytes("nvme.capacity")).isEqualTo(512L << 30);
        assertThat(view.getView("nvme").getBytes("capacity")).isEqualTo(512L << 30);
        assertThat(view.getBoolean("fail_format")).isFalse();
        assertThat(view.getStringList("optional")).containsExactly("anything");
        assertThat(view.origin()).isEqualTo(dir.resolve("daos_server.yml") + ":2");
    }

    @Test
    void pluginWithoutBlockGetsItsReference() throws Exception {
        ConfigView view = load("port: 10001\n").pluginConfig("mock-storage", MOCK_REFERENCE);

        assertThat(view.getString("label")).isEqualTo("mock");
        assertThat(view.hasPath("nvme.controllers")).isTrue();
    }

    static Stream<Arguments> badPluginBlocks() {
        return Stream.of(
                Arguments.of("unknown key", "    scm_module: 3\n", "plugin.mock-storage.scm_module",
                        "did you mean \"scm_modules\"?"),
                Arguments.of("unknown nested key", "    nvme:\n      controler: 3\n",
                        "plugin.mock-storage.nvme.controler", "did you mean \"controllers\"?"),
                Arguments.of("number expected", "    scm_modules: many\n", "plugin.mock-storage.scm_modules",
                        "must be a number"),
                Arguments.of("block expected", "    nvme: 4\n", "plugin.mock-storage.nvme", "must be a block"),
                Arguments.of("boolean expected", "    fail_format: sometimes\n", "plugin.mock-storage.fail_format",
                        "must be true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPluginBlocks")
    void pluginBlockKeysMustBeInTheReference(String name, String block, String key, String message)
            throws Exception {
        ServerConfig config = load("plugin:\n  mock-storage:\n" + block);

        assertThatThrownBy(() -> config.pluginConfig("mock-storage", MOCK_REFERENCE))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.key()).isEqualTo(key);
                            assertThat(p.message()).contains(message);
                            assertThat(p.origin()).isEqualTo(dir.resolve("daos_server.yml") + ":"
                                    + (block.lines().count() + 2));
                            assertThat(p.code()).isEqualTo(701);
                        }));
    }

    @Test
    void viewGettersThrowAConfigFaultNamingKeyAndLine() throws Exception {
        ServerConfig config = load("modules:\n  telemetry:\n    enabled: true\n    interval: soon\n");

        ConfigView view = config.moduleConfig("telemetry");

        assertThat(view.getBoolean("enabled")).isTrue();
        assertThatThrownBy(() -> view.getInt("interval"))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("config");
                    assertThat(f.code()).isEqualTo(701);
                    assertThat(f.description()).startsWith(dir.resolve("daos_server.yml") + ":4: "
                            + "modules.telemetry.interval has the wrong type");
                    assertThat(f.resolution()).contains("modules.telemetry.interval");
                });
        assertThatThrownBy(() -> view.getString("missing"))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description())
                        .contains("modules.telemetry.missing is not set"));
    }

    @Test
    void moduleWithoutBlockIsEnabledWithAnEmptyView() throws Exception {
        ServerConfig config = load("port: 10001\n");

        assertThat(config.moduleEnabled("pool")).isTrue();
        assertThat(config.moduleConfig("pool").hasPath("anything")).isFalse();
        assertThatThrownBy(() -> config.moduleConfig("pool").getInt("x")).isInstanceOf(Fault.class)
                .hasMessageContaining("modules.pool.x");
    }

    @Test
    void unknownModuleAndPluginNamesAreReported() throws Exception {
        ServerConfig config = load("""
                plugins:
                  enabled: [mock-storag]
                modules:
                  telemetri:
                    enabled: false
                  pool: {}
                plugin:
                  nosuch: {}
                """);

        var problems = config.checkKnownNames(Set.of("pool", "telemetry"), Set.of("mock-storage"));

        assertThat(problems).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("modules.telemetri", "plugin.nosuch", "plugins.enabled");
        assertThat(problems).filteredOn(p -> p.key().equals("modules.telemetri")).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).contains("did you mean \"telemetry\"?");
                    assertThat(p.origin()).isEqualTo(dir.resolve("daos_server.yml") + ":4");
                });
        assertThat(problems).filteredOn(p -> p.key().equals("plugins.enabled")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean \"mock-storage\"?"));
        assertThat(config.checkKnownNames(Set.of("pool", "telemetri"), Set.of("mock-storag", "nosuch"))).isEmpty();
    }

    @Test
    void aModuleBlockIsCheckedAgainstTheModulesDeclaredSettings() throws Exception {
        com.typesafe.config.Config declared = com.typesafe.config.ConfigFactory.parseString(
                "raft_port_offset = 1\njoin_batch_window = 250ms\n");
        ServerConfig config = load("modules:\n  management:\n    enabled: true\n    raft_port_ofset: 2\n"
                + "    join_batch_window: [1]\n");

        assertThatThrownBy(() -> config.moduleConfig("management", declared))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                            "modules.management.raft_port_ofset", "modules.management.join_batch_window");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.origin())
                            .startsWith(dir.resolve("daos_server.yml").toString()));
                    assertThat(e.getMessage()).contains("did you mean \"raft_port_offset\"");
                });
    }

    @Test
    void aModuleBlockGetsTheModulesDefaultsAndMayAlwaysSwitchItOff() throws Exception {
        com.typesafe.config.Config declared = com.typesafe.config.ConfigFactory.parseString(
                "raft_port_offset = 1\nheartbeat_timeout = 2s\n");
        ServerConfig config = load("modules:\n  management:\n    enabled: false\n    raft_port_offset: 5\n");

        ConfigView view = config.moduleConfig("management", declared);

        assertThat(view.getInt("raft_port_offset")).isEqualTo(5);
        assertThat(view.getString("heartbeat_timeout")).isEqualTo("2s");
        assertThat(config.moduleEnabled("management")).isFalse();
        assertThat(load("port: 10001\n").moduleConfig("management", declared).getInt("raft_port_offset"))
                .isEqualTo(1);
    }
}
