package dev.dockmaster.core.engine;

import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.config.EngineConfig;
import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The daos_engine command line and environment derived from the config, and the choice of the engine binary. */
class EngineCommandLineTest {
    @TempDir
    Path dir;

    private EngineConfig engine(String extra) {
        return TestingServers.config(dir, dir, """
                provider = "ofi+tcp;ofi_rxm"
                crt_timeout = 30
                engines = [ { targets = 8, nr_xs_helpers = 2, pinned_numa_node = 1, fabric_iface = eth0,
                  fabric_iface_port = 31416, log_mask = "ERR,mgmt=DEBUG", log_file = "/tmp/e0.log",
                  bypass_health_chk = true, env_vars = ["ABT_THREAD_STACKSIZE=32768", "D_PORT=40000"],
                  env_pass_through = ["D_KEEP_ME"],
                  storage = [ { class = ram, scm_mount = "/mnt/daos0", scm_size = 4 },
                              { class = file, bdev_list = ["/tmp/bdev0"], bdev_size = 1 } ]
                  %s } ]
                """.formatted(extra)).engines().get(0);
    }

    private static final EngineCommandLine.Common COMMON =
            new EngineCommandLine.Common("daos_server", Path.of("/run/daos"), "", false);

    @Test
    void argumentsAreDaosEngineFlags() {
        assertThat(EngineCommandLine.args(engine(""), COMMON)).containsExactly(
                "-t", "8", "-x", "2", "-g", "daos_server", "-d", "/run/daos", "-s", "/mnt/daos0",
                "-n", "/mnt/daos0/daos_nvme.conf", "-I", "0", "-p", "1", "-T", "2", "-b");
    }

    @Test
    void firstCoreIsPassedWhenSet() {
        assertThat(String.join(" ", EngineCommandLine.args(engine(", first_core = 0"), COMMON)))
                .contains("-x 2 -f 0 -g");
    }

    @Test
    void environmentHasTheFabricAndLogSettingsThenEnvVarsWhichWin() {
        Map<String, String> env = EngineCommandLine.env(engine(""),
                new EngineCommandLine.Common("daos_server", Path.of("/run/daos"), "secret", true),
                Map.of("PATH", "/usr/bin", "HOME", "/home/u", "D_LOG_MASK", "DEBUG", "D_KEEP_ME", "1",
                        "CRT_PHY_ADDR_STR", "ofi+verbs"));

        assertThat(env).containsEntry("D_PROVIDER", "ofi+tcp;ofi_rxm").containsEntry("D_INTERFACE", "eth0")
                .containsEntry("CRT_TIMEOUT", "30").containsEntry("D_LOG_MASK", "ERR,mgmt=DEBUG")
                .containsEntry("D_LOG_FILE", "/tmp/e0.log").containsEntry("VOS_BDEV_CLASS", "AIO")
                .containsEntry("D_PROVIDER_AUTH_KEY", "secret").containsEntry("FI_OFI_RXM_USE_SRX", "0")
                .containsEntry("ABT_THREAD_STACKSIZE", "32768")
                .containsEntry("PATH", "/usr/bin").containsEntry("HOME", "/home/u")
                .containsEntry("D_KEEP_ME", "1");
        assertThat(env.get("D_PORT")).as("env_vars win").isEqualTo("40000");
        assertThat(env).as("engine settings of the server's own environment do not leak")
                .doesNotContainKey("CRT_PHY_ADDR_STR");
    }

    @Test
    void theDefaultBinaryIsTheInstallationsDaosEngine() {
        assertThat(EngineBinary.resolve("", Optional.of(Path.of("/opt/dm")), "/usr/bin"))
                .isEqualTo(Path.of("/opt/dm/bin/daos_engine"));
        assertThat(EngineBinary.resolve("engines/daos_engine", Optional.of(Path.of("/opt/dm")), ""))
                .isEqualTo(Path.of("/opt/dm/engines/daos_engine"));
        assertThat(EngineBinary.resolve("/usr/bin/daos_engine", Optional.of(Path.of("/opt/dm")), ""))
                .isEqualTo(Path.of("/usr/bin/daos_engine"));
    }

    @Test
    void withoutAnInstallationTheBinaryIsFoundOnThePath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path engine = Files.createFile(bin.resolve("daos_engine"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(EngineBinary.resolve("", Optional.empty(), "/nonexistent:" + bin)).isEqualTo(engine);
    }

    @Test
    void aMissingOrNonExecutableBinaryIsAClearFault() throws IOException {
        assertThatThrownBy(() -> EngineBinary.check(dir.resolve("nope"))).isInstanceOfSatisfying(Fault.class,
                f -> {
                    assertThat(f.code()).isEqualTo(EngineFaults.ENGINE_BINARY);
                    assertThat(f.description()).contains("nope").contains("does not exist");
                    assertThat(f.resolution()).contains("engine_binary");
                });
        Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
        assertThatThrownBy(() -> EngineBinary.check(plain)).isInstanceOf(Fault.class)
                .hasMessageContaining("not executable");
        plain.toFile().setExecutable(true);
        assertThat(EngineBinary.check(plain)).isEqualTo(plain);
    }
}
