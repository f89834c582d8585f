package dev.dockmaster.core.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every rejection path of the server configuration: the fault code, the key, and the file line the problem points
 * at (the first line containing {@code marker}).
 */
class ServerConfigRejectionTest {

    @TempDir
    Path dir;

    /** A valid single-engine configuration; cases replace parts of it. */
    static final String ENGINE_BASE = """
            name: daos_server
            access_points: [localhost]
            provider: ofi+tcp;ofi_rxm
            transport_config:
              allow_insecure: true
            engines:
              - targets: 4
                fabric_iface: eth0
                fabric_iface_port: 31416
                log_file: /tmp/engine0.log
                storage:
                  - class: ram
                    scm_mount: /mnt/daos0
                  - class: file
                    bdev_list: [/tmp/bdev0]
                    bdev_size: 1
            """;

    static final String SECOND_ENGINE = """
              - targets: 4
                fabric_iface: eth0
                fabric_iface_port: 31417
                log_file: /tmp/engine1.log
                storage:
                  - class: ram
                    scm_mount: /mnt/daos1
                  - class: file
                    bdev_list: [/tmp/bdev1]
                    bdev_size: 1
            """;

    static String base(String from, String to) {
        if (!ENGINE_BASE.contains(from)) {
            throw new IllegalArgumentException("base has no " + from);
        }
        return ENGINE_BASE.replace(from, to);
    }

    static String twoEngines(String from, String to) {
        String second = SECOND_ENGINE.replace(from, to);
        if (second.equals(SECOND_ENGINE)) {
            throw new IllegalArgumentException("second engine has no " + from);
        }
        return ENGINE_BASE + second;
    }

    static String storage(String tiers) {
        return ENGINE_BASE.substring(0, ENGINE_BASE.indexOf("    storage:")) + "    storage:\n" + tiers;
    }

    static Arguments reject(String name, String yaml, int code, String key, String marker) {
        return Arguments.of(name, yaml, code, key, marker);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // top level
                reject("port zero", "port: 0\n", 703, "port", "port:"),
                reject("port too large", "port: 70000\n", 703, "port", "port:"),
                reject("port not a number", "name: x\nport: abc\n", 701, "port", "port:"),
                reject("negative telemetry port", "telemetry_port: -1\n", 704, "telemetry_port", "telemetry_port"),
                reject("even access points", "access_points: [a, b]\n", 706, "access_points", "access_points"),
                reject("no access points", "access_points: []\n", 705, "access_points", "access_points"),
                reject("duplicate access points", "access_points: [a, 'a:10001', c]\n", 705, "access_points",
                        "access_points"),
                reject("access point bad port", "access_points: ['a:x']\n", 703, "access_points", "access_points"),
                reject("access point unbracketed ipv6", "access_points: ['fe80::1']\n", 705, "access_points",
                        "access_points"),
                reject("system name too long", "name: sixteen_chars_xx\n", 701, "name", "name:"),
                reject("unknown top-level key", "port: 10001\nacces_points: [a]\n", 701, "acces_points",
                        "acces_points"),
                reject("bad control log mask", "control_log_mask: LOUD\n", 701, "control_log_mask",
                        "control_log_mask"),
                reject("fault path and callback", "fault_path: /r1/h1\nfault_cb: /etc/daos/cb.sh\n", 722, "fault_cb",
                        "fault_cb"),
                reject("fault path too deep", "fault_path: /a/b/c\n", 724, "fault_path", "fault_path"),
                reject("fault path relative", "fault_path: rack1\n", 717, "fault_path", "fault_path"),
                reject("negative hugepages", "nr_hugepages: -1\n", 725, "nr_hugepages", "nr_hugepages"),
                reject("hugepages beyond int", "nr_hugepages: 3000000000\n", 725, "nr_hugepages", "nr_hugepages"),
                reject("no system ram reserved", "system_ram_reserved: 0\n", 734, "system_ram_reserved",
                        "system_ram_reserved"),
                reject("metadata device without path", "control_metadata:\n  device: /dev/sdb1\n", 729,
                        "control_metadata.device", "device:"),
                reject("metadata path without engines", "control_metadata:\n  path: /var/daos\n", 317,
                        "control_metadata", "control_metadata"),
                reject("unknown transport key", "transport_config:\n  allow_insecur: true\n", 701,
                        "transport_config.allow_insecur", "allow_insecur"),
                reject("transport not a block", "transport_config: insecure\n", 701, "transport_config",
                        "transport_config"),
                reject("insecure not boolean", "transport_config:\n  allow_insecure: maybe\n", 701,
                        "transport_config.allow_insecure", "allow_insecure"),
                reject("two providers", "provider: ofi+tcp,ucx+dc_x\n", 707, "provider", "provider"),
                reject("client env var without value", "client_env_vars: [FOO]\n", 701, "client_env_vars",
                        "client_env_vars"),
                reject("core dump filter not a byte", "core_dump_filter: 0x1ff\n", 701, "core_dump_filter",
                        "core_dump_filter"),
                reject("plugin enabled and disabled", "plugins:\n  enabled: [a]\n  disabled: [a]\n", 701,
                        "plugins.disabled", "disabled:"),
                reject("mandatory plugin disabled", "plugins:\n  disabled: [a]\n  mandatory: [a]\n", 701,
                        "plugins.mandatory", "mandatory:"),
                reject("unknown plugins key", "plugins:\n  directory: /opt\n", 701, "plugins.directory",
                        "directory"),
                reject("module enabled not boolean", "modules:\n  telemetry:\n    enabled: maybe\n", 701,
                        "modules.telemetry.enabled", "enabled"),
                reject("module block not a block", "modules:\n  telemetry: off\n", 701, "modules.telemetry",
                        "telemetry"),
                reject("engines not a list", "engines: 2\n", 701, "engines", "engines"),

                // one engine
                reject("provider missing with engines", base("provider: ofi+tcp;ofi_rxm\n", ""), 707, "provider",
                        "engines:"),
                reject("unknown engine key", base("targets: 4", "targest: 4"), 701, "engines[0].targest",
                        "targest"),
                reject("zero targets", base("targets: 4", "targets: 0"), 701, "engines[0].targets", "targets"),
                reject("negative helpers", base("targets: 4", "targets: 4\n    nr_xs_helpers: -1"), 701,
                        "engines[0].nr_xs_helpers", "nr_xs_helpers"),
                reject("first core and numa pin", base("targets: 4",
                        "targets: 4\n    first_core: 2\n    pinned_numa_node: 0"), 701, "engines[0].first_core",
                        "first_core"),
                reject("no fabric iface", base("    fabric_iface: eth0\n", ""), 701, "engines[0].fabric_iface",
                        "- targets"),
                reject("no fabric port", base("    fabric_iface_port: 31416\n", ""), 701,
                        "engines[0].fabric_iface_port", "- targets"),
                reject("bad engine log mask", base("targets: 4", "targets: 4\n    log_mask: LOUD"), 701,
                        "engines[0].log_mask", "log_mask"),
                reject("bad log subsystem", base("targets: 4", "targets: 4\n    log_mask: ERR,nosuch=DEBUG"),
                        701, "engines[0].log_mask", "log_mask"),
                reject("env var without value", base("targets: 4", "targets: 4\n    env_vars: [CRT_TIMEOUT]"),
                        701, "engines[0].env_vars", "env_vars"),
                reject("unknown acceleration engine", base("targets: 4",
                        "targets: 4\n    acceleration:\n      engine: gpu"), 307, "engines[0].acceleration.engine",
                        "engine: gpu"),
                reject("no storage", base("    storage:\n      - class: ram\n        scm_mount: /mnt/daos0\n"
                        + "      - class: file\n        bdev_list: [/tmp/bdev0]\n        bdev_size: 1\n", ""), 701,
                        "engines[0].storage", "- targets"),
                reject("unknown tier key", base("scm_mount: /mnt/daos0", "scm_mnt: /mnt/daos0"), 701,
                        "engines[0].storage[0].scm_mnt", "scm_mnt"),
                reject("unsupported class malloc", base("class: file", "class: malloc"), 701,
                        "engines[0].storage[1].class", "malloc"),
                reject("tier without class", base("      - class: file\n", "      - bdev_size: 2\n"), 701,
                        "engines[0].storage[1].class", "bdev_size: 2"),
                reject("no scm tier", storage("      - class: file\n        bdev_list: [/tmp/b]\n"
                        + "        bdev_size: 1\n"), 216, "engines[0].storage", "storage:"),
                reject("scm tier not first", storage("      - class: file\n        bdev_list: [/tmp/b]\n"
                        + "        bdev_size: 1\n      - class: ram\n        scm_mount: /mnt/d\n"), 701,
                        "engines[0].storage", "storage:"),
                reject("two scm tiers", storage("      - class: ram\n        scm_mount: /mnt/a\n"
                        + "      - class: ram\n        scm_mount: /mnt/b\n"), 701, "engines[0].storage", "storage:"),
                reject("scm without mount", base("        scm_mount: /mnt/daos0\n", ""), 701,
                        "engines[0].storage[0].scm_mount", "class: ram"),
                reject("ram disk too small", base("scm_mount: /mnt/daos0", "scm_mount: /mnt/daos0\n"
                        + "        scm_size: 2"), 730, "engines[0].storage[0].scm_size", "scm_size"),
                reject("ram with scm list", base("scm_mount: /mnt/daos0", "scm_mount: /mnt/daos0\n"
                        + "        scm_list: [/dev/pmem0]"), 701, "engines[0].storage[0].scm_list", "scm_list"),
                reject("dcpm without scm list", base("class: ram", "class: dcpm"), 701,
                        "engines[0].storage[0].scm_list", "class: dcpm"),
                reject("dcpm with scm size", base("class: ram\n        scm_mount: /mnt/daos0",
                        "class: dcpm\n        scm_mount: /mnt/daos0\n        scm_list: [/dev/pmem0]\n"
                                + "        scm_size: 16"), 701, "engines[0].storage[0].scm_size", "scm_size"),
                reject("dcpm with two devices", base("class: ram\n        scm_mount: /mnt/daos0",
                        "class: dcpm\n        scm_mount: /mnt/daos0\n        scm_list: [/dev/pmem0, /dev/pmem1]"),
                        701, "engines[0].storage[0].scm_list", "scm_list"),
                reject("bdev key on scm tier", base("scm_mount: /mnt/daos0", "scm_mount: /mnt/daos0\n"
                        + "        bdev_size: 4"), 701, "engines[0].storage[0].bdev_size", "bdev_size: 4"),
                reject("file without size", base("        bdev_size: 1\n", ""), 701,
                        "engines[0].storage[1].bdev_size", "class: file"),
                reject("file with empty list", base("bdev_list: [/tmp/bdev0]", "bdev_list: []"), 701,
                        "engines[0].storage[1].bdev_list", "bdev_list"),
                reject("duplicate bdev", base("bdev_list: [/tmp/bdev0]", "bdev_list: [/tmp/b, /tmp/b]"), 305,
                        "engines[0].storage[1].bdev_list", "bdev_list"),
                reject("nvme with paths", base("class: file\n        bdev_list: [/tmp/bdev0]\n        bdev_size: 1",
                        "class: nvme\n        bdev_list: [/tmp/bdev0]"), 701, "engines[0].storage[1].bdev_list",
                        "bdev_list"),
                reject("nvme bad pci address", base("class: file\n        bdev_list: [/tmp/bdev0]\n"
                        + "        bdev_size: 1", "class: nvme\n        bdev_list: ['0000:zz:00.0']"), 303,
                        "engines[0].storage[1].bdev_list", "bdev_list"),
                reject("nvme mixed with file", base("        bdev_size: 1\n", "        bdev_size: 1\n"
                        + "      - class: nvme\n        bdev_list: ['0000:81:00.0']\n"), 309, "engines[0].storage",
                        "storage:"),
                reject("bad busid range", base("bdev_size: 1", "bdev_size: 1\n        bdev_busid_range: 0x90-0x80"),
                        701, "engines[0].storage[1].bdev_busid_range", "bdev_busid_range"),
                reject("unknown bdev role", base("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [journal]"),
                        308, "engines[0].storage[1].bdev_roles", "bdev_roles"),
                reject("two bdev tiers without roles", base("        bdev_size: 1\n", "        bdev_size: 1\n"
                        + "      - class: file\n        bdev_list: [/tmp/bdev9]\n        bdev_size: 1\n"), 315,
                        "engines[0].storage", "storage:"),
                reject("roles without control metadata",
                        base("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [wal, meta, data]"), 318,
                        "engines[0].storage", "storage:"),
                reject("wal and data without meta", "control_metadata:\n  path: /var/daos\n"
                        + base("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [wal, data]"), 319,
                        "engines[0].storage", "storage:"),
                reject("roles on some tiers only", "control_metadata:\n  path: /var/daos\n"
                        + base("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [wal, meta, data]\n"
                        + "      - class: file\n        bdev_list: [/tmp/bdev9]\n        bdev_size: 1"), 314,
                        "engines[0].storage", "storage:"),
                reject("roles missing data", "control_metadata:\n  path: /var/daos\n"
                        + base("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [wal, meta]"), 313,
                        "engines[0].storage", "storage:"),
                reject("roles with dcpm", "control_metadata:\n  path: /var/daos\n"
                        + base("class: ram\n        scm_mount: /mnt/daos0\n", "class: dcpm\n"
                        + "        scm_mount: /mnt/daos0\n        scm_list: [/dev/pmem0]\n")
                        .replace("bdev_size: 1", "bdev_size: 1\n        bdev_roles: [wal, meta, data]"), 312,
                        "engines[0].storage", "storage:"),
                reject("control metadata without roles", "control_metadata:\n  path: /var/daos\n" + ENGINE_BASE,
                        317, "engines[0].storage", "storage:"),
                reject("hugepages disabled with bdevs", "disable_hugepages: true\n" + ENGINE_BASE, 726,
                        "disable_hugepages", "disable_hugepages"),
                reject("bdev exclude clash", "bdev_exclude: ['0000:81:00.0']\n" + base("class: file\n"
                        + "        bdev_list: [/tmp/bdev0]\n        bdev_size: 1", "class: nvme\n"
                        + "        bdev_list: ['0000:81:00.0']"), 735, "bdev_exclude", "bdev_exclude"),

                // several engines
                reject("duplicate fabric", twoEngines("fabric_iface_port: 31417", "fabric_iface_port: 31416"), 709,
                        "engines[1].fabric_iface_port", "fabric_iface_port: 31416\n    log_file: /tmp/engine1.log"),
                reject("duplicate log file", twoEngines("/tmp/engine1.log", "/tmp/engine0.log"), 710,
                        "engines[1].log_file", "log_file: /tmp/engine0.log\n    storage:\n      - class: ram\n        scm_mount: /mnt/daos1"),
                reject("duplicate scm mount", twoEngines("/mnt/daos1", "/mnt/daos0"), 711, "engines[1].storage",
                        "storage:\n      - class: ram\n        scm_mount: /mnt/daos0\n      - class: file\n        bdev_list: [/tmp/bdev1]"),
                reject("overlapping bdevs", twoEngines("/tmp/bdev1", "/tmp/bdev0"), 713, "engines[1].storage",
                        "storage:\n      - class: ram\n        scm_mount: /mnt/daos1"),
                reject("target count mismatch", twoEngines("targets: 4", "targets: 8"), 715, "engines[1].targets",
                        "targets: 8"),
                reject("helper count mismatch", twoEngines("targets: 4", "targets: 4\n    nr_xs_helpers: 1"), 716,
                        "engines[1].nr_xs_helpers", "nr_xs_helpers"),
                reject("scm class differs", twoEngines("class: ram\n        scm_mount: /mnt/daos1",
                        "class: dcpm\n        scm_mount: /mnt/daos1\n        scm_list: [/dev/pmem1]"), 732,
                        "engines[1].storage", "storage:\n      - class: dcpm"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejects(String name, String yaml, int code, String key, String marker) throws IOException {
        Path file = dir.resolve("daos_server.yml");
        Files.writeString(file, yaml);
        int line = lineOf(yaml, marker);

        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.load(file, Map.of()));

        assertThat(e.problems())
                .as("problems of %s:%n%s", name, e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(code);
                    assertThat(p.key()).isEqualTo(key);
                    assertThat(p.origin()).isEqualTo(file + ":" + line);
                    assertThat(p.resolution()).isNotBlank();
                });
        assertThat(e.getMessage()).contains(file + ":" + line + ": " + key + ": ").contains("[code " + code + "]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hoconGivesTheSameCodeAndKey(String name, String yaml, int code, String key, String marker)
            throws Exception {
        // the same document, re-expressed as JSON (valid HOCON), must be rejected for the same reason
        Object tree = new org.yaml.snakeyaml.Yaml().load(yaml);
        String json = com.typesafe.config.ConfigValueFactory.fromAnyRef(tree).render(
                com.typesafe.config.ConfigRenderOptions.concise());
        Path file = dir.resolve("daos_server.conf");
        Files.writeString(file, json);

        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.load(file, Map.of()));

        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(code);
                    assertThat(p.key()).isEqualTo(key);
                    assertThat(p.origin()).startsWith(file.toString());
                });
    }

    static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("marker not found: " + marker);
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    interface Load {
        ServerConfig run() throws InvalidConfigException;
    }

    static InvalidConfigException catchInvalid(Load load) {
        try {
            ServerConfig config = load.run();
            return fail("expected the configuration to be rejected, got " + config);
        } catch (InvalidConfigException e) {
            return e;
        }
    }

    @org.junit.jupiter.api.Test
    void reportsEveryProblemNotOnlyTheFirst() throws IOException {
        Path file = dir.resolve("daos_server.yml");
        Files.writeString(file, "port: 0\ntelemetry_port: -5\naccess_points: [a, b]\nbogus: 1\n");

        InvalidConfigException e = catchInvalid(() -> ServerConfigLoader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::code).containsExactlyInAnyOrder(703, 704, 706, 701);
        assertThat(e.getMessage().lines()).hasSize(4);
    }

    @org.junit.jupiter.api.Test
    void noProblemForTheBaseConfigurations() throws Exception {
        for (String yaml : List.of(ENGINE_BASE, ENGINE_BASE + SECOND_ENGINE)) {
            Path file = dir.resolve("daos_server.yml");
            Files.writeString(file, yaml);
            assertThat(ServerConfigLoader.load(file, Map.of()).engines()).isNotEmpty();
        }
        assertThatThrownBy(() -> ServerConfigLoader.load(dir.resolve("absent.yml"), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("not found");
    }
}
