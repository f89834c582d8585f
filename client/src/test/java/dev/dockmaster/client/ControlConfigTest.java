package dev.dockmaster.client;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlConfigTest {

    @Test
    void defaultsMatchDaos() {
        ControlConfig c = ControlConfig.defaults();
        assertThat(c.name()).isEqualTo("daos_server");
        assertThat(c.port()).isEqualTo(10001);
        assertThat(c.hostList()).containsExactly("localhost");
        assertThat(c.hosts().hosts()).containsExactly("localhost:10001");
        assertThat(c.transport()).isEqualTo(new TransportConfig(false, "/etc/daos/certs/daosCA.crt",
                "/etc/daos/certs/admin.crt", "/etc/daos/certs/admin.key"));
        assertThat(c.source()).isEmpty();
    }

    @Test
    void parsesEveryKey() {
        ControlConfig c = ControlConfig.parse("""
                name: tiny
                port: 10002
                hostlist: ['wolf-[71-72]', 'node3:9999']
                transport_config:
                  allow_insecure: true
                  ca_cert: /ca.crt
                  cert: /a.crt
                  key: /a.key
                """, "test.yml");
        assertThat(c.name()).isEqualTo("tiny");
        assertThat(c.port()).isEqualTo(10002);
        assertThat(c.hosts().toRangedString()).isEqualTo("node3:9999,wolf-[71-72]:10002");
        assertThat(c.transport()).isEqualTo(new TransportConfig(true, "/ca.crt", "/a.crt", "/a.key"));
    }

    @Test
    void partialTransportKeepsOtherDefaults() {
        ControlConfig c = ControlConfig.parse("transport_config:\n  allow_insecure: true\n", "t");
        assertThat(c.transport()).isEqualTo(TransportConfig.defaults().withAllowInsecure(true));
        assertThat(c.hostList()).containsExactly("localhost");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown top key", "name: a\nhostlst: [a]\n", "line 2: unknown key \"hostlst\""),
                Arguments.of("unknown transport key", "transport_config:\n  allow_insecure: true\n  certs: x\n",
                        "line 3: unknown key \"certs\" in transport_config"),
                Arguments.of("duplicate key", "port: 1\nport: 2\n", "line 2: key \"port\" is given more than once"),
                Arguments.of("bad port", "port: abc\n", "line 1: invalid control port \"abc\""),
                Arguments.of("port zero", "port: 0\n", "invalid control port \"0\""),
                Arguments.of("long name", "name: abcdefghijklmnop\n", "invalid system name"),
                Arguments.of("bad hostlist", "hostlist: ['node[1-']\n", "line 1: invalid host list"),
                Arguments.of("hostlist mapping", "hostlist:\n  a: b\n", "hostlist must be a list"),
                Arguments.of("bad bool", "transport_config:\n  allow_insecure: maybe\n", "must be true or false"),
                Arguments.of("not a mapping", "- a\n- b\n", "must be a mapping"),
                Arguments.of("broken yaml", "name: [a\n", "not valid YAML"),
                Arguments.of("empty", "   \n", "the file is empty"),
                Arguments.of("only comments", "# nothing\n", "holds no settings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void strictParsingNamesTheProblem(String name, String yaml, String expected) {
        assertThatThrownBy(() -> ControlConfig.parse(yaml, "daos_control.yml"))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.description()).startsWith("daos_control.yml").contains(expected);
                    assertThat(f.resolution()).isNotBlank();
                });
    }

    @Test
    void unknownKeyResolutionListsValidKeys() {
        assertThatThrownBy(() -> ControlConfig.parse("nmae: x\n", "f"))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.resolution())
                        .contains("hostlist, name, port, transport_config"));
    }

    @Test
    void lookupOrderExplicitThenUserThenSystemThenDockmasterHome(@TempDir Path tmp) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path dmHome = Files.createDirectories(tmp.resolve("dm").resolve("conf")).getParent();
        ConfigSearchPath search = new ConfigSearchPath(home, etc, Optional.of(dmHome));

        assertThat(ControlConfig.locate(Optional.empty(), search)).isEqualTo(ControlConfig.defaults());

        Path dmFile = Files.writeString(dmHome.resolve("conf/daos_control.yml"), "name: fromdm\n");
        assertThat(ControlConfig.locate(Optional.empty(), search).name()).isEqualTo("fromdm");

        Files.writeString(etc.resolve("daos_control.yml"), "name: frometc\n");
        assertThat(ControlConfig.locate(Optional.empty(), search).name()).isEqualTo("frometc");

        Files.writeString(home.resolve(".daos_control.yml"), "name: fromhome\n");
        ControlConfig fromHome = ControlConfig.locate(Optional.empty(), search);
        assertThat(fromHome.name()).isEqualTo("fromhome");
        assertThat(fromHome.source()).contains(home.resolve(".daos_control.yml"));

        assertThat(ControlConfig.locate(Optional.of(dmFile), search).name()).isEqualTo("fromdm");
    }

    @Test
    void explicitMissingFileIsAnError(@TempDir Path tmp) {
        ConfigSearchPath search = new ConfigSearchPath(tmp, tmp, Optional.empty());
        assertThatThrownBy(() -> ControlConfig.locate(Optional.of(tmp.resolve("nope.yml")), search))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description()).contains("does not exist"));
    }

    @Test
    void dockmasterHomeFromSystemProperty() {
        String old = System.getProperty("dockmaster.home");
        try {
            System.setProperty("dockmaster.home", "/opt/dm");
            assertThat(ConfigSearchPath.fromEnvironment().candidates())
                    .endsWith(Path.of("/opt/dm/conf/daos_control.yml"));
        } finally {
            if (old == null) {
                System.clearProperty("dockmaster.home");
            } else {
                System.setProperty("dockmaster.home", old);
            }
        }
    }

    @Test
    void withersKeepOtherFields() {
        ControlConfig c = ControlConfig.defaults().withAllowInsecure(true).withHostList(List.of("a[1-2]"));
        assertThat(c.transport().allowInsecure()).isTrue();
        assertThat(c.hosts().toRangedString()).isEqualTo("a[1-2]:10001");
    }
}
