package dev.dockmaster.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of an engine's {@code storage} list. Tier 0 is the SCM tier ({@code dcpm} or {@code ram}); tiers 1..3
 * are bdev tiers ({@code nvme}, {@code file}, {@code kdev}). Fields that do not apply to the class are empty or 0.
 *
 * @param tier                 position in the list, 0 first
 * @param storageClass         {@code class}
 * @param scmMount             {@code scm_mount}: where the SCM tier is mounted
 * @param scmList              {@code scm_list}: the PMem device of a dcpm tier (exactly one)
 * @param scmSize              {@code scm_size}: tmpfs size in GiB for ram; 0 = computed at start
 * @param scmHugepagesDisabled {@code scm_hugepages_disabled}: mount the tmpfs without huge pages
 * @param bdevList             {@code bdev_list}: PCI addresses (nvme), files (file) or block devices (kdev)
 * @param bdevSize             {@code bdev_size}: size in GiB of each file of a file tier
 * @param bdevNumber           {@code bdev_number}: legacy device count, kept for compatibility
 * @param bdevBusidRange       {@code bdev_busid_range}: hotplug PCI bus filter such as {@code 0x80-0x8f}; empty = all
 * @param bdevRoles            {@code bdev_roles}: MD-on-SSD roles; empty = no MD-on-SSD
 */
public record StorageTier(
        int tier,
        StorageClass storageClass,
        String scmMount,
        List<String> scmList,
        int scmSize,
        boolean scmHugepagesDisabled,
        List<String> bdevList,
        int bdevSize,
        int bdevNumber,
        String bdevBusidRange,
        Set<BdevRole> bdevRoles) {

    public StorageTier {
        Objects.requireNonNull(storageClass, "storageClass");
        scmMount = scmMount == null ? "" : scmMount;
        scmList = List.copyOf(scmList);
        bdevList = List.copyOf(bdevList);
        bdevBusidRange = bdevBusidRange == null ? "" : bdevBusidRange;
        bdevRoles = Set.copyOf(bdevRoles);
    }

    public boolean isScm() {
        return storageClass.isScm();
    }

    public boolean isBdev() {
        return storageClass.isBdev();
    }
}
