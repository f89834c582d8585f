package dev.dockmaster.spi.engine;

import java.util.List;
import java.util.Objects;

/**
 * One configured storage tier of an engine, as modules need to see it.
 *
 * @param tier the tier's position in the engine's {@code storage} list (0 is SCM)
 * @param storageClass {@code dcpm}, {@code ram}, {@code nvme}, {@code file} or {@code kdev}
 * @param mountPoint {@code scm_mount} for the SCM tier; empty for bdev tiers
 * @param devices {@code scm_list} or {@code bdev_list}
 * @param roleBits MD-on-SSD roles of a bdev tier (data 1, meta 2, wal 4); 0 when none
 */
public record EngineTier(int tier, String storageClass, String mountPoint, List<String> devices, int roleBits) {
    public EngineTier {
        Objects.requireNonNull(storageClass, "storageClass");
        mountPoint = Objects.requireNonNullElse(mountPoint, "");
        devices = List.copyOf(devices);
    }

    public boolean isScm() {
        return tier == 0;
    }
}
