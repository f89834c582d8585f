package dev.dockmaster.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code class} of a storage tier. Exactly these five values are accepted, as in DAOS 2.6; {@code malloc} and
 * anything else is rejected when the file is read.
 */
public enum StorageClass {
    /** PMem namespace formatted ext4 with DAX (tier 0). */
    DCPM(true),
    /** tmpfs in RAM standing in for SCM (tier 0); required for MD-on-SSD. */
    RAM(true),
    /** Real NVMe SSDs driven by SPDK, addressed by PCI address. */
    NVME(false),
    /** Regular files emulating NVMe through AIO. */
    FILE(false),
    /** Kernel block devices driven through AIO. */
    KDEV(false);

    private final boolean scm;

    StorageClass(boolean scm) {
        this.scm = scm;
    }

    /** The value as written in daos_server.yml. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isScm() {
        return scm;
    }

    public boolean isBdev() {
        return !scm;
    }

    /** Emulated NVMe (file or kdev), which may not be mixed with real NVMe in one engine. */
    public boolean isEmulatedNvme() {
        return this == FILE || this == KDEV;
    }

    public static Optional<StorageClass> fromConfigName(String value) {
        return Arrays.stream(values()).filter(c -> c.configName().equals(value)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(StorageClass::configName).toList();
    }
}
