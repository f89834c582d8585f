package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.StorageClass;
import dev.dockmaster.core.config.StorageTier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPDK JSON configuration an engine reads at start, {@code <scm_mount>/daos_nvme.conf}: DAOS's own section
 * ({@code daos_data}) and SPDK's {@code bdev} subsystem with the option blocks DAOS 2.6 writes and one entry per
 * device: {@code bdev_nvme_attach_controller} for an NVMe PCI address, {@code bdev_aio_create} for a file or kernel
 * block device. An engine without bdev tiers gets no file.
 *
 * <p>Device names follow DAOS: {@code <Nvme|AIO>_<host>_<index in tier>_<tier>_<role bits>}.
 */
public final class NvmeConfig {
    public static final String FILE_NAME = "daos_nvme.conf";
    /** Block size DAOS declares for file-backed AIO bdevs. */
    static final int AIO_FILE_BLOCK_SIZE = 4096;
    static final long HOTPLUG_PERIOD_US = 5_000_000L;

    private NvmeConfig() {
    }

    /**
     * The configuration text for an engine's bdev tiers.
     *
     * @param hostname used in device names
     * @param tiers the engine's bdev tiers (the SCM tier, if passed, is ignored)
     * @param enableHotplug {@code enable_hotplug}: add the hotplug monitor and bus-id range
     */
    public static String render(String hostname, List<StorageTier> tiers, boolean enableHotplug) {
        List<String> devices = new ArrayList<>();
        for (StorageTier tier : tiers) {
            if (!tier.isBdev()) {
                continue;
            }
            int roleBits = tier.bdevRoles().stream().mapToInt(r -> r.bit()).sum();
            for (int i = 0; i < tier.bdevList().size(); i++) {
                String device = tier.bdevList().get(i);
                String suffix = "_" + hostname + "_" + i + "_" + tier.tier() + "_" + roleBits;
                if (tier.storageClass() == StorageClass.NVME) {
                    devices.add(method("bdev_nvme_attach_controller", "\"trtype\": \"PCIe\", \"name\": "
                            + str("Nvme" + suffix) + ", \"traddr\": " + str(device)));
                } else {
                    String params = "\"name\": " + str("AIO" + suffix) + ", \"filename\": " + str(device);
                    if (tier.storageClass() == StorageClass.FILE) {
                        params += ", \"block_size\": " + AIO_FILE_BLOCK_SIZE;
                    }
                    devices.add(method("bdev_aio_create", params));
                }
            }
        }

        List<String> daosData = new ArrayList<>();
        if (enableHotplug) {
            daosData.add(method("hotplug_busid_range", "\"begin\": 0, \"end\": 255"));
        }
        daosData.add(method("accel_props", "\"accel_engine\": \"\", \"accel_opts\": 0"));
        daosData.add(method("spdk_rpc_srv", "\"enable\": false, \"sock_addr\": \"\""));
        daosData.add(method("auto_faulty", "\"enable\": false, \"max_io_errs\": 0, \"max_csum_errs\": 0"));

        List<String> bdev = new ArrayList<>();
        bdev.add(method("bdev_set_options", "\"bdev_io_pool_size\": 65536, \"bdev_io_cache_size\": 256"));
        bdev.add(method("bdev_nvme_set_options", "\"retry_count\": 4, \"timeout_us\": 0, "
                + "\"nvme_adminq_poll_period_us\": 100000, \"action_on_timeout\": \"none\", "
                + "\"nvme_ioq_poll_period_us\": 0"));
        bdev.addAll(devices);
        if (enableHotplug) {
            bdev.add(method("bdev_nvme_set_hotplug", "\"enable\": true, \"period_us\": " + HOTPLUG_PERIOD_US));
        }

        return "{\n"
                + "  \"daos_data\": {\n"
                + "    \"config\": [\n" + join(daosData, "      ") + "\n    ]\n"
                + "  },\n"
                + "  \"subsystems\": [\n"
                + "    {\n"
                + "      \"subsystem\": \"bdev\",\n"
                + "      \"config\": [\n" + join(bdev, "        ") + "\n      ]\n"
                + "    }\n"
                + "  ]\n"
                + "}\n";
    }

    /**
     * Writes (or, for an engine without bdevs, removes) the engine's config in {@code scmMount}, through a temporary
     * file and a rename so an engine never reads half a file.
     */
    public static void write(Path scmMount, String hostname, List<StorageTier> tiers, boolean enableHotplug) {
        Path target = scmMount.resolve(FILE_NAME);
        try {
            if (tiers.stream().noneMatch(StorageTier::isBdev)) {
                Files.deleteIfExists(target);
                return;
            }
            Files.createDirectories(scmMount);
            Path temp = scmMount.resolve("." + FILE_NAME + ".tmp");
            Files.writeString(temp, render(hostname, tiers, enableHotplug), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            throw EngineFaults.nvmeConfWrite(target, e);
        }
    }

    private static String method(String name, String params) {
        return "{\"params\": {" + params + "}, \"method\": " + str(name) + "}";
    }

    private static String join(List<String> entries, String indent) {
        return indent + String.join(",\n" + indent, entries);
    }

    private static String str(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
