package dev.dockmaster.spi.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * A persistent-memory namespace (a block device such as {@code pmem0}).
 *
 * @param uuid namespace UUID
 * @param blockDevice block device name, such as {@code pmem0}
 * @param device ndctl device name, such as {@code namespace0.0}
 * @param numaNode NUMA node the namespace is attached to
 * @param sizeBytes capacity
 * @param mount where it is mounted, if it is
 */
public record ScmNamespace(String uuid, String blockDevice, String device, int numaNode, long sizeBytes,
                           Optional<MountUsage> mount) {
    public ScmNamespace {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(blockDevice, "blockDevice");
        device = Objects.requireNonNullElse(device, "");
        Objects.requireNonNull(mount, "mount");
    }
}
