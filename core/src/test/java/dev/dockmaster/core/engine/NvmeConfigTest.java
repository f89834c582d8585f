package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.BdevRole;
import dev.dockmaster.core.config.StorageClass;
import dev.dockmaster.core.config.StorageTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NvmeConfigTest {

    @TempDir
    Path dir;

    private static StorageTier scm() {
        return new StorageTier(0, StorageClass.RAM, "/mnt/daos0", List.of(), 4, false, List.of(), 0, 0, "", Set.of());
    }

    private static StorageTier bdev(int tier, StorageClass cls, Set<BdevRole> roles, String... devices) {
        return new StorageTier(tier, cls, "", List.of(), 0, false, List.of(devices), cls == StorageClass.FILE ? 2 : 0,
                0, "", roles);
    }

    /** JSON is YAML: parsing with snakeyaml checks the text is well formed and gives a tree to look into. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bdevSubsystem(String json) {
        Map<String, Object> root = new Yaml().load(json);
        List<Map<String, Object>> subsystems = (List<Map<String, Object>>) root.get("subsystems");
        assertThat(subsystems).singleElement().extracting(s -> s.get("subsystem")).isEqualTo("bdev");
        return (List<Map<String, Object>>) subsystems.get(0).get("config");
    }

    static Stream<Arguments> devices() {
        return Stream.of(
                Arguments.of("nvme", List.of(bdev(1, StorageClass.NVME, Set.of(), "0000:81:00.0", "0000:82:00.0")),
                        List.of(Map.of("method", "bdev_nvme_attach_controller", "params",
                                        Map.of("trtype", "PCIe", "name", "Nvme_node1_0_1_0", "traddr", "0000:81:00.0")),
                                Map.of("method", "bdev_nvme_attach_controller", "params",
                                        Map.of("trtype", "PCIe", "name", "Nvme_node1_1_1_0", "traddr",
                                                "0000:82:00.0")))),
                Arguments.of("file", List.of(bdev(1, StorageClass.FILE, Set.of(), "/tmp/daos-bdev0")),
                        List.of(Map.of("method", "bdev_aio_create", "params",
                                Map.of("name", "AIO_node1_0_1_0", "filename", "/tmp/daos-bdev0", "block_size", 4096)))),
                Arguments.of("kdev", List.of(bdev(1, StorageClass.KDEV, Set.of(), "/dev/sdb")),
                        List.of(Map.of("method", "bdev_aio_create", "params",
                                Map.of("name", "AIO_node1_0_1_0", "filename", "/dev/sdb")))),
                Arguments.of("md-on-ssd roles", List.of(bdev(1, StorageClass.NVME, Set.of(BdevRole.WAL), "0000:81:00.0"),
                                bdev(2, StorageClass.NVME, Set.of(BdevRole.META, BdevRole.DATA), "0000:82:00.0")),
                        List.of(Map.of("method", "bdev_nvme_attach_controller", "params",
                                        Map.of("trtype", "PCIe", "name", "Nvme_node1_0_1_4", "traddr", "0000:81:00.0")),
                                Map.of("method", "bdev_nvme_attach_controller", "params",
                                        Map.of("trtype", "PCIe", "name", "Nvme_node1_0_2_3", "traddr",
                                                "0000:82:00.0")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void oneEntryPerDeviceAfterDaosOptionBlocks(String name, List<StorageTier> tiers,
                                                List<Map<String, Object>> expected) {
        List<StorageTier> all = new java.util.ArrayList<>(List.of(scm()));
        all.addAll(tiers);

        List<Map<String, Object>> config = bdevSubsystem(NvmeConfig.render("node1", all, false));

        assertThat(config.get(0)).isEqualTo(Map.of("method", "bdev_set_options",
                "params", Map.of("bdev_io_pool_size", 65536, "bdev_io_cache_size", 256)));
        assertThat(config.get(1)).isEqualTo(Map.of("method", "bdev_nvme_set_options",
                "params", Map.of("retry_count", 4, "timeout_us", 0, "nvme_adminq_poll_period_us", 100000,
                        "action_on_timeout", "none", "nvme_ioq_poll_period_us", 0)));
        assertThat(config.subList(2, config.size())).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void daosDataCarriesDaosOwnMethodsAndHotplugAddsItsBlocks() {
        List<StorageTier> tiers = List.of(scm(), bdev(1, StorageClass.NVME, Set.of(), "0000:81:00.0"));

        Map<String, Object> plain = new Yaml().load(NvmeConfig.render("node1", tiers, false));
        Map<String, Object> hotplug = new Yaml().load(NvmeConfig.render("node1", tiers, true));

        List<Map<String, Object>> daosData = (List<Map<String, Object>>) ((Map<String, Object>) plain
                .get("daos_data")).get("config");
        assertThat(daosData).extracting(m -> m.get("method"))
                .containsExactly("accel_props", "spdk_rpc_srv", "auto_faulty");
        assertThat(bdevSubsystem(NvmeConfig.render("node1", tiers, false))).extracting(m -> m.get("method"))
                .doesNotContain("bdev_nvme_set_hotplug");
        List<Map<String, Object>> hotplugData = (List<Map<String, Object>>) ((Map<String, Object>) hotplug
                .get("daos_data")).get("config");
        assertThat(hotplugData.get(0)).containsEntry("method", "hotplug_busid_range");
        assertThat(bdevSubsystem(NvmeConfig.render("node1", tiers, true))).last().isEqualTo(Map.of(
                "method", "bdev_nvme_set_hotplug", "params", Map.of("enable", true, "period_us", 5000000)));
    }

    @Test
    void writtenIntoTheScmMountAndRemovedWhenTheEngineHasNoBdevs() throws IOException {
        Path mount = dir.resolve("daos0");
        NvmeConfig.write(mount, "node1", List.of(scm(), bdev(1, StorageClass.FILE, Set.of(), "/tmp/f")), false);
        assertThat(mount.resolve("daos_nvme.conf")).exists();
        try (Stream<Path> entries = Files.list(mount)) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("daos_nvme.conf");
        }

        NvmeConfig.write(mount, "node1", List.of(scm()), false);

        assertThat(mount.resolve("daos_nvme.conf")).doesNotExist();
    }

    @Test
    void namesAndPathsAreEscaped() {
        String json = NvmeConfig.render("node1", List.of(scm(),
                bdev(1, StorageClass.FILE, Set.of(), "/tmp/a \"quoted\\ file")), false);

        assertThat(bdevSubsystem(json).get(2).get("params")).isEqualTo(Map.of("name", "AIO_node1_0_1_0",
                "filename", "/tmp/a \"quoted\\ file", "block_size", 4096));
    }
}
